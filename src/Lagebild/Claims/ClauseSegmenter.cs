using Lagebild.Knowledge;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// Splits a sentence into clauses at punctuation and subordinators, keeping enumerations
/// ("Drohnen, Chips und Optik") together. A heuristic stand-in until the parser exists.
/// </summary>
internal sealed class ClauseSegmenter
{
    private readonly LanguageData _data;

    public ClauseSegmenter(LanguageData data) { _data = data; }

    public List<Clause> Split(Document doc, Sentence s, Mention?[] mentionAt)
    {
        var toks = doc.Tokens;
        var starts = new List<(int Index, ClauseKind Kind)> { (s.FirstToken, ClauseKind.Main) };
        // "X - eine Einschub - Y": paired dashes enclose a parenthesis; the clause goes on around it.
        int dashes = 0;
        for (int i = s.FirstToken; i < s.EndToken; i++) if (IsDash(toks[i])) dashes++;
        bool parenthetical = dashes > 0 && dashes % 2 == 0;
        int opens = 0, closes = 0;
        for (int i = s.FirstToken; i < s.EndToken; i++) { if (toks[i].Text == "(") opens++; else if (toks[i].Text == ")") closes++; }
        bool brackets = opens > 0 && opens == closes;
        for (int i = s.FirstToken + 1; i < s.EndToken; i++)
        {
            var prev = toks[i - 1];
            var t = toks[i];
            if (prev.Text is ";" or ":" || prev.Text is "(" or ")" && !brackets || IsDash(prev) && !parenthetical)
            {
                starts.Add((i, ClauseKind.Main));
                continue;
            }
            if (t.IsQuote && i + 1 < s.EndToken && (prev.Text is "," or "." || prev.Kind == TokenKind.Punctuation))
            {
                starts.Add((i, ClauseKind.Main));
                continue;
            }
            if (prev.Text == ",")
            {
                if (IsListComma(toks, i - 1, s, mentionAt)) continue;
                // ", das russische Militär zu unterstützen" is an infinitive, not a relative clause.
                var kind = t.Lower is "which" or "who" or "whom" or "whose" ? ClauseKind.Relative
                    : Grammar.Subordinators.Contains(t.Text) && !(t.Lower is "um" && EndsWithInfinitive(toks, i, s.EndToken)) ? ClauseKind.Subordinate
                    : EndsWithInfinitive(toks, i, s.EndToken) ? ClauseKind.Infinitive
                    : Grammar.RelativePronouns.Contains(t.Text) && !char.IsUpper(t.Text[0]) ? ClauseKind.Relative
                    : i + 1 < s.EndToken && Grammar.Prepositions.Contains(t.Text) && Grammar.RelativePronouns.Contains(toks[i + 1].Text) ? ClauseKind.Relative
                    : EndsWithInfinitive(toks, i, s.EndToken) ? ClauseKind.Infinitive
                    : ClauseKind.Main;
                starts.Add((i, kind));
                continue;
            }
            // English reported speech needs no "that": "US officials say Iran has sent ...".
            if (!_data.NounsCapitalized && _data.Cues.Is(prev.Text, CueKind.Speech) && (mentionAt[i] != null && mentionAt[i]!.IsActor || Grammar.SubjectPronouns.Contains(t.Text)))
            {
                starts.Add((i, ClauseKind.Subordinate));
                continue;
            }
            // English complement and relative clauses need no comma: "reported that Washington shipped ...".
            if (!_data.NounsCapitalized && t.Lower is "that" or "which" or "who" or "because" or "while" or "although" or "whereas"
                && i + 1 < s.EndToken && (mentionAt[i + 1] != null && mentionAt[i + 1]!.IsActor || Grammar.Articles.Contains(toks[i + 1].Text) || Grammar.SubjectPronouns.Contains(toks[i + 1].Text) || t.Lower is not "that"))
            {
                starts.Add((i, t.Lower is "which" or "who" ? ClauseKind.Relative : ClauseKind.Subordinate));
                continue;
            }
            if (Grammar.Coordinators.Contains(t.Text) && t.Lower is "und" or "aber" or "doch" or "sondern" or "and" or "but" && HasVerb(toks, starts[^1].Index, i) && HasVerb(toks, i + 1, NextBoundary(toks, i + 1, s.EndToken))
                && i + 1 < s.EndToken && StartsClause(toks, i + 1, mentionAt[i + 1]))
            {
                starts.Add((i + 1, ClauseKind.Main));
            }
        }
        var clauses = new List<Clause>();
        // "Nitrozellulose, die ... verwendet wird, ausgetauscht worden": a bare verb tail after a relative clause
        // closes the clause the relative clause interrupted, so it takes that clause's words.
        for (int k = 0; k < starts.Count; k++)
        {
            int end = k + 1 < starts.Count ? starts[k + 1].Index : s.EndToken;
            if (end <= starts[k].Index) continue;
            var c = new Clause { First = starts[k].Index, End = end, Kind = starts[k].Kind, Previous = clauses.LastOrDefault() };
            if (c.Kind == ClauseKind.Relative) c.Antecedent = LastActorBefore(c.First, s, mentionAt);
            if (c.Kind == ClauseKind.Main && clauses.Count >= 2 && clauses[^1].Kind == ClauseKind.Relative && IsVerbTail(toks, c, mentionAt))
            {
                var host = clauses[^2];
                c = new Clause { First = host.First, End = end, Kind = host.Kind, Previous = host.Previous, Antecedent = host.Antecedent };
            }
            clauses.Add(c);
        }
        return clauses;
    }

    /// <summary>After "und": a verb, adverb or preposition starts a clause; a noun phrase continues an enumeration.</summary>
    private bool StartsClause(IReadOnlyList<Token> toks, int i, Mention? mention)
    {
        var next = toks[i];
        // English "..., and Lithuania delivered ...": a new subject followed by its own verb.
        if (mention != null && !_data.NounsCapitalized && mention.IsActor && mention.EndToken < toks.Count
            && (Grammar.Auxiliaries.Contains(toks[mention.EndToken].Text) || _data.Frames.Verb(toks[mention.EndToken].Text) != null)) return true;
        if (mention != null || !next.IsWord) return false;
        if (Grammar.Auxiliaries.Contains(next.Text) || _data.Frames.Verb(next.Text) != null) return true;
        if (Grammar.Articles.Contains(next.Text) || char.IsUpper(next.Text[0])) return false;
        return !(next.Text.EndsWith('e') || next.Text.EndsWith("en") || next.Text.EndsWith("er") || next.Text.EndsWith("es")) || Grammar.Prepositions.Contains(next.Text);
    }

    private static int NextBoundary(IReadOnlyList<Token> toks, int from, int end)
    {
        for (int i = from; i < end; i++) if (toks[i].Text is "," or ";" or ":") return i;
        return end;
    }

    private static bool IsVerbTail(IReadOnlyList<Token> toks, Clause c, Mention?[] mentionAt)
    {
        if (Grammar.Coordinators.Contains(toks[c.First].Text) || Grammar.Subordinators.Contains(toks[c.First].Text)) return false;
        for (int i = c.First; i < c.End; i++)
            if (mentionAt[i] != null || toks[i].IsWord && char.IsUpper(toks[i].Text[0])) return false;
        return true;
    }

    private static bool IsDash(Token t) => t.Text is "–" or "—" || t.Text == "-" && t.Kind == TokenKind.Punctuation;

    /// <summary>A comma inside an enumeration of items or actors.</summary>
    private static bool IsListComma(IReadOnlyList<Token> toks, int comma, Sentence s, Mention?[] mentionAt)
    {
        var before = comma - 1 >= s.FirstToken ? mentionAt[comma - 1] : null;
        if (before == null) return false;
        for (int k = comma + 1; k < Math.Min(s.EndToken, comma + 4); k++)
        {
            var m = mentionAt[k];
            if (m != null)
                return m.Kind == MentionKind.Item && before.Kind == MentionKind.Item
                       || m.IsActor && before.IsActor && m.Form != MentionForm.Possessive
                          && (k == comma + 1 || k == comma + 2 && Grammar.Articles.Contains(toks[comma + 1].Text) && m.EndToken < s.EndToken && toks[m.EndToken].Text is "," or "und" or "oder" or "sowie");
            if (!toks[k].IsWord || char.IsUpper(toks[k].Text[0]) && !toks[k].Text.EndsWith('-')) return false;
        }
        return false;
    }

    private bool HasVerb(IReadOnlyList<Token> toks, int from, int end)
    {
        for (int i = from; i < end && i < toks.Count; i++)
        {
            var w = toks[i].Text;
            if (Grammar.Auxiliaries.Contains(w) || _data.Frames.Verb(w) != null) return true;
            foreach (var (kind, words) in _data.Cues.Starting(w))
                if (kind is CueKind.Speech or CueKind.Deny or CueKind.Accuse) return true;
        }
        return false;
    }

    /// <summary>"..., Russland Waffen zu liefern": a clause that closes with a zu-infinitive.</summary>
    private static bool EndsWithInfinitive(IReadOnlyList<Token> toks, int from, int end)
    {
        for (int i = from; i < end; i++)
        {
            if (toks[i].Text is "," or ";") return false;
            if (toks[i].Lower == "zu" && i + 1 < end && toks[i + 1].IsWord && char.IsLower(toks[i + 1].Text[0]) && toks[i + 1].Text.EndsWith('n')) return true;
            if (toks[i].IsWord && toks[i].Text.Length > 6 && toks[i].Text.Contains("zu") && char.IsLower(toks[i].Text[0]) && toks[i].Text.EndsWith("en")
                && toks[i].Text.IndexOf("zu", StringComparison.Ordinal) is > 2 and var z && z < toks[i].Text.Length - 4 && (i + 1 >= end || toks[i + 1].Kind == TokenKind.Punctuation)) return true;
        }
        return false;
    }

    private static Mention? LastActorBefore(int index, Sentence s, Mention?[] mentionAt)
    {
        for (int k = index - 2; k >= s.FirstToken && k >= index - 6; k--)
        {
            var m = mentionAt[k];
            if (m != null && m.IsActor) return m;
        }
        return null;
    }
}
