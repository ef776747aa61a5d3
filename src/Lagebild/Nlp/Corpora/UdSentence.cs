namespace Lagebild.Nlp.Corpora;

/// <summary>
/// One sentence of a treebank as syntactic words (multi-word token lines such as "im" = "in dem" are resolved to
/// their words, empty nodes are skipped). Columns missing in the file are "_"; heads are 1-based, 0 = root,
/// -1 = unknown.
/// </summary>
public sealed class UdSentence
{
    public UdSentence(string[] forms, string[] lemmas, string[] upos, string[] xpos, string[] feats, int[] heads, string[] deprels)
    {
        Forms = forms; Lemmas = lemmas; Upos = upos; Xpos = xpos; Feats = feats; Heads = heads; Deprels = deprels;
    }

    public string? Id { get; init; }
    public string? Text { get; init; }
    public string[] Forms { get; }
    public string[] Lemmas { get; }
    public string[] Upos { get; }
    public string[] Xpos { get; }
    public string[] Feats { get; }
    public int[] Heads { get; }
    public string[] Deprels { get; }
    public int Length => Forms.Length;

    public bool HasTrees => Heads.All(h => h >= 0);
    public bool HasXpos => Xpos.Any(x => x != "_");
}

/// <summary>One sentence of an NER corpus: tokens and their BIO tags.</summary>
public sealed class NerSentence(string[] tokens, string[] tags)
{
    public string? Id { get; init; }
    public string[] Tokens { get; } = tokens;
    public string[] Tags { get; } = tags;
    public int Length => Tokens.Length;
}
