using Lagebild.Knowledge;
using Lagebild.Text;
namespace Lagebild.Claims;

/// <summary>Who fills a slot when the clause does not say it plainly: controllers, pronouns, antecedents, places.</summary>
internal sealed partial class SlotFiller
{
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
}
