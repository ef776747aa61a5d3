using Lagebild.Knowledge;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>Fills supplier, recipient and items of each trigger in a clause, following the trigger's frame.</summary>
internal sealed class SlotFiller
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

    /// <summary>Tokens of the recipient's own noun phrase ("to a state-owned drone manufacturer in Russia"): no goods in there.</summary>
    private static (int From, int To)? RecipientPhrase(Document doc, Clause clause, Argument? toPhrase)
    {
        if (toPhrase == null || toPhrase.Preposition != "in") return null;
        for (int k = toPhrase.First - 1; k >= clause.First && k >= toPhrase.First - 7; k--)
            if (doc.Tokens[k].Lower == "to") return (k, toPhrase.First);
        return null;
    }

    /// <summary>"shipped to a state-owned drone manufacturer in Russia": "to" + noun phrase + "in" + state.</summary>
    private static Argument? PlaceOfRecipient(Document doc, Clause clause, List<Argument> byPrep)
    {
        for (int k = clause.First; k < clause.End; k++)
        {
            if (doc.Tokens[k].Lower != "to") continue;
            return byPrep.FirstOrDefault(a => a.Preposition is "in" && a.First > k && a.First <= k + 6);
        }
        return null;
    }

    /// <summary>"in die Ukraine" (direction) rather than "in der Ukraine" (place).</summary>
    private static bool Directional(Document doc, Argument a) =>
        a.First + 1 < doc.Tokens.Count && doc.Tokens[a.First + 1].Lower is "die" or "den" or "das" or "into" || a.Mention?.Form == MentionForm.Name && a.First + 1 == a.Mention.FirstToken && doc.Tokens[a.First].Lower == "into";

    private bool NamesOtherMeans(Document doc, Clause clause, int t)
    {
        for (int k = clause.First; k < clause.End; k++)
        {
            if (!(doc.Tokens[k].Lower is "mit" or "with")) continue;
            for (int j = k + 1; j < Math.Min(clause.End, k + 5); j++)
            {
                var w = doc.Tokens[j];
                if (_data.IsNounLike(w) && !doc.Mentions.Any(m => m.FirstToken <= j && m.EndToken > j)) return true;
            }
        }
        return false;
    }

    private static int CueToken(Document doc, Attribution a)
    {
        var tok = doc.Tokens.FirstOrDefault(x => x.Start >= a.Cue.Start);
        return tok?.Index ?? -1;
    }

    /// <summary>The two sides of an exchange: a zwischen-phrase, "den beiden Staaten" (the two states named last), or the subject.</summary>
    private static List<Argument> ExchangeSides(Document doc, Sentence s, Clause clause, List<Argument> args, List<Argument> byPrep)
    {
        var between = byPrep.Where(a => a.Preposition is "zwischen" or "between").ToList();
        if (between.Count > 0) return byPrep.Where(a => a.Group == between[0].Group).ToList();
        for (int k = clause.First; k + 1 < clause.End; k++)
        {
            if (!(doc.Tokens[k].Lower is "zwischen" or "between")) continue;
            bool both = Enumerable.Range(k + 1, Math.Min(3, clause.End - k - 1)).Any(j => doc.Tokens[j].Lower is "beiden" or "both" or "two");
            if (!both) continue;
            var last = doc.Mentions.Where(m => m.Kind == MentionKind.State && m.Form is MentionForm.Name or MentionForm.Capital or MentionForm.StandIn && m.EndToken <= k)
                .Reverse().Select(m => m.Id).Distinct().Take(2).ToList();
            if (last.Count == 2)
                return last.Select(id => new Argument { Mention = null!, Actor = id, First = k, End = k + 1, Span = doc.Tokens[k].Span }).ToList();
        }
        var core = args.Where(a => a.Preposition == null).ToList();
        return core.Count > 0 ? core.Where(a => a.Group == core[0].Group).ToList() : new List<Argument>();
    }

    /// <summary>The actor a relative pronoun stands for; "Die chinesischen Ziele umfassen Gruppen, die ..." gives CN.</summary>
    private static Argument? Antecedent(Clause clause, List<Argument> allArgs)
    {
        var m = clause.Antecedent;
        if (m == null) return null;
        return allArgs.FirstOrDefault(a => a.Mention == m)
               ?? (m.Kind == MentionKind.State ? new Argument { Mention = m, Actor = m.Id, First = m.FirstToken, End = m.EndToken, Span = m.Span } : null);
    }

    private static List<Argument> OrderCore(List<Argument> core)
    {
        // A dative article ("dem Kreml") marks the recipient whatever the order: keep nominatives first.
        var list = core.Where(a => !a.Genitive).ToList();
        return list.Where(a => !a.Dative).Concat(list.Where(a => a.Dative)).ToList();
    }

    private static bool IsPassive(Document doc, Clause clause, int t)
    {
        var w = doc.Tokens[t].Text;
        bool participle = w.StartsWith("ge") || w.EndsWith("iert") || w.EndsWith("ed") || w.EndsWith("t") || w.EndsWith("en") || w is "sold" or "bought";
        if (!participle) return false;
        for (int k = clause.First; k < clause.End; k++)
            if (k != t && Grammar.PassiveAuxiliaries.Contains(doc.Tokens[k].Text)) return true;
        return false;
    }

    private static bool IsInfinitive(Document doc, int t) =>
        t > 0 && doc.Tokens[t - 1].Lower == "zu" || doc.Tokens[t].Text.Contains("zu") && doc.Tokens[t].Text.IndexOf("zu", StringComparison.Ordinal) > 2 && char.IsLower(doc.Tokens[t].Text[0]);

    /// <summary>The subject of an infinitive clause: the accused of "X wirft Y vor", else the subject of the clause before.</summary>
    private Argument? Controller(Document doc, Clause clause, List<Argument> allArgs, Attribution? attribution)
    {
        if (attribution?.Kind == AttributionKind.Denial && StateOf(doc, attribution.Claimant) is { } denier && attribution.Cue.Start > doc.Tokens[clause.First].Start)
            return new Argument { Mention = null!, Actor = denier, First = clause.First, End = clause.First };
        if (attribution?.Kind == AttributionKind.Accusation && attribution.Accused != null)
        {
            var accused = allArgs.FirstOrDefault(a => a.Actor == attribution.Accused && a.First < clause.First);
            return accused ?? new Argument { Mention = allArgs.FirstOrDefault()?.Mention!, Actor = attribution.Accused, First = clause.First, End = clause.First };
        }
        for (var prev = clause.Previous; prev != null; prev = prev.Previous)
        {
            var subject = OrderCore(allArgs.Where(a => a.First >= prev.First && a.First < prev.End && a.Preposition == null).ToList()).FirstOrDefault();
            if (subject != null) return subject;
            if (prev.Kind == ClauseKind.Main) break;
        }
        if (attribution != null && StateOf(doc, attribution.Claimant) is { } st)
            return new Argument { Mention = allArgs.FirstOrDefault()?.Mention!, Actor = st, First = clause.First, End = clause.First };
        return null;
    }

    /// <summary>"es versorge ...", "sie liefere ...": in reported speech a pronoun subject stands for the speaker's side.</summary>
    private Argument? PronounSubject(Document doc, Clause clause, int t, Attribution? attribution, List<Argument> core)
    {
        for (int k = clause.First; k < t; k++)
        {
            if (core.Any(a => a.First < k)) return null;
            if (!Grammar.SubjectPronouns.Contains(doc.Tokens[k].Text) || doc.Tokens[k].Lower is "man" or "sie" && k + 1 < t && char.IsUpper(doc.Tokens[k + 1].Text[0])) continue;
            // English "It remains unclear if ...": an expletive "it" far from the verb is no subject.
            if (doc.Tokens[k].Lower == "it" && t - k > 3) continue;
            if (core.Any(a => a.First > k && a.First < t)) return null;
            // In reported speech the pronoun is the speaker's side ("es versorge keine ..."); "er"/"he" is the last person;
            // else the nearest state before.
            var st = attribution != null && attribution.Cue.Start < doc.Tokens[k].Start ? SideOf(doc, attribution.Claimant) : null;
            // "„Wir liefern ...“, sagte der Minister": inside a quote the pronoun is the speaker's side.
            var quote = doc.Quotes.FirstOrDefault(q => q.Content.Contains(doc.Tokens[k].Start) && q.Speaker != null);
            if (st == null && quote != null) st = SideOf(doc, quote.Speaker!);
            if (st == null && doc.Tokens[k].Lower is "it" or "es" && clause.Previous != null && doc.Tokens[clause.Previous.First].Sentence == doc.Tokens[k].Sentence)
                st = OrderCore(core.Count > 0 ? new List<Argument>() : doc.Mentions.Where(m => m.Kind == MentionKind.State && m.Form is MentionForm.Name or MentionForm.Capital && m.FirstToken >= clause.Previous.First && m.FirstToken < clause.Previous.End)
                    .Select(m => new Argument { Mention = m, Actor = m.Id, First = m.FirstToken, End = m.EndToken }).ToList()).FirstOrDefault()?.Actor;
            if (st == null && doc.Tokens[k].Lower is "er" or "he" or "she")
                st = doc.Mentions.LastOrDefault(m => m.Kind == MentionKind.Person && m.EndToken <= k)?.Affiliation;
            st ??= doc.Mentions.LastOrDefault(m => m.Kind == MentionKind.State && m.Form is MentionForm.Name or MentionForm.Capital && m.EndToken <= k && m.FirstToken >= k - 25)?.Id;
            if (st == null) return null;
            return new Argument { Mention = null!, Actor = st, First = k, End = k + 1, Span = doc.Tokens[k].Span };
        }
        return null;
    }

    /// <summary>The actor a speaker stands for as a supplier: its state, or the organisation itself ("Rheinmetall said it had ...").</summary>
    private static string? SideOf(Document doc, string claimant) =>
        StateOf(doc, claimant) ?? (claimant.StartsWith("org:") ? claimant : null);

    /// <summary>The state a claimant speaks for: itself for a state, the affiliation of a person.</summary>
    internal static string? StateOf(Document doc, string claimant)
    {
        if (claimant.Length == 2 && claimant.All(char.IsUpper)) return claimant;
        return doc.Mentions.FirstOrDefault(m => m.Id == claimant && m.Affiliation != null)?.Affiliation;
    }

    /// <summary>Item mentions of the clause that the trigger takes: not those in purpose phrases ("Chips für Drohnen").</summary>
    private List<Mention> ItemsFor(Document doc, Clause clause, List<Mention> mentions, Frame frame, int t)
    {
        var toks = doc.Tokens;
        // Items after a later supply verb of the clause belong to that verb ("delaying delivering parts ... to supply missiles").
        int nextTrigger = clause.End;
        for (int k = t + 1; k < clause.End; k++)
            if (_data.Frames.Verbs(doc.Tokens[k].Text).Count > 0 && !(char.IsUpper(doc.Tokens[k].Text[0]) && _data.NounsCapitalized) && !InMention(doc, k)
                && !(k + 1 < clause.End && IsItemToken(doc, k + 1) && (Grammar.Articles.Contains(doc.Tokens[k - 1].Text) || Grammar.Prepositions.Contains(doc.Tokens[k - 1].Text)))) { nextTrigger = k; break; }
        var inClause = mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken >= clause.First && m.EndToken <= nextTrigger && m.FirstToken != t).ToList();
        // "Su-35 fighters", "Mi-28 helicopters": a model designation decides over the noun after it.
        // "ATACMS missiles": a model name decides over the general noun after it.
        inClause.RemoveAll(m => inClause.Any(d => d.EndToken == m.FirstToken && IsModelName(doc.Tokens[d.FirstToken].Text)));
        // "..., namely air defence systems, artillery and ammunition", "..., darunter Haubitzen": the list spells out the object.
        int? elaboration = ElaborationStart(doc, clause, t);
        if (elaboration is int e)
        {
            var listed = mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken >= e && m.FirstToken < doc.Sentences[doc.Tokens[t].Sentence].EndToken).ToList();
            if (listed.Count > 0) inClause = inClause.Where(m => !IsGenericObject(m)).Concat(listed).ToList();
        }
        if (frame.Kind is FrameKind.Furnish or FrameKind.Support)
        {
            var withMit = inClause.Where(m => PrepositionBefore(doc, m, clause) is "mit" or "with" or "bei" || frame.Kind == FrameKind.Support && AfterBei(doc, m, clause)).ToList();
            if (withMit.Count > 0 || frame.Kind == FrameKind.Support) inClause = withMit;
        }
        var kept = new List<Mention>();
        if (inClause.Count == 0 && frame.Kind == FrameKind.Give)
        {
            // "schickt Unterstützung nach Moskau": a support noun as the object stands for its default item.
            for (int k = t + 1; k < clause.End; k++)
                if (_data.Frames.Noun(toks[k].Text) is { } n && n.Frame.DefaultItem != null && n.Modifier.Length == 0)
                {
                    kept.Add(new Mention(MentionKind.Item, n.Frame.DefaultItem, k, k + 1, toks[k].Span, MentionForm.Term));
                    break;
                }
        }
        // German subordinate clauses end with their verb; English ones do not.
        bool verbFinal = _data.NounsCapitalized && clause.Kind is ClauseKind.Subordinate or ClauseKind.Relative or ClauseKind.Infinitive && !ExtraposedPhrase(doc, clause, t);
        for (int i = 0; i < inClause.Count; i++)
        {
            var m = inClause[i];
            // A verb-final clause ends at its verb: items after it belong to a coordinated clause.
            if (verbFinal && m.FirstToken > t + 2) continue;
            var prep = PrepositionBefore(doc, m, clause);
            if (prep is "von" or "of" && ComplementsNoun(doc, m, clause) && !(frame.Kind == FrameKind.Support && AfterBei(doc, m, clause))) continue;
            if (prep != null && PurposePrepositions.Contains(prep))
            {
                // "Technik für U-Boote": the purpose names the category of generic technology.
                var generic = kept.LastOrDefault();
                if (generic != null && generic.Id == ItemLexicon.Technology && m.FirstToken - generic.EndToken <= 2)
                {
                    kept.Remove(generic);
                    kept.Add(m);
                    foreach (var more in inClause.Skip(i + 1).TakeWhile(x => PrepositionBefore(doc, x, clause) == prep)) kept.Add(more);
                }
                continue;
            }
            if (kept.Any(k => k.Id == m.Id && k.EndToken > m.FirstToken - 3 && m.Id != ItemLexicon.Technology)) { }
            kept.Add(m);
        }
        // "Waffen im Wert von 5 Millionen Euro": money is the item only when no goods are named.
        if (kept.Any(m => m.Id != "economic_trade_support")) kept.RemoveAll(m => m.Id == "economic_trade_support" && m.Term != null && char.IsUpper(m.Term[0]) == false && IsCurrency(doc, m));
        return kept;
    }

    private static readonly HashSet<string> Currencies = new(StringComparer.OrdinalIgnoreCase) { "euro", "dollar", "kronen", "franken", "pfund", "yuan", "rubel", "dollars", "euros", "pounds" };
    private static bool IsCurrency(Document doc, Mention m) => Currencies.Contains(doc.Tokens[m.FirstToken].Text);

    /// <summary>
    /// After a clause-final verb, "sowie mit Chips" continues the same verb's phrase (extraposed);
    /// "und den Export ... kontrolliere" starts a new object of another verb.
    /// </summary>
    private static bool ExtraposedPhrase(Document doc, Clause clause, int t)
    {
        int k = t + 1;
        while (k < clause.End && Grammar.Auxiliaries.Contains(doc.Tokens[k].Text)) k++;
        return k + 1 < clause.End && Grammar.Coordinators.Contains(doc.Tokens[k].Text) && Grammar.Prepositions.Contains(doc.Tokens[k + 1].Text);
    }

    private static readonly HashSet<string> ElaborationMarkers = new(StringComparer.OrdinalIgnoreCase)
        { "namely", "including", "darunter", "nämlich", "insbesondere", "specifically", "especially" };

    /// <summary>Start of an enumeration after the trigger's clause that names the goods: ", namely ...", ", darunter ...".</summary>
    private static int? ElaborationStart(Document doc, Clause clause, int t)
    {
        var s = doc.Sentences[doc.Tokens[t].Sentence];
        for (int k = t + 1; k < s.EndToken - 1; k++)
            if (doc.Tokens[k].Text == "," && ElaborationMarkers.Contains(doc.Tokens[k + 1].Text)) return k + 2;
        return null;
    }

    /// <summary>"weapons", "Ausrüstung": a general object that the enumeration replaces.</summary>
    private static bool IsGenericObject(Mention m) => m.Id is "conventional_weapons" or "military_support" or "dual_use_generic" or ItemLexicon.Technology && m.Term is "weapon" or "waffe" or "technologie" or "technology" or "equipment";

    /// <summary>The preposition governing an item, looking back over articles, adjectives and coordinated items.</summary>
    private static string? PrepositionBefore(Document doc, Mention m, Clause clause)
    {
        var toks = doc.Tokens;
        for (int k = m.FirstToken - 1; k >= clause.First; k--)
        {
            var t = toks[k];
            if (Grammar.Prepositions.Contains(t.Text) && k + 1 < toks.Count && toks[k + 1].Lower is "allem" or "anderem" or "gegenzug" or "beispiel" or "teil") continue;
            // "of French fighter jets": a state adjective belongs to the item's phrase.
            if (doc.Mentions.Any(m => m.Kind == MentionKind.State && m.Form == MentionForm.Adjective && m.FirstToken <= k && m.EndToken > k)) continue;
            if (Grammar.Prepositions.Contains(t.Text) && !(t.Lower is "als" or "wie")) return t.Lower;
            if (t.Text is "," or "und" or "oder" or "sowie" or "as" or "and" or "or" || Grammar.Articles.Contains(t.Text) || t.IsWord && char.IsLower(t.Text[0]) && !Grammar.Auxiliaries.Contains(t.Text)
                || t.Lower is "als" or "auch" || t.Kind == TokenKind.Number || t.IsWord && char.IsUpper(t.Text[0]) && IsItemToken(doc, k)) continue;
            return null;
        }
        return null;
    }

    private static readonly HashSet<string> QuantityNouns = new(StringComparer.OrdinalIgnoreCase)
        { "Menge", "Mengen", "Lieferung", "Lieferungen", "Tausende", "Hunderte", "Dutzende", "Millionen", "Teil", "Teile", "Großteil", "Zahl", "Anzahl", "Art", "Arten", "Paket", "Ladung", "Ladungen", "Bestände", "Export", "Exporte", "amount", "amounts", "number", "thousands", "hundreds", "dozens", "millions", "shipment", "shipments", "batch", "package", "supply", "supplies", "deliveries", "delivery",
          "carriage", "carriages", "wagon", "wagons", "container", "containers", "crates", "boxes", "tons", "tonnes", "loads", "quantities", "quantity", "rounds", "units", "stocks",
          "most", "some", "many", "much", "part", "bulk", "majority", "half", "all", "several", "few",
          "Waggons", "Güterwagen", "Container", "Kisten", "Tonnen", "Stück", "Einheiten", "Lieferungen" };

    /// <summary>"Herstellung von Panzern": the item after "von" belongs to another noun, not to the trigger (quantities excepted).</summary>
    private static bool ComplementsNoun(Document doc, Mention item, Clause clause)
    {
        int k = item.FirstToken - 1;
        while (k >= clause.First && !(doc.Tokens[k].Lower is "von" or "of")) k--;
        if (k - 1 < clause.First) return false;
        var noun = doc.Tokens[k - 1];
        return noun.IsWord && (char.IsUpper(noun.Text[0]) || !Grammar.Articles.Contains(noun.Text) && !Grammar.Auxiliaries.Contains(noun.Text) && noun.Text.Length > 3 && !noun.Text.EndsWith("ed"))
               && !QuantityNouns.Contains(noun.Text) && !IsItemToken(doc, k - 1)
               && !doc.Mentions.Any(m => m.IsActor && m.FirstToken <= k - 1 && m.EndToken > k - 1);
    }

    /// <summary>"bei der Entwicklung von Drohnen", "beim Bau von Raketen".</summary>
    private static bool AfterBei(Document doc, Mention item, Clause clause)
    {
        for (int k = item.FirstToken - 1; k >= Math.Max(clause.First, item.FirstToken - 6); k--)
            if (doc.Tokens[k].Lower is "bei" or "beim" or "with" or "in") return true;
        return false;
    }

    private static bool IsModelName(string w) => w.Any(char.IsDigit) || w.Length >= 3 && w.All(c => char.IsUpper(c) || c == '-');

    private static bool InMention(Document doc, int k) => MentionIndex.For(doc).InMention(k);

    private static bool IsItemToken(Document doc, int k) => MentionIndex.For(doc).InItem(k);

    /// <summary>A state adjective or possessive right before an item: where the item comes from.</summary>
    private Argument? OriginOf(Document doc, Mention item, Sentence s)
    {
        for (int k = item.FirstToken - 1; k >= Math.Max(s.FirstToken, item.FirstToken - 3); k--)
        {
            var m = doc.Mentions.FirstOrDefault(x => x.IsActor && x.FirstToken <= k && x.EndToken > k);
            if (m != null && m.Kind == MentionKind.State && (m.Form is MentionForm.Adjective or MentionForm.Possessive || m.Form == MentionForm.Compound && MadeIn(doc.Tokens[m.FirstToken].Text)))
                return new Argument { Mention = m, Actor = m.Id, First = m.FirstToken, End = m.EndToken, Span = m.Span };
            var t = doc.Tokens[k];
            if (!(t.IsWord && char.IsLower(t.Text[0]))) break;
        }
        return null;
    }

    /// <summary>"Chinese-made", "US-branded", "Russian-designed": compounds that name where goods come from.</summary>
    private static bool MadeIn(string word)
    {
        var w = word.ToLowerInvariant();
        return w.EndsWith("-made") || w.EndsWith("-built") || w.EndsWith("-produced") || w.EndsWith("-origin") || w.EndsWith("-branded") || w.EndsWith("-designed") || w.EndsWith("-manufactured");
    }

    private readonly record struct NegationInfo(bool Clause, HashSet<Mention> Items, bool AnyRecipient);

    /// <summary>"nicht", "nie" negate the clause; "kein-" negates the item it stands before; "keine der X" leaves the recipient open.</summary>
    private NegationInfo Negation(Document doc, Clause clause, int t)
    {
        var toks = doc.Tokens;
        bool clauseNeg = false, anyRecipient = false;
        var items = new HashSet<Mention>();
        for (int k = clause.First; k < clause.End; k++)
        {
            var w = toks[k].Lower;
            if (!_data.Cues.Is(toks[k].Text, CueKind.Negation)) continue;
            if (w.StartsWith("kein") || w == "no")
            {
                if (k + 1 < clause.End && toks[k + 1].Lower is "der" or "des" or "of")
                {
                    anyRecipient = true; clauseNeg = true; continue;
                }
                var item = doc.Mentions.FirstOrDefault(m => m.Kind == MentionKind.Item && m.FirstToken > k && m.FirstToken <= k + 3);
                if (item != null)
                {
                    items.Add(item);
                    // "keine Waffen und Munition": the negation covers the coordinated items.
                    foreach (var more in doc.Mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken > item.FirstToken && m.EndToken <= clause.End))
                    {
                        var between = toks.Skip(item.EndToken).Take(more.FirstToken - item.EndToken);
                        if (between.All(x => x.Text is "," or "und" or "oder" or "noch" or "and" or "or" || x.IsWord && char.IsLower(x.Text[0]) && !(x.Lower is "sondern" or "aber" or "jedoch" or "but"))) items.Add(more);
                        else break;
                    }
                }
                else clauseNeg = true;
                continue;
            }
            // "nicht nur ..., sondern auch" is no negation.
            if (k + 1 < clause.End && toks[k + 1].Lower is "nur" or "only") continue;
            clauseNeg = true;
        }
        return new NegationInfo(clauseNeg, items, anyRecipient);
    }

    private bool Hedged(Document doc, Sentence s)
    {
        // "are said to have supplied", "is believed to have sent": a reportative passive hedges the claim.
        for (int k = s.FirstToken + 1; k + 1 < s.EndToken; k++)
            if (doc.Tokens[k].Lower is "said" or "believed" or "thought" or "reported" or "alleged" && Grammar.PassiveAuxiliaries.Contains(doc.Tokens[k - 1].Text) && doc.Tokens[k + 1].Lower == "to") return true;
        for (int k = s.FirstToken; k < s.EndToken; k++)
            if (_data.Cues.Is(doc.Tokens[k].Text, CueKind.Hedge) && !doc.Quotes.Any(q => q.Content.Contains(doc.Tokens[k].Start))) return true;
        return false;
    }

    private bool HedgedClause(Document doc, Clause c)
    {
        for (int k = c.First; k < c.End; k++) if (_data.Cues.Is(doc.Tokens[k].Text, CueKind.Hedge)) return true;
        return false;
    }

    private bool Reportative(Document doc, Clause c)
    {
        for (int k = c.First; k < c.End; k++) if (_data.Cues.Is(doc.Tokens[k].Text, CueKind.Reportative)) return true;
        return false;
    }

    private IEnumerable<FoundClaim> NounFrame(Document doc, Sentence s, Clause clause, List<Argument> allArgs, List<Mention> mentions, Attribution? attribution, int t, Frame frame, string modifier)
    {
        var toks = doc.Tokens;
        Argument? supplier = null, recipient = null;
        // Before the noun: "Chinas Unterstützung", "die nordkoreanische Hilfe", "X als Unterstützer".
        var before = doc.Mentions.LastOrDefault(m => m.IsActor && m.EndToken <= t && m.EndToken >= t - 2 && m.FirstToken >= s.FirstToken);
        if (before != null && before.Form is MentionForm.Possessive or MentionForm.Adjective && Adjacent(doc, before.EndToken, t))
            supplier = new Argument { Mention = before, Actor = Actor(before), First = before.FirstToken, End = before.EndToken, Span = before.Span };
        // "die Waffenlieferungen Deutschlands an ...": a genitive name right after the noun.
        if (supplier == null && doc.Mentions.FirstOrDefault(m => m.Kind == MentionKind.State && m.FirstToken == t + 1 && m.Form == MentionForm.Possessive) is { } gen)
            supplier = new Argument { Mention = gen, Actor = gen.Id, First = gen.FirstToken, End = gen.EndToken, Span = gen.Span };
        // "die Lieferung türkischer Kampfdrohnen an ...": the item's origin.
        if (supplier == null)
        {
            var firstItem = mentions.FirstOrDefault(m => m.Kind == MentionKind.Item && m.FirstToken > t && m.FirstToken <= t + 4);
            if (firstItem != null && OriginOf(doc, firstItem, s) is { } origin && origin.First > t) supplier = origin;
        }
        // "China verstärkt seine Unterstützung für Moskau": the possessive pronoun stands for the clause's subject.
        if (supplier == null && t - 1 >= clause.First && toks[t - 1].Lower is "seine" or "seiner" or "seinen" or "seinem" or "sein" or "ihre" or "ihrer" or "ihren" or "its" or "their")
            supplier = OrderCore(allArgs.Where(a => a.First >= clause.First && a.First < t && a.Preposition == null).ToList()).FirstOrDefault();
        int reach = _data.NounsCapitalized ? 8 : 14;
        var after = allArgs.Where(a => a.First > t && a.First <= t + reach && a.First < clause.End + 4).OrderBy(a => a.First).ToList();
        foreach (var a in after)
        {
            if (a.Preposition is "für" or "an" or "nach" or "to" or "for" && recipient == null) recipient = a;
            else if (a.Preposition is "von" or "vom" or "aus" or "durch" or "from" or "by" && supplier == null) supplier = a;
            else if (a.Preposition == null && (a.Genitive || a.First == t + 1))
            {
                // "die Unterstützung Chinas" names the giver; "die Unterstützung der russischen Kriegsführung" the receiver.
                bool giver = a.Mention?.Form is MentionForm.Possessive or MentionForm.Name && a.End == a.Mention.EndToken;
                if (supplier == null && giver && frame.Kind != FrameKind.Supporter) supplier = a; else recipient ??= a;
            }
        }
        // "Firmen ..., denen die Unterstützung der russischen Kriegsführung vorgeworfen wird": the relative pronoun's antecedent.
        if (supplier == null && clause.Kind == ClauseKind.Relative && Antecedent(clause, allArgs) is { } ant)
            supplier = ant;
        if (supplier != null && recipient == null && supplier.First > t && (supplier.Genitive || supplier.First == t + 1))
        {
            var subject = OrderCore(allArgs.Where(a => a.First >= clause.First && a.First < t && a.Preposition == null).ToList()).FirstOrDefault();
            if (subject != null) { recipient = supplier; supplier = subject; }
        }
        if (frame.Kind == FrameKind.Supporter && supplier == null)
        {
            // "China ist der wichtigste Lieferant ...", "Nordkorea als weiterer Unterstützer ..."
            supplier = allArgs.Where(a => a.First >= clause.First && a.First < t && a.Preposition == null).LastOrDefault()
                       ?? allArgs.Where(a => a.First >= s.FirstToken && a.First < t && a.Preposition == null).LastOrDefault();
            if (recipient == null)
                recipient = allArgs.FirstOrDefault(a => a.First > t && a.First <= t + 5 && (a.Preposition is "von" or "der" or "to" or "for" or "of" or "für" or "an" || a.Preposition == null));
        }
        // "die US-Regierung genehmigte den Verkauf von Waffen an Taiwan": an agentive verb's subject carries it out.
        if (supplier == null && Enumerable.Range(clause.First, t - clause.First).Any(k => _data.AgentiveVerbs.Contains(toks[k].Text)))
            supplier = OrderCore(allArgs.Where(a => a.First >= clause.First && a.First < t && a.Preposition == null && a.Actor != recipient?.Actor).ToList()).FirstOrDefault();
        // "Nordkorea dementierte Berichte über Munitionslieferungen an Russland": the denier is the supplier.
        var layer = attribution;
        if (supplier == null && layer?.Kind == AttributionKind.Denial && StateOf(doc, layer.Claimant) is { } denier && layer.Cue.Start < toks[t].Start)
            supplier = new Argument { Mention = null!, Actor = denier, First = t, End = t };
        // "die Lieferung von Chips an Russland": a delivery noun with a named item may leave the supplier open.
        if (supplier == null && recipient != null && frame.DefaultItem == null && frame.Kind == FrameKind.Noun)
            supplier = new Argument { Mention = null!, Actor = "?", First = t, End = t };
        if (Trace) Console.Error.WriteLine($"trace: noun '{toks[t].Text}' {frame.Kind} supplier={supplier} recipient={recipient}");
        if (supplier == null || recipient == null || supplier.Actor == recipient.Actor) yield break;
        var itemIds = new List<(string Id, TextSpan? Span)>();
        if (modifier.Length > 2 && _data.Items.MatchWord(modifier) is { } mod) itemIds.Add((mod.Id, toks[t].Span));
        // English compounds are separate words: "Iran's drone deliveries", "the US arms sale", "military aid".
        foreach (var m in mentions.Where(m => m.Kind == MentionKind.Item && m.EndToken <= t && m.EndToken >= t - 1 && (supplier.Mention == null || m.FirstToken >= supplier.End)))
            itemIds.Add((m.Id, m.Span));
        var end = Math.Max(recipient.End, supplier.End);
        foreach (var m in mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken > t && m.FirstToken < end + 1 && m.FirstToken <= t + reach))
        {
            var prep = PrepositionBefore(doc, m, new Clause { First = t + 1, End = m.EndToken });
            if (prep is "von" or "mit" or "an" or "bei" or "of" or "with" || m.FirstToken == t + 1) itemIds.Add((m.Id, m.Span));
        }
        if (itemIds.Count == 0 && frame.DefaultItem != null) itemIds.Add((frame.DefaultItem, null));
        var negation = Negation(doc, clause, t);
        bool hedged = Hedged(doc, s);
        foreach (var (id, span) in itemIds.Distinct())
            yield return new FoundClaim(supplier.Actor, recipient.Actor, id, negation.Clause, t, frame.Lemma)
            {
                Hedged = hedged, Reportative = Reportative(doc, clause), SupplierSpan = supplier.Actor == "?" ? null : supplier.Span, RecipientSpan = recipient.Span, ItemSpan = span,
            };
    }

    private string Actor(Mention m) =>
        m.Kind == MentionKind.Person && m.Affiliation != null ? m.Affiliation
        : m.Kind == MentionKind.Person && _data.Gazetteer.LeaderStates.TryGetValue(m.Id["person:".Length..], out var st) ? st
        : m.Id;

    private static bool Adjacent(Document doc, int from, int to)
    {
        for (int k = from; k < to; k++) if (!(doc.Tokens[k].IsWord && char.IsLower(doc.Tokens[k].Text[0]))) return false;
        return true;
    }
}
