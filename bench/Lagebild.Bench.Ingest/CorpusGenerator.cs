using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lagebild.Bench.Ingest;

/// <summary>
/// A deterministic corpus of invented news articles (German and English, 150-400 words) built from templates:
/// supply sentences with attribution, denials, quotes and filler, each article with its own URL, outlet and date.
/// About one article in ten is a lightly edited copy of an earlier one on another site (syndication). Nothing in it
/// is a real report.
/// </summary>
public static class CorpusGenerator
{
    private static readonly (string Name, string Code)[] DeStates =
    [
        ("Nordkorea", "KP"), ("Iran", "IR"), ("China", "CN"), ("Belarus", "BY"), ("Russland", "RU"), ("die Ukraine", "UA"),
        ("Deutschland", "DE"), ("Frankreich", "FR"), ("Polen", "PL"), ("die Türkei", "TR"), ("Indien", "IN"), ("Kasachstan", "KZ"),
    ];
    private static readonly string[] DeSuppliers = ["Nordkorea", "Iran", "China", "Belarus", "Deutschland", "Frankreich", "Polen", "die Türkei"];
    private static readonly string[] DeRecipients = ["Russland", "der Ukraine", "Russland", "Russland", "der Ukraine"];
    private static readonly string[] DeItems =
        ["Artilleriegranaten", "Kampfdrohnen", "Mikrochips", "Werkzeugmaschinen", "Kampfpanzer", "Luftabwehrsysteme", "Kugellager", "Halbleiter", "ballistische Raketen", "Munition"];
    private static readonly string[] DeVerbs = ["liefert", "schickt", "verkauft"];
    private static readonly string[] DeSources =
        ["sagte ein Sprecher des Verteidigungsministeriums", "berichtet die Beispiel-Zeitung", "teilte der Geheimdienst mit", "heißt es in einem Bericht einer Denkfabrik"];
    private static readonly string[] DeFiller =
    [
        "Die Lage an der Front bleibt nach Angaben beider Seiten angespannt.",
        "Experten rechnen in den kommenden Wochen mit weiteren Gesprächen auf Ministerebene.",
        "Die Regierung kündigte an, die Sanktionen gegen mehrere Unternehmen zu verschärfen.",
        "Beobachter verweisen auf Satellitenbilder, die lange Güterzüge an der Grenze zeigen.",
        "Im Parlament wurde am Abend erneut über die Finanzierung der Hilfe debattiert.",
        "Ein Sprecher der Opposition forderte mehr Transparenz bei den Exportgenehmigungen.",
        "Die Preise für Rohstoffe sind in den vergangenen Monaten deutlich gestiegen.",
        "Nach Angaben von Diplomaten soll das Thema beim nächsten Gipfel besprochen werden.",
    ];
    private static readonly string[] EnSuppliers = ["North Korea", "Iran", "China", "Belarus", "Germany", "France", "Poland", "Turkey"];
    private static readonly string[] EnRecipients = ["Russia", "Ukraine", "Russia"];
    private static readonly string[] EnItems = ["artillery shells", "attack drones", "microchips", "machine tools", "tanks", "air defence systems", "ball bearings", "ballistic missiles"];
    private static readonly string[] EnVerbs = ["supplies", "sends", "sells"];
    private static readonly string[] EnFiller =
    [
        "The situation at the front remains tense, according to both sides.",
        "Analysts expect further talks between the ministers in the coming weeks.",
        "The government announced tighter sanctions against several trading companies.",
        "Observers point to satellite images showing long freight trains near the border.",
        "Parliament debated the funding of the aid package again on Tuesday evening.",
    ];
    private static readonly string[] Outlets = ["Beispiel-Kurier", "Beispiel-Rundschau", "Beispiel-Zeitung", "Example Tribune", "Example Herald", "Beispiel-Agentur", "Example Gazette"];

    public sealed record Article(string Id, string Url, string Outlet, string Lang, DateTimeOffset Published, string Title, string Text);

    public static IEnumerable<Article> Generate(int count, int seed = 20240301)
    {
        var random = new Random(seed);
        var originals = new List<Article>();
        var start = new DateTimeOffset(2023, 1, 1, 6, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            var outlet = Outlets[random.Next(Outlets.Length)];
            var published = start.AddHours(i * 0.8 + random.Next(0, 24));
            var url = $"https://{outlet.ToLowerInvariant()}.example.invalid/{published:yyyy/MM}/article-{i:D6}";
            Article article;
            if (originals.Count > 20 && random.NextDouble() < 0.1)
            {
                var original = originals[random.Next(Math.Max(0, originals.Count - 200), originals.Count)];
                article = original with
                {
                    Id = $"gen-{i:D6}", Url = url, Outlet = outlet, Published = original.Published.AddHours(random.Next(1, 12)),
                    Title = original.Title.Replace("(erfunden)", "(erfunden, übernommen)").Replace("(invented)", "(invented, syndicated)"),
                    Text = LightlyEdit(original.Text, random),
                };
            }
            else
            {
                bool english = random.NextDouble() < 0.3;
                article = english ? English(i, url, outlet, published, random) : German(i, url, outlet, published, random);
                originals.Add(article);
            }
            yield return article;
        }
    }

    private static string LightlyEdit(string text, Random random)
    {
        var sentences = text.Split(". ").ToList();
        if (sentences.Count > 4) sentences.RemoveAt(sentences.Count - 2);
        var edited = string.Join(". ", sentences);
        var tail = random.Next(3) switch
        {
            0 => " Mehr dazu lesen Sie in unserem Liveblog.",
            1 => " More on this in our live blog.",
            _ => " (Mit Material der Beispiel-Agentur.)",
        };
        return edited + tail;
    }

    private static T Pick<T>(T[] items, Random r) => items[r.Next(items.Length)];

    private static Article German(int i, string url, string outlet, DateTimeOffset published, Random r)
    {
        var supplier = Pick(DeSuppliers, r);
        var recipient = Pick(DeRecipients, r);
        var item = Pick(DeItems, r);
        var title = $"{Cap(supplier)} {Pick(DeVerbs, r)} {recipient} {item} (erfunden)";
        var sb = new StringBuilder();
        int paragraphs = r.Next(4, 9);
        for (int p = 0; p < paragraphs; p++)
        {
            switch (r.Next(6))
            {
                case 0:
                    sb.Append($"{Cap(supplier)} {Pick(DeVerbs, r)} {recipient} nach Angaben von Beobachtern {item}, {Pick(DeSources, r)}. ");
                    break;
                case 1:
                    sb.Append($"Laut dem Außenministerium hat {supplier} {recipient.Replace("der ", "die ")} mit {Pick(DeItems, r)} versorgt. ");
                    break;
                case 2:
                    sb.Append($"Die Regierung in {Pick(DeStates, r).Name} weist die Vorwürfe zurück und erklärt, das Land liefere keine Waffen an Konfliktparteien. ");
                    break;
                case 3:
                    sb.Append($"„Wir sehen einen stetigen Strom von Lieferungen“, sagte der Analyst Jan Beispielmann am Montag. ");
                    break;
                default:
                    sb.Append(Pick(DeFiller, r)).Append(' ').Append(Pick(DeFiller, r)).Append(' ');
                    break;
            }
            sb.Append(Pick(DeFiller, r)).Append($" Meldung {i}, Absatz {p}.\n");
        }
        return new Article($"gen-{i:D6}", url, outlet, "de", published, title, sb.ToString().TrimEnd());
    }

    private static Article English(int i, string url, string outlet, DateTimeOffset published, Random r)
    {
        var supplier = Pick(EnSuppliers, r);
        var recipient = Pick(EnRecipients, r);
        var item = Pick(EnItems, r);
        var title = $"{supplier} {Pick(EnVerbs, r)} {item} to {recipient} (invented)";
        var sb = new StringBuilder();
        int paragraphs = r.Next(4, 9);
        for (int p = 0; p < paragraphs; p++)
        {
            switch (r.Next(5))
            {
                case 0:
                    sb.Append($"{supplier} {Pick(EnVerbs, r)} {item} to {recipient}, a defence ministry spokesperson said on Monday. ");
                    break;
                case 1:
                    sb.Append($"According to the foreign ministry, {supplier} has supplied {recipient} with {Pick(EnItems, r)}. ");
                    break;
                case 2:
                    sb.Append($"{supplier} denied sending weapons to {recipient}. ");
                    break;
                default:
                    sb.Append(Pick(EnFiller, r)).Append(' ');
                    break;
            }
            sb.Append(Pick(EnFiller, r)).Append($" Report {i}, paragraph {p}.\n");
        }
        return new Article($"gen-{i:D6}", url, outlet, "en", published, title, sb.ToString().TrimEnd());
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the corpus as JSON lines files of <paramref name="perFile"/> articles; returns the files.</summary>
    public static List<string> WriteJsonLines(IEnumerable<Article> articles, string directory, int perFile = 1000)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        StreamWriter? writer = null;
        int n = 0;
        foreach (var a in articles)
        {
            if (n % perFile == 0)
            {
                writer?.Dispose();
                var path = Path.Combine(directory, $"part-{files.Count:D3}.jsonl");
                files.Add(path);
                writer = new StreamWriter(path, false, new UTF8Encoding(false));
            }
            writer!.WriteLine(JsonSerializer.Serialize(new
            {
                id = a.Id, url = a.Url, outlet = a.Outlet, lang = a.Lang, published = a.Published.ToString("O"), title = a.Title, text = a.Text,
            }, Json));
            n++;
        }
        writer?.Dispose();
        return files;
    }
}
