"""Before the pipeline: skip unwanted languages, and record duplicates instead of processing them.

One :class:`Screen` per run. Duplicates are found against the stored fingerprints (one query per
batch) and against the articles of this run not stored yet; the rows it returns are written in
the same transaction as the batch, so a killed run leaves no half-recorded copy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from eventwire.ingest.dedup import Fingerprint, Signature, fingerprint, signature_from_bytes
from eventwire.ingest.items import FileDone, Skipped
from eventwire.ingest.language import LanguageGate
from eventwire.model import Article, content_id
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.store.rows import Row
from eventwire.store.screening import band_candidates, file_articles, known_copies
from eventwire.text import with_paragraphs

#: A stored or pending article a new one may copy: its key, text hash and signature.
Candidate = tuple[str, str, Signature]


@dataclass
class Sifted:
    """What is left to process, and the bookkeeping rows to store with the batch."""

    todo: list[Article] = field(default_factory=list)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    copies: int = 0
    copy_of: list[tuple[Article, str, str]] = field(default_factory=list)  # copy, original, kind
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)


class Screen:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.mode = settings.dedup
        self.threshold = settings.near_duplicate
        self.gate = LanguageGate(settings.languages)
        self._pending: dict[int, list[Candidate]] = {}
        self._pending_keys: dict[str, tuple[int, ...]] = {}

    def sift(self, batch: list[Article]) -> Sifted:
        sifted = Sifted()
        known_copies = set() if self.mode == "off" else self._known_copies([a.id for a in batch])
        fresh = [a for a in batch if a.id not in known_copies]
        sifted.unchanged = len(batch) - len(fresh)
        checked = [self._with_language(article, sifted) for article in fresh]
        wanted = [article for article in checked if article is not None]
        if self.mode == "off":
            sifted.todo = wanted
            return sifted
        # Paragraphs classified here for the body fingerprint travel on with the article: the
        # ``normalise`` stage does not classify them again.
        prints = [(article, fingerprint(article)) for article in map(with_paragraphs, wanted)]
        stored = self._stored_candidates(k for _, fp in prints for k in self._keys(fp))
        for article, fp in prints:
            self._place(article, fp, stored, sifted)
        return sifted

    def stored(self, keys: Iterable[str]) -> None:
        """These articles are in the database now: look them up there from now on."""
        for key in keys:
            for band in self._pending_keys.pop(key, ()):
                entries = [c for c in self._pending.get(band, []) if c[0] != key]
                if entries:
                    self._pending[band] = entries
                else:
                    self._pending.pop(band, None)

    # -- language -----------------------------------------------------------------------------
    def _with_language(self, article: Article, sifted: Sifted) -> Article | None:
        """The article with its language recorded, or ``None`` when it is skipped for it."""
        language, reason = self.gate.check(article)
        if reason is None:
            return replace(article, language=language)
        sifted.skipped["language"] += 1
        sifted.add(
            "skipped", skipped_row(Skipped(article.origin or article.id, "language", reason))
        )
        return None

    # -- duplicates ---------------------------------------------------------------------------
    def _keys(self, fp: Fingerprint) -> tuple[int, ...]:
        return fp.keys[:1] if self.mode == "exact" else fp.keys

    def _place(
        self, article: Article, fp: Fingerprint, stored: dict[int, list[Candidate]], sifted: Sifted
    ) -> None:
        found = self._original(article.id, fp, stored)
        if found is None:
            self._remember(article.id, fp, sifted)
            sifted.todo.append(article)
            return
        original, kind, similarity = found
        sifted.copies += 1
        sifted.copy_of.append((article, original, kind))
        sifted.add("copies", copy_row(article, original, kind, similarity))

    def _original(
        self, key: str, fp: Fingerprint, stored: dict[int, list[Candidate]]
    ) -> tuple[str, str, float] | None:
        best: tuple[str, str, float] | None = None
        for band in self._keys(fp):
            for other, text_hash, signature in (
                *stored.get(band, ()),
                *self._pending.get(band, ()),
            ):
                if other == key:
                    continue
                if text_hash == fp.text_hash:
                    return other, "exact", 1.0
                similarity = fp.similarity(signature)
                if similarity >= self.threshold and (best is None or similarity > best[2]):
                    best = (other, "near", similarity)
        return best

    def _remember(self, key: str, fp: Fingerprint, sifted: Sifted) -> None:
        keys = self._keys(fp)
        for band in keys:
            self._pending.setdefault(band, []).append((key, fp.text_hash, fp.signature))
        self._pending_keys[key] = keys
        sifted.add("fingerprints", {
            "article_key": key, "text_hash": fp.text_hash, "signature": fp.signature_bytes(),
        })  # fmt: skip
        for band in keys:
            sifted.add("bands", {"band": band, "article_key": key})

    # -- store look-ups -----------------------------------------------------------------------
    def _known_copies(self, ids: list[str]) -> set[str]:
        return known_copies(self.store, ids)

    def _stored_candidates(self, keys: Iterable[int]) -> dict[int, list[Candidate]]:
        found = band_candidates(self.store, keys)
        out: dict[int, list[Candidate]] = {}
        for row in found:
            candidate = (
                row["article_key"],
                row["text_hash"],
                signature_from_bytes(row["signature"]),
            )
            out.setdefault(row["band"], []).append(candidate)
        return out


def copy_row(article: Article, original: str, kind: str, similarity: float) -> Row:
    return {
        "copy_id": article.id, "article_key": original, "kind": kind,
        "similarity": round(similarity, 4), "origin": article.origin, "source": article.source,
        "url": article.url, "title": article.title,
    }  # fmt: skip


def skipped_row(item: Skipped) -> Row:
    skip_id = content_id(item.origin, item.kind)
    return {"skip_id": skip_id, "origin": item.origin, "kind": item.kind, "reason": item.reason}


def file_row(done: FileDone, variant: str) -> Row:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return {"path": done.path, "variant": variant, "size": done.size, "mtime_ns": done.mtime_ns,
            "articles": done.articles, "read_at": now}  # fmt: skip


def byline_rows(articles: Iterable[Article]) -> list[Row]:
    return [{"article_key": a.id, "author": a.author} for a in articles if a.author]


@dataclass
class KnownFiles:
    """For :func:`eventwire.ingest.read_inputs`: articles a file held when it was read before."""

    store: Store
    variant: str = ""  # the run's overrides (--source, --date): they change article ids

    def __call__(self, done: FileDone) -> int | None:
        return file_articles(self.store, done.path, self.variant, done.size, done.mtime_ns)
