using Lagebild.Ingest;
using Lagebild.Knowledge;
using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Ingest;

/// <summary>Finds the third-party corpus in ../shared (beside the repository), if this checkout has it.</summary>
internal static class SharedCorpus
{
    public static readonly string? Root = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "seeds"))) return candidate;
        }
        return null;
    }
}

/// <summary>A test that needs ../shared; skipped with a message when it is not there.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Root == null) Skip = "shared/seeds not found beside the repository (walked up from the test binaries)";
    }
}

/// <summary>
/// Behaviour on the real seed and dev texts. Assertions name only short cue words; the third-party texts
/// themselves stay in ../shared.
/// </summary>
public sealed class SharedCorpusTests
{
    private static string Shared(params string[] parts) => Path.Combine([SharedCorpus.Root!, .. parts]);

    [SharedCorpusFact]
    public void SeedsAndDevTexts_ReadWithoutError()
    {
        var results = DocumentReader.ReadPaths([Shared("seeds"), Shared("eval", "dev", "texts")]).ToList();

        Assert.All(results, r => Assert.True(r.IsOk, r.ToString()));
        Assert.True(results.Count >= 2 + 30, $"only {results.Count} documents");
        var devDocs = results.Select(r => r.Document!).Where(d => d.Id.StartsWith('d')).ToList();
        Assert.All(devDocs, d =>
        {
            Assert.NotNull(d.Url);
            Assert.NotNull(d.Outlet);
            Assert.Contains(d.Lang, new[] { "de", "en" });
            Assert.DoesNotContain("URL:", d.Text[..Math.Min(10, d.Text.Length)]);
        });
    }

    [SharedCorpusFact]
    public void DevHeaderLanguage_AgreesWithTheCrudeGuess()
    {
        foreach (var result in DocumentReader.ReadPaths([Shared("eval", "dev", "texts")]))
        {
            var doc = result.Document!;
            Assert.True(ArticleMetadata.GuessLanguage(doc.Text) == doc.Lang, $"{doc.Id}: header says {doc.Lang}");
        }
    }

    [SharedCorpusFact]
    public void Seeds_CuedParagraphsAreFurniture()
    {
        var segmenter = new ParagraphSegmenter(new TableSource());
        int checkedParagraphs = 0;
        foreach (var result in DocumentReader.ReadPaths([Shared("seeds")]))
        {
            var doc = result.Document!;
            segmenter.Process(doc);
            Assert.Contains(doc.Paragraphs, p => p.Kind == ParagraphKind.Title);
            Assert.Contains(doc.Paragraphs, p => p.Kind == ParagraphKind.Body);
            foreach (var p in doc.Paragraphs)
            {
                var text = doc.Slice(p.Span);
                if (!new[] { "Lesen Sie auch", "Folgen Sie", "Mehr zum Thema", "(Foto)" }.Any(text.Contains)) continue;
                checkedParagraphs++;
                Assert.True(p.Kind == ParagraphKind.Furniture, $"{doc.Id} paragraph {p.Index} is {p.Kind}");
            }
        }
        Assert.True(checkedParagraphs >= 4, $"expected the seeds to contain the cues, found {checkedParagraphs}");
    }

    [SharedCorpusFact]
    public void DevTexts_EveryDocumentKeepsBodyText()
    {
        var segmenter = new ParagraphSegmenter(new TableSource());
        foreach (var result in DocumentReader.ReadPaths([Shared("eval", "dev", "texts")]))
        {
            var doc = result.Document!;
            segmenter.Process(doc);
            int body = doc.Paragraphs.Where(p => p.Kind == ParagraphKind.Body).Sum(p => p.Span.Length);
            int furniture = doc.Paragraphs.Where(p => p.Kind == ParagraphKind.Furniture).Sum(p => p.Span.Length);
            Assert.True(body > furniture, $"{doc.Id}: {furniture} furniture characters against {body} body characters");
        }
    }
}
