using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Document = Lagebild.Text.Document;

namespace Lagebild.Ingest;

/// <summary>What an HTML page says about itself, and its main text as lines (one per paragraph or heading).</summary>
public sealed record HtmlArticle
{
    public string? Title { get; init; }
    public IReadOnlyList<string> Lines { get; init; } = Array.Empty<string>();
    public string? Url { get; init; }
    public string? Outlet { get; init; }
    public string? Language { get; init; }
    public string? Published { get; init; }
}

/// <summary>
/// Reads a saved news page: AngleSharp parses it (broken markup included), page furniture (navigation, cookie banners,
/// share bars, "related" boxes, comments) is removed, and the main text is the block that a readability-style
/// scoring ranks first: paragraphs score by length and commas, pass their score to their parent and (less) to their
/// ancestors, class and id names such as "article"/"content" or "sidebar"/"comment" raise or lower it, and the share
/// of link text lowers it. Title from JSON-LD headline, og:title, the first h1 or &lt;title&gt;; published date from
/// article:published_time and similar meta tags, JSON-LD datePublished or &lt;time datetime&gt;; outlet from
/// og:site_name, the JSON-LD publisher or the host name; URL from the canonical link or og:url.
/// </summary>
public static partial class HtmlReader
{
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".xhtml" };

    public static bool IsHtmlPath(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Reads an HTML file: size and binary checks, UTF-8 or the declared single-byte charset, then <see cref="Read"/>.</summary>
    public static ReadResult ReadFile(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        if (!File.Exists(path))
            return ReadResult.Fail(path, Directory.Exists(path) ? "is a directory, not a file" : "no such file or directory");
        try
        {
            var sizeProblem = FileDecoder.CheckSize(new FileInfo(path).Length, options.MaxFileBytes);
            if (sizeProblem != null) return ReadResult.Fail(path, sizeProblem);
            if (!TryDecode(File.ReadAllBytes(path), out var html, out var problem)) return ReadResult.Fail(path, problem);
            return Read(html, Path.GetFileNameWithoutExtension(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Fail(path, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>UTF-8 (or a BOM's encoding); bytes that are not UTF-8 are read in the charset the page declares, when it declares a single-byte one.</summary>
    internal static bool TryDecode(byte[] bytes, out string html, out string problem)
    {
        if (FileDecoder.TryDecode(bytes, out html, out problem)) return true;
        if (!problem.StartsWith("not valid UTF-8", StringComparison.Ordinal)) return false;
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var declared = DeclaredCharset().Match(head);
        if (!declared.Success) return false;
        var name = declared.Groups[1].Value.ToLowerInvariant();
        Encoding? encoding = name switch
        {
            "iso-8859-1" or "latin1" or "latin-1" or "iso8859-1" => Encoding.Latin1,
            "windows-1252" or "cp1252" or "iso-8859-15" or "windows-1250" or "iso-8859-2" => CodePage(name),
            _ => null,
        };
        if (encoding == null)
        {
            problem += $" (the page declares charset {name}, which is not supported)";
            return false;
        }
        html = encoding.GetString(bytes);
        problem = "";
        return true;
    }

    private static Encoding? CodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>Reads an HTML page into a document: title, a blank line, then the main text, one paragraph per line.</summary>
    /// <param name="id">Document id, normally the file name without extension.</param>
    /// <param name="source">Where the page came from, for messages.</param>
    /// <param name="url">The page's address when known from outside; the page's own canonical link wins.</param>
    public static ReadResult Read(string html, string id, string? source = null, string? url = null)
    {
        source ??= id;
        if (string.IsNullOrWhiteSpace(html)) return ReadResult.Fail(source, "no text");
        HtmlArticle article;
        try
        {
            article = Parse(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ReadResult.Fail(source, $"HTML could not be parsed: {e.Message}");
        }
        var lines = article.Lines.Select(l => TextCleaner.Clean(l).Trim()).Where(l => l.Length > 0).ToList();
        var title = article.Title is { } t ? TextCleaner.Clean(t).Replace('\n', ' ').Trim() : null;
        if (string.IsNullOrEmpty(title) && lines.Count > 0)
        {
            title = lines[0];
            lines.RemoveAt(0);
        }
        if (lines.Count > 0 && title != null && Same(lines[0], title)) lines.RemoveAt(0);
        if (lines.Count == 0)
            return ReadResult.Fail(source, string.IsNullOrEmpty(title) ? "no article text found in the HTML" : "no article text found in the HTML (only a title)");

        var document = new Document(id, title + "\n\n" + string.Join('\n', lines))
        {
            Title = title,
            Source = source,
        };
        var fields = new Dictionary<string, string>();
        if ((article.Url ?? url) is { } u) fields["url"] = u;
        if (article.Outlet is { } o) fields["outlet"] = o;
        if (article.Language is { } l) fields["lang"] = l;
        if (article.Published is { } p) fields["published"] = p;
        PlainTextReader.ApplyMetadata(document, fields);
        return ReadResult.Ok(document);
    }

    private static bool Same(string a, string b) =>
        string.Equals(Collapse(a), Collapse(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the page: metadata first (JSON-LD lives in script tags), then furniture removal and main-text scoring.</summary>
    public static HtmlArticle Parse(string html)
    {
        var page = new HtmlParser().ParseDocument(html);
        var meta = Metadata(page);
        var body = page.Body;
        if (body == null) return meta;
        RemoveFurniture(body);
        var container = MainContent(body, out var extra);
        var lines = new List<string>();
        foreach (var element in extra.Prepend(container).OrderBy(e => e, DocumentOrder.Instance))
            Flatten(element, lines);
        return meta with { Lines = lines };
    }

    // ------------------------------------------------------------------ metadata

    private static HtmlArticle Metadata(IDocument page)
    {
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
            {
                foreach (var m in page.QuerySelectorAll("meta"))
                {
                    var name = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop") ?? m.GetAttribute("http-equiv");
                    if (name != null && name.Equals(key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(m.GetAttribute("content")))
                        return m.GetAttribute("content")!.Trim();
                }
            }
            return null;
        }

        var ld = JsonLd(page);
        var canonical = page.QuerySelector("link[rel~=canonical]")?.GetAttribute("href");
        var url = Absolute(canonical) ?? Absolute(Meta("og:url")) ?? Absolute(ld.Url);
        var h1 = page.QuerySelector("article h1, main h1") ?? page.QuerySelector("h1");
        var title = ld.Headline ?? Meta("og:title", "twitter:title") ?? NonEmpty(h1?.TextContent) ?? TrimSiteName(page.Title, Meta("og:site_name"));
        var published = Meta("article:published_time", "og:article:published_time", "datePublished", "pubdate", "publishdate",
                            "publish-date", "publication_date", "date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "sailthru.date")
                        ?? ld.DatePublished
                        ?? page.QuerySelector("[itemprop=datePublished]")?.GetAttribute("datetime")
                        ?? page.QuerySelector("article time[datetime], time[pubdate][datetime], time[datetime]")?.GetAttribute("datetime");
        var outlet = Meta("og:site_name") ?? ld.Publisher ?? Meta("application-name");
        var lang = page.DocumentElement?.GetAttribute("lang") ?? Meta("content-language", "og:locale", "language") ?? ld.Language;
        return new HtmlArticle
        {
            Title = title is null ? null : Collapse(title),
            Url = url,
            Outlet = outlet is null ? null : Collapse(outlet),
            Language = lang,
            Published = published is { } p && ArticleMetadata.TryParseDate(p, out _) ? p : null,
        };
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : Collapse(s);

    /// <summary>An absolute http(s) URL, or null.</summary>
    private static string? Absolute(string? href) =>
        href != null && Uri.TryCreate(href.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.ToString() : null;

    /// <summary>"Headline | Site" or "Headline - Site" without the site part.</summary>
    private static string? TrimSiteName(string? title, string? site)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        title = Collapse(title);
        foreach (var sep in new[] { " | ", " - ", " – ", " — ", " :: " })
        {
            int i = title.LastIndexOf(sep, StringComparison.Ordinal);
            if (i <= 0) continue;
            var tail = title[(i + sep.Length)..];
            if (site != null && tail.Contains(site, StringComparison.OrdinalIgnoreCase) || tail.Split(' ').Length <= 3 && i > 15)
                return title[..i].Trim();
        }
        return title;
    }

    private sealed record LdFacts(string? Headline, string? DatePublished, string? Publisher, string? Url, string? Language);

    /// <summary>Facts from JSON-LD blocks (objects, arrays and @graph); a block that is not valid JSON is ignored.</summary>
    private static LdFacts JsonLd(IDocument page)
    {
        string? headline = null, date = null, publisher = null, url = null, lang = null;
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                foreach (var obj in Objects(json.RootElement))
                {
                    bool isArticle = TypeNames(obj).Any(t => t.EndsWith("Article", StringComparison.Ordinal) || t is "BlogPosting" or "Report" or "WebPage");
                    if (!isArticle) continue;
                    headline ??= Str(obj, "headline") ?? Str(obj, "name");
                    date ??= Str(obj, "datePublished") ?? Str(obj, "dateCreated");
                    url ??= Str(obj, "url");
                    lang ??= Str(obj, "inLanguage");
                    if (publisher == null && obj.TryGetProperty("publisher", out var pub))
                        publisher = pub.ValueKind == JsonValueKind.String ? pub.GetString()
                                  : Objects(pub).Select(p => Str(p, "name")).FirstOrDefault(n => n != null);
                }
            }
            catch (JsonException) { /* broken JSON-LD is common; the meta tags still count */ }
        }
        return new LdFacts(headline, date, publisher, url, lang);
    }

    private static IEnumerable<JsonElement> Objects(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                foreach (var o in Objects(item)) yield return o;
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            yield return e;
            if (e.TryGetProperty("@graph", out var graph))
                foreach (var o in Objects(graph)) yield return o;
        }
    }

    private static IEnumerable<string> TypeNames(JsonElement obj)
    {
        if (!obj.TryGetProperty("@type", out var t)) yield break;
        if (t.ValueKind == JsonValueKind.String) yield return t.GetString()!;
        else if (t.ValueKind == JsonValueKind.Array)
            foreach (var x in t.EnumerateArray())
                if (x.ValueKind == JsonValueKind.String) yield return x.GetString()!;
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    // ------------------------------------------------------------------ furniture

    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select", "input", "textarea",
        "nav", "aside", "footer", "dialog", "object", "embed", "figcaption", "menu", "link", "meta",
    };

    private static void RemoveFurniture(IElement body)
    {
        var doomed = new List<IElement>();
        foreach (var el in body.QuerySelectorAll("*"))
        {
            if (DroppedTags.Contains(el.LocalName)) { doomed.Add(el); continue; }
            if (el.HasAttribute("hidden") || el.GetAttribute("aria-hidden") == "true") { doomed.Add(el); continue; }
            var style = el.GetAttribute("style");
            if (style != null && HiddenStyle().IsMatch(style)) { doomed.Add(el); continue; }
            if (el.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "complementary" or "dialog" or "alert") { doomed.Add(el); continue; }
            if (el.LocalName == "header" && el.Closest("article, main") == null) { doomed.Add(el); continue; }
            if (el.LocalName == "time" && el.ParentElement is { LocalName: not ("body" or "article" or "main") } holder && Collapse(holder.TextContent) == Collapse(el.TextContent)) { doomed.Add(holder); continue; }
            if (el.LocalName is "body" or "article" or "main") continue;
            var names = ClassAndId(el);
            if (names.Length > 0 && Unlikely().IsMatch(names) && !MaybeContent().IsMatch(names)) doomed.Add(el);
        }
        foreach (var el in doomed) el.Remove();
    }

    private static string ClassAndId(IElement el) => (el.GetAttribute("class") + " " + el.GetAttribute("id")).Trim();

    // ------------------------------------------------------------------ main text

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", "br", "caption",
    };

    /// <summary>The highest-scoring container, and its siblings that look like more of the same article.</summary>
    private static IElement MainContent(IElement body, out List<IElement> extra)
    {
        extra = new List<IElement>();
        var scores = new Dictionary<IElement, double>();
        foreach (var el in body.QuerySelectorAll("p, pre, td, blockquote, div, section, li"))
        {
            if (el.LocalName is "div" or "section" or "li" && el.Children.Any(c => BlockTags.Contains(c.LocalName) && c.LocalName != "br")) continue;
            var text = Collapse(el.TextContent);
            if (text.Length < 25) continue;
            double score = 1 + text.Count(c => c is ',' or '，') + Math.Min(text.Length / 100, 3);
            var ancestor = el.ParentElement;
            for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor)) scores[ancestor] = InitialScore(ancestor);
                scores[ancestor] += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
                if (ancestor == body) break;
            }
        }
        if (scores.Count == 0) return body;
        var final = scores.ToDictionary(kv => kv.Key, kv => kv.Value * (1 - LinkDensity(kv.Key)));
        var top = final.MaxBy(kv => kv.Value).Key;

        // A parent that scores almost as well holds the article more completely (text split over sibling divs).
        while (top.ParentElement is { } parent && parent != body.ParentElement && final.TryGetValue(parent, out var ps) && ps >= final[top] * 0.9
               && Collapse(parent.TextContent).Length < Collapse(top.TextContent).Length * 1.6)
            top = parent;

        if (top.ParentElement is { } siblingsParent)
        {
            double threshold = Math.Max(10, final[top] * 0.2);
            foreach (var sibling in siblingsParent.Children)
            {
                if (sibling == top) continue;
                bool add = final.TryGetValue(sibling, out var s) && s >= threshold;
                if (!add && sibling.LocalName == "p")
                {
                    var text = Collapse(sibling.TextContent);
                    var density = LinkDensity(sibling);
                    add = text.Length > 80 && density < 0.25 || text.Length > 0 && density == 0 && SentenceEnd().IsMatch(text);
                }
                if (add) extra.Add(sibling);
            }
        }
        return top;
    }

    private static double InitialScore(IElement el)
    {
        double score = el.LocalName switch
        {
            "article" => 10,
            "div" or "main" => 5,
            "section" or "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        var names = ClassAndId(el);
        if (names.Length > 0)
        {
            if (Negative().IsMatch(names)) score -= 25;
            if (Positive().IsMatch(names)) score += 25;
        }
        if (el.GetAttribute("itemprop") is "articleBody" or "text") score += 25;
        return score;
    }

    private static double LinkDensity(IElement el)
    {
        var total = Collapse(el.TextContent).Length;
        if (total == 0) return 0;
        var linked = el.QuerySelectorAll("a").Sum(a => Collapse(a.TextContent).Length);
        return Math.Min(1, (double)linked / total);
    }

    /// <summary>The element's text as lines: block elements and &lt;br&gt; end a line; link lists and other link-heavy blocks are left out.</summary>
    private static void Flatten(IElement root, List<string> lines)
    {
        var line = new StringBuilder();
        void Flush()
        {
            var text = Collapse(line.ToString());
            if (text.Length > 0) lines.Add(text);
            line.Clear();
        }
        void Walk(INode node, int depth)
        {
            if (node is IText text)
            {
                line.Append(text.Data);
                return;
            }
            if (node is not IElement el) return;
            if (depth > MaxDepth)
            {
                line.Append(' ').Append(el.TextContent); // absurdly deep markup: its text, without descending further
                return;
            }
            bool block = BlockTags.Contains(el.LocalName);
            if (block)
            {
                Flush();
                if (el.LocalName == "br") return;
                var length = Collapse(el.TextContent).Length;
                if (el != root && length > 0 && LinkDensity(el) > 0.5 && el.LocalName is not ("h1" or "h2" or "h3")) return;
            }
            foreach (var child in el.ChildNodes) Walk(child, depth + 1);
            if (block) Flush();
            else if (el.LocalName is "img") line.Append(' ');
        }
        Walk(root, 0);
        Flush();
    }

    /// <summary>Nesting depth below which <see cref="Flatten"/> stops recursing (real pages stay far above it).</summary>
    private const int MaxDepth = 400;

    private static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    private sealed class DocumentOrder : IComparer<IElement>
    {
        public static readonly DocumentOrder Instance = new();
        public int Compare(IElement? a, IElement? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            var position = a!.CompareDocumentPosition(b!);
            return (position & DocumentPositions.Following) != 0 ? -1 : 1;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_:.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredCharset();

    [GeneratedRegex(@"[.!?…""“”»«]\s*$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"-ad-|\bads?\b|advert|anzeige|werbung|banner|breadcrumb|combx|comment|kommentar|community|cookie|consent|gdpr|disqus|footer|header|masthead|menu|navigation|navbar|newsletter|paywall|popup|modal|related|empfehlung|remark|replies|rss|share|sharing|teilen|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|abo-|teaser-list|outbrain|taboola|pagination|pager|promo|tags?\b|login|signup|byline|dateline|article-meta|\bmeta\b|timestamp", RegexOptions.IgnoreCase)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"and|article|artikel|body|column|content|inhalt|main|story|text|entry|post", RegexOptions.IgnoreCase)]
    private static partial Regex MaybeContent();

    [GeneratedRegex(@"article|artikel|body|content|inhalt|entry|hentry|main|page|post|text|blog|story|richtext", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();

    [GeneratedRegex(@"hidden|banner|combx|comment|kommentar|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|teaser|caption|credit|copyright", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();
}
