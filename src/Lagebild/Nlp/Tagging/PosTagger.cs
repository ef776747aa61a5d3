using System.Buffers;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Tagging;

/// <summary>
/// Greedy left-to-right averaged-perceptron POS tagger. A class is a UPOS tag, or "UPOS\tXPOS" when the model was
/// trained on both (English EWT), so one decision yields both tags and the previous-tag features see the finer tag.
/// A stacked model tags twice: a first pass as above, then a second pass that also sees the first pass's tags of the
/// words to the right.
/// Thread-safe: prediction only reads the model and works in rented buffers.
/// </summary>
public sealed class PosTagger : ITagger
{
    public const string Kind = "tagger";
    public const int PayloadVersion = 4;

    private readonly string[] _upos, _xpos;
    private readonly PerceptronModel _model;
    private readonly PerceptronModel? _firstPass;

    /// <param name="firstPass">The first pass of a stacked tagger (then <paramref name="model"/> is the second), or null.</param>
    internal PosTagger(string[] classes, bool hasXpos, TaggerFeatures features, PerceptronModel model, JsonObject? metadata = null,
        PerceptronModel? firstPass = null)
    {
        if (model.Classes != classes.Length || (firstPass != null && firstPass.Classes != classes.Length))
            throw new ArgumentException("model and class list differ");
        _firstPass = firstPass;
        Classes = classes;
        HasXpos = hasXpos;
        Features = features;
        _model = model;
        _upos = classes.Select(c => string.Intern(c.Split('\t')[0])).ToArray();
        _xpos = classes.Select(c => string.Intern(c.Contains('\t') ? c.Split('\t')[1] : "_")).ToArray();
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>Class names: "NOUN", or "NOUN\tNN" for joint UPOS+XPOS models.</summary>
    public IReadOnlyList<string> Classes { get; }
    public bool HasXpos { get; }
    public JsonObject Metadata { get; }
    public int FeatureCount => _model.FeatureCount;
    internal TaggerFeatures Features { get; }
    internal PerceptronModel Model => _model;
    internal PerceptronModel? FirstPass => _firstPass;
    /// <summary>Whether a second pass sees a first pass's tags of the right context.</summary>
    public bool Stacked => _firstPass != null;

    public PosTags Tag(IReadOnlyList<string> words)
    {
        int n = words.Count;
        var upos = new string[n];
        var xpos = HasXpos ? new string[n] : null;
        var classes = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        try
        {
            Predict(words, classes);
            for (int i = 0; i < n; i++)
            {
                upos[i] = _upos[classes[i]];
                if (xpos != null) xpos[i] = _xpos[classes[i]];
            }
        }
        finally { ArrayPool<int>.Shared.Return(classes); }
        return new PosTags(upos, xpos);
    }

    /// <summary>Class ids of the words into <paramref name="classes"/> (no allocation besides rented buffers).</summary>
    internal void Predict(IReadOnlyList<string> words, Span<int> classes)
    {
        int n = words.Count;
        if (n == 0) return;
        var infos = ArrayPool<WordInfo>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++) Features.Describe(words[i], ref infos[i]);
            TaggerFeatures.Link(infos.AsSpan(0, n));
            var sentence = infos.AsSpan(0, n);
            if (_firstPass == null) { Decode(Features, _model, sentence, default, classes); return; }
            var guide = ArrayPool<int>.Shared.Rent(n);
            try
            {
                Decode(Features, _firstPass, sentence, default, guide);
                Decode(Features, _model, sentence, guide.AsSpan(0, n), classes);
            }
            finally { ArrayPool<int>.Shared.Return(guide); }
        }
        finally { ArrayPool<WordInfo>.Shared.Return(infos); }
    }

    /// <summary>One greedy left-to-right pass of a model over described words, with a first pass's tags or none.</summary>
    internal static void Decode(TaggerFeatures features, PerceptronModel model, ReadOnlySpan<WordInfo> sentence,
        ReadOnlySpan<int> guide, Span<int> classes)
    {
        Span<ulong> buffer = stackalloc ulong[TaggerFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[model.Classes];
        int prev1 = -1, prev2 = -1;
        for (int i = 0; i < sentence.Length; i++)
        {
            int count = features.Extract(sentence, i, prev1, prev2, buffer, guide);
            if (features.ConventionCopies) count = TaggerFeatures.AddConventionCopies(buffer, count);
            model.Score(buffer[..count], scores);
            int best = PerceptronModel.ArgMax(scores);
            classes[i] = best;
            prev2 = prev1;
            prev1 = best;
        }
    }

    public void Save(string path)
    {
        var metadata = (JsonObject)Metadata.DeepClone();
        ModelFile.Save(path, Kind, Metadata["lang"]?.GetValue<string>() ?? "xx", PayloadVersion, metadata, w =>
        {
            w.Write(Classes.Count);
            foreach (var c in Classes) w.Write(c);
            w.Write(HasXpos);
            w.Write(Features.ClauseFeatures);
            // Ambiguity classes are few; words point to them by index.
            var entries = Features.Ambiguity.OrderBy(e => e.Key).ToList();
            var distinct = entries.Select(e => e.Value).Distinct().OrderBy(v => v).ToList();
            var index = distinct.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
            w.Write(distinct.Count);
            foreach (var v in distinct) w.Write(v);
            w.Write(entries.Count);
            ulong previous = 0;
            foreach (var (key, value) in entries)
            {
                w.Write7BitEncodedInt64((long)(key - previous));
                previous = key;
                w.Write7BitEncodedInt(index[value]);
            }
            Features.Clusters.Write(w);
            TaggerFeatures.WriteWordTags(w, Features.Lexicon);
            _model.Write(w);
            w.Write(_firstPass != null);
            _firstPass?.Write(w);
            w.Write(Features.ConventionCopies);
        });
    }

    public static PosTagger Load(string path) =>
        ModelFile.Load(path, Kind, PayloadVersion, (r, header) =>
        {
            int classCount = r.ReadInt32();
            if (classCount < 2 || classCount > 10_000) throw new InvalidDataException($"bad class count {classCount}");
            var classes = new string[classCount];
            for (int i = 0; i < classCount; i++) classes[i] = r.ReadString();
            bool hasXpos = r.ReadBoolean();
            bool clauseFeatures = r.ReadBoolean();
            int distinctCount = r.ReadInt32();
            if (distinctCount < 0 || distinctCount > 10_000_000) throw new InvalidDataException("bad ambiguity table");
            var distinct = new ulong[distinctCount];
            for (int i = 0; i < distinctCount; i++) distinct[i] = r.ReadUInt64();
            int entryCount = r.ReadInt32();
            if (entryCount < 0 || entryCount > 50_000_000) throw new InvalidDataException("bad word table");
            var ambiguity = new Dictionary<ulong, ulong>(entryCount);
            ulong key = 0;
            for (int i = 0; i < entryCount; i++)
            {
                key += (ulong)r.Read7BitEncodedInt64();
                int index = r.Read7BitEncodedInt();
                if ((uint)index >= (uint)distinctCount) throw new InvalidDataException("ambiguity index out of range");
                ambiguity[key] = distinct[index];
            }
            var clusters = WordClusters.Read(r);
            var lexicon = TaggerFeatures.ReadWordTags(r);
            var model = PerceptronModel.Read(r);
            var firstPass = r.ReadBoolean() ? PerceptronModel.Read(r) : null;
            bool conventionCopies = r.ReadBoolean();
            if (model.Classes != classCount || (firstPass != null && firstPass.Classes != classCount))
                throw new InvalidDataException("perceptron class count differs from the tag list");
            var metadata = (JsonObject)header.Metadata.DeepClone();
            metadata["lang"] = header.Lang;
            return new PosTagger(classes, hasXpos, new TaggerFeatures(ambiguity, clauseFeatures, clusters, lexicon, conventionCopies), model, metadata, firstPass);
        });
}
