"""The runner with a screen: copies, language skips, incremental re-runs, consistent stores.

The pipeline here is a stand-in that returns its batches as they are (no spaCy), so these tests
check the ingest bookkeeping only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from ingest_samples import page, warc
from test_dedup_language import WIRE

from eventwire.ingest import Inputs, read_inputs
from eventwire.ingest.screen import KnownFiles
from eventwire.model import Article
from eventwire.runner import RunSummary, process_items
from eventwire.settings import Settings
from eventwire.store.database import Store

FRENCH = (
    "Le ministre des affaires étrangères a déclaré lundi que la France ne reconnaîtrait pas le "
    "résultat des élections et qu'elle appelait à un nouveau scrutin dans les prochains mois."
)
OTHER = "Brazil and Argentina signed a trade agreement on Tuesday cutting tariffs on cars. " * 3


class Passthrough:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        yield from batches


def ingest(paths: list[Path], db: Path, settings: Settings | None = None) -> RunSummary:
    settings = settings or Settings(batch_size=2)
    with Store(db) as store:
        items = read_inputs(Inputs(paths=paths), settings=settings, known=KnownFiles(store))
        return process_items(items, pipeline=Passthrough(settings), store=store)


def records(path: Path, texts: dict[str, str]) -> None:
    lines = [json.dumps({"id": key, "text": text, "source": key}) for key, text in texts.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def query(db: Path, sql: str) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def test_copies_and_languages_are_recorded_not_processed(tmp_path: Path) -> None:
    edited = WIRE.replace("respond in kind", "respond")
    records(tmp_path / "a.jsonl", {"ap": WIRE, "afp": WIRE, "ed": edited, "fr": FRENCH,
                                   "other": OTHER})  # fmt: skip
    db = tmp_path / "e.duckdb"
    summary = ingest([tmp_path / "a.jsonl"], db)
    assert summary.articles == 2 and summary.copies == 2
    assert summary.skipped["language"] == 1
    copies = query(db, "SELECT kind, source, article_key FROM copies ORDER BY source")
    assert [(c["kind"], c["source"]) for c in copies] == [("exact", "afp"), ("near", "ed")]
    original = query(db, "SELECT id FROM articles WHERE source = 'ap'")[0]["id"]
    assert {c["article_key"] for c in copies} == {original}
    (skip,) = query(db, "SELECT * FROM skipped")
    assert skip["kind"] == "language" and "'fr'" in str(skip["reason"])


def test_copy_of_an_article_stored_in_an_earlier_run(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    records(tmp_path / "a.jsonl", {"ap": WIRE})
    assert ingest([tmp_path / "a.jsonl"], db).articles == 1
    records(tmp_path / "b.jsonl", {"reuters": WIRE.replace("Friday", "Friday night")})
    second = ingest([tmp_path / "b.jsonl"], db)
    assert second.articles == 0 and second.copies == 1
    third = ingest([tmp_path / "b.jsonl"], db)  # nothing new: the file was read
    assert third.copies == 0 and third.skipped["file"] == 1 and third.unchanged == 1


def test_grown_folder_reads_only_new_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.html").write_text(page(), encoding="utf-8")
    records(folder / "2.jsonl", {"x": OTHER})
    db = tmp_path / "e.duckdb"
    first = ingest([folder], db)
    assert first.articles == 2
    (folder / "3.jsonl").write_text(json.dumps({"text": "Spain praised Portugal on trade."}))
    second = ingest([folder], db)
    assert second.articles == 1 and second.skipped["file"] == 2 and second.unchanged == 2
    with (folder / "2.jsonl").open("a", encoding="utf-8") as handle:  # a file that grew
        handle.write(json.dumps({"text": "Chile thanked Peru for its help."}) + "\n")
    third = ingest([folder], db)
    assert third.articles == 1 and third.unchanged == 3 and third.skipped["file"] == 2
    assert len(query(db, "SELECT * FROM files")) == 3


def test_file_with_errors_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"text": "Spain praised Portugal."}\nnot json\n')
    db = tmp_path / "e.duckdb"
    assert len(ingest([tmp_path], db).errors) == 1
    again = ingest([tmp_path], db)
    assert len(again.errors) == 1 and again.unchanged == 1 and not again.skipped["file"]


def test_warc_records_skipped_are_counted(tmp_path: Path) -> None:
    data = warc(
        [
            ("http://x/a", "response", page().encode(), "text/html"),
            ("http://x/a", "request", b"GET /a HTTP/1.1\r\n\r\n", ""),
            ("http://x/i.png", "response", b"png", "image/png"),
        ]
    )
    (tmp_path / "c.warc.gz").write_bytes(data)
    summary = ingest([tmp_path / "c.warc.gz"], tmp_path / "e.duckdb")
    assert summary.articles == 1 and summary.skipped["warc-record"] == 2


def test_a_run_stopped_midway_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    """An interrupted run (an exception between batches) leaves whole batches only."""
    texts = {
        f"k{i}": f"{OTHER} Bulletin {i} from desk {i * 7} about {i * 13} cars." for i in range(9)
    }
    records(tmp_path / "k.jsonl", texts)
    db = tmp_path / "e.duckdb"
    settings = Settings(batch_size=2, dedup="exact")

    class Dies(Passthrough):
        def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
            for n, batch in enumerate(batches):
                if n == 2:
                    raise KeyboardInterrupt
                yield batch

    with Store(db) as store:
        items = read_inputs(Inputs(paths=[tmp_path]), settings=settings, known=KnownFiles(store))
        with pytest.raises(KeyboardInterrupt):
            process_items(items, pipeline=Dies(settings), store=store)
    assert len(query(db, "SELECT * FROM articles")) == 4
    assert query(db, "SELECT * FROM files") == []
    resumed = ingest([tmp_path], db, settings)
    assert resumed.unchanged == 4 and resumed.articles == 5
    keys = query(db, "SELECT count(*) n, count(DISTINCT article_key) d FROM fingerprints")[0]
    assert keys["n"] == keys["d"] == 9
    assert os.path.exists(db)
