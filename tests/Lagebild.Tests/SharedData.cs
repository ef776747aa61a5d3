namespace Lagebild.Tests;

/// <summary>Finds ../shared beside the repository (CI puts it there); null when absent.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "eval")) && Directory.Exists(Path.Combine(candidate, "seeds"))) return candidate;
        }
        return null;
    });

    public static string? Path_ => Root.Value;

    public static string? Combine(params string[] parts) => Root.Value == null ? null : Path.Combine(new[] { Root.Value }.Concat(parts).ToArray());

    public const string Missing = "SKIPPED: ../shared is not beside the repository, so the shared-data test cannot run.";
}
