using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lagebild.Store;

/// <summary>The keys that make ingest idempotent: a content hash and a normalised URL.</summary>
public static class DocumentKeys
{
    /// <summary>Lower-case hex SHA-256 of the document text as UTF-8 (the text after cleaning, title included).</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref", "ref_src",
    };

    /// <summary>
    /// The URL as a lookup key: scheme and host in lower case, no default port, no fragment, no trailing slash,
    /// no tracking parameters (utm_*, fbclid ...), so the same article linked two ways is found once.
    /// Null for a missing URL; a string that is not an absolute http(s) URL is only trimmed.
    /// </summary>
    public static string? UrlKey(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return trimmed;
        var sb = new StringBuilder();
        sb.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort) sb.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        var path = uri.AbsolutePath;
        if (path.Length > 1) path = path.TrimEnd('/');
        sb.Append(path == "/" ? "" : path);
        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p =>
            {
                var name = p.Split('=')[0];
                return !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !TrackingParameters.Contains(name);
            }).ToList();
            if (kept.Count > 0) sb.Append('?').Append(string.Join('&', kept));
        }
        return sb.ToString();
    }
}
