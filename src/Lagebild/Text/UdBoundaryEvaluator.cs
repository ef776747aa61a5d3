using System.IO.Compression;
using System.Text;

namespace Lagebild.Text;

/// <summary>Gold boundaries rebuilt from a CoNLL-U file: the raw text, token spans and sentence end offsets.</summary>
public sealed record UdGold(string Text, IReadOnlyList<TextSpan> Tokens, IReadOnlyList<int> SentenceEnds, int AlignmentErrors);

/// <summary>Token and sentence boundary scores for one file.</summary>
public sealed record UdBoundaryResult(
    string File, string Lang,
    int GoldTokens, int PredictedTokens, int CorrectTokens,
    int GoldSentences, int PredictedSentences, int CorrectSentences,
    int AlignmentErrors, IReadOnlyList<string> Examples)
{
    public double TokenPrecision => Ratio(CorrectTokens, PredictedTokens);
    public double TokenRecall => Ratio(CorrectTokens, GoldTokens);
    public double TokenF1 => F1(TokenPrecision, TokenRecall);
    public double SentencePrecision => Ratio(CorrectSentences, PredictedSentences);
    public double SentenceRecall => Ratio(CorrectSentences, GoldSentences);
    public double SentenceF1 => F1(SentencePrecision, SentenceRecall);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}

/// <summary>
/// Scores <see cref="Tokenizer"/> and <see cref="SentenceSplitter"/> against a Universal Dependencies treebank.
/// The sentences' "# text" lines are joined into one running text (a space inside a paragraph, a blank line at
/// "# newpar"/"# newdoc"), so the splitter must find the boundaries itself. A gold token is a word, or a
/// multiword token whose words are not substrings of it ("im" = in + dem); English "don't" = do + n't counts as
/// its two words, which is how the tokenizer splits it.
/// </summary>
public sealed class UdBoundaryEvaluator(Tokenizer tokenizer, SentenceSplitter splitter)
{
    public UdBoundaryEvaluator(Abbreviations abbreviations)
        : this(new Tokenizer(abbreviations), new SentenceSplitter(abbreviations)) { }

    /// <summary>Evaluates a .conllu file (or .conllu.gz); <paramref name="examples"/> error samples are kept.</summary>
    public UdBoundaryResult EvaluateFile(string path, string lang, int examples = 0)
    {
        using var stream = File.OpenRead(path);
        using var decoded = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return Evaluate(ReadConllu(reader), lang, Path.GetFileName(path), examples);
    }

    public UdBoundaryResult Evaluate(UdGold gold, string lang, string name = "", int examples = 0)
    {
        var doc = new Document(name, gold.Text, lang);
        tokenizer.Process(doc);
        splitter.Process(doc);

        var goldTokens = new HashSet<TextSpan>(gold.Tokens);
        int correctTokens = doc.Tokens.Count(t => goldTokens.Contains(t.Span));
        var goldEnds = new HashSet<int>(gold.SentenceEnds);
        var predEnds = new HashSet<int>(doc.Sentences.Select(s => s.Span.End));
        int correctSentences = predEnds.Count(goldEnds.Contains);

        var samples = new List<string>();
        if (examples > 0)
        {
            var predSpans = new HashSet<TextSpan>(doc.Tokens.Select(t => t.Span));
            foreach (var g in gold.Tokens.Where(g => !predSpans.Contains(g)).Take(examples))
                samples.Add($"token  {Context(gold.Text, g.Start, g.End)}  gold [{gold.Text[g.Start..g.End]}] got "
                            + string.Join(" ", doc.Tokens.Where(t => t.Span.Overlaps(g)).Select(t => $"[{t.Text}]")));
            foreach (var e in gold.SentenceEnds.Where(e => !predEnds.Contains(e)).Take(examples))
                samples.Add($"missed {Context(gold.Text, e, e)}");
            foreach (var e in predEnds.Where(e => !goldEnds.Contains(e)).Order().Take(examples))
                samples.Add($"extra  {Context(gold.Text, e, e)}");
        }
        return new UdBoundaryResult(name, lang, gold.Tokens.Count, doc.Tokens.Count, correctTokens,
            gold.SentenceEnds.Count, predEnds.Count, correctSentences, gold.AlignmentErrors, samples);
    }

    private static string Context(string text, int start, int end)
    {
        int a = Math.Max(0, start - 40), b = Math.Min(text.Length, end + 40);
        return (text[a..start] + "⟦" + text[start..end] + "⟧" + text[end..b]).Replace('\n', '¶');
    }

    /// <summary>Rebuilds the raw text and gold boundaries from CoNLL-U.</summary>
    public static UdGold ReadConllu(TextReader reader)
    {
        var text = new StringBuilder();
        var tokens = new List<TextSpan>();
        var ends = new List<int>();
        int errors = 0;
        string? sentenceText = null;
        bool newPar = false;
        var units = new List<Unit>();
        Unit? mwt = null;
        int mwtLast = 0;

        void Flush()
        {
            if (units.Count == 0) { sentenceText = null; newPar = false; return; }
            var raw = sentenceText ?? Rebuild(units);
            if (text.Length > 0) text.Append(newPar ? "\n\n" : " ");
            int offset = text.Length;
            text.Append(raw);
            errors += Align(raw, offset, units, tokens, out int end);
            ends.Add(end);
            units.Clear(); sentenceText = null; newPar = false; mwt = null;
        }

        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0) { Flush(); continue; }
            if (line[0] == '#')
            {
                if (line.StartsWith("# text = ", StringComparison.Ordinal)) sentenceText = line[9..].TrimEnd();
                else if (line.StartsWith("# newpar", StringComparison.Ordinal) || line.StartsWith("# newdoc", StringComparison.Ordinal)) newPar = true;
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length < 10) continue;
            var id = cols[0];
            if (id.Contains('.')) continue; // empty nodes
            bool spaceAfter = !cols[9].Contains("SpaceAfter=No", StringComparison.Ordinal);
            int dash = id.IndexOf('-');
            if (dash > 0)
            {
                mwt = new Unit(cols[1], spaceAfter, new List<string>());
                mwtLast = int.Parse(id[(dash + 1)..]);
                units.Add(mwt);
                continue;
            }
            if (mwt != null && int.Parse(id) <= mwtLast) { mwt.Words!.Add(cols[1]); continue; }
            mwt = null;
            units.Add(new Unit(cols[1], spaceAfter, null));
        }
        Flush();
        return new UdGold(text.ToString(), tokens, ends, errors);
    }

    private sealed record Unit(string Form, bool SpaceAfter, List<string>? Words);

    private static string Rebuild(List<Unit> units)
    {
        var sb = new StringBuilder();
        foreach (var u in units) { sb.Append(u.Form); if (u.SpaceAfter) sb.Append(' '); }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Finds each form in the sentence text; returns the number of forms that did not match in place.</summary>
    private static int Align(string raw, int offset, List<Unit> units, List<TextSpan> tokens, out int end)
    {
        int pos = 0, errors = 0;
        end = offset;
        foreach (var u in units)
        {
            while (pos < raw.Length && char.IsWhiteSpace(raw[pos])) pos++;
            int start = pos, len = u.Form.Length;
            if (string.CompareOrdinal(raw, pos, u.Form, 0, len) != 0)
            {
                // Converted quotes (`` '' for "), or a form that differs from the text: look a little ahead.
                if (u.Form is "``" or "''" && pos < raw.Length && !char.IsLetterOrDigit(raw[pos])) len = 1;
                else
                {
                    int found = raw.IndexOf(u.Form, pos, Math.Min(raw.Length - pos, len + 20), StringComparison.Ordinal);
                    if (found >= 0) start = found;
                    else len = Math.Min(len, raw.Length - pos);
                    errors++;
                }
            }
            int stop = start + len;
            if (u.Words is { Count: > 0 } words && string.Concat(words) == raw.Substring(start, len))
            {
                int w0 = start;
                foreach (var w in words) { tokens.Add(new TextSpan(offset + w0, offset + w0 + w.Length)); w0 += w.Length; }
            }
            else tokens.Add(new TextSpan(offset + start, offset + stop));
            pos = stop;
            end = offset + stop;
        }
        return errors;
    }
}
