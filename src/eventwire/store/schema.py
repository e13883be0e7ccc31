"""The DuckDB schema. Bump ``SCHEMA_VERSION`` with every change to it."""

from __future__ import annotations

# 3: ingest tables (files, copies, fingerprints, bands, skipped, bylines)
# 4: events.date_start/date_end (the date as an interval), mention_of/mentions (repeats within an
#    article); migrated in place by `eventwire migrate` (store/migrate.py)
# 5: quotes.partial/kind (quoted fragments in a reported clause; unattributed quoted text),
#    places.reason (why a toponym is unresolved)
SCHEMA_VERSION = 5
#: Versions `eventwire migrate` upgrades to SCHEMA_VERSION.
MIGRATABLE_FROM = (3, 4)

TABLES: dict[str, str] = {
    "schema_version": "version INTEGER NOT NULL",
    "articles": """
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        external_id VARCHAR,
        title VARCHAR,
        date DATE,
        url VARCHAR,
        source VARCHAR,
        origin VARCHAR,
        text VARCHAR NOT NULL,
        n_sentences INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        n_quotes INTEGER NOT NULL,
        n_errors INTEGER NOT NULL,
        date_source VARCHAR,
        warnings VARCHAR
    """,
    "events": """
        event_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        sentence INTEGER NOT NULL,
        cameo VARCHAR NOT NULL,
        cameo_root VARCHAR NOT NULL,
        cameo_name VARCHAR NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein DOUBLE NOT NULL,
        plover_type VARCHAR NOT NULL,
        plover_mode VARCHAR,
        source_code VARCHAR,
        source_name VARCHAR,
        source_text VARCHAR,
        source_start INTEGER,
        source_end INTEGER,
        source_rule VARCHAR,
        target_code VARCHAR,
        target_name VARCHAR,
        target_text VARCHAR,
        target_start INTEGER,
        target_end INTEGER,
        target_rule VARCHAR,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger_text VARCHAR NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        date VARCHAR,
        date_granularity VARCHAR,
        date_reason VARCHAR,
        date_start DATE,
        date_end DATE,
        place_name VARCHAR,
        place_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        place_reason VARCHAR,
        place_start INTEGER,
        place_end INTEGER,
        negated BOOLEAN NOT NULL,
        modality VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL,
        mention_of VARCHAR,
        mentions INTEGER
    """,
    "quotes": """
        quote_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text VARCHAR,
        speaker_code VARCHAR,
        speaker_name VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        direct BOOLEAN NOT NULL,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL,
        partial BOOLEAN NOT NULL DEFAULT false,
        kind VARCHAR NOT NULL DEFAULT 'quote'
    """,
    "actors": """
        mention_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        code VARCHAR,
        name VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        role VARCHAR,
        person VARCHAR,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL
    """,
    "timexes": """
        timex_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        value VARCHAR,
        rule VARCHAR NOT NULL,
        deadline BOOLEAN NOT NULL
    """,
    "places": """
        place_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        sentence INTEGER,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        feature VARCHAR NOT NULL,
        country VARCHAR,
        admin1 VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geonameid BIGINT,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL,
        reason VARCHAR
    """,
    "errors": """
        error_id VARCHAR PRIMARY KEY,
        origin VARCHAR,
        article_key VARCHAR,
        stage VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        message VARCHAR NOT NULL
    """,
    # -- ingest (issue 7) ----------------------------------------------------------------------
    # Input files read to their end (a re-run skips them while size and mtime are unchanged).
    # ``variant``: the run's --source/--date overrides, which change the articles' ids.
    "files": """
        path VARCHAR NOT NULL,
        variant VARCHAR NOT NULL,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        articles INTEGER NOT NULL,
        read_at TIMESTAMP NOT NULL,
        PRIMARY KEY (path, variant)
    """,
    # Articles not processed because they duplicate a stored one (exact or near).
    "copies": """
        copy_id VARCHAR PRIMARY KEY,
        article_key VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        similarity DOUBLE NOT NULL,
        origin VARCHAR,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR
    """,
    # MinHash signatures of stored articles, and their lookup keys (exact hash + LSH bands).
    "fingerprints": """
        article_key VARCHAR PRIMARY KEY,
        text_hash VARCHAR NOT NULL,
        signature BLOB NOT NULL
    """,
    "bands": """
        band BIGINT NOT NULL,
        article_key VARCHAR NOT NULL,
        PRIMARY KEY (band, article_key)
    """,
    # Items deliberately not processed (e.g. not in a wanted language), with the reason.
    "skipped": """
        skip_id VARCHAR PRIMARY KEY,
        origin VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        reason VARCHAR NOT NULL
    """,
    "bylines": """
        article_key VARCHAR PRIMARY KEY,
        author VARCHAR NOT NULL
    """,
}

#: Tables holding rows derived from one article, keyed by ``article_key``.
CHILD_TABLES = ("events", "quotes", "actors", "timexes", "places")
