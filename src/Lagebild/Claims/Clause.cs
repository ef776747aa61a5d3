using Lagebild.Text;

namespace Lagebild.Claims;

public enum ClauseKind { Main, Subordinate, Relative, Infinitive }

/// <summary>A stretch of a sentence with (roughly) one verb: the unit in which a frame finds its slots.</summary>
internal sealed class Clause
{
    public required int First { get; init; }
    public required int End { get; set; }
    public ClauseKind Kind { get; set; }
    /// <summary>For relative clauses: the actor the relative pronoun stands for.</summary>
    public Mention? Antecedent { get; set; }
    public Clause? Previous { get; set; }
    public bool Contains(int token) => token >= First && token < End;
    public override string ToString() => $"{Kind}[{First},{End})";
}
