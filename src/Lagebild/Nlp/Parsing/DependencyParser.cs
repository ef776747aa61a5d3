using Lagebild.Nlp.Learning;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// Greedy arc-eager dependency parser scored by an averaged perceptron (trained by <see cref="ParserTrainer"/>). Parse is
/// thread-safe: the model is read-only and each thread reuses its own configuration and feature buffers, so parsing
/// allocates only the returned tree. The result is always one tree (see <see cref="TreeRepair"/>).
/// </summary>
public sealed class DependencyParser : IDependencyParser
{
    public const string Kind = "parser";
    /// <summary>Version of the payload: XPOS flag + label list + perceptron; bump when features or transitions change.</summary>
    public const int PayloadVersion = 2;

    private readonly PerceptronModel _model;
    private readonly string[] _labels;
    private readonly int _rootLabel;

    [ThreadStatic] private static Workspace? _workspace;

    internal DependencyParser(string lang, string[] labels, PerceptronModel model, JsonObject? metadata = null, bool usesXpos = false)
    {
        UsesXpos = usesXpos;
        if (model.Classes != ArcEager.ClassCount(labels.Length))
            throw new ArgumentException($"model has {model.Classes} classes, {labels.Length} labels need {ArcEager.ClassCount(labels.Length)}");
        Lang = lang;
        _labels = labels;
        _model = model;
        _rootLabel = Array.IndexOf(labels, TreeRepair.RootLabel);
        Metadata = metadata ?? new JsonObject();
    }

    public string Lang { get; }
    /// <summary>Whether the model was trained on UPOS+XPOS tags; it then wants the tagger's XPOS too.</summary>
    public bool UsesXpos { get; }
    public IReadOnlyList<string> Labels => _labels;
    public JsonObject Metadata { get; }
    internal PerceptronModel Model => _model;
    public int FeatureCount => _model.FeatureCount;
    /// <summary>The same parser without weights smaller than <paramref name="threshold"/> (a smaller, faster model).</summary>
    public DependencyParser Pruned(float threshold, JsonObject? metadata = null) => new(Lang, _labels, _model.Pruned(threshold), metadata ?? Metadata, UsesXpos);
    public int WeightCount => _model.WeightCount;

    public DependencyTree Parse(IReadOnlyList<string> words, IReadOnlyList<string> upos, IReadOnlyList<string>? xpos = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(upos);
        if (words.Count != upos.Count) throw new ArgumentException($"{words.Count} words but {upos.Count} tags");
        if (!UsesXpos || xpos?.Count != words.Count) xpos = null;
        int n = words.Count;
        var heads = new int[n];
        var labels = new string[n];
        if (n == 0) return new DependencyTree(heads, labels);

        var ws = _workspace ??= new Workspace();
        ws.Values.Set(words, upos, xpos);
        var state = ws.State;
        state.Reset(n);
        int classes = _model.Classes;
        if (ws.Scores.Length < classes) ws.Scores = new float[classes];
        var scores = ws.Scores.AsSpan(0, classes);
        while (!state.IsTerminal)
        {
            ParserFeatures.Extract(state, ws.Values, ws.Features);
            _model.Score(ws.Features, scores, ws.Found);
            ArcEager.Apply(state, BestValid(state, scores, _rootLabel));
        }
        for (int i = 0; i < n; i++)
        {
            heads[i] = state.Heads[i + 1];
            labels[i] = state.Labels[i + 1] >= 0 ? _labels[state.Labels[i + 1]] : TreeRepair.RootLabel;
        }
        TreeRepair.Repair(heads, labels, upos);
        return new DependencyTree(heads, labels);
    }

    internal int RootLabel => _rootLabel;

    /// <summary>The highest-scoring transition allowed in the configuration (SHIFT is always allowed before the end);
    /// arcs from the artificial root carry <paramref name="rootLabel"/>, no other arc does.</summary>
    internal static int BestValid(ArcEagerState state, ReadOnlySpan<float> scores, int rootLabel)
    {
        int best = ArcEager.Shift;
        float bestScore = scores[ArcEager.Shift];
        if (ArcEager.CanReduce(state) && scores[ArcEager.Reduce] > bestScore) { best = ArcEager.Reduce; bestScore = scores[ArcEager.Reduce]; }
        bool left = ArcEager.CanLeftArc(state);
        if (rootLabel >= 0 && state.S0 == 0)
        {
            // Only the labelled root arc or SHIFT: the root takes no head and is never reduced.
            int rootArc = ArcEager.RightArc(rootLabel);
            return scores[rootArc] > bestScore ? rootArc : best;
        }
        int skipped = rootLabel >= 0 ? rootLabel : -1;
        for (int l = 0, t = 2; t < scores.Length; l++, t += 2)
        {
            if (l == skipped) continue;
            if (left && scores[t] > bestScore) { best = t; bestScore = scores[t]; }
            if (scores[t + 1] > bestScore) { best = t + 1; bestScore = scores[t + 1]; }
        }
        return best;
    }

    public void Save(string path) =>
        ModelFile.Save(path, Kind, Lang, PayloadVersion, Metadata, w =>
        {
            w.Write(UsesXpos);
            w.Write(_labels.Length);
            foreach (var label in _labels) w.Write(label);
            _model.Write(w);
        });

    public static DependencyParser Load(string path) =>
        ModelFile.Load(path, Kind, PayloadVersion, (r, header) =>
        {
            bool usesXpos = r.ReadBoolean();
            int count = r.ReadInt32();
            if (count < 1 || count > 1000) throw new InvalidDataException($"bad label count {count}");
            var labels = new string[count];
            for (int i = 0; i < count; i++) labels[i] = r.ReadString();
            var model = PerceptronModel.Read(r);
            if (model.Classes != ArcEager.ClassCount(count))
                throw new InvalidDataException($"{model.Classes} transition classes do not fit {count} labels");
            return new DependencyParser(header.Lang, labels, model, header.Metadata, usesXpos);
        });

    private sealed class Workspace
    {
        public readonly ArcEagerState State = new();
        public readonly SentenceValues Values = new();
        public readonly ulong[] Features = new ulong[ParserFeatures.Count];
        public readonly int[] Found = new int[ParserFeatures.Count];
        public float[] Scores = new float[128];
    }
}
