using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Store;

/// <summary>A schema change: its version (the number the script's file name starts with), name and SQL.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>A store that cannot be opened or used, with a message a user can act on.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// Versioned schema migrations: ordered SQL scripts embedded under Store/Migrations/{dialect}/ ("0001_initial.sql",
/// "0002_....sql"), applied in order, each in its own transaction together with its row in <c>schema_version</c>.
/// A database whose schema is newer than the scripts this build knows is refused rather than touched.
/// </summary>
public static partial class Migrations
{
    /// <summary>The migrations of one SQL dialect ("sqlite"), in version order.</summary>
    public static IReadOnlyList<Migration> Load(string dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"Store/Migrations/{dialect}/";
        var list = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = name[prefix.Length..];
            var m = ScriptName().Match(file);
            if (!m.Success) throw new InvalidOperationException($"migration {name}: file name must be NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new Migration(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 0; i < list.Count; i++)
            if (list[i].Version != i + 1) throw new InvalidOperationException($"migrations of {dialect} must be numbered 1, 2, 3 ... without gaps (found {list[i].Version} at position {i + 1})");
        return list;
    }

    /// <summary>Applies the migrations the database lacks; returns the schema version afterwards.</summary>
    public static int Apply(DbConnection connection, IReadOnlyList<Migration> migrations)
    {
        int known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        // An up-to-date database is only read, so a read-only file can still be queried.
        int? existing = TryCurrentVersion(connection);
        if (existing > known)
            throw new StoreException($"the database has schema version {existing}, newer than this build of lagebild knows ({known}); use a newer lagebild");
        if (existing == known) return known;
        if (existing == null)
        {
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }
        while (true)
        {
            using var tx = connection.BeginTransaction();
            int current = CurrentVersion(connection, tx);
            if (current > known)
                throw new StoreException($"the database has schema version {current}, newer than this build of lagebild knows ({known}); use a newer lagebild");
            var next = migrations.FirstOrDefault(m => m.Version > current);
            if (next == null)
            {
                tx.Commit();
                return current;
            }
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = next.Sql;
                cmd.ExecuteNonQuery();
            }
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @t)";
                Sql.Add(cmd, "@v", next.Version);
                Sql.Add(cmd, "@n", next.Name);
                Sql.Add(cmd, "@t", Sql.Time(DateTimeOffset.UtcNow));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>The schema version, or null when the database has no schema_version table yet.</summary>
    private static int? TryCurrentVersion(DbConnection connection)
    {
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT COUNT(*) FROM schema_version WHERE 1 = 0";
            try { probe.ExecuteScalar(); }
            catch (DbException) { return null; }
        }
        return CurrentVersion(connection);
    }

    public static int CurrentVersion(DbConnection connection, DbTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT MAX(version) FROM schema_version";
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\d+)_([A-Za-z0-9_-]+)\.sql$")]
    private static partial Regex ScriptName();
}
