using Lagebild.Claims;
using Lagebild.Graph;
using Lagebild.Store;
using Lagebild.Text;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Lagebild.Tests.Store;

public sealed class SqliteStoreTests
{
    private const string Text = "Erfundener Titel\n\nChina liefert Russland Mikrochips, sagte Kurt Campbell laut Politico. „Das ist ernst“, sagte er.";

    private static TextSpan At(string part, int occurrence = 0)
    {
        int i = -1;
        for (int k = 0; k <= occurrence; k++) i = Text.IndexOf(part, i + 1, StringComparison.Ordinal);
        Assert.True(i >= 0, part);
        return new TextSpan(i, i + part.Length);
    }

    /// <summary>A document with every stored field set to a value that is not a default.</summary>
    private static Document FullDocument(string id = "rt-1", string url = "https://example.invalid/news/rt-1", string text = Text)
    {
        var doc = new Document(id, text, "de")
        {
            Title = "Erfundener Titel",
            Url = url,
            Outlet = "Beispiel-Rundschau",
            Published = new DateTimeOffset(2024, 5, 1, 14, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
            Source = "/tmp/rt-1.txt:3",
        };
        doc.Mentions.Add(new Mention(MentionKind.State, "CN", 3, 4, At("China"), MentionForm.Name));
        doc.Mentions.Add(new Mention(MentionKind.State, "RU", 5, 6, At("Russland"), MentionForm.Name));
        doc.Mentions.Add(new Mention(MentionKind.Item, "microelectronics", 6, 7, At("Mikrochips"), MentionForm.Term) { Term = "Mikrochips" });
        doc.Mentions.Add(new Mention(MentionKind.Person, "person:Kurt Campbell", 9, 11, At("Kurt Campbell"), MentionForm.Name) { Affiliation = "US" });
        doc.Mentions.Add(new Mention(MentionKind.Organisation, "org:Politico", 12, 13, At("Politico"), MentionForm.Name));
        doc.Quotes.Add(new Quote(At("„Das ist ernst“"), At("Das ist ernst"))
        {
            Speaker = "person:Kurt Campbell", SpeakerName = "Kurt Campbell", SpeakerSpan = At("er."), CueSpan = At("sagte", 1),
        });
        doc.Quotes.Add(new Quote(At("„Das"), At("Das"))); // anonymous, no optional spans
        var sentence = At("China liefert Russland Mikrochips, sagte Kurt Campbell laut Politico.");
        doc.Claims.Add(new SupplyClaim
        {
            Supplier = "CN", Recipient = "RU", Item = "microelectronics", Negated = true, Undirected = true,
            Claimant = "person:Kurt Campbell", Status = ClaimStatus.Hedged, Evidence = sentence, Cue = At("liefert"),
            SupplierSpan = At("China"), RecipientSpan = At("Russland"), ItemSpan = At("Mikrochips"), AttributionCue = At("sagte"),
            Chain = new[] { "Beispiel-Rundschau", "org:Politico", "person:Kurt Campbell" },
            SupplierInferred = true, RecipientInferred = true, Frame = "liefern:dat",
        });
        doc.Claims.Add(new SupplyClaim
        {
            Supplier = "?", Recipient = "RU", Item = "microelectronics", Claimant = "reporter", Status = ClaimStatus.Asserted,
            Evidence = sentence, Cue = At("liefert"),
        });
        return doc;
    }

    [Fact]
    public void RoundTrip_EveryStoredFieldComesBack()
    {
        using var t = new TempStore();
        var original = FullDocument();

        var added = t.Store.AddDocument(original);
        Assert.True(added.Added);
        var loaded = t.Reopen().LoadDocument(added.DocumentId)!;

        Assert.Equal(original.Id, loaded.Id);
        Assert.Equal(original.Text, loaded.Text);
        Assert.Equal(original.Lang, loaded.Lang);
        Assert.Equal(original.Title, loaded.Title);
        Assert.Equal(original.Url, loaded.Url);
        Assert.Equal(original.Outlet, loaded.Outlet);
        Assert.Equal(original.Source, loaded.Source);
        Assert.Equal(original.Published, loaded.Published);
        Assert.Equal(original.Published!.Value.Offset, loaded.Published!.Value.Offset);
        Assert.Equal(original.Published.Value.Ticks, loaded.Published.Value.Ticks);

        Assert.Equal(original.Mentions.Select(M), loaded.Mentions.Select(M));
        Assert.Equal(original.Quotes.Select(Q), loaded.Quotes.Select(Q));
        Assert.Equal(original.Claims.Count, loaded.Claims.Count);
        for (int i = 0; i < original.Claims.Count; i++)
        {
            var (a, b) = (original.Claims[i], loaded.Claims[i]);
            Assert.Equal(a.Chain, b.Chain);
            Assert.Equal(a with { Chain = Array.Empty<string>() }, b with { Chain = Array.Empty<string>() });
        }

        var stored = t.Store.GetDocument(added.DocumentId)!;
        Assert.Equal(DocumentKeys.Sha256(Text), stored.Sha256);
        Assert.Equal(added.DocumentId, stored.SyndicationGroup);
        Assert.True(stored.IngestedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    private static string M(Mention m) => $"{m.Kind}|{m.Id}|{m.FirstToken}|{m.EndToken}|{m.Span}|{m.Form}|{m.Affiliation}|{m.Term}";
    private static string Q(Quote q) => $"{q.Span}|{q.Content}|{q.Speaker}|{q.SpeakerName}|{q.SpeakerSpan}|{q.CueSpan}";

    [Fact]
    public void RoundTrip_ExtractedDocument_GivesTheSameEvalAndOffsets()
    {
        using var t = new TempStore();
        var doc = Extractor.Create().ExtractText(
            "Erfundene Meldung\n\nLaut dem US-Handelsministerium hat China Russland mit Halbleitern versorgt. Peking weist die Vorwürfe zurück.", "de", "x1");
        Assert.NotEmpty(doc.Claims);

        var id = t.Store.AddDocument(doc).DocumentId;
        var loaded = t.Store.LoadDocument(id)!;

        string Json(Document d) => System.Text.Json.JsonSerializer.Serialize(DocumentResult.Eval(d), DocumentResult.Json);
        Assert.Equal(Json(doc), Json(loaded));
        Assert.Equal(doc.Claims, loaded.Claims, new ClaimComparer());
    }

    private sealed class ClaimComparer : IEqualityComparer<SupplyClaim>
    {
        public bool Equals(SupplyClaim? a, SupplyClaim? b) =>
            a!.Chain.SequenceEqual(b!.Chain) && (a with { Chain = Array.Empty<string>(), KeepOpen = false }) == (b with { Chain = Array.Empty<string>(), KeepOpen = false });
        public int GetHashCode(SupplyClaim c) => c.Evidence.GetHashCode();
    }

    [Fact]
    public void SameUrl_AddsNothing_EvenWrittenDifferently()
    {
        using var t = new TempStore();
        var first = t.Store.AddDocument(FullDocument(url: "https://Example.invalid/news/rt-1"));

        var again = t.Store.AddDocument(FullDocument("other-id", "https://example.invalid/news/rt-1/?utm_source=feed#top", Text + " Nachtrag."));

        Assert.False(again.Added);
        Assert.Equal(DuplicateKind.Url, again.Duplicate);
        Assert.Equal(first.DocumentId, again.DocumentId);
        Assert.Equal(1, t.Store.Stats().Documents);
        Assert.Equal(2, t.Store.Stats().Claims);
    }

    [Fact]
    public void SameContent_AddsNothing_UnderAnotherUrl()
    {
        using var t = new TempStore();
        var first = t.Store.AddDocument(FullDocument());

        var again = t.Reopen().AddDocument(FullDocument("copy", "https://mirror.invalid/copy"));

        Assert.Equal(new AddResult(first.DocumentId, DuplicateKind.Content), again);
        Assert.Equal(1, t.Store.Stats().Documents);
    }

    [Fact]
    public void DocumentsWithoutUrl_AreKeptApartByContent()
    {
        using var t = new TempStore();
        var a = FullDocument(); a.Url = null;
        var b = FullDocument(text: Text + " Anderer Schluss."); b.Url = null;

        Assert.True(t.Store.AddDocument(a).Added);
        Assert.True(t.Store.AddDocument(b).Added);
        Assert.False(t.Store.AddDocument(FullDocument(url: null!)).Added);
        Assert.Equal(2, t.Store.Stats().Documents);
    }

    [Fact]
    public void FailedWrite_LeavesNothingBehind_AndTheStoreStaysUsable()
    {
        using var t = new TempStore();
        var broken = FullDocument();
        broken.Mentions[^1].Id = null!; // the entity key is NOT NULL: the write fails after the document row went in

        Assert.ThrowsAny<Exception>(() => t.Store.AddDocument(broken));

        var stats = t.Store.Stats();
        Assert.Equal(0, stats.Documents);
        Assert.Equal(0, stats.Mentions);
        Assert.Equal(0, stats.Claims);
        Assert.Equal(0, stats.Entities);
        Assert.True(t.Store.AddDocument(FullDocument()).Added);
        Assert.Equal(5, t.Store.Stats().Mentions);
    }

    [Fact]
    public void Entities_AreCanonical_WithTheNamesTheTextsUsed()
    {
        using var t = new TempStore();
        t.Store.AddDocument(FullDocument());
        var second = FullDocument("rt-2", "https://example.invalid/2", Text.Replace("China", "Peking"));
        second.Mentions[0] = new Mention(MentionKind.State, "CN", 3, 4, new TextSpan(18, 24), MentionForm.Capital);
        t.Store.AddDocument(second);

        var entities = t.Store.Entities().ToDictionary(e => e.Key);

        Assert.Equal(new[] { "China", "Peking" }, entities["CN"].Names);
        Assert.Equal("state", entities["CN"].Kind);
        Assert.Equal("China", entities["CN"].Label);
        Assert.Equal("person", entities["person:Kurt Campbell"].Kind);
        Assert.Equal("organisation", entities["org:Politico"].Kind);
        Assert.Equal("item", entities["microelectronics"].Kind);
        Assert.False(entities.ContainsKey("?"));
        Assert.False(entities.ContainsKey("reporter"));
        Assert.Equal(t.Store.Stats().Entities, entities.Count);
    }

    [Fact]
    public void ReplaceAnnotations_SwapsClaimsAtomically()
    {
        using var t = new TempStore();
        var id = t.Store.AddDocument(FullDocument()).DocumentId;
        var fresh = t.Store.LoadDocument(id, withAnnotations: false)!;
        Assert.Empty(fresh.Claims);
        fresh.Claims.Add(new SupplyClaim
        {
            Supplier = "KP", Recipient = "RU", Item = "ammunition", Claimant = "reporter", Evidence = new TextSpan(18, 30), Cue = new TextSpan(24, 31),
        });

        t.Store.ReplaceAnnotations(id, fresh);

        var loaded = t.Store.LoadDocument(id)!;
        Assert.Equal("KP", Assert.Single(loaded.Claims).Supplier);
        Assert.Empty(loaded.Mentions);
        Assert.Empty(loaded.Quotes);
        Assert.Equal(1, t.Store.Stats().Claims);
        Assert.Throws<StoreException>(() => t.Store.ReplaceAnnotations(id + 100, fresh));
        Assert.Equal(1, t.Store.Stats().Claims);
    }

    [Fact]
    public void Migrations_RecordTheirVersion_AndRunOnce()
    {
        using var t = new TempStore();
        int latest = Migrations.Load(SqliteStore.Dialect).Count;
        Assert.Equal(latest, t.Store.SchemaVersion);
        t.Store.AddDocument(FullDocument());

        var reopened = t.Reopen();

        Assert.Equal(latest, reopened.SchemaVersion);
        Assert.Equal(1, reopened.Stats().Documents);
        using var c = new SqliteConnection($"Data Source={t.DbPath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MIN(version) FROM schema_version";
        using var r = cmd.ExecuteReader();
        r.Read();
        Assert.Equal(latest, r.GetInt32(0));
        Assert.Equal(1, r.GetInt32(1));
    }

    [Fact]
    public void OldSchema_IsMigrated_AndItsDataBackfilled()
    {
        using var t = new TempStore();
        t.Store.Dispose();
        File.Delete(t.DbPath);
        using (var c = new SqliteConnection($"Data Source={t.DbPath};Pooling=False"))
        {
            c.Open();
            Assert.Equal(1, Migrations.Apply(c, Migrations.Load(SqliteStore.Dialect).Take(1).ToList()));
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO documents (id, doc_key, sha256, language, full_text, ingested_at, extracted_at, seen_at, syndication_group, published)
                VALUES (7, 'old', 'abc', 'de', 'Nordkorea liefert Russland Granaten.', '2024-01-02T00:00:00.0000000Z', '2024-01-02T00:00:00.0000000Z',
                        '2023-12-24T00:00:00.0000000Z', 7, '2023-12-24T00:00:00.0000000Z');
                INSERT INTO claims (document_id, seq, supplier, recipient, item, negated, undirected, supplier_inferred, recipient_inferred,
                                    claimant, status, evidence_start, evidence_end, evidence_text, cue_start, cue_end)
                VALUES (7, 0, 'KP', 'RU', 'ammunition', 0, 0, 0, 0, 'reporter', 'asserted', 0, 35, 'Nordkorea liefert Russland Granaten.', 10, 17);
                """;
            cmd.ExecuteNonQuery();
        }

        var store = t.Reopen();

        Assert.Equal(Migrations.Load(SqliteStore.Dialect).Count, store.SchemaVersion);
        var edge = Assert.Single(store.Edges(GraphFilter.All));
        Assert.Equal(("KP", "RU", "ammunition", 1, 1), (edge.Supplier, edge.Recipient, edge.Item, edge.Evidence, edge.Sources));
        Assert.Equal(new DateTimeOffset(2023, 12, 24, 0, 0, 0, TimeSpan.Zero), edge.FirstSeen);
        Assert.Single(store.Edges(new GraphFilter { Since = new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Empty(store.Edges(new GraphFilter { Since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal("Nordkorea liefert Russland Granaten.", store.LoadDocument(7)!.Text); // moved to document_texts
        Assert.Equal("ammunition", Assert.Single(store.LoadDocument(7)!.Claims).Item);
    }

    [Fact]
    public void NewerSchema_IsRefused_NotTouched()
    {
        using var t = new TempStore();
        t.Store.Dispose();
        using (var c = new SqliteConnection($"Data Source={t.DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => SqliteStore.Open(t.DbPath));
        Assert.Contains("schema version 999", e.Message);
    }

    [Fact]
    public void NotADatabase_AndMissingFile_GiveReadableErrors()
    {
        using var t = new TempStore();
        var junk = t.Files.Write("junk.db", new string('x', 5000));
        var missing = Path.Combine(t.Dir, "nope.db");

        var notDb = Assert.Throws<StoreException>(() => SqliteStore.Open(junk));
        var noFile = Assert.Throws<StoreException>(() => SqliteStore.Open(missing, new SqliteStoreOptions { Create = false }));
        var noDir = Assert.Throws<StoreException>(() => SqliteStore.Open(Path.Combine(t.Dir, "no", "such", "dir", "x.db")));

        Assert.Contains("junk.db", notDb.Message);
        Assert.Contains("not a Lagebild database", notDb.Message);
        Assert.Contains("no such database", noFile.Message);
        Assert.False(File.Exists(missing));
        Assert.Contains("does not exist", noDir.Message);
    }

    [Fact]
    public void ForeignSqliteFile_IsRefused_AndLeftAlone()
    {
        using var t = new TempStore();
        var other = Path.Combine(t.Dir, "other.db");
        using (var c = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE contacts (name TEXT)";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => SqliteStore.Open(other));

        Assert.Contains("not a Lagebild database", e.Message);
        using var check = new SqliteConnection($"Data Source={other};Pooling=False");
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
        Assert.Equal(1L, tables.ExecuteScalar());
    }

    [Fact]
    public void UrlKey_NormalisesOnlyWhatDoesNotChangeTheArticle()
    {
        Assert.Equal("https://example.invalid/a/b", DocumentKeys.UrlKey("HTTPS://Example.INVALID:443/a/b/#frag"));
        Assert.Equal("https://example.invalid/a?id=7", DocumentKeys.UrlKey("https://example.invalid/a?utm_source=x&id=7&fbclid=abc"));
        Assert.NotEqual(DocumentKeys.UrlKey("https://example.invalid/a?id=7"), DocumentKeys.UrlKey("https://example.invalid/a?id=8"));
        Assert.Equal("https://example.invalid", DocumentKeys.UrlKey("https://example.invalid/"));
        Assert.Equal("sample:s01", DocumentKeys.UrlKey(" sample:s01 "));
        Assert.Null(DocumentKeys.UrlKey("  "));
    }

    [Fact]
    public void Stats_CountEverything()
    {
        using var t = new TempStore();
        t.Store.AddDocument(FullDocument());
        var en = FullDocument("en-1", "https://example.invalid/en", Text + " English.");
        en.Lang = "en";
        en.Published = null;
        t.Store.AddDocument(en);

        var s = t.Store.Stats();

        Assert.Equal(2, s.Documents);
        Assert.Equal(4, s.Claims);
        Assert.Equal(10, s.Mentions);
        Assert.Equal(4, s.Quotes);
        Assert.Equal(1, s.Languages["de"]);
        Assert.Equal(1, s.Languages["en"]);
        Assert.Equal(1, s.Outlets);
        Assert.Equal(1, s.Stories); // the second text is the first with one word more: a syndicated copy
        Assert.Equal(3, s.Edges);   // CN->RU, RU->CN (undirected) and ?->RU
        Assert.True(s.DatabaseBytes > 0);
        Assert.Equal(FullDocument().Published, s.FirstPublished);
    }
}
