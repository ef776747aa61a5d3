using Lagebild.Claims;
using Lagebild.Knowledge;
using Lagebild.Text;
namespace Lagebild.Nlp;

/// <summary>Item mentions: taxonomy terms, truncated compounds, bracketed names and "these weapons".</summary>
public sealed partial class MentionFinder
{
    private void FindItems(Document doc, Sentence s, bool[] taken)
    {
        var toks = doc.Tokens;
        var words = new List<string>();
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            // "US-integrated circuits": the state prefix is no part of the item term.
            var w = toks[i].Text;
            int dash = w.IndexOf('-');
            words.Add(dash > 0 && dash < w.Length - 1 && _data.Gazetteer.CompoundState(w) != null ? w[(dash + 1)..] : w);
        }
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            if (taken[i] || !toks[i].IsWord) continue;
            if (_data.Items.MatchPhrase(words, i - s.FirstToken) is { } phrase)
            {
                AddItem(doc, phrase.Id, i, i + phrase.Length, doc.Slice(new TextSpan(toks[i].Start, toks[i + phrase.Length - 1].End)));
                i += phrase.Length - 1;
                continue;
            }
            var word = toks[i].Text;
            if (word.EndsWith('-') && word.Length > 2)
            {
                // Truncated coordination: "U-Boot-, Raketen- und andere Technologien" -> read with the final head.
                var head = FinalHead(toks, i + 1, s.EndToken);
                if (head != null && _data.Items.MatchWord(word + head) is { } tm)
                {
                    AddItem(doc, tm.Id, i, i + 1, tm.Term);
                    continue;
                }
            }
            if (_data.Items.MatchWord(word) is { } match) AddItem(doc, match.Id, i, i + 1, match.Term);
        }
    }

    private static readonly HashSet<string> GenericItemIds = new() { "conventional_weapons", "missile_technology", "technology_transfer", "military_support", "dual_use_generic" };

    /// <summary>
    /// "Army Tactical Missile Systems (ATACMS)": the bracketed name is the same item, keep the specific reading once;
    /// "these weapons" after "Taurus cruise missiles": a demonstrative general item takes up the last specific one.
    /// </summary>
    private void ResolveItemAnaphora(Document doc, Sentence s)
    {
        var toks = doc.Tokens;
        var items = doc.Mentions.Where(m => m.Kind == MentionKind.Item && m.FirstToken >= s.FirstToken && m.EndToken <= s.EndToken).ToList();
        foreach (var m in items)
        {
            if (m.EndToken + 2 < s.EndToken && toks[m.EndToken].Text == "(")
            {
                var inner = items.FirstOrDefault(x => x.FirstToken == m.EndToken + 1 && x.EndToken < s.EndToken && toks[x.EndToken].Text == ")");
                if (inner != null)
                {
                    // Keep the more specific reading: a general description yields to a specific acronym and vice versa.
                    doc.Mentions.Remove(GenericItemIds.Contains(m.Id) || !GenericItemIds.Contains(inner.Id) ? m : inner);
                }
            }
            if (m.FirstToken > s.FirstToken && toks[m.FirstToken - 1].Lower is "these" or "those" or "diese" or "dieser" or "diesen" or "jene" or "such" && GenericItemIds.Contains(m.Id))
            {
                // The antecedent is of the same class: "these weapons" takes up missiles, not soldiers.
                var cls = _data.Items.Items.TryGetValue(m.Id, out var info) ? info.Class : null;
                var antecedent = doc.Mentions.LastOrDefault(x => x.Kind == MentionKind.Item && x.EndToken <= m.FirstToken && !GenericItemIds.Contains(x.Id)
                                                              && (cls == null || _data.Items.Items.TryGetValue(x.Id, out var xi) && xi.Class == cls));
                if (antecedent != null) m.Id = antecedent.Id;
            }
        }
    }

    private static string? FinalHead(IReadOnlyList<Token> toks, int from, int end)
    {
        for (int k = from; k < end && k < from + 8; k++)
        {
            var t = toks[k];
            if (t.IsWord && char.IsUpper(t.Text[0]) && !t.Text.EndsWith('-')) return t.Text.ToLowerInvariant();
            if (!(t.IsWord || t.Text == ",")) return null;
        }
        return null;
    }

    private static void AddItem(Document doc, string id, int first, int end, string term)
    {
        // "Su-35 fighters", "Yak-130 trainers": after an aircraft designation these are planes, not personnel.
        if (id == "personnel_training" && first > 0 && IsDesignation(doc.Tokens[first - 1].Text)) id = "military_aircraft";
        var m = new Mention(MentionKind.Item, id, first, end, new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End), MentionForm.Term) { Term = term };
        doc.Mentions.Add(m);
    }
}
