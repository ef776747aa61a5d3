using System.Data.Common;
using System.Text;
using Lagebild.Claims;
using Lagebild.Graph;
using Lagebild.Text;

namespace Lagebild.Store;

/// <summary>
/// <see cref="IClaimStore"/> over ADO.NET with portable SQL only: named parameters (@name), INSERT ... RETURNING,
/// ON CONFLICT ... DO NOTHING, CASE, COUNT(DISTINCT), UNION ALL and common table expressions, which SQLite (3.35+)
/// and PostgreSQL both run. What differs between databases (connection, schema scripts with their identity and
/// blob types, pragmas, file size) lives in the subclass (<see cref="SqliteStore"/>).
/// </summary>
public abstract class SqlClaimStore : IClaimStore
{
    private readonly Dictionary<string, long> _entityIds = new(StringComparer.Ordinal);
    private readonly HashSet<(long, string)> _entityNames = new();
    // Entities and names first written by the open transaction; they join the caches only when it commits.
    private readonly Dictionary<string, long> _pendingEntityIds = new(StringComparer.Ordinal);
    private readonly HashSet<(long, string)> _pendingNames = new();

    protected SqlClaimStore(DbConnection connection, string location)
    {
        Connection = connection;
        Location = location;
    }

    protected DbConnection Connection { get; }
    public string Location { get; }
    public int SchemaVersion { get; protected set; }

    /// <summary>Runs the dialect's migrations; call once from the subclass constructor after opening the connection.</summary>
    protected void Migrate(IReadOnlyList<Migration> migrations) => SchemaVersion = Migrations.Apply(Connection, migrations);

    /// <summary>Size of the database in bytes, when the backend can tell.</summary>
    protected virtual long? DatabaseBytes() => null;

    // ---------------------------------------------------------------- writing

    public DuplicateMatch? FindDuplicate(string? url, string sha256) => FindDuplicate(DocumentKeys.UrlKey(url), sha256, null);

    private DuplicateMatch? FindDuplicate(string? urlKey, string sha256, DbTransaction? tx)
    {
        if (urlKey != null)
        {
            using var byUrl = Sql.Command(Connection, tx, "SELECT id FROM documents WHERE url_key = @u");
            Sql.Add(byUrl, "@u", urlKey);
            if (byUrl.ExecuteScalar() is { } id and not DBNull) return new DuplicateMatch(Convert.ToInt64(id), DuplicateKind.Url);
        }
        using var bySha = Sql.Command(Connection, tx, "SELECT id FROM documents WHERE sha256 = @s");
        Sql.Add(bySha, "@s", sha256);
        return bySha.ExecuteScalar() is { } found and not DBNull ? new DuplicateMatch(Convert.ToInt64(found), DuplicateKind.Content) : null;
    }

    public AddResult AddDocument(Document document)
    {
        var sha = DocumentKeys.Sha256(document.Text);
        var urlKey = DocumentKeys.UrlKey(document.Url);
        if (FindDuplicate(urlKey, sha, null) is { } existing) return AddResult.Existing(existing);

        var signature = Syndication.Signature(document.Text);
        var bands = signature == null ? null : Syndication.BandKeys(signature);
        var now = DateTimeOffset.UtcNow;
        DbTransaction? tx = null;
        try
        {
            tx = Connection.BeginTransaction();
            long? group = signature == null ? null : FindSyndicationGroup(signature, bands!, tx);
            long id;
            using (var insert = Sql.Command(Connection, tx, """
                INSERT INTO documents (doc_key, url, url_key, sha256, outlet, title, published, published_offset, language,
                                       source, ingested_at, extracted_at, seen_at, syndication_group, minhash)
                VALUES (@key, @url, @url_key, @sha, @outlet, @title, @published, @offset, @lang,
                        @source, @now, @now, @seen, @group, @minhash)
                RETURNING id
                """))
            {
                Sql.Add(insert, "@key", document.Id);
                Sql.Add(insert, "@url", document.Url);
                Sql.Add(insert, "@url_key", urlKey);
                Sql.Add(insert, "@sha", sha);
                Sql.Add(insert, "@outlet", document.Outlet);
                Sql.Add(insert, "@title", document.Title);
                Sql.Add(insert, "@published", document.Published is { } p ? Sql.Time(p) : null);
                Sql.Add(insert, "@offset", document.Published is { } q ? (int)q.Offset.TotalMinutes : null);
                Sql.Add(insert, "@lang", document.Lang);
                Sql.Add(insert, "@source", document.Source);
                Sql.Add(insert, "@now", Sql.Time(now));
                Sql.Add(insert, "@seen", Sql.Time(document.Published ?? now));
                Sql.Add(insert, "@group", group ?? 0L);
                Sql.Add(insert, "@minhash", signature == null ? null : Syndication.ToBytes(signature));
                id = Convert.ToInt64(insert.ExecuteScalar());
            }
            using (var text = Sql.Command(Connection, tx, "INSERT INTO document_texts (document_id, full_text) VALUES (@id, @text)"))
            {
                Sql.Add(text, "@id", id);
                Sql.Add(text, "@text", document.Text);
                text.ExecuteNonQuery();
            }
            if (group == null)
            {
                using var own = Sql.Command(Connection, tx, "UPDATE documents SET syndication_group = @id WHERE id = @id");
                Sql.Add(own, "@id", id);
                own.ExecuteNonQuery();
            }
            if (bands != null)
            {
                using var band = Sql.Command(Connection, tx, "INSERT INTO syndication_bands (band, bucket, document_id) VALUES (@band, @bucket, @doc)");
                Sql.Add(band, "@band", 0);
                Sql.Add(band, "@bucket", 0L);
                Sql.Add(band, "@doc", id);
                for (int b = 0; b < bands.Length; b++)
                {
                    Sql.Set(band, "@band", b);
                    Sql.Set(band, "@bucket", bands[b]);
                    band.ExecuteNonQuery();
                }
            }
            var published = document.Published is { } pd ? Sql.Time(pd) : null;
            WriteAnnotations(id, document, tx, new ClaimContext(group ?? id, published, Sql.Time(document.Published ?? now)));
            tx.Commit();
            CommitCaches();
            return AddResult.New(id);
        }
        catch (DbException)
        {
            Rollback(tx);
            // Another writer may have stored the same document meanwhile: the unique keys refused this copy.
            if (FindDuplicate(urlKey, sha, null) is { } raced) return AddResult.Existing(raced);
            throw;
        }
        catch
        {
            Rollback(tx);
            throw;
        }
        finally
        {
            tx?.Dispose();
        }
    }

    private void Rollback(DbTransaction? tx)
    {
        _pendingEntityIds.Clear();
        _pendingNames.Clear();
        try { tx?.Rollback(); }
        catch (Exception e) when (e is DbException or InvalidOperationException) { /* already rolled back */ }
    }

    private void CommitCaches()
    {
        foreach (var (k, v) in _pendingEntityIds) _entityIds[k] = v;
        _entityNames.UnionWith(_pendingNames);
        _pendingEntityIds.Clear();
        _pendingNames.Clear();
    }

    /// <summary>The syndication group of the most similar stored text at or above the threshold, or null.</summary>
    private long? FindSyndicationGroup(uint[] signature, long[] bands, DbTransaction tx)
    {
        // Candidates share at least one band bucket; those sharing the most are the likeliest copies, so only the
        // top few are compared in full (a template-like text can share buckets with many others).
        var sql = new StringBuilder("""
            SELECT d.id, d.syndication_group, d.minhash
            FROM (SELECT document_id, COUNT(*) AS hits FROM syndication_bands WHERE
            """);
        using var cmd = Sql.Command(Connection, tx, "");
        for (int b = 0; b < bands.Length; b++)
        {
            if (b > 0) sql.Append(" OR ");
            sql.Append($"(band = @b{b} AND bucket = @k{b})");
            Sql.Add(cmd, $"@b{b}", b);
            Sql.Add(cmd, $"@k{b}", bands[b]);
        }
        sql.Append(" GROUP BY document_id ORDER BY hits DESC, document_id LIMIT 32) x JOIN documents d ON d.id = x.document_id");
        cmd.CommandText = sql.ToString();
        long? best = null;
        double bestScore = 0;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var other = Syndication.FromBytes(r.IsDBNull(2) ? null : (byte[])r.GetValue(2));
            if (other == null) continue;
            var score = Syndication.Similarity(signature, other);
            if (score >= Syndication.Threshold && score > bestScore)
            {
                bestScore = score;
                best = Sql.Long(r, 1);
            }
        }
        return best;
    }

    public void ReplaceAnnotations(long documentId, Document analysed)
    {
        DbTransaction? tx = null;
        try
        {
            tx = Connection.BeginTransaction();
            using (var upd = Sql.Command(Connection, tx, "UPDATE documents SET extracted_at = @t WHERE id = @d"))
            {
                Sql.Add(upd, "@t", Sql.Time(DateTimeOffset.UtcNow));
                Sql.Add(upd, "@d", documentId);
                if (upd.ExecuteNonQuery() != 1) throw new StoreException($"no stored document with id {documentId}");
            }
            ClaimContext context;
            using (var sel = Sql.Command(Connection, tx, "SELECT syndication_group, published, seen_at FROM documents WHERE id = @d"))
            {
                Sql.Add(sel, "@d", documentId);
                using var r = sel.ExecuteReader();
                r.Read();
                context = new ClaimContext(Sql.Long(r, 0), Sql.Text(r, 1), r.GetString(2));
            }
            foreach (var sql in new[]
            {
                "DELETE FROM claim_chain WHERE claim_id IN (SELECT id FROM claims WHERE document_id = @d)",
                "DELETE FROM claims WHERE document_id = @d",
                "DELETE FROM quotes WHERE document_id = @d",
                "DELETE FROM mentions WHERE document_id = @d",
            })
            {
                using var del = Sql.Command(Connection, tx, sql);
                Sql.Add(del, "@d", documentId);
                del.ExecuteNonQuery();
            }
            WriteAnnotations(documentId, analysed, tx, context);
            tx.Commit();
            CommitCaches();
        }
        catch
        {
            Rollback(tx);
            throw;
        }
        finally
        {
            tx?.Dispose();
        }
    }

    private static string MentionEntityKind(MentionKind kind) => kind switch
    {
        MentionKind.State => EntityLabels.State,
        MentionKind.Organisation => EntityLabels.Organisation,
        MentionKind.Person => EntityLabels.Person,
        _ => EntityLabels.Item,
    };

    /// <summary>What each claim row repeats from its document, so the graph needs no join (schema 2).</summary>
    private sealed record ClaimContext(long Story, string? Published, string SeenAt);

    private void WriteAnnotations(long documentId, Document doc, DbTransaction tx, ClaimContext context)
    {
        using var insertEntity = Sql.Command(Connection, tx,
            "INSERT INTO entities (entity_key, kind, label) VALUES (@key, @kind, @label) ON CONFLICT (entity_key) DO NOTHING");
        Sql.Add(insertEntity, "@key", ""); Sql.Add(insertEntity, "@kind", ""); Sql.Add(insertEntity, "@label", "");
        using var selectEntity = Sql.Command(Connection, tx, "SELECT id FROM entities WHERE entity_key = @key");
        Sql.Add(selectEntity, "@key", "");
        using var insertName = Sql.Command(Connection, tx,
            "INSERT INTO entity_names (entity_id, name) VALUES (@id, @name) ON CONFLICT (entity_id, name) DO NOTHING");
        Sql.Add(insertName, "@id", 0L); Sql.Add(insertName, "@name", "");

        long Entity(string key, string kind)
        {
            if (_entityIds.TryGetValue(key, out var id) || _pendingEntityIds.TryGetValue(key, out id)) return id;
            Sql.Set(insertEntity, "@key", key);
            Sql.Set(insertEntity, "@kind", kind);
            Sql.Set(insertEntity, "@label", EntityLabels.Label(key));
            insertEntity.ExecuteNonQuery();
            Sql.Set(selectEntity, "@key", key);
            id = Convert.ToInt64(selectEntity.ExecuteScalar());
            _pendingEntityIds[key] = id;
            return id;
        }

        void Name(long entityId, string name)
        {
            name = name.Replace('\n', ' ').Trim();
            if (name.Length == 0 || name.Length > 200) return;
            var key = (entityId, name);
            if (_entityNames.Contains(key) || !_pendingNames.Add(key)) return;
            Sql.Set(insertName, "@id", entityId);
            Sql.Set(insertName, "@name", name);
            insertName.ExecuteNonQuery();
        }

        void Actor(string id)
        {
            if (EntityLabels.ActorKind(id) is { } kind) Entity(id, kind);
        }

        // Mentions and the names they use.
        using (var m = Sql.Command(Connection, tx, """
            INSERT INTO mentions (document_id, seq, entity_id, kind, form, start_offset, end_offset, first_token, end_token, affiliation, term)
            VALUES (@doc, @seq, @entity, @kind, @form, @start, @end, @first, @last, @affiliation, @term)
            """))
        {
            foreach (var name in new[] { "@doc", "@seq", "@entity", "@kind", "@form", "@start", "@end", "@first", "@last", "@affiliation", "@term" })
                Sql.Add(m, name, null);
            Sql.Set(m, "@doc", documentId);
            for (int i = 0; i < doc.Mentions.Count; i++)
            {
                var mention = doc.Mentions[i];
                var entity = Entity(mention.Id, MentionEntityKind(mention.Kind));
                if (mention.Span.End <= doc.Text.Length && mention.Span.Start >= 0) Name(entity, doc.Slice(mention.Span));
                Sql.Set(m, "@seq", i);
                Sql.Set(m, "@entity", entity);
                Sql.Set(m, "@kind", mention.Kind.ToString());
                Sql.Set(m, "@form", mention.Form.ToString());
                Sql.Set(m, "@start", mention.Span.Start);
                Sql.Set(m, "@end", mention.Span.End);
                Sql.Set(m, "@first", mention.FirstToken);
                Sql.Set(m, "@last", mention.EndToken);
                Sql.Set(m, "@affiliation", mention.Affiliation);
                Sql.Set(m, "@term", mention.Term);
                m.ExecuteNonQuery();
            }
        }

        using (var q = Sql.Command(Connection, tx, """
            INSERT INTO quotes (document_id, seq, span_start, span_end, content_start, content_end, speaker, speaker_name,
                                speaker_start, speaker_end, cue_start, cue_end)
            VALUES (@doc, @seq, @ss, @se, @cs, @ce, @speaker, @speaker_name, @sps, @spe, @cus, @cue)
            """))
        {
            foreach (var name in new[] { "@doc", "@seq", "@ss", "@se", "@cs", "@ce", "@speaker", "@speaker_name", "@sps", "@spe", "@cus", "@cue" })
                Sql.Add(q, name, null);
            Sql.Set(q, "@doc", documentId);
            for (int i = 0; i < doc.Quotes.Count; i++)
            {
                var quote = doc.Quotes[i];
                if (quote.Speaker is { } speaker && EntityLabels.ActorKind(speaker) is { } kind)
                {
                    var entity = Entity(speaker, kind);
                    if (quote.SpeakerName is { } sn) Name(entity, sn);
                }
                Sql.Set(q, "@seq", i);
                Sql.Set(q, "@ss", quote.Span.Start);
                Sql.Set(q, "@se", quote.Span.End);
                Sql.Set(q, "@cs", quote.Content.Start);
                Sql.Set(q, "@ce", quote.Content.End);
                Sql.Set(q, "@speaker", quote.Speaker);
                Sql.Set(q, "@speaker_name", quote.SpeakerName);
                Sql.Set(q, "@sps", quote.SpeakerSpan?.Start);
                Sql.Set(q, "@spe", quote.SpeakerSpan?.End);
                Sql.Set(q, "@cus", quote.CueSpan?.Start);
                Sql.Set(q, "@cue", quote.CueSpan?.End);
                q.ExecuteNonQuery();
            }
        }

        using var c = Sql.Command(Connection, tx, """
            INSERT INTO claims (document_id, seq, supplier, recipient, item, negated, undirected, supplier_inferred, recipient_inferred,
                                claimant, status, evidence_start, evidence_end, evidence_text, cue_start, cue_end,
                                supplier_start, supplier_end, recipient_start, recipient_end, item_start, item_end,
                                attribution_start, attribution_end, frame, story, published, seen_at)
            VALUES (@doc, @seq, @supplier, @recipient, @item, @negated, @undirected, @si, @ri,
                    @claimant, @status, @es, @ee, @et, @cs, @ce, @ss, @se, @rs, @re, @is, @ie, @as, @ae, @frame, @story, @published, @seen)
            RETURNING id
            """);
        foreach (var name in new[] { "@doc", "@seq", "@supplier", "@recipient", "@item", "@negated", "@undirected", "@si", "@ri", "@claimant", "@status",
                     "@es", "@ee", "@et", "@cs", "@ce", "@ss", "@se", "@rs", "@re", "@is", "@ie", "@as", "@ae", "@frame", "@story", "@published", "@seen" })
            Sql.Add(c, name, null);
        Sql.Set(c, "@doc", documentId);
        Sql.Set(c, "@story", context.Story);
        Sql.Set(c, "@published", context.Published);
        Sql.Set(c, "@seen", context.SeenAt);
        using var chain = Sql.Command(Connection, tx, "INSERT INTO claim_chain (claim_id, position, name) VALUES (@claim, @pos, @name)");
        Sql.Add(chain, "@claim", 0L); Sql.Add(chain, "@pos", 0); Sql.Add(chain, "@name", "");
        for (int i = 0; i < doc.Claims.Count; i++)
        {
            var claim = doc.Claims[i];
            Actor(claim.Supplier);
            Actor(claim.Recipient);
            Actor(claim.Claimant);
            Entity(claim.Item, EntityLabels.Item);
            Sql.Set(c, "@seq", i);
            Sql.Set(c, "@supplier", claim.Supplier);
            Sql.Set(c, "@recipient", claim.Recipient);
            Sql.Set(c, "@item", claim.Item);
            Sql.Set(c, "@negated", claim.Negated);
            Sql.Set(c, "@undirected", claim.Undirected);
            Sql.Set(c, "@si", claim.SupplierInferred);
            Sql.Set(c, "@ri", claim.RecipientInferred);
            Sql.Set(c, "@claimant", claim.Claimant);
            Sql.Set(c, "@status", DocumentResult.StatusName(claim.Status));
            Sql.Set(c, "@es", claim.Evidence.Start);
            Sql.Set(c, "@ee", claim.Evidence.End);
            Sql.Set(c, "@et", SafeSlice(doc, claim.Evidence));
            Sql.Set(c, "@cs", claim.Cue.Start);
            Sql.Set(c, "@ce", claim.Cue.End);
            Sql.Set(c, "@ss", claim.SupplierSpan?.Start);
            Sql.Set(c, "@se", claim.SupplierSpan?.End);
            Sql.Set(c, "@rs", claim.RecipientSpan?.Start);
            Sql.Set(c, "@re", claim.RecipientSpan?.End);
            Sql.Set(c, "@is", claim.ItemSpan?.Start);
            Sql.Set(c, "@ie", claim.ItemSpan?.End);
            Sql.Set(c, "@as", claim.AttributionCue?.Start);
            Sql.Set(c, "@ae", claim.AttributionCue?.End);
            Sql.Set(c, "@frame", claim.Frame);
            var claimId = Convert.ToInt64(c.ExecuteScalar());
            Sql.Set(chain, "@claim", claimId);
            for (int k = 0; k < claim.Chain.Count; k++)
            {
                Sql.Set(chain, "@pos", k);
                Sql.Set(chain, "@name", claim.Chain[k]);
                chain.ExecuteNonQuery();
            }
        }
    }

    private static string SafeSlice(Document doc, TextSpan span)
    {
        int start = Math.Clamp(span.Start, 0, doc.Text.Length), end = Math.Clamp(span.End, start, doc.Text.Length);
        return doc.Text[start..end];
    }

    // ---------------------------------------------------------------- reading documents

    public IReadOnlyList<long> DocumentIds()
    {
        using var cmd = Sql.Command(Connection, null, "SELECT id FROM documents ORDER BY id");
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read()) ids.Add(Sql.Long(r, 0));
        return ids;
    }

    public StoredDocument? GetDocument(long documentId)
    {
        using var cmd = Sql.Command(Connection, null, """
            SELECT d.id, d.doc_key, d.url, d.outlet, d.title, d.published, d.published_offset, d.language, t.full_text, d.sha256, d.source,
                   d.ingested_at, d.extracted_at, d.syndication_group
            FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.id = @id
            """);
        Sql.Add(cmd, "@id", documentId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new StoredDocument
        {
            Id = Sql.Long(r, 0), Key = r.GetString(1), Url = Sql.Text(r, 2), Outlet = Sql.Text(r, 3), Title = Sql.Text(r, 4),
            Published = Published(r, 5, 6), Language = r.GetString(7), Text = r.GetString(8), Sha256 = r.GetString(9),
            Source = Sql.Text(r, 10), IngestedAt = Sql.ParseTime(r.GetString(11)), ExtractedAt = Sql.ParseTime(r.GetString(12)),
            SyndicationGroup = Sql.Long(r, 13),
        };
    }

    private static DateTimeOffset? Published(DbDataReader r, int utcColumn, int offsetColumn)
    {
        if (Sql.TimeOrNull(r, utcColumn) is not { } utc) return null;
        int minutes = Sql.IntOrNull(r, offsetColumn) ?? 0;
        return utc.ToOffset(TimeSpan.FromMinutes(minutes));
    }

    public Document? LoadDocument(long documentId, bool withAnnotations = true)
    {
        if (GetDocument(documentId) is not { } stored) return null;
        var doc = new Document(stored.Key, stored.Text, stored.Language)
        {
            Title = stored.Title, Url = stored.Url, Outlet = stored.Outlet, Published = stored.Published, Source = stored.Source,
        };
        if (!withAnnotations) return doc;

        using (var cmd = Sql.Command(Connection, null, """
            SELECT m.kind, e.entity_key, m.first_token, m.end_token, m.start_offset, m.end_offset, m.form, m.affiliation, m.term
            FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.document_id = @d ORDER BY m.seq
            """))
        {
            Sql.Add(cmd, "@d", documentId);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                doc.Mentions.Add(new Mention(Enum.Parse<MentionKind>(r.GetString(0)), r.GetString(1), Sql.Int(r, 2), Sql.Int(r, 3),
                    new TextSpan(Sql.Int(r, 4), Sql.Int(r, 5)), Enum.Parse<MentionForm>(r.GetString(6)))
                {
                    Affiliation = Sql.Text(r, 7), Term = Sql.Text(r, 8),
                });
            }
        }

        using (var cmd = Sql.Command(Connection, null, """
            SELECT span_start, span_end, content_start, content_end, speaker, speaker_name, speaker_start, speaker_end, cue_start, cue_end
            FROM quotes WHERE document_id = @d ORDER BY seq
            """))
        {
            Sql.Add(cmd, "@d", documentId);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                doc.Quotes.Add(new Quote(new TextSpan(Sql.Int(r, 0), Sql.Int(r, 1)), new TextSpan(Sql.Int(r, 2), Sql.Int(r, 3)))
                {
                    Speaker = Sql.Text(r, 4), SpeakerName = Sql.Text(r, 5), SpeakerSpan = Span(r, 6), CueSpan = Span(r, 8),
                });
            }
        }

        var claims = new List<(long Id, SupplyClaim Claim)>();
        using (var cmd = Sql.Command(Connection, null, """
            SELECT id, supplier, recipient, item, negated, undirected, supplier_inferred, recipient_inferred, claimant, status,
                   evidence_start, evidence_end, cue_start, cue_end, supplier_start, supplier_end, recipient_start, recipient_end,
                   item_start, item_end, attribution_start, attribution_end, frame
            FROM claims WHERE document_id = @d ORDER BY seq
            """))
        {
            Sql.Add(cmd, "@d", documentId);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                claims.Add((Sql.Long(r, 0), new SupplyClaim
                {
                    Supplier = r.GetString(1), Recipient = r.GetString(2), Item = r.GetString(3),
                    Negated = Sql.Bool(r, 4), Undirected = Sql.Bool(r, 5), SupplierInferred = Sql.Bool(r, 6), RecipientInferred = Sql.Bool(r, 7),
                    Claimant = r.GetString(8), Status = Enum.Parse<ClaimStatus>(r.GetString(9), ignoreCase: true),
                    Evidence = new TextSpan(Sql.Int(r, 10), Sql.Int(r, 11)), Cue = new TextSpan(Sql.Int(r, 12), Sql.Int(r, 13)),
                    SupplierSpan = Span(r, 14), RecipientSpan = Span(r, 16), ItemSpan = Span(r, 18), AttributionCue = Span(r, 20),
                    Frame = Sql.Text(r, 22),
                }));
            }
        }
        var chains = Chains(claims.Select(c => c.Id).ToList());
        foreach (var (id, claim) in claims)
            doc.Claims.Add(chains.TryGetValue(id, out var chain) ? claim with { Chain = chain } : claim);
        return doc;
    }

    private static TextSpan? Span(DbDataReader r, int startColumn) =>
        r.IsDBNull(startColumn) || r.IsDBNull(startColumn + 1) ? null : new TextSpan(Sql.Int(r, startColumn), Sql.Int(r, startColumn + 1));

    /// <summary>Citation chains of the claims, in batches that stay under every database's parameter limit.</summary>
    private Dictionary<long, List<string>> Chains(IReadOnlyList<long> claimIds)
    {
        var chains = new Dictionary<long, List<string>>();
        const int batch = 500;
        for (int offset = 0; offset < claimIds.Count; offset += batch)
        {
            var ids = claimIds.Skip(offset).Take(batch).ToList();
            using var cmd = Sql.Command(Connection, null, "");
            var names = new List<string>();
            for (int i = 0; i < ids.Count; i++)
            {
                names.Add("@c" + i);
                Sql.Add(cmd, "@c" + i, ids[i]);
            }
            cmd.CommandText = $"SELECT claim_id, name FROM claim_chain WHERE claim_id IN ({string.Join(", ", names)}) ORDER BY claim_id, position";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var id = Sql.Long(r, 0);
                if (!chains.TryGetValue(id, out var list)) chains[id] = list = new List<string>();
                list.Add(r.GetString(1));
            }
        }
        return chains;
    }

    // ---------------------------------------------------------------- the graph

    /// <summary>
    /// Claims with undirected ones also read the other way round ("exchanged between A and B" supports A -> B and B -> A).
    /// A subquery rather than a common table expression, so filters on the outer query reach the indexes of both arms.
    /// </summary>
    private const string DirectedClaims = """
        (SELECT id, supplier, recipient, item, negated, undirected, status, claimant, document_id, evidence_start, evidence_end,
                evidence_text, cue_start, cue_end, story, published, seen_at
         FROM claims
         UNION ALL
         SELECT id, recipient, supplier, item, negated, undirected, status, claimant, document_id, evidence_start, evidence_end,
                evidence_text, cue_start, cue_end, story, published, seen_at
         FROM claims WHERE undirected AND supplier <> recipient) c
        """;

    private static string Where(GraphFilter filter, DbCommand cmd)
    {
        var conditions = new List<string>();
        if (filter.Supplier != null) { conditions.Add("c.supplier = @supplier"); Sql.Add(cmd, "@supplier", filter.Supplier); }
        if (filter.Recipient != null) { conditions.Add("c.recipient = @recipient"); Sql.Add(cmd, "@recipient", filter.Recipient); }
        if (filter.Item != null) { conditions.Add("c.item = @item"); Sql.Add(cmd, "@item", filter.Item); }
        if (filter.Since != null) { conditions.Add("c.seen_at >= @since"); Sql.Add(cmd, "@since", Sql.Time(filter.Since.Value)); }
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    public IReadOnlyList<Edge> Edges(GraphFilter filter)
    {
        filter = filter.Normalise();
        using var cmd = Sql.Command(Connection, null, "");
        // A sentence is (document, start offset): one integer key, as offsets stay far below 2^32.
        cmd.CommandText = $"""
            SELECT c.supplier, c.recipient, c.item,
                   COUNT(DISTINCT c.document_id * 4294967296 + c.evidence_start) AS evidence,
                   COUNT(DISTINCT c.story) AS sources,
                   COUNT(DISTINCT c.claimant) AS claimants,
                   SUM(CASE WHEN c.status = 'asserted' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.status = 'alleged' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.status = 'denied' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.status = 'hedged' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.negated THEN 1 ELSE 0 END),
                   COALESCE(MIN(c.published), MIN(c.seen_at)), COALESCE(MAX(c.published), MAX(c.seen_at))
            FROM {DirectedClaims}
            {Where(filter, cmd)}
            GROUP BY c.supplier, c.recipient, c.item
            ORDER BY evidence DESC, sources DESC, c.supplier, c.recipient, c.item
            """;
        var edges = new List<Edge>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            edges.Add(new Edge
            {
                Supplier = r.GetString(0), Recipient = r.GetString(1), Item = r.GetString(2),
                Evidence = Sql.Int(r, 3), Sources = Sql.Int(r, 4), Claimants = Sql.Int(r, 5),
                Statuses = new Dictionary<string, int>
                {
                    ["asserted"] = Sql.Int(r, 6), ["alleged"] = Sql.Int(r, 7), ["denied"] = Sql.Int(r, 8), ["hedged"] = Sql.Int(r, 9),
                },
                Negated = Sql.Int(r, 10), FirstSeen = Sql.TimeOrNull(r, 11), LastSeen = Sql.TimeOrNull(r, 12),
            });
        }
        return edges;
    }

    public IReadOnlyList<EvidenceItem> Evidence(GraphFilter filter)
    {
        filter = filter.Normalise();
        using var cmd = Sql.Command(Connection, null, "");
        cmd.CommandText = $"""
            SELECT c.id, c.document_id, c.supplier, c.recipient, c.item, c.negated, c.undirected, c.claimant, c.status,
                   c.evidence_text, c.evidence_start, c.evidence_end, c.cue_start, c.cue_end,
                   d.outlet, d.title, d.url, d.published, d.published_offset, d.syndication_group
            FROM {DirectedClaims} JOIN documents d ON d.id = c.document_id
            {Where(filter, cmd)}
            ORDER BY c.seen_at, c.document_id, c.evidence_start, c.id
            """;
        var items = new List<EvidenceItem>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var sentence = r.GetString(9);
                int es = Sql.Int(r, 10), cs = Sql.Int(r, 12), ce = Sql.Int(r, 13);
                string? cue = cs >= es && ce - es <= sentence.Length && ce >= cs ? sentence[(cs - es)..(ce - es)] : null;
                items.Add(new EvidenceItem
                {
                    ClaimId = Sql.Long(r, 0), DocumentId = Sql.Long(r, 1), Supplier = r.GetString(2), Recipient = r.GetString(3),
                    Item = r.GetString(4), Negated = Sql.Bool(r, 5), Undirected = Sql.Bool(r, 6), Claimant = r.GetString(7),
                    Status = r.GetString(8), Sentence = sentence, SentenceStart = es, SentenceEnd = Sql.Int(r, 11), Cue = cue,
                    Outlet = Sql.Text(r, 14), Title = Sql.Text(r, 15), Url = Sql.Text(r, 16), Published = Published(r, 17, 18),
                    SyndicationGroup = Sql.Long(r, 19),
                });
            }
        }
        var chains = Chains(items.Select(i => i.ClaimId).Distinct().ToList());
        return items.Select(i => chains.TryGetValue(i.ClaimId, out var chain) ? i with { Chain = chain } : i).ToList();
    }

    public IReadOnlyList<EntityRecord> Entities()
    {
        var names = new Dictionary<long, List<string>>();
        using (var cmd = Sql.Command(Connection, null, "SELECT entity_id, name FROM entity_names ORDER BY entity_id, name"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = Sql.Long(r, 0);
                if (!names.TryGetValue(id, out var list)) names[id] = list = new List<string>();
                list.Add(r.GetString(1));
            }
        }
        var entities = new List<EntityRecord>();
        using (var cmd = Sql.Command(Connection, null, "SELECT id, entity_key, kind, label FROM entities ORDER BY kind, entity_key"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = Sql.Long(r, 0);
                entities.Add(new EntityRecord(id, r.GetString(1), r.GetString(2), r.GetString(3),
                    names.TryGetValue(id, out var list) ? list : Array.Empty<string>()));
            }
        }
        return entities;
    }

    public StoreStats Stats()
    {
        var languages = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using (var cmd = Sql.Command(Connection, null, "SELECT language, COUNT(*) FROM documents GROUP BY language"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) languages[r.GetString(0)] = Sql.Long(r, 1);
        DateTimeOffset? first = null, last = null;
        using (var cmd = Sql.Command(Connection, null, "SELECT MIN(published), MAX(published) FROM documents"))
        using (var r = cmd.ExecuteReader())
        {
            if (r.Read()) { first = Sql.TimeOrNull(r, 0); last = Sql.TimeOrNull(r, 1); }
        }
        return new StoreStats
        {
            Documents = Sql.Scalar(Connection, "SELECT COUNT(*) FROM documents"),
            Claims = Sql.Scalar(Connection, "SELECT COUNT(*) FROM claims"),
            Entities = Sql.Scalar(Connection, "SELECT COUNT(*) FROM entities"),
            Mentions = Sql.Scalar(Connection, "SELECT COUNT(*) FROM mentions"),
            Quotes = Sql.Scalar(Connection, "SELECT COUNT(*) FROM quotes"),
            Edges = Sql.Scalar(Connection, $"SELECT COUNT(*) FROM (SELECT c.supplier, c.recipient, c.item FROM {DirectedClaims} GROUP BY c.supplier, c.recipient, c.item) e"),
            Stories = Sql.Scalar(Connection, "SELECT COUNT(DISTINCT syndication_group) FROM documents"),
            Outlets = Sql.Scalar(Connection, "SELECT COUNT(DISTINCT outlet) FROM documents"),
            Languages = languages,
            FirstPublished = first,
            LastPublished = last,
            SchemaVersion = SchemaVersion,
            DatabaseBytes = DatabaseBytes(),
        };
    }

    public virtual void Dispose()
    {
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
