namespace Lagebild.Nlp.Entities;

/// <summary>
/// BIOES chunk labels: a chunk's last word is E-X and a one-word chunk is S-X, so the model learns where a name ends
/// as well as where it starts (Ratinov and Roth 2009 found this better than BIO for NER). Corpora and callers speak
/// BIO; the recognizer translates back.
/// </summary>
public static class BioesScheme
{
    public static bool IsBioes(IEnumerable<string> labels) =>
        labels.Any(l => l.StartsWith("E-", StringComparison.Ordinal) || l.StartsWith("S-", StringComparison.Ordinal));

    /// <summary>O first, then B-, I-, E-, S- of each type in the given order.</summary>
    public static string[] Labels(IEnumerable<string> types) =>
        ["O", .. types.SelectMany(t => new[] { "B-" + t, "I-" + t, "E-" + t, "S-" + t })];

    /// <summary>BIO tags to BIOES; an I-X that opens a chunk (no B-X before it) counts as its start.</summary>
    public static string[] FromBio(IReadOnlyList<string> tags)
    {
        var result = new string[tags.Count];
        for (int i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag.Length < 3 || tag[1] != '-') { result[i] = "O"; continue; }
            var type = tag[2..];
            bool starts = tag[0] == 'B' || i == 0 || !SameChunk(tags[i - 1], type);
            bool continued = i + 1 < tags.Count && tags[i + 1] == "I-" + type;
            result[i] = (starts, continued) switch
            {
                (true, true) => "B-" + type,
                (true, false) => "S-" + type,
                (false, true) => "I-" + type,
                (false, false) => "E-" + type,
            };
        }
        return result;
    }

    /// <summary>A label as BIO: E-X is I-X, S-X is B-X; BIO labels stay as they are.</summary>
    public static string ToBio(string label) => label.Length > 2 && label[1] == '-'
        ? label[0] switch { 'E' => "I-" + label[2..], 'S' => "B-" + label[2..], _ => label }
        : label;

    /// <summary>
    /// [previous * labels + gold] -> the label to learn when the previous guess was <c>previous</c>: the gold label if
    /// it may follow, else the one that repairs most (I-X after a closed chunk starts one: B-X, or S-X for a gold E-X;
    /// a chunk left open by a wrong guess is closed: E-Y after B-Y or I-Y in BIOES).
    /// </summary>
    public static int[] Oracle(string[] labels)
    {
        int n = labels.Length;
        var allowed = EntityRecognizer.Transitions(labels);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        var oracle = new int[n * n];
        for (int p = 0; p < n; p++)
            for (int g = 0; g < n; g++)
            {
                oracle[p * n + g] = g;
                if (allowed[p * n + g]) continue;
                string previous = labels[p], gold = labels[g];
                string? repair = previous[0] is 'B' or 'I' && index.ContainsKey("E-" + previous[2..])
                    ? (gold.Length > 2 && gold[2..] == previous[2..] ? "I-" : "E-") + previous[2..]
                    : gold[0] == 'E' && index.ContainsKey("S-" + gold[2..]) ? "S-" + gold[2..]
                    : gold.Length > 2 ? "B-" + gold[2..] : null;
                if (repair != null && index.TryGetValue(repair, out int r) && allowed[p * n + r]) oracle[p * n + g] = r;
            }
        return oracle;
    }

    private static bool SameChunk(string previous, string type) =>
        previous.Length > 2 && previous[1] == '-' && previous[2..] == type;
}
