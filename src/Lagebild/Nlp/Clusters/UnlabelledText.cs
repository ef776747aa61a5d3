using Lagebild.Nlp.Corpora;

namespace Lagebild.Nlp.Clusters;

/// <summary>
/// Token text of the corpora used to learn word classes, whatever their format: FORM##UPOS lines (surface forms
/// kept, contractions not expanded), CoNLL-U, BIO/IOB2 files, HIPE TSV and running "token tag" lists without
/// sentence breaks (cut at sentence-final punctuation). Tags are ignored.
/// </summary>
public static class UnlabelledText
{
    public static IEnumerable<string[]> Read(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        if (name.EndsWith(".pos", StringComparison.OrdinalIgnoreCase)) return ReadPos(path);
        if (name.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase))
            return CorpusReader.ReadTreebank(path).Select(s => s.Forms.Select(Normalize).ToArray());
        if (Path.GetFileName(name).StartsWith("HIPE-", StringComparison.Ordinal) || name.EndsWith(".bio", StringComparison.OrdinalIgnoreCase))
            return ReadRunning(path);
        return CorpusReader.ReadBio(path).Select(s => s.Tokens.Select(Normalize).ToArray());
    }

    private static IEnumerable<string[]> ReadPos(string path)
    {
        using var reader = CorpusReader.OpenText(path);
        string? line;
        var words = new List<string>();
        while ((line = reader.ReadLine()) != null)
        {
            words.Clear();
            int skip = 0;
            foreach (var item in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int sep = item.LastIndexOf("##", StringComparison.Ordinal);
                if (sep <= 0) continue;
                if (skip > 0) { skip--; continue; }
                // "im##_ in##ADP dem##DET": keep the surface form as NER input shows it, drop its two words.
                if (item.AsSpan(sep + 2).SequenceEqual("_")) skip = 2;
                words.Add(Normalize(item[..sep]));
            }
            if (words.Count > 0) yield return words.ToArray();
        }
    }

    /// <summary>One token per line in the first column; '#' lines and the HIPE header are skipped.</summary>
    private static IEnumerable<string[]> ReadRunning(string path)
    {
        using var reader = CorpusReader.OpenText(path);
        string? line;
        var words = new List<string>();
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("TOKEN\t", StringComparison.Ordinal))
            {
                if (line.Length == 0 && words.Count > 0) { yield return words.ToArray(); words.Clear(); }
                continue;
            }
            int end = line.IndexOfAny(['\t', ' ']);
            var token = end < 0 ? line : line[..end];
            if (token.Length == 0) continue;
            words.Add(Normalize(token));
            if (token is "." or "!" or "?" || words.Count >= 100 || line.Contains("EndOfSentence", StringComparison.Ordinal))
            {
                yield return words.ToArray();
                words.Clear();
            }
        }
        if (words.Count > 0) yield return words.ToArray();
    }

    // cp1252 meanings of 0x80-0x9F, as mis-decoded text carries them as C1 control characters.
    private const string Cp1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    /// <summary>Removes soft hyphens and maps C1 control characters through cp1252 (GermEval 2014 train text).</summary>
    public static string Normalize(string token)
    {
        bool dirty = false;
        foreach (char ch in token) if (ch == '\u00AD' || ch is >= '\u0080' and <= '\u009F') { dirty = true; break; }
        if (!dirty) return token;
        var chars = new List<char>(token.Length);
        foreach (char ch in token)
        {
            if (ch == '\u00AD') continue;
            chars.Add(ch is >= '\u0080' and <= '\u009F' ? Cp1252High[ch - 0x80] : ch);
        }
        return chars.Count > 0 ? new string(chars.ToArray()) : token;
    }
}
