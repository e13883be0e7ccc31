"""Country names with one wrong letter (issue 15): found, and not found where they should not be."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.misspelt import MisspeltCountries, one_edit, subdivision_words
from eventwire.model import Article


@pytest.fixture(scope="module")
def misspelt() -> MisspeltCountries:
    return MisspeltCountries.of(Lexicon.builtin().country_names(), known=subdivision_words())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("afganistan", "afghanistan", True), ("ukriane", "ukraine", True),
     ("venezuala", "venezuela", True), ("nigeira", "nigeria", True),
     ("nigeria", "nigeria", False), ("phillipines", "philippines", False),
     ("ab", "abcd", False)],
)  # fmt: skip
def test_one_edit(a: str, b: str, expected: bool) -> None:
    assert one_edit(a, b) is expected
    assert one_edit(b, a) is expected


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Afganistan", "AFG"), ("Ukriane", "UKR"), ("Ethopia", "ETH"), ("Isreal", "ISR")],
)
def test_misspelt_names(misspelt: MisspeltCountries, word: str, iso3: str) -> None:
    assert misspelt.country(word) == iso3


@pytest.mark.parametrize(
    "word",
    ["Ukraine",  # the name itself is the lexicon's
     "ukriane",  # not capitalised
     "Bali", "Malí",  # under six letters
     "Columbia", "Granada",  # places of their own (ISO 3166-2 subdivision names)
     "Americas",  # a plural, not a misspelling
     "Phillipines"],  # two edits
)  # fmt: skip
def test_not_misspellings(misspelt: MisspeltCountries, word: str) -> None:
    assert misspelt.country(word) is None


def test_a_misspelt_country_is_an_actor_in_an_event(process: Callable[..., Article]) -> None:
    article = process("Afganistan condemned Pakstan on Monday.")
    assert [(m.code, m.rule) for m in article.mentions] == [
        ("AFG", "country:misspelt"), ("PAK", "country:misspelt")
    ]  # fmt: skip
    assert [(e.source and e.source.code, e.target and e.target.code) for e in article.events] == [
        ("AFG", "PAK")
    ]


def test_a_person_is_not_a_misspelt_country(process: Callable[..., Article]) -> None:
    article = process("Angela Merkel met Frances Smith in Berlin.")
    assert all(m.rule != "country:misspelt" for m in article.mentions)


def _every_name_compared(misspelt: MisspeltCountries, word: str) -> str | None:
    """The country the word misspells, comparing it with every name of a near length."""
    if len(word) < 6 or not word.isalpha() or not word[0].isupper():
        return None
    folded = word.lower()
    if folded in misspelt.known:
        return None
    codes = {
        iso3
        for length in (len(word) - 1, len(word), len(word) + 1)
        for name, iso3 in misspelt.by_length.get(length, ())
        if name != folded and folded != name + "s" and one_edit(folded, name)
    }
    return codes.pop() if len(codes) == 1 else None


def test_deletion_index_finds_what_comparing_every_name_finds(misspelt: MisspeltCountries) -> None:
    """The look-up by one-letter-deletion keys (issue 18) answers as comparing with every name:
    on every insertion, deletion, change and swap of a few names, and on other words."""
    words = ["Angela", "Brussels", "Germanys", "Frances", "Columbia", "Kyivan", "Zzzzzzzz"]
    for name in ("afghanistan", "ukraine", "nigeria", "germany"):
        for i in range(len(name) + 1):
            words.append(name[:i] + name[i + 1 :])
            words.append(name[:i] + "x" + name[i:])
            words.append(name[:i] + "e" + name[i + 1 :])
            words.append(name[:i] + name[i + 1 : i + 2] + name[i : i + 1] + name[i + 2 :])
    found = 0
    for word in {w.capitalize() for w in words}:
        expected = _every_name_compared(misspelt, word)
        assert misspelt.country(word) == expected, word
        found += expected is not None
    assert found > 20
