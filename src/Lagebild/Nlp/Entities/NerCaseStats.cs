namespace Lagebild.Nlp.Entities;

/// <summary>
/// How often each word type is written capitalised when it is not the first word of a sentence, from unlabelled
/// text, as a coarse bucket. Tells a name ("Bush") from a common word ("bush") at the sentence start, and German
/// adjectives ("deutsche") from name parts ("Deutsche Bank"). Keys are the recognizer's lower-cased word keys.
/// </summary>
public sealed class NerCaseStats
{
    /// <summary>Bucket of words never seen often enough to judge.</summary>
    public const int Unknown = 7;
    private const int MinCount = 2;
    private static readonly double[] Bounds = [0.02, 0.2, 0.5, 0.8, 0.98];
    private readonly Dictionary<ulong, byte> _buckets;

    private NerCaseStats(Dictionary<ulong, byte> buckets) => _buckets = buckets;

    public static NerCaseStats Empty { get; } = new(new Dictionary<ulong, byte>());

    public int Count => _buckets.Count;

    public static NerCaseStats FromText(IEnumerable<IReadOnlyList<string>> sentences)
    {
        var counts = new Dictionary<ulong, (int Upper, int Lower)>();
        Span<char> scratch = stackalloc char[256];
        foreach (var s in sentences)
            for (int i = 1; i < s.Count; i++)
            {
                var word = s[i];
                if (word.Length == 0 || word.Length > scratch.Length || !char.IsLetter(word[0])) continue;
                ulong key = NerFeatures.LowerKey(word, scratch);
                var c = counts.GetValueOrDefault(key);
                counts[key] = char.IsUpper(word[0]) ? (c.Upper + 1, c.Lower) : (c.Upper, c.Lower + 1);
            }
        var buckets = new Dictionary<ulong, byte>();
        foreach (var (key, c) in counts)
        {
            if (c.Upper + c.Lower < MinCount) continue;
            double ratio = (double)c.Upper / (c.Upper + c.Lower);
            int b = 0;
            while (b < Bounds.Length && ratio >= Bounds[b]) b++;
            buckets[key] = (byte)b;
        }
        return new NerCaseStats(buckets);
    }

    public int BucketOf(ulong lowerKey) => _buckets.TryGetValue(lowerKey, out var b) ? b : Unknown;

    public void Write(BinaryWriter w)
    {
        w.Write(_buckets.Count);
        foreach (var (key, b) in _buckets.OrderBy(kv => kv.Key)) { w.Write(key); w.Write(b); }
    }

    public static NerCaseStats Read(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > 50_000_000) throw new InvalidDataException($"bad case table size {n}");
        var buckets = new Dictionary<ulong, byte>(n);
        for (int i = 0; i < n; i++) buckets[r.ReadUInt64()] = r.ReadByte();
        return new NerCaseStats(buckets);
    }
}
