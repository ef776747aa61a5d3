using System.Globalization;
using Lagebild.Text;

namespace Lagebild.Ingest;

/// <summary>Small helpers that fill a document's metadata when the input does not state it.</summary>
public static partial class ArticleMetadata
{
    /// <summary>Second-level labels under a country code that are not registrable on their own ("co.uk", "com.au").</summary>
    private static readonly HashSet<string> SecondLevelLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "mil", "nic", "gv", "info", "in",
    };

    /// <summary>
    /// The registrable domain of a URL's host: the last two labels, or three under "co.uk"-like suffixes
    /// ("de.nachrichten.yahoo.com" -> "yahoo.com", "www.bbc.co.uk" -> "bbc.co.uk"). Null when there is no host.
    /// </summary>
    public static string? OutletFromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var candidate = url.Contains("://") ? url.Trim() : "http://" + url.Trim();
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
        var labels = uri.Host.ToLowerInvariant().TrimEnd('.').Split('.');
        if (labels.Length <= 2) return string.Join('.', labels);
        if (labels.All(l => l.All(char.IsAsciiDigit))) return uri.Host; // an IP address
        bool underCountrySecondLevel = labels[^1].Length == 2 && SecondLevelLabels.Contains(labels[^2]);
        int keep = underCountrySecondLevel ? 3 : 2;
        return string.Join('.', labels[^keep..]);
    }

    /// <summary>
    /// The language of a text by the built-in character n-gram identifier (<see cref="LanguageIdentifier.Default"/>):
    /// "de", "en", or "und" when the text has too few letters or is not in Latin script.
    /// </summary>
    public static string GuessLanguage(string text) => LanguageIdentifier.Default.Identify(text).Lang;

    /// <summary>Reads "de", "DE", "de-AT", "German"... as a two-letter code; null when unrecognisable.</summary>
    public static string? NormaliseLanguage(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang)) return null;
        var l = lang.Trim().ToLowerInvariant();
        if (l is "german" or "deutsch") return "de";
        if (l is "english" or "englisch") return "en";
        var code = l.Split('-', '_')[0];
        return code.Length == 2 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

    /// <summary>Parses ISO dates ("2024-05-01", "2024-05-01T12:00:00+02:00"); a date without zone is taken as UTC.</summary>
    public static bool TryParseDate(string? value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);
    }
}
