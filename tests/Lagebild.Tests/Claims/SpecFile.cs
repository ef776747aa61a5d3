using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Tests.Claims;

/// <summary>
/// One expected claim of a spec case:
/// <c>SUPPLIER -> RECIPIENT ITEM [negated] [| STATUS [CLAIMANT]]</c>.
/// Status and claimant are null when the line has no <c>|</c> part (then only the tuple is checked).
/// </summary>
public sealed record ExpectedClaim(
    string Supplier, string Recipient, string Item, bool Negated, string? Status, string? Claimant, int Line)
{
    public ClaimKey Key => ClaimKey.Of(Supplier, Recipient, Item, Negated);

    public override string ToString()
    {
        var s = $"{Supplier} -> {Recipient} {Item}{(Negated ? " negated" : "")}";
        if (Status != null) s += $" | {Status}{(Claimant != null ? " " + Claimant : "")}";
        return s;
    }
}

/// <summary>
/// The unit the expected set is compared on: (supplier, recipient, item, negated), with the actors normalised
/// (ISO codes upper case, organisation names case- and legal-form-insensitive, persons by surname).
/// </summary>
public readonly record struct ClaimKey(string Supplier, string Recipient, string Item, bool Negated)
{
    public static ClaimKey Of(string supplier, string recipient, string item, bool negated) =>
        new(SpecActors.Normalize(supplier), SpecActors.Normalize(recipient), item.Trim().ToLowerInvariant(), negated);

    public override string ToString() => $"{Supplier} -> {Recipient} {Item}{(Negated ? " negated" : "")}";
}

/// <summary>Comparison rules for actors and claimants in spec files.</summary>
public static class SpecActors
{
    private static readonly HashSet<string> LegalForms = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmbh", "ag", "kg", "ug", "ltd", "limited", "co", "inc", "llc", "plc", "corp", "corporation", "company", "sa", "se", "oy", "ab", "bv", "nv",
    };

    /// <summary>
    /// Canonical form for comparison: "?" and "reporter" as they are; ISO codes upper case; "org:" names lower case,
    /// punctuation and trailing legal forms (GmbH, Ltd., Co. ...) dropped; "person:" names reduced to the surname
    /// (last word), lower case.
    /// </summary>
    public static string Normalize(string actor)
    {
        var a = actor.Trim();
        if (a == "?") return a;
        if (a.Equals("reporter", StringComparison.OrdinalIgnoreCase)) return "reporter";
        if (a.StartsWith("org:", StringComparison.OrdinalIgnoreCase)) return "org:" + NormalizeOrg(a[4..]);
        if (a.StartsWith("person:", StringComparison.OrdinalIgnoreCase)) return "person:" + Surname(a[7..]);
        return a.ToUpperInvariant();
    }

    public static bool Same(string expected, string produced) =>
        string.Equals(Normalize(expected), Normalize(produced), StringComparison.Ordinal);

    private static string NormalizeOrg(string name)
    {
        var cleaned = Regex.Replace(name.ToLowerInvariant(), "[.,;:!?'\"„“”‚‘’«»‹›()\\[\\]]", " ");
        var words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        while (words.Count > 1 && LegalForms.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private static string Surname(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0 ? "" : words[^1].ToLowerInvariant();
    }
}

/// <summary>One ```example block of a spec file.</summary>
public sealed class SpecCase
{
    public required string File { get; init; }
    /// <summary>1-based line of the first input line in the file.</summary>
    public required int Line { get; init; }
    /// <summary>The nearest heading above the block ("" when none).</summary>
    public required string Section { get; init; }
    /// <summary>The input text: the lines before the lone ".", joined with '\n'.</summary>
    public required string Text { get; init; }
    /// <summary>Expected claims; empty when the block says "(none)".</summary>
    public required IReadOnlyList<ExpectedClaim> Expected { get; init; }
    /// <summary>Opened with ```example pending: a mismatch is reported, not failed.</summary>
    public bool Pending { get; init; }
    /// <summary>Language from the file name ("x.de.md" -> "de"), "de" when the name has none.</summary>
    public required string Lang { get; init; }

    public string Id => $"{File}:{Line}";

    /// <summary>The first words of the input, for display names.</summary>
    public string Preview
    {
        get
        {
            var flat = Regex.Replace(Text, "\\s+", " ").Trim();
            return flat.Length <= 60 ? flat : flat[..57].TrimEnd() + "...";
        }
    }

    public override string ToString() => $"{Id} {Preview}";
}

public sealed class SpecFormatException(string message) : Exception(message);

/// <summary>
/// Parses Markdig-style spec files: prose and headings, and fenced blocks
/// <code>
/// ```example            (or ```example pending)
/// input text, one or more lines
/// .
/// FR -> UA ammunition | alleged FR
/// ```
/// </code>
/// After the lone "." come expected claims, one a line, or the single line "(none)".
/// Other fenced blocks are skipped. Any malformed block is an error naming file and line.
/// </summary>
public static class SpecFile
{
    private static readonly Regex Opening = new(@"^(?<fence>`{3,}|~{3,})\s*(?<info>.*)$");
    private static readonly Regex Iso = new(@"^[A-Z]{2}$");
    private static readonly Regex ItemId = new(@"^[a-z][a-z0-9_]*$");
    private static readonly string[] Statuses = { "asserted", "alleged", "denied", "hedged" };

    /// <summary>All cases of all *.md files in <paramref name="directory"/>, files in name order.</summary>
    public static IReadOnlyList<SpecCase> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) return Array.Empty<SpecCase>();
        return Directory.GetFiles(directory, "*.md")
            .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .SelectMany(p => Parse(Path.GetFileName(p), System.IO.File.ReadAllText(p, Encoding.UTF8)))
            .ToList();
    }

    public static IReadOnlyList<SpecCase> Parse(string fileName, string content)
    {
        var lang = LangOf(fileName);
        var lines = content.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var cases = new List<SpecCase>();
        string section = "";
        int i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var open = Opening.Match(line.TrimEnd());
            if (open.Success && line.Length - line.TrimStart().Length < 4)
            {
                var fence = open.Groups["fence"].Value;
                var info = open.Groups["info"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int start = i;
                i++;
                var body = new List<(string Text, int Line)>();
                bool closed = false;
                while (i < lines.Length)
                {
                    if (IsClosing(lines[i], fence)) { closed = true; i++; break; }
                    body.Add((lines[i], i + 1));
                    i++;
                }
                if (info.Length > 0 && info[0] == "example")
                {
                    if (!closed) throw Error(fileName, start + 1, "example block is not closed");
                    bool pending = false;
                    foreach (var flag in info.Skip(1))
                    {
                        if (flag == "pending") pending = true;
                        else throw Error(fileName, start + 1, $"unknown example flag '{flag}' (only 'pending')");
                    }
                    cases.Add(ParseBlock(fileName, lang, section, start + 1, body, pending));
                }
                continue;
            }
            var heading = Regex.Match(line, @"^\s{0,3}(?<hashes>#{1,6})\s+(?<title>.*?)\s*#*\s*$");
            if (heading.Success) section = heading.Groups["title"].Value;
            i++;
        }
        return cases;
    }

    private static bool IsClosing(string line, string fence)
    {
        var t = line.Trim();
        return t.Length >= fence.Length && t.All(ch => ch == fence[0]);
    }

    private static SpecCase ParseBlock(string file, string lang, string section, int fenceLine, List<(string Text, int Line)> body, bool pending)
    {
        int dot = body.FindIndex(b => b.Text.Trim() == ".");
        if (dot < 0) throw Error(file, fenceLine, "example has no line with a lone '.' between input and expected claims");

        var input = body.Take(dot).Select(b => (Text: b.Text.TrimEnd(), b.Line)).ToList();
        while (input.Count > 0 && input[0].Text.Length == 0) input.RemoveAt(0);
        while (input.Count > 0 && input[^1].Text.Length == 0) input.RemoveAt(input.Count - 1);
        if (input.Count == 0) throw Error(file, fenceLine, "example has no input text");

        var outLines = body.Skip(dot + 1).Where(b => b.Text.Trim().Length > 0).ToList();
        if (outLines.Count == 0) throw Error(file, fenceLine, "example has no expected claims (write '(none)' when there are none)");

        var expected = new List<ExpectedClaim>();
        if (outLines.Any(b => b.Text.Trim() == "(none)"))
        {
            if (outLines.Count > 1) throw Error(file, outLines[0].Line, "'(none)' must be the only expected line");
        }
        else
        {
            foreach (var (text, line) in outLines) expected.Add(ParseExpected(file, line, text));
        }

        return new SpecCase
        {
            File = file,
            Line = input[0].Line,
            Section = section,
            Text = string.Join("\n", input.Select(x => x.Text)),
            Expected = expected,
            Pending = pending,
            Lang = lang,
        };
    }

    /// <summary>Parses <c>SUPPLIER -> RECIPIENT ITEM [negated] [| STATUS [CLAIMANT]]</c>.</summary>
    public static ExpectedClaim ParseExpected(string file, int line, string text)
    {
        var t = text.Trim();
        string? status = null, claimant = null;
        int bar = t.IndexOf('|');
        if (bar >= 0)
        {
            var tail = t[(bar + 1)..].Trim();
            t = t[..bar].Trim();
            if (tail.Length == 0) throw Error(file, line, "nothing after '|' (write 'STATUS [CLAIMANT]' or leave out the '|')");
            int sp = tail.IndexOf(' ');
            status = (sp < 0 ? tail : tail[..sp]).ToLowerInvariant();
            claimant = sp < 0 ? null : tail[(sp + 1)..].Trim();
            if (!Statuses.Contains(status))
                throw Error(file, line, $"unknown status '{status}' (use {string.Join(", ", Statuses)})");
            if (claimant != null && !IsClaimant(claimant))
                throw Error(file, line, $"bad claimant '{claimant}' (reporter, ?, an ISO code, org:NAME or person:NAME)");
        }

        int arrow = t.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0) throw Error(file, line, $"expected 'SUPPLIER -> RECIPIENT ITEM', got '{text.Trim()}'");
        var supplier = t[..arrow].Trim();
        var words = t[(arrow + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        bool negated = false;
        if (words.Count > 0 && words[^1] == "negated") { negated = true; words.RemoveAt(words.Count - 1); }
        if (words.Count < 2) throw Error(file, line, $"expected 'RECIPIENT ITEM' after '->', got '{t[(arrow + 2)..].Trim()}'");
        var item = words[^1];
        var recipient = string.Join(' ', words.Take(words.Count - 1));

        if (!IsActor(supplier)) throw Error(file, line, $"bad supplier '{supplier}' (?, an ISO code, org:NAME or person:NAME)");
        if (!IsActor(recipient)) throw Error(file, line, $"bad recipient '{recipient}' (?, an ISO code, org:NAME or person:NAME)");
        if (!ItemId.IsMatch(item)) throw Error(file, line, $"bad item id '{item}'");
        return new ExpectedClaim(supplier, recipient, item, negated, status, claimant, line);
    }

    private static bool IsActor(string s) =>
        s == "?" || Iso.IsMatch(s)
        || (s.StartsWith("org:", StringComparison.Ordinal) && s.Length > 4)
        || (s.StartsWith("person:", StringComparison.Ordinal) && s.Length > 7);

    private static bool IsClaimant(string s) => s == "reporter" || IsActor(s);

    private static string LangOf(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length >= 3 && parts[^2].Length == 2 ? parts[^2].ToLowerInvariant() : "de";
    }

    private static SpecFormatException Error(string file, int line, string message) => new($"{file}:{line}: {message}");
}
