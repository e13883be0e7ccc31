"""``eventwire bench --json``: the figures `make bench` prints, with the agreed names."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.bench import corpus, long_article
from eventwire.cli import main
from eventwire.nlp import char_batches


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


def test_bench_reads_real_length_news_by_default() -> None:
    """The default corpus is the VOA stories (about 700 words), and words/s are printed."""
    result = CliRunner().invoke(main, ["bench", "--articles", "3", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["words_per_article"] > 300 and data["words_per_s"] > 0
    assert data["spacy_words_per_s"] > 0 and "words/s" in result.stdout
    assert "warning" not in result.stderr


def test_short_corpus_is_flagged() -> None:
    result = CliRunner().invoke(main, ["bench", "--articles", "2", "--corpus", "examples"])
    assert result.exit_code == 0, result.stderr
    assert "warning: the seed articles average" in result.stderr


def test_scaling_bench_prints_each_length() -> None:
    result = CliRunner().invoke(main, ["bench", "--scaling", "--sizes", "3000,6000", "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout.strip().splitlines()[-1])["scaling"]
    assert [r["chars"] for r in rows] == [
        pytest.approx(3000, abs=400),
        pytest.approx(6000, abs=400),
    ]
    assert all(r["seconds"] > 0 and not r["errors"] for r in rows)
    assert {"nlp", "actors", "places"} <= set(rows[0]["stage_seconds_per_10k_chars"])
    assert "time per character" in result.stdout


def test_scaling_sizes_must_be_numbers() -> None:
    result = CliRunner().invoke(main, ["bench", "--scaling", "--sizes", "10k"])
    assert result.exit_code == 2 and "--sizes" in result.stderr


def test_long_article_is_paragraphs_of_the_seeds() -> None:
    seeds = ["One story. It has two sentences.", "Another story here."]
    text = long_article(seeds, 100)
    assert len(text) <= 100 and text.startswith(seeds[0] + "\n\n" + seeds[1])
    assert text.split("\n\n")[-1].endswith(".")


def test_parser_batches_are_bounded_by_characters() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e"]
    assert list(char_batches(texts, 64, 20)) == [["a" * 10, "b" * 10], ["c" * 25], ["d" * 5, "e"]]
    assert list(char_batches(texts, 2, 1000)) == [texts[:2], texts[2:4], texts[4:]]
