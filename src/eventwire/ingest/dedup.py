"""Duplicate detection: exact (hash of the body text) and near (MinHash over word shingles).

Syndicated wire stories differ in headline, boilerplate and small edits; the fingerprint is taken
over the body paragraphs only (boilerplate trimmed by :func:`eventwire.text.with_paragraphs`),
lower-cased word 5-shingles, 128 permutations, banded 32 x 4 for lookup (a pair at Jaccard 0.7
is a candidate with p > 0.999) and checked against the full signature (``near_duplicate``,
default 0.7; unrelated stories score below 0.05).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eventwire.chars import strip_invisible
from eventwire.model import Article
from eventwire.text import with_paragraphs

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
_PRIME = np.uint64((1 << 31) - 1)
_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint64]


def _permutations() -> tuple[Signature, Signature]:
    """Fixed (seeded) coefficients, so fingerprints compare across runs and machines."""
    rng = np.random.default_rng(20240229)
    a = rng.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
    a.flags.writeable = False
    b.flags.writeable = False
    return a, b


_A, _B = _permutations()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    text_hash: str  # exact: the body text, whitespace and case folded
    signature: Signature  # MinHash values, one per permutation
    keys: tuple[int, ...]  # lookup keys: the exact hash, then one per band

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.mean(self.signature == other))

    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u8").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def body_text(article: Article) -> str:
    """The article's body paragraphs, normalised (no headline, no trailing boilerplate), from
    its paragraphs (classified here only when they are not yet: see :func:`with_paragraphs`)."""
    text = article.norm_text
    paragraphs = with_paragraphs(article).paragraphs
    kept = [p.span.text_of(text) for p in paragraphs if p.kind == "body"]
    return "\n".join(kept) if kept else text


def fingerprint(article: Article) -> Fingerprint:
    """The fingerprint of the article's body; give it the article :func:`with_paragraphs` made,
    and keep that one, so that its paragraphs are classified once."""
    words = _WORD.findall(strip_invisible(body_text(article)).lower())
    text_hash = hashlib.blake2b(" ".join(words).encode(), digest_size=8).hexdigest()
    signature = minhash(words)
    return Fingerprint(
        text_hash, signature, (_key("x", text_hash.encode()), *_band_keys(signature))
    )


def minhash(words: list[str]) -> Signature:
    shingles = _shingle_hashes(words)
    if shingles.size == 0:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    values = (np.outer(shingles, _A) + _B) % _PRIME  # (shingles, permutations), < 2^63
    result: Signature = values.min(axis=0)
    return result


def _shingle_hashes(words: list[str]) -> Signature:
    count = max(1, len(words) - SHINGLE + 1) if words else 0
    hashes = {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(count)}
    return np.fromiter(hashes, dtype=np.uint64, count=len(hashes))


def _band_keys(signature: Signature) -> Iterable[int]:
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        yield _key(str(band), chunk)


def _key(prefix: str, data: bytes) -> int:
    digest = hashlib.blake2b(prefix.encode() + data, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)  # fits DuckDB BIGINT
