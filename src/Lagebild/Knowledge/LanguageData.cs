namespace Lagebild.Knowledge;

/// <summary>All tables of one language, loaded once and shared by the pipeline steps.</summary>
public sealed class LanguageData
{
    public required string Lang { get; init; }
    public required Gazetteer Gazetteer { get; init; }
    public required ItemLexicon Items { get; init; }
    public required FrameLexicon Frames { get; init; }
    public required CueLexicon Cues { get; init; }
    /// <summary>Nouns that make a state adjective or possessive an actor ("russische Armee").</summary>
    public required HashSet<string> ActorNouns { get; init; }
    public required HashSet<string> ActorNounHeads { get; init; }
    /// <summary>Nouns after which an organisation's name follows ("die Firma X", "der Denkfabrik X").</summary>
    public required HashSet<string> OrgIntroHeads { get; init; }
    /// <summary>Verb forms whose subject carries out the supply their object noun names ("genehmigte den Verkauf").</summary>
    public required HashSet<string> AgentiveVerbs { get; init; }

    private readonly Dictionary<string, bool> _orgIntroCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _actorNounCache = new(StringComparer.Ordinal);

    public bool IsOrgIntro(string word)
    {
        if (_orgIntroCache.TryGetValue(word, out var known)) return known;
        var result = ComputeOrgIntro(word);
        if (_orgIntroCache.Count < 200_000) _orgIntroCache[word] = result;
        return result;
    }

    private bool ComputeOrgIntro(string word)
    {
        var w = word.ToLowerInvariant();
        foreach (var h in OrgIntroHeads) if (w == h || w.EndsWith(h) && w.Length > h.Length + 2) return true;
        return false;
    }

    public static LanguageData Load(TableSource source, string lang)
    {
        var nouns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var heads = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in source.Load($"{lang}/actor_nouns.tsv").All())
        {
            nouns.Add(row["noun"]);
            if (row["match"] == "head") heads.Add(row["noun"].ToLowerInvariant());
        }
        var intros = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var introTable = source.TryLoad($"{lang}/org_intro_nouns.tsv");
        if (introTable != null) foreach (var row in introTable.All()) intros.Add(row["noun"].ToLowerInvariant());
        return new LanguageData
        {
            OrgIntroHeads = intros,
            AgentiveVerbs = (source.TryLoad($"{lang}/agentive_verbs.tsv")?.All().Select(r => r["verb"]) ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Lang = lang,
            Gazetteer = Gazetteer.Load(source, lang),
            Items = ItemLexicon.Load(source, lang),
            Frames = FrameLexicon.Load(source, lang),
            Cues = CueLexicon.Load(source, lang),
            ActorNouns = nouns,
            ActorNounHeads = heads,
        };
    }

    /// <summary>German capitalises every noun; English nouns are lower case like adjectives.</summary>
    public bool NounsCapitalized => Lang == "de";

    /// <summary>Could this token be a noun? German: capitalised; English: any word that is no function word.</summary>
    public bool IsNounLike(Lagebild.Text.Token t) =>
        t.IsWord && (NounsCapitalized ? char.IsUpper(t.Text[0]) : !Lagebild.Claims.Grammar.Articles.Contains(t.Text) && !Lagebild.Claims.Grammar.Prepositions.Contains(t.Text));

    /// <summary>Index one past an actor noun phrase starting at <paramref name="i"/> ("Militär", "war machine"), or -1.</summary>
    public int ActorNounEnd(IReadOnlyList<Lagebild.Text.Token> toks, int i)
    {
        if (i >= toks.Count || !toks[i].IsWord) return -1;
        if (!NounsCapitalized && i + 1 < toks.Count && ActorNouns.Contains(toks[i].Text + " " + toks[i + 1].Text)) return i + 2;
        return IsActorNoun(toks[i].Text) ? i + 1 : -1;
    }

    /// <summary>True when the word is an actor noun or a compound ending in one ("Rüstungsindustrie").</summary>
    public bool IsActorNoun(string word)
    {
        if (_actorNounCache.TryGetValue(word, out var known)) return known;
        var result = ComputeActorNoun(word);
        if (_actorNounCache.Count < 200_000) _actorNounCache[word] = result;
        return result;
    }

    private bool ComputeActorNoun(string word)
    {
        if (ActorNouns.Contains(word)) return true;
        var w = word.ToLowerInvariant();
        foreach (var h in ActorNounHeads)
            if (w.EndsWith(h) || w.EndsWith(h + "n") || w.EndsWith(h + "s") || w.EndsWith(h + "en")) return true;
        return false;
    }
}
