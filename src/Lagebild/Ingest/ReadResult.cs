using System.Diagnostics.CodeAnalysis;
using Lagebild.Text;

namespace Lagebild.Ingest;

/// <summary>Why an input could not be read. <see cref="Source"/> names the file, with ":line" for JSON lines.</summary>
public sealed record IngestError(string Source, string Problem)
{
    public override string ToString() => $"{Source}: {Problem}";
}

/// <summary>One outcome of reading: a document or an error, never both, so a bad input never stops a batch.</summary>
public sealed record ReadResult
{
    private ReadResult(Document? document, IngestError? error)
    {
        Document = document; Error = error;
    }

    public Document? Document { get; }
    public IngestError? Error { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Document != null;

    public static ReadResult Ok(Document document) => new(document, null);
    public static ReadResult Fail(string source, string problem) => new(null, new IngestError(source, problem));

    public override string ToString() => IsOk ? $"ok {Document.Id}" : Error.ToString();
}
