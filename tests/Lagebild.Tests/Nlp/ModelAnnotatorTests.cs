using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Nlp.Models;
using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Nlp;

public sealed class ModelAnnotatorTests
{
    /// <summary>Test doubles with fixed, rule-like behaviour, so the annotator's wiring is what is tested.</summary>
    private sealed class CapitalisedIsNoun : ITagger
    {
        public PosTags Tag(IReadOnlyList<string> words) =>
            new(words.Select(w => char.IsUpper(w[0]) ? "PROPN" : char.IsLetter(w[0]) ? "VERB" : "PUNCT").ToArray(), null);
    }

    /// <summary>Two capitalised words in a row are a person.</summary>
    private sealed class CapitalisedPairIsPerson : IEntityRecognizer
    {
        public string[] Recognize(IReadOnlyList<string> words)
        {
            var tags = Enumerable.Repeat("O", words.Count).ToArray();
            for (int i = 1; i < words.Count; i++)
                if (char.IsUpper(words[i - 1][0]) && char.IsUpper(words[i][0]) && tags[i - 1] == "O") { tags[i - 1] = "B-PER"; tags[i] = "I-PER"; }
            return tags;
        }
    }

    /// <summary>Every word hangs on the first one.</summary>
    private sealed class FirstWordIsHead : IDependencyParser
    {
        public DependencyTree Parse(IReadOnlyList<string> words, IReadOnlyList<string> upos, IReadOnlyList<string>? xpos = null) =>
            new(words.Select((_, i) => i == 0 ? 0 : 1).ToArray(), words.Select((_, i) => i == 0 ? "root" : "dep").ToArray());
    }

    private static Document Annotate(string text, NlpModelSet models, string lang = "de")
    {
        var pipeline = new PipelineBuilder(new TableSource(), lang).UseParagraphs().UseTokenizer().UseSentences()
            .Use(new ModelAnnotator(models)).UseMentions().Build();
        return pipeline.Run(new Document("t", text, lang));
    }

    [Fact]
    public void Writes_tags_entities_and_document_level_heads_onto_the_tokens()
    {
        var models = new NlpModelSet("nowhere", "de").With("tagger", new CapitalisedIsNoun())
            .With("ner", new CapitalisedPairIsPerson()).With("parser", new FirstWordIsHead());
        var doc = Annotate("Erst kam Regen. Dann fiel Schnee.", models);
        var second = doc.Sentences[1];
        var dann = doc.Tokens[second.FirstToken];
        var schnee = doc.Tokens[second.FirstToken + 2];
        Assert.Equal("PROPN", dann.Pos);
        Assert.Equal(-1, dann.Head);                 // the root
        Assert.Equal(dann.Index, schnee.Head);       // heads point into the document, not the sentence
        Assert.Equal("dep", schnee.Deprel);
        Assert.Equal("O", doc.Tokens[1].Entity);
    }

    [Fact]
    public void A_person_the_first_name_table_lacks_is_found_through_the_entity_model()
    {
        const string text = "Gestern traf Jorvik Tallamar den Minister.";
        var plain = Annotate(text, new NlpModelSet("nowhere", "de"));
        Assert.DoesNotContain(plain.Mentions, m => m.Kind == MentionKind.Person);

        var withNer = Annotate(text, new NlpModelSet("nowhere", "de").With("ner", new CapitalisedPairIsPerson()));
        var person = Assert.Single(withNer.Mentions, m => m.Kind == MentionKind.Person);
        Assert.Equal("person:Jorvik Tallamar", person.Id);
    }

    [Fact]
    public void Without_models_the_step_changes_nothing()
    {
        var doc = Annotate("Ein Satz ohne Modelle.", new NlpModelSet("nowhere", "de"));
        Assert.All(doc.Tokens, t => Assert.Null(t.Pos));
        Assert.All(doc.Tokens, t => Assert.Equal(-1, t.Head));
    }
}
