using System.Text;

namespace Lagebild.Knowledge;

/// <summary>Keys for look-ups: lower case, typographic apostrophes and dashes folded.</summary>
public static class Normalize
{
    public static string Key(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '’' or '‘' or '´' or '`' => '\'',
                '‐' or '‑' or '–' => '-',
                _ => char.ToLowerInvariant(ch),
            });
        }
        return sb.ToString();
    }
}
