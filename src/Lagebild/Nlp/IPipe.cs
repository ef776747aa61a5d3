using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>One pipeline step: reads what earlier steps put on the document and adds its own layer.</summary>
public interface IPipe
{
    string Name { get; }
    void Process(Document doc);
}
