"""Reader throughput (MB/s of input, articles/s) on generated inputs, and the screen's cost.

``python -m eventwire.ingest.throughput`` (or ``make bench-ingest``) prints one line per reader.
The NLP pipeline runs at roughly 70 articles/s per core; a reader is a bottleneck only if it
delivers fewer articles per second than that.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest.dedup import fingerprint
from eventwire.ingest.language import LanguageGate
from eventwire.ingest.reader import Inputs, read_inputs
from eventwire.model import Article
from eventwire.settings import Settings

_SENTENCE = (
    "Officials in {city} said on {day} that talks with the delegation from {other} had made "
    "progress on trade, security and the return of {n} detained citizens."
)
_CITIES = ("Moscow", "Caracas", "Paris", "Nairobi", "Jakarta", "Lima", "Seoul", "Cairo")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class Measure:
    reader: str
    megabytes: float
    articles: int
    seconds: float

    def line(self) -> str:
        rate = self.megabytes / self.seconds
        return (
            f"{self.reader:<10} {self.megabytes:7.1f} MB {self.articles:6d} articles "
            f"{self.seconds:6.2f} s  {rate:7.1f} MB/s  {self.articles / self.seconds:8.0f} art/s"
        )


def story(i: int, sentences: int = 14) -> str:
    """A wire-length text (~2.3 kB) that differs from every other ``i``."""
    parts = [
        _SENTENCE.format(
            city=_CITIES[(i + k) % 8], day=_DAYS[(i * 3 + k) % 5], other=_CITIES[(i * 7 + k) % 8],
            n=i * 31 + k,
        )
        for k in range(sentences)
    ]  # fmt: skip
    return "\n\n".join(" ".join(parts[k : k + 2]) for k in range(0, sentences, 2))


def html_page(i: int) -> bytes:
    """A page with the story and ~25 kB of navigation, scripts and footer, as news sites have."""
    body = "".join(f"<p>{p}</p>" for p in story(i).split("\n\n"))
    nav = "".join(f'<li><a href="/s/{k}">Section {k}</a></li>' for k in range(150))
    script = "<script>var x = {};" + "x.k = 1;" * 1500 + "</script>"
    return (
        f"<html><head><title>Talks make progress {i}</title>{script}</head><body>"
        f"<nav><ul>{nav}</ul></nav><article><h1>Talks make progress {i}</h1>{body}</article>"
        f"<footer>{nav}</footer></body></html>"
    ).encode()


def write_inputs(folder: Path, n_records: int, n_pages: int) -> dict[str, Path]:
    rows = [{"id": f"r{i}", "date": "2024-01-15", "text": story(i)} for i in range(n_records)]
    paths = {name: folder / name for name in ("x.jsonl", "x.csv", "x.parquet", "x.warc.gz")}
    paths["x.jsonl"].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _write_csv(paths["x.csv"], rows)
    pq.write_table(pa.Table.from_pylist(rows), paths["x.parquet"], row_group_size=2000)
    pages = folder / "pages"
    pages.mkdir()
    for i in range(n_pages):
        (pages / f"{i:05d}.html").write_bytes(html_page(i))
    paths["html"] = pages
    texts = folder / "texts"
    texts.mkdir()
    for i in range(n_records // 4):
        (texts / f"{i:05d}.txt").write_text(story(i), encoding="utf-8")
    paths["txt"] = texts
    _write_warc(paths["x.warc.gz"], n_pages)
    return paths


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "date", "text"])
        writer.writeheader()
        writer.writerows(rows)


def _write_warc(path: Path, n_pages: int) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(n_pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"http://news.example/{i}", "response", payload=io.BytesIO(html_page(i)),
                http_headers=headers,
            )  # fmt: skip
            writer.write_record(record)
            record.raw_stream.close()


def _size(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def measure(name: str, path: Path, settings: Settings) -> Measure:
    started = time.perf_counter()
    count = sum(
        isinstance(item, Article) for item in read_inputs(Inputs(paths=[path]), settings=settings)
    )
    return Measure(name, _size(path), count, time.perf_counter() - started)


def measure_screen(texts: Iterable[str]) -> Measure:
    """Fingerprinting plus the language check, per article (no database)."""
    gate = LanguageGate(("en",))
    articles = [Article(text=t) for t in texts]
    started = time.perf_counter()
    for article in articles:
        gate.check(article)
        fingerprint(article)
    size = sum(len(a.text) for a in articles) / 1e6
    return Measure("screen", size, len(articles), time.perf_counter() - started)


def run_all(out: Callable[[str], object], n_records: int = 4000, n_pages: int = 300) -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_inputs(Path(tmp), n_records, n_pages)
        for name in ("txt", "x.jsonl", "x.csv", "x.parquet", "html", "x.warc.gz"):
            out(measure(name.removeprefix("x."), paths[name], settings).line())
    out(measure_screen(story(i) for i in range(2000)).line())


if __name__ == "__main__":
    run_all(lambda line: sys.stdout.write(line + "\n"))
