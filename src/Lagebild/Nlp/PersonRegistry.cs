using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>The persons named so far in a document, so later surnames link back to the full name.</summary>
internal sealed class PersonRegistry
{
    public sealed record Person(string Id, string Name, string Surname, string? State, string? Role);
    private readonly Dictionary<string, Person> _bySurname = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Person> _inOrder = new();
    private readonly ISet<string> _familyNameFirst;

    public PersonRegistry(ISet<string>? familyNameFirst = null) { _familyNameFirst = familyNameFirst ?? new HashSet<string>(); }

    /// <summary>The latest person whose role matches ("Diplomat" for "US-Diplomat Anna Stein"), or of that state.</summary>
    public Person? ByRole(string roleWord, string? state)
    {
        var head = RoleHead(roleWord);
        for (int i = _inOrder.Count - 1; i >= 0; i--)
        {
            var p = _inOrder[i];
            if (p.Role != null && RoleHead(p.Role) == head && (state == null || p.State == null || p.State == state)) return p;
        }
        return null;
    }

    /// <summary>"US-Diplomaten" -> "diplomat": the part after the hyphen without case endings.</summary>
    private static string RoleHead(string word)
    {
        var w = word.ToLowerInvariant();
        w = w[(w.LastIndexOf('-') + 1)..];
        foreach (var e in new[] { "innen", "in", "en", "n", "s" })
            if (w.Length > e.Length + 4 && w.EndsWith(e)) return w[..^e.Length];
        return w;
    }

    public Person Register(string name, string? state, string? role = null)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "Mao Ning ... Mao sagte": Chinese and Korean names put the family name first.
        var surname = parts.Length is 2 or 3 && _familyNameFirst.Contains(parts[0]) ? parts[0] : parts[^1];
        if (_bySurname.TryGetValue(surname, out var existing) && (existing.Name == name || name == surname)) return existing;
        var p = new Person("person:" + name, name, surname, state, role);
        _inOrder.Add(p);
        _bySurname[surname] = p;
        _bySurname.TryAdd(surname + "s", p);
        if (parts.Length >= 2 && parts[0].Length > 1) _bySurname.TryAdd(parts[0] + " " + surname, p);
        return p;
    }

    public Person? BySurname(string word) => _bySurname.TryGetValue(word, out var p) ? p : null;
}
