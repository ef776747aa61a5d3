using Lagebild.Knowledge;
using Lagebild.Nlp;

namespace Lagebild.Text;

/// <summary>
/// Splits a document into paragraphs (one per non-empty line) and says what each is: the title, a heading or
/// teaser (the outlet's voice), body, or page furniture (captions, credits, plugs, "Lesen Sie auch" teasers,
/// bylines, duplicates), which later steps skip. Furniture is found by general rules and the cue tables
/// Lang/de/furniture.tsv and Lang/en/furniture.tsv, never by strings of one outlet; when unsure, a line stays content.
/// </summary>
public sealed partial class ParagraphSegmenter : IPipe
{
    /// <summary>"contains" cues and end-of-line credits only count in lines this short: a caption is short,
    /// and a long body paragraph with an embedded credit still carries claims.</summary>
    private const int MaxCaptionLength = 350;
    private const int MaxHeadingLength = 160;
    private const int MaxHeadingWords = 20;
    private const double DuplicateJaccard = 0.9;

    private readonly List<string> _prefixCues = new();
    private readonly List<string> _containsCues = new();
    private readonly List<string> _lineCues = new();

    public ParagraphSegmenter(TableSource source)
    {
        foreach (var name in new[] { "de/furniture.tsv", "en/furniture.tsv" })
        {
            var table = source.Load(name);
            foreach (var row in table.All())
            {
                var pattern = row["pattern"];
                var list = row["kind"].ToLowerInvariant() switch
                {
                    "prefix" => _prefixCues,
                    "contains" => _containsCues,
                    "line" => _lineCues,
                    var kind => throw new KnowledgeException($"{name}: unknown kind '{kind}' for '{pattern}' (prefix|contains|line)"),
                };
                if (pattern.Length > 0 && !list.Contains(pattern, StringComparer.OrdinalIgnoreCase)) list.Add(pattern);
            }
        }
        // Longest first, so "Lesen Sie auch" wins over a shorter cue and a glued prompt is cut at the right place.
        foreach (var list in new[] { _prefixCues, _containsCues, _lineCues })
            list.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    public string Name => "paragraphs";

    /// <summary>One line of the page while it is being classified.</summary>
    private sealed class Line(TextSpan span, string text, bool isBullet)
    {
        public TextSpan Span = span;
        public string Text = text;
        public readonly bool IsBullet = isBullet;
        public string? Furniture;
        public bool IsCaption;           // photo caption or credit: its uncredited copy is furniture too
        public bool IsBarePrompt;        // "Lesen Sie auch:" alone: the link teaser follows on the next line(s)
        public ParagraphKind Kind = ParagraphKind.Body;
        public HashSet<string> Words => _words ??= WordsOf(Text);
        private HashSet<string>? _words;
    }

    public void Process(Document doc)
    {
        var lines = SplitLines(doc.Text);
        foreach (var line in lines) ClassifyByRules(line);
        MarkLinkTeasers(lines);
        MarkDuplicates(lines);
        MarkUncreditedCaptions(lines);
        MarkNavigationLabels(lines);
        AssignKinds(lines);

        doc.Paragraphs.Clear();
        foreach (var line in lines)
            doc.Paragraphs.Add(new Paragraph(doc.Paragraphs.Count, line.Span, line.Kind, line.Furniture));
        // The reader took the first line as the title; when furniture came first, the headline is further down.
        if (lines.FirstOrDefault(l => l.Kind == ParagraphKind.Title) is { } title) doc.Title = doc.Slice(title.Span);
    }

    // ---- splitting ----

    private List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            int s = start, e = end;
            while (s < e && char.IsWhiteSpace(text[s])) s++;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (e > s) AddLine(lines, text, s, e);
            start = end + 1;
        }
        return lines;
    }

    private void AddLine(List<Line> lines, string text, int s, int e)
    {
        // A stand-alone prompt glued to the next text ("Schreibe einen KommentarWladimir Putin: ...") is two paragraphs.
        // Only multi-word prompts: a one-word cue glued to a capital is too often a compound ("HomeOffice").
        var raw = text[s..e];
        foreach (var cue in _lineCues)
        {
            if (!cue.Contains(' ') || raw.Length <= cue.Length || !raw.StartsWith(cue, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = raw[cue.Length..].TrimStart();
            if (rest.Length == 0 || !(char.IsUpper(rest[0]) || char.IsDigit(rest[0]))) continue;
            lines.Add(new Line(new TextSpan(s, s + cue.Length), cue, false) { Furniture = $"cue '{cue}' (glued to the next text)" });
            s += cue.Length;
            while (s < e && char.IsWhiteSpace(text[s])) s++;
            break;
        }
        var bullet = BulletMarker().Match(text, s, e - s);
        bool isBullet = bullet.Success && bullet.Index == s && s + bullet.Length < e;
        if (isBullet) s += bullet.Length;
        lines.Add(new Line(new TextSpan(s, e), text[s..e], isBullet));
    }

    // ---- rules on one line ----

    private void ClassifyByRules(Line line)
    {
        if (line.Furniture != null) return;
        var t = line.Text;
        var cue = MatchLineCue(t) ?? MatchPrefixCue(t, out line.IsBarePrompt);
        if (cue != null) { line.Furniture = $"cue '{cue}'"; return; }
        if (t.Length <= MaxCaptionLength && MatchContainsCue(t) is { } caption)
        {
            line.Furniture = $"cue '{caption}'"; line.IsCaption = true; return;
        }
        if (t.Length <= MaxCaptionLength && IsCredit(t))
        {
            line.Furniture = "photo or agency credit at the end of the line"; line.IsCaption = true; return;
        }
        line.Furniture = NoLetters().IsMatch(t) ? "separator"
            : BareLink().IsMatch(t) ? "bare link"
            : IsDateLine(t) ? "date or time line"
            : CodeLine().IsMatch(t) && (t.StartsWith('/') || t.Count(c => c == '/') >= 2) ? "editorial code line"
            : t.Length <= 80 && !EndsSentence(t) && Byline().IsMatch(t) ? "byline"
            : IsSocialPlug(t) ? "social-media plug"
            : t.Length <= 200 && NewsletterWord().IsMatch(t) ? "newsletter plug"
            : null;
    }

    private string? MatchLineCue(string t)
    {
        var core = LineCueTail().Replace(t, "");
        return _lineCues.FirstOrDefault(c => core.Equals(c, StringComparison.OrdinalIgnoreCase));
    }

    private string? MatchPrefixCue(string t, out bool bare)
    {
        bare = false;
        foreach (var cue in _prefixCues)
        {
            if (!t.StartsWith(cue, StringComparison.OrdinalIgnoreCase)) continue;
            if (t.Length > cue.Length && char.IsLetterOrDigit(cue[^1]) && char.IsLetterOrDigit(t[cue.Length])) continue;
            bare = t[cue.Length..].All(c => char.IsWhiteSpace(c) || char.IsPunctuation(c));
            return cue;
        }
        return null;
    }

    private string? MatchContainsCue(string t)
    {
        foreach (var cue in _containsCues)
        {
            for (int at = t.IndexOf(cue, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = t.IndexOf(cue, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                bool leftOk = at == 0 || !char.IsLetter(cue[0]) || !char.IsLetter(t[at - 1]);
                int after = at + cue.Length;
                bool rightOk = after >= t.Length || !char.IsLetter(cue[^1]) || !char.IsLetter(t[after]);
                if (leftOk && rightOk) return cue;
            }
        }
        return null;
    }

    // ---- rules on neighbouring lines ----

    /// <summary>
    /// The headline(s) after a bare "Lesen Sie auch:" are links to other articles. Not before the first content
    /// line: there a bare prompt ("Connect with us") is page chrome and the next line is the real title.
    /// </summary>
    private static void MarkLinkTeasers(List<Line> lines)
    {
        int firstContent = lines.FindIndex(l => l.Furniture == null);
        for (int i = Math.Max(0, firstContent); firstContent >= 0 && i < lines.Count; i++)
        {
            if (!lines[i].IsBarePrompt) continue;
            for (int j = i + 1; j < lines.Count && j <= i + 5; j++)
            {
                var next = lines[j];
                if (next.Furniture != null) continue;
                if (next.Text.Length > 200 || next.Text.EndsWith('.')) break;
                next.Furniture = $"link teaser after paragraph {i}";
            }
        }
    }

    /// <summary>A line that repeats an earlier one (the same caption with and without credit, a repeated title).</summary>
    private static void MarkDuplicates(List<Line> lines)
    {
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].Furniture != null || lines[i].Words.Count == 0) continue;
            for (int j = 0; j < i; j++)
            {
                if (Jaccard(lines[i].Words, lines[j].Words) < DuplicateJaccard) continue;
                lines[i].Furniture = $"duplicate of paragraph {j}";
                lines[i].IsCaption = lines[j].IsCaption;
                break;
            }
        }
    }

    /// <summary>A caption printed twice: once plain, once followed by its credit ("… (Foto)", "… Bild: …").</summary>
    private static void MarkUncreditedCaptions(List<Line> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Furniture != null || line.Words.Count < 3) continue;
            var stem = line.Text.TrimEnd('.', ' ');
            for (int j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
            {
                if (j == i || !lines[j].IsCaption || lines[j].Text.Length <= stem.Length) continue;
                if (!lines[j].Text.StartsWith(stem, StringComparison.Ordinal)) continue;
                line.Furniture = $"caption (its credited copy is paragraph {j})";
                line.IsCaption = true;
                break;
            }
        }
    }

    /// <summary>One-word labels ("Politik", "Ausland") before the first body paragraph are section navigation.</summary>
    private static void MarkNavigationLabels(List<Line> lines)
    {
        foreach (var line in lines)
        {
            if (line.Furniture != null) continue;
            if (LooksLikeBody(line)) break;
            if (!line.IsBullet && line.Text.Length <= 25 && SingleWord().IsMatch(line.Text))
                line.Furniture = "navigation label before the body";
        }
    }

    private static void AssignKinds(List<Line> lines)
    {
        bool titleSeen = false;
        foreach (var line in lines)
        {
            if (line.Furniture != null) { line.Kind = ParagraphKind.Furniture; continue; }
            TrimEditorCode(line);
            if (!titleSeen)
            {
                // The first content line is the headline, unless it is plainly a lead paragraph (dev texts cut from pages).
                titleSeen = true;
                if (LooksLikeTitle(line.Text)) { line.Kind = ParagraphKind.Title; continue; }
            }
            line.Kind = (line.IsBullet && line.Text.Length <= 300) || LooksLikeHeading(line.Text)
                ? ParagraphKind.Heading
                : ParagraphKind.Body;
        }

        int lastBody = lines.FindLastIndex(l => l.Kind == ParagraphKind.Body);
        for (int i = lastBody + 1; lastBody >= 0 && i < lines.Count; i++)
        {
            // After the article's last paragraph, a short line between furniture ("Follow us…", the newsletter's
            // name, "Fresh daily newsletter…") belongs to the same plug.
            bool betweenFurniture = lines[i - 1].Kind == ParagraphKind.Furniture
                                    && i + 1 < lines.Count && lines[i + 1].Kind == ParagraphKind.Furniture;
            if (lines[i].Kind == ParagraphKind.Heading && !lines[i].IsBullet && betweenFurniture)
            {
                lines[i].Kind = ParagraphKind.Furniture;
                lines[i].Furniture = "short line among the page furniture after the article";
            }
        }

        // A heading introduces text; one with nothing after it is an excerpt cut off mid-sentence.
        var last = lines.LastOrDefault(l => l.Kind != ParagraphKind.Furniture);
        if (last is { Kind: ParagraphKind.Heading, IsBullet: false }) last.Kind = ParagraphKind.Body;
    }

    /// <summary>dpa-AFX appends editor initials to the last sentence ("… geraten ist./hei/DP/jha"); they are not text.</summary>
    private static void TrimEditorCode(Line line)
    {
        var m = TrailingEditorCode().Match(line.Text);
        if (!m.Success) return;
        line.Span = new TextSpan(line.Span.Start, line.Span.Start + m.Index);
        line.Text = line.Text[..m.Index];
    }
}
