using Lagebild.Text;

namespace Lagebild.Claims;

public enum AttributionKind { Quote, ReportedSpeech, Source, Accusation, Denial }

/// <summary>
/// Who is speaking over a stretch of text: the claimant, the cue that says so, and the citation chain
/// from the outlet to the innermost speaker ("Politico" -> "person:Karl Weber").
/// </summary>
public sealed class Attribution
{
    public Attribution(AttributionKind kind, string claimant, TextSpan scope, TextSpan cue)
    {
        Kind = kind; Claimant = claimant; Scope = scope; Cue = cue;
    }

    public AttributionKind Kind { get; }
    /// <summary>"person:NAME", an ISO code, "org:NAME", or "?" for an anonymous source.</summary>
    public string Claimant { get; set; }
    /// <summary>The text the attribution covers.</summary>
    public TextSpan Scope { get; set; }
    public TextSpan Cue { get; }
    /// <summary>For accusations ("X wirft Y vor, ..."): the accused, who is the supplier of the claim that follows.</summary>
    public string? Accused { get; set; }
    /// <summary>True when the claimant is named (a person, organisation or state), false for anonymous sources.</summary>
    public bool Named => Claimant != "?";
    /// <summary>Outer layers of the citation, outermost first (cited outlets, reports), not including the claimant.</summary>
    public List<string> Via { get; } = new();
}
