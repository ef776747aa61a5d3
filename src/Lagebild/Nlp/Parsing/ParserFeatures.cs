using System.Runtime.CompilerServices;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The words of one sentence as feature values, hashed once per sentence: word = lower-cased form with digits as
/// '0' (one value for all numbers of a shape), tag = UPOS, or UPOS with XPOS when given (the English PTB tags tell
/// VBD from VBN and NNS from NN). Position 0 is the root. Reused across sentences.
/// </summary>
internal sealed class SentenceValues
{
    public ulong[] Words = new ulong[64];
    public ulong[] Tags = new ulong[64];
    public ulong[] Suffixes = new ulong[64];     // last three characters of the word value: a cue that survives tagging errors
    private char[] _chars = new char[64];

    public const ulong NoWord = 0x6E6F6E65UL;       // position outside the sentence
    public const ulong RootWord = 0x726F6F74UL;     // the artificial root

    public void Set(IReadOnlyList<string> words, IReadOnlyList<string> upos, IReadOnlyList<string>? xpos = null)
    {
        int n = words.Count;
        if (Words.Length < n + 1) { Words = new ulong[Math.Max(n + 1, Words.Length * 2)]; Tags = new ulong[Words.Length]; Suffixes = new ulong[Words.Length]; }
        Words[0] = RootWord;
        Tags[0] = RootWord;
        Suffixes[0] = RootWord;
        for (int i = 0; i < n; i++)
        {
            Words[i + 1] = WordValue(words[i], out Suffixes[i + 1]);
            Tags[i + 1] = xpos == null ? FeatureKey.Of(1, upos[i]) : FeatureKey.Combine(FeatureKey.Of(1, upos[i]), FeatureKey.Of(3, xpos[i]));
        }
    }

    private ulong WordValue(string word, out ulong suffix)
    {
        if (_chars.Length < word.Length) _chars = new char[Math.Max(word.Length, _chars.Length * 2)];
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            _chars[i] = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
        }
        int length = word.Length;
        suffix = FeatureKey.Of(2, _chars.AsSpan(Math.Max(0, length - 3), Math.Min(3, length)));
        return FeatureKey.Of(0, _chars.AsSpan(0, length));
    }
}

/// <summary>
/// Feature templates after Zhang and Nivre (2011) for arc-eager: words and tags of S0, N0..N2, the head and
/// grandparent of S0, the two outermost children of S0 and N0 with labels, distance, valency and label sets, their
/// pair and triple conjunctions, plus S1 (second on the stack), which helps REDUCE decisions, word suffixes and the string neighbours of S0 and N0.
/// </summary>
internal static class ParserFeatures
{
    public const int Count = 86;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong K(int t, ulong a) => FeatureKey.Of(t, (long)a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong K(int t, ulong a, ulong b) => FeatureKey.Of(t, (long)a, (long)b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong K(int t, ulong a, ulong b, ulong c) => FeatureKey.Combine(FeatureKey.Of(t, (long)a, (long)b), c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong K(int t, ulong a, ulong b, ulong c, ulong d) => FeatureKey.Combine(FeatureKey.Of(t, (long)a, (long)b), FeatureKey.Of(t, (long)c, (long)d));

    /// <summary>Writes <see cref="Count"/> feature keys of the configuration into <paramref name="f"/>.</summary>
    public static void Extract(ArcEagerState s, SentenceValues v, Span<ulong> f)
    {
        const int none = ArcEagerState.None;
        var words = v.Words;
        var tags = v.Tags;
        int s0 = s.S0, s1 = s.S1;
        int n0 = s.BufferAt(0), n1 = s.BufferAt(1), n2 = s.BufferAt(2);
        int s0h = s0 > 0 ? s.Heads[s0] : none;
        int s0h2 = s0h > 0 ? s.Heads[s0h] : none;
        int s0l = s.Left1[s0], s0l2 = s.Left2[s0], s0r = s.Right1[s0], s0r2 = s.Right2[s0];
        int n0l = n0 >= 0 ? s.Left1[n0] : none, n0l2 = n0 >= 0 ? s.Left2[n0] : none;

        ulong W(int i) => i >= 0 ? words[i] : SentenceValues.NoWord;
        ulong P(int i) => i >= 0 ? tags[i] : SentenceValues.NoWord;
        ulong L(int i) => i > 0 ? (ulong)(s.Labels[i] + 1) : 0UL;

        ulong s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
        ulong s0hw = W(s0h), s0hp = P(s0h), s0lp = P(s0l), s0rp = P(s0r), n0lp = P(n0l);
        ulong s1w = W(s1), s1p = P(s1);
        ulong distance = n0 < 0 ? 0UL : (ulong)Bucket(n0 - s0);
        ulong s0vl = (ulong)s.LeftCount[s0], s0vr = (ulong)s.RightCount[s0], n0vl = n0 >= 0 ? (ulong)s.LeftCount[n0] : 0UL;
        ulong s0sl = s.LeftLabels[s0], s0sr = s.RightLabels[s0], n0sl = n0 >= 0 ? s.LeftLabels[n0] : 0UL;

        int i = 0;
        f[i++] = K(0, 1);   // bias
        // single words
        f[i++] = K(1, s0w, s0p); f[i++] = K(2, s0w); f[i++] = K(3, s0p);
        f[i++] = K(4, n0w, n0p); f[i++] = K(5, n0w); f[i++] = K(6, n0p);
        f[i++] = K(7, n1w, n1p); f[i++] = K(8, n1w); f[i++] = K(9, n1p);
        f[i++] = K(10, n2w, n2p); f[i++] = K(11, n2w); f[i++] = K(12, n2p);
        // word pairs
        f[i++] = K(13, s0w, s0p, n0w, n0p); f[i++] = K(14, s0w, s0p, n0w); f[i++] = K(15, s0w, n0w, n0p);
        f[i++] = K(16, s0w, s0p, n0p); f[i++] = K(17, s0p, n0w, n0p); f[i++] = K(18, s0w, n0w);
        f[i++] = K(19, s0p, n0p); f[i++] = K(20, n0p, n1p);
        // three words
        f[i++] = K(21, n0p, n1p, n2p); f[i++] = K(22, s0p, n0p, n1p); f[i++] = K(23, s0hp, s0p, n0p);
        f[i++] = K(24, s0p, s0lp, n0p); f[i++] = K(25, s0p, s0rp, n0p); f[i++] = K(26, s0p, n0p, n0lp);
        // distance
        f[i++] = K(27, s0w, distance); f[i++] = K(28, s0p, distance); f[i++] = K(29, n0w, distance);
        f[i++] = K(30, n0p, distance); f[i++] = K(31, s0w, n0w, distance); f[i++] = K(32, s0p, n0p, distance);
        // valency
        f[i++] = K(33, s0w, s0vr); f[i++] = K(34, s0p, s0vr); f[i++] = K(35, s0w, s0vl);
        f[i++] = K(36, s0p, s0vl); f[i++] = K(37, n0w, n0vl); f[i++] = K(38, n0p, n0vl);
        // unigrams of second-order positions
        f[i++] = K(39, s0hw); f[i++] = K(40, s0hp); f[i++] = K(41, L(s0));
        f[i++] = K(42, W(s0l)); f[i++] = K(43, s0lp); f[i++] = K(44, L(s0l));
        f[i++] = K(45, W(s0r)); f[i++] = K(46, s0rp); f[i++] = K(47, L(s0r));
        f[i++] = K(48, W(n0l)); f[i++] = K(49, n0lp); f[i++] = K(50, L(n0l));
        // third order
        f[i++] = K(51, W(s0h2)); f[i++] = K(52, P(s0h2)); f[i++] = K(53, L(s0h));
        f[i++] = K(54, W(s0l2)); f[i++] = K(55, P(s0l2)); f[i++] = K(56, L(s0l2));
        f[i++] = K(57, W(s0r2)); f[i++] = K(58, P(s0r2)); f[i++] = K(59, L(s0r2));
        f[i++] = K(60, W(n0l2)); f[i++] = K(61, P(n0l2)); f[i++] = K(62, L(n0l2));
        f[i++] = K(63, s0p, s0lp, P(s0l2)); f[i++] = K(64, s0p, s0rp, P(s0r2));
        f[i++] = K(65, s0p, s0hp, P(s0h2)); f[i++] = K(66, n0p, n0lp, P(n0l2));
        // label sets
        f[i++] = K(67, s0w, s0sr); f[i++] = K(68, s0p, s0sr); f[i++] = K(69, s0w, s0sl);
        f[i++] = K(70, s0p, s0sl); f[i++] = K(71, n0w, n0sl); f[i++] = K(72, n0p, n0sl);
        // second stack word
        f[i++] = K(73, s1w, s1p); f[i++] = K(74, s1p, s0p, n0p); f[i++] = K(75, s1p, L(s0), s0p);
        f[i++] = K(76, s0p, L(s0), n0p);
        // suffixes and a word bigram, which do not depend on the (predicted) tags
        ulong s0x = s0 >= 0 ? v.Suffixes[s0] : SentenceValues.NoWord, n0x = n0 >= 0 ? v.Suffixes[n0] : SentenceValues.NoWord;
        f[i++] = K(77, s0x); f[i++] = K(78, n0x); f[i++] = K(79, s0x, n0x); f[i++] = K(80, n0w, n1w);
        // string neighbours of S0 and N0 (what lies between them), like a tagger's context window
        int afterS0 = s0 > 0 && s0 < s.Length ? s0 + 1 : none, beforeN0 = n0 > 1 ? n0 - 1 : none;
        f[i++] = K(81, P(afterS0), s0p, n0p); f[i++] = K(82, P(beforeN0), n0p, s0p);
        f[i++] = K(83, W(afterS0), s0p); f[i++] = K(84, W(beforeN0), n0p); f[i++] = K(85, s1w, s0w);
    }

    /// <summary>Distance buckets: exact up to 5, then 6-9, 10+.</summary>
    private static int Bucket(int d) => d <= 5 ? d : d < 10 ? 6 : 7;
}
