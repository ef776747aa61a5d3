using Lagebild.Knowledge;
using Lagebild.Text;
namespace Lagebild.Claims;

/// <summary>Which item mentions belong to a trigger: objects, with-phrases, lists, origins; not purposes or containers.</summary>
internal sealed partial class SlotFiller
{
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
}
