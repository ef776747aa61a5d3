namespace Lagebild.Nlp.Parsing;

/// <summary>
/// A configuration of the arc-eager transition system (Nivre 2003) over words 1..n with the artificial root 0 at the
/// bottom of the stack. Besides stack, buffer and arcs it keeps what the features ask for (two leftmost and two
/// rightmost children, valencies, label sets) so feature extraction never searches. Arrays grow but are reused, so a
/// parse allocates nothing per word.
/// </summary>
internal sealed class ArcEagerState
{
    public const int None = -1;

    public int Length;           // n words
    public int[] Stack = new int[64];
    public int StackCount;
    public int Buffer;           // first buffer word; the buffer is Buffer..Length, empty when Buffer > Length
    public bool[] OnStack = new bool[64];
    public int[] Heads = new int[64];
    public int[] Labels = new int[64];
    public int[] Left1 = new int[64], Left2 = new int[64], Right1 = new int[64], Right2 = new int[64];
    public int[] LeftCount = new int[64], RightCount = new int[64];
    public ulong[] LeftLabels = new ulong[64], RightLabels = new ulong[64];

    public void Reset(int length)
    {
        Length = length;
        int size = length + 1;
        if (Heads.Length < size)
        {
            int capacity = Math.Max(size, Heads.Length * 2);
            Stack = new int[capacity]; OnStack = new bool[capacity]; Heads = new int[capacity]; Labels = new int[capacity];
            Left1 = new int[capacity]; Left2 = new int[capacity]; Right1 = new int[capacity]; Right2 = new int[capacity];
            LeftCount = new int[capacity]; RightCount = new int[capacity];
            LeftLabels = new ulong[capacity]; RightLabels = new ulong[capacity];
        }
        for (int i = 0; i < size; i++)
        {
            OnStack[i] = false;
            Heads[i] = None; Labels[i] = None;
            Left1[i] = Left2[i] = Right1[i] = Right2[i] = None;
            LeftCount[i] = RightCount[i] = 0;
            LeftLabels[i] = RightLabels[i] = 0;
        }
        Stack[0] = 0;
        OnStack[0] = true;
        StackCount = 1;
        Buffer = 1;
    }

    public bool IsTerminal => Buffer > Length;
    public int S0 => Stack[StackCount - 1];
    public int S1 => StackCount > 1 ? Stack[StackCount - 2] : None;
    /// <summary>The i-th buffer word (0 = front), or <see cref="None"/>.</summary>
    public int BufferAt(int i) => Buffer + i <= Length ? Buffer + i : None;

    public void AddArc(int head, int dependent, int label)
    {
        Heads[dependent] = head;
        Labels[dependent] = label;
        ulong bit = 1UL << (label & 63);
        if (dependent < head)
        {
            LeftCount[head]++;
            LeftLabels[head] |= bit;
            if (Left1[head] == None || dependent < Left1[head]) { Left2[head] = Left1[head]; Left1[head] = dependent; }
            else if (Left2[head] == None || dependent < Left2[head]) Left2[head] = dependent;
        }
        else
        {
            RightCount[head]++;
            RightLabels[head] |= bit;
            if (Right1[head] == None || dependent > Right1[head]) { Right2[head] = Right1[head]; Right1[head] = dependent; }
            else if (Right2[head] == None || dependent > Right2[head]) Right2[head] = dependent;
        }
    }

    public void Push(int word)
    {
        Stack[StackCount++] = word;
        OnStack[word] = true;
    }

    public void Pop() => OnStack[Stack[--StackCount]] = false;
}

/// <summary>
/// Arc-eager transitions as class numbers of the perceptron: 0 = SHIFT, 1 = REDUCE, 2 + 2l = LEFT-ARC with label l,
/// 3 + 2l = RIGHT-ARC with label l. The parse ends when the buffer is empty; words still without a head are then
/// roots, which <see cref="TreeRepair"/> joins into one tree.
/// </summary>
internal static class ArcEager
{
    public const int Shift = 0;
    public const int Reduce = 1;

    public static int ClassCount(int labels) => 2 + 2 * labels;
    public static int LeftArc(int label) => 2 + 2 * label;
    public static int RightArc(int label) => 3 + 2 * label;
    public static bool IsLeftArc(int transition) => transition >= 2 && (transition & 1) == 0;
    public static bool IsRightArc(int transition) => transition >= 2 && (transition & 1) == 1;
    public static int LabelOf(int transition) => (transition - 2) >> 1;

    public static bool CanShift(ArcEagerState s) => !s.IsTerminal;
    public static bool CanReduce(ArcEagerState s) => s.S0 != 0 && s.Heads[s.S0] != ArcEagerState.None;
    public static bool CanLeftArc(ArcEagerState s) => !s.IsTerminal && s.S0 != 0 && s.Heads[s.S0] == ArcEagerState.None;
    public static bool CanRightArc(ArcEagerState s) => !s.IsTerminal;

    public static bool IsValid(ArcEagerState s, int transition) => transition switch
    {
        Shift => CanShift(s),
        Reduce => CanReduce(s),
        _ => IsLeftArc(transition) ? CanLeftArc(s) : CanRightArc(s),
    };

    /// <summary>
    /// UD's "root" relation is the arc from the artificial root and only that: a RIGHT-ARC from word 0 must carry it, no
    /// other arc may. <paramref name="rootLabel"/> = -1 switches the rule off.
    /// </summary>
    public static bool LabelAllowed(ArcEagerState s, int transition, int rootLabel)
    {
        if (rootLabel < 0 || transition < 2) return true;
        bool isRoot = LabelOf(transition) == rootLabel;
        return IsRightArc(transition) && s.S0 == 0 ? isRoot : !isRoot;
    }

    public static void Apply(ArcEagerState s, int transition)
    {
        switch (transition)
        {
            case Shift:
                s.Push(s.Buffer++);
                break;
            case Reduce:
                s.Pop();
                break;
            default:
                if (IsLeftArc(transition))
                {
                    s.AddArc(s.Buffer, s.S0, LabelOf(transition));
                    s.Pop();
                }
                else
                {
                    s.AddArc(s.S0, s.Buffer, LabelOf(transition));
                    s.Push(s.Buffer++);
                }
                break;
        }
    }
}
