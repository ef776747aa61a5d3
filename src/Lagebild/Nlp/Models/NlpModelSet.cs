using System.Collections.Concurrent;

namespace Lagebild.Nlp.Models;

/// <summary>
/// The trained models of one language, loaded lazily from a directory by file name ("tagger-de.lgbm",
/// "ner-en.lgbm"...). A model that is absent is null, so callers fall back to rules. Loading is thread-safe and
/// happens once per model.
/// </summary>
public sealed class NlpModelSet
{
    public const string Extension = ".lgbm";
    private static readonly ConcurrentDictionary<(string Dir, string Lang), NlpModelSet> Cache = new();
    private readonly ConcurrentDictionary<string, Lazy<object?>> _models = new();

    public NlpModelSet(string directory, string lang)
    {
        Directory = directory;
        Lang = lang;
    }

    public string Directory { get; }
    public string Lang { get; }

    /// <summary>The shipped models of a language (cached per directory and language).</summary>
    public static NlpModelSet ForLanguage(string lang, string? directory = null) =>
        Cache.GetOrAdd((directory ?? DefaultDirectory ?? "", lang), key => new NlpModelSet(key.Dir, key.Lang));

    /// <summary>
    /// Where the shipped models are: LAGEBILD_MODELS, else "models" beside the binaries (the library copies them
    /// there), else a "models" folder found walking up from the current directory. Null when none exists.
    /// </summary>
    public static string? DefaultDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("LAGEBILD_MODELS");
            if (!string.IsNullOrEmpty(env)) return env;
            var beside = Path.Combine(AppContext.BaseDirectory, "models");
            if (System.IO.Directory.Exists(beside)) return beside;
            for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models");
                if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
            }
            return null;
        }
    }

    /// <summary>File name of a model: "parser-en.lgbm".</summary>
    public static string FileName(string kind, string lang) => $"{kind}-{lang}{Extension}";

    public string PathOf(string kind) => Path.Combine(Directory, FileName(kind, Lang));

    public ITagger? Tagger => Get<ITagger>("tagger");
    public ILemmatizer? Lemmatizer => Get<ILemmatizer>("lemmatizer");
    public IEntityRecognizer? Ner => Get<IEntityRecognizer>("ner");
    public IDependencyParser? Parser => Get<IDependencyParser>("parser");

    /// <summary>The model of a kind, or null when its file is absent or no loader is registered for the kind.
    /// A file that exists but cannot be read throws <see cref="ModelFormatException"/>.</summary>
    public T? Get<T>(string kind) where T : class =>
        _models.GetOrAdd(kind, k => new Lazy<object?>(() => Load(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value as T;

    /// <summary>Uses <paramref name="model"/> for <paramref name="kind"/> instead of a file (tests, embedding hosts).</summary>
    public NlpModelSet With(string kind, object model)
    {
        _models[kind] = new Lazy<object?>(model);
        return this;
    }

    private object? Load(string kind)
    {
        var path = PathOf(kind);
        if (!File.Exists(path) || !ModelRegistry.Loaders.TryGetValue(kind, out var load)) return null;
        return load(path);
    }
}
