namespace Lagebild.Nlp.Clusters;

/// <summary>
/// Word classes learned from unlabelled text, at several granularities (e.g. 40, 150 and 600 classes): a coarse
/// class generalises widely, a fine one nearly names the word. Words are looked up as written, digits folded to '0'
/// (see <see cref="FoldDigits"/>). Look-up by span allocates nothing.
/// </summary>
public sealed class WordClusters
{
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _words;
    private readonly ushort[][] _classes;   // [granularity][word]

    public WordClusters(string[] words, int[] classCounts, ushort[][] classes)
    {
        if (classes.Length != classCounts.Length || classes.Any(c => c.Length != words.Length))
            throw new ArgumentException("class arrays must match the words and granularities");
        _words = words;
        ClassCounts = classCounts;
        _classes = classes;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) _index[words[i]] = i;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A table with no words (features then simply never fire).</summary>
    public static WordClusters Empty { get; } = new([], [], []);

    /// <summary>Number of classes of each granularity, coarse to fine as trained.</summary>
    public IReadOnlyList<int> ClassCounts { get; }
    public int Granularities => _classes.Length;
    public int WordCount => _words.Length;

    /// <summary>Index of a word (digits already folded), or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var i) ? i : -1;

    /// <summary>Class of word <paramref name="index"/> at granularity <paramref name="level"/>.</summary>
    public int ClassOf(int index, int level) => _classes[level][index];

    /// <summary>Class of a word at a granularity, or -1 when the word was too rare to be clustered.</summary>
    public int ClassOf(string word, int level)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        FoldDigits(word, buffer);
        int i = IndexOf(buffer);
        return i < 0 ? -1 : _classes[level][i];
    }

    /// <summary>Copies a word with every decimal digit replaced by '0' (years and amounts share their contexts).</summary>
    public static void FoldDigits(ReadOnlySpan<char> word, Span<char> into)
    {
        for (int i = 0; i < word.Length; i++) into[i] = char.IsAsciiDigit(word[i]) ? '0' : word[i];
    }

    public static string FoldDigits(string word)
    {
        if (!word.Any(char.IsAsciiDigit)) return word;
        var chars = new char[word.Length];
        FoldDigits(word, chars);
        return new string(chars);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_classes.Length);
        foreach (var c in ClassCounts) w.Write(c);
        w.Write(_words.Length);
        foreach (var word in _words) w.Write(word);
        foreach (var level in _classes)
            foreach (var c in level) w.Write7BitEncodedInt(c);
    }

    public static WordClusters Read(BinaryReader r)
    {
        int levels = r.ReadInt32();
        if (levels < 0 || levels > 16) throw new InvalidDataException($"bad cluster granularity count {levels}");
        var counts = new int[levels];
        for (int i = 0; i < levels; i++)
        {
            counts[i] = r.ReadInt32();
            if (counts[i] < 1 || counts[i] > ushort.MaxValue) throw new InvalidDataException($"bad class count {counts[i]}");
        }
        int n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException($"bad cluster word count {n}");
        var words = new string[n];
        for (int i = 0; i < n; i++) words[i] = r.ReadString();
        var classes = new ushort[levels][];
        for (int l = 0; l < levels; l++)
        {
            classes[l] = new ushort[n];
            for (int i = 0; i < n; i++)
            {
                int c = r.Read7BitEncodedInt();
                if (c < 0 || c >= counts[l]) throw new InvalidDataException($"cluster class {c} out of range");
                classes[l][i] = (ushort)c;
            }
        }
        return new WordClusters(words, counts, classes);
    }
}
