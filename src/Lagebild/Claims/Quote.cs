using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>A direct quotation: the quoted text (without the marks) and who said it.</summary>
public sealed class Quote
{
    public Quote(TextSpan span, TextSpan content) { Span = span; Content = content; }

    /// <summary>The quote including its quotation marks.</summary>
    public TextSpan Span { get; }
    /// <summary>The quoted words only.</summary>
    public TextSpan Content { get; }
    /// <summary>Canonical speaker id ("person:Anna Stein", "CN", "org:NATO"), or null when anonymous.</summary>
    public string? Speaker { get; set; }
    /// <summary>The speaker as the text names them, for display ("Anna Stein", "Nato").</summary>
    public string? SpeakerName { get; set; }
    public TextSpan? SpeakerSpan { get; set; }
    public TextSpan? CueSpan { get; set; }
    /// <summary>The quote's language when it differs from the document's (an English statement quoted in a German report).</summary>
    public string? Lang { get; set; }
}
