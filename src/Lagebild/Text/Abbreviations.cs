using Lagebild.Knowledge;

namespace Lagebild.Text;

/// <summary>
/// Words that keep their period ("bzw.", "Dr.", "Inc."), plus the few closed word classes the tokenizer and the
/// sentence splitter need to decide what a period means: month names (ordinals in dates), words that open
/// sentences (an abbreviation before "Die"/"The" ends the sentence), German words that precede ordinals, and
/// units that may be glued to a number.
/// Keys are stored without the final period; look-ups take the word without it.
/// </summary>
public sealed class Abbreviations
{
    private readonly HashSet<string> _standalone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _first = new(StringComparer.Ordinal);
    private readonly HashSet<string> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _standaloneL, _firstL, _lastL;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _startersL, _ordinalCuesL;

    /// <summary>
    /// From a plain list: "bzw." is standalone; an entry with spaces ("z. B.", "u. a.", "v. Chr.") is a sequence
    /// whose first parts count only before another part and whose later parts only after one.
    /// </summary>
    public Abbreviations(IEnumerable<string> entries, string lang = "de")
        : this(entries.Select(e => (e, "")), lang) { }

    /// <summary>From (abbreviation, part) rows; part is "", "first" or "last".</summary>
    public Abbreviations(IEnumerable<(string Abbreviation, string Part)> rows, string lang)
    {
        Lang = lang;
        foreach (var (raw, part) in rows) Add(raw.Trim(), part.Trim().ToLowerInvariant());
        _standaloneL = _standalone.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstL = _first.GetAlternateLookup<ReadOnlySpan<char>>();
        _lastL = _last.GetAlternateLookup<ReadOnlySpan<char>>();
        var starters = lang == "en" ? EnglishStarters : GermanStarters;
        _startersL = starters.GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinalCuesL = OrdinalCues.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Reads "{lang}/abbreviations.tsv" (columns abbreviation, part).</summary>
    public static Abbreviations Load(TableSource source, string lang)
    {
        var table = source.Load($"{lang}/abbreviations.tsv");
        bool hasPart = table.HasColumn("part");
        return new Abbreviations(table.All().Select(r => (r["abbreviation"], hasPart ? r["part"] : "")), lang);
    }

    public string Lang { get; }
    public int Count => _standalone.Count + _first.Count + _last.Count;

    private void Add(string abbreviation, string part)
    {
        if (abbreviation.Length == 0) return;
        var parts = abbreviation.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1)
        {
            // A written-out sequence: its glued form ("z.B.") is a standalone word as well.
            for (int i = 0; i < parts.Length; i++)
            {
                if (i < parts.Length - 1) _first.Add(Key(parts[i]));
                if (i > 0) _last.Add(Key(parts[i]));
            }
            _standalone.Add(Key(string.Concat(parts)));
            return;
        }
        var key = Key(abbreviation);
        if (key.Length == 0) return;
        switch (part)
        {
            case "first": _first.Add(key); break;
            case "last": _last.Add(key); break;
            default: _standalone.Add(key); break;
        }
    }

    private static string Key(string s) => s.EndsWith('.') ? s[..^1] : s;

    /// <summary>"bzw", "Dr", "U.S": a word that takes its period wherever it stands.</summary>
    public bool IsStandalone(ReadOnlySpan<char> word) => Lookup(_standaloneL, word);
    /// <summary>"z" in "z. B.": an abbreviation only when another part follows.</summary>
    public bool IsFirstPart(ReadOnlySpan<char> word) => Lookup(_firstL, word);
    /// <summary>"B" in "z. B.": an abbreviation only after a first part.</summary>
    public bool IsLastPart(ReadOnlySpan<char> word) => Lookup(_lastL, word);

    /// <summary>Any of the three; accepts the word with or without its period.</summary>
    public bool Contains(string abbreviation)
    {
        var w = Key(abbreviation.Trim()).AsSpan();
        return IsStandalone(w) || IsFirstPart(w) || IsLastPart(w);
    }

    /// <summary>Exact match, or a lower-case entry written with a capital at the start of a sentence ("Vgl.").</summary>
    private static bool Lookup(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return false;
        if (set.Contains(word)) return true;
        if (!char.IsUpper(word[0]) || word.Length > 32) return false;
        Span<char> buf = stackalloc char[word.Length];
        word.CopyTo(buf);
        buf[0] = char.ToLowerInvariant(buf[0]);
        return set.Contains(buf);
    }

    /// <summary>A capitalised month name or abbreviation, German or English ("Oktober", "Sep", "Sept").</summary>
    public bool IsMonth(ReadOnlySpan<char> word)
    {
        if (word.Length < 3 || word.Length > 9 || !char.IsUpper(word[0])) return false;
        Span<char> buf = stackalloc char[word.Length];
        word.ToLowerInvariant(buf);
        return MonthsL.Contains(buf);
    }

    /// <summary>A capitalised function word that typically opens a sentence ("Die", "Er", "The", "However").</summary>
    public bool IsSentenceStarter(ReadOnlySpan<char> word) => _startersL.Contains(word);

    /// <summary>German determiners and prepositions after which "5." is an ordinal ("dem 5. Jahrhundert").</summary>
    public bool IsOrdinalCue(ReadOnlySpan<char> word) => Lang != "en" && _ordinalCuesL.Contains(word);

    /// <summary>A unit written glued to a number ("155mm", "2bn"): the tokenizer splits it off.</summary>
    public bool IsUnit(ReadOnlySpan<char> word) => UnitsL.Contains(word);

    private static readonly HashSet<string> Units = new(StringComparer.Ordinal)
    {
        "bn", "mn", "m", "k", "km", "kg", "mm", "cm", "ml", "mg", "kW", "kWh", "MW", "GW", "mph", "ft", "lbs",
        "Mio", "Mrd", "Tsd", "Prozent",
    };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UnitsL =
        Units.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Months = new(StringComparer.Ordinal)
    {
        "januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember", "january", "february", "march", "may", "june", "july", "october",
        "december", "jan", "feb", "mär", "mrz", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
        "mar", "oct", "dec",
    };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> MonthsL =
        Months.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> GermanStarters = new(StringComparer.Ordinal)
    {
        "Der", "Die", "Das", "Dem", "Den", "Des", "Ein", "Eine", "Einen", "Einem", "Einer", "Er", "Sie", "Es", "Wir",
        "Ich", "Ihr", "Man", "Dies", "Diese", "Dieser", "Dieses", "Dabei", "Damit", "Dann", "Danach", "Darauf",
        "Daher", "Deshalb", "Doch", "Aber", "Auch", "Und", "Oder", "In", "Im", "Am", "An", "Auf", "Aus", "Bei",
        "Beim", "Mit", "Nach", "Seit", "Vor", "Von", "Vom", "Zum", "Zur", "Für", "Gegen", "Laut", "Zudem",
        "Allerdings", "Außerdem", "Trotzdem", "So", "Wie", "Was", "Wer", "Wo", "Wann", "Warum", "Als", "Wenn",
        "Weil", "Obwohl", "Nun", "Jetzt", "Heute", "Bereits", "Noch", "Unter", "Über", "Alle", "Viele", "Hier",
        "Dort", "Denn", "Jedoch", "Inzwischen", "Zuvor", "Gleichzeitig", "Sein", "Seine", "Ihre", "Unsere",
        "The", "This", "It",
    };

    private static readonly HashSet<string> EnglishStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My",
        "This", "That", "These", "Those", "There", "Then", "But", "And", "Or", "So", "Yet", "In", "On", "At", "By",
        "For", "From", "With", "After", "Before", "During", "Since", "While", "When", "Where", "What", "Who", "Why",
        "How", "If", "As", "However", "Meanwhile", "Also", "Still", "Now", "Today", "Yesterday", "Some", "Many",
        "Most", "All", "Both", "Each", "Other", "Such", "Under", "Over", "According", "Although", "Because",
        "Der", "Die", "Das",
    };

    private static readonly HashSet<string> OrdinalCues = new(StringComparer.Ordinal)
    {
        "der", "die", "das", "dem", "den", "des", "am", "im", "vom", "zum", "zur", "beim", "ins", "ab", "bis", "seit",
        "Der", "Die", "Das", "Dem", "Den", "Des", "Am", "Im", "Vom", "Zum", "Zur", "Beim", "Ab", "Bis", "Seit",
        "ihrem", "ihren", "ihrer", "seinem", "seinen", "seiner", "jedem", "jeden", "jeder", "diesem", "diesen",
        "dieser", "einem", "einen", "eines", "einer", "ein", "eine", "zweiten", "dritten", "letzten",
    };
}
