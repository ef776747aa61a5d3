using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Nlp.Models;

/// <summary>A model file that cannot be used: names the file and the problem.</summary>
public sealed class ModelFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}

/// <summary>
/// The container of every trained NLP model (tagger, lemmatizer, NER, parser):
/// <code>
/// "LAGEBILD-MODEL\n"  magic (15 bytes)
/// int32               container format version (<see cref="FormatVersion"/>)
/// string              kind ("tagger", "lemmatizer", "ner", "parser", "clusters")
/// string              language ("de", "en")
/// int32               the kind's own payload version
/// string              metadata JSON (training data, parameters, scores; informational)
/// int64 + 32 bytes    payload length and its SHA-256
/// bytes               payload, Brotli-compressed
/// </code>
/// Reading checks each field and the checksum, so a truncated, corrupt or foreign file gives one clear error naming
/// the file instead of garbage predictions.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "LAGEBILD-MODEL\n"u8.ToArray();

    /// <summary>What the header says about a model.</summary>
    public sealed record Header(string Kind, string Lang, int PayloadVersion, JsonObject Metadata);

    /// <summary>Writes a model: the payload is whatever <paramref name="writePayload"/> writes.</summary>
    public static void Save(string path, string kind, string lang, int payloadVersion, JsonObject? metadata, Action<BinaryWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var brotli = new BrotliStream(payload, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var w = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true))
            writePayload(w);
        var bytes = payload.ToArray();

        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (var w = new BinaryWriter(file, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(kind);
            w.Write(lang);
            w.Write(payloadVersion);
            w.Write((metadata ?? new JsonObject()).ToJsonString());
            w.Write((long)bytes.Length);
            w.Write(SHA256.HashData(bytes));
            w.Write(bytes);
        }
        File.Move(temp, path, overwrite: true);   // never leave a half-written model under the real name
    }

    /// <summary>Reads only the header (for manifests and `eval-nlp`).</summary>
    public static Header ReadHeader(string path)
    {
        using var stream = Open(path);
        return ReadHeader(stream, path, out _);
    }

    /// <summary>
    /// Opens a model, checks kind, payload version and checksum, and hands the decompressed payload to
    /// <paramref name="readPayload"/>. Any failure becomes a <see cref="ModelFormatException"/> naming the file.
    /// </summary>
    public static T Load<T>(string path, string expectedKind, int expectedPayloadVersion, Func<BinaryReader, Header, T> readPayload)
    {
        using var stream = Open(path);
        return Load(stream, path, expectedKind, expectedPayloadVersion, readPayload);
    }

    /// <summary>As <see cref="Load{T}(string,string,int,Func{BinaryReader,Header,T})"/> from a stream; <paramref name="name"/> names it in errors.</summary>
    public static T Load<T>(Stream stream, string name, string expectedKind, int expectedPayloadVersion, Func<BinaryReader, Header, T> readPayload)
    {
        var header = ReadHeader(stream, name, out var reader);
        if (header.Kind != expectedKind)
            throw new ModelFormatException(name, $"is a {header.Kind} model, expected a {expectedKind} model");
        if (header.PayloadVersion != expectedPayloadVersion)
            throw new ModelFormatException(name, $"{header.Kind} payload version {header.PayloadVersion}; this build reads version {expectedPayloadVersion} (retrain with `lagebild train {header.Kind}`)");
        byte[] bytes;
        try
        {
            long length = reader.ReadInt64();
            var hash = reader.ReadBytes(32);
            if (length < 0 || length > int.MaxValue || hash.Length != 32) throw new EndOfStreamException();
            bytes = reader.ReadBytes((int)length);
            if (bytes.Length != length) throw new EndOfStreamException();
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash))
                throw new ModelFormatException(name, "corrupt model: payload checksum mismatch");
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException(name, "truncated model file", e);
        }
        try
        {
            using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var r = new BinaryReader(brotli, Encoding.UTF8);
            return readPayload(r, header);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw new ModelFormatException(name, $"corrupt model payload ({e.Message})", e);
        }
    }

    private static Stream Open(string path)
    {
        try { return File.OpenRead(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, e is FileNotFoundException or DirectoryNotFoundException ? "model file not found" : e.Message, e);
        }
    }

    private static Header ReadHeader(Stream stream, string name, out BinaryReader reader)
    {
        reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new ModelFormatException(name, "not a Lagebild model file (bad magic bytes)");
            int version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new ModelFormatException(name, $"model container version {version}; this build reads version {FormatVersion}");
            var kind = reader.ReadString();
            var lang = reader.ReadString();
            int payloadVersion = reader.ReadInt32();
            var json = reader.ReadString();
            JsonObject metadata;
            try { metadata = JsonNode.Parse(json) as JsonObject ?? new JsonObject(); }
            catch (JsonException e) { throw new ModelFormatException(name, $"corrupt model metadata ({e.Message})", e); }
            return new Header(kind, lang, payloadVersion, metadata);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException or ArgumentException)
        {
            throw new ModelFormatException(name, e is EndOfStreamException ? "truncated model file" : $"corrupt model header ({e.Message})", e);
        }
    }
}
