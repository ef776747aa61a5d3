using Lagebild.Graph;
using Lagebild.Text;

namespace Lagebild.Store;

/// <summary>
/// The durable claim store: analysed documents with their mentions, quotes and claims, canonical entities and
/// their names, and the queries behind the support graph. Every write of one document is one transaction, so a
/// crash leaves either the whole document or nothing. Implementations: <see cref="SqliteStore"/> (embedded,
/// one file); a PostgreSQL backend implements the same interface over the same portable SQL
/// (<see cref="SqlClaimStore"/>).
/// </summary>
public interface IClaimStore : IDisposable
{
    /// <summary>Where the data lives, for messages ("sqlite:/data/lagebild.db").</summary>
    string Location { get; }

    /// <summary>The schema version after migrations ran (the highest applied migration).</summary>
    int SchemaVersion { get; }

    /// <summary>The stored document with the same URL (normalised, see <see cref="DocumentKeys.UrlKey"/>) or the same content hash, or null.</summary>
    DuplicateMatch? FindDuplicate(string? url, string sha256);

    /// <summary>
    /// Stores an analysed document (metadata, text, mentions, quotes, claims, entities, syndication group) in one
    /// transaction. A document whose URL or content is already stored is not added again.
    /// </summary>
    AddResult AddDocument(Document document);

    /// <summary>Replaces a stored document's mentions, quotes and claims with those of a fresh analysis, in one transaction.</summary>
    void ReplaceAnnotations(long documentId, Document analysed);

    /// <summary>Ids of all stored documents in insertion order.</summary>
    IReadOnlyList<long> DocumentIds();

    /// <summary>Metadata and text of a stored document, or null.</summary>
    StoredDocument? GetDocument(long documentId);

    /// <summary>
    /// The stored document as a <see cref="Document"/>: metadata and text, and with <paramref name="withAnnotations"/>
    /// its mentions, quotes and claims as they were stored (paragraphs, sentences and tokens are not stored).
    /// </summary>
    Document? LoadDocument(long documentId, bool withAnnotations = true);

    /// <summary>Claims aggregated into (supplier, recipient, item) edges; undirected claims count for both directions.</summary>
    IReadOnlyList<Edge> Edges(GraphFilter filter);

    /// <summary>The evidence sentences behind claims that match the filter (an edge: supplier, recipient and item set).</summary>
    IReadOnlyList<EvidenceItem> Evidence(GraphFilter filter);

    /// <summary>Canonical entities with the names the texts used for them.</summary>
    IReadOnlyList<EntityRecord> Entities();

    StoreStats Stats();
}

/// <summary>Why a document was not added: an already stored document has the same URL or the same content.</summary>
public enum DuplicateKind { Url, Content }

public sealed record DuplicateMatch(long DocumentId, DuplicateKind Kind);

/// <summary>Outcome of <see cref="IClaimStore.AddDocument"/>: the new document's id, or the duplicate that was found instead.</summary>
public sealed record AddResult(long DocumentId, DuplicateKind? Duplicate)
{
    public bool Added => Duplicate == null;
    public static AddResult New(long id) => new(id, null);
    public static AddResult Existing(DuplicateMatch match) => new(match.DocumentId, match.Kind);
}

/// <summary>A stored document's metadata and text.</summary>
public sealed record StoredDocument
{
    public required long Id { get; init; }
    /// <summary>The document's own id (file name or JSON line id), <see cref="Document.Id"/>.</summary>
    public required string Key { get; init; }
    public string? Url { get; init; }
    public string? Outlet { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public required string Language { get; init; }
    public required string Text { get; init; }
    public required string Sha256 { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset IngestedAt { get; init; }
    public DateTimeOffset ExtractedAt { get; init; }
    /// <summary>The id of the first stored document of the same syndicated story (this document's id when it is the first).</summary>
    public long SyndicationGroup { get; init; }
}

/// <summary>A canonical entity: "CN", "org:NATO", "person:NAME" or an item id; kind is state, organisation, person or item.</summary>
public sealed record EntityRecord(long Id, string Key, string Kind, string Label, IReadOnlyList<string> Names);

/// <summary>Counts over the whole store.</summary>
public sealed record StoreStats
{
    public long Documents { get; init; }
    public long Claims { get; init; }
    public long Entities { get; init; }
    public long Mentions { get; init; }
    public long Quotes { get; init; }
    public long Edges { get; init; }
    /// <summary>Independent stories: documents after folding syndicated copies together.</summary>
    public long Stories { get; init; }
    public long Outlets { get; init; }
    public IReadOnlyDictionary<string, long> Languages { get; init; } = new Dictionary<string, long>();
    public DateTimeOffset? FirstPublished { get; init; }
    public DateTimeOffset? LastPublished { get; init; }
    public int SchemaVersion { get; init; }
    /// <summary>Size of the database in bytes, or null when the backend cannot tell.</summary>
    public long? DatabaseBytes { get; init; }
}
