using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Lemmas;

/// <summary>How the lemma's letter case follows from the (lower-cased) edit-tree output.</summary>
public enum LemmaCase : byte
{
    Lower = 0,        // "Die" -> "der", "went" -> "go"
    FirstUpper = 1,   // German nouns and names: "Panzern" -> "Panzer"
    AsForm = 2,       // "NATO" -> "NATO": position by position as in the form
}

/// <summary>One lemmatisation class: an edit tree over lower-cased strings plus the casing of the result.</summary>
public sealed record LemmaClass(EditTree Tree, LemmaCase Case)
{
    public override string ToString() => $"{(int)Case}{Tree}";
    public static LemmaClass Parse(string text) => new(EditTree.Parse(text[1..]), (LemmaCase)(text[0] - '0'));

    public string? Apply(string form, string lowerForm)
    {
        var lemma = Tree.Apply(lowerForm);
        if (lemma == null || lemma.Length == 0) return null;
        return Case switch
        {
            LemmaCase.Lower => lemma,
            LemmaCase.FirstUpper => string.Concat(lemma[..1].ToUpperInvariant(), lemma.AsSpan(1)),
            _ => string.Create(lemma.Length, (lemma, form), static (span, state) =>
            {
                for (int i = 0; i < span.Length; i++)
                    span[i] = i < state.form.Length && char.IsUpper(state.form[i]) ? char.ToUpperInvariant(state.lemma[i]) : state.lemma[i];
            }),
        };
    }

    /// <summary>The class that turns the form into the lemma, preferring the form's own casing (codes, acronyms and
    /// German nouns keep it), then lower case, then a capital first letter.</summary>
    public static LemmaClass Of(string form, string lemma)
    {
        var lowerLemma = lemma.ToLowerInvariant();
        var tree = EditTree.Build(form.ToLowerInvariant(), lowerLemma);
        foreach (var mode in new[] { LemmaCase.AsForm, LemmaCase.Lower, LemmaCase.FirstUpper })
        {
            var candidate = new LemmaClass(tree, mode);
            if (candidate.Apply(form, form.ToLowerInvariant()) == lemma) return candidate;
        }
        return new LemmaClass(tree, LemmaCase.AsForm);
    }
}

/// <summary>
/// Lemmatizer: an exact (form, tag) -> lemma table for the words the classifier gets wrong in training, then an
/// averaged perceptron that picks an edit-tree class from the form's affixes, its casing and its UPOS tag. Tags are
/// first mapped to lemma tag groups (German merges tags whose lemmatisation is alike but whose annotation changed
/// between UD versions, e.g. DET/PRON). Thread-safe.
/// </summary>
public sealed class Lemmatizer : ILemmatizer
{
    public const string Kind = "lemmatizer";
    public const int PayloadVersion = 1;
    private const int MaxTries = 8;

    private readonly PerceptronModel _model;
    /// <summary>Lemmas already computed: a word's lemma depends only on (tag group, form, sentence start), and a few
    /// thousand frequent words make up most running text, so most words skip the classifier. Bounded; thread-safe.</summary>
    private readonly ConcurrentDictionary<(string Group, string Form, bool Start), string> _cache = new();
    private const int CacheLimit = 100_000;

    internal Lemmatizer(IReadOnlyDictionary<string, string> tagGroups, LemmaClass[] classes, Dictionary<ulong, string> exceptions,
        PerceptronModel model, JsonObject? metadata = null)
    {
        if (model.Classes != classes.Length) throw new ArgumentException("model and class list differ");
        TagGroups = tagGroups;
        Classes = classes;
        Exceptions = exceptions;
        _model = model;
        Metadata = metadata ?? new JsonObject();
    }

    public IReadOnlyDictionary<string, string> TagGroups { get; }
    public IReadOnlyList<LemmaClass> Classes { get; }
    /// <summary>Hash of (tag group, form) -> lemma.</summary>
    internal Dictionary<ulong, string> Exceptions { get; }
    internal PerceptronModel Model => _model;
    public JsonObject Metadata { get; }

    public string Group(string upos) => TagGroups.TryGetValue(upos, out var g) ? g : upos;

    public string[] Lemmatize(IReadOnlyList<string> words, IReadOnlyList<string> upos)
    {
        if (words.Count != upos.Count) throw new ArgumentException("words and tags differ in length");
        var lemmas = new string[words.Count];
        for (int i = 0; i < words.Count; i++) lemmas[i] = Lemmatize(words[i], upos[i], i == 0);
        return lemmas;
    }

    public string Lemmatize(string form, string upos, bool sentenceStart)
    {
        if (form.Length == 0) return form;
        var group = Group(upos);
        if (_cache.TryGetValue((group, form, sentenceStart), out var cached)) return cached;
        var lemma = Compute(form, group, sentenceStart);
        if (_cache.Count < CacheLimit) _cache.TryAdd((group, form, sentenceStart), lemma);
        return lemma;
    }

    private string Compute(string form, string group, bool sentenceStart)
    {
        if (Exceptions.TryGetValue(LemmaFeatures.TableKey(group, form), out var known)) return known;
        var lower = form.ToLowerInvariant();
        if (sentenceStart && lower != form && Exceptions.TryGetValue(LemmaFeatures.TableKey(group, lower), out known)) return known;
        return Classify(form, lower, group, sentenceStart) ?? form;
    }

    /// <summary>The best-scoring class that fits the form (null when none of the top few does).</summary>
    internal string? Classify(string form, string lower, string group, bool sentenceStart)
    {
        Span<ulong> features = stackalloc ulong[LemmaFeatures.MaxFeatures];
        int count = LemmaFeatures.Extract(form, lower, group, sentenceStart, features);
        Span<float> scores = _model.Classes <= 2048 ? stackalloc float[_model.Classes] : new float[_model.Classes];
        _model.Score(features[..count], scores);
        for (int attempt = 0; attempt < MaxTries; attempt++)
        {
            int best = PerceptronModel.ArgMax(scores);
            if (float.IsNegativeInfinity(scores[best])) break;
            var lemma = Classes[best].Apply(form, lower);
            if (lemma != null) return lemma;
            scores[best] = float.NegativeInfinity;
        }
        return null;
    }

    public void Save(string path)
    {
        ModelFile.Save(path, Kind, Metadata["lang"]?.GetValue<string>() ?? "xx", PayloadVersion, (JsonObject)Metadata.DeepClone(), w =>
        {
            w.Write(TagGroups.Count);
            foreach (var (tag, group) in TagGroups.OrderBy(t => t.Key, StringComparer.Ordinal)) { w.Write(tag); w.Write(group); }
            w.Write(Classes.Count);
            foreach (var c in Classes) w.Write(c.ToString());
            // Lemmas repeat (the forms of one word share it): store each once.
            var entries = Exceptions.OrderBy(e => e.Key).ToList();
            var lemmas = entries.Select(e => e.Value).Distinct().Order(StringComparer.Ordinal).ToList();
            var index = lemmas.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
            w.Write(lemmas.Count);
            foreach (var l in lemmas) w.Write(l);
            w.Write(entries.Count);
            ulong previous = 0;
            foreach (var (key, lemma) in entries)
            {
                w.Write7BitEncodedInt64((long)(key - previous));
                previous = key;
                w.Write7BitEncodedInt(index[lemma]);
            }
            _model.Write(w);
        });
    }

    public static Lemmatizer Load(string path) =>
        ModelFile.Load(path, Kind, PayloadVersion, (r, header) =>
        {
            int groupCount = Check(r.ReadInt32(), 1000, "tag groups");
            var groups = new Dictionary<string, string>();
            for (int i = 0; i < groupCount; i++) groups[r.ReadString()] = r.ReadString();
            int classCount = Check(r.ReadInt32(), 1_000_000, "classes");
            var classes = new LemmaClass[classCount];
            for (int i = 0; i < classCount; i++) classes[i] = LemmaClass.Parse(r.ReadString());
            int lemmaCount = Check(r.ReadInt32(), 50_000_000, "lemmas");
            var lemmas = new string[lemmaCount];
            for (int i = 0; i < lemmaCount; i++) lemmas[i] = r.ReadString();
            int entryCount = Check(r.ReadInt32(), 50_000_000, "table entries");
            var exceptions = new Dictionary<ulong, string>(entryCount);
            ulong key = 0;
            for (int i = 0; i < entryCount; i++)
            {
                key += (ulong)r.Read7BitEncodedInt64();
                int index = r.Read7BitEncodedInt();
                if ((uint)index >= (uint)lemmaCount) throw new InvalidDataException("lemma index out of range");
                exceptions[key] = lemmas[index];
            }
            var model = PerceptronModel.Read(r);
            if (model.Classes != classCount) throw new InvalidDataException("perceptron class count differs from the class list");
            var metadata = (JsonObject)header.Metadata.DeepClone();
            metadata["lang"] = header.Lang;
            return new Lemmatizer(groups, classes, exceptions, model, metadata);
        });

    private static int Check(int value, int max, string what) =>
        value < 0 || value > max ? throw new InvalidDataException($"bad count of {what}: {value}") : value;
}
