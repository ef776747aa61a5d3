using Lagebild.Knowledge;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// An actor as a possible frame slot: the mention, the actor it stands for (a leader stands for the state,
/// "chinesische Unternehmen" for CN), the preposition that governs it and its case when an article shows it.
/// </summary>
internal sealed class Argument
{
    public required Mention Mention { get; init; }
    public required string Actor { get; init; }
    /// <summary>Token where the noun phrase starts (article included) and one past its end.</summary>
    public required int First { get; init; }
    public required int End { get; init; }
    /// <summary>Governing preposition in lower case ("an", "aus"), or null for a core argument.</summary>
    public string? Preposition { get; set; }
    public bool Dative { get; init; }
    public bool Genitive { get; init; }
    /// <summary>Group number: coordinated arguments ("Iran und Nordkorea") share one.</summary>
    public int Group { get; set; }
    public TextSpan Span { get; init; }
    public override string ToString() => $"{Actor}{(Preposition != null ? "/" + Preposition : "")}{(Dative ? "/dat" : "")}";
}

/// <summary>Builds the arguments of a sentence from its mentions.</summary>
internal sealed class ArgumentBuilder
{
    private readonly LanguageData _data;

    public ArgumentBuilder(LanguageData data) { _data = data; }

    /// <summary>The actor a mention stands for as a supplier or recipient, or null when it cannot fill such a slot.</summary>
    public string? SlotActor(Document doc, Mention m, out int npEnd)
    {
        npEnd = m.EndToken;
        var toks = doc.Tokens;
        switch (m.Kind)
        {
            case MentionKind.State when m.Form is MentionForm.Name or MentionForm.Capital or MentionForm.StandIn:
                if (m.Form == MentionForm.Name && NextActorNoun(doc, m.EndToken) is int n0) npEnd = n0 + 1;
                return m.Id;
            case MentionKind.State when m.Form is MentionForm.Adjective or MentionForm.Possessive:
                // "die russische Armee", "Russlands Militärindustrie", "chinesische Unternehmen"
                if (NextActorNoun(doc, m.EndToken) is int n) { npEnd = n + 1; return m.Id; }
                return null;
            case MentionKind.State when m.Form == MentionForm.Compound:
                // "US-Regierung", "Kreml-Truppen": a compound whose head is an actor noun.
                var head = toks[m.FirstToken].Text;
                head = head[(head.LastIndexOf('-') + 1)..];
                return _data.IsActorNoun(head) ? m.Id : null;
            case MentionKind.Organisation:
                return m.Id.Length > 4 ? (_data.Gazetteer.OrgStates.TryGetValue(m.Id, out var st) ? st : m.Id) : null;
            case MentionKind.Person:
                var name = m.Id["person:".Length..];
                if (_data.Gazetteer.LeaderStates.TryGetValue(name, out var iso) && IsHeadOfState(name))
                {
                    if (m.Form == MentionForm.Possessive && NextActorNoun(doc, m.EndToken) is int n2) npEnd = n2 + 1;
                    return iso;
                }
                return null;
        }
        return null;
    }

    private bool IsHeadOfState(string name) => _data.Gazetteer.Phrases.ContainsWord(name.Split(' ')[^1]);

    /// <summary>Index of an actor noun right after <paramref name="i"/> (one adjective may stand between), or null.</summary>
    public int? NextActorNoun(Document doc, int i)
    {
        var toks = doc.Tokens;
        for (int k = i; k < Math.Min(toks.Count, i + 2); k++)
        {
            var t = toks[k];
            if (!t.IsWord) return null;
            if (!_data.NounsCapitalized) { if (_data.ActorNounEnd(toks, k) is int end and > 0) return end - 1; continue; }
            if (char.IsUpper(t.Text[0])) return _data.IsActorNoun(t.Text) ? k : null;
        }
        return null;
    }

    public List<Argument> Build(Document doc, Sentence s, IEnumerable<Mention> mentions, Func<int, bool> excluded)
    {
        var toks = doc.Tokens;
        var args = new List<Argument>();
        foreach (var m in mentions)
        {
            if (!m.IsActor || m.FirstToken < s.FirstToken || m.EndToken > s.EndToken || excluded(m.FirstToken)) continue;
            var actor = SlotActor(doc, m, out int npEnd);
            if (actor == null) continue;
            int first = m.FirstToken;
            while (first - 1 >= s.FirstToken && IsModifier(toks[first - 1])) first--;
            string? prep = null;
            bool dative = false, genitive = false;
            if (first - 1 >= s.FirstToken && Grammar.Prepositions.Contains(toks[first - 1].Text) && !(toks[first - 1].Lower is "wie" or "als" && first - 2 >= s.FirstToken && toks[first - 2].Text == ","))
            {
                prep = toks[first - 1].Lower;
                first--;
            }
            for (int k = first; k < m.FirstToken; k++)
            {
                if (toks[k].Lower is "dem") dative = true;
                if (toks[k].Lower is "des") genitive = true;
            }
            // "Indian companies such as Asha Electronics", "some of these companies": the named or counted ones are the actors.
            if (prep is "as" && first - 1 >= s.FirstToken && toks[first - 1].Lower == "such"
                || prep is "of" or "von" && first - 1 >= s.FirstToken && Quantifiers.Contains(toks[first - 1].Text))
            {
                prep = null;
                if (toks[first - 1].Lower == "such") args.RemoveAll(a => a.End >= first - 2 && a.End <= first - 1 && a.Preposition == null);
            }
            // "die Kriegsmaschinerie von Wladimir Putin", "das Militär des Kremls": the owner fills the slot of the noun.
            if (prep is "von" or "of" && first - 1 >= s.FirstToken && _data.IsActorNoun(toks[first - 1].Text))
            {
                prep = null;
                int np = first - 1;
                while (np - 1 >= s.FirstToken && IsModifier(toks[np - 1])) np--;
                if (np - 1 >= s.FirstToken && Grammar.Prepositions.Contains(toks[np - 1].Text)) prep = toks[np - 1].Lower;
                first = np;
            }
            args.Add(new Argument
            {
                Mention = m, Actor = actor, First = first, End = npEnd, Preposition = prep, Dative = dative, Genitive = genitive,
                Span = new TextSpan(m.Span.Start, toks[npEnd - 1].End),
            });
        }
        Group(doc, args);
        return args;
    }

    private static readonly HashSet<string> Quantifiers = new(StringComparer.OrdinalIgnoreCase)
        { "some", "many", "several", "most", "all", "one", "two", "three", "four", "five", "none", "each", "einige", "viele", "mehrere", "zwei", "drei", "eines", "einer", "keines", "keiner" };

    /// <summary>Articles and adjectives before a noun. English adjectives cannot be told from verbs by their endings, so
    /// only determiners and quantifiers count there.</summary>
    private bool IsModifier(Token t)
    {
        if (Grammar.Prepositions.Contains(t.Text)) return false;
        if (Grammar.Articles.Contains(t.Text) || Quantifiers.Contains(t.Text)) return true;
        if (!_data.NounsCapitalized) return false;
        return t.IsWord && char.IsLower(t.Text[0]) && (t.Text.EndsWith('e') || t.Text.EndsWith("en") || t.Text.EndsWith("er") || t.Text.EndsWith("es") || t.Text.EndsWith("em"))
               && !Grammar.Auxiliaries.Contains(t.Text) && !Grammar.Subordinators.Contains(t.Text) && !Grammar.Coordinators.Contains(t.Text);
    }

    /// <summary>Coordinated arguments form one group and share a preposition: "aus Nordkorea oder dem Iran".</summary>
    private static void Group(Document doc, List<Argument> args)
    {
        int group = 0;
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0 && Coordinated(doc, args[i - 1], args[i]))
            {
                args[i].Group = args[i - 1].Group;
                if (args[i].Preposition == null) args[i].Preposition = args[i - 1].Preposition;
            }
            else args[i].Group = ++group;
        }
    }

    private static bool Coordinated(Document doc, Argument a, Argument b)
    {
        if (b.First < a.End) return false;
        bool sawLink = false;
        for (int k = a.End; k < b.First; k++)
        {
            var t = doc.Tokens[k];
            if (t.Lower is "und" or "oder" or "sowie" or "noch" or "and" or "or" or "nor" or "," or "wie") { sawLink = true; continue; }
            if (Grammar.Articles.Contains(t.Text) || t.Lower is "auch" or "als" or "sowohl" or "entweder" or "weder" or "either" or "neither") continue;
            return false;
        }
        return sawLink;
    }
}
