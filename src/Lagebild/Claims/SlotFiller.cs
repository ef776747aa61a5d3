using Lagebild.Knowledge;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>Fills supplier, recipient and items of each trigger in a clause, following the trigger's frame.</summary>
internal sealed partial class SlotFiller
{
    private static readonly HashSet<string> PurposePrepositions = new(StringComparer.OrdinalIgnoreCase)
        { "für", "fürs", "zur", "zum", "gegen", "in", "im", "bei", "beim", "über", "vor", "nach", "hinsichtlich", "bezüglich", "betreffend", "wegen", "for", "against", "in", "about", "on" };
    private static readonly HashSet<string> RecipientPrepositions = new(StringComparer.OrdinalIgnoreCase) { "an", "nach", "für", "to", "for" };
    private static readonly HashSet<string> SourcePrepositions = new(StringComparer.OrdinalIgnoreCase) { "von", "vom", "aus", "durch", "from", "by" };

    private readonly LanguageData _data;
    private readonly ArgumentBuilder _args;
    /// <summary>Set LAGEBILD_TRACE=1 to print each trigger's clause and arguments to stderr.</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("LAGEBILD_TRACE") == "1";

    public SlotFiller(LanguageData data, ArgumentBuilder args) { _data = data; _args = args; }

    public IEnumerable<FoundClaim> Fill(Document doc, Sentence s, Clause clause, List<Clause> clauses, List<Argument> allArgs,
        List<Mention> mentions, List<Attribution> layers)
    {
        var toks = doc.Tokens;
        var interrupting = clauses.Where(c => c != clause && c.First > clause.First && c.End < clause.End).ToList();
        for (int t = clause.First; t < clause.End; t++)
        {
            if (interrupting.Any(c => c.Contains(t))) continue;
            if (!toks[t].IsWord) continue;
            var word = toks[t].Text;
            var candidateVerbs = _data.Frames.Verbs(word);
            var candidateNoun = _data.Frames.Noun(word);
            if (candidateVerbs.Count == 0 && candidateNoun == null) continue;
            var attribution = AttributionFinder.LayerFor(doc, layers, t);
            // A word inside a name or an item term ("Armed Forces", "arms") is no verb; nor a participle before an item ("armed drones").
            var verb = char.IsUpper(word[0]) && t != s.FirstToken && _data.NounsCapitalized || InMention(doc, t) || !_data.NounsCapitalized && t + 1 < s.EndToken && IsItemToken(doc, t + 1) && word.EndsWith("ed") && t > s.FirstToken && (Grammar.Articles.Contains(toks[t - 1].Text) || Grammar.Prepositions.Contains(toks[t - 1].Text)) ? null : candidateVerbs.FirstOrDefault(f => RequirementsMet(doc, clause, t, f));
            // English homographs ("the support", "China's supplies"): after a determiner or possessive it is the noun.
            if (verb != null && !_data.NounsCapitalized && t > s.FirstToken && (Grammar.Articles.Contains(toks[t - 1].Text) || toks[t - 1].Text is "'s" or "’s"
                || Grammar.Prepositions.Contains(toks[t - 1].Text) && toks[t - 1].Lower != "to" && !word.EndsWith("ing")
                || doc.Mentions.Any(m => m.EndToken == t && m.Form is MentionForm.Possessive or MentionForm.Adjective))) verb = null;
            if (verb != null)
            {
                if (NoEvidence(doc, clause, clauses) || Demanded(doc, s, t) || PurposeOfSupply(doc, s, t, verb)) continue;
                bool any = false;
                foreach (var c in VerbFrame(doc, s, clause, clauses, allArgs, mentions, attribution, t, verb)) { any = true; yield return c; }
                if (any || _data.NounsCapitalized) continue;
            }
            var noun = candidateNoun;
            if (noun != null && !(t == s.FirstToken && _data.Frames.Verb(word) != null && _data.NounsCapitalized))
                foreach (var c in NounFrame(doc, s, clause, allArgs, mentions, attribution, t, noun.Value.Frame, noun.Value.Modifier)) yield return c;
        }
    }

    private static readonly HashSet<string> EvidenceNouns = new(StringComparer.OrdinalIgnoreCase)
        { "Hinweise", "Hinweis", "Belege", "Beleg", "Beweise", "Beweis", "Anzeichen", "Indizien", "evidence", "indication", "indications", "sign", "signs" };

    /// <summary>"Es gibt keine Hinweise darauf, dass ...": a claim under a negated evidence noun is not asserted.</summary>
    private bool NoEvidence(Document doc, Clause clause, List<Clause> clauses)
    {
        if (clause.Kind != ClauseKind.Subordinate || clause.Previous == null) return false;
        var p = clause.Previous;
        for (int k = p.First; k + 1 < p.End; k++)
            if (_data.Cues.Is(doc.Tokens[k].Text, CueKind.Negation) && EvidenceNouns.Contains(doc.Tokens[k + 1].Text)) return true;
        return false;
    }

    /// <summary>"demands for Iran to supply", "urged Seoul to send", "wants X to deliver": a request is no supply claim.</summary>
    private bool Demanded(Document doc, Sentence s, int t)
    {
        if (t == 0 || doc.Tokens[t - 1].Lower is not ("to" or "zu")) return false;
        for (int k = t - 2; k >= Math.Max(s.FirstToken, t - 6); k--)
            if (_data.Cues.Is(doc.Tokens[k].Text, CueKind.Demand)) return true;
        return false;
    }

    /// <summary>"providing satellite imagery ... to support X's operations": the purpose of a supply is no second claim.</summary>
    private bool PurposeOfSupply(Document doc, Sentence s, int t, Frame verb)
    {
        if (verb.Kind != FrameKind.Support || t == 0 || doc.Tokens[t - 1].Lower is not ("to" or "zu")) return false;
        for (int k = s.FirstToken; k < t - 1; k++)
            if (_data.Frames.Verbs(doc.Tokens[k].Text).Any(f => f.Kind is FrameKind.Give or FrameKind.Furnish)) return true;
        return false;
    }

    private static bool RequirementsMet(Document doc, Clause clause, int t, Frame f)
    {
        var toks = doc.Tokens;
        if (f.Particle != null)
        {
            var words = f.Particle.Split(' ');
            bool found = false;
            for (int k = clause.First; k < clause.End && !found; k++)
            {
                found = true;
                for (int j = 0; j < words.Length; j++)
                    if (k + j >= clause.End || !string.Equals(toks[k + j].Text, words[j], StringComparison.OrdinalIgnoreCase)) { found = false; break; }
            }
            if (!found) return false;
        }
        if (f.SeparablePrefix != null && !toks[t].Text.StartsWith(f.SeparablePrefix, StringComparison.OrdinalIgnoreCase))
        {
            // "leitet ... weiter": the particle closes the clause (the right bracket of the German sentence).
            int last = clause.End - 1;
            while (last > t && !toks[last].IsWord) last--;
            if (last <= t || !string.Equals(toks[last].Text, f.SeparablePrefix, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private IEnumerable<FoundClaim> VerbFrame(Document doc, Sentence s, Clause clause, List<Clause> clauses, List<Argument> allArgs,
        List<Mention> mentions, Attribution? attribution, int t, Frame frame)
    {
        var toks = doc.Tokens;
        // A clause rebuilt around an interrupting relative clause must not take that clause's actors.
        var inner = clauses.Where(c => c.Kind == ClauseKind.Relative && c.First > clause.First && c.End < clause.End).ToList();
        var args = allArgs.Where(a => a.First >= clause.First && a.First < clause.End && !inner.Any(c => c.Contains(a.First))).ToList();
        var core = args.Where(a => a.Preposition == null).ToList();
        var byPrep = args.Where(a => a.Preposition != null).ToList();
        bool passive = IsPassive(doc, clause, t);
        // The relative pronoun stands for its antecedent; an infinitive's subject is its controller.
        Argument? implicitSubject = null;
        if (clause.Kind == ClauseKind.Relative && clause.Antecedent != null && toks[clause.First].Lower is not ("dem" or "denen" or "den"))
            implicitSubject = Antecedent(clause, allArgs);
        if (clause.Kind == ClauseKind.Infinitive || IsInfinitive(doc, t))
            implicitSubject = Controller(doc, clause, allArgs, attribution);
        else if (clause.Kind == ClauseKind.Main && clause.First > s.FirstToken && Grammar.Coordinators.Contains(toks[clause.First - 1].Text)
                 && !core.Any(a => a.First < t) && clause.Previous != null)
            implicitSubject = OrderCore(allArgs.Where(a => a.First >= clause.Previous.First && a.First < clause.Previous.End && a.Preposition == null).ToList()).FirstOrDefault();
        // "X accused Y of supplying ...", "Tehran denied sending ...": the accused or the denier supplies; the accuser is no slot.
        if (implicitSubject == null && attribution is { Kind: AttributionKind.Accusation or AttributionKind.Denial } && clause.Contains(CueToken(doc, attribution)) && CueToken(doc, attribution) < t)
        {
            int cue = CueToken(doc, attribution);
            var side = attribution.Kind == AttributionKind.Accusation ? attribution.Accused : StateOf(doc, attribution.Claimant);
            if (side != null && !core.Any(a => a.First > cue && a.First < t && a.Actor != side))
            {
                implicitSubject = allArgs.FirstOrDefault(a => a.Actor == side && a.First > cue) ?? new Argument { Mention = null!, Actor = side, First = cue, End = cue + 1 };
                core = core.Where(a => a.First > cue && a.Actor != side).ToList();
                byPrep = byPrep.Where(a => a.First > cue).ToList();
            }
        }
        var pronounSubject = PronounSubject(doc, clause, t, attribution, core);
        if (Trace) Console.Error.WriteLine($"trace: '{toks[t].Text}' {frame.Kind} clause {clause} passive={passive} core=[{string.Join(", ", core)}] prep=[{string.Join(", ", byPrep)}] implicit={implicitSubject} pronoun={pronounSubject}");

        List<Argument> suppliers = new(), recipients = new();
        List<Argument> Group(Argument a, List<Argument> pool) => pool.Where(x => x.Group == a.Group).ToList();
        Argument? Dative(List<Argument> pool) => pool.FirstOrDefault(a => a.Dative);

        switch (frame.Kind)
        {
            case FrameKind.Give:
            case FrameKind.Furnish:
            case FrameKind.Support:
            {
                var source = byPrep.FirstOrDefault(a => SourcePrepositions.Contains(a.Preposition!) && passive);
                var toPhrase = byPrep.FirstOrDefault(a => (RecipientPrepositions.Contains(a.Preposition!) || a.Preposition == "in" && Directional(doc, a)) && frame.Kind == FrameKind.Give);
                if (toPhrase == null && !_data.NounsCapitalized && frame.Kind == FrameKind.Give) toPhrase = PlaceOfRecipient(doc, clause, byPrep);
                var ordered = OrderCore(core);
                if (passive && source != null)
                {
                    suppliers = Group(source, byPrep);
                    if (toPhrase != null) recipients = Group(toPhrase, byPrep);
                    else if (ordered.Count > 0) recipients = Group(ordered[0], core);
                    break;
                }
                var subject = implicitSubject ?? pronounSubject;
                if (subject != null)
                {
                    suppliers = new() { subject };
                    var rest = ordered.Where(a => a.Actor != subject.Actor).ToList();
                    if (toPhrase != null) recipients = Group(toPhrase, byPrep);
                    else if (rest.Count > 0) recipients = Group(rest[0], rest);
                    break;
                }
                if (ordered.Count == 0)
                {
                    // An agentless passive still names where the goods go: "engines are shipped to a manufacturer in Russia".
                    if (toPhrase != null) recipients = Group(toPhrase, byPrep);
                    break;
                }
                var dat = Dative(ordered);
                var first = ordered[0];
                if (dat != null && dat == first && ordered.Count > 1) first = ordered.First(a => a.Group != dat.Group);
                suppliers = Group(first, ordered);
                if (toPhrase != null) recipients = Group(toPhrase, byPrep);
                else
                {
                    // English puts a bare recipient right after the verb ("supplied Russia with ..."); a later bare noun
                    // phrase is another clause's subject.
                    var other = ordered.FirstOrDefault(a => a.Group != first.Group && (_data.NounsCapitalized || a.First > t && a.First <= t + 3));
                    if (other != null) recipients = Group(other, ordered);
                }
                break;
            }
            case FrameKind.Receive:
            {
                var ordered = OrderCore(core);
                var subject = implicitSubject ?? pronounSubject ?? ordered.FirstOrDefault();
                if (subject != null) recipients = subject == implicitSubject || subject == pronounSubject ? new() { subject } : Group(subject, ordered);
                var source = byPrep.FirstOrDefault(a => a.Preposition is "von" or "vom" or "aus" or "from" or "wie");
                if (source != null) suppliers = Group(source, byPrep);
                break;
            }
            case FrameKind.Exchange:
            {
                // "zwischen China und Russland ausgetauscht", "Iran und Russland tauschen ...": one undirected claim per pair.
                var sides = ExchangeSides(doc, s, clause, args, byPrep);
                for (int i = 0; i < sides.Count; i++)
                    for (int j = i + 1; j < sides.Count; j++)
                        if (sides[i].Actor != sides[j].Actor)
                            foreach (var item in ItemsFor(doc, clause, mentions, frame, t))
                                yield return new FoundClaim(sides[i].Actor, sides[j].Actor, item.Id, false, t, frame.Lemma)
                                { Hedged = Hedged(doc, s), SupplierSpan = sides[i].Span, RecipientSpan = sides[j].Span, ItemSpan = item.Span, Undirected = true };
                yield break;
            }
            case FrameKind.Origin:
            {
                var source = byPrep.FirstOrDefault(a => a.Preposition is "aus" or "from" or "wie");
                if (source != null) suppliers = Group(source, byPrep);
                // The goods' owner: "die Chips in russischen Raketen", "die Kameras der iranischen Drohnen".
                var owner = mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken >= clause.First && m.EndToken <= clause.End
                                                && (m.FirstToken < t || PrepositionBefore(doc, m, clause) is "in" or "im"))
                    .Select(m => OriginOf(doc, m, s)).FirstOrDefault(o => o != null && !suppliers.Any(x => x.Actor == o.Actor))
                    ?? args.FirstOrDefault(a => !suppliers.Contains(a) && a.Preposition is null or "in" or "of");
                if (owner != null) recipients = new() { owner };
                break;
            }
        }

        var items = ItemsFor(doc, clause, mentions, frame, t);
        if (RecipientPhrase(doc, clause, recipients.FirstOrDefault()) is { } rp) items.RemoveAll(i => i.FirstToken > rp.From && i.FirstToken < rp.To);
        // Without an agent the item may name its origin: "russische Militärtechnologien", "chinesische Drohnenmotoren
        // wurden an Russland geliefert", "nordkoreanische Soldaten unterstützten Russland".
        if (suppliers.Count == 0)
        {
            var candidates = items.Concat(mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken >= clause.First && m.EndToken <= t));
            var origin = candidates.Select(i => OriginOf(doc, i, s)).FirstOrDefault(o => o != null && !recipients.Any(r => r.Actor == o.Actor));
            if (origin != null) suppliers = new() { origin };
        }
        if (Trace) Console.Error.WriteLine($"trace:   suppliers=[{string.Join(", ", suppliers)}] recipients=[{string.Join(", ", recipients)}] items=[{string.Join(", ", items.Select(i => i.Id))}]");
        if (suppliers.Count == 0) yield break;
        var negation = Negation(doc, clause, t);
        bool anyRecipient = negation.AnyRecipient;
        bool openRecipientAllowed = anyRecipient || frame.Kind is FrameKind.Origin && Hedged(doc, s) || negation.Clause || items.Any(i => negation.Items.Contains(i));
        if (recipients.Count == 0 && items.Count == 0) yield break;
        var itemIds = items.Select(i => (i.Id, Span: (TextSpan?)i.Span, Negated: negation.Clause || negation.Items.Contains(i))).ToList();
        // "unterstützt Russland mit einigen Lieferungen": a named but unknown means is no general support claim.
        if (itemIds.Count == 0 && frame.DefaultItem != null && !NamesOtherMeans(doc, clause, t))
        {
            // "helped Russia set up production facilities": help to produce is technology transfer.
            bool production = frame.Kind == FrameKind.Support && Enumerable.Range(t + 1, Math.Max(0, clause.End - t - 1)).Any(k => _data.Cues.Is(toks[k].Text, CueKind.Production));
            itemIds.Add((production ? ItemLexicon.Technology : frame.DefaultItem, null, negation.Clause));
        }
        bool hedged = Hedged(doc, s) || HedgedClause(doc, clause);
        bool reportative = Reportative(doc, clause);
        foreach (var sup in suppliers)
        {
            var recs = recipients.Count > 0 ? recipients.Select(r => ((string Actor, TextSpan? Span))(r.Actor, r.Span)).ToList() : new() { ("?", null) };
            foreach (var rec in recs)
            {
                if (sup.Actor == rec.Actor) continue;
                foreach (var item in itemIds)
                    yield return new FoundClaim(sup.Actor, rec.Actor, item.Id, item.Negated, t, frame.Lemma)
                    {
                        Hedged = hedged, Reportative = reportative, SupplierSpan = sup.Span, RecipientSpan = rec.Span, ItemSpan = item.Span,
                        AnyRecipient = anyRecipient, KeepOpenRecipient = openRecipientAllowed,
                    };
            }
        }
    }

}
