using Lagebild.Nlp.Models;
using Lagebild.Nlp.Tagging;
using Xunit;

namespace Lagebild.Tests.Nlp;

public sealed class TaggerTests
{
    // Invented sentences, written for these tests.
    private static readonly string[] Corpus =
    [
        "Die/DET Firma/NOUN liefert/VERB neue/ADJ Panzer/NOUN ./PUNCT",
        "Der/DET Minister/NOUN besucht/VERB die/DET Stadt/NOUN ./PUNCT",
        "Ein/DET Sprecher/NOUN bestätigt/VERB den/DET Bericht/NOUN ./PUNCT",
        "Die/DET Regierung/NOUN plant/VERB große/ADJ Reformen/NOUN ./PUNCT",
        "Der/DET Konzern/NOUN meldet/VERB hohe/ADJ Gewinne/NOUN ./PUNCT",
        "Die/DET Polizei/NOUN sucht/VERB einen/DET Zeugen/NOUN ./PUNCT",
        "Ein/DET Gericht/NOUN prüft/VERB den/DET Vertrag/NOUN ./PUNCT",
        "Der/DET Verband/NOUN fordert/VERB klare/ADJ Regeln/NOUN ./PUNCT",
    ];

    private static List<TaggedSentence> Parse(IEnumerable<string> lines) => lines.Select(line =>
    {
        var items = line.Split(' ').Select(t => t.Split('/')).ToArray();
        return new TaggedSentence(items.Select(i => i[0]).ToArray(), items.Select(i => i[1]).ToArray());
    }).ToList();

    private static PosTagger TrainTiny(IEnumerable<string>? lines = null) =>
        PosTaggerTrainer.Train(Parse(lines ?? Corpus), null, new TaggerTrainingOptions { Epochs = 8, PruneBelow = 0 }).Tagger;

    [Fact]
    public void Learns_a_tiny_corpus_and_generalises_by_position_and_suffix()
    {
        var tagger = TrainTiny();
        Assert.Equal(100, PosTaggerTrainer.Evaluate(tagger, Parse(Corpus)).Upos);
        var tags = tagger.Tag(["Die", "Behörde", "meldet", "neue", "Zahlen", "."]);
        Assert.Equal(["DET", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"], tags.Upos);
        Assert.Null(tags.Xpos);
        Assert.Empty(tagger.Tag([]).Upos);
    }

    [Fact]
    public void Joint_classes_give_upos_and_xpos()
    {
        var lines = new[]
        {
            "The/DET\tDT army/NOUN\tNN supplied/VERB\tVBD new/ADJ\tJJ tanks/NOUN\tNNS ./PUNCT\t.",
            "A/DET\tDT court/NOUN\tNN reviewed/VERB\tVBD the/DET\tDT deal/NOUN\tNN ./PUNCT\t.",
            "The/DET\tDT company/NOUN\tNN reported/VERB\tVBD high/ADJ\tJJ profits/NOUN\tNNS ./PUNCT\t.",
        };
        var tagger = TrainTiny(lines);
        var tags = tagger.Tag(["The", "court", "supplied", "new", "profits", "."]);
        Assert.True(tagger.HasXpos);
        Assert.Equal(["DET", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"], tags.Upos);
        Assert.Equal(["DT", "NN", "VBD", "JJ", "NNS", "."], tags.Xpos!);
    }

    /// <summary>Invented words: nothing in their spelling or their (identical) contexts tells a noun from a verb; only
    /// the lexicon does.</summary>
    private static readonly (string Word, string Tag)[] LexiconWords =
    [
        ("brolk", "NOUN"), ("wimsa", "VERB"), ("tepur", "NOUN"), ("gadol", "VERB"), ("fenik", "NOUN"), ("zurma", "VERB"),
        ("lobat", "NOUN"), ("hiswe", "VERB"), ("karun", "NOUN"), ("modep", "VERB"), ("sivol", "NOUN"), ("runak", "VERB"),
    ];

    private static Dictionary<ulong, byte> LexiconOf(IEnumerable<(string Word, string Tag)> entries) =>
        entries.ToDictionary(e => TaggerFeatures.WordKey(e.Word), e => (byte)(e.Tag == "NOUN" ? 1 : 4));

    [Fact]
    public void A_lexicon_tags_words_the_training_data_never_saw()
    {
        var train = LexiconWords.Select(e => new TaggedSentence(["und", e.Word, "."], ["CCONJ", e.Tag, "PUNCT"])).ToList();
        (string Word, string Tag)[] unseen = [("quendo", "NOUN"), ("plarix", "VERB"), ("avrel", "VERB"), ("strond", "NOUN")];
        var lexicon = LexiconOf(LexiconWords.Concat(unseen));
        var options = new TaggerTrainingOptions { Epochs = 10, PruneBelow = 0, AmbiguityMinCount = 1000 };
        var withLexicon = PosTaggerTrainer.Train(train, null, options, lexicon: lexicon).Tagger;
        foreach (var (word, tag) in unseen)
            Assert.Equal(tag, withLexicon.Tag(["und", word, "."]).Upos[1]);

        // Without it the same words get one tag whatever they are: the test depends on the lexicon.
        var without = PosTaggerTrainer.Train(train, null, options).Tagger;
        Assert.Single(unseen.Select(u => without.Tag(["und", u.Word, "."]).Upos[1]).Distinct());
    }

    /// <summary>"kal" is ADJ before "und" + a noun and ADV before "und" + a verb; the nouns and verbs two words on
    /// are known only to the lexicon, whose tag of the word two to the right no first-pass feature sees.</summary>
    private static List<TaggedSentence> RightContextCorpus() => LexiconWords
        .Select(e => new TaggedSentence(["kal", "und", e.Word, "."], [e.Tag == "NOUN" ? "ADJ" : "ADV", "CCONJ", e.Tag, "PUNCT"]))
        .ToList();

    private static readonly (string Word, string Tag)[] UnseenLexiconWords =
        [("quendo", "NOUN"), ("plarix", "VERB"), ("avrel", "VERB"), ("strond", "NOUN")];

    [Fact]
    public void A_stacked_second_pass_uses_the_first_pass_tags_of_the_right_context()
    {
        var lexicon = LexiconOf(LexiconWords.Concat(UnseenLexiconWords));
        var options = new TaggerTrainingOptions { Epochs = 10, PruneBelow = 0, AmbiguityMinCount = 1000 };
        var stacked = PosTaggerTrainer.Train(RightContextCorpus(), null,
            options with { Stacked = true, StackFolds = 3, FirstPassEpochs = 10 }, lexicon: lexicon).Tagger;
        Assert.True(stacked.Stacked);
        foreach (var (word, tag) in UnseenLexiconWords)
            Assert.Equal(tag == "NOUN" ? "ADJ" : "ADV", stacked.Tag(["kal", "und", word, "."]).Upos[0]);

        // A single left-to-right pass cannot tell the two: the test depends on the second pass.
        var single = PosTaggerTrainer.Train(RightContextCorpus(), null, options, lexicon: lexicon).Tagger;
        Assert.False(single.Stacked);
        Assert.Single(UnseenLexiconWords.Select(u => single.Tag(["kal", "und", u.Word, "."]).Upos[0]).Distinct());
    }

    /// <summary>Invented sentences in two annotation conventions: the same adverbially used adjectives are ADJ in the
    /// (more numerous) sentences of the other convention and ADV in those of the target one.</summary>
    private static List<TaggedSentence> MixedConventionCorpus()
    {
        string[] subjects = ["Er", "Sie", "Man", "Es"], verbs = ["läuft", "fährt", "arbeitet", "spricht", "schreibt", "rechnet"],
            adverbs = ["schnell", "ruhig", "genau", "sauber", "leise"];
        var result = new List<TaggedSentence>();
        for (int i = 0; i < 30; i++)
        {
            bool other = i % 3 != 0;   // two thirds in the other convention
            result.Add(new TaggedSentence([subjects[i % 4], verbs[i % 6], adverbs[i % 5], "."],
                ["PRON", "VERB", other ? "ADJ" : "ADV", "PUNCT"]) { OtherConventions = other });
        }
        return result;
    }

    [Fact]
    public void Convention_features_tag_in_the_target_convention_of_mixed_training_data()
    {
        var options = new TaggerTrainingOptions { Epochs = 10, PruneBelow = 0 };
        var tagger = PosTaggerTrainer.Train(MixedConventionCorpus(), null, options with { ConventionFeatures = true }).Tagger;
        // The trained copies are folded into their features: tagging reads each feature once.
        Assert.False(tagger.Features.ConventionCopies);
        Assert.Equal("ADV", tagger.Tag(["Sie", "arbeitet", "genau", "."]).Upos[2]);
        Assert.Equal("ADV", tagger.Tag(["Er", "spricht", "leise", "."]).Upos[2]);

        // Without them the majority (other) convention wins: the test depends on the convention copies.
        var plain = PosTaggerTrainer.Train(MixedConventionCorpus(), null, options).Tagger;
        Assert.False(plain.Features.ConventionCopies);
        Assert.Equal("ADJ", plain.Tag(["Sie", "arbeitet", "genau", "."]).Upos[2]);

        var path = Path.Combine(Path.GetTempPath(), $"tagger-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            tagger.Save(path);
            var loaded = PosTagger.Load(path);
            Assert.Equal(tagger.FeatureCount, loaded.FeatureCount);
            Assert.Equal("ADV", loaded.Tag(["Sie", "arbeitet", "genau", "."]).Upos[2]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Stacked_model_survives_saving_and_old_versions_are_refused()
    {
        var lexicon = LexiconOf(LexiconWords.Concat(UnseenLexiconWords));
        var tagger = PosTaggerTrainer.Train(RightContextCorpus(), null,
            new TaggerTrainingOptions { Epochs = 6, PruneBelow = 0, Stacked = true, StackFolds = 2, FirstPassEpochs = 4 },
            lexicon: lexicon).Tagger;
        var path = Path.Combine(Path.GetTempPath(), $"tagger-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            tagger.Save(path);
            var loaded = PosTagger.Load(path);
            Assert.True(loaded.Stacked);
            foreach (var (word, _) in UnseenLexiconWords)
                Assert.Equal(tagger.Tag(["kal", "und", word, "."]).Upos, loaded.Tag(["kal", "und", word, "."]).Upos);

            ModelFile.Save(path, PosTagger.Kind, "de", PosTagger.PayloadVersion - 1, null, w => w.Write(0));
            var old = Assert.Throws<ModelFormatException>(() => PosTagger.Load(path));
            Assert.Contains($"version {PosTagger.PayloadVersion - 1}", old.Message);
            Assert.Contains("retrain", old.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Compounds_outside_the_lexicon_take_the_tags_of_their_head()
    {
        // Invented compounds: a three-letter part before a lexicon word. Only the head's lexicon tag tells them apart.
        var train = LexiconWords.Select(e => new TaggedSentence(["und", "zap" + e.Word, "."], ["CCONJ", e.Tag, "PUNCT"])).ToList();
        var lexicon = LexiconOf(LexiconWords.Concat(UnseenLexiconWords));
        var tagger = PosTaggerTrainer.Train(train, null,
            new TaggerTrainingOptions { Epochs = 10, PruneBelow = 0, AmbiguityMinCount = 1000 }, lexicon: lexicon).Tagger;
        foreach (var (word, tag) in UnseenLexiconWords)
            Assert.Equal(tag, tagger.Tag(["und", "dor" + word, "."]).Upos[1]);

        var info = new WordInfo();
        tagger.Features.Describe("Dorquendo", ref info);
        Assert.NotEqual(0UL, info.HeadLexicon);
        tagger.Features.Describe("quendo", ref info);   // in the lexicon itself: no head lookup
        Assert.Equal(0UL, info.HeadLexicon);
        tagger.Features.Describe("doro", ref info);      // too short for a head
        Assert.Equal(0UL, info.HeadLexicon);
    }

    [Fact]
    public void Word_classes_and_lexicon_survive_saving()
    {
        var clusters = Lagebild.Nlp.Clusters.ExchangeClustering.Train(
            Parse(Corpus).Select(s => (IReadOnlyList<string>)s.Words).ToList(), [2, 4], minCount: 1);
        var lexicon = LexiconOf(LexiconWords);
        var tagger = PosTaggerTrainer.Train(Parse(Corpus), null, new TaggerTrainingOptions { Epochs = 4, PruneBelow = 0 },
            clusters: clusters, lexicon: lexicon).Tagger;
        var path = Path.Combine(Path.GetTempPath(), $"tagger-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            tagger.Save(path);
            var loaded = PosTagger.Load(path);
            Assert.Equal(clusters.WordCount, loaded.Features.Clusters.WordCount);
            Assert.Equal(lexicon.Count, loaded.Features.Lexicon.Count);
            string[] sentence = ["Der", "Verband", "brolk", "wimsa", "Gewinne", "."];
            Assert.Equal(tagger.Tag(sentence).Upos, loaded.Tag(sentence).Upos);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Saved_and_reloaded_model_predicts_the_same()
    {
        var tagger = TrainTiny();
        var path = Path.Combine(Path.GetTempPath(), $"tagger-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            tagger.Save(path);
            var loaded = PosTagger.Load(path);
            string[] sentence = ["Ein", "Sprecher", "fordert", "klare", "Zahlen", "."];
            Assert.Equal(tagger.Tag(sentence).Upos, loaded.Tag(sentence).Upos);
            Assert.Equal(tagger.Classes, loaded.Classes);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Wrong_kind_and_corrupt_files_name_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tagger-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            ModelFile.Save(path, "ner", "de", 1, null, w => w.Write(0));
            var wrongKind = Assert.Throws<ModelFormatException>(() => PosTagger.Load(path));
            Assert.Contains(path, wrongKind.Message);
            Assert.Contains("tagger", wrongKind.Message);

            TrainTiny().Save(path);
            var bytes = File.ReadAllBytes(path);
            bytes[^5] ^= 0x5A;
            File.WriteAllBytes(path, bytes);
            var corrupt = Assert.Throws<ModelFormatException>(() => PosTagger.Load(path));
            Assert.Contains(path, corrupt.Message);

            File.WriteAllBytes(path, bytes[..40]);
            Assert.Throws<ModelFormatException>(() => PosTagger.Load(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Registry_loads_the_tagger_by_kind()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"models-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            TrainTiny().Save(Path.Combine(dir, NlpModelSet.FileName("tagger", "de")));
            var models = new NlpModelSet(dir, "de");
            Assert.IsType<PosTagger>(models.Tagger);
            Assert.Null(new NlpModelSet(dir, "en").Tagger);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
