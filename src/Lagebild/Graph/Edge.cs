using Lagebild.Claims;

namespace Lagebild.Graph;

/// <summary>
/// Which claims a graph query looks at. Null fields do not restrict. Actor ids are canonical ("CN", "org:NATO");
/// <see cref="Normalise"/> upper-cases bare country codes typed in lower case.
/// </summary>
public sealed record GraphFilter
{
    public string? Supplier { get; init; }
    public string? Recipient { get; init; }
    public string? Item { get; init; }
    /// <summary>Only evidence from documents published (or, without a date, ingested) on or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    public static GraphFilter All { get; } = new();

    public static GraphFilter ForEdge(string supplier, string recipient, string item) =>
        new() { Supplier = NormaliseActor(supplier), Recipient = NormaliseActor(recipient), Item = item.Trim() };

    /// <summary>"cn" -> "CN"; "org:NATO" and "?" stay as they are.</summary>
    public static string? NormaliseActor(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor)) return null;
        var a = actor.Trim();
        return a.Length == 2 && a.All(char.IsAsciiLetter) ? a.ToUpperInvariant() : a;
    }

    public GraphFilter Normalise() => this with
    {
        Supplier = NormaliseActor(Supplier), Recipient = NormaliseActor(Recipient),
        Item = string.IsNullOrWhiteSpace(Item) ? null : Item.Trim(),
    };
}

/// <summary>
/// One edge of the support graph: every claim that SUPPLIER supplies ITEM to RECIPIENT, aggregated.
/// </summary>
public sealed record Edge
{
    public required string Supplier { get; init; }
    public required string Recipient { get; init; }
    public required string Item { get; init; }
    /// <summary>Distinct evidence sentences.</summary>
    public int Evidence { get; init; }
    /// <summary>Independent sources: documents after folding syndicated copies of one story into one.</summary>
    public int Sources { get; init; }
    /// <summary>Distinct claimants ("reporter" counts as one).</summary>
    public int Claimants { get; init; }
    /// <summary>Claims per status; all four statuses are present, zero when absent.</summary>
    public required IReadOnlyDictionary<string, int> Statuses { get; init; }
    /// <summary>Claims that say the supply does not happen ("liefert keine Waffen").</summary>
    public int Negated { get; init; }
    /// <summary>Earliest and latest publication date of the documents behind the edge; the ingestion dates when none of them has one.</summary>
    public DateTimeOffset? FirstSeen { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>True when some evidence denies the supply or states it does not happen.</summary>
    public bool Contradicted => Statuses.GetValueOrDefault("denied") > 0 || Negated > 0;

    /// <summary>The status names in their fixed order, as used for the counts.</summary>
    public static IReadOnlyList<string> StatusNames { get; } =
        Enum.GetValues<ClaimStatus>().Select(DocumentResult.StatusName).ToArray();
}

/// <summary>One evidence sentence behind an edge, with who says it and where it was published.</summary>
public sealed record EvidenceItem
{
    public required long ClaimId { get; init; }
    public required long DocumentId { get; init; }
    public required string Supplier { get; init; }
    public required string Recipient { get; init; }
    public required string Item { get; init; }
    public bool Negated { get; init; }
    public bool Undirected { get; init; }
    public required string Claimant { get; init; }
    public required string Status { get; init; }
    /// <summary>The evidence sentence as it stands in the document.</summary>
    public required string Sentence { get; init; }
    public int SentenceStart { get; init; }
    public int SentenceEnd { get; init; }
    /// <summary>The supply cue inside the sentence ("liefert"), as text.</summary>
    public string? Cue { get; init; }
    public string? Outlet { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    /// <summary>Citation chain, outermost first: outlet, cited outlets or reports, then the claimant.</summary>
    public IReadOnlyList<string> Chain { get; init; } = Array.Empty<string>();
    public long SyndicationGroup { get; init; }
}
