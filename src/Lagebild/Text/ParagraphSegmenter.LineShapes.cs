using System.Text.RegularExpressions;

namespace Lagebild.Text;

/// <summary>The shapes of single lines the segmenter recognises: credits, date lines, plugs, headings.</summary>
public sealed partial class ParagraphSegmenter
{
    /// <summary>Agencies and photo services that make a slash list at the end of a line a credit.</summary>
    private static readonly HashSet<string> CreditNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "AP", "dpa", "AFP", "Reuters", "EPA", "Getty", "Imago", "Keystone", "Sputnik", "TASS", "Xinhua", "ANP",
        "Anadolu", "Shutterstock", "ZUMA", "SIPA", "Pool", "Bloomberg", "UPI", "ddp", "KNA", "epd", "APA", "Belga",
        "SDA", "Kyodo", "Yonhap", "EFE", "Ukrinform", "AA", "IANS", "PTI", "Wana", "dpa-AFX",
    };

    /// <summary>
    /// "…Bauart.Efrem Lukatsky/AP/dpa", "Wien / DasFazit": capitalised names separated by slashes at the end of
    /// the line. Needs three parts, a known agency, or the whole line being the credit, so "Ukraine/Russland" in a
    /// heading is not enough.
    /// </summary>
    private static bool IsCredit(string t)
    {
        var m = CreditAtEnd().Match(t);
        if (!m.Success || EndsSentence(t)) return false;
        var parts = m.Value.Trim().TrimEnd(')').Split('/', StringSplitOptions.TrimEntries);
        return parts.Length >= 3 || m.Index == 0
            || parts.Any(p => p.Split(' ').Any(CreditNames.Contains) || CreditNames.Contains(p));
    }

    private static readonly string[] Months =
    [
        "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember", "January", "February", "March", "May", "June", "July", "October", "December",
        "Jan", "Feb", "Mär", "Mrz", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Oct", "Nov", "Dez", "Dec",
    ];

    private static readonly HashSet<string> MonthWords = new(Months, StringComparer.OrdinalIgnoreCase);

    /// <summary>Everything else a date, time or timestamp line may consist of.</summary>
    private static readonly HashSet<string> DateWords = new(Months.Concat(
    [
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        "Uhr", "am", "um", "den", "vom", "at", "on", "AM", "PM", "a", "m", "p", "MEZ", "MESZ", "CET", "CEST", "UTC",
        "GMT", "EST", "EDT", "PST", "ET", "Stand", "Aktualisiert", "Updated", "Published", "Veröffentlicht",
        "Zuletzt", "Last", "Datum", "Date", "vor", "Stunden", "Stunde", "Minuten", "Minute", "Tagen", "hours", "hour",
        "minutes", "ago", "days", "heute", "gestern", "today", "yesterday", "daily", "täglich",
    ]), StringComparer.OrdinalIgnoreCase);

    /// <summary>"26. November, 2024", "6 October 2022, 05:42 PM", "London, Jan 27", "Stand: 12.05.2024, 10:12 Uhr".</summary>
    private static bool IsDateLine(string t)
    {
        if (t.Length > 80) return false;
        if (AllDateTokens(t)) return true;
        int comma = t.IndexOf(',');   // a dateline: a place, a comma, then the date
        return comma > 0 && PlaceName().IsMatch(t[..comma]) && AllDateTokens(t[(comma + 1)..]);
    }

    private static bool AllDateTokens(string t)
    {
        var tokens = DateSeparators().Split(t).Where(x => x.Length > 0).ToList();
        return tokens.Count > 0
            && tokens.All(x => x.All(char.IsDigit) || TimeOfDay().IsMatch(x) || DateWords.Contains(x))
            && tokens.Any(x => x.Any(char.IsDigit) || MonthWords.Contains(x));
    }

    /// <summary>Two platforms and an invitation ("Folgen Sie uns bei…", "Follow us on…"), or four platforms in one line.</summary>
    private static bool IsSocialPlug(string t)
    {
        int platforms = Platform().Matches(t).Select(m => m.Value.ToLowerInvariant()).Distinct().Count();
        return platforms >= 4 || (platforms >= 2 && PlugInvitation().IsMatch(t));
    }

    // ---- shapes of lines ----

    private static bool EndsSentence(string t) => SentenceEnd().IsMatch(t);

    private static bool LooksLikeTitle(string t) => EndsSentence(t) ? t.Length <= 120 : t.Length <= 300;

    private static bool LooksLikeHeading(string t) =>
        t.Length <= MaxHeadingLength && !EndsSentence(t) && t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords;

    private static bool LooksLikeBody(Line line) =>
        !line.IsBullet && (line.Text.Length > MaxHeadingLength || (EndsSentence(line.Text) && line.Text.Length > 120));

    private static HashSet<string> WordsOf(string t) =>
        Word().Matches(t).Select(m => m.Value.ToLowerInvariant()).ToHashSet();

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"[•·▪◦‣*–-]\s+")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"[\s:.…!]*(\(\d+\))?[\s:.…!]*$")]
    private static partial Regex LineCueTail();

    [GeneratedRegex(@"^[^\p{L}\p{N}]+$")]
    private static partial Regex NoLetters();

    [GeneratedRegex(@"^(https?://|www\.)\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex BareLink();

    [GeneratedRegex(@"^/?[\w.@-]+(/[\w.@-]*)+$")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"(?<![\p{L}\p{N}/])(?:\p{Lu}[\p{L}\p{M}.'’&-]*|dpa|afp|epa|ap|ddp|imago)(?:\s+(?:\p{Lu}[\p{L}\p{M}.'’&-]*|dpa)){0,3}(?:\s*/\s*(?:\p{Lu}[\p{L}\p{M}.'’&-]*|dpa|afp|epa|ap|ddp|imago)(?:\s+\p{Lu}[\p{L}\p{M}.'’&-]*){0,3})+\s*\)?$")]
    private static partial Regex CreditAtEnd();

    [GeneratedRegex(@"[\s,.|/:()\-–—]+")]
    private static partial Regex DateSeparators();

    [GeneratedRegex(@"^\d{1,2}(am|pm|h)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^\p{Lu}[\p{L}.-]*(\s+\p{Lu}[\p{L}.-]*){0,2}$")]
    private static partial Regex PlaceName();

    [GeneratedRegex(@"^(Von|By|Text:|Autor:|Autorin:)\s+\p{Lu}[\p{L}.'-]*(\s+(\p{Lu}[\p{L}.'-]*|von|van|de|der|und|and))*\s*($|[,|•·–-].*$)")]
    private static partial Regex Byline();

    [GeneratedRegex(@"\b(WhatsApp|Facebook|Twitter|Instagram|Pinterest|YouTube|Telegram|TikTok|LinkedIn|Threads|Bluesky|Google News|Flipboard|(?-i:X))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Platform();

    [GeneratedRegex(@"\b([Ff]olgen Sie|[Ff]ollow\b|[Aa]bonnier|[Ss]ubscribe|[Jj]oin us|Teilen Sie|[Ss]hare (this|on)|finden Sie|[Ff]ind us|bei uns|with us|on us)")]
    private static partial Regex PlugInvitation();

    [GeneratedRegex(@"\bnewsletter", RegexOptions.IgnoreCase)]
    private static partial Regex NewsletterWord();

    [GeneratedRegex(@"^[\p{L}&-]+$")]
    private static partial Regex SingleWord();

    [GeneratedRegex(@"[.!?…][""“”„»«’)]*$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<=[.!?""“”»«)])(/[\p{L}]{1,6}){2,}$")]
    private static partial Regex TrailingEditorCode();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
