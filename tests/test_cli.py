"""The command line, end to end on small files written here (bad input included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

STORY = (
    "Ruling party accused of fraud\n\n"
    "Germany on Monday accused Russia of meddling in the vote, and France condemned Moscow.\n\n"
    "“We reject this,” German Foreign Minister Eva Brandt said.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _jsonl(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    code, out, _ = _run(runner, *args, "--format", "jsonl")
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_run_then_query_and_export(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    code, _, err = _run(runner, "run", str(story), "--db", db, "--date", "2024-03-05")
    assert code == 0, err
    assert "1 articles" in err and "0 errors" in err
    events = _jsonl(runner, "events", "--db", db)
    # the headline's "party accused of fraud" is an accusation too, without a source
    accuse = next(e for e in events if e["cameo"] == "112" and e["source_code"])
    assert (accuse["source_code"], accuse["target_code"]) == ("DEU", "RUS")
    assert STORY[accuse["trigger_start"] : accuse["trigger_end"]] == "accused"
    assert accuse["date"] == "2024-03-04"  # "on Monday", past tense, published on a Tuesday
    assert _jsonl(runner, "events", "--db", db, "--actor", "FRA")[0]["cameo"] == "111"
    assert _jsonl(runner, "events", "--db", db, "--code", "11") == [
        e for e in events if str(e["cameo"]).startswith("11")
    ]
    (quote,) = _jsonl(runner, "quotes", "--db", db)
    assert STORY[quote["start"] : quote["end"]] == "We reject this,"
    assert quote["speaker_code"] == "DEUGOV"


SCARE = (
    "Senate stalls\n\n"
    'The "reform" bill stalled again on Tuesday. Senator Maria Delgado called the delay "shameful."\n'
)


def test_unattributed_quotes_kept_apart(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(SCARE, encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    code, _, err = _run(runner, "run", str(story), "--db", db)
    assert code == 0, err
    assert "1 quotes" in err, err  # the scare quote is not counted
    (quote,) = _jsonl(runner, "quotes", "--db", db)
    assert (quote["text"], quote["partial"], quote["kind"]) == ("shameful.", True, "quote")
    (scare,) = _jsonl(runner, "quotes", "--db", db, "--quote-kind", "unattributed")
    assert (scare["text"], scare["kind"], scare["speaker_text"]) == ("reform", "unattributed", None)
    assert len(_jsonl(runner, "quotes", "--db", db, "--quote-kind", "all")) == 2
    code, out, _ = _run(runner, "export", "--table", "quotes", "--db", db)
    assert code == 0 and [json.loads(line)["text"] for line in out.splitlines()] == ["shameful."]
    code, out, _ = _run(runner, "export", "--table", "quotes", "--db", db, "--quote-kind", "all")
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = _run(runner, "export", "--table", "quotes", "--format", "csv", "--db", db)
    assert "partial" in out.splitlines()[0] and "kind" in out.splitlines()[0]


def test_rerun_stores_nothing_new(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    _run(runner, "run", str(story), "--db", db)
    before = _jsonl(runner, "events", "--db", db)
    code, _, err = _run(runner, "run", str(story), "--db", db)
    assert code == 0 and "0 articles (1 unchanged)" in err
    assert _jsonl(runner, "events", "--db", db) == before


def test_export_uses_external_ids_and_offsets_into_the_given_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = (
        "Russia’s army shelled Ukraine on Friday.\r\n\r\nKyiv condemned Moscow’s “barbaric” attack."
    )
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "wire-7", "text": text, "date": "2022-03-05"}) + "\n")
    db = str(tmp_path / "e.duckdb")
    assert _run(runner, "run", str(source), "--db", db)[0] == 0
    for table in ("events", "actors"):
        out = tmp_path / f"{table}.jsonl"
        code, _, _ = _run(runner, "export", "--table", table, "--db", db, "-o", str(out))
        assert code == 0
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert rows and all(r["article_id"] == "wire-7" for r in rows)
        for row in rows:
            start, end = (
                (row["trigger_start"], row["trigger_end"])
                if table == "events"
                else (row["start"], row["end"])
            )
            expected = row["trigger_text"] if table == "events" else row["text"]
            assert text[start:end] == expected
    parquet = tmp_path / "events.parquet"
    assert (
        _run(
            runner,
            "export",
            "--table",
            "events",
            "--format",
            "parquet",
            "--db",
            db,
            "-o",
            str(parquet),
        )[0]
        == 0
    )
    assert parquet.stat().st_size > 0


def test_bad_inputs_are_reported_and_the_rest_is_stored(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (tmp_path / "in" / "latin1.txt").write_bytes("Caf\xe9 au lait\n\nM\xfcnchen".encode("latin-1"))
    (tmp_path / "in" / "lines.jsonl").write_text(
        '{"id": "ok-1", "text": "France praised Germany on Monday."}\n'
        "{not json\n"
        '{"id": "no-text", "title": "nothing"}\n'
    )
    db = str(tmp_path / "e.duckdb")
    code, _, err = _run(runner, "run", str(tmp_path / "in"), "--db", db)
    assert code == 1
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "latin1.txt: not valid UTF-8" in err
    assert "lines.jsonl:2" in err and "not valid JSON" in err
    assert "lines.jsonl:3" in err and "'text'" in err
    assert "2 articles" in err and "5 errors" in err
    articles = _jsonl(runner, "export", "--table", "articles", "--db", db)
    assert (
        sorted(a["article_id"] for a in articles) == sorted(["ok-1", articles[1]["id"]])
        or len(articles) == 2
    )
    # A second run with the same bad inputs changes nothing that was stored.
    before = _jsonl(runner, "events", "--db", db)
    assert _run(runner, "run", str(tmp_path / "in"), "--db", db)[0] == 1
    assert _jsonl(runner, "events", "--db", db) == before


def test_huge_file_is_refused_before_reading(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)
    code, _, err = _run(runner, "run", str(big), "--db", str(tmp_path / "e.duckdb"))
    assert code == 1 and "over the 20.0 MB limit" in err


def test_missing_path_and_bad_date(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _run(runner, "run", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "e.db"))
    assert code == 1 and "nope.txt" in err
    result = runner.invoke(main, ["run", "x.txt", "--date", "26/01/2019"])
    assert result.exit_code == 2 and "not a date like 2019-01-26" in result.stderr


def test_reading_a_missing_database_is_fatal(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _run(runner, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 3 and "does not exist" in err


def test_show_marks_events_and_quotes(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "s-1", "text": STORY.split("\n\n", 1)[1]}) + "\n")
    db = str(tmp_path / "e.duckdb")
    _run(runner, "run", str(source), "--db", db)
    code, out, _ = _run(runner, "show", "s-1", "--db", db)
    assert code == 0
    assert "⟦accused⟧[E1]" in out and "«We ⟦reject⟧[E3] this,»[Q1]" in out
    assert "E1" in out and "DEU" in out
    # "We" in the minister's quoted words is her government; the absent target shows a dash
    assert "E3  -  DEUGOV (We) —120" in out and "→ - (-)" in out and "None" not in out
    code, _, err = _run(runner, "show", "missing", "--db", db)
    assert code == 3 and "no article with id 'missing'" in err


def test_source_override_and_date_filters(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "two.jsonl"
    source.write_text(
        json.dumps({"id": "a", "date": "2024-01-10", "text": "France praised Italy."}) + "\n"
        + json.dumps({"id": "b", "date": "2024-02-10", "text": "Spain criticised Portugal."}) + "\n"
    )  # fmt: skip
    db = str(tmp_path / "e.duckdb")
    assert _run(runner, "run", str(source), "--db", db, "--source", "Wire")[0] == 0
    articles = _jsonl(runner, "export", "--table", "articles", "--db", db)
    assert {a["source"] for a in articles} == {"Wire"}
    since = _jsonl(runner, "events", "--db", db, "--since", "2024-02-01")
    assert [e["article_id"] for e in since] == ["b"]
    until = _jsonl(runner, "events", "--db", db, "--until", "2024-01-31")
    assert [e["article_id"] for e in until] == ["a"]
    # The same text under another source is another article (an exact copy: see --dedup).
    assert _run(runner, "run", str(source), "--db", db, "--source", "Other")[0] == 0
    assert len(_jsonl(runner, "export", "--table", "articles", "--db", db)) == 2
    assert (
        _run(runner, "run", str(source), "--db", db, "--source", "Else", "--dedup", "off")[0] == 0
    )
    assert len(_jsonl(runner, "export", "--table", "articles", "--db", db)) == 4
