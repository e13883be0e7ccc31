"""The DuckDB schema. Bump ``SCHEMA_VERSION`` with every change to it."""

from __future__ import annotations

SCHEMA_VERSION = 1

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
        n_errors INTEGER NOT NULL
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
        negated BOOLEAN NOT NULL,
        modality VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL
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
        confidence DOUBLE NOT NULL
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
    "errors": """
        error_id VARCHAR PRIMARY KEY,
        origin VARCHAR,
        article_key VARCHAR,
        stage VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        message VARCHAR NOT NULL
    """,
}

#: Tables holding rows derived from one article, keyed by ``article_key``.
CHILD_TABLES = ("events", "quotes", "actors")
