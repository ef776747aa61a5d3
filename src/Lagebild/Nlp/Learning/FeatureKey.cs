using System.Runtime.CompilerServices;

namespace Lagebild.Nlp.Learning;

/// <summary>
/// Features are 64-bit keys: a template number mixed with the hashed feature value. Models store keys, not strings,
/// so a model file holds no training text and look-ups allocate nothing. With 64 bits, collisions between the few
/// million features of a model are negligible.
/// </summary>
public static class FeatureKey
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Template plus one text value (FNV-1a over the UTF-16 code units, then a final mix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, ReadOnlySpan<char> value) => Mix(Hash(Start(template), value));

    /// <summary>Template plus two text values, separated so ("ab","c") differs from ("a","bc").</summary>
    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        Mix(Hash((Hash(Start(template), a) ^ 0x1F) * Prime, b));

    /// <summary>Template plus three text values.</summary>
    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c) =>
        Mix(Hash((Hash((Hash(Start(template), a) ^ 0x1F) * Prime, b) ^ 0x1F) * Prime, c));

    /// <summary>Template plus a number (a tag id, a distance, a cluster id).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long value) => Mix(((ulong)template << 40) ^ (ulong)value ^ 0x9E3779B97F4A7C15UL);

    /// <summary>Template plus two numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long a, long b) => Mix(Of(template, a) ^ ((ulong)b * 0xC2B2AE3D27D4EB4FUL));

    /// <summary>Template plus a number and a text value.</summary>
    public static ulong Of(int template, long a, ReadOnlySpan<char> b) => Mix(Hash(Of(template, a), b));

    /// <summary>Combines an existing key with another (conjunctions of features).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong key, ulong other) => Mix(key ^ (other * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Start(int template) => (Offset ^ (ulong)(uint)template) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ulong h, ReadOnlySpan<char> value)
    {
        foreach (char c in value) h = (h ^ c) * Prime;
        return h;
    }

    /// <summary>splitmix64 finaliser: spreads FNV's weak low bits over the whole word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
