using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>An immutable list of steps; running it is <c>foreach (step) step.Process(doc)</c>.</summary>
public sealed class Pipeline
{
    public Pipeline(string lang, IReadOnlyList<IPipe> steps) { Lang = lang; Steps = steps; }

    public string Lang { get; }
    public IReadOnlyList<IPipe> Steps { get; }

    public Document Run(Document doc)
    {
        foreach (var step in Steps) step.Process(doc);
        return doc;
    }
}
