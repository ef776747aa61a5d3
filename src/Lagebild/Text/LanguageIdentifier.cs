using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lagebild.Text;

/// <summary>A language decision: an ISO 639-1 code (or "und") and a confidence between 0 and 1.</summary>
public readonly record struct LanguageGuess(string Lang, double Confidence)
{
    /// <summary>False for "und": too little text, or not Latin script.</summary>
    public bool IsDetermined => Lang != LanguageIdentifier.Undetermined;

    public override string ToString() => $"{Lang} {Confidence.ToString("0.000", CultureInfo.InvariantCulture)}";
}

/// <summary>A language profile that cannot be read: names the file, the line and the problem.</summary>
public sealed class LanguageModelException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Offline language identification with a character n-gram naive Bayes model. The text is lower-cased and cut into
/// words at every non-letter (an apostrophe inside a word is kept); each word is padded with a boundary mark on
/// both sides (" krieg ") and contributes its n-grams of 1 to <see cref="MaxOrder"/> characters ("k", " k",
/// " kr", " kri", ... "eg "). Each language's score is the sum of log P(n-gram | language) over the n-grams in the
/// profile; n-grams outside the profile are ignored. The confidence is a softmax of the scores divided by a
/// temperature fitted on held-out sentences, so it is roughly calibrated for sentence-length text.
/// <para>Texts with fewer than <see cref="MinLetters"/> letters, or whose letters are mostly not Latin, give
/// <see cref="Undetermined"/> with confidence 0. Identification allocates nothing and is thread-safe; a
/// 2,000-character document takes about 40 microseconds.</para>
/// <code>
/// var guess = LanguageIdentifier.Default.Identify(doc.Text);                        // ("en", 0.99)
/// var quote = LanguageIdentifier.Default.Identify(doc.Text.AsSpan(q.Start, q.Length)); // a quote's own language
/// </code>
/// The built-in profile (de, en) is trained in the project by <see cref="LanguageProfileTrainer"/> and embedded
/// from models/langid.tsv.gz; see models/langid.manifest.json for its data, licences and scores.
/// </summary>
public sealed class LanguageIdentifier
{
    /// <summary>ISO 639-2 "undetermined".</summary>
    public const string Undetermined = "und";
    /// <summary>The embedded resource holding the built-in profile.</summary>
    public const string ResourceName = "models/langid.tsv.gz";
    /// <summary>N-grams are packed into 64 bits, 16 per character, so at most 4 characters.</summary>
    public const int MaxOrderLimit = 4;

    private const string FormatName = "lagebild-langid";
    private const int FormatVersion = 1;
    private const char Boundary = ' ';
    private const char BoundaryInFile = '_';

    private static readonly Lazy<LanguageIdentifier> BuiltIn = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The built-in profile, loaded from the library's resources on first use.</summary>
    public static LanguageIdentifier Default => BuiltIn.Value;

    private readonly string[] _languages;
    private readonly ulong[] _ngrams;        // n-gram keys in slot order
    private readonly int[] _counts;          // [slot * L + l]: training counts, kept for Save
    private readonly long[] _totals;         // n-gram tokens seen per language in training (before pruning)
    private readonly float[] _weights;       // [slot * L + l]: log P(n-gram | l), centred over the languages
    private readonly NgramTable _table;

    internal LanguageIdentifier(string[] languages, int maxOrder, ulong[] ngrams, int[] counts, long[] totals,
        double alpha, double temperature, int minLetters)
    {
        if (languages.Length == 0) throw new ArgumentException("at least one language is needed", nameof(languages));
        if (maxOrder is < 1 or > MaxOrderLimit) throw new ArgumentOutOfRangeException(nameof(maxOrder), $"1 to {MaxOrderLimit}");
        if (counts.Length != ngrams.Length * languages.Length || totals.Length != languages.Length)
            throw new ArgumentException("counts and totals must match n-grams and languages");
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), "must be positive");
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), "must be positive");
        _languages = languages;
        MaxOrder = maxOrder;
        _ngrams = ngrams;
        _counts = counts;
        _totals = totals;
        Alpha = alpha;
        Temperature = temperature;
        MinLetters = Math.Max(1, minLetters);

        int L = languages.Length, V = ngrams.Length;
        _weights = new float[counts.Length];
        var denominators = new double[L];
        for (int l = 0; l < L; l++) denominators[l] = Math.Log(totals[l] + alpha * V);
        for (int s = 0; s < V; s++)
        {
            double mean = 0;
            for (int l = 0; l < L; l++)
            {
                double w = Math.Log(counts[s * L + l] + alpha) - denominators[l];
                _weights[s * L + l] = (float)w;
                mean += w;
            }
            mean /= L;
            for (int l = 0; l < L; l++) _weights[s * L + l] -= (float)mean;
        }
        _table = new NgramTable(ngrams);
    }

    /// <summary>The languages the profile knows, in the order of its columns.</summary>
    public IReadOnlyList<string> Languages => _languages;
    /// <summary>Longest n-gram, in characters including boundary marks.</summary>
    public int MaxOrder { get; }
    /// <summary>Number of n-grams in the profile.</summary>
    public int Size => _ngrams.Length;
    /// <summary>Additive smoothing of the n-gram counts.</summary>
    public double Alpha { get; }
    /// <summary>Divides the log-likelihood scores before the softmax that gives the confidence.</summary>
    public double Temperature { get; }
    /// <summary>Texts with fewer letters are <see cref="Undetermined"/>.</summary>
    public int MinLetters { get; }

    /// <summary>A copy with another temperature (used when calibrating).</summary>
    public LanguageIdentifier WithTemperature(double temperature) =>
        new(_languages, MaxOrder, _ngrams, _counts, _totals, Alpha, temperature, MinLetters);

    /// <summary>A copy with another minimum letter count.</summary>
    public LanguageIdentifier WithMinLetters(int minLetters) =>
        new(_languages, MaxOrder, _ngrams, _counts, _totals, Alpha, Temperature, minLetters);

    // ---------------------------------------------------------------- identification

    public LanguageGuess Identify(string? text) => Identify(text.AsSpan());

    /// <summary>The most likely language of a text or of any part of it (a sentence, a quote).</summary>
    public LanguageGuess Identify(ReadOnlySpan<char> text)
    {
        int L = _languages.Length;
        Span<double> scores = L <= 16 ? stackalloc double[L] : new double[L];
        var sink = new ScoreSink(_table, _weights, scores);
        var stats = Visit(text, MaxOrder, ref sink);
        if (!Determinable(stats, sink.Hits)) return new LanguageGuess(Undetermined, 0);
        int best = 0;
        for (int l = 1; l < L; l++) if (scores[l] > scores[best]) best = l;
        double sum = 0;
        for (int l = 0; l < L; l++) sum += Math.Exp((scores[l] - scores[best]) / Temperature);
        return new LanguageGuess(_languages[best], 1 / sum);
    }

    /// <summary>Every language with its probability, most likely first; empty when the text is undetermined.</summary>
    public IReadOnlyList<LanguageGuess> Rank(ReadOnlySpan<char> text)
    {
        int L = _languages.Length;
        var scores = new double[L];
        var sink = new ScoreSink(_table, _weights, scores);
        var stats = Visit(text, MaxOrder, ref sink);
        if (!Determinable(stats, sink.Hits)) return [];
        double max = scores.Max(), sum = 0;
        for (int l = 0; l < L; l++) sum += Math.Exp((scores[l] - max) / Temperature);
        return Enumerable.Range(0, L)
            .Select(l => new LanguageGuess(_languages[l], Math.Exp((scores[l] - max) / Temperature) / sum))
            .OrderByDescending(g => g.Confidence).ToList();
    }

    /// <summary>The raw summed log-likelihood scores per language (for calibration and tests); null when undetermined.</summary>
    internal double[]? RawScores(ReadOnlySpan<char> text)
    {
        var scores = new double[_languages.Length];
        var sink = new ScoreSink(_table, _weights, scores);
        var stats = Visit(text, MaxOrder, ref sink);
        return Determinable(stats, sink.Hits) ? scores : null;
    }

    private bool Determinable(TextStats stats, int hits) =>
        stats.Letters >= MinLetters && stats.LatinLetters * 2 > stats.Letters && hits > 0;

    // ---------------------------------------------------------------- features

    internal interface INgramSink
    {
        void Add(ulong ngram);
    }

    internal readonly record struct TextStats(int Letters, int LatinLetters);

    private ref struct ScoreSink(NgramTable table, float[] weights, Span<double> scores) : INgramSink
    {
        private readonly NgramTable _table = table;
        private readonly float[] _weights = weights;
        private readonly Span<double> _scores = scores;
        public int Hits;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ulong ngram)
        {
            int slot = _table.Find(ngram);
            if (slot < 0) return;
            Hits++;
            int L = _scores.Length, at = slot * L;
            for (int l = 0; l < L; l++) _scores[l] += _weights[at + l];
        }
    }

    /// <summary>
    /// Feeds every n-gram of the padded, lower-cased words of <paramref name="text"/> to <paramref name="sink"/>.
    /// An n-gram is packed into a ulong, 16 bits per character, last character lowest; no character is 0, so
    /// n-grams of different lengths never share a key.
    /// </summary>
    internal static TextStats Visit<TSink>(ReadOnlySpan<char> text, int maxOrder, ref TSink sink)
        where TSink : INgramSink, allows ref struct
    {
        int letters = 0, latin = 0;
        ulong window = 0;
        int length = 0; // characters in the current padded word so far, 0 when outside a word
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char folded;
            if (c < 128)
            {
                int lower = c | 0x20;
                if (lower is >= 'a' and <= 'z') { folded = (char)lower; latin++; letters++; }
                else if (c == '\'' && length > 0) folded = '\'';
                else { if (length > 0) { EndWord(ref window, ref length, maxOrder, ref sink); } continue; }
            }
            else if (char.IsLetter(c))
            {
                folded = char.ToLowerInvariant(c);
                letters++;
                if (IsLatin(c)) latin++;
            }
            else if (c is '\u2019' or '\u02BC' && length > 0) folded = '\'';
            else if (length > 0 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                continue; // a combining accent inside a word: part of the letter before it
            else
            {
                if (length > 0) EndWord(ref window, ref length, maxOrder, ref sink);
                continue;
            }

            if (length == 0) { window = Boundary; length = 1; }
            window = (window << 16) | folded;
            length++;
            int top = Math.Min(length, maxOrder);
            for (int n = 1; n <= top; n++) sink.Add(n == 4 ? window : window & ((1UL << (16 * n)) - 1));
        }
        if (length > 0) EndWord(ref window, ref length, maxOrder, ref sink);
        return new TextStats(letters, latin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndWord<TSink>(ref ulong window, ref int length, int maxOrder, ref TSink sink)
        where TSink : INgramSink, allows ref struct
    {
        window = (window << 16) | Boundary;
        length++;
        int top = Math.Min(length, maxOrder);
        for (int n = 2; n <= top; n++) sink.Add(n == 4 ? window : window & ((1UL << (16 * n)) - 1));
        length = 0;
        window = 0;
    }

    /// <summary>Basic Latin, Latin-1, Latin Extended A/B, IPA, Latin Extended Additional/C/D/E, fullwidth Latin.</summary>
    internal static bool IsLatin(char c) =>
        c <= '\u02AF' || c is >= '\u1E00' and <= '\u1EFF' || c is >= '\u2C60' and <= '\u2C7F'
        || c is >= '\uA720' and <= '\uA7FF' || c is >= '\uAB30' and <= '\uAB6F' || c is >= '\uFF21' and <= '\uFF5A';

    /// <summary>The readable form of a packed n-gram, with '_' for the word boundary.</summary>
    internal static string NgramToString(ulong ngram)
    {
        Span<char> chars = stackalloc char[MaxOrderLimit];
        int n = 0;
        for (int shift = 48; shift >= 0; shift -= 16)
        {
            var c = (char)((ngram >> shift) & 0xFFFF);
            if (c == 0) continue;
            chars[n++] = c == Boundary ? BoundaryInFile : c;
        }
        return new string(chars[..n]);
    }

    /// <summary>Packs a readable n-gram ('_' for the boundary); false when it is empty, too long or has a character a word cannot hold.</summary>
    internal static bool TryParseNgram(ReadOnlySpan<char> text, out ulong ngram)
    {
        ngram = 0;
        if (text.Length is 0 or > MaxOrderLimit) return false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == BoundaryInFile) c = Boundary;
            else if (!(char.IsLetter(c) || c == '\'')) return false;
            ngram = (ngram << 16) | c;
        }
        return ngram != Boundary; // a lone boundary is never an n-gram
    }

    // ---------------------------------------------------------------- persistence

    /// <summary>Writes the profile as gzip-compressed tab-separated text (see <see cref="Load(Stream, string)"/>).</summary>
    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var file = File.Create(path);
        Save(file);
    }

    /// <summary>
    /// Gzip-compressed UTF-8 lines: a '#' comment, header fields (format, languages, max_order, alpha, temperature,
    /// min_letters, totals), then "ngrams N" and N rows "n-gram TAB count per language", '_' marking a word boundary.
    /// The bytes depend only on the profile, so the same training gives the same file.
    /// </summary>
    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" };
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine("# Lagebild language profile: character n-gram counts per language; '_' marks a word boundary.");
        writer.WriteLine($"format\t{FormatName}\t{FormatVersion}");
        writer.WriteLine("languages\t" + string.Join('\t', _languages));
        writer.WriteLine($"max_order\t{MaxOrder}");
        writer.WriteLine("alpha\t" + Alpha.ToString("R", inv));
        writer.WriteLine("temperature\t" + Temperature.ToString("R", inv));
        writer.WriteLine($"min_letters\t{MinLetters}");
        writer.WriteLine("totals\t" + string.Join('\t', _totals.Select(t => t.ToString(inv))));
        writer.WriteLine($"ngrams\t{_ngrams.Length}");
        int L = _languages.Length;
        var order = Enumerable.Range(0, _ngrams.Length).OrderBy(s => NgramToString(_ngrams[s]), StringComparer.Ordinal);
        var line = new StringBuilder();
        foreach (int s in order)
        {
            line.Clear().Append(NgramToString(_ngrams[s]));
            for (int l = 0; l < L; l++) line.Append('\t').Append(_counts[s * L + l].ToString(inv));
            writer.WriteLine(line);
        }
    }

    /// <summary>Reads a profile file written by <see cref="Save(string)"/> (gzip or plain text).</summary>
    /// <exception cref="LanguageModelException">The file is missing, not gzip/UTF-8, or malformed; the message says where.</exception>
    public static LanguageIdentifier Load(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Load(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LanguageModelException($"language profile {path}: cannot be read: {e.Message}", e);
        }
    }

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="name">Names the source in error messages.</param>
    public static LanguageIdentifier Load(Stream stream, string name)
    {
        // Buffer the bytes so a gzip header can be recognised whatever the stream supports.
        var buffer = new MemoryStream();
        try { stream.CopyTo(buffer); }
        catch (IOException e) { throw new LanguageModelException($"language profile {name}: cannot be read: {e.Message}", e); }
        buffer.Position = 0;
        bool gzip = buffer.Length >= 2 && buffer.GetBuffer()[0] == 0x1F && buffer.GetBuffer()[1] == 0x8B;
        try
        {
            using Stream decoded = gzip ? new GZipStream(buffer, CompressionMode.Decompress) : buffer;
            using var reader = new StreamReader(decoded, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return Parse(reader, name);
        }
        catch (InvalidDataException e)
        {
            throw new LanguageModelException($"language profile {name}: not a valid gzip file: {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new LanguageModelException($"language profile {name}: not UTF-8 text: {e.Message}", e);
        }
    }

    private static LanguageIdentifier Parse(TextReader reader, string name)
    {
        int lineNo = 0;
        LanguageModelException Error(string problem) => new($"language profile {name}: line {lineNo}: {problem}");
        var inv = CultureInfo.InvariantCulture;

        var header = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? line;
        int expected = -1;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            if (header.Count == 0 && fields[0] != "format")
                throw Error($"not a language profile (expected a 'format\\t{FormatName}\\t{FormatVersion}' line first)");
            if (fields[0] == "ngrams")
            {
                if (fields.Length != 2 || !int.TryParse(fields[1], NumberStyles.None, inv, out expected))
                    throw Error("'ngrams' needs one count");
                break;
            }
            if (!header.TryAdd(fields[0], fields[1..])) throw Error($"header field '{fields[0]}' given twice");
        }
        if (expected < 0)
        {
            lineNo++;
            throw header.Count == 0 ? Error("empty file, not a language profile") : Error("missing 'ngrams' line (file truncated?)");
        }

        string[] Field(string key, int count = -1)
        {
            if (!header.TryGetValue(key, out var v)) throw Error($"header field '{key}' is missing");
            if (count >= 0 && v.Length != count) throw Error($"header field '{key}' needs {count} value(s), has {v.Length}");
            return v;
        }
        double Number(string key)
        {
            var v = Field(key, 1)[0];
            if (!double.TryParse(v, NumberStyles.Float, inv, out var d) || !(d > 0) || double.IsInfinity(d))
                throw Error($"header field '{key}' is not a positive number: '{v}'");
            return d;
        }
        int Integer(string key, int min, int max)
        {
            var v = Field(key, 1)[0];
            if (!int.TryParse(v, NumberStyles.None, inv, out var i) || i < min || i > max)
                throw Error($"header field '{key}' must be an integer from {min} to {max}: '{v}'");
            return i;
        }

        var format = Field("format", 2);
        if (format[0] != FormatName) throw Error($"format is '{format[0]}', expected '{FormatName}'");
        if (format[1] != FormatVersion.ToString(inv)) throw Error($"format version {format[1]} is not supported (expected {FormatVersion})");
        var languages = Field("languages");
        if (languages.Length == 0 || languages.Any(string.IsNullOrWhiteSpace)) throw Error("'languages' lists no language");
        if (languages.Distinct().Count() != languages.Length) throw Error("'languages' lists a language twice");
        int L = languages.Length;
        int maxOrder = Integer("max_order", 1, MaxOrderLimit);
        double alpha = Number("alpha");
        double temperature = Number("temperature");
        int minLetters = Integer("min_letters", 1, 1000);
        var totalFields = Field("totals", L);
        var totals = new long[L];
        for (int l = 0; l < L; l++)
            if (!long.TryParse(totalFields[l], NumberStyles.None, inv, out totals[l]))
                throw Error($"'totals' value '{totalFields[l]}' is not a count");

        var ngrams = new ulong[expected];
        var counts = new int[expected * L];
        var seen = new HashSet<ulong>();
        for (int s = 0; s < expected; s++)
        {
            line = reader.ReadLine();
            lineNo++;
            if (line == null) throw Error($"file ends after {s} of {expected} n-grams (truncated?)");
            var fields = line.Split('\t');
            if (fields.Length != L + 1) throw Error($"expected an n-gram and {L} counts, found {fields.Length} field(s)");
            if (!TryParseNgram(fields[0], out var key) || fields[0].Length > maxOrder)
                throw Error($"'{fields[0]}' is not an n-gram of at most {maxOrder} characters");
            if (!seen.Add(key)) throw Error($"n-gram '{fields[0]}' is listed twice");
            ngrams[s] = key;
            for (int l = 0; l < L; l++)
                if (!int.TryParse(fields[l + 1], NumberStyles.None, inv, out counts[s * L + l]))
                    throw Error($"count '{fields[l + 1]}' for '{languages[l]}' is not a non-negative integer");
        }
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Length > 0) throw Error("text after the last n-gram (the 'ngrams' count is wrong)");
        }
        if (expected == 0) throw Error("the profile has no n-grams");
        return new LanguageIdentifier(languages, maxOrder, ngrams, counts, totals, alpha, temperature, minLetters);
    }

    private static LanguageIdentifier LoadBuiltIn()
    {
        var assembly = typeof(LanguageIdentifier).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new LanguageModelException($"language profile {ResourceName}: not embedded in {assembly.GetName().Name}");
        return Load(stream, ResourceName);
    }

    // ---------------------------------------------------------------- lookup table

    /// <summary>Open addressing with linear probing over packed n-grams; key 0 marks an empty cell.</summary>
    private sealed class NgramTable
    {
        private readonly ulong[] _keys;
        private readonly int[] _slots;
        private readonly int _shift;
        private readonly int _mask;

        public NgramTable(ulong[] ngrams)
        {
            int capacity = 16;
            while (capacity < ngrams.Length * 2) capacity <<= 1;
            _keys = new ulong[capacity];
            _slots = new int[capacity];
            _mask = capacity - 1;
            _shift = 64 - BitOperations.Log2((uint)capacity);
            for (int s = 0; s < ngrams.Length; s++)
            {
                int h = Hash(ngrams[s]);
                while (_keys[h] != 0) h = (h + 1) & _mask;
                _keys[h] = ngrams[s];
                _slots[h] = s;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Hash(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(ulong key)
        {
            int h = Hash(key);
            while (true)
            {
                ulong k = _keys[h];
                if (k == key) return _slots[h];
                if (k == 0) return -1;
                h = (h + 1) & _mask;
            }
        }
    }
}
