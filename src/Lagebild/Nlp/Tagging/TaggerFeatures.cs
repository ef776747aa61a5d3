using System.Runtime.CompilerServices;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Tagging;

/// <summary>What the tagger knows about one word, hashed once per sentence so that the per-position feature
/// templates only mix numbers.</summary>
internal struct WordInfo
{
    public ulong Form, Lower, Shape, Ambiguity, LastPart;
    public ulong Pre1, Pre2, Pre3, Pre4;
    public ulong Suf1, Suf2, Suf3, Suf4, Suf5;
    /// <summary>The last word before the next punctuation mark: in German clauses the main verb waits there, which
    /// tells an auxiliary from a full verb.</summary>
    public ulong ClauseEndSuffix, ClauseEndAmbiguity;
    /// <summary>Word classes from unlabelled text (coarse, middle, fine; 0 = unclustered) and the lexicon's tag set
    /// (0 = not in the lexicon): both reach words the treebank never saw.</summary>
    public ulong Cluster0, Cluster1, Cluster2, Lexicon;
    /// <summary>For a word the lexicon lacks: the lexicon tags and the ambiguity class of its longest known tail word
    /// (the compound head: "Europaminister" -> "Minister", "Siemens-Chef" -> "Chef"); 0 = none.</summary>
    public ulong HeadLexicon, HeadAmbiguity;
    public int Flags;
}

/// <summary>
/// Feature extraction of the POS tagger: word-level values (computed once per word) combined into per-position
/// features with the neighbours' words and the two previously predicted tags. The ambiguity class is the set of tags
/// a word had in training (words seen at least twice), a strong hint that also covers the not-yet-tagged right context.
/// </summary>
internal sealed class TaggerFeatures
{
    /// <summary>Room for the templates of one position and their convention copies.</summary>
    public const int MaxFeatures = 160;
    private const int MaxWordChars = 64;   // longer tokens (URLs) are hashed on their first 64 chars

    // Value namespaces for the per-word hashes.
    private const int VForm = 1, VLower = 2, VShape = 3, VPre = 10, VSuf = 20, VLast = 30, VAmbiguity = 40,
        VCluster = 50, VLexicon = 60, VHead = 70;
    /// <summary>A compound head starts at this character or later and has at least this many characters.</summary>
    private const int MinHeadStart = 3, MinHeadLength = 3;

    [Flags]
    private enum WordFlag
    {
        FirstUpper = 1, AllUpper = 2, HasDigit = 4, AllDigit = 8, HasHyphen = 16, HasPeriod = 32, NoLetter = 64,
        Short = 128, Long = 256,
    }

    private static readonly WordInfo Start = Boundary("<s>"), End = Boundary("</s>");

    /// <summary>Word form (case-sensitive) -> ambiguity class; lower-cased forms are tried second.</summary>
    private readonly Dictionary<ulong, ulong> _ambiguity;

    private readonly WordClusters _clusters;
    private readonly Dictionary<ulong, byte> _lexicon;

    public TaggerFeatures(Dictionary<ulong, ulong> ambiguity, bool clauseFeatures, WordClusters? clusters = null,
        Dictionary<ulong, byte>? lexicon = null, bool conventionCopies = false)
    {
        ConventionCopies = conventionCopies;
        _ambiguity = ambiguity;
        ClauseFeatures = clauseFeatures;
        _clusters = clusters ?? WordClusters.Empty;
        _lexicon = lexicon ?? [];
    }

    /// <summary>Word classes learned from unlabelled text (empty when the model has none).</summary>
    public WordClusters Clusters => _clusters;

    /// <summary>Word key (<see cref="WordKey"/>) -> bit set of the coarse tags a morphological lexicon gives the form.</summary>
    public IReadOnlyDictionary<ulong, byte> Lexicon => _lexicon;

    /// <summary>Whether the clause-final word's features are used (they pay for German verb-final clauses only).</summary>
    public bool ClauseFeatures { get; }

    /// <summary>Whether every feature also has a copy that fires only on sentences in the target annotation conventions
    /// (see <see cref="TaggerTrainingOptions.ConventionFeatures"/>); tagging always fires the copies.</summary>
    public bool ConventionCopies { get; }

    /// <summary>Appends to the first <paramref name="count"/> features in <paramref name="f"/> their target-convention
    /// copies and returns the new count.</summary>
    public static int AddConventionCopies(Span<ulong> f, int count)
    {
        for (int j = 0; j < count; j++) f[count + j] = ConventionCopyOf(f[j]);
        return 2 * count;
    }

    /// <summary>The target-convention copy of a feature key.</summary>
    public static ulong ConventionCopyOf(ulong feature) => FeatureKey.Combine(feature, ConventionMark);

    /// <summary>The same features without convention copies: for a model whose copies were folded into their features.</summary>
    public TaggerFeatures WithoutConventionCopies() => new(_ambiguity, ClauseFeatures, _clusters, _lexicon, conventionCopies: false);

    private const ulong ConventionMark = 0xC0DE_C0DE_0002_0003;

    public IReadOnlyDictionary<ulong, ulong> Ambiguity => _ambiguity;

    /// <summary>Key of a word in the ambiguity dictionary.</summary>
    public static ulong WordKey(ReadOnlySpan<char> form) => FeatureKey.Of(VForm, form.Length > MaxWordChars ? form[..MaxWordChars] : form);

    /// <summary>Writes a word key -> tag bit set table (sorted keys as deltas).</summary>
    public static void WriteWordTags(BinaryWriter w, IReadOnlyDictionary<ulong, byte> table)
    {
        w.Write(table.Count);
        ulong previous = 0;
        foreach (var (key, tags) in table.OrderBy(e => e.Key))
        {
            w.Write7BitEncodedInt64((long)(key - previous));
            previous = key;
            w.Write(tags);
        }
    }

    public static Dictionary<ulong, byte> ReadWordTags(BinaryReader r)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > 50_000_000) throw new InvalidDataException("bad lexicon table");
        var table = new Dictionary<ulong, byte>(count);
        ulong key = 0;
        for (int i = 0; i < count; i++)
        {
            key += (ulong)r.Read7BitEncodedInt64();
            table[key] = r.ReadByte();
        }
        return table;
    }

    /// <summary>Ambiguity class of a set of tag ids (sorted).</summary>
    public static ulong AmbiguityClass(IEnumerable<int> sortedTags)
    {
        ulong key = FeatureKey.Of(VAmbiguity, 0);
        foreach (var t in sortedTags) key = FeatureKey.Combine(key, (ulong)t + 1);
        return key;
    }

    private static WordInfo Boundary(string marker)
    {
        ulong h = FeatureKey.Of(0, marker);
        return new WordInfo
        {
            Form = h, Lower = h, Shape = h, Ambiguity = h, LastPart = h, Pre1 = h, Pre2 = h, Pre3 = h, Pre4 = h,
            Suf1 = h, Suf2 = h, Suf3 = h, Suf4 = h, Suf5 = h, Flags = -1, Cluster0 = h, Cluster1 = h, Cluster2 = h, Lexicon = h,
            HeadLexicon = h, HeadAmbiguity = h,
        };
    }

    public void Describe(string word, ref WordInfo info)
    {
        var form = word.AsSpan();
        if (form.Length > MaxWordChars) form = form[..MaxWordChars];
        Span<char> lower = stackalloc char[form.Length];
        form.ToLowerInvariant(lower);

        info.Form = FeatureKey.Of(VForm, form);
        info.Lower = FeatureKey.Of(VLower, lower);
        info.Pre1 = Affix(VPre + 1, lower, 1, prefix: true);
        info.Pre2 = Affix(VPre + 2, lower, 2, prefix: true);
        info.Pre3 = Affix(VPre + 3, lower, 3, prefix: true);
        info.Pre4 = Affix(VPre + 4, lower, 4, prefix: true);
        info.Suf1 = Affix(VSuf + 1, lower, 1, prefix: false);
        info.Suf2 = Affix(VSuf + 2, lower, 2, prefix: false);
        info.Suf3 = Affix(VSuf + 3, lower, 3, prefix: false);
        info.Suf4 = Affix(VSuf + 4, lower, 4, prefix: false);
        info.Suf5 = Affix(VSuf + 5, lower, 5, prefix: false);

        int hyphen = lower.Length > 1 ? lower[..^1].LastIndexOf('-') : -1;
        info.LastPart = hyphen > 0 ? FeatureKey.Of(VLast, lower[(hyphen + 1)..]) : 0;

        if (_ambiguity.TryGetValue(info.Form, out var amb)) info.Ambiguity = amb;
        else if (_ambiguity.TryGetValue(FeatureKey.Of(VForm, lower), out amb)) info.Ambiguity = FeatureKey.Combine(amb, 1);
        else info.Ambiguity = 0;

        info.Flags = FlagsOf(form);
        info.Shape = ShapeOf(form);

        info.Cluster0 = info.Cluster1 = info.Cluster2 = 0;
        if (_clusters.Granularities > 0)
        {
            Span<char> folded = stackalloc char[form.Length];
            WordClusters.FoldDigits(form, folded);
            int index = _clusters.IndexOf(folded);
            // Sentence-initial capitals: fall back to the lower-cased word's class.
            if (index < 0 && (info.Flags & (int)WordFlag.FirstUpper) != 0)
            {
                WordClusters.FoldDigits(lower, folded);
                index = _clusters.IndexOf(folded);
            }
            if (index >= 0)
            {
                int levels = _clusters.Granularities;
                info.Cluster0 = FeatureKey.Of(VCluster, _clusters.ClassOf(index, 0) + 1);
                info.Cluster1 = FeatureKey.Of(VCluster + 1, _clusters.ClassOf(index, Math.Min(1, levels - 1)) + 1);
                info.Cluster2 = FeatureKey.Of(VCluster + 2, _clusters.ClassOf(index, levels - 1) + 1);
            }
        }
        if (_lexicon.Count > 0)
        {
            if (_lexicon.TryGetValue(info.Form, out var tags)) info.Lexicon = FeatureKey.Of(VLexicon, tags);
            else if (_lexicon.TryGetValue(FeatureKey.Of(VForm, lower), out tags)) info.Lexicon = FeatureKey.Of(VLexicon + 1, tags);
            else info.Lexicon = 0;
        }
        else info.Lexicon = 0;
        DescribeHead(lower, ref info);
    }

    /// <summary>Finds the longest tail of a word outside the lexicon that the lexicon knows (capitalised, as German
    /// nouns are, or as it is) and records its lexicon tags and ambiguity class.</summary>
    private void DescribeHead(ReadOnlySpan<char> lower, ref WordInfo info)
    {
        info.HeadLexicon = info.HeadAmbiguity = 0;
        if (_lexicon.Count == 0 || info.Lexicon != 0 || lower.Length < MinHeadStart + MinHeadLength) return;
        Span<char> head = stackalloc char[lower.Length];
        for (int start = MinHeadStart; start <= lower.Length - MinHeadLength; start++)
        {
            var tail = lower[start..];
            if (!char.IsLetter(tail[0])) continue;
            var capital = head[..tail.Length];
            tail.CopyTo(capital);
            capital[0] = char.ToUpperInvariant(capital[0]);
            ulong capitalKey = FeatureKey.Of(VForm, capital), lowerKey = FeatureKey.Of(VForm, tail);
            if (_lexicon.TryGetValue(capitalKey, out var tags) || _lexicon.TryGetValue(lowerKey, out tags))
            {
                info.HeadLexicon = FeatureKey.Of(VHead, tags);
                if (_ambiguity.TryGetValue(capitalKey, out var amb) || _ambiguity.TryGetValue(lowerKey, out amb))
                    info.HeadAmbiguity = FeatureKey.Combine(amb, 2);
                return;
            }
        }
    }

    /// <summary>Fills the sentence-level parts of the descriptions once every word is described.</summary>
    public static void Link(Span<WordInfo> words)
    {
        ulong endSuffix = End.Suf2, endAmbiguity = End.Ambiguity;
        bool atPunctuation = true;
        for (int i = words.Length - 1; i >= 0; i--)
        {
            ref var w = ref words[i];
            w.ClauseEndSuffix = endSuffix;
            w.ClauseEndAmbiguity = endAmbiguity;
            bool punctuation = (w.Flags & (int)(WordFlag.NoLetter | WordFlag.HasDigit)) == (int)WordFlag.NoLetter;
            if (punctuation) { endSuffix = End.Suf2; endAmbiguity = End.Ambiguity; }
            else if (atPunctuation) { endSuffix = w.Suf2; endAmbiguity = w.Ambiguity; }
            atPunctuation = punctuation;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Affix(int valueKind, ReadOnlySpan<char> lower, int length, bool prefix) =>
        lower.Length < length ? 0 : FeatureKey.Of(valueKind, prefix ? lower[..length] : lower[^length..]);

    private static int FlagsOf(ReadOnlySpan<char> form)
    {
        WordFlag flags = 0;
        bool anyLetter = false, allUpper = true, allDigit = true;
        foreach (char c in form)
        {
            if (char.IsLetter(c)) { anyLetter = true; if (!char.IsUpper(c)) allUpper = false; }
            if (char.IsDigit(c)) flags |= WordFlag.HasDigit; else allDigit = false;
            if (c == '-') flags |= WordFlag.HasHyphen;
            if (c == '.') flags |= WordFlag.HasPeriod;
        }
        if (form.Length > 0 && char.IsUpper(form[0])) flags |= WordFlag.FirstUpper;
        if (anyLetter && allUpper && form.Length > 1) flags |= WordFlag.AllUpper;
        if (allDigit && form.Length > 0) flags |= WordFlag.AllDigit;
        if (!anyLetter) flags |= WordFlag.NoLetter;
        if (form.Length <= 3) flags |= WordFlag.Short;
        if (form.Length >= 12) flags |= WordFlag.Long;
        return (int)flags;
    }

    /// <summary>"Xxxx" for "Panzer", "dd.dd" for "12.30": character classes with runs cut to two.</summary>
    private static ulong ShapeOf(ReadOnlySpan<char> form)
    {
        Span<char> shape = stackalloc char[Math.Min(form.Length, 16)];
        int n = 0, run = 0;
        char last = '\0';
        foreach (char c in form)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLetter(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            run = k == last ? run + 1 : 1;
            last = k;
            if (run > 2) continue;
            if (n == shape.Length) break;
            shape[n++] = k;
        }
        return FeatureKey.Of(VShape, shape[..n]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly WordInfo At(ReadOnlySpan<WordInfo> words, int i)
    {
        if (i < 0) return ref Start;
        if (i >= words.Length) return ref End;
        return ref words[i];
    }

    /// <summary>Writes the features of position <paramref name="i"/> given the two previous predicted tags
    /// (-1 = before the sentence) and returns how many it wrote.</summary>
    /// <param name="guide">A first pass's tags of the whole sentence (stacked second pass), or empty: they give the
    /// second pass the right context's tags.</param>
    public int Extract(ReadOnlySpan<WordInfo> words, int i, int prev1, int prev2, Span<ulong> f, ReadOnlySpan<int> guide = default)
    {
        ref readonly var w = ref words[i];
        ref readonly var p1 = ref At(words, i - 1);
        ref readonly var p2 = ref At(words, i - 2);
        ref readonly var n1 = ref At(words, i + 1);
        ref readonly var n2 = ref At(words, i + 2);
        int k = 0;
        f[k++] = FeatureKey.Of(1, 0);
        f[k++] = FeatureKey.Of(2, (long)w.Form);
        f[k++] = FeatureKey.Of(3, (long)w.Lower);
        f[k++] = FeatureKey.Of(4, (long)w.Pre1);
        f[k++] = FeatureKey.Of(5, (long)w.Pre2);
        f[k++] = FeatureKey.Of(6, (long)w.Pre3);
        f[k++] = FeatureKey.Of(7, (long)w.Pre4);
        f[k++] = FeatureKey.Of(8, (long)w.Suf1);
        f[k++] = FeatureKey.Of(9, (long)w.Suf2);
        f[k++] = FeatureKey.Of(10, (long)w.Suf3);
        f[k++] = FeatureKey.Of(11, (long)w.Suf4);
        f[k++] = FeatureKey.Of(12, (long)w.Suf5);
        f[k++] = FeatureKey.Of(13, (long)w.Shape);
        f[k++] = FeatureKey.Of(14, w.Flags, i == 0 ? 1 : 0);
        f[k++] = FeatureKey.Of(15, (long)w.Ambiguity);
        if (w.LastPart != 0) f[k++] = FeatureKey.Of(16, (long)w.LastPart);

        f[k++] = FeatureKey.Of(20, (long)p1.Lower);
        f[k++] = FeatureKey.Of(21, (long)p2.Lower);
        f[k++] = FeatureKey.Of(22, (long)n1.Lower);
        f[k++] = FeatureKey.Of(23, (long)n2.Lower);
        f[k++] = FeatureKey.Of(24, (long)p1.Suf3);
        f[k++] = FeatureKey.Of(25, (long)n1.Suf3);
        f[k++] = FeatureKey.Of(26, (long)n1.Suf2);
        f[k++] = FeatureKey.Of(27, (long)n1.Shape);
        f[k++] = FeatureKey.Of(28, (long)p1.Shape);
        f[k++] = FeatureKey.Of(29, (long)n1.Ambiguity);
        f[k++] = FeatureKey.Of(30, (long)n2.Ambiguity);
        f[k++] = FeatureKey.Of(31, (long)p1.Ambiguity);
        f[k++] = FeatureKey.Of(32, n1.Flags);

        f[k++] = FeatureKey.Of(40, prev1);
        f[k++] = FeatureKey.Of(41, prev2);
        f[k++] = FeatureKey.Of(42, prev1, prev2);
        f[k++] = FeatureKey.Of(43, prev1, (long)w.Lower);
        f[k++] = FeatureKey.Of(44, prev1, (long)w.Suf3);
        f[k++] = FeatureKey.Of(45, prev1, (long)w.Ambiguity);
        f[k++] = FeatureKey.Of(46, prev1, (long)n1.Ambiguity);
        f[k++] = FeatureKey.Of(47, prev1, w.Flags);

        f[k++] = FeatureKey.Combine(FeatureKey.Of(50, (long)w.Lower), n1.Lower);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(51, (long)p1.Lower), w.Lower);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(52, (long)w.Ambiguity), n1.Ambiguity);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(53, (long)w.Suf3), n1.Lower);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(54, (long)p1.Lower), n1.Lower);

        if (w.Cluster0 != 0)
        {
            f[k++] = FeatureKey.Of(60, (long)w.Cluster0);
            f[k++] = FeatureKey.Of(61, (long)w.Cluster1);
            f[k++] = FeatureKey.Of(62, (long)w.Cluster2);
            f[k++] = FeatureKey.Of(63, prev1, (long)w.Cluster1);
        }
        if (n1.Cluster0 != 0)
        {
            f[k++] = FeatureKey.Of(64, (long)n1.Cluster0);
            f[k++] = FeatureKey.Of(65, (long)n1.Cluster1);
        }
        if (p1.Cluster0 != 0) f[k++] = FeatureKey.Of(66, (long)p1.Cluster1);
        if (n2.Cluster0 != 0) f[k++] = FeatureKey.Of(67, (long)n2.Cluster0);
        if (w.Lexicon != 0)
        {
            f[k++] = FeatureKey.Of(70, (long)w.Lexicon);
            f[k++] = FeatureKey.Combine(FeatureKey.Of(71, (long)w.Lexicon), w.Ambiguity);
            f[k++] = FeatureKey.Of(72, prev1, (long)w.Lexicon);
        }
        if (w.HeadLexicon != 0)
        {
            f[k++] = FeatureKey.Of(75, (long)w.HeadLexicon);
            f[k++] = FeatureKey.Of(76, prev1, (long)w.HeadLexicon);
            if (w.HeadAmbiguity != 0) f[k++] = FeatureKey.Of(77, (long)w.HeadAmbiguity);
        }
        if (n1.Lexicon != 0) f[k++] = FeatureKey.Of(73, (long)n1.Lexicon);
        if (p1.Lexicon != 0) f[k++] = FeatureKey.Of(74, (long)p1.Lexicon);
        if (guide.Length > 0)
        {
            int g1 = GuideAt(guide, i + 1), g2 = GuideAt(guide, i + 2);
            f[k++] = FeatureKey.Of(81, g1);
            f[k++] = FeatureKey.Of(82, g2);
            f[k++] = FeatureKey.Of(83, g1, g2);
            f[k++] = FeatureKey.Of(84, prev1, g1);
            f[k++] = FeatureKey.Of(86, g1, (long)w.Lower);
            f[k++] = FeatureKey.Of(87, g1, (long)w.Ambiguity);
        }
        if (!ClauseFeatures) return k;
        f[k++] = FeatureKey.Combine(FeatureKey.Of(55, (long)w.Ambiguity), w.ClauseEndSuffix);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(56, (long)w.Ambiguity), w.ClauseEndAmbiguity);
        return k;
    }

    /// <summary>A first-pass tag, or -1 before and -2 after the sentence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GuideAt(ReadOnlySpan<int> guide, int i) => i < 0 ? -1 : i >= guide.Length ? -2 : guide[i];
}
