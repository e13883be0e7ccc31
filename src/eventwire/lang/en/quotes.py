"""English words for the quote finder (read through :func:`eventwire.lang.language_data`).

The speech verbs themselves are in ``speech_verbs.tsv``.
"""

from __future__ import annotations

from typing import Final

from eventwire.lang import QuoteWords

QUOTES: Final = QuoteWords(
    # Short function words English title case leaves in lower case (articles, short
    # prepositions and conjunctions).
    title_small_words=frozenset(
        (  # noqa: SIM905 (a word list reads better than quoted strings)
            "a an the and but or nor for so yet of in on at to by up as via with from into"
            " over off per than vs v"
        ).split()
    ),
    statement_nouns=frozenset(
        (  # noqa: SIM905
            "statement interview letter post message speech tweet posting remarks email"
            " release briefing communique communiqué video"
        ).split()
    ),
    fragment_words=2,
    transcript_labels=frozenset({"q", "a", "question", "answer"}),
)
