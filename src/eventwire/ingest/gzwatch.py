"""A read-through stream that notices when a (multi-member) gzip file ends mid-member.

warcio stops quietly at a truncated gzip member; this wrapper decompresses the same bytes on the
side (output discarded, in bounded steps) so the reader can say the archive was cut short.
"""

from __future__ import annotations

import zlib
from typing import IO

GZIP_MAGIC = b"\x1f\x8b"
_STEP = 1 << 20


class GzipWatch:
    """Wraps ``stream``; :attr:`complete` is False when the data ended inside a gzip member."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._inflate = zlib.decompressobj(wbits=31)
        self._started = False
        self._plain: bool | None = None  # decided on the first read: not gzip at all
        self.broken: str | None = None
        self.inflated = 0  # decompressed bytes so far (the decompression-bomb budget)

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if self._plain is None and data:
            self._plain = not data.startswith(GZIP_MAGIC)
        if data and not self._plain and self.broken is None:
            self._feed(data)
        return data

    def tell(self) -> int:
        return self._stream.tell()

    @property
    def complete(self) -> bool:
        return self.broken is None and (not self._started or self._inflate.eof)

    def _feed(self, data: bytes) -> None:
        try:
            while data:
                self._started = True
                self.inflated += len(self._inflate.decompress(data, _STEP))
                if self._inflate.eof:  # the next member starts in unused_data (the tail is stale)
                    data = self._inflate.unused_data
                    if data:
                        self._inflate = zlib.decompressobj(wbits=31)
                else:
                    data = self._inflate.unconsumed_tail
        except zlib.error as exc:
            self.broken = str(exc)
