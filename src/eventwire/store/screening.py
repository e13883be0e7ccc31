"""The look-ups the ingest screen and the incremental reader need: copies, fingerprints, files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eventwire.store.database import Store


def known_copies(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are recorded as copies of another article."""
    if not ids:
        return set()
    marks = ",".join("?" for _ in ids)
    found = store.query(f"SELECT copy_id FROM copies WHERE copy_id IN ({marks})", list(ids))
    return {row["copy_id"] for row in found}


def public_ids(store: Store, keys: Iterable[str]) -> dict[str, str]:
    """The id users see (external id, else content id) of each stored article key."""
    wanted = list(set(keys))
    if not wanted:
        return {}
    marks = ",".join("?" for _ in wanted)
    found = store.query(
        f"SELECT id, coalesce(external_id, id) AS public FROM articles WHERE id IN ({marks})",
        wanted,
    )
    return {row["id"]: row["public"] for row in found}


def band_candidates(store: Store, bands: Iterable[int]) -> list[dict[str, Any]]:
    """Stored fingerprints sharing an LSH band: rows of band, article_key, text_hash, signature."""
    wanted = list(set(bands))
    if not wanted:
        return []
    marks = ",".join("?" for _ in wanted)
    return store.query(
        "SELECT b.band, f.article_key, f.text_hash, f.signature FROM bands b "
        f"JOIN fingerprints f USING (article_key) WHERE b.band IN ({marks})",
        wanted,
    )


def file_articles(store: Store, path: str, variant: str, size: int, mtime_ns: int) -> int | None:
    """How many articles a file held when it was read before unchanged (``None``: not read)."""
    found = store.query(
        "SELECT articles FROM files WHERE path = ? AND variant = ? AND size = ? AND mtime_ns = ?",
        [path, variant, size, mtime_ns],
    )
    return int(found[0]["articles"]) if found else None
