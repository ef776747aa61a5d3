using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// Finds supply claims: a trigger (verb or noun from the frame table) in a clause, its supplier, recipient and
/// items, then negation, claimant and status from the attribution and quote layers.
/// </summary>
public sealed class ClaimExtractor : IPipe
{
    private readonly LanguageData _data;
    private readonly ClauseSegmenter _clauses;
    private readonly ArgumentBuilder _args;
    private readonly SlotFiller _slots;

    public ClaimExtractor(LanguageData data)
    {
        _data = data;
        _clauses = new ClauseSegmenter(data);
        _args = new ArgumentBuilder(data);
        _slots = new SlotFiller(data, _args);
    }

    public string Name => "claims";

    public void Process(Document doc)
    {
        doc.Claims.Clear();
        var mentionAt = new Mention?[doc.Tokens.Count];
        foreach (var m in doc.Mentions)
            for (int k = m.FirstToken; k < m.EndToken; k++)
                if (mentionAt[k] == null || m.IsActor) mentionAt[k] = m;
        var speakerMask = SpeakerMask(doc);
        var index = MentionIndex.Build(doc, AccusationContext);
        foreach (var s in doc.Sentences)
        {
            var para = doc.ParagraphAt(s.Span.Start);
            if (para?.Kind == ParagraphKind.Furniture) continue;
            var sentenceMentions = doc.Mentions.Where(m => m.FirstToken >= s.FirstToken && m.EndToken <= s.EndToken).ToList();
            if (sentenceMentions.Count == 0) continue;
            var clauses = _clauses.Split(doc, s, mentionAt);
            var args = _args.Build(doc, s, sentenceMentions, k => speakerMask[k]);
            var layers = doc.Attributions.Where(a => a.Scope.Contains(s.Span) || s.Span.Contains(a.Scope)).ToList();
            var seen = new HashSet<(string, string, string, bool)>();
            foreach (var clause in clauses)
            {
                foreach (var found in _slots.Fill(doc, s, clause, clauses, args, sentenceMentions, layers))
                {
                    var claim = Finish(doc, s, para, found, AttributionFinder.LayerFor(doc, layers, found.Trigger));
                    if (claim == null || !seen.Add((claim.Supplier, claim.Recipient, claim.Item, claim.Negated))) continue;
                    doc.Claims.Add(claim);
                }
            }
        }
        InferMissingRecipients(doc);
    }

    private static readonly string[] AccusationWords = { "vorwurf", "vorwürfe", "anschuldigung", "beschuldig", "accus", "allegation", "claims", "bestreit", "dementi", "zurückgewiesen", "denied", "denies", "rejected", "rejects" };

    private static bool AccusationContext(Document doc) =>
        doc.Attributions.Any(a => a.Kind is AttributionKind.Accusation or AttributionKind.Denial)
        || doc.Tokens.Any(t => t.IsWord && AccusationWords.Any(w => t.Lower.StartsWith(w)));

    /// <summary>
    /// "China hat keine Waffen geliefert" in an article about China and Russia: a recipient the sentence leaves out
    /// is the one the document pairs with that supplier elsewhere. Marked as inferred; "keine der Parteien" stays open.
    /// </summary>
    private static void InferMissingRecipients(Document doc)
    {
        var named = doc.Claims.Where(c => c.Recipient != "?").ToList();
        var result = new List<SupplyClaim>();
        var seen = new HashSet<(string, string, string, bool, TextSpan)>();
        foreach (var c in doc.Claims)
        {
            var claim = c;
            if (c.Recipient == "?" && c.RecipientSpan == null && c.Frame != OpenRecipient)
            {
                // The recipient of the sentence's other clause ("Iran liefert Russland Drohnen, Nordkorea schickt Granaten"),
                // else the one paired with this supplier elsewhere; for negations, else the document's main recipient.
                var partner = named.FirstOrDefault(o => o.Evidence == c.Evidence && o.Supplier != c.Supplier && o.Recipient != c.Supplier)?.Recipient
                    ?? named.Where(o => o.Supplier == c.Supplier).GroupBy(o => o.Recipient).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
                // Else the document's main recipient: news articles follow one conflict.
                partner ??= named.Where(o => o.Recipient != c.Supplier && o.Recipient != "?").GroupBy(o => o.Recipient)
                        .OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
                if (partner != null) claim = c with { Recipient = partner, RecipientInferred = true };
                else if (!c.KeepOpen) continue;
            }
            if (claim.Supplier == "?" && claim.SupplierSpan == null)
            {
                // "die Lieferung von Drohnenmotoren an Russland" in an article about China's deliveries.
                var source = named.Where(o => o.Recipient == claim.Recipient && o.Supplier != "?").GroupBy(o => o.Supplier)
                    .OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
                if (source != null) claim = claim with { Supplier = source, SupplierInferred = true };
            }
            // Inference may make two claims of one sentence say the same: keep one.
            if (seen.Add((claim.Supplier, claim.Recipient, claim.Item, claim.Negated, claim.Evidence))) result.Add(claim);
        }
        doc.Claims.Clear();
        doc.Claims.AddRange(result);
    }

    /// <summary>Frame marker of claims whose recipient the text leaves open on purpose ("keine der Konfliktparteien").</summary>
    internal const string OpenRecipient = "open-recipient";

    private static bool SubjectBefore(Document doc, int cue)
    {
        for (int k = cue - 1; k >= Math.Max(0, cue - 6); k--)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation || t.IsQuote) return false;
            if (doc.Mentions.Any(m => m.IsActor && m.EndToken == k + 1) || Grammar.SubjectPronouns.Contains(t.Text)) return true;
            // English: any noun phrase right before "said" is its subject ("Analysts at the institute said ...").
            if (k == cue - 1 && t.IsWord && !doc.Tokens[cue].Text.Any(char.IsUpper) && char.IsLower(doc.Tokens[cue].Text[0]) && t.Text.All(c => c < 128)
                && !Grammar.Auxiliaries.Contains(t.Text) && doc.Lang == "en") return true;
        }
        return false;
    }

    /// <summary>Tokens that name the speaker or source of an attribution: they are not suppliers or recipients.</summary>
    private bool[] SpeakerMask(Document doc)
    {
        var mask = new bool[doc.Tokens.Count];
        var toks = doc.Tokens;
        for (int i = 0; i < toks.Count; i++)
        {
            foreach (var (kind, words) in _data.Cues.Starting(toks[i].Text))
            {
                if (kind is CueKind.Speech or CueKind.Source && words.Length == 1 || kind == CueKind.Source)
                {
                    if (i + 1 < toks.Count && toks[i + 1].Lower is "that" or "dass") continue;
                    // "US officials say Iran ...": with its speaker before it, what follows a speech verb is the report.
                    if (kind == CueKind.Speech && SubjectBefore(doc, i)) continue;
                    if (toks[i].Lower == "so" && !(i > 0 && (toks[i - 1].Text == "," || toks[i - 1].IsQuote))) continue;
                    int start = i + words.Length;
                    var actor = doc.Mentions.FirstOrDefault(m => m.IsActor && m.FirstToken >= start && m.FirstToken < start + 5);
                    int stop = actor?.EndToken ?? start;
                    for (int k = start; k < Math.Min(toks.Count, stop); k++)
                    {
                        if (toks[k].Kind == TokenKind.Punctuation && !toks[k].IsQuote) break;
                        if (kind == CueKind.Speech && k > start && Grammar.Prepositions.Contains(toks[k].Text)) break;
                        if (_data.Frames.Verb(toks[k].Text) != null) break;
                        mask[k] = true;
                    }
                }
                else if (kind == CueKind.PostSource)
                {
                    var source = doc.Mentions.LastOrDefault(m => m.IsActor && m.EndToken <= i && m.EndToken >= i - 2);
                    if (source != null) for (int k = source.FirstToken; k < i; k++) mask[k] = true;
                }
                else if (kind == CueKind.Report)
                {
                    for (int k = i - 1; k >= Math.Max(0, i - 6); k--)
                    {
                        if (toks[k].Text == ",") break;
                        mask[k] = true;
                    }
                }
            }
        }
        return mask;
    }

    private SupplyClaim? Finish(Document doc, Sentence s, Paragraph? para, FoundClaim f, Attribution? attribution)
    {
        var quote = doc.Quotes.FirstOrDefault(q => q.Content.Contains(doc.Tokens[f.Trigger].Start));
        string claimant = "reporter";
        var chain = new List<string> { doc.Outlet ?? "reporter" };
        TextSpan? cue = null;
        bool denial = false;
        if (quote != null)
        {
            claimant = quote.Speaker == null ? "?" : AttributionFinder.ClaimantOf(doc, quote.Speaker);
            cue = quote.CueSpan;
            if (attribution != null) chain.AddRange(attribution.Via);
        }
        else if (attribution != null)
        {
            claimant = attribution.Claimant;
            chain.AddRange(attribution.Via);
            cue = attribution.Cue;
            denial = attribution.Kind == AttributionKind.Denial && attribution.Cue.Start < doc.Tokens[f.Trigger].Start;
        }
        if (claimant != "reporter") chain.Add(claimant);
        var speakerState = SlotFiller.StateOf(doc, claimant);
        ClaimStatus status;
        // A negative statement from the supplier's side is a denial where it answers an accusation; else a refusal (alleged).
        if (denial || f.Negated && speakerState != null && speakerState == f.Supplier && MentionIndex.For(doc).AccusationContext) status = ClaimStatus.Denied;
        else if (claimant == "reporter" && (f.Hedged || f.Reportative)) status = ClaimStatus.Hedged;
        else if (claimant == "?" && f.Hedged) status = ClaimStatus.Hedged;
        else status = claimant == "reporter" ? ClaimStatus.Asserted : ClaimStatus.Alleged;
        if (status == ClaimStatus.Hedged && claimant == "?") claimant = "reporter";
        return new SupplyClaim
        {
            Supplier = f.Supplier, Recipient = f.Recipient, Item = f.Item, Negated = f.Negated, Undirected = f.Undirected,
            Claimant = claimant, Status = status, Evidence = s.Span,
            Cue = doc.Tokens[f.Trigger].Span, SupplierSpan = f.SupplierSpan, RecipientSpan = f.RecipientSpan, ItemSpan = f.ItemSpan,
            AttributionCue = cue, Chain = chain, Frame = f.AnyRecipient ? OpenRecipient : f.Frame, KeepOpen = f.KeepOpenRecipient || f.Frame is "Lieferung" or "Lieferungen" or "Export" or "Exporte",
        };
    }

}

/// <summary>A claim before attribution: slots, trigger and the evidence spans.</summary>
internal sealed record FoundClaim(string Supplier, string Recipient, string Item, bool Negated, int Trigger, string Frame)
{
    public bool Hedged { get; init; }
    public bool Reportative { get; init; }
    public bool Undirected { get; init; }
    /// <summary>The text leaves the recipient open on purpose ("keine der Konfliktparteien").</summary>
    public bool AnyRecipient { get; init; }
    /// <summary>A claim whose recipient stays "?" when the document names none (negations, hedged origins).</summary>
    public bool KeepOpenRecipient { get; init; }
    public TextSpan? SupplierSpan { get; init; }
    public TextSpan? RecipientSpan { get; init; }
    public TextSpan? ItemSpan { get; init; }
}
