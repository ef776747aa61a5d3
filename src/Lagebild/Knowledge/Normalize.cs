using System.Globalization;
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

    /// <summary>Accent-free lower case, for matching names written with or without diacritics.</summary>
    public static string Fold(string s)
    {
        var d = Key(s).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var ch in d)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString();
    }
}
