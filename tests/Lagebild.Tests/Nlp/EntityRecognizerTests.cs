using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Models;
using Xunit;

namespace Lagebild.Tests.Nlp;

public class EntityRecognizerTests
{
    // Invented names: a person is "<given> <family>", a place follows "in"/"to", an organisation ends in "Corp".
    private static readonly string[] Given = ["Marlo", "Tessaly", "Ruvon", "Ilvie", "Danek", "Oskira", "Bertam", "Yelena"];
    private static readonly string[] Family = ["Quarnby", "Velditsch", "Hornak", "Pellwater", "Stravik", "Omberley", "Kittering", "Dwale"];
    private static readonly string[] Places = ["Brackmoor", "Tulvania", "Essendry", "Norwick", "Calder", "Vintmar", "Ostreva", "Pelling"];
    private static readonly string[] Firms = ["Hollin", "Zarvex", "Mirrowdale", "Quent", "Arbor", "Tessel", "Gravick", "Lumen"];

    private static List<NerSentence> TinyCorpus()
    {
        var sentences = new List<NerSentence>();
        for (int i = 0; i < 64; i++)
        {
            string g = Given[i % 8], f = Family[(i * 3 + 1) % 8], p = Places[(i * 5 + 2) % 8], o = Firms[(i * 7 + 3) % 8];
            switch (i % 4)
            {
                case 0:
                    sentences.Add(S($"{g} {f} travelled to {p} yesterday .", "B-PER I-PER O O B-LOC O O"));
                    break;
                case 1:
                    sentences.Add(S($"The engineers of {o} Corp met {g} {f} in {p} .", "O O O B-ORG I-ORG O B-PER I-PER O B-LOC O"));
                    break;
                case 2:
                    sentences.Add(S($"Yesterday {o} Corp sold the old boats to {p} .", "O B-ORG I-ORG O O O O O B-LOC O"));
                    break;
                default:
                    sentences.Add(S($"In {p} , {g} {f} said the weather was fine .", "O B-LOC O B-PER I-PER O O O O O O"));
                    break;
            }
        }
        return sentences;
    }

    private static NerSentence S(string text, string tags) => new(text.Split(' '), tags.Split(' '));

    // Eight names repeated in every fold: the training lexicon and case statistics would know every name, so an unseen
    // one could not be learned; those features need a real corpus (SaveAndLoad_PredictSame covers them).
    private static EntityRecognizer TrainTiny() =>
        NerTrainer.Train("en", TinyCorpus(), null, WordClusters.Empty,
            new NerTrainingOptions { Epochs = 6, MinFeatureCount = 1, BeamSize = 2, LexiconFolds = 0, CaseStatistics = false }, TextWriter.Null);

    [Fact]
    public void LearnsATinyCorpus_AndTagsAnUnseenSentence()
    {
        var model = TrainTiny();
        // Names never seen in training, in a known pattern.
        var tags = model.Recognize("Gideon Farrowby travelled to Wexhaven yesterday .".Split(' '));
        Assert.Equal(["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O"], tags);
        var firm = model.Recognize("Yesterday Pardow Corp sold the old boats to Norwick .".Split(' '));
        Assert.Equal(["O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-LOC", "O"], firm);
    }

    [Fact]
    public void SeedsAveraged_LearnTheTinyCorpusToo_AndReportEachSeed()
    {
        var corpus = TinyCorpus();
        var options = new NerTrainingOptions { Epochs = 6, FirstScoredEpoch = 2, LexiconFolds = 0, CaseStatistics = false };
        var single = NerTrainer.Train("en", corpus, corpus, WordClusters.Empty, options, TextWriter.Null);
        var averaged = NerTrainer.Train("en", corpus, corpus, WordClusters.Empty, options with { Seeds = 3 }, TextWriter.Null);
        Assert.Equal(3, averaged.Metadata["seed_dev_f1"]!.AsArray().Count);
        Assert.Null(single.Metadata["seed_dev_f1"]);
        // The average holds the features of every seed's model, so at least as many as one of them.
        Assert.True(averaged.FeatureCount >= single.FeatureCount);
        var tags = averaged.Recognize("Gideon Farrowby travelled to Wexhaven yesterday .".Split(' '));
        Assert.Equal(["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O"], tags);
    }

    [Fact]
    public void PassiveAggressive_LearnsTheTinyCorpus_AndKeepsTheFlagsThroughSaveAndLoad()
    {
        var options = new NerTrainingOptions
        {
            Epochs = 6, LexiconFolds = 0, CaseStatistics = false, PassiveAggressive = true, PruneBelow = 0, LowercaseGazetteer = true,
        };
        var model = NerTrainer.Train("en", TinyCorpus(), null, WordClusters.Empty, options, TextWriter.Null);
        Assert.Equal(["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O"], model.Recognize("Gideon Farrowby travelled to Wexhaven yesterday .".Split(' ')));
        Assert.True(model.LowercaseGazetteer);
        var path = Path.Combine(Path.GetTempPath(), $"ner-pa-{Guid.NewGuid():N}.lgbm");
        try
        {
            model.Save(path);
            var loaded = EntityRecognizer.Load(path);
            Assert.True(loaded.LowercaseGazetteer);
            var text = "In norwick , Ilvie Dwale said the weather was fine .".Split(' ');
            Assert.Equal(model.Recognize(text), loaded.Recognize(text));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void PassiveAggressiveUpdate_MovesJustFarEnoughToWinByOne()
    {
        var trainer = new Lagebild.Nlp.Learning.PerceptronTrainer(2);
        ulong[] features = [11UL, 12UL, 13UL, 14UL];
        var scores = new float[2];
        bool[] allowed = [true, true];
        trainer.Score(features, scores);
        NerTrainer.PassiveAggressiveUpdate(trainer, features, scores, gold: 1, allowed);
        trainer.Score(features, scores);
        // From all-zero scores: loss 1, step 1 / (2 x 4) per feature, so the gold label leads by exactly 1.
        Assert.Equal(1f, scores[1] - scores[0], 4);
        // Already winning by the margin: no change.
        var before = scores.ToArray();
        NerTrainer.PassiveAggressiveUpdate(trainer, features, scores, gold: 1, allowed);
        trainer.Score(features, scores);
        Assert.Equal(before, scores);
        // A rival the history forbids is no rival.
        NerTrainer.PassiveAggressiveUpdate(trainer, features, scores, gold: 0, [true, false]);
        trainer.Score(features, scores);
        Assert.Equal(before, scores);
    }

    [Theory]
    [InlineData("B-PER I-PER B-PER O", "B-PER I-PER I-PER O")]
    [InlineData("B-LOC B-LOC B-ORG", "B-LOC I-LOC B-ORG")]
    [InlineData("B-PER O B-PER", "B-PER O B-PER")]
    [InlineData("O B-ORG I-ORG", "O B-ORG I-ORG")]
    public void AdjacentNamesOfOneType_AreJoined(string predicted, string expected)
    {
        var tags = predicted.Split(' ');
        EntityRecognizer.MergeAdjacent(tags);
        Assert.Equal(expected.Split(' '), tags);
    }

    [Fact]
    public void WordNetClasses_ReachCapitalisedCommonNouns_AndRejectUnknownClasses()
    {
        var classes = NerWordClasses.Load(new Lagebild.Knowledge.TableSource(), TextWriter.Null)!;
        byte Of(string word) => classes.GetValueOrDefault(Lagebild.Nlp.Tagging.TaggerFeatures.WordKey(word));
        Assert.NotEqual(0, Of("committee") & 4);      // a group
        Assert.Equal(Of("committee"), Of("Committee"));
        Assert.NotEqual(0, Of("Chicago") & 64);       // a place name
        Assert.Equal(0, Of("chicago"));
        // The manifest finds the committed table (outside the data directory) for its checksum.
        Assert.Matches("^[0-9a-f]{64}$", Lagebild.Nlp.Tagging.RecipeSupport.Sha256("/no/such/data", NerWordClasses.DataFile));
        var dir = Directory.CreateTempSubdirectory("lagebild-wn-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "en"));
            File.WriteAllText(Path.Combine(dir.FullName, NerWordClasses.Table), "# source: test\nword\tclasses\nGlimmerhold\tcastle\n");
            Assert.Throws<Lagebild.Knowledge.KnowledgeException>(() => NerWordClasses.Load(new Lagebild.Knowledge.TableSource(dir.FullName), TextWriter.Null));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Recognize_HandlesEmptyAndLongSentences()
    {
        var model = TrainTiny();
        Assert.Empty(model.Recognize([]));
        var words = Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? "the" : "Brackmoor").ToArray();
        Assert.Equal(500, model.Recognize(words).Length);
    }

    [Fact]
    public void Predictions_AreValidBio()
    {
        var model = TrainTiny();
        var tags = model.Recognize("to Corp Corp Marlo in Ilvie Dwale Corp said .".Split(' '));
        for (int i = 0; i < tags.Length; i++)
            if (tags[i].StartsWith("I-"))
                Assert.True(i > 0 && tags[i - 1] != "O" && tags[i - 1][2..] == tags[i][2..], string.Join(" ", tags));
    }

    [Fact]
    public void SaveAndLoad_PredictSame()
    {
        var clusters = ExchangeClustering.Train(TinyCorpus().Select(s => s.Tokens), [3, 6], minCount: 2);
        var model = NerTrainer.Train("en", TinyCorpus(), null, clusters,
            new NerTrainingOptions { Epochs = 4, MinFeatureCount = 1 }, TextWriter.Null);
        var path = Path.Combine(Path.GetTempPath(), $"ner-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            model.Save(path);
            var loaded = EntityRecognizer.Load(path);
            Assert.Equal(model.Labels, loaded.Labels);
            Assert.Equal(clusters.WordCount, loaded.Clusters.WordCount);
            Assert.Equal(model.Lexicon!.PhraseCount, loaded.Lexicon!.PhraseCount);
            Assert.Equal(model.CaseStats!.Count, loaded.CaseStats!.Count);
            foreach (var text in new[] { "Ruvon Hornak travelled to Calder yesterday .", "In Vintmar , Zelma Brook said nothing .", "Quent Corp met nobody ." })
                Assert.Equal(model.Recognize(text.Split(' ')), loaded.Recognize(text.Split(' ')));
            Assert.Equal("ner", ModelFile.ReadHeader(path).Kind);
            Assert.IsType<EntityRecognizer>(ModelRegistry.Loaders["ner"](path));
        }
        finally { File.Delete(path); }
    }

    /// <summary>A capitalised word after a given name is the family name unless the lexicon knows it as a common noun
    /// (German capitalises nouns: "Heidi Klums Modelsuche"). Invented words; only the lexicon tells them apart.</summary>
    [Fact]
    public void WordTags_KeepCommonNounsOutOfNames_AndSurviveSaving()
    {
        string[] nouns = ["Brolkung", "Tepurhaus", "Fenikstab", "Lobatrad", "Karunwerk", "Sivolbank", "Gadolzaun", "Wimsarohr"];
        string[] surnames = ["Quarnby", "Velditsch", "Hornak", "Pellwater", "Stravik", "Omberley", "Kittering", "Dwale"];
        var corpus = new List<NerSentence>();
        for (int i = 0; i < 64; i++)
        {
            corpus.Add(S($"{Given[i % 8]} {surnames[(i * 3) % 8]} lachte .", "B-PER I-PER O O"));
            corpus.Add(S($"{Given[(i + 3) % 8]} {nouns[(i * 5) % 8]} lachte .", "B-PER O O O"));
        }
        var tags = nouns.Append("Zimmerquist").ToDictionary(n => Lagebild.Nlp.Tagging.TaggerFeatures.WordKey(n), _ => (byte)1);
        var options = new NerTrainingOptions { Epochs = 6, LexiconFolds = 0, CaseStatistics = false };
        var model = NerTrainer.Train("de", corpus, null, WordClusters.Empty, options, TextWriter.Null, wordTags: tags);
        Assert.Equal(["B-PER", "O", "O", "O"], model.Recognize("Marlo Zimmerquist lachte .".Split(' ')));
        Assert.Equal(["B-PER", "I-PER", "O", "O"], model.Recognize("Marlo Grabowik lachte .".Split(' ')));
        // Without the lexicon the two unseen words look alike to the model.
        var without = NerTrainer.Train("de", corpus, null, WordClusters.Empty, options, TextWriter.Null);
        Assert.Equal(without.Recognize("Marlo Zimmerquist lachte .".Split(' ')), without.Recognize("Marlo Grabowik lachte .".Split(' ')));

        var path = Path.Combine(Path.GetTempPath(), $"ner-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            model.Save(path);
            var loaded = EntityRecognizer.Load(path);
            Assert.Equal(tags.Count, loaded.WordTags!.Count);
            Assert.Equal(["B-PER", "O", "O", "O"], loaded.Recognize("Marlo Zimmerquist lachte .".Split(' ')));
        }
        finally { File.Delete(path); }
    }

    /// <summary>A compound whose first part is a known place ("Brackmoorfest") is a part entity; the same heads after
    /// an unknown word are not. Both kinds of first part are built from the same invented syllables and the test words
    /// are unseen, so only the gazetteer look-up of the part can tell them apart.</summary>
    [Fact]
    public void CompoundWithAKnownNameFirst_IsAPartEntity()
    {
        string[] first = ["Brack", "Tul", "Essen", "Nor", "Vint", "Ostre", "Pell", "Marn"];
        string[] second = ["moor", "wick", "dry", "vane", "holm", "stad", "ling", "rode"];
        string[] heads = ["fest", "viertel", "tagebuch", "brunnen"];
        var words = first.SelectMany(f => second.Select(t => f + t)).ToArray();
        var random = new Random(7);
        random.Shuffle(words);
        var gazetteer = new NerGazetteer();
        var corpus = new List<NerSentence>();
        for (int i = 0; i < 60; i++)
        {
            bool place = i % 2 == 0;
            if (place) gazetteer.Add(words[i], NerGazetteer.Category.Place);
            corpus.Add(S($"Das {words[i]}{heads[i / 2 % 4]} war voll .", place ? "O B-LOCpart O O O" : "O O O O O"));
        }
        gazetteer.Add(words[60], NerGazetteer.Category.Place);
        gazetteer.Add(words[61], NerGazetteer.Category.Place);
        var options = new NerTrainingOptions { Epochs = 6, LexiconFolds = 0, CaseStatistics = false };
        var model = NerTrainer.Train("de", corpus, null, WordClusters.Empty, options, TextWriter.Null, gazetteer);
        Assert.Equal(["O", "B-LOCpart", "O", "O", "O"], model.Recognize($"Das {words[60]}viertel war voll .".Split(' ')));
        Assert.Equal(["O", "B-LOCpart", "O", "O", "O"], model.Recognize($"Das {words[61]}fest war voll .".Split(' ')));
        Assert.Equal(["O", "O", "O", "O", "O"], model.Recognize($"Das {words[62]}viertel war voll .".Split(' ')));
        Assert.Equal(["O", "O", "O", "O", "O"], model.Recognize($"Das {words[63]}fest war voll .".Split(' ')));
    }

    /// <summary>The shipped name lists (towns, family names) load into their own categories for both languages.</summary>
    [Theory]
    [InlineData("de", "Regensburg", "Nowak")]
    [InlineData("en", "Regensburg", "Nowak")]
    public void Gazetteer_LoadsTheNameLists(string lang, string town, string surname)
    {
        var g = NerGazetteer.ForLanguage(lang);
        var words = new[] { "in", town, "sagte", surname };
        var marks = new int[words.Length];
        g.Mark(words.Select(w => NerGazetteer.TokenHash(w)).ToArray(), marks);
        Assert.NotEqual(0, marks[1] & (1 << (2 * (int)NerGazetteer.Category.Place)));
        Assert.NotEqual(0, marks[3] & (1 << (2 * (int)NerGazetteer.Category.Surname)));
        Assert.Equal(0, marks[0] & (1 << (2 * (int)NerGazetteer.Category.Place)));
    }

    [Fact]
    public void Recognize_IsThreadSafe()
    {
        var model = TrainTiny();
        var text = "The engineers of Lumen Corp met Danek Stravik in Ostreva .".Split(' ');
        var expected = model.Recognize(text);
        Parallel.For(0, 200, _ => Assert.Equal(expected, model.Recognize(text)));
    }

    [Fact]
    public void CorruptOrWrongKindFile_GivesModelFormatException()
    {
        var model = TrainTiny();
        var dir = Path.Combine(Path.GetTempPath(), $"ner-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var good = Path.Combine(dir, "ner-en.lgbm");
            model.Save(good);
            var bytes = File.ReadAllBytes(good);
            bytes[^10] ^= 0x5A;
            var corrupt = Path.Combine(dir, "corrupt.lgbm");
            File.WriteAllBytes(corrupt, bytes);
            var e = Assert.Throws<ModelFormatException>(() => EntityRecognizer.Load(corrupt));
            Assert.Contains("corrupt.lgbm", e.Message);

            var truncated = Path.Combine(dir, "truncated.lgbm");
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
            Assert.Throws<ModelFormatException>(() => EntityRecognizer.Load(truncated));

            var other = Path.Combine(dir, "tagger-en.lgbm");
            ModelFile.Save(other, "tagger", "en", 1, null, w => w.Write(0));
            var kind = Assert.Throws<ModelFormatException>(() => EntityRecognizer.Load(other));
            Assert.Contains("tagger", kind.Problem);

            var junk = Path.Combine(dir, "junk.lgbm");
            File.WriteAllText(junk, "not a model at all");
            Assert.Throws<ModelFormatException>(() => EntityRecognizer.Load(junk));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void GermanTrainingText_IsNormalised()
    {
        Assert.Equal("Ost–West", UnlabelledText.Normalize("Ost\u0096West"));
        Assert.Equal("Bundesland", UnlabelledText.Normalize("Bundes\u00ADland"));
        Assert.Equal("Paris", UnlabelledText.Normalize("Paris"));
    }

    [Fact]
    public void Gazetteer_MarksKnownPhrases()
    {
        var g = new NerGazetteer();
        g.Add("Kestrel Union", NerGazetteer.Category.Organisation);
        g.Add("Marlo", NerGazetteer.Category.FirstName);
        var words = "the Kestrel Union and Marlo".Split(' ');
        var hashes = words.Select(w => NerGazetteer.TokenHash(w)).ToArray();
        var marks = new int[words.Length];
        g.Mark(hashes, marks);
        int org = (int)NerGazetteer.Category.Organisation, first = (int)NerGazetteer.Category.FirstName;
        Assert.Equal(0, marks[0]);
        Assert.Equal(1 << (2 * org), marks[1]);
        Assert.Equal(1 << (2 * org + 1), marks[2]);
        Assert.Equal(1 << (2 * first), marks[4]);
    }

    [Fact]
    public void TrainingLexicon_MarksEntityPhrasesByType_AndSurvivesSaving()
    {
        var lexicon = NerGazetteer.FromEntities(TinyCorpus(), ["LOC", "ORG", "PER"]);
        var words = "met Zarvex Corp in Norwick".Split(' ');
        var marks = new int[words.Length];
        lexicon.Mark(words.Select(w => NerGazetteer.TokenHash(w)).ToArray(), marks);
        const int loc = 0, org = 1;
        Assert.Equal(0, marks[0]);
        Assert.Equal(1 << (2 * org), marks[1]);
        Assert.Equal(1 << (2 * org + 1), marks[2]);
        Assert.Equal(1 << (2 * loc), marks[4]);

        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) lexicon.Write(w);
        stream.Position = 0;
        var read = NerGazetteer.Read(new BinaryReader(stream));
        var again = new int[words.Length];
        read.Mark(words.Select(w => NerGazetteer.TokenHash(w)).ToArray(), again);
        Assert.Equal(marks, again);
        Assert.Equal(lexicon.PhraseCount, read.PhraseCount);
    }

    [Fact]
    public void CaseStatistics_TellNamesFromCommonWords()
    {
        // Sentence-initial words do not count: there everything is capitalised.
        var text = new[] { "Brackmoor saw the Brackmoor", "we met Brackmoor and Brackmoor", "the Tessel said tessel", "they said nothing" }
            .Select(t => (IReadOnlyList<string>)t.Split(' ')).ToList();
        var stats = NerCaseStats.FromText(text);
        Span<char> scratch = stackalloc char[32];
        int name = stats.BucketOf(NerFeatures.LowerKey("Brackmoor", scratch));
        int mixed = stats.BucketOf(NerFeatures.LowerKey("tessel", scratch));
        int common = stats.BucketOf(NerFeatures.LowerKey("said", scratch));
        Assert.True(name > mixed && mixed > common, $"{name} {mixed} {common}");
        Assert.Equal(NerCaseStats.Unknown, stats.BucketOf(NerFeatures.LowerKey("Norwick", scratch)));
    }
}
