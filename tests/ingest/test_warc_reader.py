"""WARC and WARC.gz: HTML responses become articles, other records are skipped and counted."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from ingest_samples import STORY, page, warc

from eventwire.errors import IngestError
from eventwire.ingest import Skipped, read_paths
from eventwire.ingest.warc import read_warc, read_warc_stream
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings()
HTML = "text/html; charset=utf-8"


def archive(gz: bool = True) -> bytes:
    return warc(
        [
            ("http://news.example/a", "response", page().encode(), HTML),
            ("http://news.example/a", "request", b"GET /a HTTP/1.1\r\n\r\n", ""),
            ("http://news.example/logo.png", "response", b"\x89PNG....", "image/png"),
            ("http://news.example/b", "response", page(STORY[2], STORY[0]).encode(), HTML),
        ],
        gzip=gz,
    )


def items(data: bytes, settings: Settings = SETTINGS) -> list[object]:
    return list(read_warc_stream(io.BytesIO(data), origin="t.warc.gz", settings=settings))


def test_html_responses_become_articles_the_rest_is_skipped(tmp_path: Path) -> None:
    for gz, name in ((True, "a.warc.gz"), (False, "a.warc")):
        path = tmp_path / name
        path.write_bytes(archive(gz))
        got = list(read_warc(path, settings=SETTINGS))
        articles = [i for i in got if isinstance(i, Article)]
        skipped = [i for i in got if isinstance(i, Skipped)]
        assert [a.url for a in articles] == ["http://news.example/a", "http://news.example/b"]
        assert len(skipped) == 2 and all(s.kind == "warc-record" for s in skipped)
        assert "image/png" in skipped[1].reason
        assert articles[0].origin == f"{path}#1 http://news.example/a"


def test_read_paths_picks_the_warc_reader_by_double_suffix(tmp_path: Path) -> None:
    (tmp_path / "crawl.WARC.GZ").write_bytes(archive())
    assert sum(isinstance(i, Article) for i in read_paths([tmp_path], settings=SETTINGS)) == 2


def test_truncated_gzip_keeps_what_was_read_and_says_so() -> None:
    data = archive()
    got = items(data[:-30])
    assert isinstance(got[0], Article)
    assert isinstance(got[-1], IngestError) and "truncated" in got[-1].reason
    assert isinstance(items(data[:40])[-1], IngestError)


def test_invalid_warc_and_empty_file() -> None:
    for data in (b"this is not an archive\r\n", gzip.compress(b"plain text\n" * 10), b""):
        got = items(data)
        assert len(got) >= 1 and all(isinstance(i, IngestError) for i in got), got


def test_corrupt_gzip_member_is_an_error() -> None:
    data = bytearray(archive())
    data[200:260] = b"\x00" * 60
    got = items(bytes(data))
    assert isinstance(got[-1], IngestError)


def test_record_over_the_page_limit_is_an_error_not_read() -> None:
    small = Settings(max_page_bytes=500)
    got = items(archive(), small)
    errors = [i for i in got if isinstance(i, IngestError)]
    assert errors and all("max_page_bytes" in e.reason for e in errors)


def test_decompression_bomb_stops_at_the_archive_limit() -> None:
    bomb = b"\0" * 3_000_000  # skipped records count too: everything is decompressed
    data = warc([(f"http://x/{i}", "resource", bomb, "") for i in range(5)])
    assert len(data) < 100_000  # highly compressible
    limited = Settings(max_page_bytes=4_000_000, max_decompressed_bytes=7_000_000)
    got = items(data, limited)
    assert isinstance(got[-1], IngestError) and "max_decompressed_bytes" in got[-1].reason
    assert len(got) <= 5


def test_unreadable_file(tmp_path: Path) -> None:
    (item,) = read_warc(tmp_path / "missing.warc", settings=SETTINGS)
    assert isinstance(item, IngestError)


@hsettings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=4000))
def test_fuzz_warc_never_raises(noise: bytes, cut: int) -> None:
    for data in (noise, archive()[:cut], archive(False)[:cut] + noise):
        for item in items(data):
            assert isinstance(item, Article | IngestError | Skipped)


def test_gzip_watch_on_plain_and_broken_data() -> None:
    from eventwire.ingest.gzwatch import GzipWatch

    watch = GzipWatch(io.BytesIO(b"plain"))
    assert watch.read() == b"plain" and watch.complete
    broken = GzipWatch(io.BytesIO(b"\x1f\x8b" + b"\xff" * 40))
    broken.read()
    assert not broken.complete and broken.broken
    whole = GzipWatch(io.BytesIO(gzip.compress(b"x") + gzip.compress(b"y")))
    whole.read()
    assert whole.complete
    assert zlib  # imported for readers of this test: the watch uses zlib's own errors
