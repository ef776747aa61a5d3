using System.Buffers.Binary;

namespace Lagebild.Graph;

/// <summary>
/// Finds syndicated copies: the same agency story on many sites, lightly edited (another headline, a sentence
/// added or cut, a word changed). Each text becomes the set of its overlapping word 4-grams ("shingles"); a MinHash
/// signature of <see cref="Hashes"/> values estimates the Jaccard similarity of two such sets, and locality-sensitive
/// hashing (<see cref="Bands"/> bands of <see cref="Rows"/> values) finds candidate copies with an index lookup
/// instead of a comparison against every stored text. Two texts whose estimated similarity reaches
/// <see cref="Threshold"/> are one story, so they count as one source.
/// </summary>
public static class Syndication
{
    public const int ShingleWords = 4;
    public const int Hashes = 64;
    public const int Bands = 16;
    public const int Rows = Hashes / Bands;
    /// <summary>Estimated Jaccard similarity of the shingle sets from which two texts count as copies.</summary>
    public const double Threshold = 0.5;

    private static readonly ulong[] Seeds = MakeSeeds();

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        ulong state = 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < Hashes; i++) seeds[i] = SplitMix(ref state);
        return seeds;
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33; x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33; x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }

    /// <summary>Lower-cased runs of letters and digits.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }

    /// <summary>Hashes of the text's word 4-grams (one shingle of all words when the text is shorter).</summary>
    public static HashSet<ulong> Shingles(string text)
    {
        var words = Words(text);
        var hashes = new HashSet<ulong>();
        if (words.Count == 0) return hashes;
        var wordHashes = words.Select(Fnv).ToArray();
        int k = Math.Min(ShingleWords, wordHashes.Length);
        for (int i = 0; i + k <= wordHashes.Length; i++)
        {
            ulong h = 0xCBF29CE484222325UL;
            for (int j = 0; j < k; j++) h = Mix(h ^ wordHashes[i + j]) + (ulong)j;
            hashes.Add(h);
        }
        return hashes;
    }

    private static ulong Fnv(string word)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in word) { h ^= c; h *= 0x100000001B3UL; }
        return h;
    }

    /// <summary>The MinHash signature of the text, or null when it has no words.</summary>
    public static uint[]? Signature(string text)
    {
        var shingles = Shingles(text);
        if (shingles.Count == 0) return null;
        var signature = new uint[Hashes];
        Array.Fill(signature, uint.MaxValue);
        foreach (var s in shingles)
        {
            for (int i = 0; i < Hashes; i++)
            {
                var v = (uint)(Mix(s ^ Seeds[i]) >> 32);
                if (v < signature[i]) signature[i] = v;
            }
        }
        return signature;
    }

    /// <summary>One key per band: texts sharing any band key are candidate copies.</summary>
    public static long[] BandKeys(uint[] signature)
    {
        var keys = new long[Bands];
        for (int b = 0; b < Bands; b++)
        {
            ulong h = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (int r = 0; r < Rows; r++) h = Mix(h ^ signature[b * Rows + r]);
            keys[b] = (long)h;
        }
        return keys;
    }

    /// <summary>Estimated Jaccard similarity: the share of signature positions where the two agree.</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        int same = 0;
        for (int i = 0; i < Hashes; i++) if (a[i] == b[i]) same++;
        return (double)same / Hashes;
    }

    /// <summary>Exact Jaccard similarity of the two texts' shingle sets (for tests and checks).</summary>
    public static double Jaccard(string a, string b)
    {
        var sa = Shingles(a);
        var sb = Shingles(b);
        if (sa.Count == 0 && sb.Count == 0) return 0;
        int inter = sa.Count(sb.Contains);
        return (double)inter / (sa.Count + sb.Count - inter);
    }

    public static byte[] ToBytes(uint[] signature)
    {
        var bytes = new byte[signature.Length * 4];
        for (int i = 0; i < signature.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), signature[i]);
        return bytes;
    }

    public static uint[]? FromBytes(byte[]? bytes)
    {
        if (bytes == null || bytes.Length != Hashes * 4) return null;
        var signature = new uint[Hashes];
        for (int i = 0; i < Hashes; i++) signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        return signature;
    }
}
