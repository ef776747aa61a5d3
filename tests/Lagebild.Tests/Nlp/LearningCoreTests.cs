using System.Text.Json.Nodes;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Evaluation;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;
using Xunit;

namespace Lagebild.Tests.Nlp;

public sealed class PerceptronTests
{
    // Toy task: the class is given by which of three "cue" features is present; a noise feature is shared.
    private static (ulong[] Features, int Class)[] Examples()
    {
        var noise = FeatureKey.Of(9, "noise");
        return Enumerable.Range(0, 30)
            .Select(i => (new[] { FeatureKey.Of(1, "cue" + (i % 3)), noise, FeatureKey.Of(2, i) }, i % 3))
            .ToArray();
    }

    private static PerceptronTrainer Train(int epochs)
    {
        var trainer = new PerceptronTrainer(3);
        var scores = new float[3];
        for (int e = 0; e < epochs; e++)
            foreach (var (features, gold) in Examples())
            {
                trainer.Score(features, scores);
                trainer.Update(features, gold, PerceptronModel.ArgMax(scores));
                trainer.Tick();
            }
        return trainer;
    }

    [Fact]
    public void Learns_a_separable_problem_and_generalises_to_unseen_ids()
    {
        var model = Train(3).Finish();
        var scores = new float[3];
        for (int c = 0; c < 3; c++)
        {
            model.Score([FeatureKey.Of(1, "cue" + c), FeatureKey.Of(9, "noise"), FeatureKey.Of(2, 1000 + c)], scores);
            Assert.Equal(c, PerceptronModel.ArgMax(scores));
        }
    }

    [Fact]
    public void Averaging_keeps_weights_of_early_updates_smaller_than_the_last_ones()
    {
        // One update at the very end of a long run averages to a small weight; the same update at the start stays.
        var early = new PerceptronTrainer(2);
        var late = new PerceptronTrainer(2);
        ulong f = FeatureKey.Of(1, "x");
        early.Update([f], 1, 0);
        for (int i = 0; i < 100; i++) { early.Tick(); late.Tick(); }
        late.Update([f], 1, 0);
        late.Tick();
        var scoresEarly = new float[2];
        var scoresLate = new float[2];
        early.Finish(0).Score([f], scoresEarly);
        late.Finish(0).Score([f], scoresLate);
        // Averages over 101 and 102 steps: the early weight held for 100 of them, the late one for 1.
        Assert.Equal(100.0 / 101, scoresEarly[1], 3);
        Assert.Equal(1.0 / 102, scoresLate[1], 3);
    }

    [Fact]
    public void Written_and_read_model_scores_the_same()
    {
        var model = Train(2).Finish();
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(w);
        buffer.Position = 0;
        var copy = PerceptronModel.Read(new BinaryReader(buffer));
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
        var a = new float[3];
        var b = new float[3];
        foreach (var (features, _) in Examples())
        {
            model.Score(features, a);
            copy.Score(features, b);
            for (int c = 0; c < 3; c++) Assert.True(Math.Abs(a[c] - b[c]) < 0.01, $"{a[c]} vs {b[c]}");   // half precision on disk
        }
    }

    [Fact]
    public void Dense_and_sparse_rows_score_as_the_sum_of_their_weights()
    {
        // 37 classes (not a multiple of any vector width): key 10 votes for every class, key 20 for a third of them
        // (dense from a quarter on), key 30 for two.
        const int classes = 37;
        var ids = new List<ushort>();
        var weights = new List<float>();
        var expected = new float[classes];
        var starts = new List<int> { 0 };
        foreach (var (step, offset) in new[] { (1, 0), (3, 1), (18, 5) })
        {
            for (int c = offset; c < classes; c += step)
            {
                float w = (c + 1) * 0.25f * (step == 3 ? -1 : 1);
                ids.Add((ushort)c);
                weights.Add(w);
                expected[c] += w;
            }
            starts.Add(ids.Count);
        }
        var model = new PerceptronModel(classes, [10UL, 20UL, 30UL], starts.ToArray(), ids.ToArray(), weights.ToArray());
        ulong[] features = [30UL, 99UL, 10UL, 20UL];
        var viaFound = new float[classes + 3];
        model.Score(features, viaFound, new int[features.Length]);
        var viaStack = new float[classes];
        model.Score(features, viaStack);
        var accumulated = new float[classes];
        foreach (var f in features) model.AddFeature(f, accumulated);
        for (int c = 0; c < classes; c++)
        {
            Assert.Equal(expected[c], viaFound[c], 4);
            Assert.Equal(expected[c], viaStack[c], 4);
            Assert.Equal(expected[c], accumulated[c], 4);
        }
        Assert.Equal(0, viaFound[classes]);     // nothing written past the classes
        Assert.Throws<ArgumentException>(() => model.AddFeature(10UL, new float[classes - 1]));
    }

    [Fact]
    public void Averaged_models_score_the_mean_of_their_scores()
    {
        // Key 5 in both models, key 7 only in the first, key 9 only in the second.
        var a = new PerceptronModel(3, [5UL, 7UL], [0, 2, 3], [0, 2, 1], [1.0f, -2.0f, 4.0f]);
        var b = new PerceptronModel(3, [5UL, 9UL], [0, 1, 2], [2, 0], [3.0f, 0.02f]);
        var mean = PerceptronModel.Average([a, b]);
        Assert.Equal(3, mean.FeatureCount);
        foreach (ulong[] features in new[] { new[] { 5UL }, [7UL], [9UL], [5UL, 7UL, 9UL, 11UL] })
        {
            float[] sa = new float[3], sb = new float[3], sm = new float[3];
            a.Score(features, sa);
            b.Score(features, sb);
            mean.Score(features, sm);
            for (int c = 0; c < 3; c++) Assert.Equal((sa[c] + sb[c]) / 2, sm[c], 5);
        }
        // Pruning after averaging: key 9 keeps only 0.01 and goes; key 5's class 2 is (-2 + 3) / 2 = 0.5 and stays.
        var pruned = PerceptronModel.Average([a, b], pruneBelow: 0.1f);
        Assert.Equal(2, pruned.FeatureCount);
        var scores = new float[3];
        pruned.Score([5UL], scores);
        Assert.Equal(new[] { 0.5f, 0f, 0.5f }, scores);
        Assert.Throws<ArgumentException>(() => PerceptronModel.Average([a, new PerceptronModel(4, [5UL], [0, 1], [3], [1f])]));
    }

    [Fact]
    public void Folded_model_scores_a_feature_as_the_original_scores_it_with_its_partner()
    {
        // Partner of key k is k + 100: 5 and 105 both have rows, 7 has none but its partner 107 has, 9 has no partner.
        var model = new PerceptronModel(3, [5UL, 9UL, 105UL, 107UL], [0, 2, 3, 4, 5], [0, 2, 1, 2, 0], [1.0f, -2.0f, 4.0f, 3.0f, 0.5f]);
        var folded = model.Fold([5UL, 7UL, 9UL], k => k + 100);
        Assert.Equal(3, folded.FeatureCount);    // 5, 7, 9; the partners are gone
        foreach (ulong key in new[] { 5UL, 7UL, 9UL })
        {
            float[] original = new float[3], merged = new float[3];
            model.Score([key, key + 100], original);
            folded.Score([key], merged);
            Assert.Equal(original, merged);
        }
        var scores = new float[3];
        folded.Score([105UL, 107UL], scores);
        Assert.Equal(new float[3], scores);
    }

    [Fact]
    public void Feature_keys_separate_templates_and_value_boundaries()
    {
        Assert.NotEqual(FeatureKey.Of(1, "Panzer"), FeatureKey.Of(2, "Panzer"));
        Assert.NotEqual(FeatureKey.Of(1, "ab", "c"), FeatureKey.Of(1, "a", "bc"));
        Assert.Equal(FeatureKey.Of(3, "Drohne".AsSpan(0, 4)), FeatureKey.Of(3, "Droh"));
        Assert.NotEqual(FeatureKey.Of(4, 1, 2), FeatureKey.Of(4, 2, 1));
    }
}

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-model-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SaveSample(string name = "m.lgbm")
    {
        var path = Path.Combine(_dir, name);
        ModelFile.Save(path, "tagger", "de", 3, new JsonObject { ["note"] = "test" }, w => { w.Write("hello"); w.Write(42); });
        return path;
    }

    private static (string, int) ReadSample(BinaryReader r, ModelFile.Header _) => (r.ReadString(), r.ReadInt32());

    [Fact]
    public void Round_trips_header_and_payload()
    {
        var path = SaveSample();
        var header = ModelFile.ReadHeader(path);
        Assert.Equal(("tagger", "de", 3), (header.Kind, header.Lang, header.PayloadVersion));
        Assert.Equal("test", (string?)header.Metadata["note"]);
        Assert.Equal(("hello", 42), ModelFile.Load(path, "tagger", 3, ReadSample));
    }

    [Fact]
    public void Wrong_kind_and_wrong_version_name_the_file_and_the_problem()
    {
        var path = SaveSample();
        var kind = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path, "parser", 3, ReadSample));
        Assert.Contains(path, kind.Message);
        Assert.Contains("is a tagger model, expected a parser model", kind.Message);
        var version = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path, "tagger", 4, ReadSample));
        Assert.Contains("payload version 3", version.Message);
    }

    [Fact]
    public void Corrupt_truncated_foreign_and_missing_files_give_clear_errors()
    {
        var path = SaveSample();
        var bytes = File.ReadAllBytes(path);

        var flipped = (byte[])bytes.Clone();
        flipped[^3] ^= 0x5A;
        File.WriteAllBytes(path, flipped);
        Assert.Contains("checksum", Assert.Throws<ModelFormatException>(() => ModelFile.Load(path, "tagger", 3, ReadSample)).Message);

        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        Assert.Contains("truncated", Assert.Throws<ModelFormatException>(() => ModelFile.Load(path, "tagger", 3, ReadSample)).Message);

        File.WriteAllText(path, "{\"not\": \"a model\"}");
        Assert.Contains("not a Lagebild model", Assert.Throws<ModelFormatException>(() => ModelFile.Load(path, "tagger", 3, ReadSample)).Message);

        var missing = Path.Combine(_dir, "absent.lgbm");
        Assert.Contains("not found", Assert.Throws<ModelFormatException>(() => ModelFile.ReadHeader(missing)).Message);
    }

    [Fact]
    public void Container_version_is_checked()
    {
        var path = SaveSample();
        var bytes = File.ReadAllBytes(path);
        bytes[15] = 99;   // first byte of the container version after the 15-byte magic
        File.WriteAllBytes(path, bytes);
        Assert.Contains("container version 99", Assert.Throws<ModelFormatException>(() => ModelFile.ReadHeader(path)).Message);
    }
}

public sealed class NlpScorerTests
{
    [Fact]
    public void Strict_chunks_count_only_exact_start_end_and_type()
    {
        string[] gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"];
        string[] pred = ["B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG", "O"];
        // gold: PER[0,2) LOC[3,4) ORG[5,7); predicted: PER[0,2) ORG[3,4) ORG[5,6): one exact match.
        var s = NlpScorer.Chunks(gold, pred);
        Assert.Equal((1L, 3L, 3L), (s.TruePositives, s.Predicted, s.Gold));
        Assert.Equal(100.0 / 3, s.F1, 6);
    }

    [Fact]
    public void I_tag_after_O_or_another_type_opens_a_chunk_like_conlleval()
    {
        var spans = NlpScorer.Spans(["I-LOC", "I-LOC", "I-PER", "O", "B-ORG", "B-ORG"]);
        Assert.Equal(new HashSet<(int, int, string)> { (0, 2, "LOC"), (2, 3, "PER"), (4, 5, "ORG"), (5, 6, "ORG") }, spans);
    }

    [Fact]
    public void Attachment_compares_labels_without_subtypes()
    {
        int[] goldHeads = [2, 0, 2, 3];
        string[] goldLabels = ["nsubj", "root", "obj", "nmod:poss"];
        int[] heads = [2, 0, 1, 3];
        string[] labels = ["nsubj:pass", "root", "obj", "amod"];
        var s = NlpScorer.Attachment(goldHeads, goldLabels, heads, labels);
        Assert.Equal((4L, 3L, 2L), (s.Words, s.HeadCorrect, s.LabelledCorrect));
        Assert.Equal(75.0, s.Uas);
        Assert.Equal(50.0, s.Las);
    }

    [Fact]
    public void Accuracy_is_a_percentage_of_positions()
    {
        var a = NlpScorer.Accuracy(["NOUN", "VERB", "ADP", "DET"], ["NOUN", "NOUN", "ADP", "DET"]);
        Assert.Equal(75.0, a.Percent);
        Assert.Throws<ArgumentException>(() => NlpScorer.Accuracy(["X"], []));
    }
}

public sealed class CorpusReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-corpus-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Conllu_resolves_multiword_tokens_to_their_words()
    {
        var path = Write("t.conllu", string.Join("\n",
            "# sent_id = a1", "# text = Sie liefert zum Hafen.",
            "1\tSie\tsie\tPRON\tPPER\t_\t2\tnsubj\t_\t_",
            "2\tliefert\tliefern\tVERB\tVVFIN\t_\t0\troot\t_\t_",
            "3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_",
            "3\tzu\tzu\tADP\tAPPR\t_\t5\tcase\t_\t_",
            "4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_",
            "5\tHafen\tHafen\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No",
            "6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_", "", ""));
        var s = Assert.Single(CorpusReader.ReadTreebank(path));
        Assert.Equal(["Sie", "liefert", "zu", "dem", "Hafen", "."], s.Forms);
        Assert.Equal("liefern", s.Lemmas[1]);
        Assert.Equal([2, 0, 5, 5, 2, 2], s.Heads);
        Assert.Equal("a1", s.Id);
        Assert.True(s.HasTrees);
    }

    [Fact]
    public void Pos_files_skip_the_surface_form_of_contractions()
    {
        var path = Write("t.conllu.pos", "Wir##PRON fahren##VERB zum##_ zu##ADP dem##DET Markt##NOUN\n\nJa##ADV\n");
        var s = CorpusReader.ReadTreebank(path);
        Assert.Equal(2, s.Count);
        Assert.Equal(["Wir", "fahren", "zu", "dem", "Markt"], s[0].Forms);
        Assert.Equal(["PRON", "VERB", "ADP", "DET", "NOUN"], s[0].Upos);
        Assert.False(s[0].HasTrees);
    }

    [Fact]
    public void Bio_reads_indexed_and_two_column_files_and_rejects_bad_tags()
    {
        var four = Write("g.tsv", "#\tsource\t[date]\n1\tAnna\tB-PER\tO\n2\tfliegt\tO\tO\n\n1\tnach\tO\tO\n2\tOslo\tB-LOC\tO\n");
        var s = CorpusReader.ReadBio(four);
        Assert.Equal(2, s.Count);
        Assert.Equal(["Anna", "fliegt"], s[0].Tokens);
        Assert.Equal(["O", "B-LOC"], s[1].Tags);

        var two = Write("t.txt", "Anna\tB-PER\n#\tO\n3\tO\n");
        var t = Assert.Single(CorpusReader.ReadBio(two));
        Assert.Equal(["Anna", "#", "3"], t.Tokens);

        var bad = Write("b.txt", "Anna\tPERSON\n");
        var e = Assert.Throws<CorpusFormatException>(() => CorpusReader.ReadBio(bad));
        Assert.Contains("b.txt:1", e.Message);
    }
}
