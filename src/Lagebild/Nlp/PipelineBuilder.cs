using Lagebild.Claims;
using Lagebild.Knowledge;
using Lagebild.Nlp.Models;
using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>
/// Wires the steps of one language in one place: paragraphs, tokens, sentences, trained models, mentions, quotes,
/// attribution, claims. Data flows one way; each step adds a layer to the document.
/// </summary>
public sealed class PipelineBuilder
{
    private readonly List<IPipe> _steps = new();
    private readonly TableSource _source;
    private readonly string _lang;
    private LanguageData? _data;
    private Abbreviations? _abbreviations;

    public PipelineBuilder(TableSource source, string lang) { _source = source; _lang = lang; }

    private LanguageData Data => _data ??= LanguageData.Load(_source, _lang);
    private Abbreviations Abbrev => _abbreviations ??= Abbreviations.Load(_source, _lang);

    public PipelineBuilder Use(IPipe step) { _steps.Add(step); return this; }
    public PipelineBuilder UseParagraphs() => Use(new ParagraphSegmenter(_source));
    public PipelineBuilder UseTokenizer() => Use(new Tokenizer(Abbrev));
    public PipelineBuilder UseSentences() => Use(new SentenceSplitter(Abbrev));
    /// <summary>The trained models of the language (tags, lemmas, entities, syntax), where shipped.</summary>
    public PipelineBuilder UseModels(ModelLayers layers = ModelLayers.All) =>
        Use(new ModelAnnotator(NlpModelSet.ForLanguage(_lang), layers));
    public PipelineBuilder UseMentions() => Use(new MentionFinder(Data));
    public PipelineBuilder UseQuotes() => Use(new QuoteFinder(Data));
    public PipelineBuilder UseAttribution() => Use(new AttributionFinder(Data));
    public PipelineBuilder UseClaims() => Use(new ClaimExtractor(Data));

    /// <summary>
    /// The model layers the extraction rules read today: entities (persons and organisations no table lists). Tags,
    /// lemmas and syntax cost throughput and no rule uses them yet, so they run only where asked for.
    /// </summary>
    public const ModelLayers ExtractionLayers = ModelLayers.Entities;

    /// <summary>The full extraction pipeline.</summary>
    public PipelineBuilder UseDefaults() =>
        UseParagraphs().UseTokenizer().UseSentences().UseModels(ExtractionLayers).UseMentions().UseQuotes().UseAttribution().UseClaims();

    public Pipeline Build() => new(_lang, _steps.ToArray());
}
