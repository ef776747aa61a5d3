using Lagebild.Knowledge;
using Xunit;

namespace Lagebild.Tests.Knowledge;

public class FrameLexiconTests
{
    [Theory]
    [InlineData("liefern", "liefert")]
    [InlineData("liefern", "lieferte")]
    [InlineData("liefern", "geliefert")]
    [InlineData("liefern", "liefere")]
    [InlineData("versorgen", "versorgt")]
    [InlineData("versorgen", "versorgten")]
    [InlineData("exportieren", "exportiert")]
    [InlineData("weiter|leiten", "leitet")]
    [InlineData("weiter|leiten", "weitergeleitet")]
    [InlineData("weiter|leiten", "weiterzuleiten")]
    [InlineData("bereit|stellen", "bereitgestellt")]
    public void GermanForms_IncludeRegularInflections(string lemma, string form)
    {
        Assert.Contains(form, FrameLexicon.GermanForms(lemma, Array.Empty<string>()));
    }

    [Fact]
    public void GermanForms_InseparablePrefix_HasNoGe()
    {
        var forms = FrameLexicon.GermanForms("beliefern", Array.Empty<string>()).ToList();
        Assert.Contains("beliefert", forms);
        Assert.DoesNotContain("gebeliefert", forms);
    }

    [Theory]
    [InlineData("supply", "supplies")]
    [InlineData("supply", "supplied")]
    [InlineData("provide", "provided")]
    [InlineData("deliver", "delivering")]
    [InlineData("transfer", "transfers")]
    public void EnglishForms_IncludeRegularInflections(string lemma, string form)
    {
        Assert.Contains(form, FrameLexicon.EnglishForms(lemma, Array.Empty<string>()));
    }

    [Fact]
    public void Nouns_MatchCompoundHeads()
    {
        var lex = FrameLexicon.Load(new TableSource(null), "de");
        var hit = lex.Noun("Waffenlieferungen");
        Assert.NotNull(hit);
        Assert.Equal("waffen", hit!.Value.Modifier);
        Assert.NotNull(lex.Noun("Unterstützungsnetzwerk"));
        Assert.Null(lex.Noun("liefert"));
    }
}
