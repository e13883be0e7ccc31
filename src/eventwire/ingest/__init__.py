"""Reading inputs (text, JSONL, HTML, WARC, CSV, Parquet, feeds, URLs) into articles."""

from eventwire.ingest.items import FileDone, Item, Skipped
from eventwire.ingest.reader import Inputs, read_inputs, read_paths

__all__ = ["FileDone", "Inputs", "Item", "Skipped", "read_inputs", "read_paths"]
