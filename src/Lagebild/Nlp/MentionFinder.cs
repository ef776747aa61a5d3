using Lagebild.Claims;
using Lagebild.Knowledge;
using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>
/// Finds actor mentions (states, organisations, persons) and item mentions in every analysed sentence,
/// from the gazetteer, name patterns and the item taxonomy.
/// </summary>
public sealed partial class MentionFinder : IPipe
{
    private readonly LanguageData _data;
    private static readonly HashSet<string> CompanySuffixes = new(StringComparer.OrdinalIgnoreCase)
        { "GmbH", "AG", "Ltd", "Ltd.", "Inc", "Inc.", "Co.", "Corp.", "LLC", "Holding", "Company", "Group", "Limited", "SA", "S.A." };
    private static readonly HashSet<string> OrgIntroNouns = new(StringComparer.OrdinalIgnoreCase)
        { "Zeitung", "Magazin", "Blatt", "Sender", "Organisation", "Antikriegsorganisation", "Agentur", "Nachrichtenagentur", "Portal", "Website", "Firma", "Unternehmen", "Konzern", "Gruppe", "Denkfabrik", "Institut", "newspaper", "magazine", "agency", "company", "firm", "group", "outlet", "broadcaster", "think tank" };

    public MentionFinder(LanguageData data) { _data = data; }

    public string Name => "mentions";

    public void Process(Document doc)
    {
        doc.Mentions.Clear();
        var actorPhrases = new List<Mention>();
        var orgAliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var people = new PersonRegistry(_data.Gazetteer.EastAsianFamilyNames);
        // Tokens already inside a mention; sentences do not overlap, so one array serves the whole document.
        var taken = new bool[doc.Tokens.Count];
        foreach (var sentence in doc.Sentences)
        {
            if (doc.ParagraphAt(sentence.Span.Start)?.Kind == ParagraphKind.Furniture) continue;
            int firstOfSentence = doc.Mentions.Count;
            FindActors(doc, sentence, taken, people, orgAliases);
            FindItems(doc, sentence, taken);
            ResolveItemAnaphora(doc, sentence);
            MergeActorPhrases(doc, sentence, firstOfSentence, actorPhrases);
        }
        doc.Mentions.Sort((a, b) => a.FirstToken != b.FirstToken ? a.FirstToken.CompareTo(b.FirstToken) : b.EndToken.CompareTo(a.EndToken));
    }

    private void FindActors(Document doc, Sentence s, bool[] taken, PersonRegistry people, Dictionary<string, string> orgAliases)
    {
        var g = _data.Gazetteer;
        var toks = doc.Tokens;
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            if (taken[i] || !toks[i].IsWord && toks[i].Kind != TokenKind.Number) continue;
            // "Asha Electronics", "Si2 Microsystems": a capitalised run that ends in a company word.
            if (CompanyByWordLength(toks, i, s.EndToken) is int cw and > 0)
            {
                var name = doc.Text[toks[i].Start..toks[i + cw - 1].End];
                Add(doc, MentionKind.Organisation, "org:" + name, i, i + cw, MentionForm.Name, taken);
                i += cw - 1;
                continue;
            }
            // Person names first: "Xi Jinping", "Karl Weber", "Mao Ning", also when a gazetteer word follows.
            int personLen = PersonLength(toks, i, s.EndToken, people);
            var (len, values) = g.Phrases.Match(toks, i, s.EndToken);
            if (personLen > len && personLen >= 2)
            {
                AddPerson(doc, people, i, i + personLen, taken);
                i += personLen - 1;
                continue;
            }
            if (len > 0)
            {
                var entry = values.FirstOrDefault(v => v.Kind == MentionKind.Person) ?? values.FirstOrDefault(v => v.Kind == MentionKind.State) ?? values[0];
                // "the U.S. supplied ..." vs "a U.S. official": a form that is both name and adjective is a name unless a noun follows.
                if (entry.Kind == MentionKind.State && values.Any(v => v.Form == MentionForm.Name) && values.Any(v => v.Form == MentionForm.Adjective))
                    entry = values.First(v => v.Form == (ModifiesNext(doc, i + len, s.EndToken) ? MentionForm.Adjective : MentionForm.Name));
                if (entry.Kind == MentionKind.Person)
                {
                    AddPerson(doc, people, i, i + len, taken, entry.Id["person:".Length..], entry.State, entry.Form);
                }
                else
                {
                    // "China's support", "the Kremlin's war": the English possessive makes the name a genitive.
                    bool possessive = i + len < s.EndToken && toks[i + len].Text is "'s" or "’s" or "'" or "’" && entry.Form is MentionForm.Name or MentionForm.Capital or MentionForm.StandIn;
                    var m = Add(doc, entry.Kind, entry.Id, i, i + len + (possessive ? 1 : 0), possessive ? MentionForm.Possessive : entry.Form, taken);
                    if (entry.Kind == MentionKind.Organisation && entry.State != null) m.Affiliation = entry.State;
                    if (possessive) i++;
                }
                i += len - 1;
                continue;
            }
            var word = toks[i].Text;
            // "die Firma Brandauer GmbH", "der Denkfabrik Eastwatch": a name after an organisation noun.
            if ((_data.IsOrgIntro(word) || word == "tank" && i > 0 && toks[i - 1].Lower == "think") && i + 1 < s.EndToken && NameLength(toks, i + 1, s.EndToken) is int olen and > 0)
            {
                var name = doc.Text[toks[i + 1].Start..toks[i + olen].End];
                Add(doc, MentionKind.Organisation, "org:" + name, i + 1, i + 1 + olen, MentionForm.Name, taken);
                orgAliases.TryAdd(toks[i + olen].Text, "org:" + name);
                i += olen;
                continue;
            }
            // "Nordwerk" after "Nordwerk Optik": a later short form of an organisation named before.
            if (char.IsUpper(word[0]) && orgAliases.TryGetValue(word, out var orgId))
            {
                Add(doc, MentionKind.Organisation, orgId, i, i + 1, MentionForm.Surname, taken);
                continue;
            }
            // "der Präsidentenberater Elchin Mammadov": two capitalised unknown words after a role noun are a name.
            if (g.RoleOf(word) != null && i + 2 < s.EndToken + 1 && NameLength(toks, i + 1, s.EndToken) is int plen and >= 2 and <= 3
                && !toks.Skip(i + 1).Take(plen).Any(x => CompanySuffixes.Contains(x.Text)))
            {
                if (word.Contains('-') && g.CompoundState(word) is { } roleState) Add(doc, MentionKind.State, roleState, i, i + 1, MentionForm.Compound, taken);
                AddPerson(doc, people, i + 1, i + 1 + plen, taken);
                i += plen;
                continue;
            }
            // Later mentions of a known person: surname, possessive surname.
            var known = people.BySurname(word);
            if (known != null)
            {
                var m = Add(doc, MentionKind.Person, known.Id, i, i + 1, word.EndsWith('s') && !known.Surname.EndsWith('s') ? MentionForm.Possessive : MentionForm.Surname, taken);
                m.Affiliation = known.State;
                continue;
            }
            // "der US-Diplomat", "die Sprecherin": a role noun without a name refers back to a person named before.
            if (g.RoleOf(word) != null && (char.IsUpper(word[0]) || !_data.NounsCapitalized) && PersonLength(toks, i + 1, s.EndToken, people) == 0
                && people.ByRole(word, word.Contains('-') ? g.CompoundState(word) : null) is { } referent
                && (word.Contains('-') || i > s.FirstToken && Grammar.Articles.Contains(toks[i - 1].Text)))
            {
                var m = Add(doc, MentionKind.Person, referent.Id, i, i + 1, MentionForm.Role, taken);
                m.Affiliation = referent.State;
                continue;
            }
            // "US-Diplomat", "Kreml-Sprecher", "Ukraine-Krieg": the state in a compound's first part.
            if (word.Contains('-') && g.CompoundState(word) is { } iso)
            {
                Add(doc, MentionKind.State, iso, i, i + 1, MentionForm.Compound, taken);
                continue;
            }
            if (IsQuotedName(toks, i, s, out int nameEnd))
            {
                var name = doc.Text[toks[i].Start..toks[nameEnd - 1].End];
                Add(doc, MentionKind.Organisation, "org:" + name, i, nameEnd, MentionForm.Name, taken);
                i = nameEnd - 1;
                continue;
            }
            if (CompanyLength(toks, i, s.EndToken) is int clen and > 0)
            {
                var name = doc.Text[toks[i].Start..toks[i + clen - 1].End];
                Add(doc, MentionKind.Organisation, "org:" + name, i, i + clen, MentionForm.Name, taken);
                i += clen - 1;
                continue;
            }
            // Last resort: an organisation the NER model recognised and no table lists ("Spacety China").
            if (RecognizedOrganisationLength(toks, i, s.EndToken, taken) is int rlen and > 0)
            {
                var name = doc.Text[toks[i].Start..toks[i + rlen - 1].End];
                Add(doc, MentionKind.Organisation, "org:" + name, i, i + rlen, MentionForm.Name, taken);
                orgAliases.TryAdd(toks[i + rlen - 1].Text, "org:" + name);
                i += rlen - 1;
            }
        }
    }

    /// <summary>A B-ORG/I-ORG run from the NER model that starts with a capitalised word, overlaps no other
    /// mention, and is no item, role or frame word on its own.</summary>
    private int RecognizedOrganisationLength(IReadOnlyList<Token> toks, int i, int end, bool[] taken)
    {
        if (toks[i].Entity != "B-ORG" || !toks[i].IsWord || !char.IsUpper(toks[i].Text[0])) return 0;
        int n = 1;
        while (i + n < end && toks[i + n].Entity == "I-ORG" && !taken[i + n]) n++;
        // Single words are too often outlets, platforms or parties the gold does not count as actors; a run cut off
        // before another capitalised word or a full stop is probably a truncated name.
        if (n is < 2 or > 6 || i + n < end && (toks[i + n].Entity == "I-ORG" || toks[i + n].Text == "."
                                              || toks[i + n].IsWord && char.IsUpper(toks[i + n].Text[0])))
            return 0;
        for (int k = i; k < i + n; k++)
        {
            var w = toks[k].Text;
            if (!toks[k].IsWord || !char.IsUpper(w[0]) || w.EndsWith("'s") || w.EndsWith("’s")) return 0;
            if (_data.Items.MatchWord(w) != null || _data.Gazetteer.RoleOf(w) != null || _data.Frames.Noun(w) != null) return 0;
        }
        return n;
    }

    /// <summary>
    /// "die iranische Regierung", "chinesische Unternehmen", "Russlands Militärindustrie": a state adjective or
    /// genitive with an actor noun names the state as an actor. "Diese Firmen" refers back to the last such phrase.
    /// </summary>
    private void MergeActorPhrases(Document doc, Sentence s, int firstOfSentence, List<Mention> actorPhrases)
    {
        var toks = doc.Tokens;
        // Only this sentence's mentions: they were appended after firstOfSentence (the list is sorted at the end).
        for (int idx = firstOfSentence; idx < doc.Mentions.Count; idx++)
        {
            var m = doc.Mentions[idx];
            if (m.Kind != MentionKind.State || m.Form is not (MentionForm.Adjective or MentionForm.Possessive) || m.FirstToken < s.FirstToken || m.EndToken > s.EndToken) continue;
            int? noun = null;
            for (int k = m.EndToken; k < Math.Min(s.EndToken, m.EndToken + 2); k++)
            {
                if (!toks[k].IsWord) break;
                if (!_data.NounsCapitalized && _data.ActorNounEnd(toks, k) is int nounEnd and > 0
                    || !_data.NounsCapitalized && k + 1 < s.EndToken && IsItem(doc, k) && _data.Cues.Is(toks[k + 1].Text, CueKind.Speech) && (nounEnd = k + 1) > 0)
                {
                    // "to Russian troops": troops after a recipient preposition are the receiving side, not the item.
                    if (IsItem(doc, k) && !(IsPersonnel(doc, k) && m.FirstToken > 0 && toks[m.FirstToken - 1].Lower is "to" or "for")) break;
                    doc.Mentions.RemoveAll(x => x.Kind == MentionKind.Item && x.FirstToken >= m.EndToken && x.FirstToken < nounEnd);
                    noun = nounEnd - 1;
                    break;
                }
                if (_data.NounsCapitalized && char.IsUpper(toks[k].Text[0]))
                {
                    if (_data.IsActorNoun(toks[k].Text) && !IsItem(doc, k)) noun = k;
                    // "den russischen Truppen": troops in the dative or genitive are the receiving side, not the item.
                    else if (IsPersonnel(doc, k) && m.FirstToken > 0 && toks[m.FirstToken - 1].Lower is "den" or "dem" or "der" or "to" or "for")
                    {
                        doc.Mentions.RemoveAll(x => x.Kind == MentionKind.Item && x.FirstToken == k);
                        noun = k;
                    }
                    break;
                }
            }
            if (noun == null) continue;
            doc.Mentions[idx] = new Mention(MentionKind.State, m.Id, m.FirstToken, noun.Value + 1, new TextSpan(m.Span.Start, toks[noun.Value].End), MentionForm.StandIn);
            actorPhrases.Add(doc.Mentions[idx]);
        }
        for (int k = s.FirstToken; k + 1 < s.EndToken; k++)
        {
            if (!(toks[k].Lower is "diese" or "dieser" or "diesen" or "these" or "those") || actorPhrases.Count == 0) continue;
            if (!_data.IsActorNoun(toks[k + 1].Text) || doc.Mentions.Any(x => x.FirstToken <= k + 1 && x.EndToken > k + 1)) continue;
            // "these companies" refers to the last phrase with the same kind of noun ("Indian companies"), not to "Russia's
            // military"; German "diese Firmen" also takes up "chinesische Unternehmen".
            var referent = _data.NounsCapitalized ? actorPhrases[^1]
                : actorPhrases.LastOrDefault(p => SameNoun(toks[p.EndToken - 1].Text, toks[k + 1].Text));
            if (referent == null) continue;
            doc.Mentions.Add(new Mention(MentionKind.State, referent.Id, k, k + 2, new TextSpan(toks[k].Start, toks[k + 1].End), MentionForm.StandIn));
        }
    }

    /// <summary>True when the next word is one a state adjective would modify: an actor noun, a role, an item, a capitalised name.</summary>
    private bool ModifiesNext(Document doc, int k, int end)
    {
        if (k >= end || !doc.Tokens[k].IsWord) return false;
        var w = doc.Tokens[k].Text;
        return _data.IsActorNoun(w) || _data.Gazetteer.RoleOf(w) != null || _data.Items.MatchWord(w) != null
               || char.IsUpper(w[0]) && !_data.NounsCapitalized || _data.ActorNounEnd(doc.Tokens, k) > 0;
    }

    private static bool SameNoun(string a, string b)
    {
        string Stem(string w) { w = w.ToLowerInvariant(); return w.EndsWith("ies") ? w[..^3] + "y" : w.TrimEnd('s'); }
        return Stem(a) == Stem(b);
    }

    /// <summary>"Su-35", "Mi-28", "Yak-130": letters, a hyphen, digits.</summary>
    private static bool IsDesignation(string w)
    {
        int dash = w.IndexOf('-');
        return dash > 0 && dash < w.Length - 1 && w[..dash].All(char.IsLetter) && char.IsUpper(w[0]) && w[(dash + 1)..].Any(char.IsDigit);
    }

    private static bool IsPersonnel(Document doc, int k) =>
        doc.Mentions.Any(m => m.Kind == MentionKind.Item && m.Id == "personnel_training" && m.FirstToken == k);

    private static bool IsItem(Document doc, int k) => doc.Mentions.Any(m => m.Kind == MentionKind.Item && m.FirstToken <= k && m.EndToken > k);

    private Mention Add(Document doc, MentionKind kind, string id, int first, int end, MentionForm form, bool[] taken)
    {
        var m = new Mention(kind, id, first, end, new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End), form);
        for (int k = first; k < end; k++) taken[k] = true;
        doc.Mentions.Add(m);
        return m;
    }

    private void AddPerson(Document doc, PersonRegistry people, int first, int end, bool[] taken, string? name = null, string? state = null, MentionForm form = MentionForm.Name)
    {
        name ??= doc.Text[doc.Tokens[first].Start..doc.Tokens[end - 1].End];
        state ??= AffiliationNear(doc, first, end);
        var person = people.Register(name, state, RoleBefore(doc, first) ?? RoleAfter(doc, end));
        var m = Add(doc, MentionKind.Person, person.Id, first, end, form, taken);
        m.Affiliation = person.State;
    }

    /// <summary>The role noun right before a name ("Außenminister Qin Gang", "der US-Diplomat Anna Stein").</summary>
    private string? RoleBefore(Document doc, int first)
    {
        for (int k = first - 1; k >= Math.Max(0, first - 3); k--)
        {
            var w = doc.Tokens[k].Text;
            if (_data.Gazetteer.RoleOf(w) != null) return w;
            if (!doc.Tokens[k].IsWord) break;
        }
        return null;
    }

    /// <summary>The role in an apposition after a name ("Eva Roth, US-Botschafterin bei der Nato").</summary>
    private string? RoleAfter(Document doc, int end)
    {
        if (end + 1 < doc.Tokens.Count && doc.Tokens[end].Text == ",")
        {
            for (int k = end + 1; k < Math.Min(doc.Tokens.Count, end + 4); k++)
                if (_data.Gazetteer.RoleOf(doc.Tokens[k].Text) != null) return doc.Tokens[k].Text;
        }
        return null;
    }

    /// <summary>A state named in the person's role phrase: "der US-Diplomat Anna Stein", "Eva Roth, US-Botschafterin".</summary>
    private string? AffiliationNear(Document doc, int first, int end)
    {
        var g = _data.Gazetteer;
        for (int k = first - 1; k >= Math.Max(0, first - 6); k--)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation && t.Text != "," || t.IsQuote) break;
            if (t.Text.Contains('-') && g.CompoundState(t.Text) is { } iso) return iso;
            var state = doc.Mentions.LastOrDefault(m => m.Kind == MentionKind.State && m.FirstToken == k);
            if (state != null) return state.Id;
            var body = doc.Mentions.LastOrDefault(m => m.Kind == MentionKind.Organisation && m.FirstToken == k && m.Affiliation != null);
            if (body != null) return body.Affiliation;
        }
        if (end + 1 < doc.Tokens.Count && doc.Tokens[end].Text == ",")
        {
            var t = doc.Tokens[end + 1];
            if (t.Text.Contains('-') && g.CompoundState(t.Text) is { } iso && g.RoleOf(t.Text) != null) return iso;
        }
        return null;
    }

    /// <summary>Length of a person name starting here: first name + surname(s), or East Asian family name + given name.</summary>
    private int PersonLength(IReadOnlyList<Token> toks, int i, int end, PersonRegistry people)
    {
        var g = _data.Gazetteer;
        if (!IsNameWord(toks[i])) return 0;
        bool first = g.FirstNames.Contains(toks[i].Text);
        bool family = g.EastAsianFamilyNames.Contains(toks[i].Text);
        if (!first && !family) return RecognizedPersonLength(toks, i, end);
        int n = 1;
        while (i + n < end && n < 4 && IsNameWord(toks[i + n]) && !IsStateWord(toks, i + n, end)
               && (n == 1 || family || g.FirstNames.Contains(toks[i + n - 1].Text) || toks[i + n].Text.Length > 1 && IsLikelySurname(toks[i + n].Text)))
        {
            n++;
            if (first && !g.FirstNames.Contains(toks[i + n - 1].Text)) break;
        }
        if (n < 2) return 0;
        // A German noun after a first name is rarely a surname when it is a known item or role word.
        if (_data.Items.MatchWord(toks[i + n - 1].Text) != null || g.RoleOf(toks[i + n - 1].Text) != null) n--;
        return n >= 2 ? n : 0;
    }

    /// <summary>
    /// A name the first-name table does not know, taken from the NER model: a B-PER/I-PER run of two to four
    /// capitalised name words that are neither states nor items nor roles.
    /// </summary>
    private int RecognizedPersonLength(IReadOnlyList<Token> toks, int i, int end)
    {
        if (toks[i].Entity != "B-PER") return 0;
        int n = 1;
        while (i + n < end && toks[i + n].Entity == "I-PER") n++;
        if (n is < 2 or > 4) return 0;
        var g = _data.Gazetteer;
        for (int k = i; k < i + n; k++)
            if (!IsNameWord(toks[k]) || IsStateWord(toks, k, end) || _data.Items.MatchWord(toks[k].Text) != null || g.RoleOf(toks[k].Text) != null)
                return 0;
        return n;
    }

    private static bool IsLikelySurname(string w) => w.Length > 1 && char.IsUpper(w[0]);

    private static bool IsNameWord(Token t) =>
        t.IsWord && t.Text.Length > 1 && char.IsUpper(t.Text[0]) && !t.Text.All(char.IsUpper) && !t.Text.EndsWith('-');

    private bool IsStateWord(IReadOnlyList<Token> toks, int i, int end) => _data.Gazetteer.Phrases.Match(toks, i, end).Length > 0;

    /// <summary>A quoted proper name introduced like an outlet: der britische „Express“, die Organisation «X».</summary>
    private static bool IsQuotedName(IReadOnlyList<Token> toks, int i, Sentence s, out int nameEnd)
    {
        nameEnd = i;
        if (i == s.FirstToken || !toks[i - 1].IsQuote) return false;
        int k = i;
        while (k < s.EndToken && k - i < 4 && (toks[k].IsWord && char.IsUpper(toks[k].Text[0]) || toks[k].Text == "-")) k++;
        if (k == i || k >= s.EndToken || !toks[k].IsQuote) return false;
        int before = i - 2;
        if (before < s.FirstToken) return false;
        var b = toks[before];
        bool intro = b.Lower is "der" or "die" or "das" or "des" or "dem" or "den" or "the" || OrgIntroNouns.Contains(b.Text)
                     || (b.IsWord && char.IsLower(b.Text[0]) && (b.Text.EndsWith("e") || b.Text.EndsWith("en")) && before - 1 >= s.FirstToken && toks[before - 1].Lower is "der" or "die" or "das" or "des" or "dem" or "den");
        if (!intro) return false;
        nameEnd = k;
        return true;
    }

    /// <summary>Capitalised words that are no known state, item or role: a proper name (with a legal form, if any).</summary>
    private int NameLength(IReadOnlyList<Token> toks, int i, int end)
    {
        int k = i;
        while (k < end && k - i < 4 && toks[k].IsWord && char.IsUpper(toks[k].Text[0]) && !toks[k].Text.EndsWith('-')
               && _data.Gazetteer.Phrases.Match(toks, k, end).Length == 0 && _data.Items.MatchWord(toks[k].Text) == null
               && !_data.IsActorNoun(toks[k].Text) && _data.Gazetteer.RoleOf(toks[k].Text) == null && _data.Frames.Noun(toks[k].Text) == null)
            k++;
        // "Zentrion Optics": a company word ends the name even when it is also an item word.
        if (k < end && k > i && _data.Gazetteer.CompanyWords.Contains(toks[k].Text)) k++;
        if (k < end && k > i && CompanySuffixes.Contains(toks[k].Text)) k++;
        if (k < end && k > i && toks[k].Text == "." && CompanySuffixes.Contains(toks[k - 1].Text + ".")) k++;
        return k - i;
    }

    private int CompanyByWordLength(IReadOnlyList<Token> toks, int i, int end)
    {
        if (!toks[i].IsWord || !char.IsUpper(toks[i].Text[0])) return 0;
        // Cheap test first: a company word must follow within the next few capitalised words.
        bool companyWordAhead = false;
        for (int k = i + 1; k < Math.Min(end, i + 6) && !companyWordAhead; k++) companyWordAhead = _data.Gazetteer.CompanyWords.Contains(toks[k].Text);
        if (!companyWordAhead || Grammar.Articles.Contains(toks[i].Text) || _data.IsOrgIntro(toks[i].Text)) return 0;
        if (_data.Gazetteer.Phrases.Match(toks, i, end).Length > 0 || _data.Gazetteer.CompanyWords.Contains(toks[i].Text)) return 0;
        for (int k = i + 1; k < Math.Min(end, i + 6); k++)
        {
            var t = toks[k];
            if (!(t.IsWord && (char.IsUpper(t.Text[0]) || char.IsDigit(t.Text[0])) || t.Text is "&" or "and" && k + 1 < end && char.IsUpper(toks[k + 1].Text[0]))) return 0;
            if (_data.Gazetteer.CompanyWords.Contains(t.Text))
            {
                int n = k - i + 1;
                // A legal form may follow: "Xiamen Limbach Aviation Engine Co."
                if (k + 1 < end && CompanySuffixes.Contains(toks[k + 1].Text)) n++;
                return n;
            }
        }
        return 0;
    }

    private int CompanyLength(IReadOnlyList<Token> toks, int i, int end)
    {
        if (Grammar.Articles.Contains(toks[i].Text) || _data.IsOrgIntro(toks[i].Text)) return 0;
        if (!IsNameWord(toks[i]) && !(toks[i].IsWord && toks[i].Text.All(c => char.IsUpper(c) || c == '.'))) return 0;
        int k = i;
        while (k < end && k - i < 6 && (toks[k].IsWord && char.IsUpper(toks[k].Text[0]) || toks[k].Text is "&" or "." or ",")) 
        {
            if (CompanySuffixes.Contains(toks[k].Text) && k > i) return k - i + 1;
            k++;
        }
        return 0;
    }
}
