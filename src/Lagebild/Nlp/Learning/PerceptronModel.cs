using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Lagebild.Nlp.Learning;

/// <summary>
/// A trained (averaged) linear model: for each feature key the classes it votes for and with what weight. Look-up
/// is an open-addressing table over the sorted keys; scoring allocates nothing and is thread-safe. Weights are
/// stored as 16-bit floats in the model file, which halves it at no measurable cost.
/// </summary>
public sealed class PerceptronModel
{
    // One cache line per look-up: the slot holds the key and where its weights are, and a feature's weights are
    // contiguous (class, weight) pairs. Keys and starts are kept sorted for writing the model back out.
    // Count > 0: sparse row of Count entries at Start; Count < 0: dense row of Classes floats at Start in _dense.
    private struct Slot { public ulong Key; public int Start; public int Count; }
    private struct Entry { public int Class; public float Weight; }

    private readonly ulong[] _keys;     // sorted
    private readonly int[] _starts;     // entries of key i are [_starts[i], _starts[i + 1])
    private readonly Entry[] _entries;
    private readonly Slot[] _slots;     // open addressing, Count == 0 = empty
    private readonly int _mask;
    // Features that vote for many classes (the bias, tag and label features every decision reads) are kept as dense
    // rows and added with SIMD instead of one scattered add per class; a dense row is no larger than the sparse one.
    private readonly float[] _dense;

    public PerceptronModel(int classes, ulong[] keys, int[] starts, ushort[] classIds, float[] weights)
    {
        if (starts.Length != keys.Length + 1 || classIds.Length != weights.Length || starts[^1] != weights.Length)
            throw new ArgumentException("inconsistent model arrays");
        Classes = classes;
        _keys = keys; _starts = starts;
        _entries = new Entry[weights.Length];
        for (int j = 0; j < weights.Length; j++) _entries[j] = new Entry { Class = classIds[j], Weight = weights[j] };
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keys.Length * 2));
        _slots = new Slot[size];
        _mask = size - 1;
        int denseRows = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (starts[i + 1] <= starts[i]) throw new ArgumentException("every feature needs at least one weight");
            if (IsDense(starts[i + 1] - starts[i])) denseRows++;
        }
        _dense = new float[(long)denseRows * classes];
        int row = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            int s = (int)(keys[i] & (ulong)_mask);
            while (_slots[s].Count != 0) s = (s + 1) & _mask;
            int count = starts[i + 1] - starts[i];
            if (IsDense(count))
            {
                int at = row++ * classes;
                for (int j = starts[i]; j < starts[i + 1]; j++) _dense[at + classIds[j]] += weights[j];
                _slots[s] = new Slot { Key = keys[i], Start = at, Count = -1 };
            }
            else _slots[s] = new Slot { Key = keys[i], Start = starts[i], Count = count };
        }
    }

    public int Classes { get; }

    // Dense from a quarter of the classes on (measured in bench/: a half, an eighth and a sixteenth were slower).
    private bool IsDense(int count) => Vector.IsHardwareAccelerated && Classes >= Vector<float>.Count && count * 4 >= Classes;
    public int FeatureCount => _keys.Length;
    public int WeightCount => _entries.Length;

    /// <summary>Clears <paramref name="scores"/> and adds the weights of the features.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        if (features.Length <= 256)
        {
            Span<int> found = stackalloc int[features.Length];
            Score(features, scores, found);
            return;
        }
        scores[..Classes].Clear();
        foreach (var f in features) AddFeature(f, scores);
    }

    /// <summary>
    /// As <see cref="Score(ReadOnlySpan{ulong}, Span{float})"/> in two passes: first all slot look-ups, then all weight
    /// rows. The look-ups do not depend on each other, so the processor overlaps their cache misses; with many features
    /// per decision (the parser scores ~80) this is about twice as fast. <paramref name="found"/> is scratch space at
    /// least as long as <paramref name="features"/>.
    /// </summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores, Span<int> found)
    {
        scores[..Classes].Clear();
        // Ask for every slot's cache line before probing any: the misses then overlap instead of queueing behind the
        // probe loop's branches (a large model does not fit in the cache, so look-ups are memory-bound).
        if (Sse.IsSupported && features.Length >= 16)
            foreach (var feature in features) Prefetch(ref _slots[(int)(feature & (ulong)_mask)]);
        int hits = 0;
        foreach (var feature in features)
        {
            int s = (int)(feature & (ulong)_mask);
            while (true)
            {
                ref readonly var slot = ref _slots[s];
                if (slot.Count == 0) break;
                if (slot.Key == feature) { found[hits++] = s; break; }
                s = (s + 1) & _mask;
            }
        }
        if (Sse.IsSupported && hits >= 16)
            for (int h = 0; h < hits; h++)
            {
                ref readonly var slot = ref _slots[found[h]];
                if (slot.Count > 0) Prefetch(ref _entries[slot.Start]);
                else Prefetch(ref _dense[slot.Start]);
            }
        for (int h = 0; h < hits; h++) AddRow(in _slots[found[h]], scores);
    }

    /// <summary>Adds the weights of a found slot; the caller has checked that scores hold <see cref="Classes"/> entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRow(in Slot slot, Span<float> scores)
    {
        ref float target = ref MemoryMarshal.GetReference(scores);
        if (slot.Count > 0)
        {
            foreach (ref readonly var e in _entries.AsSpan(slot.Start, slot.Count)) Unsafe.Add(ref target, e.Class) += e.Weight;
            return;
        }
        var row = _dense.AsSpan(slot.Start, Classes);
        ref float source = ref MemoryMarshal.GetReference(row);
        int c = 0, width = Vector<float>.Count;
        for (; c + width <= row.Length; c += width)
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)c) + Vector.LoadUnsafe(ref source, (nuint)c), ref target, (nuint)c);
        for (; c < row.Length; c++) Unsafe.Add(ref target, c) += Unsafe.Add(ref source, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref T location) => Sse.Prefetch0(Unsafe.AsPointer(ref location));

    /// <summary>A copy without the weights smaller than <paramref name="threshold"/> in magnitude.</summary>
    public PerceptronModel Pruned(float threshold)
    {
        var keys = new List<ulong>();
        var starts = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        for (int i = 0; i < _keys.Length; i++)
        {
            int before = weights.Count;
            for (int j = _starts[i]; j < _starts[i + 1]; j++)
            {
                if (Math.Abs(_entries[j].Weight) < threshold) continue;
                classIds.Add((ushort)_entries[j].Class);
                weights.Add(_entries[j].Weight);
            }
            if (weights.Count == before) continue;
            keys.Add(_keys[i]);
            starts.Add(weights.Count);
        }
        return new PerceptronModel(Classes, keys.ToArray(), starts.ToArray(), classIds.ToArray(), weights.ToArray());
    }

    /// <summary>
    /// The mean of models over the same classes (a feature absent from one counts as zero there), without weights
    /// below <paramref name="pruneBelow"/>. Models trained on differently shuffled data err differently; their mean
    /// votes like an ensemble at the cost of one model.
    /// </summary>
    public static PerceptronModel Average(IReadOnlyList<PerceptronModel> models, float pruneBelow = 0)
    {
        if (models.Count == 0) throw new ArgumentException("no models to average");
        int classes = models[0].Classes;
        if (models.Any(m => m.Classes != classes)) throw new ArgumentException("models to average differ in their classes");
        if (models.Count == 1) return pruneBelow > 0 ? models[0].Pruned(pruneBelow) : models[0];
        // Merge the sorted key lists; per key, sum each model's row into one dense scratch row.
        var keys = new List<ulong>();
        var starts = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        var at = new int[models.Count];
        var row = new float[classes];
        var touched = new bool[classes];
        float share = 1f / models.Count;
        while (true)
        {
            ulong key = ulong.MaxValue;
            bool any = false;
            for (int m = 0; m < models.Count; m++)
                if (at[m] < models[m]._keys.Length) { key = Math.Min(key, models[m]._keys[at[m]]); any = true; }
            if (!any) break;
            for (int m = 0; m < models.Count; m++)
            {
                var model = models[m];
                if (at[m] >= model._keys.Length || model._keys[at[m]] != key) continue;
                for (int j = model._starts[at[m]]; j < model._starts[at[m] + 1]; j++)
                {
                    row[model._entries[j].Class] += model._entries[j].Weight * share;
                    touched[model._entries[j].Class] = true;
                }
                at[m]++;
            }
            int before = weights.Count;
            for (int c = 0; c < classes; c++)
            {
                if (!touched[c]) continue;
                if (Math.Abs(row[c]) >= pruneBelow && row[c] != 0) { classIds.Add((ushort)c); weights.Add(row[c]); }
                row[c] = 0;
                touched[c] = false;
            }
            if (weights.Count == before) continue;
            keys.Add(key);
            starts.Add(weights.Count);
        }
        return new PerceptronModel(classes, keys.ToArray(), starts.ToArray(), classIds.ToArray(), weights.ToArray());
    }

    /// <summary>
    /// A model in which each feature of <paramref name="features"/> also carries the weights of its partner
    /// <paramref name="partnerOf"/>(feature), and partners are gone: for features that always fire together at run
    /// time, so scoring looks up half as many. A partner whose own feature had no weights becomes that feature's row.
    /// </summary>
    public PerceptronModel Fold(IEnumerable<ulong> features, Func<ulong, ulong> partnerOf)
    {
        var rows = new Dictionary<ulong, Dictionary<int, float>>(_keys.Length);
        for (int i = 0; i < _keys.Length; i++)
        {
            var row = new Dictionary<int, float>(_starts[i + 1] - _starts[i]);
            for (int j = _starts[i]; j < _starts[i + 1]; j++) row[_entries[j].Class] = _entries[j].Weight;
            rows[_keys[i]] = row;
        }
        foreach (var feature in features)
        {
            ulong partner = partnerOf(feature);
            if (partner == feature || !rows.Remove(partner, out var moved)) continue;
            if (!rows.TryGetValue(feature, out var row)) { rows[feature] = moved; continue; }
            foreach (var (cls, weight) in moved) row[cls] = row.GetValueOrDefault(cls) + weight;
        }
        var keys = rows.Keys.Order().ToArray();
        var starts = new int[keys.Length + 1];
        var classIds = new List<ushort>();
        var weights = new List<float>();
        for (int i = 0; i < keys.Length; i++)
        {
            foreach (var (cls, weight) in rows[keys[i]].OrderBy(e => e.Key)) { classIds.Add((ushort)cls); weights.Add(weight); }
            starts[i + 1] = weights.Count;
        }
        return new PerceptronModel(Classes, keys, starts, classIds.ToArray(), weights.ToArray());
    }

    /// <summary>Adds one feature's weights to <paramref name="scores"/> (for callers that accumulate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddFeature(ulong feature, Span<float> scores)
    {
        if (scores.Length < Classes) throw new ArgumentException($"scores hold {scores.Length} entries, the model has {Classes} classes");
        int s = (int)(feature & (ulong)_mask);
        while (true)
        {
            ref readonly var slot = ref _slots[s];
            if (slot.Count == 0) return;
            if (slot.Key == feature) { AddRow(in slot, scores); return; }
            s = (s + 1) & _mask;
        }
    }

    /// <summary>Index of the highest score among the first <see cref="Classes"/> entries.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Classes);
        w.Write(_keys.Length);
        w.Write(_entries.Length);
        // Keys are sorted, so deltas are small and compress well.
        ulong previous = 0;
        foreach (var k in _keys) { w.Write7BitEncodedInt64((long)(k - previous)); previous = k; }
        for (int i = 0; i < _keys.Length; i++) w.Write7BitEncodedInt(_starts[i + 1] - _starts[i]);
        foreach (var e in _entries) w.Write7BitEncodedInt(e.Class);
        foreach (var e in _entries) w.Write((Half)e.Weight);
    }

    public static PerceptronModel Read(BinaryReader r)
    {
        int classes = r.ReadInt32(), n = r.ReadInt32(), m = r.ReadInt32();
        if (classes < 1 || classes > ushort.MaxValue || n < 0 || m < 0)
            throw new InvalidDataException($"bad perceptron header (classes {classes}, features {n}, weights {m})");
        var keys = new ulong[n];
        ulong previous = 0;
        for (int i = 0; i < n; i++) { previous += (ulong)r.Read7BitEncodedInt64(); keys[i] = previous; }
        var starts = new int[n + 1];
        for (int i = 0; i < n; i++) starts[i + 1] = starts[i] + r.Read7BitEncodedInt();
        if (starts[n] != m) throw new InvalidDataException("perceptron weight count does not match its rows");
        var classIds = new ushort[m];
        for (int i = 0; i < m; i++)
        {
            int c = r.Read7BitEncodedInt();
            if (c >= classes) throw new InvalidDataException($"class {c} out of range");
            classIds[i] = (ushort)c;
        }
        var weights = new float[m];
        for (int i = 0; i < m; i++) weights[i] = (float)r.ReadHalf();
        return new PerceptronModel(classes, keys, starts, classIds, weights);
    }
}
