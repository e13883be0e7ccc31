"""Reading input files (.txt and .jsonl) into :class:`~eventwire.model.Article` records."""

from eventwire.ingest.reader import read_paths

__all__ = ["read_paths"]
