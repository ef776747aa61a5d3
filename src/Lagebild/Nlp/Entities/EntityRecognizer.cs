using System.Text.Json.Nodes;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Named-entity recognizer: an averaged perceptron over BIO tags, decoded left to right with a small beam over the
/// tag history (previous two tags). Word features come from <see cref="NerFeatures"/>; the word classes are stored
/// in the model file, the gazetteers come from the knowledge tables at load time. Thread-safe: each thread decodes
/// in its own buffers.
/// </summary>
public sealed class EntityRecognizer : IEntityRecognizer
{
    public const string Kind = "ner";
    /// <summary>Version of the payload below; bump when the features or layout change.</summary>
    public const int PayloadVersion = 4;

    private readonly PerceptronModel _model;
    private readonly string[] _labels;
    private readonly bool[] _allowed;       // [previous * labels + next]: I-X only after B-X or I-X
    private readonly string[] _bio;         // each label as BIO (BIOES: E-X -> I-X, S-X -> B-X)
    private readonly NerFeatures _features;

    [ThreadStatic] private static NerSentenceBuffers? _buffers;
    [ThreadStatic] private static BeamBuffers? _beam;

    internal EntityRecognizer(string lang, string[] labels, PerceptronModel model, WordClusters clusters, int beamSize,
        JsonObject? metadata = null, NerGazetteer? gazetteer = null, NerGazetteer? lexicon = null, NerCaseStats? caseStats = null,
        Dictionary<ulong, byte>? wordTags = null, bool lowercaseGazetteer = false)
    {
        WordTags = wordTags;
        LowercaseGazetteer = lowercaseGazetteer;
        Lang = lang;
        _labels = labels;
        _model = model;
        Clusters = clusters;
        BeamSize = Math.Max(1, beamSize);
        Metadata = metadata ?? new JsonObject();
        Gazetteer = gazetteer ?? NerGazetteer.ForLanguage(lang);
        Lexicon = lexicon;
        CaseStats = caseStats;
        _features = new NerFeatures(Gazetteer, clusters, lexicon, caseStats, wordTags, lowercaseGazetteer);
        _allowed = Transitions(labels);
        _bio = labels.Select(BioesScheme.ToBio).ToArray();
    }

    /// <summary>Entity types in label order: the categories of the training-entity lexicon.</summary>
    internal static string[] TypesOf(string[] labels) => labels.Where(l => l != "O").Select(l => l[2..]).Distinct().ToArray();

    public string Lang { get; }
    public IReadOnlyList<string> Labels => _labels;
    public WordClusters Clusters { get; }
    public NerGazetteer Gazetteer { get; }
    public int BeamSize { get; }
    public JsonObject Metadata { get; }
    public NerGazetteer? Lexicon { get; }
    public NerCaseStats? CaseStats { get; }
    /// <summary>Word key -> the coarse tags a morphological lexicon gives the form (German: nouns, verbs, adjectives);
    /// a capitalised common noun after a name is rarely part of it.</summary>
    public IReadOnlyDictionary<ulong, byte>? WordTags { get; }
    /// <summary>Whether a lower-case word also reads the gazetteer marks of its capitalised form.</summary>
    public bool LowercaseGazetteer { get; }
    public int FeatureCount => _model.FeatureCount;
    public int WeightCount => _model.WeightCount;
    internal PerceptronModel Model => _model;

    /// <summary>The same model decoding with another beam width (1 = greedy).</summary>
    public EntityRecognizer WithBeam(int beamSize) =>
        new(Lang, _labels, _model, Clusters, beamSize, Metadata, Gazetteer, Lexicon, CaseStats, WordTags as Dictionary<ulong, byte>, LowercaseGazetteer);

    internal EntityRecognizer WithMetadata(JsonObject metadata) =>
        new(Lang, _labels, _model, Clusters, BeamSize, metadata, Gazetteer, Lexicon, CaseStats, WordTags as Dictionary<ulong, byte>, LowercaseGazetteer);

    /// <summary>Which label may follow which: BIO allows I-X only after B-X or I-X; BIOES (labels with E- or S-)
    /// also requires B-X and I-X to be continued by I-X or E-X.</summary>
    internal static bool[] Transitions(string[] labels)
    {
        int n = labels.Length;
        bool bioes = BioesScheme.IsBioes(labels);
        var allowed = new bool[n * n];
        for (int p = 0; p < n; p++)
            for (int c = 0; c < n; c++)
            {
                string previous = labels[p], next = labels[c];
                bool continues = next.StartsWith("I-", StringComparison.Ordinal) || bioes && next.StartsWith("E-", StringComparison.Ordinal);
                bool open = previous.StartsWith("B-", StringComparison.Ordinal) || previous.StartsWith("I-", StringComparison.Ordinal);
                allowed[p * n + c] = continues
                    ? previous.Length > 2 && previous[2..] == next[2..] && (open || !bioes)
                    : !(bioes && open);
            }
        return allowed;
    }

    internal bool Allowed(int previous, int next) => _allowed[previous * _labels.Length + next];

    public string[] Recognize(IReadOnlyList<string> words)
    {
        var result = new string[words.Count];
        if (words.Count == 0) return result;
        var b = _buffers ??= new NerSentenceBuffers();
        _features.Extract(words, b);
        var tags = (_beam ??= new BeamBuffers()).Tags(words.Count);
        Decode(b, tags);
        for (int i = 0; i < words.Count; i++) result[i] = _bio[tags[i]];
        MergeAdjacent(result);
        return result;
    }

    /// <summary>
    /// Joins a name that starts right where one of the same type ends ("Marlo Tessaly | Quarnby"): greedy decoding
    /// sometimes closes a long name one word early and opens another, while two same-type names side by side are rare
    /// (0.4 % of GermEval's training names) and usually separated by a comma or "und".
    /// </summary>
    internal static void MergeAdjacent(string[] bio)
    {
        for (int i = 1; i < bio.Length; i++)
            if (bio[i].StartsWith("B-", StringComparison.Ordinal) && bio[i - 1].Length > 2 &&
                bio[i - 1].AsSpan(2).SequenceEqual(bio[i].AsSpan(2)))
                bio[i] = "I-" + bio[i][2..];
    }

    /// <summary>Beam search over tag sequences; the label 0 is "O" and stands before the sentence.</summary>
    internal void Decode(NerSentenceBuffers b, int[] tags)
    {
        int n = b.Length, k = _labels.Length;
        var beam = _beam ??= new BeamBuffers();
        beam.Ensure(n, BeamSize, k);
        Span<ulong> history = stackalloc ulong[NerFeatures.HistoryCount];
        Span<float> local = stackalloc float[k];
        var staticScores = beam.StaticScores;
        // Hypothesis h at step i: score, last tag, back pointer into step i-1.
        int live = 1;
        beam.Score[0] = 0; beam.Last[0] = 0; beam.Last2[0] = 0;
        for (int i = 0; i < n; i++)
        {
            _model.Score(b.StaticOf(i), staticScores);
            int candidates = 0;
            for (int h = 0; h < live; h++)
            {
                int prev = beam.Last[h], prev2 = beam.Last2[h];
                staticScores.AsSpan(0, k).CopyTo(local);
                NerFeatures.History(b, i, prev, prev2, history);
                foreach (var f in history) _model.AddFeature(f, local);
                // Local scores are not comparable across histories (a history never seen in training scores
                // wildly); per-step log-softmax makes them so before they are summed along a path.
                if (BeamSize > 1) LogSoftmax(local, prev);
                for (int c = 0; c < k; c++)
                {
                    if (!_allowed[prev * k + c]) continue;
                    beam.Add(ref candidates, beam.Score[h] + local[c], h, c, BeamSize);
                }
            }
            // Candidates are kept sorted best first; the survivors become the new beam.
            for (int j = 0; j < candidates; j++)
            {
                int from = beam.CandFrom[j];
                beam.NextScore[j] = beam.CandScore[j];
                beam.NextLast[j] = beam.CandTag[j];
                beam.NextLast2[j] = beam.Last[from];
                beam.Back[i * BeamSize + j] = from;
                beam.Tag[i * BeamSize + j] = beam.CandTag[j];
            }
            live = candidates;
            beam.Swap();
        }
        int best = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            tags[i] = beam.Tag[i * BeamSize + best];
            best = beam.Back[i * BeamSize + best];
        }
    }

    private void LogSoftmax(Span<float> scores, int previous)
    {
        int k = scores.Length;
        float max = float.NegativeInfinity;
        for (int c = 0; c < k; c++) if (_allowed[previous * k + c] && scores[c] > max) max = scores[c];
        double sum = 0;
        for (int c = 0; c < k; c++) if (_allowed[previous * k + c]) sum += Math.Exp(scores[c] - max);
        float log = max + (float)Math.Log(sum);
        for (int c = 0; c < k; c++) scores[c] -= log;
    }

    internal sealed class BeamBuffers
    {
        public float[] Score = new float[8], NextScore = new float[8];
        public int[] Last = new int[8], NextLast = new int[8], Last2 = new int[8], NextLast2 = new int[8];
        public float[] CandScore = new float[8];
        public int[] CandFrom = new int[8], CandTag = new int[8];
        public int[] Back = new int[256], Tag = new int[256];
        public float[] StaticScores = new float[64];
        private int[] _tags = new int[64];

        public int[] Tags(int n) => _tags.Length >= n ? _tags : _tags = new int[Math.Max(n, _tags.Length * 2)];

        public void Ensure(int n, int beam, int labels)
        {
            if (Score.Length < beam)
            {
                Score = new float[beam]; NextScore = new float[beam];
                Last = new int[beam]; NextLast = new int[beam]; Last2 = new int[beam]; NextLast2 = new int[beam];
                CandScore = new float[beam]; CandFrom = new int[beam]; CandTag = new int[beam];
            }
            if (Back.Length < n * beam) { Back = new int[Math.Max(n * beam, Back.Length * 2)]; Tag = new int[Back.Length]; }
            if (StaticScores.Length < labels) StaticScores = new float[labels];
        }

        /// <summary>Inserts a candidate into the sorted top-<paramref name="beam"/> list.</summary>
        public void Add(ref int count, float score, int from, int tag, int beam)
        {
            if (count == beam && score <= CandScore[count - 1]) return;
            int at = count < beam ? count++ : count - 1;
            while (at > 0 && CandScore[at - 1] < score)
            {
                CandScore[at] = CandScore[at - 1]; CandFrom[at] = CandFrom[at - 1]; CandTag[at] = CandTag[at - 1];
                at--;
            }
            CandScore[at] = score; CandFrom[at] = from; CandTag[at] = tag;
        }

        public void Swap()
        {
            (Score, NextScore) = (NextScore, Score);
            (Last, NextLast) = (NextLast, Last);
            (Last2, NextLast2) = (NextLast2, Last2);
        }
    }

    public void Save(string path)
    {
        ModelFile.Save(path, Kind, Lang, PayloadVersion, Metadata, w =>
        {
            w.Write(BeamSize);
            w.Write(_labels.Length);
            foreach (var l in _labels) w.Write(l);
            Clusters.Write(w);
            _model.Write(w);
            w.Write(Lexicon != null);
            Lexicon?.Write(w);
            w.Write(CaseStats != null);
            CaseStats?.Write(w);
            w.Write(WordTags != null);
            if (WordTags != null) Tagging.TaggerFeatures.WriteWordTags(w, WordTags);
            w.Write(LowercaseGazetteer);
        });
    }

    public static EntityRecognizer Load(string path) =>
        ModelFile.Load(path, Kind, PayloadVersion, (r, header) => Read(r, header));

    public static EntityRecognizer Load(Stream stream, string name) =>
        ModelFile.Load(stream, name, Kind, PayloadVersion, (r, header) => Read(r, header));

    private static EntityRecognizer Read(BinaryReader r, ModelFile.Header header)
    {
        int beam = r.ReadInt32();
        int n = r.ReadInt32();
        if (beam < 1 || beam > 64 || n < 2 || n > 1000) throw new InvalidDataException($"bad NER header (beam {beam}, labels {n})");
        var labels = new string[n];
        for (int i = 0; i < n; i++) labels[i] = r.ReadString();
        if (labels[0] != "O") throw new InvalidDataException("first NER label must be O");
        var clusters = WordClusters.Read(r);
        var model = PerceptronModel.Read(r);
        if (model.Classes != n) throw new InvalidDataException($"model has {model.Classes} classes for {n} labels");
        var lexicon = r.ReadBoolean() ? NerGazetteer.Read(r) : null;
        var caseStats = r.ReadBoolean() ? NerCaseStats.Read(r) : null;
        var wordTags = r.ReadBoolean() ? Tagging.TaggerFeatures.ReadWordTags(r) : null;
        bool lowercaseGazetteer = r.ReadBoolean();
        return new EntityRecognizer(header.Lang, labels, model, clusters, beam, header.Metadata, null, lexicon, caseStats, wordTags,
            lowercaseGazetteer);
    }
}
