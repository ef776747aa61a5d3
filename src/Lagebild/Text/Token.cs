namespace Lagebild.Text;

public enum TokenKind { Word, Number, Punctuation, OpenQuote, CloseQuote, AmbiguousQuote, Symbol }

/// <summary>One token: a view of the document text by offsets, plus what later steps learn about it.</summary>
public sealed class Token
{
    public Token(int index, int start, int end, string text, TokenKind kind)
    {
        Index = index; Start = start; End = end; Text = text; Kind = kind;
    }

    /// <summary>Position in <see cref="Document.Tokens"/>.</summary>
    public int Index { get; }
    public int Start { get; }
    public int End { get; }
    public string Text { get; }
    public TokenKind Kind { get; set; }
    public TextSpan Span => new(Start, End);
    /// <summary>Index of the sentence the token belongs to (set by the sentence splitter).</summary>
    public int Sentence { get; set; } = -1;
    /// <summary>Lower-cased form used for lexicon look-ups.</summary>
    public string Lower => _lower ??= Text.ToLowerInvariant();
    private string? _lower;
    /// <summary>Lemma when a lemmatizer or lexicon supplied one.</summary>
    public string? Lemma { get; set; }
    /// <summary>Universal POS tag when a tagger supplied one.</summary>
    public string? Pos { get; set; }
    /// <summary>Language-specific tag (STTS, PTB) when the tagger was trained on one.</summary>
    public string? Xpos { get; set; }
    /// <summary>BIO entity tag from the NER model ("B-PER", "I-ORG", "O"), or null when none ran.</summary>
    public string? Entity { get; set; }
    /// <summary>Index in <see cref="Document.Tokens"/> of the syntactic head, -1 for the root or when no parser ran.</summary>
    public int Head { get; set; } = -1;
    /// <summary>Dependency relation to the head (UD: nsubj, obj, obl...), or null when no parser ran.</summary>
    public string? Deprel { get; set; }

    public bool IsWord => Kind == TokenKind.Word;
    public bool IsQuote => Kind is TokenKind.OpenQuote or TokenKind.CloseQuote or TokenKind.AmbiguousQuote;
    public bool IsCapitalized => Text.Length > 0 && char.IsUpper(Text[0]);
    public override string ToString() => Text;
}
