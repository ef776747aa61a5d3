namespace Lagebild.Nlp.Learning;

/// <summary>
/// Multi-class averaged perceptron (Collins 2002) over 64-bit feature keys, with the lazy averaging trick: each
/// weight keeps the step it last changed at and the running total of its past values, so an update costs only the
/// features it touches. Rows are sparse (a feature usually touches a handful of classes), which keeps training
/// memory proportional to the updates rather than features x classes.
/// <code>
/// var trainer = new PerceptronTrainer(classes: 17);
/// foreach (var (features, gold) in epoch) {
///     trainer.Score(features, scores); int guess = ArgMax(scores);
///     if (guess != gold) trainer.Update(features, gold, guess);
///     trainer.Tick();
/// }
/// PerceptronModel model = trainer.Finish();
/// </code>
/// </summary>
public sealed class PerceptronTrainer
{
    private struct Weight
    {
        public int Class;
        public float Value;
        public double Total;   // sum of Value over the steps before Stamp
        public long Stamp;     // step at which Total was last brought up to date
    }

    private sealed class Row
    {
        public Weight[] Items = new Weight[2];
        public int Count;
    }

    private readonly Dictionary<ulong, Row> _rows = new();
    private long _step = 1;

    public PerceptronTrainer(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "at least two classes");
        Classes = classes;
    }

    public int Classes { get; }
    /// <summary>Features with at least one weight.</summary>
    public int FeatureCount => _rows.Count;
    /// <summary>Training instances seen (calls to <see cref="Tick"/>).</summary>
    public long Steps => _step - 1;

    /// <summary>Adds the current (not averaged) weights of the features to <paramref name="scores"/>, which it clears first.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores[..Classes].Clear();
        foreach (var f in features)
        {
            if (!_rows.TryGetValue(f, out var row)) continue;
            var items = row.Items;
            for (int i = 0; i < row.Count; i++) scores[items[i].Class] += items[i].Value;
        }
    }

    /// <summary>Moves weight from the wrong class to the right one for each feature.</summary>
    public void Update(ReadOnlySpan<ulong> features, int truth, int guess, float amount = 1f)
    {
        if (truth == guess) return;
        foreach (var f in features)
        {
            Add(f, truth, amount);
            Add(f, guess, -amount);
        }
    }

    /// <summary>Marks the end of one training instance; averaging counts instances.</summary>
    public void Tick() => _step++;

    private void Add(ulong feature, int cls, float delta)
    {
        if (!_rows.TryGetValue(feature, out var row))
        {
            row = new Row();
            _rows.Add(feature, row);
        }
        var items = row.Items;
        int i = 0;
        while (i < row.Count && items[i].Class != cls) i++;
        if (i == row.Count)
        {
            if (row.Count == items.Length) Array.Resize(ref row.Items, items.Length * 2);
            items = row.Items;
            items[i] = new Weight { Class = cls, Stamp = _step };
            row.Count++;
        }
        ref var w = ref items[i];
        w.Total += (double)(_step - w.Stamp) * w.Value;
        w.Stamp = _step;
        w.Value += delta;
    }

    /// <summary>
    /// The averaged model. Weights whose average magnitude is below <paramref name="pruneBelow"/> are dropped, which
    /// shrinks the file a lot at almost no cost in accuracy. The trainer stays usable (further epochs continue).
    /// </summary>
    public PerceptronModel Finish(float pruneBelow = 1e-3f)
    {
        var keys = new List<ulong>(_rows.Count);
        var starts = new List<int>(_rows.Count + 1);
        var classes = new List<ushort>();
        var weights = new List<float>();
        foreach (var (key, row) in _rows.OrderBy(kv => kv.Key))
        {
            int before = weights.Count;
            for (int i = 0; i < row.Count; i++)
            {
                var w = row.Items[i];
                double total = w.Total + (double)(_step - w.Stamp) * w.Value;
                float average = (float)(total / _step);
                if (Math.Abs(average) < pruneBelow) continue;
                classes.Add((ushort)w.Class);
                weights.Add(average);
            }
            if (weights.Count == before) continue;
            keys.Add(key);
            starts.Add(before);
        }
        starts.Add(weights.Count);
        return new PerceptronModel(Classes, keys.ToArray(), starts.ToArray(), classes.ToArray(), weights.ToArray());
    }
}
