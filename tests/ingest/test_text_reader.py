"""The .txt reader: one article per file, errors named by file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from eventwire.errors import IngestError
from eventwire.ingest import read_paths
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings()


def read_one(path: Path, config: Settings = SETTINGS) -> Article | IngestError:
    items = list(read_paths([path], settings=config))
    assert len(items) == 1
    return items[0]


def article(path: Path, config: Settings = SETTINGS) -> Article:
    item = read_one(path, config)
    assert isinstance(item, Article), item
    return item


def error(path: Path, config: Settings = SETTINGS) -> IngestError:
    item = read_one(path, config)
    assert isinstance(item, IngestError), item
    assert item.origin == str(path)
    return item


def test_reads_text_title_and_origin(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n  Rebels seize town  \n\nThe rebels seized the town.\n", encoding="utf-8")
    result = article(path)
    assert result.text == "\n  Rebels seize town  \n\nThe rebels seized the town.\n"
    assert result.title == "Rebels seize town"
    assert result.origin == str(path)
    assert result.external_id is None
    assert result.date is None


def test_crlf_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline here\r\n\r\nBody one.\r\nBody two.\r\n")
    result = article(path)
    assert result.text == "Headline here\r\n\r\nBody one.\r\nBody two.\r\n"
    assert result.title == "Headline here"


def test_lone_cr_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "cr.txt"
    path.write_bytes(b"Old Mac headline\rBody.\r")
    result = article(path)
    assert result.text == "Old Mac headline\rBody.\r"
    assert result.title == "Old Mac headline"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 talks\nBody.")
    result = article(path)
    assert result.text == "Café talks\nBody."
    assert result.title == "Café talks"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error(path).reason == "empty file"


def test_nul_byte_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"Looks like text\x00\x01\x02 but is not")
    assert error(path).reason == "binary file, not text"


def test_undecodable_control_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x01, 0x02, 0xFF] * 20))
    assert error(path).reason == "binary file, not text"


def test_cp1252_is_not_utf8_with_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\u00e9 talks resume".encode("cp1252"))
    message = error(path).reason
    assert message.startswith("not valid UTF-8 at byte 3;")
    assert "iconv -f cp1252 -t utf-8" in message


def test_utf8_error_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom-legacy.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xe9")
    assert "at byte 5;" in error(path).reason


def test_too_many_characters(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Headline\n" + "x" * 100, encoding="utf-8")
    message = error(path, Settings(max_article_chars=50)).reason
    assert "text is 109 characters, over the 50 limit (max_article_chars)" in message


def test_limit_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "greek.txt"
    path.write_text("αβγδε" * 10, encoding="utf-8")  # 50 characters, 100 bytes
    assert article(path, Settings(max_article_chars=50)).text == "αβγδε" * 10


def test_large_sparse_file_rejected_quickly_before_binary_check(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: all NUL bytes, so also "binary"
    message = error(path).reason  # the size message, not "binary": checked before reading
    assert message == (
        "file is 50.0 MB, over the 20.0 MB limit (max_file_bytes); split it or raise the limit"
    )


def test_size_limit_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Headline\n" + "x" * 2000, encoding="utf-8")
    message = error(path, Settings(max_file_bytes=1000)).reason
    assert message.startswith("file is 2.0 kB, over the 1.0 kB limit (max_file_bytes)")


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"H\n" + b"x" * 98)
    assert len(article(path, Settings(max_file_bytes=100)).text) == 100


_WRITTEN = st.text().filter(lambda s: s.strip() and "\x00" not in s)


@settings(max_examples=200, deadline=None)
@given(content=_WRITTEN)
def test_any_text_is_read_back_exactly_or_reported(
    tmp_path_factory: pytest.TempPathFactory, content: str
) -> None:
    # A leading U+FEFF is written as the UTF-8 byte-order mark, which the reader drops.
    assume(not content.startswith("\ufeff"))
    path = tmp_path_factory.mktemp("prop") / "article.txt"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(content)
    items = list(read_paths([path], settings=SETTINGS))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Article):
        assert item.text == content
        assert item.title
        assert item.origin == str(path)
    else:
        assert isinstance(item, IngestError)
        assert item.origin == str(path)
