"""Quotes and attribution: who said what, linked to the article's actors and events.

- :mod:`~eventwire.quotes.marks` — direct quotes from quotation marks;
- :mod:`~eventwire.quotes.speakers` — cue words and speaker resolution;
- :mod:`~eventwire.quotes.reported` — the content of reported (indirect) speech;
- :mod:`~eventwire.quotes.events` — events from quotes whose cue is an action;
- :mod:`~eventwire.quotes.finder` — the ``quotes`` stage that ties them together.
"""

from eventwire.quotes.finder import QuoteFinder
from eventwire.quotes.marks import direct_quote_spans

__all__ = ["QuoteFinder", "direct_quote_spans"]
