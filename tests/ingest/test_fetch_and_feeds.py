"""Fetching over httpx.MockTransport: robots.txt, retries, size limit, delay, feeds, URL lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
from ingest_samples import page

from eventwire.errors import IngestError
from eventwire.ingest import Inputs, read_inputs
from eventwire.ingest.feeds import read_feed, read_url
from eventwire.ingest.fetch import Fetcher
from eventwire.model import Article
from eventwire.settings import Settings

SETTINGS = Settings(fetch_delay=2.0, fetch_retries=2, max_page_bytes=50_000)
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Entry one</title><link>https://news.example/a</link>
<pubDate>Fri, 08 Mar 2019 10:00:00 GMT</pubDate></item>
<item><title>Entry two</title><link>https://news.example/private/b</link></item>
</channel></rss>"""


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def fetcher(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[Fetcher, Clock, list[str]]:
    seen: list[str] = []
    clock = Clock()

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.url.path} {request.headers['user-agent']}")
        return handler(request)

    made = Fetcher(settings=SETTINGS, transport=httpx.MockTransport(record), sleep=clock.sleep,
                   clock=lambda: clock.now)  # fmt: skip
    return made, clock, seen


def site(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/robots.txt":
        return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
    if path == "/feed.xml":
        return httpx.Response(200, text=RSS, headers={"Content-Type": "application/rss+xml"})
    if path == "/big":
        return httpx.Response(200, content=b"<p>" + b"x" * 60_000)
    if path == "/gone":
        return httpx.Response(404)
    return httpx.Response(200, text=page(), headers={"Content-Type": "text/html; charset=utf-8"})


def test_fetch_page_with_user_agent_robots_and_delay() -> None:
    made, clock, seen = fetcher(site)
    first = read_url("https://news.example/a", made)
    second = read_url("https://news.example/c", made)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.url == "https://news.example/a"
    assert seen[0].startswith("/robots.txt eventwire/")
    assert sum(1 for s in seen if s.startswith("/robots.txt")) == 1  # cached per site
    assert clock.slept and clock.slept[-1] == SETTINGS.fetch_delay  # same host: waits its turn
    refused = read_url("https://news.example/private/x", made)
    assert isinstance(refused, IngestError) and "robots.txt" in refused.reason


def test_retries_with_backoff_then_gives_up() -> None:
    calls = {"n": 0}

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls["n"] += 1
        return httpx.Response(503) if calls["n"] < 3 else httpx.Response(200, text=page())

    made, clock, _ = fetcher(flaky)
    made.backoff = 0.25
    assert isinstance(read_url("https://a.example/x", made), Article)
    assert calls["n"] == 3 and [s for s in clock.slept if s in (0.25, 0.5)] == [0.25, 0.5]
    calls["n"] = -10
    failed = read_url("https://a.example/y", made)
    assert isinstance(failed, IngestError) and "HTTP 503" in failed.reason


def test_unreachable_timeout_size_limit_and_bad_urls() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    made, _, _ = fetcher(down)
    unreachable = read_url("https://down.example/x", made)
    assert isinstance(unreachable, IngestError) and "unreachable" in unreachable.reason
    assert unreachable.origin == "https://down.example/x"

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    timed_out = read_url("https://slow.example/x", fetcher(slow)[0])
    assert isinstance(timed_out, IngestError) and "unreachable" in timed_out.reason

    made, _, _ = fetcher(site)
    big = read_url("https://news.example/big", made)
    assert isinstance(big, IngestError) and "max_page_bytes" in big.reason
    gone = read_url("https://news.example/gone", made)
    assert isinstance(gone, IngestError) and "HTTP 404" in gone.reason
    for bad in ("ftp://x/y", "https://", "not a url"):
        assert isinstance(made.fetch(bad), IngestError)


def test_timeout_on_the_page_itself() -> None:
    def slow_page(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        raise httpx.ReadTimeout("slow", request=request)

    timed_out = read_url("https://slow.example/x", fetcher(slow_page)[0])
    assert isinstance(timed_out, IngestError) and "timed out" in timed_out.reason


def test_feed_by_url_fills_dates_and_honours_robots() -> None:
    made, _, _ = fetcher(site)
    a, b = read_feed("https://news.example/feed.xml", made)
    assert isinstance(a, Article) and a.title == "Russia expels Dutch diplomat"
    assert a.date is not None and a.date.isoformat() == "2019-03-08"
    assert isinstance(b, IngestError) and "robots.txt" in b.reason


def test_feed_file_url_list_and_bad_feed(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "list.urls").write_text(
        "# comment\n\nhttps://news.example/a\nhttps://news.example/gone\n"
    )
    (tmp_path / "bad.atom").write_text("<html>not a feed</html>")
    made, _, _ = fetcher(site)
    items = list(read_inputs(Inputs(paths=[tmp_path]), settings=SETTINGS, fetcher=made))
    kinds = [type(i).__name__ for i in items]
    assert kinds.count("Article") == 2 and kinds.count("IngestError") == 3
    assert kinds.count("FileDone") == 0  # each file had an error: it is read again next run


def test_url_given_as_a_path() -> None:
    made, _, _ = fetcher(site)
    items = list(read_inputs(Inputs(paths=["https://news.example/a"]), settings=SETTINGS,
                             fetcher=made))  # fmt: skip
    assert len(items) == 1 and isinstance(items[0], Article)


def test_compressed_response_is_limited_on_its_decompressed_size() -> None:
    import gzip

    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    assert len(bomb) < SETTINGS.max_page_bytes

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

    got = read_url("https://bomb.example/x", fetcher(handler)[0])
    assert isinstance(got, IngestError) and "max_page_bytes" in got.reason
