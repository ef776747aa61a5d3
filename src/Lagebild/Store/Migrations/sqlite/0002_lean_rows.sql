-- Schema 2: keep the rows that queries scan small.
-- 1. Each claim carries its document's story (syndication group) and dates, so the graph aggregates claims without
--    a join to documents. Filled for existing claims from their documents.
-- 2. The article text moves to its own table: a documents row is then metadata only and never spills into overflow
--    pages, so statistics, evidence lookups and syndication checks do not read every article.

ALTER TABLE claims ADD COLUMN story INTEGER;
ALTER TABLE claims ADD COLUMN published TEXT;
ALTER TABLE claims ADD COLUMN seen_at TEXT;

UPDATE claims SET
    story     = (SELECT d.syndication_group FROM documents d WHERE d.id = claims.document_id),
    published = (SELECT d.published FROM documents d WHERE d.id = claims.document_id),
    seen_at   = (SELECT d.seen_at FROM documents d WHERE d.id = claims.document_id);

CREATE INDEX claims_seen_at ON claims (seen_at);

CREATE TABLE document_texts (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    full_text   TEXT NOT NULL
);
INSERT INTO document_texts (document_id, full_text) SELECT id, full_text FROM documents;
ALTER TABLE documents DROP COLUMN full_text;
