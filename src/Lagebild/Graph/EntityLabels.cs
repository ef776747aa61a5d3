using Lagebild.Knowledge;

namespace Lagebild.Graph;

/// <summary>
/// Kinds and readable labels of canonical ids: "CN" is the state China, "org:NATO" the organisation NATO,
/// "person:Karl Weber" a person, "microelectronics" the item Microelectronics. Labels come from the
/// built-in language tables (shared/states.tsv, shared/items.tsv); an unknown id is its own label.
/// </summary>
public static class EntityLabels
{
    public const string State = "state", Organisation = "organisation", Person = "person", Item = "item";

    private static readonly Lazy<(Dictionary<string, string> States, Dictionary<string, string> Items)> Tables = new(Load);

    private static (Dictionary<string, string>, Dictionary<string, string>) Load()
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var source = new TableSource();
            foreach (var row in source.Load("shared/states.tsv").All())
                if (row["name_en"].Length > 0) states.TryAdd(row["iso"], row["name_en"]);
            foreach (var row in source.Load("shared/items.tsv").All())
                if (row["label_en"].Length > 0) items.TryAdd(row["id"], row["label_en"]);
        }
        catch (Exception e) when (e is KnowledgeException or IOException or KeyNotFoundException)
        {
            // Labels are a convenience: without the tables every id is its own label.
        }
        return (states, items);
    }

    /// <summary>True for ids that stand for no entity: "?" (left open) and "reporter" (the outlet's own voice).</summary>
    public static bool IsPlaceholder(string id) => id is "?" or "reporter" or "";

    /// <summary>The kind of an actor id (state, organisation, person); null for placeholders.</summary>
    public static string? ActorKind(string id)
    {
        if (IsPlaceholder(id)) return null;
        if (id.StartsWith("person:", StringComparison.Ordinal)) return Person;
        if (id.StartsWith("org:", StringComparison.Ordinal)) return Organisation;
        return State;
    }

    /// <summary>"China" for "CN", "NATO" for "org:NATO", "Karl Weber" for "person:Karl Weber", the item's English label for an item id.</summary>
    public static string Label(string id)
    {
        if (id.StartsWith("person:", StringComparison.Ordinal)) return id["person:".Length..];
        if (id.StartsWith("org:", StringComparison.Ordinal)) return id["org:".Length..];
        if (Tables.Value.States.TryGetValue(id, out var state)) return state;
        if (Tables.Value.Items.TryGetValue(id, out var item)) return item;
        return id;
    }

    /// <summary>Whether the id is a known item category of the taxonomy.</summary>
    public static bool IsKnownItem(string id) => Tables.Value.Items.ContainsKey(id);
}
