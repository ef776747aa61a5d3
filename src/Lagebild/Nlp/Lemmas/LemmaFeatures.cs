using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Lemmas;

/// <summary>Features of the lemma classifier: affixes of the lower-cased form, each alone and with the tag group,
/// the whole form, and its casing at and after the sentence start.</summary>
internal static class LemmaFeatures
{
    public const int MaxFeatures = 32;
    private const int MaxSuffix = 7, MaxPrefix = 5;

    public static ulong TableKey(string group, string form) => FeatureKey.Of(100, group, form);

    public static int Extract(string form, string lower, string group, bool sentenceStart, Span<ulong> f)
    {
        int k = 0;
        ulong tag = FeatureKey.Of(1, group);
        f[k++] = tag;
        f[k++] = FeatureKey.Of(2, lower);
        f[k++] = FeatureKey.Combine(FeatureKey.Of(3, lower), tag);
        var span = lower.AsSpan();
        for (int n = 1; n <= MaxSuffix && n <= span.Length; n++)
        {
            var suffix = FeatureKey.Of(10 + n, span[^n..]);
            f[k++] = FeatureKey.Combine(suffix, tag);
            if (n <= 4) f[k++] = suffix;
        }
        for (int n = 2; n <= MaxPrefix && n < span.Length; n++)
            f[k++] = FeatureKey.Combine(FeatureKey.Of(20 + n, span[..n]), tag);
        int casing = form.Length > 1 && form.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? 2 : char.IsUpper(form[0]) ? 1 : 0;
        f[k++] = FeatureKey.Combine(FeatureKey.Of(30, casing, sentenceStart ? 1 : 0), tag);
        f[k++] = FeatureKey.Of(31, Math.Min(span.Length, 12), casing);
        int hyphen = span.LastIndexOf('-');
        if (hyphen > 0 && hyphen < span.Length - 1)
            f[k++] = FeatureKey.Combine(FeatureKey.Of(32, span[(hyphen + 1)..]), tag);
        return k;
    }
}
