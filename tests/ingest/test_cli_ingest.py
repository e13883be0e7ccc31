"""`eventwire run` on mixed inputs: HTML, WARC, CSV with a field mapping; a folder that grows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from ingest_samples import page, warc

from eventwire.cli import main
from eventwire.store.database import Store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *args], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_mixed_folder_then_grown_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    (folder / "b.csv").write_text(
        "guid,body\ng1,France criticised Germany on Monday over new tariffs on cars and steel.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "e.duckdb")
    code, err = run(str(folder), "--db", db, "--id-field", "guid", "--text-field", "body")
    assert code == 0, err
    assert "2 articles (0 unchanged)" in err
    (folder / "c.warc.gz").write_bytes(
        warc(
            [
                ("http://x/a", "response", page().encode(), "text/html"),  # a copy of a.html
                ("http://x/b", "request", b"GET /b HTTP/1.1\r\n\r\n", ""),
            ]
        )
    )
    code, err = run(str(folder), "--db", db, "--id-field", "guid", "--text-field", "body")
    assert code == 0, err
    assert "0 articles (2 unchanged)" in err
    assert "1 copies recorded; skipped: 2 file, 1 warc-record" in err
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        assert [r["kind"] for r in store.query("SELECT kind FROM copies")] == ["exact"]
        assert len(store.query("SELECT * FROM files")) == 3


def test_unreachable_url_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    code, err = run("http://127.0.0.1:9/nothing-listens-here", str(tmp_path), "--db", db)
    assert code == 1
    assert "error: http://127.0.0.1:9/nothing-listens-here:" in err
    assert "1 articles" in err
