"""A run over a WARC and a folder of pages killed with SIGKILL resumes with no loss or duplicate."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_samples import warc

from eventwire.store.database import Store

N = 600


def body(i: int) -> bytes:
    text = (
        f"<p>France criticised Germany on Monday over tariff {i} on steel, cars and grain, "
        f"officials in Paris said after talks number {i * 7} ended.</p>"
        f"<p>Germany rejected claim {i * 13}, saying the measure followed rule {i * 17}.</p>"
    )
    return f"<html><head><title>Tariff row {i}</title></head><body><article>{text}</article></body></html>".encode()


def run(paths: list[Path], db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventwire", "run", *map(str, paths), "--db", str(db)]
    return subprocess.Popen([*command, "--batch-size", "8"], stderr=subprocess.PIPE)


def article_keys(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [r["id"] for r in store.query("SELECT id FROM articles ORDER BY id")]


@pytest.mark.slow
def test_sigkill_during_a_warc_run_then_resume(
    tmp_path: Path, kill_mid_run: Callable[[subprocess.Popen[bytes], Path], None]
) -> None:
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        warc([(f"http://x/{i}", "response", body(i), "text/html") for i in range(N)])
    )
    db = tmp_path / "killed.duckdb"
    process = run([archive], db)
    kill_mid_run(process, db)
    partial = len(article_keys(db))
    assert 0 < partial < N, "raise N: the run finished before it was killed"
    resumed = run([archive], db)
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()
    assert f"({partial} unchanged)" in err.decode()
    clean = tmp_path / "clean.duckdb"
    run([archive], clean).communicate(timeout=600)
    assert article_keys(db) == article_keys(clean) and len(article_keys(db)) == N
    with Store(db, read_only=True) as store:
        assert len(store.query("SELECT * FROM files")) == 1
