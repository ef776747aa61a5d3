using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// Decides who speaks in each sentence: a speech verb's subject ("sagte Stein", "Weber erklärte"),
/// a source ("laut X", "nach Angaben von X", "X zufolge", "wie aus einem Bericht von X hervorgeht"),
/// an accuser ("X wirft Y vor"), a denier ("X bestreitet"). Konjunktiv I carries the speaker into
/// following sentences; "Das sagte X" reaches back to the sentence before.
/// </summary>
public sealed class AttributionFinder : IPipe
{
    private readonly LanguageData _data;

    public AttributionFinder(LanguageData data) { _data = data; }

    public string Name => "attribution";

    public void Process(Document doc)
    {
        doc.Attributions.Clear();
        List<Attribution>? carried = null;
        int carriedParagraph = -1;
        var inQuote = QuoteMask(doc);
        foreach (var s in doc.Sentences)
        {
            var para = doc.ParagraphAt(s.Span.Start);
            if (para?.Kind == ParagraphKind.Furniture) continue;
            var found = Find(doc, s, inQuote);
            if (found.Count > 0)
            {
                doc.Attributions.AddRange(found);
                var main = found.OrderByDescending(a => Rank(doc, a)).First();
                if (StartsWithDemonstrative(doc, s) && s.Index > 0 && main.Kind == AttributionKind.ReportedSpeech)
                {
                    // "Das sagte der Präsident ..." / "Diese Aussage machte X": the claim stood in the sentence before.
                    var before = doc.Sentences[s.Index - 1];
                    if (!doc.Attributions.Any(a => a.Scope.Overlaps(before.Span)))
                        doc.Attributions.Add(Copy(main, before.Span));
                }
                carried = found; carriedParagraph = s.Paragraph;
                continue;
            }
            if (carried != null && s.Paragraph - carriedParagraph <= 1 && HasSubjunctive(doc, s, inQuote) && para?.Kind == ParagraphKind.Body)
            {
                // Konjunktiv I continues the reported speech: the innermost speaker goes on speaking.
                doc.Attributions.Add(Copy(carried.OrderByDescending(a => Rank(doc, a)).First(), s.Span));
                carriedParagraph = s.Paragraph;
                continue;
            }
            carried = null;
        }
    }

    private static Attribution Copy(Attribution a, TextSpan scope)
    {
        var c = new Attribution(a.Kind, a.Claimant, scope, a.Cue) { Accused = a.Accused };
        c.Via.AddRange(a.Via);
        return c;
    }

    private static bool[] QuoteMask(Document doc)
    {
        var mask = new bool[doc.Tokens.Count];
        int qi = 0;
        // Quotes and tokens are both in text order: one merge pass.
        foreach (var t in doc.Tokens)
        {
            while (qi < doc.Quotes.Count && doc.Quotes[qi].Span.End <= t.Start) qi++;
            if (qi < doc.Quotes.Count && doc.Quotes[qi].Span.Contains(t.Start)) mask[t.Index] = true;
        }
        return mask;
    }

    private bool StartsWithDemonstrative(Document doc, Sentence s) =>
        Grammar.DemonstrativeStarts.Contains(doc.Tokens[s.FirstToken].Text);

    private bool HasSubjunctive(Document doc, Sentence s, bool[] inQuote)
    {
        for (int i = s.FirstToken; i < s.EndToken; i++)
            if (!inQuote[i] && _data.Cues.Is(doc.Tokens[i].Text, CueKind.Subjunctive)) return true;
        return false;
    }

    private List<Attribution> Find(Document doc, Sentence s, bool[] inQuote)
    {
        var toks = doc.Tokens;
        var layers = new List<(Attribution A, int Rank)>();
        var inName = new HashSet<int>(doc.Mentions.Where(m => m.IsActor && m.FirstToken >= s.FirstToken && m.EndToken <= s.EndToken)
            .SelectMany(m => Enumerable.Range(m.FirstToken, m.EndToken - m.FirstToken)));
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            // "United States" holds no "states"; a quoted sentence has its own speaker.
            if (inQuote[i] || inName.Contains(i)) continue;
            foreach (var (kind, words) in _data.Cues.Starting(toks[i].Text))
            {
                if (kind is CueKind.Negation or CueKind.Hedge or CueKind.Reportative or CueKind.Subjunctive) continue;
                int last = MatchRest(toks, i, words, s.EndToken);
                if (last < 0) continue;
                var cue = new TextSpan(toks[i].Start, toks[last].End);
                var a = kind switch
                {
                    CueKind.Speech => Speech(doc, s, i, last, cue),
                    CueKind.SpeechNoun => SpeechNoun(doc, s, i, cue),
                    CueKind.Source => Source(doc, s, i, last, cue),
                    CueKind.PostSource => PostSource(doc, s, i, cue),
                    CueKind.Report => Report(doc, s, i, cue),
                    CueKind.Accuse => Accuse(doc, s, i, last, cue),
                    CueKind.Deny => Deny(doc, s, i, cue),
                    CueKind.Anonymous => new Attribution(AttributionKind.Source, "?", s.Span, cue),
                    _ => null,
                };
                if (a == null) continue;
                layers.Add((a, Rank(doc, a)));
                break;
            }
        }
        // Each layer knows the others as its citation chain: outlets before speakers.
        foreach (var (a, rank) in layers)
            foreach (var (other, otherRank) in layers.OrderBy(l => l.Rank))
                if (other != a && otherRank <= rank && other.Claimant != a.Claimant && !a.Via.Contains(other.Claimant)) a.Via.Add(other.Claimant);
        return layers.Select(l => l.A).ToList();
    }

    /// <summary>
    /// The attribution that governs a trigger: of the cues before it the most specific (a denial, a person),
    /// else the nearest cue after it ("..., sagte X").
    /// </summary>
    internal static Attribution? LayerFor(Document doc, List<Attribution> layers, int trigger)
    {
        if (layers.Count == 0) return null;
        int at = doc.Tokens[trigger].Start;
        var before = layers.Where(a => a.Cue.Start < at || !a.Scope.Contains(a.Cue)).ToList();
        if (before.Count > 0)
            return before.OrderByDescending(a => Rank(doc, a)).ThenByDescending(a => a.Scope.Contains(a.Cue) ? a.Cue.Start : -1).First();
        return layers.OrderBy(a => a.Cue.Start).First();
    }

    /// <summary>How specific a claimant is: a denial or accusation first, then people over states over outlets.</summary>
    internal static int Rank(Document doc, Attribution a)
    {
        int r = a.Kind is AttributionKind.Denial or AttributionKind.Accusation ? 10 : 0;
        if (a.Claimant.StartsWith("person:")) r += 3;
        else if (!a.Claimant.StartsWith("org:") && a.Claimant != "?") r += 2;
        else if (a.Claimant.StartsWith("org:")) r += 1;
        return r;
    }

    /// <summary>Index of the last word of a multi-word cue whose later words stand within the clause, or -1.</summary>
    private static int MatchRest(IReadOnlyList<Token> toks, int i, string[] words, int end)
    {
        if (words.Length == 1) return i;
        // Contiguous ("nach Angaben", "unter Berufung auf") or split verb + particle ("wies ... zurück").
        bool contiguous = true;
        for (int k = 1; k < words.Length && contiguous; k++)
            contiguous = i + k < end && string.Equals(toks[i + k].Text, words[k], StringComparison.OrdinalIgnoreCase);
        if (contiguous) return i + words.Length - 1;
        if (words.Length != 2) return -1;
        for (int k = i + 1; k < Math.Min(end, i + 15); k++)
        {
            if (toks[k].Text is "," or ";" && k > i + 1 && !(k + 1 < end && toks[k + 1].Lower == words[1].ToLowerInvariant())) { }
            if (string.Equals(toks[k].Text, words[1], StringComparison.OrdinalIgnoreCase)) return k;
        }
        return -1;
    }

    private Attribution? Speech(Document doc, Sentence s, int cueIndex, int last, TextSpan cue)
    {
        // Inverted order first ("sagte Stein", "..., said Patel"), then the subject before the verb ("Weber erklärte").
        // "stressed that Germany ...": after "that" stands the reported clause, not the speaker.
        bool complement = last + 1 < s.EndToken && doc.Tokens[last + 1].Lower is "that" or "dass";
        // "is said to have supplied": a reportative passive, no speaker.
        if (cueIndex > s.FirstToken && Grammar.PassiveAuxiliaries.Contains(doc.Tokens[cueIndex - 1].Text) && last + 1 < s.EndToken && doc.Tokens[last + 1].Lower == "to")
            return null;
        var after = complement ? null : QuoteFinder.FindSpeaker(doc, cueIndex + 1, ClauseEnd(doc, last + 1, s), cue);
        int from = ClauseStart(doc, cueIndex, s);
        if (!_data.Frames.CapitalizedNouns && cueIndex + 2 >= s.EndToken)
        {
            // "North Korea has shipped missiles to Russia, a senior U.S. official said.": the speaker follows the last comma.
            for (int k = cueIndex - 1; k > from; k--) if (doc.Tokens[k].Text == ",") { from = k + 1; break; }
            var tail = QuoteFinder.FindSpeaker(doc, from, cueIndex, cue, nearestLast: true);
            return new Attribution(AttributionKind.ReportedSpeech, tail == null ? "?" : ClaimantOf(doc, tail.Value.Id), s.Span, cue);
        }
        var before = QuoteFinder.FindSpeaker(doc, from, cueIndex, cue, nearestLast: true);
        // English keeps the speaker before the verb unless the verb ends the sentence ("..., said Patel").
        bool englishOrder = !_data.Frames.CapitalizedNouns && before != null && cueIndex > s.FirstToken && doc.Tokens[cueIndex - 1].Text != ",";
        var sp = englishOrder ? before : after ?? before;
        return sp == null ? null : new Attribution(AttributionKind.ReportedSpeech, ClaimantOf(doc, sp.Value.Id), s.Span, cue);
    }

    private Attribution? SpeechNoun(Document doc, Sentence s, int i, TextSpan cue)
    {
        // "Nach Webers Worten", "Erklärungen Chinas", "Angaben des Ministeriums"
        var before = doc.Mentions.LastOrDefault(m => m.IsActor && m.EndToken == i && m.Form == MentionForm.Possessive);
        if (before != null) return new Attribution(AttributionKind.ReportedSpeech, ClaimantOf(doc, before.Id), s.Span, cue);
        var after = doc.Mentions.FirstOrDefault(m => m.IsActor && m.FirstToken > i && m.FirstToken <= i + 4 && m.FirstToken < s.EndToken
            && !doc.Tokens.Skip(i + 1).Take(m.FirstToken - i - 1).Any(t => t.Lower is "that" or "dass"));
        if (after == null || doc.Tokens.Skip(i + 1).Take(after.FirstToken - i - 1).Any(t => t.Kind == TokenKind.Punctuation)) return null;
        return new Attribution(AttributionKind.ReportedSpeech, ClaimantOf(doc, after.Id), s.Span, cue);
    }

    private Attribution? Source(Document doc, Sentence s, int i, int last, TextSpan cue)
    {
        var toks = doc.Tokens;
        if (toks[i].Lower == "so")
        {
            // "…, so Lukaschenko." / "So der Sprecher": only right after a comma or at the start.
            bool placed = i == s.FirstToken || toks[i - 1].Text == "," || toks[i - 1].IsQuote;
            if (!placed) return null;
        }
        // The source may stand between the cue's words ("nach „Spiegel“-Angaben") or after them ("laut dem Ministerium").
        int end = Math.Min(s.EndToken, last + 8);
        var inside = doc.Mentions.FirstOrDefault(x => x.IsActor && x.FirstToken > i && x.EndToken <= last);
        if (inside != null) return new Attribution(AttributionKind.Source, ClaimantOf(doc, inside.Id), s.Span, cue);
        var window = doc.Mentions.Where(x => x.IsActor && x.FirstToken > last && x.FirstToken < end && !toks.Skip(last + 1).Take(x.FirstToken - last - 1).Any(t => t.Text is "," or ";" or ":")).ToList();
        var m = window.FirstOrDefault(x => x.Kind == MentionKind.Person) ?? window.FirstOrDefault(x => x.Form != MentionForm.Adjective) ?? window.FirstOrDefault();
        if (m == null || toks.Skip(last + 1).Take(m.FirstToken - last - 1).Any(t => t.Text is "," or ";" or ":")) 
            return toks[i].Lower == "so" ? null : new Attribution(AttributionKind.Source, "?", s.Span, cue);
        return new Attribution(AttributionKind.Source, ClaimantOf(doc, m.Id), s.Span, cue);
    }

    private Attribution? PostSource(Document doc, Sentence s, int i, TextSpan cue)
    {
        var m = doc.Mentions.LastOrDefault(x => x.IsActor && x.EndToken <= i && x.EndToken >= i - 3 && x.FirstToken >= s.FirstToken);
        return new Attribution(AttributionKind.Source, m == null ? "?" : ClaimantOf(doc, m.Id), s.Span, cue);
    }

    private Attribution? Report(Document doc, Sentence s, int i, TextSpan cue)
    {
        // "wie aus einem Bericht von X hervorgeht": X stands before the cue.
        var m = doc.Mentions.LastOrDefault(x => x.IsActor && x.EndToken <= i && x.FirstToken >= Math.Max(s.FirstToken, i - 8));
        return m == null ? null : new Attribution(AttributionKind.Source, ClaimantOf(doc, m.Id), s.Span, cue);
    }

    private Attribution? Accuse(Document doc, Sentence s, int i, int last, TextSpan cue)
    {
        // "X wirft Y vor, ... zu liefern": X accuses, Y is the supplier of the claim.
        var accuser = QuoteFinder.FindSpeaker(doc, ClauseStart(doc, i, s), i, cue, nearestLast: true);
        // "wirft Y vor" (split cue): Y stands inside; "beschuldigt Y, ..." (one word): Y follows up to the comma.
        int accusedEnd = last > i ? last : ClauseEnd(doc, i + 1, s);
        var accusedMention = doc.Mentions.FirstOrDefault(m => m.IsActor && m.FirstToken > i && m.FirstToken < accusedEnd && m.Form != MentionForm.Adjective);
        var claimant = accuser == null ? "?" : ClaimantOf(doc, accuser.Value.Id);
        // "X was sanctioned for supplying ...", "Firmen, denen ... vorgeworfen wird": the passive's subject is accused.
        if (i > s.FirstToken && Grammar.PassiveAuxiliaries.Contains(doc.Tokens[i - 1].Text) && accuser != null)
        {
            var subject = doc.Mentions.FirstOrDefault(m => m.Id == accuser.Value.Id && m.IsActor);
            return new Attribution(AttributionKind.Accusation, "?", s.Span, cue) { Accused = subject == null ? null : StateOf(doc, subject) };
        }
        if (accuser == null && accusedMention != null)
        {
            // Inverted: "Nun wirft Washington Peking vor": the first actor after the verb accuses.
            var after = doc.Mentions.Where(m => m.IsActor && m.FirstToken > i && m.FirstToken < accusedEnd && m.Form != MentionForm.Adjective).ToList();
            if (after.Count >= 2) { claimant = ClaimantOf(doc, after[0].Id); accusedMention = after[1]; }
        }
        return new Attribution(AttributionKind.Accusation, claimant, s.Span, cue) { Accused = accusedMention == null ? null : StateOf(doc, accusedMention) };
    }

    private Attribution? Deny(Document doc, Sentence s, int i, TextSpan cue)
    {
        var sp = QuoteFinder.FindSpeaker(doc, ClauseStart(doc, i, s), i, cue, nearestLast: true)
                 ?? QuoteFinder.FindSpeaker(doc, i + 1, ClauseEnd(doc, i + 1, s), cue);
        return sp == null ? null : new Attribution(AttributionKind.Denial, ClaimantOf(doc, sp.Value.Id), s.Span, cue);
    }

    /// <summary>Org bodies that speak for a state get the state's code; people and other organisations keep their id.</summary>
    internal static string ClaimantOf(Document doc, string id)
    {
        var m = doc.Mentions.FirstOrDefault(x => x.Id == id && x.Kind == MentionKind.Organisation && x.Affiliation != null);
        return m?.Affiliation ?? id;
    }

    internal static string StateOf(Document doc, Mention m) =>
        m.Kind == MentionKind.Person && m.Affiliation != null && m.Form is MentionForm.Possessive or MentionForm.Surname ? m.Affiliation : m.Id;

    private static int ClauseStart(Document doc, int i, Sentence s)
    {
        for (int k = i - 1; k >= s.FirstToken; k--)
            if (doc.Tokens[k].Text is ";" or ":" || doc.Tokens[k].IsQuote && i - k > 6) return k + 1;
        return s.FirstToken;
    }

    private static int ClauseEnd(Document doc, int i, Sentence s)
    {
        for (int k = i; k < s.EndToken; k++)
            if (doc.Tokens[k].Text is "," or ";" or ":") return k;
        return s.EndToken;
    }
}
