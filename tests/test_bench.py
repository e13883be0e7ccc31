"""``eventwire bench --json``: the figures `make bench` prints, with the agreed names."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.bench import corpus
from eventwire.cli import main


def test_corpus_records_are_distinct() -> None:
    records = corpus(["A story.", "Another story."], 5)
    assert len({r["text"] for r in records}) == 5 and records[0]["id"] == "bench-0"


def test_bench_json_line() -> None:
    result = CliRunner().invoke(main, ["bench", "--articles", "12", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("articles_per_s", "spacy_articles_per_s", "ratio", "peak_rss_mb", "stage_seconds"):
        assert key in data
    assert data["articles"] == 12 and data["articles_per_s"] > 0 and data["peak_rss_mb"] > 50
    assert {"nlp", "actors", "events"} <= set(data["stage_seconds"])
