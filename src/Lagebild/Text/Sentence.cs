namespace Lagebild.Text;

/// <summary>A sentence: a character span and the token range [FirstToken, EndToken).</summary>
public sealed class Sentence
{
    public Sentence(int index, TextSpan span, int firstToken, int endToken, int paragraph)
    {
        Index = index; Span = span; FirstToken = firstToken; EndToken = endToken; Paragraph = paragraph;
    }

    public int Index { get; }
    public TextSpan Span { get; }
    public int FirstToken { get; }
    /// <summary>One past the last token.</summary>
    public int EndToken { get; }
    public int Paragraph { get; }
    public int TokenCount => EndToken - FirstToken;
}
