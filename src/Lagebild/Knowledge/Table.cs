using System.Reflection;
using System.Text;

namespace Lagebild.Knowledge;

/// <summary>
/// A language-data table: UTF-8, tab-separated, '#' starts a comment line, the first other line names the columns.
/// Every file carries a "# source:" line saying where its content comes from.
/// Tables ship embedded in the library; rows from a file of the same relative path under an extra
/// directory are appended, so an analyst can add an alias or a verb without recompiling.
/// </summary>
public sealed class Table
{
    private readonly Dictionary<string, int> _columns;

    private Table(string name, string[] header, List<string[]> rows)
    {
        Name = name;
        Header = header;
        Rows = rows;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Relative path such as "de/states.tsv".</summary>
    public string Name { get; }
    public IReadOnlyList<string> Header { get; }
    public List<string[]> Rows { get; }

    public int Column(string name) =>
        _columns.TryGetValue(name, out var i) ? i : throw new KnowledgeException($"{Name}: no column '{name}' (has {string.Join(", ", Header)})");

    /// <summary>Cell value, or "" when the row is short.</summary>
    public string Get(string[] row, string column)
    {
        int i = Column(column);
        return i < row.Length ? row[i] : "";
    }

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    public IEnumerable<Row> All() => Rows.Select(r => new Row(this, r));

    public readonly record struct Row(Table Table, string[] Cells)
    {
        public string this[string column] => Table.Get(Cells, column);
    }

    /// <summary>Parses table text; <paramref name="name"/> is used in error messages.</summary>
    public static Table Parse(string name, string text)
    {
        string[]? header = null;
        var rows = new List<string[]>();
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
            // Trailing empty cells are an editing artefact, not extra columns.
            int used = cells.Length;
            while (used > 0 && cells[used - 1].Length == 0) used--;
            if (used < cells.Length) cells = cells[..used];
            if (header == null) { header = cells; continue; }
            if (cells.All(c => c.Length == 0)) continue;
            if (cells.Length > header.Length)
                throw new KnowledgeException($"{name}:{lineNo}: {cells.Length} cells but the header has {header.Length} columns");
            rows.Add(cells);
        }
        if (header == null) throw new KnowledgeException($"{name}: no header line");
        return new Table(name, header, rows);
    }

    /// <summary>Appends the rows of <paramref name="other"/> (same columns, by name) to this table.</summary>
    public void Append(Table other)
    {
        foreach (var row in other.Rows)
        {
            var cells = new string[Header.Count];
            for (int i = 0; i < Header.Count; i++)
                cells[i] = other.HasColumn(Header[i]) ? other.Get(row, Header[i]) : "";
            Rows.Add(cells);
        }
    }
}

public sealed class KnowledgeException(string message) : Exception(message);

/// <summary>Finds tables: embedded resources first, then the optional extra directory.</summary>
public sealed class TableSource
{
    private static readonly Assembly Library = typeof(TableSource).Assembly;
    private readonly string? _extraDirectory;

    public TableSource(string? extraDirectory = null)
    {
        _extraDirectory = extraDirectory ?? Environment.GetEnvironmentVariable("LAGEBILD_KNOWLEDGE");
    }

    /// <summary>Loads "de/states.tsv" and the like; a table missing everywhere is an error.</summary>
    public Table Load(string relativePath)
    {
        var table = TryLoad(relativePath) ?? throw new KnowledgeException($"language table {relativePath} not found");
        return table;
    }

    public Table? TryLoad(string relativePath)
    {
        Table? table = null;
        using (var stream = Library.GetManifestResourceStream("Lang/" + relativePath))
        {
            if (stream != null)
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                table = Table.Parse(relativePath, reader.ReadToEnd());
            }
        }
        if (_extraDirectory != null)
        {
            var path = Path.Combine(_extraDirectory, relativePath);
            if (File.Exists(path))
            {
                var extra = Table.Parse(path, File.ReadAllText(path, Encoding.UTF8));
                if (table == null) table = extra; else table.Append(extra);
            }
        }
        return table;
    }
}
