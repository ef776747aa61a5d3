using Lagebild.Text;

namespace Lagebild.Knowledge;

/// <summary>What a gazetteer phrase names: a state (by ISO code), an organisation, or a known person.</summary>
public sealed record ActorEntry(MentionKind Kind, string Id, MentionForm Form, string? State = null, string? OrgType = null);

/// <summary>
/// States, organisations and known people of one language, built from the tables in Lang/shared and Lang/{lang}.
/// </summary>
public sealed class Gazetteer
{
    private static readonly string[] GermanAdjectiveEndings = { "", "e", "en", "er", "es", "em" };

    public PhraseIndex<ActorEntry> Phrases { get; } = new();
    /// <summary>First part of hyphenated compounds that names a state ("US" in "US-Diplomat").</summary>
    public Dictionary<string, string> CompoundPrefixes { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> FirstNames { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Last words of company names ("Electronics", "Aviation"): a capitalised run ending in one is a company.</summary>
    public HashSet<string> CompanyWords { get; } = new(StringComparer.Ordinal);
    public HashSet<string> EastAsianFamilyNames { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Role nouns ("Diplomat", "Außenministerin") with their kind (official, leader, spokesperson...).</summary>
    public Dictionary<string, string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Productive role heads in compounds ("sprecher" in "Kreml-Sprecher").</summary>
    public List<string> RoleSuffixes { get; } = new();
    /// <summary>Leaders' names (full) to their state, for "Putins Kriegsmaschinerie" and as supplier or recipient.</summary>
    public Dictionary<string, string> LeaderStates { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Organisations' canonical names to the state they belong to, when they speak for it.</summary>
    public Dictionary<string, string> OrgStates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static Gazetteer Load(TableSource source, string lang)
    {
        var g = new Gazetteer();
        foreach (var row in source.Load("shared/states.tsv").All())
        {
            var iso = row["iso"];
            foreach (var col in new[] { "name_en", "name_de" })
                if (row[col].Length > 0 && (col == "name_" + lang)) g.AddState(iso, row[col], MentionForm.Name, lang);
        }
        foreach (var row in source.Load($"{lang}/states.tsv").All())
        {
            var form = row["form"] switch
            {
                "adjective" => MentionForm.Adjective,
                "capital" => MentionForm.Capital,
                "standin" => MentionForm.StandIn,
                "demonym" => MentionForm.Adjective,
                "compound" => MentionForm.Compound,
                _ => MentionForm.Name,
            };
            if (form == MentionForm.Compound) { g.CompoundPrefixes[row["surface"]] = row["id"]; continue; }
            g.AddState(row["id"], row["surface"], form, lang);
        }
        foreach (var row in source.Load("shared/organisations.tsv").All())
        {
            var id = "org:" + row["id"];
            var state = row["state"];
            g.Phrases.Add(row["surface"], new ActorEntry(MentionKind.Organisation, id, MentionForm.Name, state.Length > 0 ? state : null, row["type"]));
            if (state.Length > 0) g.OrgStates[id] = state;
        }
        foreach (var row in source.Load("shared/leaders.tsv").All())
        {
            var l = row["lang"];
            if (l.Length > 0 && l != lang) continue;
            var name = row["name"];
            g.Phrases.Add(name, new ActorEntry(MentionKind.Person, "person:" + name, MentionForm.Name, row["iso"]));
            g.LeaderStates[name] = row["iso"];
            // Heads of state also stand for their state by surname: "Putins Kriegsmaschinerie".
            var surname = name.Split(' ')[^1];
            if (row["role"] is "president" or "leader" or "head of state" or "supreme leader" && surname.Length > 3)
            {
                g.Phrases.Add(surname, new ActorEntry(MentionKind.Person, "person:" + name, MentionForm.Surname, row["iso"]));
                if (lang == "de" && !surname.EndsWith('s'))
                    g.Phrases.Add(surname + "s", new ActorEntry(MentionKind.Person, "person:" + name, MentionForm.Possessive, row["iso"]));
            }
        }
        foreach (var row in source.Load($"{lang}/first_names.tsv").All()) g.FirstNames.Add(row["name"]);
        var companyWords = source.TryLoad("shared/company_words.tsv");
        if (companyWords != null) foreach (var row in companyWords.All()) g.CompanyWords.Add(row["word"]);
        foreach (var row in source.Load("shared/family_names_east_asian.tsv").All()) g.EastAsianFamilyNames.Add(row["name"]);
        foreach (var row in source.Load($"{lang}/roles.tsv").All())
        {
            if (row["kind"] == "suffix") g.RoleSuffixes.Add(row["surface"].ToLowerInvariant());
            else g.Roles[row["surface"]] = row["kind"];
        }
        return g;
    }

    private void AddState(string iso, string surface, MentionForm form, string lang)
    {
        if (surface.Length == 0) return;
        Phrases.Add(surface, new ActorEntry(MentionKind.State, iso, form));
        if (lang != "de") return;
        if (form == MentionForm.Adjective && surface.EndsWith("isch", StringComparison.Ordinal) || form == MentionForm.Adjective && surface.Split(' ').Length == 1 && char.IsLower(surface[0]))
        {
            foreach (var end in GermanAdjectiveEndings)
                Phrases.Add(surface + end, new ActorEntry(MentionKind.State, iso, MentionForm.Adjective));
        }
        else if (form is MentionForm.Name or MentionForm.Capital && !surface.Contains(' ') && !"sxzß".Contains(surface[^1]))
        {
            // German genitive: "Chinas Unterstützung", "Moskaus Militärindustrie".
            Phrases.Add(surface + "s", new ActorEntry(MentionKind.State, iso, MentionForm.Possessive));
        }
    }

    /// <summary>The state named by a compound's first part ("US-Diplomat" -> US), if any.</summary>
    public string? CompoundState(string token)
    {
        int dash = token.IndexOf('-');
        while (dash > 0)
        {
            if (CompoundPrefixes.TryGetValue(token[..dash], out var iso)) return iso;
            dash = token.IndexOf('-', dash + 1);
        }
        return null;
    }

    private readonly Dictionary<string, string?> _roleCache = new(StringComparer.Ordinal);

    /// <summary>Role kind of a noun, including productive compounds ("Kreml-Sprecher", "Regierungssprecherin").</summary>
    public string? RoleOf(string word)
    {
        // Asked for most tokens several times: remember the answer (one gazetteer per pipeline, so no sharing across threads).
        if (_roleCache.TryGetValue(word, out var cached)) return cached;
        var kind = ComputeRole(word);
        if (_roleCache.Count < 200_000) _roleCache[word] = kind;
        return kind;
    }

    private string? ComputeRole(string word)
    {
        if (Roles.TryGetValue(word, out var kind)) return kind;
        var lower = word.ToLowerInvariant();
        int dash = lower.LastIndexOf('-');
        if (dash > 0 && Roles.TryGetValue(word[(dash + 1)..], out kind)) return kind;
        foreach (var suffix in RoleSuffixes)
            if (lower.Length > suffix.Length + 2 && (lower.EndsWith(suffix) || lower.EndsWith(suffix + "in") || lower.EndsWith(suffix + "s") || lower.EndsWith(suffix + "n")))
                return "official";
        return null;
    }
}
