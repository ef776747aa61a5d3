using Lagebild.Store;
using Lagebild.Tests.Ingest;

namespace Lagebild.Tests.Store;

/// <summary>A fresh SQLite store in a temporary directory, deleted with the directory.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TempStore()
    {
        DbPath = System.IO.Path.Combine(_dir.Path, "test.db");
        Store = SqliteStore.Open(DbPath);
    }

    public string DbPath { get; }
    public string Dir => _dir.Path;
    public SqliteStore Store { get; private set; }

    public TempDirectory Files => _dir;

    /// <summary>Closes and opens the store again, as a new process would.</summary>
    public SqliteStore Reopen()
    {
        Store.Dispose();
        Store = SqliteStore.Open(DbPath);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        _dir.Dispose();
    }
}
