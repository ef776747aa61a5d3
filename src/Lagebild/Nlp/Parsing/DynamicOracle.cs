namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The dynamic oracle of the arc-eager system (Goldberg and Nivre 2012): the cost of a transition is the number of
/// gold arcs that become unreachable by taking it, from any configuration, so training can continue after a mistake.
/// Exact for projective gold trees (training trees are projectivised first). Gold heads are 1-based, 0 = root.
/// </summary>
internal static class DynamicOracle
{
    /// <summary>Cost of one transition (int.MaxValue when the system does not allow it; the root-label rule is not applied).</summary>
    public static int Cost(ArcEagerState s, int transition, int[] goldHeads, int[] goldLabels)
    {
        if (!ArcEager.IsValid(s, transition)) return int.MaxValue;
        if (transition == ArcEager.Shift) return ShiftCost(s, goldHeads);
        if (transition == ArcEager.Reduce) return ReduceCost(s, goldHeads);
        int label = ArcEager.LabelOf(transition);
        if (ArcEager.IsLeftArc(transition))
            return LeftArcCost(s, goldHeads) + (goldHeads[s.S0] == s.Buffer && goldLabels[s.S0] != label ? 1 : 0);
        return RightArcCost(s, goldHeads) + (goldHeads[s.Buffer] == s.S0 && goldLabels[s.Buffer] != label ? 1 : 0);
    }

    /// <summary>Costs of all transitions into <paramref name="costs"/> (int.MaxValue = not allowed, including arcs that break
    /// the root-label rule of <see cref="ArcEager.LabelAllowed"/>); returns the least cost.</summary>
    public static int Costs(ArcEagerState s, int[] goldHeads, int[] goldLabels, int labelCount, int rootLabel, Span<int> costs)
    {
        int shift = ArcEager.CanShift(s) ? ShiftCost(s, goldHeads) : int.MaxValue;
        int reduce = ArcEager.CanReduce(s) ? ReduceCost(s, goldHeads) : int.MaxValue;
        int left = ArcEager.CanLeftArc(s) ? LeftArcCost(s, goldHeads) : int.MaxValue;
        int right = ArcEager.CanRightArc(s) ? RightArcCost(s, goldHeads) : int.MaxValue;
        costs[ArcEager.Shift] = shift;
        costs[ArcEager.Reduce] = reduce;
        bool leftIsGold = left != int.MaxValue && goldHeads[s.S0] == s.Buffer;
        bool rightIsGold = right != int.MaxValue && goldHeads[s.Buffer] == s.S0;
        for (int l = 0; l < labelCount; l++)
        {
            int leftArc = ArcEager.LeftArc(l), rightArc = ArcEager.RightArc(l);
            costs[leftArc] = left == int.MaxValue || !ArcEager.LabelAllowed(s, leftArc, rootLabel) ? int.MaxValue
                : left + (leftIsGold && goldLabels[s.S0] != l ? 1 : 0);
            costs[rightArc] = right == int.MaxValue || !ArcEager.LabelAllowed(s, rightArc, rootLabel) ? int.MaxValue
                : right + (rightIsGold && goldLabels[s.Buffer] != l ? 1 : 0);
        }
        int least = int.MaxValue;
        for (int t = 0; t < ArcEager.ClassCount(labelCount); t++) least = Math.Min(least, costs[t]);
        return least;
    }

    /// <summary>Pushing b loses b's arcs to and from the stack (dependents only while they have no head yet).</summary>
    private static int ShiftCost(ArcEagerState s, int[] goldHeads)
    {
        int b = s.Buffer, cost = 0;
        int head = goldHeads[b];
        if (head >= 0 && s.OnStack[head]) cost++;
        for (int i = 1; i < s.StackCount; i++)
        {
            int k = s.Stack[i];
            if (goldHeads[k] == b && s.Heads[k] == ArcEagerState.None) cost++;
        }
        return cost;
    }

    /// <summary>Popping s loses its gold dependents still in the buffer.</summary>
    private static int ReduceCost(ArcEagerState s, int[] goldHeads)
    {
        int top = s.S0, cost = 0;
        for (int k = s.Buffer; k <= s.Length; k++) if (goldHeads[k] == top) cost++;
        return cost;
    }

    /// <summary>b becomes s's head: s loses a gold head further in the buffer and its gold dependents in the buffer.</summary>
    private static int LeftArcCost(ArcEagerState s, int[] goldHeads)
    {
        int top = s.S0, b = s.Buffer, cost = 0;
        if (goldHeads[top] > b) cost++;
        for (int k = b; k <= s.Length; k++) if (goldHeads[k] == top) cost++;
        return cost;
    }

    /// <summary>s becomes b's head: b loses another gold head (in stack or buffer) and its gold dependents on the stack.</summary>
    private static int RightArcCost(ArcEagerState s, int[] goldHeads)
    {
        int top = s.S0, b = s.Buffer, cost = 0;
        int head = goldHeads[b];
        if (head != top && (head > b || (head >= 0 && s.OnStack[head]))) cost++;
        for (int i = 1; i < s.StackCount; i++)
        {
            int k = s.Stack[i];
            if (goldHeads[k] == b && s.Heads[k] == ArcEagerState.None) cost++;
        }
        return cost;
    }
}
