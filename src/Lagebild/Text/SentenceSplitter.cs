using Lagebild.Nlp;

namespace Lagebild.Text;

/// <summary>
/// Splits the token stream into sentences. A sentence ends after . ! ? … (plus any closing quotes and brackets)
/// when the next token can open a sentence, and always at a paragraph boundary: titles and teasers are lines
/// without final punctuation. Abbreviations, initials and ordinals carry their period inside the token, so
/// they end a sentence only before a typical sentence opener ("… in den USA usw. Die …").
/// </summary>
public sealed class SentenceSplitter : IPipe
{
    private readonly Abbreviations _abbr;

    public SentenceSplitter(Abbreviations abbreviations) { _abbr = abbreviations; }

    public string Name => "sentences";

    public void Process(Document doc)
    {
        doc.Sentences.Clear();
        var tokens = doc.Tokens;
        if (tokens.Count == 0) return;
        var para = ParagraphOfEachToken(doc);
        int first = 0;
        for (int k = 0; k < tokens.Count; k++)
        {
            int last = k;
            bool end = k + 1 == tokens.Count || para[k + 1] != para[k];
            if (!end && IsTerminal(tokens[k]) && !IsOmission(tokens, k))
            {
                // Closing quotes and brackets after the final punctuation stay in the sentence: 'sagte er.“'
                while (last + 1 < tokens.Count && para[last + 1] == para[k])
                {
                    if (IsCloser(tokens[last], tokens[last + 1])) last++;
                    else if (CitationEnd(tokens, last + 1) is > 0 and var c && para[c] == para[k]) last = c;
                    else break;
                }
                end = last + 1 == tokens.Count || para[last + 1] != para[k]
                      || StartsSentence(tokens[k], tokens[last], tokens[last + 1]);
                if (!end) continue; // k itself is not a boundary; the closers are looked at again
            }
            if (!end) continue;
            Add(doc, first, last, para[first]);
            first = last + 1;
            k = last;
        }
    }

    /// <summary>A reference mark after the sentence: "[12]", "[1 – 3]"; returns the index of "]" or -1.</summary>
    private static int CitationEnd(List<Token> tokens, int k)
    {
        if (tokens[k].Text != "[") return -1;
        for (int i = k + 1; i < tokens.Count && i <= k + 6; i++)
        {
            var t = tokens[i];
            if (t.Text == "]") return i > k + 1 ? i : -1;
            if (t.Kind != TokenKind.Number && t.Text is not ("-" or "–" or ",")) return -1;
        }
        return -1;
    }

    /// <summary>"(...)" and "[…]" mark an omission inside a sentence.</summary>
    private static bool IsOmission(List<Token> tokens, int k) =>
        k > 0 && tokens[k - 1].End == tokens[k].Start && tokens[k - 1].Text is "(" or "["
        && k + 1 < tokens.Count && tokens[k + 1].Text is ")" or "]";

    private static void Add(Document doc, int first, int last, int paragraph)
    {
        int index = doc.Sentences.Count;
        for (int i = first; i <= last; i++) doc.Tokens[i].Sentence = index;
        var span = new TextSpan(doc.Tokens[first].Start, doc.Tokens[last].End);
        doc.Sentences.Add(new Sentence(index, span, first, last + 1, paragraph));
    }

    /// <summary>. ! ? … runs, or a word that carries its period (abbreviation, initial).</summary>
    private static bool IsTerminal(Token t)
    {
        var s = t.Text;
        if (t.Kind == TokenKind.Punctuation)
        {
            foreach (var c in s) if (c is not ('.' or '!' or '?' or '…')) return false;
            return true;
        }
        return t.Kind == TokenKind.Word && s.Length > 1 && s[^1] == '.';
    }

    /// <summary>A closing quote or bracket glued to the sentence end (or a quote that no word follows).</summary>
    private static bool IsCloser(Token prev, Token t)
    {
        if (t.Kind == TokenKind.CloseQuote) return true;
        if (t.Text is ")" or "]" or "}") return true;
        // An emoticon after the final punctuation: "Danke! :-)"
        if (t.Kind == TokenKind.Symbol && t.Text.Length > 1 && t.Text[0] is ':' or ';') return true;
        if (t.Kind == TokenKind.AmbiguousQuote) return t.Start == prev.End;
        // More final punctuation after a closing quote: '„Wirklich?“.'
        return t.Kind == TokenKind.Punctuation && IsTerminal(t) && t.Start == prev.End;
    }

    /// <summary>Decides a boundary after <paramref name="last"/> given the token that follows it.</summary>
    private bool StartsSentence(Token terminal, Token last, Token next)
    {
        if (terminal.Kind == TokenKind.Word)
        {
            // Abbreviation or initial: only a clear sentence opener ends the sentence ("usw. Die", "Inc. The").
            if (next.Kind != TokenKind.Word) return false;
            if (_abbr.IsSentenceStarter(next.Text)) return true;
            // "usw.", "etc." often end a sentence: any capitalised word after them starts the next one.
            return terminal.Text is "usw." or "etc." or "usf." && next.IsCapitalized;
        }
        var s = next.Text;
        char c = s[0];
        if (next.Kind == TokenKind.OpenQuote || next.Kind == TokenKind.AmbiguousQuote) return true;
        if (next.Kind is TokenKind.Word or TokenKind.Number)
        {
            // "Er sagte... nichts", "„Wirklich?“ fragte er": lower case mostly continues the sentence.
            if (char.IsLower(c)) return LowerCaseStarts(terminal, last, next);
            return true;
        }
        // ", fragte er" / "?: " continue; an opening bracket, a dash or a symbol starts a new sentence.
        return s is not ("," or ";" or ":" or ")" or "]" or "}" or "-" or "/" or "%") && next.Kind != TokenKind.CloseQuote;
    }

    /// <summary>
    /// German sentences start upper-case, so a lower-case word continues ("„Wirklich?“ fragte er"). English web and
    /// chat text often starts lower-case; there a plain "." (not an abbreviation, which keeps its period) or a
    /// "?"/"!" without a closing quote ('"Really?" he asked') still ends the sentence.
    /// </summary>
    private bool LowerCaseStarts(Token terminal, Token last, Token next)
    {
        if (_abbr.Lang != "en" || next.Start == last.End) return false;
        foreach (var ch in terminal.Text) if (ch is not ('.' or '!' or '?')) return false;
        if (terminal.Text.Length > 1 && terminal.Text.Contains('.')) return false; // "..." trails off
        return last == terminal;
    }

    /// <summary>
    /// The paragraph of every token: from <see cref="Document.Paragraphs"/> when set, else a new paragraph
    /// after every line break (a title or teaser line is its own block).
    /// </summary>
    private static int[] ParagraphOfEachToken(Document doc)
    {
        var tokens = doc.Tokens;
        var para = new int[tokens.Count];
        if (doc.Paragraphs.Count > 0)
        {
            var ps = doc.Paragraphs.OrderBy(p => p.Span.Start).ToList();
            int pi = 0;
            for (int k = 0; k < tokens.Count; k++)
            {
                int start = tokens[k].Start;
                while (pi < ps.Count && ps[pi].Span.End <= start) pi++;
                para[k] = pi < ps.Count && ps[pi].Span.Contains(start) ? ps[pi].Index : -1 - pi;
            }
            return para;
        }
        var text = doc.Text;
        int current = 0;
        for (int k = 0; k < tokens.Count; k++)
        {
            if (k > 0)
            {
                for (int i = tokens[k - 1].End; i < tokens[k].Start; i++)
                    if (text[i] == '\n') { current++; break; }
            }
            para[k] = current;
        }
        return para;
    }
}
