namespace Lagebild.Nlp.Parsing;

/// <summary>
/// Projectivisation for training: the arc-eager system only builds projective trees and its dynamic oracle is exact
/// only for them, so non-projective gold arcs are lifted (the dependent moves up to its head's head, shortest arc
/// first, Nivre and Nilsson 2005) without encoding the lift in the label. Scores are still taken against the original trees.
/// Heads here are 0-based arrays of 1-based heads (heads[i] is the head of word i + 1, 0 = root).
/// </summary>
internal static class Projectivizer
{
    public static bool IsProjective(IReadOnlyList<int> heads) => ShortestNonProjective(heads) < 0;

    /// <summary>A projective copy of the tree; the input is not changed.</summary>
    public static int[] Lift(IReadOnlyList<int> heads)
    {
        var result = heads.ToArray();
        for (int guard = 0; guard < result.Length * result.Length; guard++)
        {
            int word = ShortestNonProjective(result);
            if (word < 0) break;
            result[word] = result[result[word] - 1];   // a non-projective arc never hangs from the root, so the head has a head
        }
        return result;
    }

    /// <summary>The 0-based dependent of the shortest non-projective arc, or -1.</summary>
    private static int ShortestNonProjective(IReadOnlyList<int> heads)
    {
        int best = -1, bestLength = int.MaxValue;
        for (int d = 1; d <= heads.Count; d++)
        {
            int h = heads[d - 1];
            if (h <= 0) continue;
            int lo = Math.Min(h, d), hi = Math.Max(h, d);
            if (hi - lo >= bestLength) continue;
            for (int k = lo + 1; k < hi; k++)
            {
                if (Dominates(heads, h, k)) continue;
                best = d - 1; bestLength = hi - lo;
                break;
            }
        }
        return best;
    }

    private static bool Dominates(IReadOnlyList<int> heads, int ancestor, int word)
    {
        for (int steps = 0; word > 0 && steps <= heads.Count; steps++)
        {
            if (word == ancestor) return true;
            word = heads[word - 1];
        }
        return ancestor == 0;
    }
}

/// <summary>Makes the parser's forest one tree: exactly one word on the root, the other roots attached below it.</summary>
internal static class TreeRepair
{
    public const string RootLabel = "root";

    /// <summary>
    /// <paramref name="heads"/> is 1-based with 0 = root and -1 = no head. The main root is the first word the parser
    /// attached to the root as "root", else the first headless non-punctuation word. Every other word on the root or
    /// without a head hangs from it, as "punct" (punctuation) or "parataxis" (the usual relation of a second clause)
    /// unless the parser gave it a relation of its own.
    /// </summary>
    public static void Repair(int[] heads, string[] labels, IReadOnlyList<string> upos)
    {
        int n = heads.Length;
        if (n == 0) return;
        int main = -1;
        for (int i = 0; i < n && main < 0; i++) if (heads[i] == 0 && labels[i] == RootLabel) main = i;
        for (int i = 0; i < n && main < 0; i++) if (heads[i] <= 0 && upos[i] != "PUNCT") main = i;
        for (int i = 0; i < n && main < 0; i++) if (heads[i] <= 0) main = i;
        heads[main] = 0;
        labels[main] = RootLabel;
        for (int i = 0; i < n; i++)
        {
            if (i == main || heads[i] > 0) continue;
            heads[i] = main + 1;
            if (labels[i] == RootLabel) labels[i] = upos[i] == "PUNCT" ? "punct" : "parataxis";
        }
    }
}
