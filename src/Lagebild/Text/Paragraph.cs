namespace Lagebild.Text;

public enum ParagraphKind
{
    /// <summary>The headline: the outlet's own voice.</summary>
    Title,
    /// <summary>Teaser lines and sub-headings: also the outlet's voice.</summary>
    Heading,
    Body,
    /// <summary>Page furniture (captions, plugs, "Lesen Sie auch"): kept in the text, never analysed.</summary>
    Furniture,
}

/// <summary>A block of text separated by line breaks, with what kind of block it is.</summary>
public sealed record Paragraph(int Index, TextSpan Span, ParagraphKind Kind, string? FurnitureReason = null);
