using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lagebild.Store;
using Lagebild.Tests.Cli;
using Lagebild.Web;
using Xunit;

namespace Lagebild.Tests.Web;

[CollectionDefinition("web")]
public sealed class WebCollection : ICollectionFixture<WebFixture>;

[Collection("web")]
public sealed class ApiTests(WebFixture web)
{
    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Graph_HasTheEdgeFieldsOfGraphJson_AndNodesAndItemClasses()
    {
        using var client = web.Client();
        var root = await Json(client, "api/graph");
        var edges = root.GetProperty("edges").EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        var fields = new[] { "supplier", "recipient", "item", "evidence", "sources", "claimants", "statuses", "first_seen", "last_seen", "contradicted" };
        Assert.All(edges, e => Assert.All(fields, f => Assert.True(e.TryGetProperty(f, out _), f)));
        var cnru = edges.Single(e => e.GetProperty("supplier").GetString() == "CN" && e.GetProperty("recipient").GetString() == "RU" &&
                                     e.GetProperty("item").GetString() == "microelectronics");
        var stored = web.Store.Edges(Lagebild.Graph.GraphFilter.ForEdge("CN", "RU", "microelectronics")).Single();
        Assert.Equal(stored.Evidence, cnru.GetProperty("evidence").GetInt32());
        Assert.Equal(stored.Sources, cnru.GetProperty("sources").GetInt32());
        Assert.Contains(root.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == "CN" && n.GetProperty("label").GetString() == "China");
        Assert.Equal("dual_use", root.GetProperty("items").GetProperty("microelectronics").GetProperty("class").GetString());
    }

    [Fact]
    public async Task Graph_FiltersByQueryParameters()
    {
        using var client = web.Client();
        var root = await Json(client, "api/graph?supplier=cn&recipient=RU&since=2024-01-01");
        var edges = root.GetProperty("edges").EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal("CN", e.GetProperty("supplier").GetString()));
        var item = await Json(client, "api/graph?item=ammunition");
        Assert.All(item.GetProperty("edges").EnumerateArray(), e => Assert.Equal("ammunition", e.GetProperty("item").GetString()));
        Assert.Empty((await Json(client, "api/graph?since=2100-01-01")).GetProperty("edges").EnumerateArray());
        using var bad = await client.GetAsync("api/graph?since=yesterday-ish");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Evidence_ListsSentencesWithClaimantStatusOutletAndHighlightedWords()
    {
        using var client = web.Client();
        var root = await Json(client, "api/evidence?supplier=CN&recipient=RU&item=microelectronics");
        var evidence = root.GetProperty("evidence").EnumerateArray().ToList();
        Assert.NotEmpty(evidence);
        foreach (var x in evidence)
        {
            var sentence = x.GetProperty("sentence").GetString()!;
            Assert.False(string.IsNullOrEmpty(x.GetProperty("claimant").GetString()));
            Assert.Contains(x.GetProperty("status").GetString(), new[] { "asserted", "alleged", "denied", "hedged" });
            Assert.True(x.TryGetProperty("outlet", out _) && x.TryGetProperty("date", out _) && x.TryGetProperty("url", out _));
            Assert.Equal(JsonValueKind.Array, x.GetProperty("chain").ValueKind);
            foreach (var h in x.GetProperty("highlights").EnumerateArray())
                Assert.InRange(h.GetProperty("end").GetInt32(), h.GetProperty("start").GetInt32() + 1, sentence.Length);
        }
        var cue = evidence.SelectMany(x => x.GetProperty("highlights").EnumerateArray()
            .Where(h => h.GetProperty("role").GetString() == "cue")
            .Select(h => x.GetProperty("sentence").GetString()![h.GetProperty("start").GetInt32()..h.GetProperty("end").GetInt32()])).ToList();
        Assert.Contains("supplied", cue);
    }

    [Fact]
    public async Task Document_HasItsTextWithMentionQuoteAndClaimSpans()
    {
        using var client = web.Client();
        var doc = await Json(client, $"api/documents/{web.XssDocumentId}");
        var text = doc.GetProperty("text").GetString()!;
        Assert.StartsWith(WebFixture.XssTitle, text);
        Assert.Equal(WebFixture.XssTitle, doc.GetProperty("title").GetString());
        var mentions = doc.GetProperty("mentions").EnumerateArray().ToList();
        Assert.Contains(mentions, m => m.GetProperty("id").GetString() == "RU" &&
                                       text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()] == "Russia");
        var claim = doc.GetProperty("claims").EnumerateArray().First(c => c.GetProperty("supplier").GetString() == "CN");
        Assert.Equal("RU", claim.GetProperty("recipient").GetString());
        Assert.Contains("supplied", text[claim.GetProperty("start").GetInt32()..claim.GetProperty("end").GetInt32()]);
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("quotes").ValueKind);

        var withQuotes = await Json(client, "api/documents/1");
        Assert.NotEmpty(withQuotes.GetProperty("quotes").EnumerateArray());
        using var missing = await client.GetAsync("api/documents/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Search_FindsArticlesWithFts5_AndTreatsQuerySyntaxAsWords()
    {
        using var client = web.Client();
        var hits = (await Json(client, "api/search?q=Artilleriegranaten")).GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.Contains(hits, h => h.GetProperty("snippet").GetString()!.Contains(SqliteSearch.MarkStart));
        Assert.All(hits, h => Assert.True(h.GetProperty("id").GetInt64() > 0));
        // FTS5 operators, quotes and SQL are only words here: no error, no injection.
        foreach (var q in new[] { "\"unbalanced", "NEAR(a b", "x' OR 1=1; DROP TABLE documents; --", "*", "" })
        {
            using var response = await client.GetAsync("api/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.True(web.Store.Stats().Documents > 20);
        using var tooLong = await client.GetAsync("api/search?q=" + new string('a', 500));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Entities_ListCanonicalIdsWithNames()
    {
        using var client = web.Client();
        var entities = (await Json(client, "api/entities")).GetProperty("entities").EnumerateArray().ToList();
        var cn = entities.Single(e => e.GetProperty("id").GetString() == "CN");
        Assert.Equal("state", cn.GetProperty("kind").GetString());
        Assert.NotEmpty(cn.GetProperty("names").EnumerateArray());
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndStaticFilesStayInWwwroot()
    {
        using var client = web.Client();
        using var page = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);   // no inline scripts
        using var lib = await client.GetAsync("lib/cytoscape.min.js");
        Assert.Equal(HttpStatusCode.OK, lib.StatusCode);

        foreach (var path in new[] { "../Lagebild.Web.dll", "..%2FLagebild.Web.dll", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "wwwroot/../../Lagebild.Web.dll" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, web.BaseUrl + "/" + path);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound || response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        }
        using var post = await client.PostAsync("api/graph", new ByteArrayContent(new byte[64 * 1024]));
        Assert.True((int)post.StatusCode is 405 or 413, post.StatusCode.ToString());
    }

    [Fact]
    public async Task WithAToken_EveryApiCallNeedsTheBearerToken()
    {
        await using var app = LagebildWeb.Build(web.Store, new WebOptions { Urls = "http://127.0.0.1:0", Token = "s3cret-token" });
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(LagebildWeb.Addresses(app).Single().TrimEnd('/') + "/") };
            foreach (var path in new[] { "api/graph", "api/entities", "api/search?q=x", "api/documents/1", "api/evidence?supplier=CN" })
            {
                using var none = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
                using var wrong = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "wrong") } };
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
                using var right = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token") } };
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5077", null, true)]
    [InlineData("http://localhost:5077", null, true)]
    [InlineData("http://[::1]:5077", null, true)]
    [InlineData("http://0.0.0.0:5077", null, false)]
    [InlineData("http://*:5077", null, false)]
    [InlineData("http://192.168.1.20:5077", null, false)]
    [InlineData("http://127.0.0.1:5077;http://0.0.0.0:5078", null, false)]
    [InlineData("http://0.0.0.0:5077", "secret", true)]
    [InlineData("ftp://127.0.0.1:21", null, false)]
    public void CheckBind_AllowsLoopback_OtherAddressesOnlyWithAToken(string urls, string? token, bool allowed)
    {
        Assert.Equal(allowed, LagebildWeb.CheckBind(urls, token) == null);
    }

    [Fact]
    public void Serve_OnAllAddressesWithoutToken_ExitsNonZeroWithAClearMessage()
    {
        using var dir = new Lagebild.Tests.Ingest.TempDirectory();
        var (exit, _, err) = CliProcess.Run(dir.Path, "serve", "--db", web.DbPath, "--urls", "http://0.0.0.0:5079");
        Assert.NotEqual(0, exit);
        Assert.Contains("refusing to listen on http://0.0.0.0:5079 without --token", err);
    }
}
