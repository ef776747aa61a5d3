using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lagebild.Graph;
using Lagebild.Knowledge;
using Lagebild.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Lagebild.Web;

/// <summary>How <c>lagebild serve</c> runs: where it listens and the bearer token the API asks for (null: none).</summary>
public sealed record WebOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5077";
    public string Urls { get; init; } = DefaultUrl;
    public string? Token { get; init; }
    /// <summary>The page's files; default the wwwroot next to the assembly.</summary>
    public string? WebRoot { get; init; }
    /// <summary>Log requests and start-up to the console (the CLI); tests keep quiet.</summary>
    public bool ConsoleLogging { get; init; }
}

/// <summary>
/// The web app: a minimal JSON API over <see cref="IClaimStore"/> and the graph, and the static page in wwwroot.
/// Safe by default: loopback only unless a token is given, bearer token on every /api call when set, small request
/// limits, a strict Content-Security-Policy, static files only from wwwroot.
/// </summary>
public static class LagebildWeb
{
    public const int MaxQueryLength = 200;

    /// <summary>The one style element Cytoscape.js (the version pinned in package-lock.json) adds to the page, allowed by its hash.</summary>
    public const string CytoscapeStyleHash = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='";

    /// <summary>Null when the URLs may be served with the given token; else why not.</summary>
    public static string? CheckBind(string urls, string? token)
    {
        foreach (var url in SplitUrls(urls))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) ||
                (uri.Scheme != "http" && uri.Scheme != "https"))
                return $"--urls {url}: not an http(s) URL (e.g. {WebOptions.DefaultUrl})";
            if (!IsLoopback(uri.Host) && string.IsNullOrEmpty(token))
                return $"refusing to listen on {url} without --token: only loopback addresses (127.0.0.1, [::1], localhost) " +
                       "may be served without a token; give --token SECRET and clients must send 'Authorization: Bearer SECRET'";
        }
        return null;
    }

    private static IEnumerable<string> SplitUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsLoopback(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Builds the app over an open store (which the caller keeps and disposes after the app stopped).</summary>
    public static WebApplication Build(IClaimStore store, WebOptions options)
    {
        var problem = CheckBind(options.Urls, options.Token);
        if (problem != null) throw new ArgumentException(problem);
        var webRoot = options.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
        });
        builder.WebHost.UseUrls(SplitUrls(options.Urls).ToArray());
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.Encoder = JavaScriptEncoder.Default;   // escapes <, >, & and quotes in JSON strings
        });
        builder.Services.AddSingleton(new Api(store));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var h = context.Response.Headers;
            h["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self' " + CytoscapeStyleHash + "; img-src 'self' data:; " +
                                           "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                h.CacheControl = "no-store";
                if (!string.IsNullOrEmpty(options.Token) && !Authorised(context.Request, options.Token))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    h.WWWAuthenticate = "Bearer";
                    await context.Response.WriteAsJsonAsync(new { error = "missing or wrong bearer token" });
                    return;
                }
            }
            await next();
        });
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));   // refuses paths outside the root
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ServeUnknownFileTypes = false });
        }
        MapApi(app);
        return app;
    }

    private static bool Authorised(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected));
    }

    private static void MapApi(WebApplication app)
    {
        var api = app.Services.GetRequiredService<Api>();
        app.MapGet("/api/graph", (string? supplier, string? recipient, string? item, string? since) =>
        {
            if (!TryDate(since, out var s)) return BadRequest("since: not a date (use YYYY-MM-DD)");
            return Results.Json(api.Graph(new GraphFilter { Supplier = supplier, Recipient = recipient, Item = item, Since = s }.Normalise()));
        });
        app.MapGet("/api/evidence", (string? supplier, string? recipient, string? item, string? since) =>
        {
            if (!TryDate(since, out var s)) return BadRequest("since: not a date (use YYYY-MM-DD)");
            return Results.Json(api.Evidence(new GraphFilter { Supplier = supplier, Recipient = recipient, Item = item, Since = s }.Normalise()));
        });
        app.MapGet("/api/timeline", (string? supplier, string? recipient, string? item) =>
            Results.Json(api.Timeline(new GraphFilter { Supplier = supplier, Recipient = recipient, Item = item }.Normalise())));
        app.MapGet("/api/documents/{id:long}", (long id) => api.Document(id) is { } d ? Results.Json(d) : Results.NotFound(new { error = $"no document {id}" }));
        app.MapGet("/api/search", (string? q) =>
        {
            if (q is { Length: > MaxQueryLength }) return BadRequest($"q: at most {MaxQueryLength} characters");
            return Results.Json(api.Search(q));
        });
        app.MapGet("/api/entities", () => Results.Json(api.Entities()));
        app.MapGet("/api/items", () => Results.Json(Api.Items()));
        app.MapGet("/api/stats", () => Results.Json(api.Stats()));
        app.MapFallback("/api/{**rest}", () => Results.NotFound(new { error = "no such API" }));
    }

    private static IResult BadRequest(string message) => Results.BadRequest(new { error = message });

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (value.Length > 40 || !Lagebild.Ingest.ArticleMetadata.TryParseDate(value, out var parsed)) return false;
        date = parsed;
        return true;
    }

    /// <summary>The addresses Kestrel listens on after start (the real port when port 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
