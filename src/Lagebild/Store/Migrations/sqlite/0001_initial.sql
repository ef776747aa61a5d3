-- Lagebild claim store, schema 1 (SQLite). Timestamps are UTC text in one fixed format
-- (yyyy-MM-ddTHH:mm:ss.fffffffZ) so they sort as text; booleans are 0/1; offsets are UTF-16 code units
-- into documents.full_text, as in Lagebild.Text.TextSpan.

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    doc_key           TEXT NOT NULL,           -- Document.Id: file name or JSON line id
    url               TEXT,                    -- as given
    url_key           TEXT UNIQUE,             -- normalised URL: same URL, same document
    sha256            TEXT NOT NULL UNIQUE,    -- of full_text: same content, same document
    outlet            TEXT,
    title             TEXT,
    published         TEXT,                    -- UTC
    published_offset  INTEGER,                 -- the source's UTC offset in minutes
    language          TEXT NOT NULL,
    source            TEXT,                    -- file (and line) it was read from
    full_text         TEXT NOT NULL,
    ingested_at       TEXT NOT NULL,
    extracted_at      TEXT NOT NULL,
    seen_at           TEXT NOT NULL,           -- published, else ingested_at: the date graph queries use
    syndication_group INTEGER NOT NULL,        -- id of the first stored copy of the same story
    minhash           BLOB                     -- MinHash signature over word 4-grams (Graph/Syndication.cs)
);
CREATE INDEX documents_seen_at ON documents (seen_at);
CREATE INDEX documents_syndication_group ON documents (syndication_group);

-- Locality-sensitive hashing buckets of the MinHash signatures: candidates for syndicated copies.
CREATE TABLE syndication_bands (
    band        INTEGER NOT NULL,
    bucket      INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, document_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    entity_key  TEXT NOT NULL UNIQUE,          -- "CN", "org:NATO", "person:Kurt Campbell", "microelectronics"
    kind        TEXT NOT NULL,                 -- state, organisation, person, item
    label       TEXT NOT NULL
);

CREATE TABLE entity_names (
    entity_id   INTEGER NOT NULL REFERENCES entities (id),
    name        TEXT NOT NULL,                 -- a surface form the texts used ("Peking", "chinesische")
    PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;

CREATE TABLE mentions (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities (id),
    kind        TEXT NOT NULL,
    form        TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    first_token  INTEGER NOT NULL,
    end_token    INTEGER NOT NULL,
    affiliation  TEXT,
    term         TEXT,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE quotes (
    document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    speaker       TEXT,
    speaker_name  TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    cue_start     INTEGER,
    cue_end       INTEGER,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

CREATE TABLE claims (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    supplier           TEXT NOT NULL,
    recipient          TEXT NOT NULL,
    item               TEXT NOT NULL,
    negated            BOOLEAN NOT NULL,
    undirected         BOOLEAN NOT NULL,
    supplier_inferred  BOOLEAN NOT NULL,
    recipient_inferred BOOLEAN NOT NULL,
    claimant           TEXT NOT NULL,
    status             TEXT NOT NULL,          -- asserted, alleged, denied, hedged
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence_text      TEXT NOT NULL,          -- the sentence, kept beside the offsets for queries and exports
    cue_start          INTEGER NOT NULL,
    cue_end            INTEGER NOT NULL,
    supplier_start     INTEGER,
    supplier_end       INTEGER,
    recipient_start    INTEGER,
    recipient_end      INTEGER,
    item_start         INTEGER,
    item_end           INTEGER,
    attribution_start  INTEGER,
    attribution_end    INTEGER,
    frame              TEXT,
    UNIQUE (document_id, seq)
);
CREATE INDEX claims_edge ON claims (supplier, recipient, item);
CREATE INDEX claims_recipient ON claims (recipient, item);
CREATE INDEX claims_item ON claims (item);

-- Citation chain of a claim, outermost first: outlet, cited outlets or reports, then the claimant.
CREATE TABLE claim_chain (
    claim_id  INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;
