"""Worker processes give exactly the serial result, in input order."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.model import Article
from eventwire.parallel import ParallelPipeline, make_pipeline, parts, worker_count
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store.database import Store

TEXTS = [
    "France criticised Italy on Monday.",
    "Kenyan police arrested protesters in Nairobi.",
    "“We will respond,” Chilean President Rosa Vidal said.",
    "Japan praised South Korea and China.",
    "Egypt did not condemn Israel.",
]


def test_worker_count_and_choice() -> None:
    assert worker_count(3) == 3 and worker_count(0) >= 1
    assert isinstance(make_pipeline(Settings(workers=1)), Pipeline)


def test_parallel_equals_serial(pipeline: Pipeline) -> None:
    articles = [Article(text=t) for t in TEXTS * 3]
    batches = [articles[i : i + 2] for i in range(0, len(articles), 2)]
    serial = [a for batch in pipeline.map_batches(batches) for a in batch]
    parallel = ParallelPipeline(Settings(batch_size=2), workers=2)
    try:
        spread = [a for batch in parallel.map_batches(batches) for a in batch]
    finally:
        parallel.close()
    assert [a.id for a in spread] == [a.id for a in articles]
    assert spread == serial
    assert parallel.timer.seconds["nlp"] > 0


def test_batches_go_out_in_parts_and_come_back_whole(pipeline: Pipeline) -> None:
    """A batch is shared out in parts of at most parse_chars characters; each batch comes back
    whole and in order, an empty one as an empty one."""
    articles = [Article(text=t) for t in TEXTS * 2]
    batches = [articles[:7], [], articles[7:]]
    serial = list(pipeline.map_batches(batches))
    parallel = ParallelPipeline(Settings(batch_size=8, parse_chars=80), workers=2)
    try:
        spread = list(parallel.map_batches(batches))
    finally:
        parallel.close()
    assert [len(b) for b in spread] == [7, 0, 3] and spread == serial


def test_parts_are_bounded_by_characters() -> None:
    settings = Settings(parse_chars=50)
    short, long_ = Article(text="a" * 20), Article(text="b" * 60)
    assert parts([short, short, short, long_, short], settings) == [
        [short, short],
        [short],
        [long_],
        [short],
    ]
    assert parts([], settings) == [[]]


def test_run_with_workers(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"p{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS))
    )
    runner = CliRunner()
    dbs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        result = runner.invoke(main, ["run", str(source), "--db", str(db), "--workers", workers])
        assert result.exit_code == 0, result.stderr
        dbs.append(db)
    query = "SELECT event_id, source_code, cameo, target_code FROM events ORDER BY 1"
    with Store(dbs[0], read_only=True) as one, Store(dbs[1], read_only=True) as two:
        assert one.query(query) == two.query(query) and one.query(query)
