using Microsoft.Data.Sqlite;

namespace Lagebild.Store;

/// <summary>
/// The embedded claim store: one SQLite file (default <c>./lagebild.db</c>). Write-ahead logging lets queries read
/// while an ingest writes, and a killed process loses at most the document it was writing: each document is one
/// transaction. <c>synchronous=NORMAL</c> survives a killed process; after a power cut the last few commits may be
/// missing, never half-written (set <see cref="SqliteStoreOptions.Durable"/> for an fsync on every commit).
/// </summary>
public sealed class SqliteStore : SqlClaimStore
{
    public const string DefaultPath = "lagebild.db";
    public const string Dialect = "sqlite";

    private SqliteStore(SqliteConnection connection, string path) : base(connection, "sqlite:" + path) { Path = path; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (and with <see cref="SqliteStoreOptions.Create"/> creates) the database and brings its schema up to date.
    /// Throws <see cref="StoreException"/> with a readable message when the file is missing, not a database or too new.
    /// </summary>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null)
    {
        options ??= new SqliteStoreOptions();
        if (string.IsNullOrWhiteSpace(path)) throw new StoreException("no database path given");
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new StoreException($"{path}: is a directory, not a database file");
        if (!File.Exists(full))
        {
            if (!options.Create) throw new StoreException($"{path}: no such database (run `lagebild ingest --db {path} ...` first)");
            var dir = System.IO.Path.GetDirectoryName(full);
            if (dir != null && !Directory.Exists(dir)) throw new StoreException($"{path}: the directory {dir} does not exist");
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = options.Create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
            ForeignKeys = true,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Pragmas(connection, options);
            RefuseForeignDatabase(connection, path);
            var store = new SqliteStore(connection, full);
            store.Migrate(Migrations.Load(Dialect));
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            var reason = e.SqliteErrorCode switch
            {
                26 => "not a Lagebild database (the file is not SQLite)",     // SQLITE_NOTADB
                11 => "the database file is damaged",                          // SQLITE_CORRUPT
                14 => "cannot open the database file",                         // SQLITE_CANTOPEN
                5 => "the database is locked by another process",              // SQLITE_BUSY
                8 => "the database is read-only",                              // SQLITE_READONLY
                _ => e.Message,
            };
            throw new StoreException($"{path}: {reason}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Pragmas(SqliteConnection connection, SqliteStoreOptions options)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {(options.Durable ? "FULL" : "NORMAL")};
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds};
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>An SQLite file with tables but without our schema_version belongs to something else: do not add tables to it.</summary>
    private static void RefuseForeignDatabase(SqliteConnection connection, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT SUM(CASE WHEN name = 'schema_version' THEN 1 ELSE 0 END), COUNT(*) FROM sqlite_master WHERE type = 'table'";
        using var r = cmd.ExecuteReader();
        r.Read();
        long ours = r.IsDBNull(0) ? 0 : r.GetInt64(0), tables = r.GetInt64(1);
        if (ours == 0 && tables > 0)
            throw new StoreException($"{path}: not a Lagebild database (an SQLite file with {tables} other table(s)); choose another --db");
    }

    protected override long? DatabaseBytes()
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    /// <summary>Folds the write-ahead log into the database file (done anyway when the last connection closes).</summary>
    public void Checkpoint()
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        cmd.ExecuteNonQuery();
    }
}

public sealed record SqliteStoreOptions
{
    /// <summary>Create the file when it does not exist (ingest does; queries do not).</summary>
    public bool Create { get; init; } = true;
    /// <summary>fsync on every commit (synchronous=FULL): survives power loss, slower ingest.</summary>
    public bool Durable { get; init; }
    /// <summary>How long a writer waits for another one before giving up.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
