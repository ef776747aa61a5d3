using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Models;
using Lagebild.Nlp.Parsing;
using Xunit;

namespace Lagebild.Tests.Nlp;

public class ParserTests
{
    // Invented sentences: (form, UPOS, head, relation).
    private static UdSentence Sentence(params (string Form, string Upos, int Head, string Rel)[] words) =>
        new(words.Select(w => w.Form).ToArray(), words.Select(w => w.Form.ToLowerInvariant()).ToArray(),
            words.Select(w => w.Upos).ToArray(), words.Select(_ => "_").ToArray(), words.Select(_ => "_").ToArray(),
            words.Select(w => w.Head).ToArray(), words.Select(w => w.Rel).ToArray());

    private static readonly UdSentence ReadsBooks = Sentence(
        ("Mira", "PROPN", 2, "nsubj"), ("reads", "VERB", 0, "root"), ("old", "ADJ", 4, "amod"),
        ("books", "NOUN", 2, "obj"), ("today", "NOUN", 2, "obl:tmod"), (".", "PUNCT", 2, "punct"));

    private static readonly List<UdSentence> TinyTreebank =
    [
        ReadsBooks,
        Sentence(("Tobin", "PROPN", 2, "nsubj"), ("sells", "VERB", 0, "root"), ("green", "ADJ", 4, "amod"), ("apples", "NOUN", 2, "obj"), (".", "PUNCT", 2, "punct")),
        Sentence(("The", "DET", 2, "det"), ("farmer", "NOUN", 3, "nsubj"), ("sleeps", "VERB", 0, "root"), (".", "PUNCT", 3, "punct")),
        Sentence(("A", "DET", 2, "det"), ("cat", "NOUN", 3, "nsubj"), ("watches", "VERB", 0, "root"), ("the", "DET", 5, "det"), ("birds", "NOUN", 3, "obj"),
                 ("in", "ADP", 8, "case"), ("the", "DET", 8, "det"), ("garden", "NOUN", 3, "obl"), (".", "PUNCT", 3, "punct")),
        Sentence(("Quill", "PROPN", 2, "nsubj"), ("paints", "VERB", 0, "root"), ("and", "CCONJ", 4, "cc"), ("sings", "VERB", 2, "conj"), (".", "PUNCT", 2, "punct")),
        Sentence(("The", "DET", 3, "det"), ("small", "ADJ", 3, "amod"), ("dog", "NOUN", 4, "nsubj"), ("barks", "VERB", 0, "root"), ("loudly", "ADV", 4, "advmod"), (".", "PUNCT", 4, "punct")),
        Sentence(("Mira", "PROPN", 2, "nsubj"), ("sells", "VERB", 0, "root"), ("the", "DET", 4, "det"), ("books", "NOUN", 2, "obj"), ("in", "ADP", 7, "case"),
                 ("a", "DET", 7, "det"), ("shop", "NOUN", 2, "obl"), (".", "PUNCT", 2, "punct")),
        Sentence(("A", "DET", 3, "det"), ("green", "ADJ", 3, "amod"), ("bird", "NOUN", 4, "nsubj"), ("sings", "VERB", 0, "root"), ("today", "NOUN", 4, "obl:tmod"), (".", "PUNCT", 4, "punct")),
    ];

    private static readonly string[] Labels = ["amod", "nsubj", "obj", "obl:tmod", "punct", "root"];

    /// <summary>Gold heads and label ids indexed 1..n as the oracle wants them.</summary>
    private static (int[] Heads, int[] Labels) Gold(UdSentence s, IReadOnlyList<string> labels)
    {
        var heads = new int[s.Length + 1];
        var ids = new int[s.Length + 1];
        heads[0] = -1; ids[0] = -1;
        for (int i = 0; i < s.Length; i++) { heads[i + 1] = s.Heads[i]; ids[i + 1] = labels.ToList().IndexOf(s.Deprels[i]); }
        return (heads, ids);
    }

    private static int Label(string name) => Array.IndexOf(Labels, name);

    private static ArcEagerState StateFor(UdSentence s)
    {
        var state = new ArcEagerState();
        state.Reset(s.Length);
        return state;
    }

    [Fact]
    public void FollowingZeroCostTransitionsRebuildsTheGoldTree()
    {
        var (gold, goldLabels) = Gold(ReadsBooks, Labels);
        var state = StateFor(ReadsBooks);
        var costs = new int[ArcEager.ClassCount(Labels.Length)];
        var sequence = new List<int>();
        while (!state.IsTerminal)
        {
            int least = DynamicOracle.Costs(state, gold, goldLabels, Labels.Length, Label("root"), costs);
            Assert.Equal(0, least);
            int next = Array.IndexOf(costs, 0);
            sequence.Add(next);
            ArcEager.Apply(state, next);
        }
        // SH, LA-nsubj, RA-root, SH, LA-amod, RA-obj, RD, RA-obl:tmod, RD, RA-punct
        Assert.Equal([ArcEager.Shift, ArcEager.LeftArc(Label("nsubj")), ArcEager.RightArc(Label("root")), ArcEager.Shift,
            ArcEager.LeftArc(Label("amod")), ArcEager.RightArc(Label("obj")), ArcEager.Reduce, ArcEager.RightArc(Label("obl:tmod")),
            ArcEager.Reduce, ArcEager.RightArc(Label("punct"))], sequence);
        for (int i = 1; i <= ReadsBooks.Length; i++)
        {
            Assert.Equal(gold[i], state.Heads[i]);
            Assert.Equal(goldLabels[i], state.Labels[i]);
        }
    }

    [Fact]
    public void DynamicOracleCostsMatchAHandWorkedExample()
    {
        // Mira(1) reads(2) old(3) books(4) today(5) .(6); gold: 1<-2, 0->2, 3<-4, 2->4, 2->5, 2->6.
        var (gold, goldLabels) = Gold(ReadsBooks, Labels);
        var state = StateFor(ReadsBooks);
        int Cost(int t) => DynamicOracle.Cost(state, t, gold, goldLabels);

        // stack [0], buffer 1..6
        Assert.Equal(0, Cost(ArcEager.Shift));
        Assert.Equal(1, Cost(ArcEager.RightArc(Label("nsubj"))));    // 1's head 2 is still in the buffer
        Assert.Equal(int.MaxValue, Cost(ArcEager.LeftArc(Label("nsubj"))));   // the root takes no head
        Assert.Equal(int.MaxValue, Cost(ArcEager.Reduce));

        ArcEager.Apply(state, ArcEager.Shift);   // stack [0 1], buffer 2..6
        Assert.Equal(0, Cost(ArcEager.LeftArc(Label("nsubj"))));
        Assert.Equal(1, Cost(ArcEager.LeftArc(Label("obj"))));       // right arc, wrong label
        Assert.Equal(2, Cost(ArcEager.Shift));                       // loses 0->2 and 1<-2
        Assert.Equal(2, Cost(ArcEager.RightArc(Label("root"))));     // loses 0->2 and 1<-2
        Assert.Equal(int.MaxValue, Cost(ArcEager.Reduce));           // 1 has no head yet

        ArcEager.Apply(state, ArcEager.Shift);   // a mistake: stack [0 1 2], buffer 3..6
        Assert.Equal(0, Cost(ArcEager.Shift));
        Assert.Equal(1, Cost(ArcEager.RightArc(Label("amod"))));     // 3's head 4 is in the buffer
        Assert.Equal(3, Cost(ArcEager.LeftArc(Label("nsubj"))));     // 2 would lose its dependents 4, 5, 6
    }

    [Fact]
    public void LiftingMakesANonProjectiveTreeProjective()
    {
        // Word 2 hangs from 5 across word 3, the root, which 5 does not dominate; lifting moves it to 5's head.
        int[] heads = [3, 5, 0, 3, 3];
        Assert.False(Projectivizer.IsProjective(heads));
        var lifted = Projectivizer.Lift(heads);
        Assert.True(Projectivizer.IsProjective(lifted));
        Assert.Equal([3, 3, 0, 3, 3], lifted);
        Assert.Equal([3, 5, 0, 3, 3], heads);
    }

    [Fact]
    public void RepairJoinsSeveralRootsIntoOneTree()
    {
        // Headless words come out of the parser labelled "root"; word 2 was attached to the root explicitly.
        int[] heads = [-1, 0, 2, -1];
        string[] labels = ["root", "root", "obj", "root"];
        TreeRepair.Repair(heads, labels, ["PRON", "VERB", "NOUN", "PUNCT"]);
        Assert.Equal([2, 0, 2, 2], heads);
        Assert.Equal(["parataxis", "root", "obj", "punct"], labels);
    }

    private static DependencyParser TrainTiny() =>
        ParserTrainer.Train("en", TinyTreebank, TinyTreebank, new ParserTrainingOptions { Epochs = 12, PruneBelow = 0f }, TextWriter.Null).Parser;

    private static readonly Lazy<DependencyParser> Tiny = new(TrainTiny);

    [Fact]
    public void LearnsATinyTreebank()
    {
        var score = ParserTrainer.Evaluate(Tiny.Value, TinyTreebank, null);
        Assert.True(score.Uas >= 95, $"tiny treebank: {score}");
        Assert.True(score.Las >= 90, $"tiny treebank: {score}");
    }

    [Fact]
    public void TrainingIsReproducible()
    {
        var again = TrainTiny();
        foreach (var s in TinyTreebank)
        {
            var a = Tiny.Value.Parse(s.Forms, s.Upos);
            var b = again.Parse(s.Forms, s.Upos);
            Assert.Equal(a.Heads, b.Heads);
            Assert.Equal(a.Labels, b.Labels);
        }
    }

    [Fact]
    public void OutputIsAlwaysOneTree()
    {
        var random = new Random(7);
        string[] tags = ["NOUN", "VERB", "DET", "ADJ", "PUNCT", "ADP", "PROPN", "X"];
        string[] words = ["zork", "the", "flibs", ".", "in", "Mira", "sells", "!", "blue", "quietly"];
        Assert.Empty(Tiny.Value.Parse([], []).Heads);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 1 + random.Next(40);
            var w = Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]).ToArray();
            var t = Enumerable.Range(0, n).Select(_ => tags[random.Next(tags.Length)]).ToArray();
            var tree = Tiny.Value.Parse(w, t);
            AssertTree(tree);
        }
    }

    internal static void AssertTree(DependencyTree tree)
    {
        int n = tree.Heads.Length;
        Assert.Equal(n, tree.Labels.Length);
        Assert.Single(tree.Heads, h => h == 0);
        for (int i = 0; i < n; i++)
        {
            Assert.InRange(tree.Heads[i], 0, n);
            Assert.NotEqual(i + 1, tree.Heads[i]);
            Assert.False(string.IsNullOrEmpty(tree.Labels[i]));
            Assert.Equal(tree.Heads[i] == 0, tree.Labels[i] == "root");
            // Walking up from any word reaches the root within n steps: no cycles.
            int word = i + 1, steps = 0;
            while (word != 0 && steps++ <= n) word = tree.Heads[word - 1];
            Assert.Equal(0, word);
        }
    }

    /// <summary>A parser trained on UPOS+XPOS reads the fine tags: two words with the same form and UPOS but different
    /// XPOS attach differently, and the flag survives saving.</summary>
    [Fact]
    public void AParserTrainedWithXposReadsTheFineTags()
    {
        static UdSentence WithXpos(UdSentence s, params string[] xpos) =>
            new(s.Forms, s.Lemmas, s.Upos, xpos, s.Feats, s.Heads, s.Deprels);
        // "X flib Y": with VBD the second word is the verb (root); with NN it is the subject's noun compound head.
        var treebank = new List<UdSentence>();
        string[] names = ["Mira", "Tobin", "Quill", "Ansel", "Brin", "Cato"];
        foreach (var a in names)
            foreach (var b in names.Where(n => n != a))
            {
                treebank.Add(WithXpos(Sentence((a, "PROPN", 2, "nsubj"), ("flib", "NOUN", 0, "root"), (b, "PROPN", 2, "obj")), "NNP", "VBD", "NNP"));
                treebank.Add(WithXpos(Sentence((a, "PROPN", 2, "compound"), ("flib", "NOUN", 0, "root"), (b, "PROPN", 2, "appos")), "NNP", "NN", "NNP"));
            }
        var options = new ParserTrainingOptions { Epochs = 6, PruneBelow = 0f, UseXpos = true };
        var parser = ParserTrainer.Train("en", treebank, [], options, TextWriter.Null).Parser;
        Assert.True(parser.UsesXpos);
        string[] words = ["Dorn", "flib", "Mira"], upos = ["PROPN", "NOUN", "PROPN"];
        Assert.Equal("nsubj", parser.Parse(words, upos, ["NNP", "VBD", "NNP"]).Labels[0]);
        Assert.Equal("compound", parser.Parse(words, upos, ["NNP", "NN", "NNP"]).Labels[0]);

        var path = Path.Combine(Path.GetTempPath(), $"parser-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            parser.Save(path);
            var loaded = DependencyParser.Load(path);
            Assert.True(loaded.UsesXpos);
            Assert.Equal("compound", loaded.Parse(words, upos, ["NNP", "NN", "NNP"]).Labels[0]);
            Assert.False(Tiny.Value.UsesXpos);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SavedModelParsesTheSame()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parser-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            Tiny.Value.Save(path);
            var loaded = DependencyParser.Load(path);
            Assert.Equal("en", loaded.Lang);
            Assert.Equal(Tiny.Value.Labels, loaded.Labels);
            foreach (var s in TinyTreebank)
            {
                var a = Tiny.Value.Parse(s.Forms, s.Upos);
                var b = loaded.Parse(s.Forms, s.Upos);
                Assert.Equal(a.Heads, b.Heads);
                Assert.Equal(a.Labels, b.Labels);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CorruptOrForeignFilesAreRejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parser-test-{Guid.NewGuid():N}.lgbm");
        try
        {
            Tiny.Value.Save(path);
            var bytes = File.ReadAllBytes(path);
            bytes[^10] ^= 0x55;
            File.WriteAllBytes(path, bytes);
            var corrupt = Assert.Throws<ModelFormatException>(() => DependencyParser.Load(path));
            Assert.Contains(path, corrupt.Message);

            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            Assert.Throws<ModelFormatException>(() => DependencyParser.Load(path));

            ModelFile.Save(path, "tagger", "en", DependencyParser.PayloadVersion, null, w => w.Write(0));
            var foreign = Assert.Throws<ModelFormatException>(() => DependencyParser.Load(path));
            Assert.Contains("tagger", foreign.Message);

            File.WriteAllText(path, "not a model");
            Assert.Throws<ModelFormatException>(() => DependencyParser.Load(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MismatchedTagsAreRefused() =>
        Assert.Throws<ArgumentException>(() => Tiny.Value.Parse(["one", "two"], ["NUM"]));
}
