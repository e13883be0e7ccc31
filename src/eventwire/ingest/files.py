"""Finding input files, and the checks both readers share: size, binary content, encoding."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.items import Skipped
from eventwire.settings import Settings

#: File extensions the readers understand (compared case-insensitively).
SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".jsonl", ".html", ".htm", ".warc", ".warc.gz", ".csv", ".parquet",
    ".urls", ".rss", ".atom", ".jsonl.gz", ".txt.gz", ".csv.gz", ".html.gz", ".htm.gz",
)  # fmt: skip
#: Suffixes that may come before ``.gz`` (read through :mod:`eventwire.ingest.gzfile`).
GZIP_INNER: tuple[str, ...] = (".warc", ".jsonl", ".txt", ".csv", ".html", ".htm")
#: How much of a file is looked at to decide whether it is binary.
HEAD_BYTES = 8192
#: Above this share of control bytes, undecodable content is called binary rather than mis-encoded.
CONTROL_SHARE = 0.05

BOM = codecs.BOM_UTF8
EMPTY_MESSAGE = "empty file"
BINARY_MESSAGE = "binary file, not text"
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
#: ``Skipped.kind`` of a file in a folder that no reader takes.
UNSUPPORTED = "unsupported"


def input_files(paths: Iterable[Path]) -> Iterator[Path | IngestError | Skipped]:
    """The files to read, in order: named files as given, directories walked in sorted order."""
    for path in paths:
        yield from _expand(Path(path))


def _expand(path: Path) -> Iterator[Path | IngestError | Skipped]:
    kind = _kind(path)
    if kind == "dir":
        yield from _walk(path, set())
    elif kind == "file":
        yield path if is_supported(path) else IngestError(str(path), unsupported_message(path))
    elif kind == "missing":
        yield IngestError(str(path), "no such file or directory; check the path")
    elif kind == "other":
        yield IngestError(str(path), "not a regular file or directory")
    else:
        yield IngestError(str(path), f"cannot access it: {kind}")


def _kind(path: Path) -> str:
    """``dir``, ``file``, ``other`` or ``missing`` (symlinks followed), else why stat failed."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "other" if os.path.lexists(path) else "missing"  # a dangling symlink is "other"
    except OSError as exc:
        return str(exc.strerror or exc)
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def _walk(directory: Path, seen: set[str]) -> Iterator[Path | IngestError | Skipped]:
    """Supported, non-hidden files under ``directory``, depth first, entries sorted by name; a
    :class:`Skipped` (kind ``unsupported``) for every other entry that is not hidden."""
    real = os.path.realpath(directory)
    if real in seen:  # a symlink loop: this directory is already being walked
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(str(directory), f"cannot list directory: {exc.strerror or exc}")
        entries = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        kind = _kind(entry)
        if kind == "dir":
            yield from _walk(entry, seen)
        elif kind == "file" and is_supported(entry):
            yield entry
        elif kind == "file":
            yield Skipped(str(entry), UNSUPPORTED, unsupported_message(entry))
        else:
            why = "not a regular file" if kind in ("other", "missing") else f"cannot access: {kind}"
            yield Skipped(str(entry), UNSUPPORTED, why)
    seen.discard(real)


def file_kind(path: Path) -> str:
    """The suffix that picks the reader: ``.warc.gz``, ``.jsonl.gz``... for gzip files, else the
    last suffix."""
    name = path.name.lower()
    if name.endswith(".gz"):
        inner = Path(name[: -len(".gz")]).suffix
        if inner in GZIP_INNER:
            return inner + ".gz"
    return path.suffix.lower()


def is_supported(path: Path) -> bool:
    return file_kind(path) in SUPPORTED_SUFFIXES


def unsupported_message(path: Path) -> str:
    kind = f"'{file_type(path)}'" if path.suffix else "(no extension)"
    known = ", ".join(SUPPORTED_SUFFIXES)
    return f"unsupported file type {kind}; eventwire reads {known}"


def file_type(path: Path) -> str:
    """``.jpg``, ``.tar.gz``: the suffix a user would name the type by ('' when there is none)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if (
        len(suffixes) == 2
        and suffixes[1] == ".gz"
        and suffixes[0].isascii()
        and len(suffixes[0]) <= 6
    ):
        return "".join(suffixes)
    return suffixes[-1] if suffixes else ""


def size_error(origin: str, size: int, settings: Settings) -> IngestError | None:
    """An error when a file of ``size`` bytes is over ``settings.max_file_bytes``."""
    if size <= settings.max_file_bytes:
        return None
    return IngestError(
        origin,
        f"file is {format_bytes(size)}, over the {format_bytes(settings.max_file_bytes)} "
        "limit (max_file_bytes); split it or raise the limit",
    )


def format_bytes(size: int) -> str:
    """``52.4 MB``, ``3.2 kB`` or ``120 bytes`` (decimal units)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def too_long_message(chars: int, settings: Settings) -> str:
    return (
        f"text is {chars:,} characters, over the {settings.max_article_chars:,} limit "
        "(max_article_chars); split the article or raise the limit"
    )


def read_failure(exc: OSError) -> str:
    return f"cannot read it: {exc.strerror or exc}"


def is_binary(head: bytes) -> bool:
    """True for a NUL byte, or undecodable bytes with many control characters, in ``head``."""
    if b"\0" in head:
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        controls = sum(1 for byte in head if _is_control(byte))
        return controls > CONTROL_SHARE * len(head)
    return False


def _is_control(byte: int) -> bool:
    return (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F


def split_bom(data: bytes) -> tuple[bytes, int]:
    """``data`` without a leading UTF-8 byte-order mark, and how many bytes were removed."""
    if data.startswith(BOM):
        return data[len(BOM) :], len(BOM)
    return data, 0


def utf8_message(exc: UnicodeDecodeError, *, offset: int = 0) -> str:
    """What is wrong with undecodable bytes: the first bad byte, counted from ``offset``."""
    return (
        f"not valid UTF-8 at byte {exc.start + offset}; re-encode it as UTF-8 "
        "(e.g. iconv -f cp1252 -t utf-8)"
    )
