using Lagebild.Nlp.Lemmas;
using Lagebild.Nlp.Models;
using Xunit;

namespace Lagebild.Tests.Nlp;

public sealed class LemmatizerTests
{
    // Invented word lists, written for these tests.
    private static readonly LemmaExample[] German =
    [
        new("Panzern", "NOUN", "Panzer"), new("Fahrern", "NOUN", "Fahrer"), new("Lehrern", "NOUN", "Lehrer"),
        new("Bürgern", "NOUN", "Bürger"), new("Händlern", "NOUN", "Händler"), new("Panzer", "NOUN", "Panzer"),
        new("lieferte", "VERB", "liefern"), new("änderte", "VERB", "ändern"), new("förderte", "VERB", "fördern"),
        new("wanderte", "VERB", "wandern"), new("kaufte", "VERB", "kaufen"), new("sagte", "VERB", "sagen"),
        new("gekauft", "VERB", "kaufen"), new("gesagt", "VERB", "sagen"), new("gelernt", "VERB", "lernen"),
        new("Die", "DET", "der", SentenceStart: true), new("die", "DET", "der"), new("den", "DET", "der"),
        new("war", "AUX", "sein"), new("neue", "ADJ", "neu"), new("große", "ADJ", "groß"), new("NATO", "PROPN", "NATO"),
    ];

    private static readonly LemmaExample[] English =
    [
        new("supplied", "VERB", "supply"), new("carried", "VERB", "carry"), new("studied", "VERB", "study"),
        new("walked", "VERB", "walk"), new("talked", "VERB", "talk"), new("tanks", "NOUN", "tank"),
        new("roads", "NOUN", "road"), new("went", "VERB", "go"), new("The", "DET", "the", SentenceStart: true),
    ];

    private static Lemmatizer Train(IEnumerable<LemmaExample> examples) =>
        LemmatizerTrainer.Train(examples.ToList(), null, new LemmatizerTrainingOptions { Epochs = 10, PruneBelow = 0 }).Lemmatizer;

    [Theory]
    [InlineData("Gewinn", "Gewinn")]
    [InlineData("gekauft", "kaufen")]
    [InlineData("lehrte", "lehren")]
    public void Edit_trees_capture_the_change_not_the_stem(string form, string lemma)
    {
        var tree = EditTree.Build("gesagt", "sagen");
        Assert.Equal("kaufen", tree.Apply("gekauft"));
        Assert.Null(tree.Apply("sagen"));   // no "ge" to drop
        Assert.Equal(tree.ToString(), EditTree.Parse(tree.ToString()).ToString());
        Assert.Equal(lemma, EditTree.Build(form, lemma).Apply(form));
    }

    [Fact]
    public void Learns_edit_trees_and_applies_them_to_unseen_words()
    {
        var lemmatizer = Train(German);
        Assert.Equal("Panzer", lemmatizer.Lemmatize("Panzern", "NOUN", false));
        Assert.Equal("liefern", lemmatizer.Lemmatize("lieferte", "VERB", false));
        Assert.Equal("Spieler", lemmatizer.Lemmatize("Spielern", "NOUN", false));   // unseen
        Assert.Equal("feiern", lemmatizer.Lemmatize("feierte", "VERB", false));      // unseen
        Assert.Equal("machen", lemmatizer.Lemmatize("gemacht", "VERB", false));      // unseen
        Assert.Equal("sein", lemmatizer.Lemmatize("war", "AUX", false));
        Assert.Equal(["der", "Panzer", "sein", "neu"], lemmatizer.Lemmatize(["Die", "Panzer", "war", "neue"], ["DET", "NOUN", "AUX", "ADJ"]));

        var english = Train(English);
        Assert.Equal("supply", english.Lemmatize("supplied", "VERB", false));
        Assert.Equal("marry", english.Lemmatize("married", "VERB", false));          // unseen
        Assert.Equal("go", english.Lemmatize("went", "VERB", false));
        Assert.Equal("the", english.Lemmatize("The", "DET", true));
    }

    [Fact]
    public void Tag_groups_share_the_table_across_merged_tags()
    {
        var options = new LemmatizerTrainingOptions { Epochs = 10, PruneBelow = 0, TagGroups = LemmatizerRecipe.GermanTagGroups };
        var lemmatizer = LemmatizerTrainer.Train(German.ToList(), null, options).Lemmatizer;
        Assert.Equal("sein", lemmatizer.Lemmatize("war", "VERB", false));   // trained as AUX
        Assert.Equal("der", lemmatizer.Lemmatize("den", "PRON", false));    // trained as DET
    }

    [Fact]
    public void Saved_and_reloaded_model_lemmatizes_the_same()
    {
        var lemmatizer = Train(German);
        var path = Path.Combine(Path.GetTempPath(), $"lemmatizer-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            lemmatizer.Save(path);
            var loaded = Lemmatizer.Load(path);
            string[] words = ["Die", "Händlern", "förderte", "gelernt", "große"];
            string[] tags = ["DET", "NOUN", "VERB", "VERB", "ADJ"];
            Assert.Equal(lemmatizer.Lemmatize(words, tags), loaded.Lemmatize(words, tags));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Wrong_kind_and_corrupt_files_name_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lemmatizer-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            ModelFile.Save(path, "tagger", "de", 1, null, w => w.Write(0));
            var wrongKind = Assert.Throws<ModelFormatException>(() => Lemmatizer.Load(path));
            Assert.Contains(path, wrongKind.Message);

            Train(German).Save(path);
            var bytes = File.ReadAllBytes(path);
            bytes[^3] ^= 0x33;
            File.WriteAllBytes(path, bytes);
            Assert.Contains(path, Assert.Throws<ModelFormatException>(() => Lemmatizer.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }
}
