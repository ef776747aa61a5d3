using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Buffers for one sentence: the features that do not depend on predicted tags (computed once per sentence) and the
/// per-word keys the tag-history features combine with. Reused across sentences, so the hot path allocates only
/// when a longer sentence than any before arrives.
/// </summary>
internal sealed class NerSentenceBuffers
{
    public const int Stride = 112;            // static features per word, at most
    public const int Pad = 2;                 // context words beyond each sentence end

    public int Length;
    public ulong[] Static = new ulong[64 * Stride];
    public int[] StaticCount = new int[64];
    public ulong[] WordKey = new ulong[64 + 2 * Pad];   // lower-cased word, per padded position
    public ulong[] ShapeKey = new ulong[64 + 2 * Pad];
    public ulong[] TokenHash = new ulong[64];
    public int[] Marks = new int[64 + 2 * Pad];
    public int[] LexiconMarks = new int[64 + 2 * Pad];
    public int[][] Classes = [new int[64 + 2 * Pad], new int[64 + 2 * Pad], new int[64 + 2 * Pad]];
    public int[] WordTags = new int[64 + 2 * Pad];
    public char[] Chars = new char[1024];
    public float[] Scores = new float[256];
    public ulong[] Combined = new ulong[Stride + 16];

    public void Ensure(int n, int longestWord)
    {
        if (StaticCount.Length < n)
        {
            int size = Math.Max(n, StaticCount.Length * 2);
            Static = new ulong[size * Stride];
            StaticCount = new int[size];
            WordKey = new ulong[size + 2 * Pad];
            ShapeKey = new ulong[size + 2 * Pad];
            TokenHash = new ulong[size];
            Marks = new int[size + 2 * Pad];
            LexiconMarks = new int[size + 2 * Pad];
            for (int l = 0; l < Classes.Length; l++) Classes[l] = new int[size + 2 * Pad];
            WordTags = new int[size + 2 * Pad];
        }
        if (Chars.Length < 4 * longestWord + 16) Chars = new char[4 * longestWord + 16];
        Length = n;
    }

    public ReadOnlySpan<ulong> StaticOf(int i) => Static.AsSpan(i * Stride, StaticCount[i]);
}

/// <summary>
/// Feature templates of the entity recognizer: the word and its lower-cased neighbours (+/-2), affixes, word shape,
/// capitalisation at and after the sentence start, hyphen parts of compounds, word classes at three granularities
/// for the word and its neighbours, the knowledge gazetteers (phrase membership of the word and its neighbours), the
/// training-entity lexicon (same, by entity type), both also for the part before a hyphen, and how often each word
/// is capitalised mid-sentence in plain text; optionally the gazetteer marks of a lower-case word's capitalised form.
/// </summary>
internal sealed class NerFeatures
{
    // Template numbers: stable, part of the model file format (changing one means a new payload version).
    private const int TBias = 1, TWord = 2, TLower = 3, TPrev = 4, TNext = 5, TPrev2 = 6, TNext2 = 7, TPrevWord = 8, TWordNext = 9,
        TPrefix = 10, TSuffix = 11, TShape = 12, TShapePrev = 13, TShapeNext = 14, TShapeTri = 15, TFirstShape = 16,
        TLength = 17, THyphenFirst = 18, THyphenLast = 19, TClass = 20, TClassPrev = 21, TClassNext = 22, TClassPrev2 = 23,
        TClassNext2 = 24, TGaz = 25, TGazPrev = 26, TGazNext = 27, TClassShape = 28, TPrevClassWord = 29, TWordNextClass = 30,
        TSuffixCap = 31, TNoCase = 32, TGazNext2 = 33, TLex = 34, TLexPrev = 35, TLexNext = 36, TCase = 37, TCasePrev = 38,
        TCaseNext = 39, TWordTags = 45, TWordTagsPrev = 46, TWordTagsNext = 47, TWordTagsPair = 48;

    /// <summary>Tag-history templates (used by the decoder).</summary>
    public const int TTag1 = 40, TTag2 = 41, TTag1Word = 42, TTag1Shape = 43, TTag1Class = 44;
    private const int THyphenGaz = 49, THyphenLex = 50, TCompoundGaz = 51, TCompoundLex = 52, TGenitiveGaz = 53, TGenitiveLex = 54,
        TLowerGaz = 55;
    /// <summary>Shortest compound part looked up; shorter heads ("Ei", "Uhr") match too much.</summary>
    private const int MinCompoundPart = 4;

    private const ulong Boundary = 0xB0B0B0B0UL;
    private readonly NerGazetteer _gazetteer;
    private readonly WordClusters _clusters;
    private readonly NerGazetteer? _lexicon;
    private readonly NerCaseStats? _caseStats;
    private readonly int _levels;
    private readonly Dictionary<ulong, byte>? _wordTags;
    private readonly bool _lowercaseGazetteer;

    public NerFeatures(NerGazetteer gazetteer, WordClusters clusters, NerGazetteer? lexicon = null, NerCaseStats? caseStats = null,
        Dictionary<ulong, byte>? wordTags = null, bool lowercaseGazetteer = false)
    {
        _lowercaseGazetteer = lowercaseGazetteer;
        _wordTags = wordTags is { Count: > 0 } ? wordTags : null;
        _gazetteer = gazetteer;
        _clusters = clusters;
        _lexicon = lexicon;
        _caseStats = caseStats;
        _levels = Math.Min(3, clusters.Granularities);
    }

    /// <summary>The lower-cased word key (digits folded) that case statistics are stored under.</summary>
    public static ulong LowerKey(ReadOnlySpan<char> word, Span<char> scratch)
    {
        var lower = scratch[..word.Length];
        for (int k = 0; k < word.Length; k++) lower[k] = char.IsAsciiDigit(word[k]) ? '0' : char.ToLowerInvariant(word[k]);
        return FeatureKey.Of(TLower, lower);
    }

    /// <summary>
    /// Static features of every word. <paramref name="lexicon"/> replaces the model's training-entity lexicon; training
    /// passes the one built without the sentence's own fold, so the model learns how far to trust it.
    /// </summary>
    public void Extract(IReadOnlyList<string> words, NerSentenceBuffers b, NerGazetteer? lexicon = null)
    {
        lexicon ??= _lexicon;
        int n = words.Count, longest = 1;
        for (int i = 0; i < n; i++) longest = Math.Max(longest, words[i].Length);
        b.Ensure(n, longest);
        const int P = NerSentenceBuffers.Pad;
        var chars = b.Chars.AsSpan();

        // Per-word keys first, so context templates only combine them.
        for (int i = -P; i < n + P; i++)
        {
            int at = i + P;
            if (i < 0 || i >= n)
            {
                b.WordKey[at] = Boundary + (ulong)(i < 0 ? 1 : 2);
                b.ShapeKey[at] = Boundary + (ulong)(i < 0 ? 3 : 4);
                b.Marks[at] = 0;
                for (int l = 0; l < 3; l++) b.Classes[l][at] = i < 0 ? 65001 : 65002;
                b.WordTags[at] = 9;
                continue;
            }
            var word = words[i].AsSpan();
            var lower = chars[..word.Length];
            for (int k = 0; k < word.Length; k++) lower[k] = char.IsAsciiDigit(word[k]) ? '0' : char.ToLowerInvariant(word[k]);
            b.WordKey[at] = FeatureKey.Of(TLower, lower);
            var shape = chars.Slice(word.Length, word.Length);
            int shapeLength = Shape(word, shape);
            b.ShapeKey[at] = FeatureKey.Of(TShape, shape[..shapeLength]);
            b.TokenHash[i] = NerGazetteer.TokenHash(word);
            var folded = chars.Slice(2 * word.Length, word.Length);
            WordClusters.FoldDigits(word, folded);
            int index = _clusters.IndexOf(folded);
            for (int l = 0; l < 3; l++) b.Classes[l][at] = index < 0 || l >= _levels ? 65000 : _clusters.ClassOf(index, l);
            if (_wordTags != null)
            {
                // Lexicon tags of the form as written, else (sentence start) lower-cased; 8 = a word no lexicon lists.
                if (_wordTags.TryGetValue(Tagging.TaggerFeatures.WordKey(word), out var tags)) b.WordTags[at] = tags;
                else if (i == 0 && _wordTags.TryGetValue(Tagging.TaggerFeatures.WordKey(lower), out tags)) b.WordTags[at] = tags | 16;
                else b.WordTags[at] = HasLetter(word) ? 8 : 0;
            }
        }
        _gazetteer.Mark(b.TokenHash.AsSpan(0, n), b.Marks.AsSpan(P, n));
        if (lexicon != null) lexicon.Mark(b.TokenHash.AsSpan(0, n), b.LexiconMarks.AsSpan(P, n));
        else b.LexiconMarks.AsSpan(P, n).Clear();
        b.LexiconMarks.AsSpan(0, P).Clear();
        b.LexiconMarks.AsSpan(P + n, P).Clear();

        for (int i = 0; i < n; i++)
        {
            int at = i + P, c = 0;
            var f = b.Static.AsSpan(i * NerSentenceBuffers.Stride, NerSentenceBuffers.Stride);
            var word = words[i].AsSpan();
            var lower = chars[..word.Length];
            for (int k = 0; k < word.Length; k++) lower[k] = char.IsAsciiDigit(word[k]) ? '0' : char.ToLowerInvariant(word[k]);
            ulong w = b.WordKey[at], shape = b.ShapeKey[at];

            f[c++] = FeatureKey.Of(TBias, 0);
            f[c++] = FeatureKey.Of(TWord, word);
            f[c++] = w;
            f[c++] = FeatureKey.Of(TPrev, (long)b.WordKey[at - 1]);
            f[c++] = FeatureKey.Of(TNext, (long)b.WordKey[at + 1]);
            f[c++] = FeatureKey.Of(TPrev2, (long)b.WordKey[at - 2]);
            f[c++] = FeatureKey.Of(TNext2, (long)b.WordKey[at + 2]);
            f[c++] = FeatureKey.Of(TPrevWord, (long)b.WordKey[at - 1], (long)w);
            f[c++] = FeatureKey.Of(TWordNext, (long)w, (long)b.WordKey[at + 1]);
            for (int k = 1; k <= 4 && k <= lower.Length; k++) f[c++] = FeatureKey.Of(TPrefix, lower[..k]);
            for (int k = 1; k <= 5 && k <= lower.Length; k++) f[c++] = FeatureKey.Of(TSuffix, lower[^k..]);
            bool upper = word.Length > 0 && char.IsUpper(word[0]);
            if (word.Length > 3) f[c++] = FeatureKey.Of(TSuffixCap, upper ? 1 : 0, lower[^3..]);
            f[c++] = shape;
            f[c++] = FeatureKey.Of(TShapePrev, (long)b.ShapeKey[at - 1]);
            f[c++] = FeatureKey.Of(TShapeNext, (long)b.ShapeKey[at + 1]);
            f[c++] = FeatureKey.Combine(FeatureKey.Of(TShapeTri, (long)b.ShapeKey[at - 1], (long)shape), b.ShapeKey[at + 1]);
            if (i == 0) f[c++] = FeatureKey.Of(TFirstShape, (long)shape);
            f[c++] = FeatureKey.Of(TLength, Math.Min(word.Length, 12));
            int dash = lower.IndexOf('-');
            if (dash > 0 && dash < lower.Length - 1)
            {
                f[c++] = FeatureKey.Of(THyphenFirst, lower[..dash]);
                f[c++] = FeatureKey.Of(THyphenLast, lower[(lower.LastIndexOf('-') + 1)..]);
                // "Deutschland-Tournee", "Siemens-Chef": a known name before the hyphen marks a part entity.
                c = AddMarks(f, c, THyphenGaz, _gazetteer.MarkSingle(word[..dash]), NerGazetteer.CategoryCount * 2);
                if (lexicon != null) c = AddMarks(f, c, THyphenLex, lexicon.MarkSingle(word[..dash]), lexicon.Categories * 2);
            }
            else if (upper && word.Length >= 2 * MinCompoundPart)
                c = CompoundMarks(word, lexicon, f, c);
            if (_lowercaseGazetteer && !upper && word.Length > 1 && char.IsLower(word[0]))
            {
                // "malaysia", "florida": web text drops the capital a name's gazetteer entry has.
                var title = chars.Slice(3 * word.Length, word.Length);
                word.CopyTo(title);
                title[0] = char.ToUpperInvariant(title[0]);
                c = AddMarks(f, c, TLowerGaz, _gazetteer.MarkSingle(title), NerGazetteer.CategoryCount * 2);
            }
            if (upper && word.Length > 3 && word[^1] == 's')
            {
                // "Erfurts", "Nerudas": a genitive of a known name.
                c = AddMarks(f, c, TGenitiveGaz, _gazetteer.MarkSingle(word[..^1]), NerGazetteer.CategoryCount * 2);
                if (lexicon != null) c = AddMarks(f, c, TGenitiveLex, lexicon.MarkSingle(word[..^1]), lexicon.Categories * 2);
            }
            for (int l = 0; l < _levels; l++)
            {
                int cl = b.Classes[l][at];
                f[c++] = FeatureKey.Of(TClass, l, cl);
                f[c++] = FeatureKey.Of(TClassPrev, l, b.Classes[l][at - 1]);
                f[c++] = FeatureKey.Of(TClassNext, l, b.Classes[l][at + 1]);
            }
            if (_levels > 0)
            {
                int mid = Math.Min(1, _levels - 1);
                f[c++] = FeatureKey.Of(TClassPrev2, b.Classes[mid][at - 2]);
                f[c++] = FeatureKey.Of(TClassNext2, b.Classes[mid][at + 2]);
                f[c++] = FeatureKey.Combine(FeatureKey.Of(TClassShape, b.Classes[mid][at]), shape);
                f[c++] = FeatureKey.Combine(FeatureKey.Of(TPrevClassWord, b.Classes[mid][at - 1]), w);
                f[c++] = FeatureKey.Combine(FeatureKey.Of(TWordNextClass, b.Classes[mid][at + 1]), w);
                // Words too rare to be clustered: capitalisation and position must carry them.
                if (b.Classes[0][at] == 65000) f[c++] = FeatureKey.Of(TNoCase, upper ? 1 : 0, i == 0 ? 1 : 0);
            }
            c = AddMarks(f, c, TGaz, b.Marks[at], NerGazetteer.CategoryCount * 2);
            c = AddMarks(f, c, TGazPrev, b.Marks[at - 1], NerGazetteer.CategoryCount * 2);
            c = AddMarks(f, c, TGazNext, b.Marks[at + 1], NerGazetteer.CategoryCount * 2);
            c = AddMarks(f, c, TGazNext2, b.Marks[at + 2], NerGazetteer.CategoryCount * 2);
            if (lexicon != null)
            {
                int bits = lexicon.Categories * 2;
                c = AddMarks(f, c, TLex, b.LexiconMarks[at], bits);
                c = AddMarks(f, c, TLexPrev, b.LexiconMarks[at - 1], bits);
                c = AddMarks(f, c, TLexNext, b.LexiconMarks[at + 1], bits);
            }
            if (_wordTags != null && c + 4 <= NerSentenceBuffers.Stride)
            {
                int first = i == 0 ? 1 : 0, up = upper ? 1 : 0;
                f[c++] = FeatureKey.Of(TWordTags, b.WordTags[at], up * 2 + first);
                f[c++] = FeatureKey.Of(TWordTagsPrev, b.WordTags[at - 1], up);
                f[c++] = FeatureKey.Of(TWordTagsNext, b.WordTags[at + 1], up);
                f[c++] = FeatureKey.Of(TWordTagsPair, b.WordTags[at - 1] * 32 + b.WordTags[at], up);
            }
            if (_caseStats != null && c + 3 <= NerSentenceBuffers.Stride)
            {
                int first = i == 0 ? 1 : 0;
                f[c++] = FeatureKey.Of(TCase, _caseStats.BucketOf(w) * 4 + (upper ? 2 : 0) + first);
                f[c++] = FeatureKey.Of(TCasePrev, _caseStats.BucketOf(b.WordKey[at - 1]), upper ? 1 : 0);
                f[c++] = FeatureKey.Of(TCaseNext, _caseStats.BucketOf(b.WordKey[at + 1]), upper ? 1 : 0);
            }
            b.StaticCount[i] = c;
        }
    }

    /// <summary>
    /// "Sibirientagebuch", "Donauinselfest": German joins a name and a noun without a hyphen, and the name makes the
    /// word a part entity. Marks of the longest leading part (at least <see cref="MinCompoundPart"/> letters, with as
    /// many left for the head) that a gazetteer knows as a word of its own.
    /// </summary>
    private int CompoundMarks(ReadOnlySpan<char> word, NerGazetteer? lexicon, Span<ulong> f, int c)
    {
        for (int length = word.Length - MinCompoundPart; length >= MinCompoundPart; length--)
        {
            var part = word[..length];
            int marks = _gazetteer.MarkSingle(part), lexiconMarks = lexicon?.MarkSingle(part) ?? 0;
            if (marks == 0 && lexiconMarks == 0) continue;
            c = AddMarks(f, c, TCompoundGaz, marks, NerGazetteer.CategoryCount * 2);
            if (lexicon != null) c = AddMarks(f, c, TCompoundLex, lexiconMarks, lexicon.Categories * 2);
            break;
        }
        return c;
    }

    private static bool HasLetter(ReadOnlySpan<char> word)
    {
        foreach (char ch in word) if (char.IsLetter(ch)) return true;
        return false;
    }

    private static int AddMarks(Span<ulong> f, int c, int template, int marks, int bits)
    {
        // Room is reserved for the common case; a word inside many phrases keeps the first ones.
        for (int bit = 0; bit < bits && marks != 0 && c < NerSentenceBuffers.Stride; bit++)
            if ((marks & (1 << bit)) != 0) { f[c++] = FeatureKey.Of(template, bit); marks &= ~(1 << bit); }
        return c;
    }

    /// <summary>Writes the tag-history features of word <paramref name="i"/> given the two previous tags.</summary>
    public static int History(NerSentenceBuffers b, int i, int previous, int beforePrevious, Span<ulong> into)
    {
        int at = i + NerSentenceBuffers.Pad;
        return History(b.WordKey[at], b.ShapeKey[at], b.Classes[1][at], previous, beforePrevious, into);
    }

    public static int History(ulong wordKey, ulong shapeKey, int wordClass, int previous, int beforePrevious, Span<ulong> into)
    {
        into[0] = FeatureKey.Of(TTag1, previous);
        into[1] = FeatureKey.Of(TTag2, previous, beforePrevious);
        into[2] = FeatureKey.Combine(FeatureKey.Of(TTag1Word, previous), wordKey);
        into[3] = FeatureKey.Combine(FeatureKey.Of(TTag1Shape, previous), shapeKey);
        into[4] = FeatureKey.Of(TTag1Class, previous, wordClass);
        return HistoryCount;
    }

    public const int HistoryCount = 5;
    /// <summary>"Xx", "X.", "d", "x-Xx": character classes with runs collapsed.</summary>
    private static int Shape(ReadOnlySpan<char> word, Span<char> into)
    {
        int n = 0;
        char last = '\0';
        foreach (char ch in word)
        {
            char s = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : ch;
            if (s == last) continue;
            into[n++] = s;
            last = s;
        }
        return n;
    }
}
