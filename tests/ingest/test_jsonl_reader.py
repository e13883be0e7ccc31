"""The .jsonl reader: one article or one error per non-blank line, streamed."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import IngestError
from eventwire.ingest import read_paths
from eventwire.ingest.jsonl import bounded_lines
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings()


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read(path: Path, config: Settings = SETTINGS) -> list[Article | IngestError]:
    return list(read_paths([path], settings=config))


def only_error(path: Path, config: Settings = SETTINGS) -> IngestError:
    items = read(path, config)
    assert len(items) == 1
    assert isinstance(items[0], IngestError), items[0]
    return items[0]


def line_error(path: Path, line: str, config: Settings = SETTINGS) -> IngestError:
    """The error for ``line`` written as line 2, between two good lines (which must survive)."""
    write_lines(path, '{"text": "first"}', line, '{"text": "last"}')
    items = read(path, config)
    assert [type(item) for item in items] == [Article, IngestError, Article]
    assert isinstance(items[0], Article) and items[0].text == "first"
    assert isinstance(items[2], Article) and items[2].text == "last"
    assert items[2].origin == f"{path}:3"
    bad = items[1]
    assert isinstance(bad, IngestError)
    assert bad.origin == f"{path}:2"
    assert bad.reason.startswith("line 2: ")
    return bad


def test_reads_all_fields(tmp_path: Path) -> None:
    record = {
        "id": "AFP-1",
        "title": "Talks resume",
        "date": "2019-01-26",
        "url": "https://example.org/1",
        "source": "AFP",
        "text": "Talks resumed on Saturday.",
        "lang": "en",  # unknown fields are ignored
    }
    path = write_lines(tmp_path / "a.jsonl", json.dumps(record))
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.text == "Talks resumed on Saturday."
    assert item.external_id == "AFP-1"
    assert item.title == "Talks resume"
    assert item.date == dt.date(2019, 1, 26)
    assert item.url == "https://example.org/1"
    assert item.source == "AFP"
    assert item.origin == f"{path}:1"


def test_text_only_record(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", '{"text": "Body\\r\\nmore"}')
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.text == "Body\r\nmore"
    assert (item.external_id, item.title, item.date, item.url, item.source) == (None,) * 5


@pytest.mark.parametrize(("raw", "expected"), [(42, "42"), (4.5, "4.5"), ("", None), (None, None)])
def test_id_numbers_become_strings(tmp_path: Path, raw: object, expected: str | None) -> None:
    path = write_lines(tmp_path / "a.jsonl", json.dumps({"id": raw, "text": "x"}))
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.external_id == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-01-26T14:30:00", dt.date(2019, 1, 26)),
        ("2019-01-26T23:30:00-05:00", dt.date(2019, 1, 26)),
        ("2019-01-26T14:30:00Z", dt.date(2019, 1, 26)),
        ("2019-01-26 14:30", dt.date(2019, 1, 26)),
    ],
)
def test_datetime_keeps_its_date_part(tmp_path: Path, raw: str, expected: dt.date) -> None:
    path = write_lines(tmp_path / "a.jsonl", json.dumps({"date": raw, "text": "x"}))
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.date == expected


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('\n{"text": "a"}\n   \n\t\n{"text": "b"}\n\n', encoding="utf-8")
    items = read(path)
    assert all(isinstance(item, Article) for item in items)
    assert [item.origin for item in items] == [f"{path}:2", f"{path}:5"]


def test_crlf_lines_and_no_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\r\n{"text": "b"}')
    assert [getattr(item, "text", None) for item in read(path)] == ["a", "b"]


def test_bom_on_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "a"}\n{"text": "b"}\n')
    assert [getattr(item, "text", None) for item in read(path)] == ["a", "b"]


def test_duplicate_ids_are_kept(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", '{"id": 1, "text": "a"}', '{"id": 1, "text": "b"}')
    items = read(path)
    assert [getattr(item, "external_id", None) for item in items] == ["1", "1"]


def test_malformed_json(tmp_path: Path) -> None:
    bad = line_error(tmp_path / "a.jsonl", '{"text": "a" "id": 3}')
    assert bad.reason == "line 2: not valid JSON: Expecting ',' delimiter (column 14)"


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    bad = line_error(tmp_path / "a.jsonl", "[" * 100_000 + "]" * 100_000)
    assert "not valid JSON" in bad.reason


@pytest.mark.parametrize(
    ("line", "kind"), [("[1, 2]", "a list"), ('"text"', "a string"), ("3", "a number")]
)
def test_line_that_is_not_an_object(tmp_path: Path, line: str, kind: str) -> None:
    bad = line_error(tmp_path / "a.jsonl", line)
    assert "expected a JSON object" in bad.reason
    assert bad.reason.endswith(f"got {kind}")


@pytest.mark.parametrize("line", ['{"id": "x"}', '{"text": null}'])
def test_missing_text(tmp_path: Path, line: str) -> None:
    assert "record has no 'text' field" in line_error(tmp_path / "a.jsonl", line).reason


@pytest.mark.parametrize("line", ['{"text": ""}', '{"text": "  \\n "}'])
def test_empty_text(tmp_path: Path, line: str) -> None:
    assert "record has no 'text' field" in line_error(tmp_path / "a.jsonl", line).reason


def test_text_of_wrong_type(tmp_path: Path) -> None:
    bad = line_error(tmp_path / "a.jsonl", '{"text": ["a", "b"]}')
    assert bad.reason == "line 2: 'text' must be a string, got a list"


@pytest.mark.parametrize(
    "raw", ["26/01/2019", "2019-13-01", "2019-02-30", "20190126", "soon", 20190126, [2019]]
)
def test_bad_date_keeps_the_article_without_a_date(tmp_path: Path, raw: object) -> None:
    path = write_lines(tmp_path / "a.jsonl", json.dumps({"text": "a", "date": raw}))
    (article,) = read(path)
    assert isinstance(article, Article) and article.date is None
    (warning,) = article.warnings
    assert warning.startswith("'date' is not a date like 2019-01-26")
    assert (
        "got " + (f'"{raw}"' if isinstance(raw, str) else str(raw).replace("[2019]", "a list"))
        in warning
    )


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", 5, "'title' must be a string, got 5"),
        ("url", ["u"], "'url' must be a string, got a list"),
        ("source", {"n": 1}, "'source' must be a string, got an object"),
        ("id", True, "'id' must be a string or a number, got true"),
        ("id", [1], "'id' must be a string or a number, got a list"),
    ],
)
def test_fields_of_wrong_type(tmp_path: Path, field: str, value: object, expected: str) -> None:
    bad = line_error(tmp_path / "a.jsonl", json.dumps({"text": "a", field: value}))
    assert bad.reason == f"line 2: {expected}"


def test_unpaired_surrogate_is_an_error(tmp_path: Path) -> None:
    bad = line_error(tmp_path / "a.jsonl", '{"text": "bad \\ud800 escape"}')
    assert "'text' has an unpaired surrogate" in bad.reason


def test_text_over_max_article_chars(tmp_path: Path) -> None:
    bad = line_error(
        tmp_path / "a.jsonl", json.dumps({"text": "x" * 60}), Settings(max_article_chars=50)
    )
    assert "text is 60 characters, over the 50 limit (max_article_chars)" in bad.reason


def test_invalid_utf8_line_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\n{"text": "caf\xe9"}\n{"text": "b"}\n')
    items = read(path)
    assert [type(item) for item in items] == [Article, IngestError, Article]
    bad = items[1]
    assert isinstance(bad, IngestError)
    assert bad.origin == f"{path}:2"
    assert bad.reason.startswith("line 2: not valid UTF-8 at byte 13;")


def test_whole_file_over_max_file_bytes_is_one_error(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", *['{"text": "abcdefgh"}'] * 100)
    bad = only_error(path, Settings(max_file_bytes=1000))
    assert bad.origin == str(path)
    assert bad.reason.startswith("file is 2.1 kB, over the 1.0 kB limit (max_file_bytes)")


def test_large_sparse_file_rejected_quickly_before_binary_check(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    bad = only_error(path)  # the size message, not "binary": the size is checked first
    assert bad.origin == str(path)
    assert bad.reason == (
        "file is 50.0 MB, over the 20.0 MB limit (max_file_bytes); split it or raise the limit"
    )


def test_binary_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x01\x02\x03\n{"text": "b"}\n')
    bad = only_error(path)
    assert bad.origin == str(path)
    assert bad.reason == "binary file, not text"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    bad = only_error(path)
    assert bad.origin == str(path)
    assert bad.reason == "empty file"


def test_line_over_the_limit_is_skipped_without_reading_it_whole() -> None:
    handle = io.BytesIO(b"short\n" + b"y" * 1000 + b"\n" + b"x" * 10 + b"\nend")
    lines = list(bounded_lines(handle, 10))
    assert lines == [(1, b"short"), (2, None), (3, b"x" * 10), (4, b"end")]


def test_line_exactly_at_the_limit_is_kept() -> None:
    handle = io.BytesIO(b"x" * 10 + b"\r\n" + b"y" * 11)
    assert list(bounded_lines(handle, 10)) == [(1, b"x" * 10), (2, None)]


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", '{"text": "a"}', '{"text": "b"}')
    items = read_paths([path], settings=SETTINGS)
    first = next(items)
    assert isinstance(first, Article) and first.text == "a"
    with path.open("a", encoding="utf-8") as handle:  # lines added later are still seen
        handle.write('{"text": "c"}\n')
    assert [getattr(item, "text", None) for item in items] == ["b", "c"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=8,
)
_KNOWN = st.sampled_from(["text", "id", "title", "date", "url", "source"])
_RECORD = st.dictionaries(_KNOWN | st.text(), _JSON | st.text(), max_size=6)
_LINE = _RECORD.map(json.dumps) | st.text().filter(lambda s: "\n" not in s and "\r" not in s)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_LINE, min_size=1, max_size=8))
def test_any_lines_never_raise_and_give_one_item_per_line(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "records.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([path], settings=SETTINGS))
    # Blank means JSON whitespace only; a line of, say, U+2028 is reported, not skipped.
    # A byte-order mark opening the file is not content.
    filled = [
        n
        for n, line in enumerate(lines, 1)
        if line.encode("utf-8").removeprefix(b"\xef\xbb\xbf" if n == 1 else b"").strip()
    ]
    if not filled:
        assert len(items) == 1 and isinstance(items[0], IngestError)
        return
    if len(items) == 1 and isinstance(items[0], IngestError) and items[0].origin == str(path):
        assert items[0].reason == "binary file, not text"  # a NUL byte in a raw line
        return
    assert [item.origin for item in items] == [f"{path}:{n}" for n in filled]
    for item in items:
        assert isinstance(item, Article | IngestError)


@settings(max_examples=100, deadline=None)
@given(records=st.lists(_RECORD, min_size=1, max_size=8))
def test_records_from_arbitrary_dicts(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(read_paths([path], settings=SETTINGS))
    assert [item.origin for item in items] == [f"{path}:{n}" for n in range(1, len(records) + 1)]
    for record, item in zip(records, items, strict=True):
        if isinstance(item, Article):
            assert item.text == record["text"]
