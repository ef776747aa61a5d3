using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Lagebild.Store;

/// <summary>One article found by <see cref="SqliteSearch"/>: its id and metadata and a snippet whose matched words are
/// wrapped in <see cref="SqliteSearch.MarkStart"/> and <see cref="SqliteSearch.MarkEnd"/> (control characters that never occur in stored text).</summary>
public sealed record SearchHit(long DocumentId, string? Title, string? Outlet, string? Url, DateTimeOffset? Published, string Snippet);

/// <summary>
/// Full-text search over the stored articles (title and text) with SQLite FTS5. The index is an external-content
/// FTS5 table <c>documents_fts</c> (rowid = document id; title and text copied from <c>documents</c> and
/// <c>document_texts</c>), created when absent and brought up to date (documents added since the last search are
/// indexed) before each query. The user's words are quoted as FTS5 strings, so
/// no query syntax reaches SQLite, and all values are bound as parameters.
/// </summary>
public sealed class SqliteSearch : IDisposable
{
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';
    private readonly SqliteConnection _connection;
    private readonly object _gate = new();

    public SqliteSearch(string dbPath)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(dbPath),
            Mode = SqliteOpenMode.ReadWrite,   // only to create and fill the index; documents are never written
            Pooling = false,
            DefaultTimeout = 30,
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, full_text, tokenize='unicode61 remove_diacritics 2');
            CREATE TABLE IF NOT EXISTS documents_fts_state (last_id INTEGER NOT NULL);
            """);
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Indexes the documents stored since the last call.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using var get = _connection.CreateCommand();
            get.Transaction = tx;
            get.CommandText = "SELECT last_id FROM documents_fts_state";
            var last = get.ExecuteScalar() is long l ? l : (long?)null;
            using var add = _connection.CreateCommand();
            add.Transaction = tx;
            add.CommandText = "INSERT INTO documents_fts(rowid, title, full_text) SELECT d.id, coalesce(d.title, ''), t.full_text FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.id > $last ORDER BY d.id";
            add.Parameters.AddWithValue("$last", last ?? 0);
            add.ExecuteNonQuery();
            using var max = _connection.CreateCommand();
            max.Transaction = tx;
            max.CommandText = last == null
                ? "INSERT INTO documents_fts_state(last_id) SELECT coalesce(max(id), 0) FROM documents"
                : "UPDATE documents_fts_state SET last_id = (SELECT coalesce(max(id), 0) FROM documents)";
            max.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>The user's words as an FTS5 query: each word a quoted string (all must occur); null when there is no word.</summary>
    public static string? ToFtsQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words.Count == 0 ? null : string.Join(' ', words.Take(16).Select(w => "\"" + w + "\""));
    }

    /// <summary>Articles matching all words of <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<SearchHit> Search(string? text, int limit = 50)
    {
        var query = ToFtsQuery(text);
        if (query == null) return [];
        Refresh();
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"""
                SELECT d.id, d.title, d.outlet, d.url, d.published,
                       snippet(documents_fts, 1, char({(int)MarkStart}), char({(int)MarkEnd}), '…', 24)
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH $q
                ORDER BY bm25(documents_fts, 5.0, 1.0)
                LIMIT $limit
                """;
            cmd.Parameters.AddWithValue("$q", query);
            cmd.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 200));
            var hits = new List<SearchHit>();
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                DateTimeOffset? published = r.IsDBNull(4) ? null
                    : DateTimeOffset.TryParse(r.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : null;
                hits.Add(new SearchHit(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), published, r.IsDBNull(5) ? "" : r.GetString(5)));
            }
            return hits;
        }
    }

    public void Dispose() => _connection.Dispose();
}
