"""Gzip inputs (``.jsonl.gz``, ``.csv.gz``, ``.txt.gz``, ``.html.gz``), streamed with checks.

:class:`GzipReader` is a binary stream over a gzip file's decompressed bytes (every member of a
multi-member file) that the line and table readers use as they use a plain file. It never holds
more than a read's worth in memory, counts what it inflates and raises :class:`GzipProblem` when
the data ends inside a member (truncated), is not gzip or is corrupt, or inflates to more than
its limit (a decompression bomb): the same checks the WARC reader makes. The readers turn the
problem into one error for the file; what was read before it stands.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from eventwire.errors import IngestError
from eventwire.ingest.files import format_bytes, read_failure

T = TypeVar("T")

TRUNCATED = "truncated gzip: the file ends inside a compressed member; what was read before stands"


class GzipProblem(ValueError):
    """The gzip data cannot be read on (``reason`` says why and what to do)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


class GzipReader(io.BufferedIOBase):
    """The decompressed bytes of ``raw``, at most ``limit`` of them (``limit_name`` is the setting
    that sets it, for the message)."""

    def __init__(self, raw: IO[bytes], *, limit: int, limit_name: str) -> None:
        super().__init__()
        self._raw = raw
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._limit = limit
        self._limit_name = limit_name
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(self._gz.read, self._bounded(size))

    def read1(self, size: int = -1) -> bytes:
        return self._counted(self._gz.read1, self._bounded(size))

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        return self._counted(self._gz.readline, self._bounded(size))

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Only back to the start (the readers look at the head first)."""
        if (offset, whence) != (0, io.SEEK_SET):
            raise io.UnsupportedOperation("a gzip stream can only be rewound to its start")
        self._raw.seek(0)
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self.inflated = 0
        return 0

    def _bounded(self, size: int | None) -> int:
        """A read never asks for more than the rest of the budget (plus one byte to notice)."""
        left = max(1, self._limit - self.inflated + 1)
        return left if size is None or size < 0 else min(size, left)

    def _counted(self, read: Callable[[int], bytes], size: int) -> bytes:
        data = checked(lambda: read(size))
        self.inflated += len(data)
        if self.inflated > self._limit:
            raise GzipProblem(
                f"gzip data decompresses to over {format_bytes(self._limit)} "
                f"({self._limit_name}); the rest is skipped"
            )
        return data


def checked(read: Callable[[], T]) -> T:
    """``read()``, with gzip's own errors as :class:`GzipProblem`."""
    try:
        return read()
    except EOFError:
        raise GzipProblem(TRUNCATED) from None
    except gzip.BadGzipFile as exc:
        if str(exc).startswith("Not a gzipped file"):
            raise GzipProblem(
                "not a gzip file (no gzip signature at the start); remove the .gz suffix if it is "
                "plain text"
            ) from None
        raise GzipProblem(f"corrupt gzip ({exc}); what was read before stands") from None
    except zlib.error as exc:
        raise GzipProblem(f"corrupt gzip ({exc}); what was read before stands") from None


def open_gzip(raw: IO[bytes], *, limit: int, limit_name: str) -> IO[bytes]:
    """A :class:`GzipReader` typed as the binary file it stands in for."""
    return cast(IO[bytes], GzipReader(raw, limit=limit, limit_name=limit_name))


def read_whole(path: Path, *, limit: int, limit_name: str) -> bytes | IngestError:
    """A whole gzip file decompressed (a text or a page): at most ``limit`` bytes of it."""
    origin = str(path)
    try:
        with path.open("rb") as raw:
            stream = GzipReader(raw, limit=limit + 1, limit_name=limit_name)
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise GzipProblem(
                    f"file decompresses to over {format_bytes(limit)}, over the limit "
                    f"({limit_name}); split it or raise the limit"
                )
            return data
    except GzipProblem as exc:
        return IngestError(origin, exc.reason)
    except OSError as exc:
        return IngestError(origin, read_failure(exc))
