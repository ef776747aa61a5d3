using System.Runtime.CompilerServices;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>
/// Which mention covers each token, built once per document after the mention step, so the claim rules can ask
/// "is this token part of a name or an item?" without scanning every mention.
/// </summary>
internal sealed class MentionIndex
{
    private static readonly ConditionalWeakTable<Document, MentionIndex> Cache = new();

    private readonly bool[] _inAny;
    private readonly bool[] _inItem;

    private MentionIndex(Document doc)
    {
        _inAny = new bool[doc.Tokens.Count];
        _inItem = new bool[doc.Tokens.Count];
        foreach (var m in doc.Mentions)
            for (int k = m.FirstToken; k < m.EndToken && k < _inAny.Length; k++)
            {
                _inAny[k] = true;
                if (m.Kind == MentionKind.Item) _inItem[k] = true;
            }
        AccusationContext = false;
    }

    /// <summary>True when the document accuses or denies (so a negative statement of the accused side is a denial).</summary>
    public bool AccusationContext { get; private set; }

    /// <summary>Builds the index afresh (mentions may have changed since the last run on this document).</summary>
    public static MentionIndex Build(Document doc, Func<Document, bool> accusationContext)
    {
        var index = new MentionIndex(doc) { AccusationContext = accusationContext(doc) };
        Cache.AddOrUpdate(doc, index);
        return index;
    }

    public static MentionIndex For(Document doc) => Cache.TryGetValue(doc, out var i) && i._inAny.Length == doc.Tokens.Count ? i : Build(doc, _ => false);

    public bool InMention(int token) => token >= 0 && token < _inAny.Length && _inAny[token];
    public bool InItem(int token) => token >= 0 && token < _inItem.Length && _inItem[token];
}
