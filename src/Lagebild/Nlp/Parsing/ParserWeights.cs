using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The parser's perceptron weights laid out for speed. Scoring a configuration looks up ~77 features in a table of
/// several megabytes, so nearly all time is cache misses; <see cref="PerceptronModel"/> takes up to five dependent
/// misses per feature. Here a feature is one 8-byte slot (key check, first weight, count) and its weights are adjacent
/// (class, value) pairs, and <see cref="Score"/> first loads all slots, then all weights, so the processor overlaps
/// the misses of different features instead of waiting for each in turn. This made parsing about 2.5 times faster.
/// The stored form is exactly <see cref="PerceptronModel.Write"/>'s, so the payload stays a plain perceptron.
/// </summary>
internal sealed class ParserWeights
{
    // A slot is one 64-bit word: the key's high 32 bits (its low bits chose the slot), the first weight (24 bits) and
    // the number of weights (8 bits); 0 = empty. A weight is 64 bits: class (low 32) and the value as a float (high 32), so scoring converts nothing.
    private const int StartBits = 24, CountBits = 8;
    private const int MaxStart = (1 << StartBits) - 1, MaxCount = (1 << CountBits) - 1;

    private readonly ulong[] _keys;      // sorted, for writing
    private readonly int[] _counts;      // weights per key, for writing
    private readonly ulong[] _slots;
    private readonly ulong[] _weights;   // in key order: class | float bits << 32
    private readonly int _mask;

    private ParserWeights(int classes, ulong[] keys, int[] counts, ushort[] classIds, float[] values)
    {
        if (values.Length > MaxStart) throw new InvalidDataException($"{values.Length} weights, at most {MaxStart}");
        Classes = classes;
        _keys = keys;
        _counts = counts;
        _weights = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++) _weights[i] = classIds[i] | (ulong)BitConverter.SingleToUInt32Bits((float)(Half)values[i]) << 32;   // as stored: half precision
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keys.Length + keys.Length / 2));
        _slots = new ulong[size];
        _mask = size - 1;
        int start = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (counts[i] > MaxCount) throw new InvalidDataException($"a feature with {counts[i]} weights, at most {MaxCount}");
            int s = (int)(keys[i] & (ulong)_mask);
            while (_slots[s] != 0) s = (s + 1) & _mask;
            _slots[s] = (keys[i] & 0xFFFFFFFF00000000UL) | (ulong)start << CountBits | (uint)counts[i];
            start += counts[i];
        }
    }

    public int Classes { get; }
    public int FeatureCount => _keys.Length;
    public int WeightCount => _weights.Length;

    public static ParserWeights From(PerceptronModel model)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) model.Write(w);
        buffer.Position = 0;
        using var r = new BinaryReader(buffer, Encoding.UTF8);
        return Read(r);
    }

    /// <summary>Reads what <see cref="PerceptronModel.Write"/> wrote (the format <see cref="PerceptronModel.Read"/> reads).</summary>
    public static ParserWeights Read(BinaryReader r)
    {
        int classes = r.ReadInt32(), n = r.ReadInt32(), m = r.ReadInt32();
        if (classes < 1 || classes > ushort.MaxValue || n < 0 || m < 0)
            throw new InvalidDataException($"bad perceptron header (classes {classes}, features {n}, weights {m})");
        var keys = new ulong[n];
        ulong previous = 0;
        for (int i = 0; i < n; i++) { previous += (ulong)r.Read7BitEncodedInt64(); keys[i] = previous; }
        var counts = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            counts[i] = r.Read7BitEncodedInt();
            if (counts[i] < 1) throw new InvalidDataException("perceptron feature without weights");
            total += counts[i];
        }
        if (total != m) throw new InvalidDataException("perceptron weight count does not match its rows");
        var classIds = new ushort[m];
        for (int i = 0; i < m; i++)
        {
            int c = r.Read7BitEncodedInt();
            if (c >= classes) throw new InvalidDataException($"class {c} out of range");
            classIds[i] = (ushort)c;
        }
        var values = new float[m];
        for (int i = 0; i < m; i++) values[i] = (float)r.ReadHalf();
        return new ParserWeights(classes, keys, counts, classIds, values);
    }

    /// <summary>A copy without the weights smaller than <paramref name="threshold"/> in magnitude.</summary>
    public ParserWeights Pruned(float threshold)
    {
        var keys = new List<ulong>(); var counts = new List<int>(); var classIds = new List<ushort>(); var values = new List<float>();
        int start = 0;
        for (int i = 0; i < _keys.Length; i++)
        {
            int kept = 0;
            for (int j = start; j < start + _counts[i]; j++)
            {
                float value = ValueOf(_weights[j]);
                if (Math.Abs(value) < threshold) continue;
                classIds.Add((ushort)_weights[j]); values.Add(value); kept++;
            }
            start += _counts[i];
            if (kept == 0) continue;
            keys.Add(_keys[i]); counts.Add(kept);
        }
        return new ParserWeights(Classes, keys.ToArray(), counts.ToArray(), classIds.ToArray(), values.ToArray());
    }

    private static float ValueOf(ulong weight) => BitConverter.UInt32BitsToSingle((uint)(weight >> 32));

    /// <summary>Writes in <see cref="PerceptronModel"/>'s format (through the model itself, so the two cannot drift apart).</summary>
    public void Write(BinaryWriter w)
    {
        var starts = new int[_keys.Length + 1];
        var classIds = new ushort[_weights.Length];
        var values = new float[_weights.Length];
        for (int i = 0; i < _keys.Length; i++) starts[i + 1] = starts[i] + _counts[i];
        for (int i = 0; i < _weights.Length; i++) { classIds[i] = (ushort)_weights[i]; values[i] = ValueOf(_weights[i]); }
        new PerceptronModel(Classes, _keys, starts, classIds, values).Write(w);
    }

    /// <summary>Clears <paramref name="scores"/> and adds the weights of the features. <paramref name="found"/> is scratch
    /// space at least as long as <paramref name="features"/>. Thread-safe, allocates nothing.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores, Span<ulong> found)
    {
        scores[..Classes].Clear();
        ref ulong slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        int mask = _mask;
        // Pass 1: the slot loads of all features are independent, so their cache misses overlap.
        int hits = 0;
        for (int i = 0; i < features.Length; i++)
        {
            ulong key = features[i];
            ulong high = key & 0xFFFFFFFF00000000UL;
            int s = (int)(key & (ulong)mask);
            while (true)
            {
                ulong slot = Unsafe.Add(ref slots, s);
                if (slot == 0) break;
                if ((slot & 0xFFFFFFFF00000000UL) == high) { found[hits++] = slot; break; }
                s = (s + 1) & mask;
            }
        }
        // Pass 2: the weight rows, again independent of each other.
        ref ulong weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        for (int h = 0; h < hits; h++)
        {
            ulong slot = found[h];
            int start = (int)(slot >> CountBits) & MaxStart, end = start + (int)(slot & MaxCount);
            for (int j = start; j < end; j++)
            {
                ulong w = Unsafe.Add(ref weights, j);
                scores[(int)(uint)w] += BitConverter.UInt32BitsToSingle((uint)(w >> 32));
            }
        }
    }
}
