"""Issue 17: records that used to be lost or collapsed without a word.

- an unparseable ``date`` ("yesterday") keeps the article, without a date, with a warning;
- a CSV without the text column is one error naming the columns found and ``--text-field``;
- two records with different ids and the same text are two articles with ``--dedup off``, and
  the second is a visible copy of the first with dedup on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_screened_run import Passthrough

from eventwire.cli import main
from eventwire.errors import IngestError
from eventwire.ingest import Inputs, read_inputs, read_paths
from eventwire.ingest.screen import KnownFiles
from eventwire.model import Article
from eventwire.runner import RunSummary, process_items
from eventwire.settings import Settings
from eventwire.store.database import Store

WIRE = (
    "Chile recalled its ambassador from Peru on Monday after a dispute over fishing rights, "
    "the foreign ministry in Santiago said in a statement. Peru said it regretted the decision "
    "and called for talks between the two governments to resolve the dispute peacefully."
)


@pytest.mark.parametrize("raw", ["yesterday", "26/01/2019", "2019-02-30"])
def test_unparseable_date_keeps_the_article_with_a_warning(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": WIRE, "date": raw}) + "\n", encoding="utf-8")
    (article,) = read_paths([path], settings=Settings())
    assert isinstance(article, Article), article
    assert article.date is None and article.external_id == "x1"
    assert len(article.warnings) == 1
    assert "'date'" in article.warnings[0] and json.dumps(raw) in article.warnings[0]


def test_unparseable_date_warning_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"id,text,published\nc1,{json.dumps(WIRE)},yesterday\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    settings = Settings(date_field="published")
    with Store(db) as store:
        items = read_inputs(Inputs(paths=[path]), settings=settings)
        summary = process_items(items, pipeline=Passthrough(settings), store=store)
        assert summary.articles == 1 and not summary.errors
        (row,) = store.query("SELECT date, warnings FROM articles")
    assert row["date"] is None
    assert "'published'" in row["warnings"] and '"yesterday"' in row["warnings"]


def test_csv_without_the_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    rows = "".join(f"g{i},{json.dumps(WIRE)},2024-03-04\n" for i in range(1000))
    path.write_text("guid,body,published\n" + rows, encoding="utf-8")
    (error,) = read_paths([path], settings=Settings())
    assert isinstance(error, IngestError)
    assert error.origin == str(path)
    assert "'text'" in error.reason and "guid, body, published" in error.reason
    assert "--text-field" in error.reason


def _ingest(tmp_path: Path, dedup: str) -> tuple[RunSummary, Path]:
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": key, "text": WIRE, "source": "Wire"}) for key in ("a-1", "b-2")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / f"{dedup}.duckdb"
    settings = Settings(dedup=dedup)
    with Store(db) as store:
        items = read_inputs(Inputs(paths=[path]), settings=settings, known=KnownFiles(store))
        return process_items(items, pipeline=Passthrough(settings), store=store), db


def test_same_text_different_ids_dedup_off_stores_both(tmp_path: Path) -> None:
    summary, db = _ingest(tmp_path, "off")
    assert (summary.articles, summary.unchanged, summary.copies) == (2, 0, 0)
    with Store(db, read_only=True) as store:
        ids = store.query("SELECT external_id FROM articles ORDER BY external_id")
    assert [r["external_id"] for r in ids] == ["a-1", "b-2"]


def test_same_text_different_ids_dedup_on_is_a_visible_copy(tmp_path: Path) -> None:
    summary, db = _ingest(tmp_path, "exact")
    assert (summary.articles, summary.unchanged, summary.copies) == (1, 0, 1)
    assert summary.copy_list == [(f"{tmp_path}/wire.jsonl:2", "b-2", "a-1", "exact")]
    with Store(db, read_only=True) as store:
        (original,) = store.query("SELECT id, external_id FROM articles")
        (copy,) = store.query("SELECT * FROM copies")
    assert original["external_id"] == "a-1"
    assert copy["article_key"] == original["id"] and copy["kind"] == "exact"
    assert copy["origin"] == f"{tmp_path}/wire.jsonl:2"


def test_cli_names_the_copy_in_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": key, "text": WIRE}) for key in ("a-1", "b-2")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    result = CliRunner().invoke(main, ["run", str(path), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "1 articles (0 unchanged)" in result.stderr
    assert f"copy: {path}:2 (b-2) is a copy of a-1 (exact)" in result.stderr
    again = CliRunner().invoke(
        main, ["run", str(path), "--db", db, "--dedup", "off", "--reprocess"],
        catch_exceptions=False,
    )  # fmt: skip
    assert "2 articles (0 unchanged)" in again.stderr, again.stderr


def test_folder_with_unsupported_files_exits_partial(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": WIRE}) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("x")
    (folder / "archive.zip").write_bytes(b"PK")
    db = str(tmp_path / "e.duckdb")
    result = CliRunner().invoke(main, ["run", str(folder), "--db", db], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    assert f"skipped: {folder}/archive.zip: unsupported file type '.zip'" in result.stderr
    assert f"skipped: {folder}/notes.md: unsupported file type '.md'" in result.stderr


def test_many_unsupported_files_give_one_line_per_extension(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": WIRE}) + "\n", encoding="utf-8")
    for i in range(30):
        (folder / f"photo{i:02}.jpg").write_bytes(b"x")
    (folder / "notes.md").write_text("x")
    db = str(tmp_path / "e.duckdb")
    result = CliRunner().invoke(main, ["run", str(folder), "--db", db], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert lines == [
        f"skipped: 30 files of type '.jpg' (unsupported), e.g. {folder}/photo00.jpg",
        f"skipped: 1 file of type '.md' (unsupported), e.g. {folder}/notes.md",
    ]
