namespace Lagebild.Claims;

/// <summary>Closed-class words the rules need: articles, prepositions, subordinators, auxiliaries (German and English).</summary>
public static class Grammar
{
    public static readonly HashSet<string> Articles = Set("der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
        "the", "a", "an", "its", "their", "sein", "seine", "seiner", "seinen", "seinem", "ihre", "ihrer", "ihren", "ihrem", "ihr", "dessen", "deren");
    public static readonly HashSet<string> Prepositions = Set("an", "am", "ans", "nach", "für", "fürs", "von", "vom", "aus", "durch", "mit", "in", "im", "ins", "gegen",
        "bei", "beim", "zwischen", "gegenüber", "über", "um", "vor", "auf", "zu", "zum", "zur", "seit", "unter", "trotz", "wegen", "laut", "inklusive", "neben",
        "ohne", "bis", "innerhalb", "hinsichtlich", "bezüglich", "betreffend", "angesichts", "außerhalb", "samt", "nahe", "hinter", "richtung", "wie", "als",
        "to", "from", "by", "for", "with", "of", "in", "into", "on", "at", "against", "between", "via", "through", "without", "including", "like", "as", "amid", "toward", "towards");
    public static readonly HashSet<string> Subordinators = Set("dass", "daß", "weil", "da", "ob", "wenn", "falls", "obwohl", "während", "nachdem", "bevor", "indem",
        "damit", "sodass", "wobei", "um", "als", "wie", "seit", "seitdem", "solange", "sofern", "zumal",
        "that", "because", "while", "whereas", "although", "though", "after", "before", "if", "since", "unless", "when", "which", "who", "whom", "whose", "where");
    public static readonly HashSet<string> RelativePronouns = Set("der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welche", "welcher", "welches", "welchem", "welchen",
        "which", "who", "that");
    public static readonly HashSet<string> Coordinators = Set("und", "oder", "sowie", "aber", "doch", "sondern", "jedoch", "and", "or", "but");
    public static readonly HashSet<string> Auxiliaries = Set("hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten", "ist", "sind", "war", "waren", "sei", "seien", "wäre",
        "wird", "werden", "wurde", "wurden", "worden", "werde", "würde", "würden", "kann", "können", "konnte", "konnten", "könne", "könnte", "könnten",
        "soll", "sollen", "sollte", "sollten", "will", "wollen", "wollte", "wollten", "muss", "müssen", "musste", "mussten", "darf", "dürfen",
        "steht", "stehen", "gilt", "gelten", "gibt", "geben", "begann", "begonnen", "plant", "planen", "plante",
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "did", "does", "do");
    public static readonly HashSet<string> PassiveAuxiliaries = Set("wird", "werden", "wurde", "wurden", "worden", "werde", "würde", "würden",
        "is", "are", "was", "were", "been", "being", "be");
    /// <summary>Pronouns that, as the subject of reported speech, stand for the speaker.</summary>
    public static readonly HashSet<string> SubjectPronouns = Set("es", "er", "sie", "wir", "man", "it", "he", "she", "we", "they");
    public static readonly HashSet<string> DemonstrativeStarts = Set("das", "dies", "diese", "dieses", "dieser", "this", "that", "these");

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);
}
