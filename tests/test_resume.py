"""A run killed with SIGKILL leaves a consistent database; re-running completes it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from eventwire.store.database import Store

N = 600


def _write_corpus(path: Path) -> None:
    lines = [
        json.dumps({
            "id": f"k-{i}",
            "date": "2024-02-02",
            "text": f"France criticised Germany on Monday over tariff {i}. "
                    f"“We are concerned,” French Foreign Minister Anne Leroy said.",
        })
        for i in range(N)
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventwire", "run", str(corpus), "--db", str(db)]
    return subprocess.Popen([*command, "--batch-size", "8"], stderr=subprocess.PIPE)


def _consistent(db: Path) -> int:
    with Store(db, read_only=True) as store:
        bad = store.query(
            "SELECT a.id FROM articles a LEFT JOIN (SELECT article_key, count(*) n FROM events "
            "GROUP BY 1) e ON e.article_key = a.id WHERE a.n_events <> coalesce(e.n, 0)"
        )
        orphans = store.query(
            "SELECT count(*) n FROM events WHERE article_key NOT IN (SELECT id FROM articles)"
        )
        assert bad == [] and orphans[0]["n"] == 0
        return int(store.counts()["articles"])


def test_sigkill_then_resume(
    tmp_path: Path, kill_mid_run: Callable[[subprocess.Popen[bytes], Path], None]
) -> None:
    corpus = tmp_path / "k.jsonl"
    _write_corpus(corpus)
    killed_db = tmp_path / "killed.duckdb"
    process = _run(corpus, killed_db)
    kill_mid_run(process, killed_db)
    partial = _consistent(killed_db)
    assert partial < N, "the run finished before it could be killed; raise N"

    resumed = _run(corpus, killed_db)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    assert f"({partial} unchanged)" in err.decode()
    assert _consistent(killed_db) == N

    clean_db = tmp_path / "clean.duckdb"
    clean = _run(corpus, clean_db)
    clean.communicate(timeout=300)
    query = "SELECT event_id FROM events ORDER BY 1"
    with Store(killed_db, read_only=True) as a, Store(clean_db, read_only=True) as b:
        assert a.query(query) == b.query(query)
        assert a.counts() == b.counts()
