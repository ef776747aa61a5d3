using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// Direct quotations in any quote style, with their speaker named before, after or around the quote,
/// or carried over from the quote just before. A quoted name or title ("Express") is not a quote.
/// </summary>
public sealed class QuoteFinder : IPipe
{
    private const int MinWords = 3;
    private readonly LanguageData _data;

    public QuoteFinder(LanguageData data) { _data = data; }

    public string Name => "quotes";

    public void Process(Document doc)
    {
        doc.Quotes.Clear();
        var toks = doc.Tokens;
        Quote? previous = null;
        int previousSentence = -10, open = -1, openParagraph = -1;
        for (int i = 0; i < toks.Count; i++)
        {
            var t = toks[i];
            if (!t.IsQuote) continue;
            var para = doc.ParagraphAt(t.Start);
            if (para?.Kind == ParagraphKind.Furniture) continue;
            int paragraph = para?.Index ?? 0;
            // Quotes may run over sentences, not over paragraphs.
            if (open >= 0 && paragraph != openParagraph) open = -1;
            bool canClose = open >= 0 && (t.Kind is TokenKind.CloseQuote or TokenKind.AmbiguousQuote) && Matches(toks[open].Text, t.Text);
            if (canClose)
            {
                var q = Build(doc, open, i);
                open = -1;
                if (q == null) continue;
                int sentence = t.Sentence;
                if (q.Speaker == null && previous?.Speaker != null && sentence - previousSentence <= 2)
                {
                    q.Speaker = previous.Speaker; q.SpeakerName = previous.SpeakerName;
                }
                doc.Quotes.Add(q);
                previous = q; previousSentence = sentence;
            }
            else if (t.Kind is TokenKind.OpenQuote or TokenKind.AmbiguousQuote) { open = i; openParagraph = paragraph; }
        }
    }

    private static bool Matches(string open, string close) => open switch
    {
        "„" => close is "“" or "”" or "\"",
        "‚" => close is "‘" or "’",
        "«" => close == "»",
        "»" => close == "«",
        "‹" => close == "›",
        "›" => close == "‹",
        "“" => close is "”" or "“" or "\"",
        "‘" => close is "’" or "'",
        "\"" => close is "\"" or "“" or "”",
        "'" => close is "'" or "’",
        _ => true,
    };

    private Quote? Build(Document doc, int open, int close)
    {
        var toks = doc.Tokens;
        int words = 0;
        for (int k = open + 1; k < close; k++) if (toks[k].IsWord) words++;
        if (words < MinWords) return null;
        var q = new Quote(new TextSpan(toks[open].Start, toks[close].End), new TextSpan(toks[open + 1].Start, toks[close - 1].End));
        var guess = LanguageIdentifier.Default.Identify(doc.Text.AsSpan(q.Content.Start, q.Content.Length));
        if (guess.IsDetermined && guess.Lang != doc.Lang && guess.Confidence >= 0.9) q.Lang = guess.Lang;
        var speaker = SpeakerAfter(doc, close) ?? SpeakerBefore(doc, open);
        if (speaker != null)
        {
            q.Speaker = speaker.Value.Id; q.SpeakerName = speaker.Value.Name; q.SpeakerSpan = speaker.Value.Span; q.CueSpan = speaker.Value.Cue;
        }
        return q;
    }

    internal readonly record struct Speaker(string Id, string Name, TextSpan Span, TextSpan? Cue);

    /// <summary>„...“, sagte X. / „...“, so X. / "...", fügte er hinzu.</summary>
    private Speaker? SpeakerAfter(Document doc, int close)
    {
        var toks = doc.Tokens;
        int i = close + 1;
        bool comma = i < toks.Count && toks[i].Text == ",";
        if (comma) i++;
        // Only '„...“, sagte X' reaches into what the splitter made the next sentence.
        int sentenceEnd = comma ? SentenceEnd(doc, close) : Math.Min(SentenceEnd(doc, close), doc.Sentences[Math.Max(0, toks[close].Sentence)].EndToken);
        for (int k = i; k < Math.Min(sentenceEnd, i + 10); k++)
        {
            if (toks[k].IsQuote) break;
            if (!IsSpeechCue(toks[k].Text) && toks[k].Lower != "so") continue;
            // English names the speaker before the verb: '"...," the minister Jan Hartwig said.'
            if (k > i + 2) return FindSpeaker(doc, i, k, new TextSpan(toks[k].Start, toks[k].End), nearestLast: true);
            return FindSpeaker(doc, k + 1, Math.Min(sentenceEnd, k + 9), new TextSpan(toks[k].Start, toks[k].End))
                ?? FindSpeaker(doc, i, k, new TextSpan(toks[k].Start, toks[k].End));
        }
        return null;
    }

    /// <summary>X sagte: „...“ / sagte X: „...“ / Nach Xs Worten ... „...“.</summary>
    private Speaker? SpeakerBefore(Document doc, int open)
    {
        var toks = doc.Tokens;
        int sentenceStart = doc.Sentences[Math.Max(0, toks[open].Sentence)].FirstToken;
        if (toks[open].Sentence < 0) return null;
        for (int k = open - 1; k >= sentenceStart; k--)
        {
            if (toks[k].IsQuote) break;
            if (IsSpeechCue(toks[k].Text) || _data.Cues.Is(toks[k].Text, CueKind.SpeechNoun) || _data.Cues.Is(toks[k].Text, CueKind.Source))
            {
                var cue = new TextSpan(toks[k].Start, toks[k].End);
                var owner = doc.Mentions.LastOrDefault(m => m.IsActor && m.EndToken == k && m.Form == MentionForm.Possessive);
                if (owner != null) return new Speaker(owner.Id, DisplayName(doc, owner), owner.Span, cue);
                // "Blinken sagte, China halte die „...“": after a comma or "dass" comes the reported clause, not the speaker.
                bool reported = Enumerable.Range(k + 1, Math.Max(0, open - k - 1)).Any(j => toks[j].Text == "," || toks[j].Lower is "dass" or "that");
                return reported
                    ? FindSpeaker(doc, sentenceStart, k, cue, nearestLast: true) ?? FindSpeaker(doc, k + 1, open, cue)
                    : FindSpeaker(doc, k + 1, open, cue) ?? FindSpeaker(doc, sentenceStart, k, cue, nearestLast: true);
            }
        }
        return null;
    }

    private bool IsSpeechCue(string word) => _data.Cues.Starting(word).Any(c => c.Kind is CueKind.Speech or CueKind.Deny);

    private static int SentenceEnd(Document doc, int token)
    {
        int s = doc.Tokens[token].Sentence;
        if (s < 0) return doc.Tokens.Count;
        // A quote closing a sentence ("… gesagt.“, sagte er) continues into the next sentence.
        int end = doc.Sentences[s].EndToken;
        if (end == token + 1 && s + 1 < doc.Sentences.Count) end = doc.Sentences[s + 1].EndToken;
        return end;
    }

    /// <summary>The speaker among the mentions in [from, to): a person first, else an organisation or state; "er"/"sie" resolve back.</summary>
    internal static Speaker? FindSpeaker(Document doc, int from, int to, TextSpan? cue, bool nearestLast = false)
    {
        if (from >= to) return null;
        var candidates = doc.Mentions.Where(m => m.IsActor && m.FirstToken >= from && m.EndToken <= to && !InPrepositionalPhrase(doc, m, from)).ToList();
        if (nearestLast) candidates.Reverse();
        var best = candidates.FirstOrDefault(m => m.Kind == MentionKind.Person)
                   ?? candidates.FirstOrDefault(m => m.Kind == MentionKind.Organisation)
                   ?? candidates.FirstOrDefault(m => m.Kind == MentionKind.State && m.Form != MentionForm.Adjective);
        if (best != null) return new Speaker(best.Id, DisplayName(doc, best), best.Span, cue);
        for (int k = from; k < to; k++)
        {
            if (doc.Tokens[k].Lower is "er" or "sie" or "he" or "she")
            {
                var person = doc.Mentions.LastOrDefault(m => m.Kind == MentionKind.Person && m.EndToken <= k);
                if (person != null) return new Speaker(person.Id, DisplayName(doc, person), doc.Tokens[k].Span, cue);
            }
        }
        return null;
    }

    private static readonly HashSet<string> LocativePrepositions = new(StringComparer.OrdinalIgnoreCase)
        { "in", "im", "an", "am", "auf", "gegen", "mit", "für", "nach", "zu", "zur", "zum", "bei", "beim", "aus", "über", "vor", "unter", "um", "gegenüber", "zwischen",
          "to", "with", "for", "against", "at", "on", "into", "about", "between", "toward", "towards" };

    /// <summary>"in der Ukraine", "gegen China": such a mention is not the one who speaks.</summary>
    private static bool InPrepositionalPhrase(Document doc, Mention m, int from)
    {
        for (int k = m.FirstToken - 1; k >= from; k--)
        {
            var t = doc.Tokens[k];
            if (LocativePrepositions.Contains(t.Text)) return true;
            if (!(Grammar.Articles.Contains(t.Text) || t.IsWord && char.IsLower(t.Text[0]) && !Grammar.Prepositions.Contains(t.Text) && !LocativePrepositions.Contains(t.Text) || t.IsQuote)) return false;
        }
        return false;
    }

    internal static string DisplayName(Document doc, Mention m) => m.Kind switch
    {
        MentionKind.Person or MentionKind.Organisation => m.Id[(m.Id.IndexOf(':') + 1)..],
        _ => doc.Slice(m.Span),
    };
}
