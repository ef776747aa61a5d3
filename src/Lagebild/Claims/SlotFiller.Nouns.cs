using Lagebild.Knowledge;
using Lagebild.Text;
namespace Lagebild.Claims;

/// <summary>Negation, hedges and the noun frames ("Lieferungen von X an Y", "China's support for Russia").</summary>
internal sealed partial class SlotFiller
{
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
