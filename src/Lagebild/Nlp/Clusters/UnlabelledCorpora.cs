using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Clusters;

/// <summary>
/// Licence-clean running text per language from which word classes are learned. Never a split any model is scored
/// on (GSD test, GermEval test, UNER/UD EWT test, PUD); never a non-commercial corpus.
/// </summary>
public static class UnlabelledCorpora
{
    public static IReadOnlyList<DataFile> For(string lang) => lang switch
    {
        "de" =>
        [
            new("ud-german-gsd/de_gsd-ud-train.v2.3.conllu.pos.gz", "CC BY-SA 4.0", "unlabelled"),
            new("germeval2014-ner/NER-de-train.outer-bio.txt.gz", "CC BY 4.0", "unlabelled"),
            new("europeana-newspapers-ner/enp_DE.lft.bio", "CC0 1.0", "unlabelled"),
            new("europeana-newspapers-ner/enp_DE.onb.bio", "CC0 1.0", "unlabelled"),
            new("europeana-newspapers-ner/enp_DE.sbb.bio", "CC0 1.0", "unlabelled"),
            new("hipe2022-news-ner/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev-de.tsv", "CC BY 4.0", "unlabelled"),
            new("hipe2022-news-ner/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev2-de.tsv", "CC BY 4.0", "unlabelled"),
            new("hipe2022-news-ner/v2.1/newseye/de/HIPE-2022-v2.1-newseye-test-de.tsv", "CC BY 4.0", "unlabelled"),
            new("hipe2022-news-ner/v2.1/sonar/de/HIPE-2022-v2.1-sonar-dev-de.tsv", "CC BY 4.0", "unlabelled"),
            new("hipe2022-news-ner/v2.1/sonar/de/HIPE-2022-v2.1-sonar-test-de.tsv", "CC BY 4.0", "unlabelled"),
        ],
        "en" =>
        [
            new("ud-english-ewt/en_ewt-ud-train.conllu.gz", "CC BY-SA 4.0", "unlabelled"),
            new("ud-english-ewt/en_ewt-ud-dev.conllu", "CC BY-SA 4.0", "unlabelled"),
        ],
        _ => [],
    };

    /// <summary>The sentences of the files that exist under <paramref name="dataDirectory"/>, and those files.</summary>
    public static (List<IReadOnlyList<string>> Sentences, List<DataFile> Used) Read(string lang, string dataDirectory)
    {
        var sentences = new List<IReadOnlyList<string>>();
        var used = new List<DataFile>();
        foreach (var file in For(lang))
        {
            var path = Path.Combine(dataDirectory, file.Path);
            if (!File.Exists(path)) continue;
            sentences.AddRange(UnlabelledText.Read(path));
            used.Add(file);
        }
        return (sentences, used);
    }
}
