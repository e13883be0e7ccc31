"""CSV and Parquet with a field mapping; JSONL with the same mapping."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from eventwire.errors import IngestError
from eventwire.ingest import read_paths
from eventwire.ingest.tabular import read_csv, read_parquet
from eventwire.model import Article
from eventwire.settings import Settings

MAPPED = Settings(
    text_field="body", date_field="published", id_field="guid", url_field="link",
    title_field="headline",
)  # fmt: skip
ROWS = [
    {"guid": "g1", "body": "France criticised Germany.", "published": "2024-02-02",
     "link": "https://x/1", "headline": "France criticises"},
    {"guid": "g2", "body": "Spain praised Italy.", "published": "", "link": "", "headline": ""},
]  # fmt: skip


def test_csv_with_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    header = "guid,body,published,link,headline\n"
    path.write_text(header + 'g1,"France criticised Germany.",2024-02-02,https://x/1,T\n'
                    'g2,"Spain, at last, praised Italy.",,,\n', encoding="utf-8")  # fmt: skip
    a, b = read_csv(path, settings=MAPPED)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.external_id, a.date, a.url, a.title) == (
        "g1",
        dt.date(2024, 2, 2),
        "https://x/1",
        "T",
    )
    assert b.text == "Spain, at last, praised Italy." and b.date is None
    assert a.origin == f"{path}:2"


def test_csv_bad_rows_and_files(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("guid,body,published\ng1,,2024-01-01\ng2,Text here.,26/01/2019\n")
    first, second = read_csv(path, settings=MAPPED)
    assert isinstance(first, IngestError) and "'body'" in first.reason
    assert isinstance(second, Article) and second.date is None  # kept, with a warning
    assert "'published'" in second.warnings[0] and '"26/01/2019"' in second.warnings[0]
    (tmp_path / "e.csv").write_text("")
    (empty,) = read_csv(tmp_path / "e.csv", settings=MAPPED)
    assert isinstance(empty, IngestError) and "no data rows" in empty.reason
    (tmp_path / "l.csv").write_bytes(b"body\n\xff\xfe not utf8\n")
    assert isinstance(list(read_csv(tmp_path / "l.csv", settings=MAPPED))[-1], IngestError)
    (tmp_path / "q.csv").write_text('body\n"unterminated quote\n')
    assert all(isinstance(i, IngestError) for i in read_csv(tmp_path / "q.csv", settings=MAPPED))


def test_parquet_streamed_by_row_group(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    table = pa.Table.from_pylist([*ROWS, {**ROWS[0], "guid": "g3", "published": None}])
    pq.write_table(table, path, row_group_size=1)
    assert pq.ParquetFile(path).num_row_groups == 3
    items = list(read_parquet(path, settings=MAPPED))
    assert [i.external_id for i in items if isinstance(i, Article)] == ["g1", "g2", "g3"]
    assert items[0].date == dt.date(2024, 2, 2)  # type: ignore[union-attr]


def test_parquet_native_dates_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"body": ["Text."], "published": [dt.date(2020, 5, 6)],
                             "guid": [17]}), path)  # fmt: skip
    (item,) = read_parquet(path, settings=MAPPED)
    assert isinstance(item, Article) and item.date == dt.date(2020, 5, 6)
    assert item.external_id == "17"


def test_parquet_missing_column_and_garbage(tmp_path: Path) -> None:
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"other": ["x"]}), path)
    (item,) = read_parquet(path, settings=MAPPED)
    assert isinstance(item, IngestError) and "--text-field" in item.reason
    (tmp_path / "g.parquet").write_bytes(b"PAR1 not really")
    (bad,) = read_parquet(tmp_path / "g.parquet", settings=MAPPED)
    assert isinstance(bad, IngestError)


def test_jsonl_uses_the_same_mapping(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    (item,) = read_paths([path], settings=MAPPED)
    assert (
        isinstance(item, Article) and item.external_id == "g1" and item.title == "France criticises"
    )


@hsettings(max_examples=50, deadline=None)
@given(st.binary(max_size=1500))
def test_fuzz_csv_and_parquet_never_raise(tmp_path_factory: object, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    for name in ("f.csv", "f.parquet"):
        (folder / name).write_bytes(b"body,published\n" + data if name.endswith("csv") else data)
    for item in read_paths([folder], settings=MAPPED):
        assert isinstance(item, Article | IngestError)
