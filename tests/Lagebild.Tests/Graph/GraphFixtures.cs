using Lagebild.Claims;
using Lagebild.Text;

namespace Lagebild.Tests.Graph;

/// <summary>Hand-made documents with given claims, so graph tests do not depend on what extraction finds.</summary>
internal static class GraphFixtures
{
    /// <summary>An invented agency story (not a real report), long enough for shingling.</summary>
    public const string AgencyStory =
        "Pjöngjang/Seoul (Beispiel-Agentur) – Nordkorea hat nach Erkenntnissen des südkoreanischen Geheimdienstes erneut " +
        "Artilleriegranaten an Russland geliefert. Die Lieferung sei in den vergangenen zwei Wochen per Schiff über den Hafen " +
        "Rajin abgewickelt worden, teilte die Behörde am Mittwoch in Seoul mit. Nach ihren Angaben handelt es sich um mehrere " +
        "tausend Container. Russland setzt die Munition demnach vor allem an der Front im Osten der Ukraine ein. Im Gegenzug " +
        "erhalte Pjöngjang Lebensmittel, Rohstoffe und möglicherweise Technologie für sein Raketenprogramm. Weder Moskau noch " +
        "Pjöngjang äußerten sich zunächst zu den Vorwürfen. Beide Staaten hatten Waffengeschäfte in der Vergangenheit stets bestritten.";

    /// <summary>The same story as another site prints it: new headline, one word changed, the last sentence cut, a line added.</summary>
    public static string LightlyEdited(int variant) => variant switch
    {
        0 => AgencyStory,
        1 => AgencyStory.Replace("erneut", "abermals").Replace(" Beide Staaten hatten Waffengeschäfte in der Vergangenheit stets bestritten.", ""),
        2 => AgencyStory.Replace("am Mittwoch", "am Mittwochmorgen") + " Mehr dazu lesen Sie in unserem Liveblog.",
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    /// <summary>A different article on the same topic: an independent source.</summary>
    public const string IndependentStory =
        "Eigene Recherchen der Beispiel-Zeitung zeigen: Russland bezieht Munition aus Nordkorea. Satellitenbilder eines " +
        "Bahnhofs an der Grenze zeigen seit Monaten lange Güterzüge. Fachleute einer Denkfabrik in London schätzen die Menge " +
        "auf über eine Million Schuss. Die Regierung in Moskau schweigt dazu, ein Sprecher verwies auf laufende Gespräche.";

    public sealed record C(string Supplier, string Recipient, string Item, ClaimStatus Status = ClaimStatus.Asserted,
        string Claimant = "reporter", bool Negated = false, bool Undirected = false, int Sentence = 0, string[]? Chain = null);

    /// <summary>
    /// A document "Title\n\nS0 S1 ..." whose claims point at the given sentence (by index, split at ". ").
    /// </summary>
    public static Document Doc(string id, string body, string? url, string? outlet, DateTimeOffset? published, params C[] claims)
    {
        var title = "Erfundene Meldung " + id;
        var text = title + "\n\n" + body;
        var doc = new Document(id, text, "de") { Title = title, Url = url, Outlet = outlet, Published = published, Source = id + ".txt" };
        var sentences = new List<TextSpan>();
        int start = title.Length + 2;
        while (start < text.Length)
        {
            int end = text.IndexOf(". ", start, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end + 1;
            sentences.Add(new TextSpan(start, end));
            start = end + 1;
        }
        foreach (var c in claims)
        {
            var s = sentences[c.Sentence];
            doc.Claims.Add(new SupplyClaim
            {
                Supplier = c.Supplier, Recipient = c.Recipient, Item = c.Item, Status = c.Status, Claimant = c.Claimant,
                Negated = c.Negated, Undirected = c.Undirected, Evidence = s, Cue = new TextSpan(s.Start, s.Start + 3),
                Chain = c.Chain ?? (outlet != null ? new[] { outlet } : Array.Empty<string>()),
            });
        }
        return doc;
    }

    public static DateTimeOffset Day(int month, int day) => new(2024, month, day, 9, 0, 0, TimeSpan.Zero);
}
