namespace Lagebild.Nlp.Evaluation;

/// <summary>Correct out of total, as a percentage.</summary>
public readonly record struct Accuracy(long Correct, long Total)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Correct / Total;
    public static Accuracy operator +(Accuracy a, Accuracy b) => new(a.Correct + b.Correct, a.Total + b.Total);
    public override string ToString() => $"{Percent:0.00} ({Correct}/{Total})";
}

/// <summary>Precision, recall and F1 of predicted against gold items, as percentages.</summary>
public readonly record struct PrfScore(long TruePositives, long Predicted, long Gold)
{
    public double Precision => Predicted == 0 ? 0 : 100.0 * TruePositives / Predicted;
    public double Recall => Gold == 0 ? 0 : 100.0 * TruePositives / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public static PrfScore operator +(PrfScore a, PrfScore b) => new(a.TruePositives + b.TruePositives, a.Predicted + b.Predicted, a.Gold + b.Gold);
    public override string ToString() => $"P {Precision:0.00} R {Recall:0.00} F1 {F1:0.00}";
}

/// <summary>Unlabelled and labelled attachment (CoNLL 2018 convention: every word counts, punctuation included;
/// labels compared without their subtype, so "nmod:poss" matches "nmod").</summary>
public readonly record struct AttachmentScore(long Words, long HeadCorrect, long LabelledCorrect)
{
    public double Uas => Words == 0 ? 0 : 100.0 * HeadCorrect / Words;
    public double Las => Words == 0 ? 0 : 100.0 * LabelledCorrect / Words;
    public static AttachmentScore operator +(AttachmentScore a, AttachmentScore b) =>
        new(a.Words + b.Words, a.HeadCorrect + b.HeadCorrect, a.LabelledCorrect + b.LabelledCorrect);
    public override string ToString() => $"UAS {Uas:0.00} LAS {Las:0.00} ({Words} words)";
}

/// <summary>The scorers used by `eval-nlp` and the trainers; each is checked in tests against hand-computed examples.</summary>
public static class NlpScorer
{
    /// <summary>Exact-match accuracy of predicted against gold labels, position by position.</summary>
    public static Accuracy Accuracy(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, Func<string, string, bool>? equal = null)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        long correct = 0;
        for (int i = 0; i < gold.Count; i++)
            if (equal?.Invoke(gold[i], predicted[i]) ?? gold[i] == predicted[i]) correct++;
        return new Accuracy(correct, gold.Count);
    }

    /// <summary>
    /// Strict chunk F1 (conlleval): a predicted entity counts only if its start, end and type equal a gold one. "B-X"
    /// opens a chunk; "I-X" continues a chunk of type X and opens one after "O" or after another type.
    /// </summary>
    public static PrfScore Chunks(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        var g = Spans(gold);
        var p = Spans(predicted);
        long tp = p.Count(g.Contains);
        return new PrfScore(tp, p.Count, g.Count);
    }

    /// <summary>The (start, end exclusive, type) chunks of a BIO sequence.</summary>
    public static HashSet<(int Start, int End, string Type)> Spans(IReadOnlyList<string> tags)
    {
        var spans = new HashSet<(int, int, string)>();
        int start = -1;
        string? type = null;
        for (int i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            bool begins = tag.StartsWith("B-", StringComparison.Ordinal);
            bool inside = tag.StartsWith("I-", StringComparison.Ordinal);
            var t = begins || inside ? tag[2..] : null;
            bool continues = inside && type == t;
            if (type != null && !continues)
            {
                spans.Add((start, i, type));
                type = null;
            }
            if ((begins || inside) && !continues)
            {
                start = i;
                type = t;
            }
        }
        return spans;
    }

    /// <summary>Attachment scores of predicted heads and relations against gold ones.</summary>
    public static AttachmentScore Attachment(IReadOnlyList<int> goldHeads, IReadOnlyList<string> goldLabels,
        IReadOnlyList<int> heads, IReadOnlyList<string> labels)
    {
        if (goldHeads.Count != heads.Count || goldLabels.Count != labels.Count || goldHeads.Count != goldLabels.Count)
            throw new ArgumentException("gold and predicted differ in length");
        long uas = 0, las = 0;
        for (int i = 0; i < heads.Count; i++)
        {
            if (goldHeads[i] != heads[i]) continue;
            uas++;
            if (UniversalPart(goldLabels[i]) == UniversalPart(labels[i])) las++;
        }
        return new AttachmentScore(heads.Count, uas, las);
    }

    public static string UniversalPart(string label)
    {
        int colon = label.IndexOf(':');
        return colon < 0 ? label : label[..colon];
    }
}
