using System.Text;

namespace Lagebild.Nlp.Lemmas;

/// <summary>
/// An edit tree (Chrupała 2008; UDPipe, spaCy): how a form turns into its lemma, stated without the word's stem so
/// that one tree covers many words. A match node splits the form around the longest common substring of form and
/// lemma, keeping that middle and recursing on the parts before and after it; a replace node swaps a whole
/// (short) affix. "gekauft" -> "kaufen" keeps "kauf", replaces "ge" by "" and "t" by "en", and so also turns
/// "gelernt" into "lernen".
/// </summary>
public abstract class EditTree
{
    private EditTree() { }

    public sealed class Match(int prefix, int suffix, EditTree left, EditTree right) : EditTree
    {
        public int Prefix { get; } = prefix;
        public int Suffix { get; } = suffix;
        public EditTree Left { get; } = left;
        public EditTree Right { get; } = right;
    }

    public sealed class Replace(string from, string to) : EditTree
    {
        public string From { get; } = from;
        public string To { get; } = to;
    }

    /// <summary>The identity tree (lemma = form) in its canonical form.</summary>
    public static EditTree Identity { get; } = Build("a", "a");

    public static EditTree Build(string form, string lemma)
    {
        var (fStart, lStart, length) = LongestCommonSubstring(form, lemma);
        if (length == 0) return new Replace(form, lemma);
        return new Match(fStart, form.Length - fStart - length,
            Build(form[..fStart], lemma[..lStart]),
            Build(form[(fStart + length)..], lemma[(lStart + length)..]));
    }

    /// <summary>The lemma of <paramref name="form"/>, or null when the tree does not fit the form.</summary>
    public string? Apply(string form)
    {
        var sb = new StringBuilder(form.Length + 4);
        return Apply(this, form.AsSpan(), sb) ? sb.ToString() : null;
    }

    public bool Fits(ReadOnlySpan<char> form) => Fits(this, form);

    private static bool Fits(EditTree tree, ReadOnlySpan<char> form) => tree switch
    {
        Replace r => form.SequenceEqual(r.From),
        Match m => form.Length > m.Prefix + m.Suffix
                   && Fits(m.Left, form[..m.Prefix]) && Fits(m.Right, form[^m.Suffix..]),
        _ => false,
    };

    private static bool Apply(EditTree tree, ReadOnlySpan<char> form, StringBuilder output)
    {
        switch (tree)
        {
            case Replace r:
                if (!form.SequenceEqual(r.From)) return false;
                output.Append(r.To);
                return true;
            case Match m:
                if (form.Length <= m.Prefix + m.Suffix) return false;
                if (!Apply(m.Left, form[..m.Prefix], output)) return false;
                output.Append(form[m.Prefix..^m.Suffix]);
                return Apply(m.Right, form[^m.Suffix..], output);
            default:
                return false;
        }
    }

    /// <summary>Canonical text of the tree, unique per tree (lengths prefix the strings, so nothing needs escaping).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(this, sb);
        return sb.ToString();
    }

    private static void Write(EditTree tree, StringBuilder sb)
    {
        switch (tree)
        {
            case Replace r:
                sb.Append('R').Append(r.From.Length).Append(':').Append(r.From).Append(r.To.Length).Append(':').Append(r.To);
                break;
            case Match m:
                sb.Append('M').Append(m.Prefix).Append(',').Append(m.Suffix).Append(';');
                Write(m.Left, sb);
                Write(m.Right, sb);
                break;
        }
    }

    /// <summary>Reads the text written by <see cref="ToString"/>.</summary>
    public static EditTree Parse(string text)
    {
        int position = 0;
        var tree = Parse(text, ref position);
        if (position != text.Length) throw new FormatException($"trailing text in edit tree '{text}'");
        return tree;
    }

    private static EditTree Parse(string text, ref int p)
    {
        if (p >= text.Length) throw new FormatException("edit tree ends early");
        char kind = text[p++];
        if (kind == 'R')
        {
            var from = ReadString(text, ref p);
            return new Replace(from, ReadString(text, ref p));
        }
        if (kind != 'M') throw new FormatException($"bad edit tree node '{kind}'");
        int prefix = ReadNumber(text, ref p, ',');
        int suffix = ReadNumber(text, ref p, ';');
        var left = Parse(text, ref p);
        return new Match(prefix, suffix, left, Parse(text, ref p));
    }

    private static int ReadNumber(string text, ref int p, char end)
    {
        int stop = text.IndexOf(end, p);
        if (stop < 0) throw new FormatException("bad number in edit tree");
        int value = int.Parse(text.AsSpan(p, stop - p));
        p = stop + 1;
        return value;
    }

    private static string ReadString(string text, ref int p)
    {
        int length = ReadNumber(text, ref p, ':');
        if (length < 0 || p + length > text.Length) throw new FormatException("bad string in edit tree");
        var s = text.Substring(p, length);
        p += length;
        return s;
    }

    private static (int A, int B, int Length) LongestCommonSubstring(string a, string b)
    {
        int bestA = 0, bestB = 0, best = 0;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                if (current[j] > best) { best = current[j]; bestA = i - best; bestB = j - best; }
            }
            (previous, current) = (current, previous);
        }
        return (bestA, bestB, best);
    }
}
