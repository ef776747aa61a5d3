namespace Lagebild.Text;

public enum MentionKind { State, Organisation, Person, Item }

/// <summary>How the mention names its referent; decides what it may stand for (an adjective is not a subject).</summary>
public enum MentionForm { Name, Adjective, Capital, StandIn, Leader, Compound, Possessive, Surname, Role, Pronoun, Term }

/// <summary>
/// A span that refers to an actor or an item, linked to its canonical id:
/// ISO code for states ("CN"), "org:NAME", "person:NAME", or an item id from the taxonomy.
/// </summary>
public sealed class Mention
{
    public Mention(MentionKind kind, string id, int firstToken, int endToken, TextSpan span, MentionForm form)
    {
        Kind = kind; Id = id; FirstToken = firstToken; EndToken = endToken; Span = span; Form = form;
    }

    public MentionKind Kind { get; }
    /// <summary>Canonical id; may be re-linked by coreference.</summary>
    public string Id { get; set; }
    public int FirstToken { get; }
    public int EndToken { get; }
    public TextSpan Span { get; }
    public MentionForm Form { get; }
    /// <summary>For persons: the state they speak for ("US" for a US diplomat), when known.</summary>
    public string? Affiliation { get; set; }
    /// <summary>For items: the word in the text that named the category (the compound's head).</summary>
    public string? Term { get; set; }

    public bool IsActor => Kind != MentionKind.Item;
    public override string ToString() => $"{Kind}:{Id}@{Span}";
}
