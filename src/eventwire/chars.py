"""Character normalisation for the NLP, with every offset still pointing into the original text.

Two steps, both undone for every stored offset:

- :func:`compact_invisible` removes characters that are invisible and carry no letters: format
  characters (Unicode category Cf: soft hyphen, zero-width space/joiner/non-joiner, word joiner,
  left-to-right and right-to-left marks, bidi embeddings and isolates, a byte-order mark inside
  the text) and control characters other than tab, newline, carriage return, vertical tab and
  form feed (NUL and the like). The text shrinks, so it comes with an :class:`OffsetMap` from the
  compact text back to the original; ``None`` when there was nothing to remove (the usual case).
- :func:`normalise_chars` replaces typographic quotes, odd apostrophes and exotic spaces one for
  one, so offsets into its result are offsets into its input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",  # ‘ left single quote, often used as an apostrophe on scraped pages
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′ prime
        "\u00b4": "'",  # ´ acute accent used as apostrophe
        "\u0060": "'",  # ` grave accent used as apostrophe
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″ double prime
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u2009": " ",  # thin space
        "\u202f": " ",
        "\u200b": " ",  # zero-width space (removed before, by compact_invisible, in the pipeline)
        "\ufeff": " ",  # stray byte-order mark (likewise)
    }
)

#: Tokens that are double quotation marks in a parse: straight, typographic, and the Penn
#: Treebank's '' and `` (spaCy's tags for them).
QUOTE_TOKENS = frozenset({'"', "\u201c", "\u201d", "''", "``"})

#: Invisible characters: control characters but tab, newline, CR, vertical tab and form feed;
#: format characters (Cf) that never show: soft hyphen, Arabic letter mark, Mongolian vowel
#: separator, zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings, overrides and
#: isolates, word joiner and invisible operators, deprecated format characters, a byte-order mark
#: inside the text, interlinear annotation marks, shorthand and musical format controls, tags.
#: (Cf characters that render, such as the Arabic number signs U+0600-U+0605, are kept.)
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]+"
)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Where each character of a compact text was in the original text.

    ``breaks[k]`` is a position in the compact text at which ``shifts[k]`` characters in all had
    been removed before it: the character at compact position ``i`` is at original position
    ``i + shifts[k]`` for the last ``breaks[k] <= i``.
    """

    breaks: tuple[int, ...]
    shifts: tuple[int, ...]

    def original(self, position: int) -> int:
        """The original position of the compact text's character at ``position``."""
        k = bisect_right(self.breaks, position)
        return position + (self.shifts[k - 1] if k else 0)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of a compact one: from its first to its last character,
        so that invisible characters inside it are inside, and those around it are not."""
        if end <= start:
            first = self.original(start)
            return first, first
        return self.original(start), self.original(end - 1) + 1


def compact_invisible(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` without invisible characters, and the map back (``None``: nothing removed)."""
    if INVISIBLE.search(text) is None:
        return text, None
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    cursor = removed = kept = 0
    for match in INVISIBLE.finditer(text):
        pieces.append(text[cursor : match.start()])
        kept += match.start() - cursor
        removed += match.end() - match.start()
        breaks.append(kept)
        shifts.append(removed)
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces), OffsetMap(tuple(breaks), tuple(shifts))


def strip_invisible(text: str) -> str:
    """``text`` without invisible characters (for fingerprints and look-ups, not offsets)."""
    return INVISIBLE.sub("", text)


def normalise_chars(text: str) -> str:
    """Typographic quotes, odd apostrophes and exotic spaces to ASCII; same length as ``text``."""
    return text.translate(_CHAR_MAP)
