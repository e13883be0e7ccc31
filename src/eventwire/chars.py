"""One-for-one character normalisation: offsets into the result are offsets into the input."""

from __future__ import annotations

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
        "\u200b": " ",  # zero-width space
        "\ufeff": " ",  # stray byte-order mark
    }
)


def normalise_chars(text: str) -> str:
    """Typographic quotes, odd apostrophes and exotic spaces to ASCII; same length as ``text``."""
    return text.translate(_CHAR_MAP)
