using System.IO.Compression;
using System.Text;

namespace Lagebild.Nlp.Corpora;

/// <summary>A corpus line that cannot be read: names the file, the line and the problem.</summary>
public sealed class CorpusFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}");

/// <summary>
/// Readers for the corpora the models train on: CoNLL-U treebanks, the FORM##UPOS ".pos" files (UD German GSD v2.3),
/// and BIO-tagged NER files (GermEval 2014 with 2 or 4 columns, UNER IOB2). ".gz" files are decompressed on the fly.
/// </summary>
public static class CorpusReader
{
    public static TextReader OpenText(string path)
    {
        Stream stream;
        try { stream = File.OpenRead(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorpusFormatException(path, 0, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
        }
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>Reads a treebank: CoNLL-U, or the "FORM##UPOS FORM##UPOS ..." one-sentence-per-line form (detected by "##").</summary>
    public static List<UdSentence> ReadTreebank(string path)
    {
        using var reader = OpenText(path);
        var first = reader.Peek();
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".pos", StringComparison.OrdinalIgnoreCase) ? ReadPos(reader, path) : ReadConllu(reader, path);
    }

    public static List<UdSentence> ReadConllu(TextReader reader, string path)
    {
        var result = new List<UdSentence>();
        var rows = new List<string[]>();
        string? id = null, text = null;
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                if (rows.Count > 0) result.Add(Build(rows, id, text));
                rows.Clear(); id = null; text = null;
                continue;
            }
            if (line[0] == '#')
            {
                if (line.StartsWith("# sent_id = ", StringComparison.Ordinal)) id = line[12..];
                else if (line.StartsWith("# text = ", StringComparison.Ordinal)) text = line[9..];
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length != 10) throw new CorpusFormatException(path, lineNo, $"expected 10 tab-separated columns, found {cols.Length}");
            if (cols[0].Contains('-') || cols[0].Contains('.')) continue;   // multi-word token line or empty node
            if (!int.TryParse(cols[0], out _)) throw new CorpusFormatException(path, lineNo, $"bad word id '{cols[0]}'");
            if (cols[6] != "_" && !int.TryParse(cols[6], out _)) throw new CorpusFormatException(path, lineNo, $"bad head '{cols[6]}'");
            rows.Add(cols);
        }
        if (rows.Count > 0) result.Add(Build(rows, id, text));
        return result;
    }

    private static UdSentence Build(List<string[]> rows, string? id, string? text)
    {
        int n = rows.Count;
        var forms = new string[n]; var lemmas = new string[n]; var upos = new string[n]; var xpos = new string[n];
        var feats = new string[n]; var heads = new int[n]; var deprels = new string[n];
        for (int i = 0; i < n; i++)
        {
            var c = rows[i];
            forms[i] = c[1]; lemmas[i] = c[2]; upos[i] = c[3]; xpos[i] = c[4]; feats[i] = c[5];
            heads[i] = c[6] == "_" ? -1 : int.Parse(c[6]);
            deprels[i] = c[7];
        }
        return new UdSentence(forms, lemmas, upos, xpos, feats, heads, deprels) { Id = id, Text = text };
    }

    /// <summary>"im##_ in##ADP dem##DET": the surface form with tag "_" is a multi-word token and is skipped.</summary>
    public static List<UdSentence> ReadPos(TextReader reader, string path)
    {
        var result = new List<UdSentence>();
        int lineNo = 0;
        string? line;
        var forms = new List<string>(); var tags = new List<string>();
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            forms.Clear(); tags.Clear();
            foreach (var item in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int sep = item.LastIndexOf("##", StringComparison.Ordinal);
                if (sep <= 0) throw new CorpusFormatException(path, lineNo, $"token '{item}' has no ##TAG");
                var tag = item[(sep + 2)..];
                if (tag == "_") continue;
                forms.Add(item[..sep]); tags.Add(tag);
            }
            int n = forms.Count;
            var blank = Enumerable.Repeat("_", n).ToArray();
            result.Add(new UdSentence(forms.ToArray(), blank, tags.ToArray(), blank, blank, Enumerable.Repeat(-1, n).ToArray(), blank)
                { Id = $"line-{lineNo}" });
        }
        return result;
    }

    /// <summary>"#&lt;TAB&gt;O": the token "#" in a two-column file, not a comment.</summary>
    private static bool IsTokenLine(string line)
    {
        var cols = line.Split('\t');
        return cols.Length == 2 && (cols[1] == "O" || cols[1].StartsWith("B-", StringComparison.Ordinal) || cols[1].StartsWith("I-", StringComparison.Ordinal));
    }

    /// <summary>
    /// Reads a BIO file. Lines starting with '#' are comments; a blank line ends a sentence. Columns are split on tabs
    /// (or spaces when a line has no tab). With three or more columns and a numeric first column (GermEval 4-column,
    /// UNER) the token is column 1 and the tag column 2; otherwise token and tag are columns 0 and 1.
    /// </summary>
    public static List<NerSentence> ReadBio(string path)
    {
        using var reader = OpenText(path);
        var result = new List<NerSentence>();
        var tokens = new List<string>(); var tags = new List<string>();
        string? id = null;
        int lineNo = 0;
        string? line;
        void Flush()
        {
            if (tokens.Count > 0) result.Add(new NerSentence(tokens.ToArray(), tags.ToArray()) { Id = id });
            tokens.Clear(); tags.Clear(); id = null;
        }
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Length == 0 || line.All(char.IsWhiteSpace)) { Flush(); continue; }
            if (line[0] == '#' && (line.Length == 1 || line[1] is ' ' or '\t') && !IsTokenLine(line))
            {
                if (line.StartsWith("# sent_id = ", StringComparison.Ordinal)) id = line[12..];
                continue;
            }
            var cols = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length < 2) throw new CorpusFormatException(path, lineNo, "expected a token and a tag");
            bool indexed = cols.Length >= 3 && cols[0].Length > 0 && cols[0].All(char.IsAsciiDigit);
            var token = indexed ? cols[1] : cols[0];
            var tag = indexed ? cols[2] : cols[1];
            if (tag != "O" && !(tag.Length > 2 && tag[0] is 'B' or 'I' && tag[1] == '-'))
                throw new CorpusFormatException(path, lineNo, $"bad BIO tag '{tag}'");
            tokens.Add(token); tags.Add(tag);
        }
        Flush();
        return result;
    }
}
