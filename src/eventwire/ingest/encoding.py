"""Decoding web pages: BOM, then the declared charset (HTTP header or ``<meta>``), then UTF-8,
then Windows-1252 as the last resort (every byte decodes), with a note on what was guessed."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when the encoding was guessed or the declared one was wrong


def charset_from_header(content_type: str | None) -> str | None:
    """``utf-8`` from ``text/html; charset=UTF-8``; ``None`` when none is declared."""
    if not content_type:
        return None
    found = _HEADER_CHARSET.search(content_type)
    return found.group(1) if found else None


def decode_page(data: bytes, declared: str | None = None) -> Decoded:
    """The page as text. Never raises: a wrong or missing charset falls back with a note."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name)
    candidate = declared or _meta_charset(data)
    if candidate is not None:
        decoded = _try(data, candidate)
        if decoded is not None:
            return decoded
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        why = f"declared charset {candidate!r} did not fit" if candidate else "no charset declared"
        note = f"{why}; not valid UTF-8 either, decoded as windows-1252"
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", note)
    guessed = f"declared charset {candidate!r} did not fit; decoded as UTF-8" if candidate else None
    return Decoded(text, "utf-8", guessed)


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _try(data: bytes, name: str) -> Decoded | None:
    try:
        codec = codecs.lookup(name).name
        return Decoded(data.decode(codec), codec)
    except (LookupError, UnicodeDecodeError):
        return None
