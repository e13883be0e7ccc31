"""``read_paths``: which files are read, in which order, and what happens to bad paths."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from eventwire.errors import IngestError
from eventwire.ingest import read_paths
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings()


def make(root: Path, relative: str, content: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if relative.endswith(".jsonl"):
        content = content or '{"text": "x"}\n'
    path.write_text(content or f"Headline of {relative}\nBody.\n", encoding="utf-8")
    return path


def origins(paths: list[Path]) -> list[str | None]:
    return [item.origin for item in read_paths(paths, settings=SETTINGS)]


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.jsonl", "a/a.txt", "c.jsonl", "B.txt", "a0.txt"]:
        make(tmp_path, name)
    expected = ["B.txt", "a/a.txt", "a/b/c.jsonl:1", "a/z.txt", "a0.txt", "b.txt", "c.jsonl:1"]
    assert origins([tmp_path]) == [f"{tmp_path}/{name}" for name in expected]
    assert origins([tmp_path]) == origins([tmp_path])  # deterministic


def test_hidden_and_unsupported_files_are_not_read(tmp_path: Path) -> None:
    """Not read; the unsupported ones are reported (test_gzip_readers, test_nothing_lost)."""
    for name in [
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.jsonl",
        "notes.md",
        "doc.pdf",
        "README",
    ]:
        make(tmp_path, name)
    kept = make(tmp_path, "sub/kept.txt")
    assert origins([tmp_path]) == [str(kept)]


def test_upper_case_extension_is_supported(tmp_path: Path) -> None:
    path = make(tmp_path, "LOUD.TXT")
    assert origins([tmp_path]) == [str(path)]


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    b = make(tmp_path, "b.txt")
    a = make(tmp_path, "a.txt")
    assert origins([b, a]) == [str(b), str(a)]


def test_explicit_unsupported_file_is_an_error(tmp_path: Path) -> None:
    pdf = make(tmp_path, "report.pdf")
    [item] = list(read_paths([pdf], settings=SETTINGS))
    assert isinstance(item, IngestError)
    assert item.origin == str(pdf)
    assert item.reason.startswith(
        "unsupported file type '.pdf'; eventwire reads .txt, .jsonl, .html"
    )


def test_explicit_file_without_extension_is_an_error(tmp_path: Path) -> None:
    bare = make(tmp_path, "README")
    [item] = list(read_paths([bare], settings=SETTINGS))
    assert isinstance(item, IngestError)
    assert "unsupported file type (no extension)" in item.reason


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    hidden = make(tmp_path, ".draft.txt")
    [item] = list(read_paths([hidden], settings=SETTINGS))
    assert isinstance(item, Article)


def test_nonexistent_path_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    good = make(tmp_path, "good.txt")
    items = list(read_paths([missing, good], settings=SETTINGS))
    assert [type(item) for item in items] == [IngestError, Article]
    assert items[0].origin == str(missing)
    assert isinstance(items[0], IngestError)
    assert "no such file or directory" in items[0].reason


def test_empty_directory_yields_nothing(tmp_path: Path) -> None:
    assert origins([tmp_path]) == []


def test_bad_files_in_a_directory_do_not_stop_the_walk(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    make(tmp_path, "c.txt")
    items = list(read_paths([tmp_path], settings=SETTINGS))
    assert [type(item) for item in items] == [Article, IngestError, Article]
    assert items[1].origin == str(tmp_path / "b.txt")


def test_read_paths_is_a_lazy_generator(tmp_path: Path) -> None:
    items = read_paths([tmp_path / "missing.txt"], settings=SETTINGS)
    assert inspect.isgenerator(items)
    assert isinstance(next(items), IngestError)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    article = make(tmp_path, "sub/a.txt")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert origins([tmp_path]) == [str(article)]
