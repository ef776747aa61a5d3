using Lagebild.Text;

namespace Lagebild.Claims;

public enum ClaimStatus { Asserted, Alleged, Denied, Hedged }

/// <summary>"SUPPLIER supplies ITEM to RECIPIENT", who says so, and the exact evidence.</summary>
public sealed record SupplyClaim
{
    /// <summary>ISO code, "org:NAME", "person:NAME" or "?".</summary>
    public required string Supplier { get; init; }
    public required string Recipient { get; init; }
    /// <summary>Item id from the taxonomy (items.tsv).</summary>
    public required string Item { get; init; }
    public bool Negated { get; init; }
    /// <summary>An exchange ("zwischen A und B ausgetauscht"): goods go both ways; supplier and recipient are the two sides.</summary>
    public bool Undirected { get; init; }
    /// <summary>"reporter" for the outlet's own voice, else the innermost speaker.</summary>
    public required string Claimant { get; init; }
    public ClaimStatus Status { get; init; }
    /// <summary>The evidence sentence.</summary>
    public TextSpan Evidence { get; init; }
    /// <summary>The trigger word(s): the verb or noun that expresses the supply.</summary>
    public TextSpan Cue { get; init; }
    public TextSpan? SupplierSpan { get; init; }
    public TextSpan? RecipientSpan { get; init; }
    public TextSpan? ItemSpan { get; init; }
    /// <summary>The attribution cue ("sagte", "laut"), when the claim is attributed.</summary>
    public TextSpan? AttributionCue { get; init; }
    /// <summary>Citation chain, outermost first: outlet, cited outlets or reports, then the claimant.</summary>
    public IReadOnlyList<string> Chain { get; init; } = Array.Empty<string>();
    /// <summary>True when the sentence left the recipient out and it was taken from the document's other claims.</summary>
    public bool RecipientInferred { get; init; }
    /// <summary>True when the sentence left the supplier open and it was taken from the document's other claims.</summary>
    public bool SupplierInferred { get; init; }
    /// <summary>True when a "?" recipient is meaningful (a negation, an open "any party"); other open claims need a recipient.</summary>
    internal bool KeepOpen { get; init; }
    /// <summary>The frame that produced the claim (for debugging and the text view).</summary>
    public string? Frame { get; init; }
}
