using Lagebild.Ingest;
using Lagebild.Samples;
using Lagebild.Store;
using Lagebild.Tests.Ingest;
using Lagebild.Text;
using Lagebild.Web;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Lagebild.Tests.Web;

/// <summary>
/// The web app on a real Kestrel at a free loopback port, over a database built from the invented demo articles
/// plus one invented article whose title and body carry script-injection payloads.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string XssTitle = "<script>window.__xss = 1</script> Drones for Russia <img src=x onerror=\"window.__xss = 2\"> (invented example)";
    public const string XssBody =
        "Chinese companies have supplied Russia with drones, officials said on Monday <img src=x onerror=\"window.__xss = 3\">. " +
        "<script>window.__xss = 4</script> The report named no firm (invented example).";

    private TempDirectory? _dir;
    public SqliteStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string DbPath { get; private set; } = "";
    public long XssDocumentId { get; private set; }

    public async Task InitializeAsync()
    {
        _dir = new TempDirectory();
        DbPath = Path.Combine(_dir.Path, "web.db");
        Store = SqliteStore.Open(DbPath);
        var xss = new Document("xss-article", XssTitle + "\n\n" + XssBody, "en")
        {
            Title = XssTitle,
            Url = "https://example.invalid/web/xss",
            Outlet = "Example <b>Outlet</b>",
            Published = new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero),
        };
        var report = new Ingestor(Store, Extractor.Create()).Run(SampleCorpus.Read().Append(ReadResult.Ok(xss)));
        Assert.Empty(report.Failures);
        XssDocumentId = Store.DocumentIds().Max();
        App = LagebildWeb.Build(Store, new WebOptions { Urls = "http://127.0.0.1:0" });
        await App.StartAsync();
        BaseUrl = LagebildWeb.Addresses(App).Single().TrimEnd('/');
    }

    public HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir?.Dispose();
    }
}
