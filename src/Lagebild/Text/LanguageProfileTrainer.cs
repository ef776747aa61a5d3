using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lagebild.Text;

/// <summary>How a profile is cut down and smoothed.</summary>
public sealed record LanguageProfileOptions
{
    /// <summary>Longest n-gram (1 to 4 characters, boundary marks included).</summary>
    public int MaxOrder { get; init; } = LanguageIdentifier.MaxOrderLimit;
    /// <summary>The most frequent n-grams of each language that are kept; the profile is their union.</summary>
    public int TopPerLanguage { get; init; } = 6000;
    /// <summary>N-grams seen fewer times in a language are not kept for it.</summary>
    public int MinCount { get; init; } = 2;
    /// <summary>Additive smoothing of the counts.</summary>
    public double Alpha { get; init; } = 0.5;
    /// <summary>Texts with fewer letters are undetermined.</summary>
    public int MinLetters { get; init; } = 6;
}

/// <summary>
/// Counts character n-grams per language and builds a <see cref="LanguageIdentifier"/>; also holds the recipe for
/// the built-in profile (<see cref="TrainBuiltIn"/>): which open UD treebank files it learns from, which held-out
/// files calibrate the confidence, and which test files and documents it is scored on.
/// </summary>
public sealed partial class LanguageProfileTrainer(int maxOrder = LanguageIdentifier.MaxOrderLimit)
{
    private readonly List<string> _languages = new();
    private readonly List<Dictionary<ulong, long>> _counts = new();
    private readonly List<long> _totals = new();

    public int MaxOrder { get; } = maxOrder is >= 1 and <= LanguageIdentifier.MaxOrderLimit
        ? maxOrder : throw new ArgumentOutOfRangeException(nameof(maxOrder), $"1 to {LanguageIdentifier.MaxOrderLimit}");

    /// <summary>Languages seen so far, in order of first appearance.</summary>
    public IReadOnlyList<string> Languages => _languages;

    /// <summary>Counts the n-grams of one text of the given language.</summary>
    public void Add(string lang, ReadOnlySpan<char> text)
    {
        if (string.IsNullOrWhiteSpace(lang) || lang.Any(char.IsWhiteSpace) || lang == LanguageIdentifier.Undetermined)
            throw new ArgumentException($"not a usable language code: '{lang}'", nameof(lang));
        int l = _languages.IndexOf(lang);
        if (l < 0)
        {
            _languages.Add(lang);
            _counts.Add(new Dictionary<ulong, long>());
            _totals.Add(0);
            l = _languages.Count - 1;
        }
        var sink = new CountSink(_counts[l]);
        LanguageIdentifier.Visit(text, MaxOrder, ref sink);
        _totals[l] += sink.Total;
    }

    public void AddRange(string lang, IEnumerable<string> texts)
    {
        foreach (var t in texts) Add(lang, t);
    }

    /// <summary>The profile: per language the <see cref="LanguageProfileOptions.TopPerLanguage"/> most frequent n-grams, with every language's count for each.</summary>
    public LanguageIdentifier Build(LanguageProfileOptions? options = null, double temperature = 1.0)
    {
        options ??= new LanguageProfileOptions();
        if (options.MaxOrder is < 1 || options.MaxOrder > MaxOrder)
            throw new ArgumentException($"the trainer counted n-grams of 1 to {MaxOrder} characters; options ask for {options.MaxOrder}");
        if (_languages.Count == 0) throw new InvalidOperationException("no training text was added");
        var kept = new HashSet<ulong>();
        foreach (var counts in _counts)
        {
            foreach (var (key, _) in counts.Where(kv => kv.Value >= options.MinCount && Order(kv.Key) <= options.MaxOrder)
                         .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(options.TopPerLanguage))
                kept.Add(key);
        }
        if (kept.Count == 0) throw new InvalidOperationException("no n-gram is frequent enough to keep; add more text or lower MinCount");
        var ngrams = kept.Order().ToArray();
        int L = _languages.Count;
        var table = new int[ngrams.Length * L];
        for (int s = 0; s < ngrams.Length; s++)
            for (int l = 0; l < L; l++)
                table[s * L + l] = (int)Math.Min(int.MaxValue, _counts[l].GetValueOrDefault(ngrams[s]));
        return new LanguageIdentifier(_languages.ToArray(), options.MaxOrder, ngrams, table, _totals.ToArray(),
            options.Alpha, temperature, options.MinLetters);
    }

    private static int Order(ulong ngram)
    {
        int n = 0;
        for (; ngram != 0; ngram >>= 16) n++;
        return n;
    }

    private struct CountSink(Dictionary<ulong, long> counts) : LanguageIdentifier.INgramSink
    {
        public long Total;

        public void Add(ulong ngram)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, ngram, out _)++;
            Total++;
        }
    }

    // ---------------------------------------------------------------- calibration and scoring

    /// <summary>
    /// The temperature that minimises the log loss of the confidence on labelled held-out texts (temperature
    /// scaling); texts the identifier leaves undetermined or whose label it does not know are skipped.
    /// </summary>
    public static double FitTemperature(LanguageIdentifier identifier, IEnumerable<(string Lang, string Text)> samples)
    {
        var data = new List<(double[] Scores, int Gold)>();
        foreach (var (lang, text) in samples)
        {
            int gold = identifier.Languages.ToList().IndexOf(lang);
            if (gold < 0) continue;
            if (identifier.RawScores(text) is { } scores) data.Add((scores, gold));
        }
        if (data.Count == 0) return identifier.Temperature;
        double Loss(double logT)
        {
            double t = Math.Exp(logT), loss = 0;
            foreach (var (scores, gold) in data)
            {
                double max = scores.Max(), sum = 0;
                foreach (var s in scores) sum += Math.Exp((s - max) / t);
                loss += Math.Log(sum) - (scores[gold] - max) / t;
            }
            return loss;
        }
        // Golden-section search over log T in [e^-3, e^6].
        double a = -3, b = 6, phi = (Math.Sqrt(5) - 1) / 2;
        double c = b - phi * (b - a), d = a + phi * (b - a), fc = Loss(c), fd = Loss(d);
        for (int i = 0; i < 60; i++)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = Loss(c); }
            else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = Loss(d); }
        }
        return Math.Round(Math.Exp((a + b) / 2), 4);
    }

    /// <summary>Accuracy of the identifier on labelled texts; an undetermined answer counts as wrong.</summary>
    public static LanguageScore Score(LanguageIdentifier identifier, string name, string lang, IEnumerable<string> texts,
        int maxErrors = 5)
    {
        int total = 0, correct = 0;
        var errors = new List<string>();
        foreach (var text in texts)
        {
            total++;
            var guess = identifier.Identify(text);
            if (guess.Lang == lang) correct++;
            else if (errors.Count < maxErrors) errors.Add($"{guess}: {Shorten(text)}");
        }
        return new LanguageScore(name, lang, total, correct, errors);
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 100 ? flat : flat[..100] + "…";
    }

    // ---------------------------------------------------------------- corpus files

    /// <summary>
    /// The sentences of a UD file: the "# text = " lines of CoNLL-U, or for the FORM##UPOS ".pos" files (one sentence
    /// a line) the surface forms joined by spaces, multi-word tokens kept and their two syntactic words skipped.
    /// Gzip files (".gz") are decompressed.
    /// </summary>
    public static IEnumerable<string> ReadUdSentences(string path)
    {
        using var stream = File.OpenRead(path);
        using var decoded = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        bool pos = Path.GetFileName(path).Contains(".pos", StringComparison.OrdinalIgnoreCase);
        string? line;
        var words = new StringBuilder();
        while ((line = reader.ReadLine()) != null)
        {
            if (!pos)
            {
                if (line.StartsWith("# text = ", StringComparison.Ordinal)) yield return line["# text = ".Length..].Trim();
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            words.Clear();
            var items = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < items.Length; i++)
            {
                int cut = items[i].LastIndexOf("##", StringComparison.Ordinal);
                var form = cut >= 0 ? items[i][..cut] : items[i];
                if (words.Length > 0) words.Append(' ');
                words.Append(form.Replace('_', ' '));
                if (cut >= 0 && items[i][(cut + 2)..] == "_") i += 2; // "im##_ in##ADP dem##DET": keep the surface token
            }
            yield return words.ToString();
        }
    }

    /// <summary>
    /// Dev-set documents (header lines "URL: ...", "LANG: xx", then the article) as (id, declared language, text
    /// without the header); files without a LANG header are skipped.
    /// </summary>
    public static IEnumerable<(string Id, string Lang, string Text)> ReadLabelledDocuments(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllText(file, Encoding.UTF8).ReplaceLineEndings("\n").Split('\n');
            string? lang = null;
            int i = 0;
            for (; i < lines.Length; i++)
            {
                var m = HeaderLine().Match(lines[i]);
                if (!m.Success) break;
                if (m.Groups[1].Value.Equals("LANG", StringComparison.OrdinalIgnoreCase)) lang = m.Groups[2].Value.Trim().ToLowerInvariant();
            }
            if (lang != null) yield return (Path.GetFileNameWithoutExtension(file), lang, string.Join('\n', lines[i..]).Trim());
        }
    }

    [GeneratedRegex(@"^(URL|LANG|LANGUAGE|TITLE|DATE|PUBLISHED|OUTLET)[ ]*:[ ]*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLine();

    // ---------------------------------------------------------------- the built-in profile

    /// <summary>A corpus file of the recipe, relative to the shared data directory.</summary>
    public sealed record RecipeFile(string Lang, string Path, string Licence);

    /// <summary>Training data: open (non-NC) UD train splits only.</summary>
    public static readonly IReadOnlyList<RecipeFile> TrainingFiles =
    [
        new("de", "ud-german-gsd/de_gsd-ud-train.v2.3.conllu.pos.gz", "CC BY-SA 4.0"),
        new("en", "ud-english-ewt/en_ewt-ud-train.conllu.gz", "CC BY-SA 4.0"),
    ];

    /// <summary>Held-out dev splits that fit the confidence temperature (all sentences, any length).</summary>
    public static readonly IReadOnlyList<RecipeFile> CalibrationFiles =
    [
        new("de", "ud-german-gsd/de_gsd-ud-dev.conllu", "CC BY-SA 4.0"),
        new("en", "ud-english-ewt/en_ewt-ud-dev.conllu", "CC BY-SA 4.0"),
    ];

    /// <summary>Test files the profile is scored on (sentences of <see cref="MinTestSentenceLength"/> characters or more); never trained on.</summary>
    public static readonly IReadOnlyList<RecipeFile> TestFiles =
    [
        new("de", "ud-german-gsd/de_gsd-ud-test.conllu", "CC BY-SA 4.0"),
        new("de", "ud-german-pud/de_pud-ud-test.conllu", "CC BY-SA 3.0"),
        new("de", "ud-german-lit/de_lit-ud-test.conllu", "CC BY-NC-SA 4.0 (evaluation only)"),
        new("en", "ud-english-ewt/en_ewt-ud-test.conllu", "CC BY-SA 4.0"),
        new("en", "ud-english-pud/en_pud-ud-test.conllu", "CC BY-SA 3.0"),
        new("en", "ud-english-gum/en_gum-ud-test.conllu", "CC BY-NC-SA 4.0 (evaluation only)"),
    ];

    public const int MinTestSentenceLength = 40;

    /// <summary>Test sentences of <see cref="MinTestSentenceLength"/> characters or more.</summary>
    public static IEnumerable<string> TestSentences(string path) =>
        ReadUdSentences(path).Where(s => s.Length >= MinTestSentenceLength);

    /// <summary>Trains, calibrates and returns the built-in profile from the shared data directory.</summary>
    public static LanguageIdentifier TrainBuiltIn(string dataDirectory, LanguageProfileOptions? options = null)
    {
        var trainer = new LanguageProfileTrainer(options?.MaxOrder ?? LanguageIdentifier.MaxOrderLimit);
        foreach (var f in TrainingFiles) trainer.AddRange(f.Lang, ReadUdSentences(Path.Combine(dataDirectory, f.Path)));
        var identifier = trainer.Build(options);
        var held = CalibrationFiles.SelectMany(f => ReadUdSentences(Path.Combine(dataDirectory, f.Path)).Select(s => (f.Lang, s)));
        return identifier.WithTemperature(FitTemperature(identifier, held));
    }

    /// <summary>Scores on the recipe's test files that exist under <paramref name="dataDirectory"/>.</summary>
    public static List<LanguageScore> ScoreTestFiles(LanguageIdentifier identifier, string dataDirectory, int maxErrors = 5) =>
        TestFiles.Where(f => File.Exists(Path.Combine(dataDirectory, f.Path)))
            .Select(f => Score(identifier, Path.GetFileName(f.Path), f.Lang, TestSentences(Path.Combine(dataDirectory, f.Path)), maxErrors))
            .ToList();

    /// <summary>Scores on labelled documents (see <see cref="ReadLabelledDocuments"/>), one <see cref="LanguageScore"/> per language.</summary>
    public static List<LanguageScore> ScoreDocuments(LanguageIdentifier identifier, string directory, int maxErrors = 5) =>
        ReadLabelledDocuments(directory).GroupBy(d => d.Lang).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Score(identifier, $"{ShortName(directory)} ({g.Key})", g.Key,
                g.Select(d => d.Text), maxErrors))
            .ToList();

    /// <summary>The last two parts of a directory path ("dev/texts").</summary>
    private static string ShortName(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetFileName(Path.GetDirectoryName(full) ?? "");
        return string.IsNullOrEmpty(parent) ? Path.GetFileName(full) : parent + "/" + Path.GetFileName(full);
    }

    /// <summary>
    /// The manifest beside a model file: what it was trained on (with sha256 and licence), how, when, and its scores
    /// (counts only, no sentences).
    /// </summary>
    public static JsonObject Manifest(string modelPath, LanguageIdentifier identifier, LanguageProfileOptions options,
        string dataDirectory, IEnumerable<LanguageScore> testScores, IEnumerable<LanguageScore> documentScores, DateTimeOffset date)
    {
        JsonObject FileEntry(RecipeFile f)
        {
            var full = Path.Combine(dataDirectory, f.Path);
            return new JsonObject
            {
                ["lang"] = f.Lang,
                ["file"] = "../shared/data/" + f.Path,
                ["sha256"] = Sha256(full),
                ["licence"] = f.Licence,
                ["sentences"] = ReadUdSentences(full).Count(),
            };
        }
        JsonObject ScoreEntry(LanguageScore s) => new()
        {
            ["name"] = s.Name, ["lang"] = s.Lang, ["items"] = s.Total, ["correct"] = s.Correct,
            ["accuracy"] = Math.Round(s.Accuracy, 4), // the errors themselves stay out: they are third-party sentences
        };
        return new JsonObject
        {
            ["model"] = Path.GetFileName(modelPath),
            ["sha256"] = Sha256(modelPath),
            ["bytes"] = new FileInfo(modelPath).Length,
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["languages"] = new JsonArray(identifier.Languages.Select(l => (JsonNode)l).ToArray()),
            ["method"] = "multinomial naive Bayes over character n-grams of 1-" + identifier.MaxOrder
                         + " characters of lower-cased, boundary-padded words; confidence = softmax(score / temperature)",
            ["trained_by"] = "lagebild train langid --data ../shared/data --out models/langid.tsv.gz (src/Lagebild/Text/LanguageProfileTrainer.cs)",
            ["parameters"] = new JsonObject
            {
                ["max_order"] = identifier.MaxOrder, ["top_per_language"] = options.TopPerLanguage, ["min_count"] = options.MinCount,
                ["alpha"] = options.Alpha, ["min_letters"] = identifier.MinLetters, ["temperature"] = identifier.Temperature,
                ["ngrams"] = identifier.Size,
            },
            ["training"] = new JsonArray(TrainingFiles.Select(f => (JsonNode)FileEntry(f)).ToArray()),
            ["calibration"] = new JsonArray(CalibrationFiles.Select(f => (JsonNode)FileEntry(f)).ToArray()),
            ["licence_note"] = "Only CC BY-SA training data; NC treebanks (GUM, LIT) are used for evaluation only. "
                               + "The profile holds n-gram counts, no sentences.",
            ["evaluation"] = new JsonObject
            {
                ["ud_test_sentences_min_chars"] = MinTestSentenceLength,
                ["ud_test"] = new JsonArray(testScores.Select(s => (JsonNode)ScoreEntry(s)).ToArray()),
                ["documents"] = new JsonArray(documentScores.Select(s => (JsonNode)ScoreEntry(s)).ToArray()),
            },
        };
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
}

/// <summary>Accuracy on one labelled set, with a few of its errors.</summary>
public sealed record LanguageScore(string Name, string Lang, int Total, int Correct, IReadOnlyList<string> Errors)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
