"""Polite HTTP fetching with httpx: a clear user agent, robots.txt, a per-host delay, timeouts,
retries with exponential backoff, and a size limit enforced while streaming the body.

The transport, clock and sleep are injectable, so tests run against ``httpx.MockTransport``.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from eventwire.errors import IngestError
from eventwire.ingest.files import format_bytes
from eventwire.settings import Settings

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_ROBOTS_BYTES = 500_000

Robots = urllib.robotparser.RobotFileParser | IngestError | None


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str


@dataclass(kw_only=True)
class Fetcher:
    """Fetches pages one at a time. Holds its own per-host state (robots, last request)."""

    settings: Settings
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    _robots: dict[str, Robots] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def fetch(self, url: str) -> Page | IngestError:
        """The page at ``url``, or a per-item error naming the URL. Never raises for bad URLs."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return IngestError(url, "not an http(s) URL")
        refused = self._robots_verdict(url)
        return refused if refused is not None else self._with_retries(url)

    # -- HTTP ---------------------------------------------------------------------------------
    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=self.transport,
                timeout=self.settings.fetch_timeout,
                follow_redirects=True,
                headers={"User-Agent": self.settings.user_agent},
            )
        return self._client

    def _with_retries(self, url: str, limit: int | None = None) -> Page | IngestError:
        result: Page | IngestError = IngestError(url, "not fetched")
        for attempt in range(self.settings.fetch_retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            result, retry = self._once(url, limit or self.settings.max_page_bytes)
            if not retry:
                break
        return result

    def _once(self, url: str, limit: int) -> tuple[Page | IngestError, bool]:
        """One GET; the bool says whether a retry may help."""
        self._wait_turn(url)
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code in _RETRY_STATUS:
                    return IngestError(url, f"HTTP {response.status_code}"), True
                if response.status_code >= 400:
                    return IngestError(url, f"HTTP {response.status_code}; not retried"), False
                return self._body(response, url, limit), False
        except httpx.TimeoutException:
            return IngestError(url, f"timed out after {self.settings.fetch_timeout:g} s"), True
        except httpx.TransportError as exc:
            return IngestError(url, f"unreachable: {exc or type(exc).__name__}"), True
        except httpx.HTTPError as exc:
            return IngestError(url, f"HTTP error: {exc}"), False

    def _body(self, response: httpx.Response, url: str, limit: int) -> Page | IngestError:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            return IngestError(url, _too_big(int(declared), limit))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # decoded (gzip etc.): the limit is on real bytes
            size += len(chunk)
            if size > limit:
                return IngestError(url, _too_big(size, limit, at_least=True))
            chunks.append(chunk)
        content_type = response.headers.get("Content-Type", "")
        return Page(str(response.url), b"".join(chunks), content_type)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            wait = last + self.settings.fetch_delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    # -- robots.txt ---------------------------------------------------------------------------
    def _robots_verdict(self, url: str) -> IngestError | None:
        """Why ``url`` may not be fetched, or ``None``."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        robots = self._robots[root]
        if isinstance(robots, IngestError):
            return IngestError(url, f"site unreachable (robots.txt: {robots.reason})")
        if robots is not None and not robots.can_fetch(self.settings.user_agent, url):
            return IngestError(url, "disallowed by the site's robots.txt; not fetched")
        return None

    def _load_robots(self, root: str) -> Robots:
        """The site's rules; ``None`` (all allowed) when it has none (HTTP 4xx)."""
        page = self._with_retries(f"{root}/robots.txt", _ROBOTS_BYTES)
        if isinstance(page, IngestError):
            return None if page.reason.startswith("HTTP 4") else page
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(page.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _too_big(size: int, limit: int, *, at_least: bool = False) -> str:
    shown = ("over " if at_least else "") + format_bytes(size)
    return f"page is {shown}, over the {format_bytes(limit)} limit (max_page_bytes); skipped"
