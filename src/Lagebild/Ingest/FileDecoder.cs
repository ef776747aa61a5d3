using System.Globalization;
using System.Text;

namespace Lagebild.Ingest;

/// <summary>
/// Checks a file before any reader sees it and turns its bytes into text: UTF-8 (with or without BOM),
/// or UTF-16/UTF-32 when a BOM says so. Each refusal is a sentence a user can act on.
/// </summary>
internal static class FileDecoder
{
    /// <summary>How far to look for NUL bytes: text files never have them, binary formats almost always do early on.</summary>
    private const int BinarySniffBytes = 8 * 1024;

    /// <summary>Problem with the file's size, or null when it may be read.</summary>
    public static string? CheckSize(long length, long maxBytes)
    {
        if (length == 0) return "empty file";
        if (length > maxBytes) return $"file too large ({FormatSize(length)} > {FormatSize(maxBytes)} limit)";
        return null;
    }

    public static bool TryDecode(byte[] bytes, out string text, out string problem)
    {
        text = ""; problem = "";
        var (encoding, bomLength, name) = DetectBom(bytes);
        if (encoding == null && HasNulBytes(bytes))
        {
            problem = "binary file (NUL bytes)";
            return false;
        }
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        }
        catch (DecoderFallbackException e)
        {
            problem = $"not valid {name} at byte {bomLength + Math.Max(0, e.Index)}";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "no text (only whitespace)";
            return false;
        }
        return true;
    }

    private static (Encoding? Encoding, int BomLength, string Name) DetectBom(byte[] b)
    {
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4, "UTF-32");
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4, "UTF-32");
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2, "UTF-16");
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2, "UTF-16");
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
            return (null, 3, "UTF-8");
        return (null, 0, "UTF-8");
    }

    private static bool HasNulBytes(byte[] bytes) =>
        Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, BinarySniffBytes)) >= 0;

    /// <summary>"52.4 MB", "20 MB", "12 KB", "100 bytes".</summary>
    public static string FormatSize(long bytes)
    {
        const double kb = 1024, mb = 1024 * 1024;
        if (bytes >= mb) return (bytes / mb).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
        if (bytes >= kb) return (bytes / kb).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
        return bytes == 1 ? "1 byte" : $"{bytes} bytes";
    }
}
