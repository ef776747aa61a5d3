using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Ingest;

/// <summary>
/// Brings article text scraped from the web into one canonical form before any offsets are taken:
/// \n line ends, no BOM, no stray HTML tags or entities, plain spaces, NFC.
/// </summary>
public static partial class TextCleaner
{
    public static string Clean(string text)
    {
        var s = text.Replace("\r\n", "\n").Replace('\r', '\n');
        s = StripHtml(s);
        s = WebUtility.HtmlDecode(s);
        s = NormaliseCharacters(s);
        s = CanonicalComposer.ToNfc(s);
        return TrailingSpaces().Replace(s, "");
    }

    /// <summary>
    /// Removes HTML markup that leaks into plain text (a copyright span, a line break tag) and keeps the inner text.
    /// Only things that look like tags are touched, so "a < b" or "<3" survive.
    /// </summary>
    public static string StripHtml(string text)
    {
        if (text.IndexOf('<') < 0) return text;
        var s = HtmlComment().Replace(text, "");
        s = ScriptOrStyle().Replace(s, "");
        s = LineBreakTag().Replace(s, "\n");
        return AnyTag().Replace(s, "");
    }

    private static string NormaliseCharacters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\uFEFF': case '\u200B': case '\u200C': case '\u200D': case '\u2060': case '\u00AD':
                    break; // BOM, zero-width characters and soft hyphens would split words invisibly
                case '\u00A0': case '\u2007': case '\u202F': case '\u2009': case '\u200A': case '\t':
                    sb.Append(' ');
                    break;
                case '\u2028': case '\u2029': case '\u0085':
                    sb.Append('\n');
                    break;
                default:
                    if (char.IsControl(c) && c != '\n') break; // stray control characters carry no text
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]*)?/?>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ ]+(?=\n|$)")]
    private static partial Regex TrailingSpaces();
}
