"""Gzip forms of the line, table, text and page readers: streamed, checked for truncation and for
decompression bombs like WARC.gz; and folders that report every file they do not read."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from ingest_samples import page

from eventwire.errors import IngestError
from eventwire.ingest import FileDone, Inputs, Skipped, read_inputs, read_paths
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings()
WIRE = (
    "Chile recalled its ambassador from Peru on Monday after a dispute over fishing rights, "
    "the foreign ministry in Santiago said."
)
LINES = "".join(
    json.dumps({"id": f"w{i}", "text": f"{WIRE} Item {i}.", "date": "2024-03-04"}) + "\n"
    for i in range(5)
).encode()


def write_gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def items(path: Path, settings: Settings = SETTINGS) -> list[object]:
    return list(read_paths([path], settings=settings))


def test_jsonl_gz_is_read_line_by_line(tmp_path: Path) -> None:
    got = items(write_gz(tmp_path / "wire.jsonl.gz", LINES))
    assert [a.external_id for a in got if isinstance(a, Article)] == [f"w{i}" for i in range(5)]
    assert got[0].origin == f"{tmp_path}/wire.jsonl.gz:1"  # type: ignore[attr-defined]


def test_txt_csv_and_html_gz(tmp_path: Path) -> None:
    write_gz(tmp_path / "a.txt.gz", f"Chile recalls envoy\n\n{WIRE}\n".encode())
    write_gz(tmp_path / "b.csv.gz", f"id,text\nc1,{json.dumps(WIRE)}\n".encode())
    write_gz(tmp_path / "c.html.gz", page().encode())
    got = items(tmp_path)
    assert all(isinstance(i, Article) for i in got), got
    by_name = {str(i.origin).rsplit("/", 1)[-1]: i for i in got if isinstance(i, Article)}
    assert by_name["a.txt.gz"].title == "Chile recalls envoy"
    assert by_name["b.csv.gz:2"].external_id == "c1"
    assert by_name["c.html.gz"].title == "Russia expels Dutch diplomat"


def test_multi_member_gzip_is_read_to_the_end(tmp_path: Path) -> None:
    half = len(LINES) // 2
    cut = LINES.index(b"\n", half) + 1
    path = tmp_path / "two.jsonl.gz"
    path.write_bytes(gzip.compress(LINES[:cut]) + gzip.compress(LINES[cut:]))
    assert sum(isinstance(i, Article) for i in items(path)) == 5


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz"])
def test_truncated_gzip_keeps_what_was_read_and_says_so(tmp_path: Path, name: str) -> None:
    body = (
        LINES * 200
        if name.endswith("jsonl.gz")
        else b"text\n"
        + b"".join(json.dumps(WIRE + f" Row {i}.").encode() + b"\n" for i in range(1000))
    )
    data = gzip.compress(body)
    path = tmp_path / name
    path.write_bytes(data[: len(data) * 2 // 3])
    got = items(path)
    errors = [i for i in got if isinstance(i, IngestError)]
    assert sum(isinstance(i, Article) for i in got) > 10
    assert len(errors) == 1 and "truncated gzip" in errors[0].reason, errors


@pytest.mark.parametrize("name", ["a.txt.gz", "a.html.gz"])
def test_truncated_whole_file_gzip_is_one_error(tmp_path: Path, name: str) -> None:
    data = gzip.compress(page().encode() if name.endswith("html.gz") else WIRE.encode() * 50)
    path = tmp_path / name
    path.write_bytes(data[:-12])
    (error,) = items(path)
    assert isinstance(error, IngestError) and "truncated gzip" in error.reason


def test_corrupt_gzip_is_one_error(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(LINES * 50))
    data[40:60] = b"\xff" * 20
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    errors = [i for i in items(path) if isinstance(i, IngestError)]
    assert len(errors) == 1 and "gzip" in errors[0].reason


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(LINES)
    (error,) = items(path)
    assert isinstance(error, IngestError) and "not a gzip file" in error.reason


def test_decompression_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    settings = Settings(max_decompressed_bytes=200_000)
    bomb = tmp_path / "bomb.jsonl.gz"
    # ~80 kB of lines, then 50 MB of zeros that compress to almost nothing.
    stream = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb.write_bytes(
        stream.compress(LINES * 100) + stream.compress(b"0" * 50_000_000) + stream.flush()
    )
    assert bomb.stat().st_size < 200_000
    got = items(bomb, settings)
    errors = [i for i in got if isinstance(i, IngestError)]
    assert sum(isinstance(i, Article) for i in got) == 500
    assert len(errors) == 1 and "max_decompressed_bytes" in errors[-1].reason


def test_whole_file_gzip_over_its_limit(tmp_path: Path) -> None:
    settings = Settings(max_file_bytes=10_000, max_page_bytes=10_000)
    write_gz(tmp_path / "big.txt.gz", b"Headline\n\n" + b"Chile and Peru talked. " * 5000)
    write_gz(tmp_path / "big.html.gz", page(*["Chile and Peru talked. " * 50] * 100).encode())
    errors = items(tmp_path, settings)
    assert len(errors) == 2 and all(isinstance(e, IngestError) for e in errors)
    assert "max_file_bytes" in errors[1].reason  # type: ignore[attr-defined]
    assert "max_page_bytes" in errors[0].reason  # type: ignore[attr-defined]


def test_folder_reports_every_file_it_does_not_read(tmp_path: Path) -> None:
    write_gz(tmp_path / "a.jsonl.gz", LINES)
    for name in ("notes.md", "photo.jpg", "dump.tar.gz", "README", "sub/b.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".hidden.txt").write_text("x")
    got = list(read_inputs(Inputs(paths=[tmp_path]), settings=SETTINGS))
    skipped = sorted((s.origin, s.kind) for s in got if isinstance(s, Skipped))
    names = ["README", "dump.tar.gz", "notes.md", "photo.jpg", "sub/b.pdf"]
    assert skipped == [(f"{tmp_path}/{n}", "unsupported") for n in names]
    assert sum(isinstance(i, Article) for i in got) == 5


_GZ_NAMES = st.sampled_from(["f.jsonl.gz", "f.csv.gz", "f.txt.gz", "f.html.gz"])


@hsettings(max_examples=60, deadline=None)
@given(name=_GZ_NAMES, data=st.binary(max_size=2000), cut=st.integers(0, 2000), wrap=st.booleans())
def test_fuzz_gzip_readers_never_raise(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: bytes, cut: int, wrap: bool
) -> None:
    """Arbitrary bytes, compressed or not, cut anywhere: items or errors, never an exception."""
    folder = tmp_path_factory.mktemp("gzfuzz")
    payload = gzip.compress(data) if wrap else data
    (folder / name).write_bytes(payload[: max(cut, 0)] if cut < len(payload) else payload)
    settings = Settings(max_decompressed_bytes=5000, max_file_bytes=3000, max_page_bytes=3000)
    got = list(read_inputs(Inputs(paths=[folder]), settings=settings))
    assert got and all(isinstance(i, Article | IngestError | FileDone) for i in got), got
    assert sum(isinstance(i, FileDone) for i in got) <= 1


@hsettings(max_examples=40, deadline=None)
@given(lines=st.lists(st.text(max_size=80), max_size=6))
def test_fuzz_jsonl_gz_equals_jsonl(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    """The gzip form gives exactly the items of the plain file (origins aside)."""
    folder = tmp_path_factory.mktemp("gzsame")
    body = "\n".join(json.dumps({"text": line}) if i % 2 else line for i, line in enumerate(lines))
    (folder / "p.jsonl").write_text(body, encoding="utf-8")
    write_gz(folder / "g.jsonl.gz", body.encode())

    def shape(path: Path) -> list[tuple[str, str]]:
        return [
            (type(i).__name__, i.text if isinstance(i, Article) else i.reason.split(":")[-1])
            for i in read_paths([path], settings=SETTINGS)
        ]

    assert shape(folder / "p.jsonl") == shape(folder / "g.jsonl.gz")
