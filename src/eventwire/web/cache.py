"""Finished read responses, kept per database generation (ASGI middleware).

The server holds its database open, so nothing but its own ``POST /articles`` can change it (a
read-only DuckDB file cannot be opened for writing by another process meanwhile, and a writable
one is locked by this process). Each committed POST bumps ``Database.generation``; a response
is only ever served again for the generation it was computed at, so a cached answer is always
the answer the database would give now. Kept: 200 responses of the JSON read endpoints, up to
``max_entries`` (least recently used first out) and ``max_entry_bytes`` each. Responses say
``X-Eventwire-Cache: hit`` or ``miss``.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.web.database import Database

#: Path prefixes of the JSON read endpoints (the static UI and /docs are not cached here).
CACHED_PATHS: Final = ("/events", "/articles", "/quotes", "/actors", "/stats", "/timeline",
                       "/network")  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entry:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseCache:
    """ASGI middleware: answer a repeated GET from memory while the data is unchanged."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        database: Database,
        max_entries: int = 512,
        max_entry_bytes: int = 1_000_000,
    ) -> None:
        self.app = app
        self.database = database
        self.max_entries = max_entries
        self.max_entry_bytes = max_entry_bytes
        # Only touched on the event loop's thread: no lock needed.
        self._entries: OrderedDict[tuple[str, bytes], _Entry] = OrderedDict()
        self._generation = database.generation
        # Requests being answered: a concurrent identical request waits for the first one's
        # answer instead of running the same queries again (200 clients asking for the UI's
        # first page at once run its queries once).
        self._computing: dict[tuple[str, bytes], anyio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        generation = self.database.generation
        if generation != self._generation:  # a POST was stored: everything kept is stale
            self._entries.clear()
            self._generation = generation
        key = (str(scope["path"]), bytes(scope.get("query_string", b"")))
        in_flight = self._computing.get(key)
        if in_flight is not None and key not in self._entries:
            await in_flight.wait()  # the same request is being answered: share its answer
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            headers = [*entry.headers, (b"x-eventwire-cache", b"hit")]
            await send({"type": "http.response.start", "status": entry.status,
                        "headers": headers})  # fmt: skip
            await send({"type": "http.response.body", "body": entry.body})
            return
        done = self._computing.setdefault(key, anyio.Event())
        try:
            await self._compute(key, generation, scope, receive, send)
        finally:
            if self._computing.get(key) is done:
                del self._computing[key]
            done.set()

    async def _compute(
        self, key: tuple[str, bytes], generation: int, scope: Scope, receive: Receive, send: Send
    ) -> None:
        start: dict[str, Message] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start["message"] = message
                headers = [*message.get("headers", []), (b"x-eventwire-cache", b"miss")]
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False):
                    self._keep(key, generation, start.get("message"), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET" or self.max_entries <= 0:
            return False
        path = str(scope.get("path", ""))
        return any(path == p or path.startswith(p + "/") for p in CACHED_PATHS)

    def _keep(
        self, key: tuple[str, bytes], generation: int, start: Message | None, body: bytes
    ) -> None:
        if start is None or start.get("status") != 200 or len(body) > self.max_entry_bytes:
            return
        if generation != self.database.generation:  # computed while a POST was being stored
            return
        headers = tuple(
            (bytes(k), bytes(v))
            for k, v in start.get("headers", [])
            if bytes(k).lower() != b"x-eventwire-cache"
        )
        self._entries[key] = _Entry(200, headers, body)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
