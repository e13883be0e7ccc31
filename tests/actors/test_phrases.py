"""The actor-phrase engine on hand-made tables (invented names): normalisation, case rules,
longest match, stems, dated codes, precedence, and both readers feeding it alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.actors.dictionaries import ActorDictionary, DictRecord, load_dictionaries
from eventwire.actors.lexicon import CountryEntry, Lexicon, Namesakes, pick_person
from eventwire.actors.phrases import (
    Case,
    DatedCode,
    DatedCodes,
    Match,
    MatchMemo,
    Pattern,
    PhraseEngine,
    PhraseTable,
    phrase_key,
    variants,
    written_case,
)
from eventwire.actors.resolve import actor_phrases


def _tokens(text: str) -> list[str]:
    """Words each followed by a space, as the engine takes them (spaCy's ``text_with_ws``)."""
    return [f"{word} " for word in text.split()]


def _table(*patterns: Pattern[str], loose: bool = False) -> PhraseTable[str]:
    return PhraseTable("test", patterns, loose=loose)


def _found(table: PhraseTable[str], text: str) -> str | None:
    pattern = table.find(text)
    return pattern.value if pattern is not None else None


# -- normalisation ---------------------------------------------------------------------------


def test_keys_are_folded_words_and_punctuation_marks() -> None:
    assert phrase_key("NICOLAS_MADURO_") == ("nicolas", "maduro")
    assert phrase_key("Bogotá") == phrase_key("BOGOTA")
    assert phrase_key("Côte d’Ivoire") == ("cote", "d", "'", "ivoire")
    assert phrase_key("U.N.") == ("u", ".", "n", ".")
    assert phrase_key("the U.S.", loose=True) == ("us",)  # loose: no "the", no periods


def test_a_possessive_is_tried_after_the_phrase_as_written() -> None:
    assert variants("Ruritania's") == ("Ruritania's", "Ruritania")
    assert variants("RURITANIA’S") == ("RURITANIA'S", "RURITANIA")
    assert variants("the U.S.'s", loose=True) == ("U.S.'s", "US")
    assert variants("Ruritania") == ("Ruritania",)
    table = _table(Pattern("Ruritania", "RUR", Case.CAPITAL))
    assert _found(table, "Ruritania's") == "RUR"
    assert _found(table, "Ruritanias") is None


def test_loose_tables_ignore_the_and_initialism_periods_strict_ones_do_not() -> None:
    loose = _table(Pattern("US", "USA", Case.CAPITALS), Pattern("Kremlin", "RUSGOV"), loose=True)
    strict = _table(Pattern("U.N._", "IGOUNO", Case.CAPITAL), Pattern("KREMLIN_", "RUSGOV"))
    assert _found(loose, "U.S.") == "USA" and _found(loose, "the U.S.") == "USA"
    assert _found(loose, "the Kremlin") == "RUSGOV"
    assert _found(strict, "U.N.") == "IGOUNO" and _found(strict, "U. N.") == "IGOUNO"
    assert _found(strict, "UN") is None  # "U.N._" and "UN_" are different PETRARCH phrases
    assert _found(strict, "the Kremlin") is None  # "the" only where it is written


# -- case rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "case"),
    [
        ("US", Case.CAPITALS),
        ("U.S.", Case.CAPITALS),
        ("G7", Case.CAPITALS),
        ("China", Case.CAPITAL),
        ("NATO", Case.CAPITAL),  # four letters: an ordinary capitalised word
        ("South Korea", Case.ANY),
        ("police", Case.ANY),
    ],
)
def test_the_case_rule_follows_how_an_alias_is_written(alias: str, case: Case) -> None:
    assert written_case(alias, loose=True) is case


def test_case_rules() -> None:
    table = _table(
        Pattern("US", "USA", Case.CAPITALS),
        Pattern("Chad", "TCD", Case.CAPITAL),
        Pattern("security forces", "COP", Case.ANY),
        loose=True,
    )
    assert [_found(table, t) for t in ("US", "us", "Us", "US's")] == ["USA", None, None, "USA"]
    assert [_found(table, t) for t in ("Chad", "CHAD", "chad", "the Chad")] == [
        "TCD",
        "TCD",
        None,
        "TCD",
    ]
    assert _found(table, "Security Forces") == _found(table, "security forces") == "COP"


def test_a_key_holds_a_capitals_pattern_and_another_the_capitals_one_first() -> None:
    table = _table(
        Pattern("WHO", "IGOWHO", Case.CAPITALS),
        Pattern("who", "pronoun", Case.ANY),
        Pattern("Who", "band", Case.CAPITAL),  # replaces "who": the same key and kind
    )
    assert _found(table, "WHO") == "IGOWHO"
    assert _found(table, "Who") == "band"
    assert _found(table, "who") is None
    assert len(table) == 2


# -- stems, first words and the longest match ------------------------------------------------


def test_stems_whole_words_first_longer_stems_first() -> None:
    table = _table(
        Pattern("ARGENTIN", "ARG", Case.CAPITAL, stem=True),
        Pattern("ARGENTINA_", "ARGGOV", Case.CAPITAL),
        Pattern("ARG", "XXX", Case.CAPITAL, stem=True),
    )
    assert _found(table, "Argentinian") == "ARG"
    assert _found(table, "Argentina") == "ARGGOV"
    assert _found(table, "Argos") == "XXX"
    assert table.longest_from("Argentinians") >= 1 and table.longest_from("Brazil") == 0


def test_first_word_index_counts_words_and_punctuation() -> None:
    table = _table(Pattern("Tehreek-e-Taliban Pakistan", "PAKREBTTP"), loose=True)
    # The first word as a tokenizer splits it ("Tehreek", "-", "e", ...), plus a possessive.
    assert table.longest_from("Tehreek") == 7
    assert table.longest_from("Taliban") == 0


def test_longest_match_first_and_a_rejected_match_gives_way() -> None:
    table = _table(
        Pattern("Red Cross", "NGOCRC"),
        Pattern("Red Cross Society", "NGOCRS"),
        Pattern("Red", "COLOUR"),
    )
    engine = PhraseEngine([[table]])
    found = list(engine.matches(_tokens("Red Cross Society said")))
    assert [(m.value, m.length) for m in found] == [("NGOCRS", 3), ("NGOCRC", 2), ("COLOUR", 1)]
    assert [m.length for m in engine.matches(_tokens("Red Cross Society said"), stop=2)] == [2, 1]
    assert list(engine.matches(_tokens("said Red"))) == []


def test_a_memo_gives_the_matches_of_a_fresh_lookup_at_every_position() -> None:
    table = _table(
        Pattern("Red Cross", "NGOCRC"),
        Pattern("RED", "COLOUR-CAPS", Case.CAPITALS),
        Pattern("Red", "COLOUR", Case.CAPITAL),
        Pattern("ARGENTIN", "ARG", stem=True),
    )
    engine = PhraseEngine([[table], [_table(Pattern("Cross", "MOOD"), loose=True)]])
    tokens = _tokens("Red Cross and RED cross , red Cross , Argentina 's Red Cross")
    memo = MatchMemo()
    for _ in range(2):  # the second pass reads everything from the memo
        for start in range(len(tokens)):
            for stop in (None, start + 1):
                fresh = list(engine.matches(tokens, start, stop))
                assert list(engine.matches(tokens, start, stop, memo=memo)) == fresh
    assert memo.found and memo.longest


def test_a_bounded_memo_starts_again_when_full() -> None:
    engine = PhraseEngine([[_table(Pattern("Red Cross", "NGOCRC"))]])
    memo = MatchMemo()
    list(engine.matches(_tokens("Red Cross"), memo=memo))
    assert memo.bounded(10) is memo and memo.found
    assert not memo.bounded(1).found and not memo.longest


# -- dated codes -----------------------------------------------------------------------------

_ROLES = (
    DatedCode("RURLEG", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    DatedCode("RURGOV", dt.date(2002, 1, 1), dt.date(2006, 12, 31)),
)


@pytest.mark.parametrize(
    ("date", "petrarch", "person"),
    [
        (dt.date(1985, 1, 1), "RUROPP", "RUR"),  # before the first role: the bare country
        (dt.date(1990, 1, 1), "RURLEG", "RURLEG"),  # on the first day
        (dt.date(2000, 1, 1), "RUROPP", "RURELI"),  # between: nearer the first, which ended
        (dt.date(2001, 12, 1), "RUROPP", "RUR"),  # nearer the second, not begun yet
        (dt.date(2006, 12, 31), "RURGOV", "RURGOV"),  # on the last day
        (dt.date(2019, 1, 1), "RUROPP", "RURELI"),  # after the last role: a former official
        (None, "RURGOV", "RURGOV"),  # undated: the code that runs latest
    ],
)
def test_dated_codes_on_before_and_after_a_role(
    date: dt.date | None, petrarch: str, person: str
) -> None:
    with_default = DatedCodes((*_ROLES, DatedCode("RUROPP")))  # PETRARCH: [RUROPP] default
    assert with_default.on(date) == petrarch
    assert DatedCodes(_ROLES, former=True).on(date) == person
    assert DatedCodes(_ROLES).on(date) == (person if person in ("RURLEG", "RURGOV") else None)


def test_dated_code_ties_and_codes_naming_no_country() -> None:
    overlapping = DatedCodes(
        (
            DatedCode("AAAGOV", dt.date(2000, 1, 1), dt.date(2010, 1, 1)),
            DatedCode("AAALEG", dt.date(2005, 1, 1), dt.date(2010, 1, 1)),
        )
    )
    assert overlapping.on(dt.date(2006, 1, 1)) == "AAAGOV"  # the first written that holds
    assert overlapping.on(None) == "AAAGOV"  # the same end: the first written
    un = DatedCodes((DatedCode("IGOUNO", dt.date(1997, 1, 1), dt.date(2006, 12, 31)),), former=True)
    assert un.on(dt.date(2015, 1, 1)) == "IGOUNO" and un.distance(dt.date(2007, 1, 1)) == 1


# -- precedence ------------------------------------------------------------------------------


def test_an_earlier_rank_wins_over_a_longer_match_of_a_later_rank() -> None:
    dictionary = _table(Pattern("RUDOLF_", "dict"))
    lexicon_a = _table(Pattern("King Rudolf", "org"), Pattern("Rudolf", "org-short"), loose=True)
    lexicon_b = _table(Pattern("King Rudolf", "country"), loose=True)
    engine = PhraseEngine([[dictionary], [lexicon_a, lexicon_b]])
    at_king = [(m.value, m.length) for m in engine.matches(_tokens("King Rudolf V"))]
    assert at_king == [("org", 2), ("country", 2)]  # equal length: the earlier table first
    at_rudolf = [(m.value, m.length) for m in engine.matches(_tokens("King Rudolf V"), 1)]
    assert at_rudolf == [("dict", 1), ("org-short", 1)]  # the dictionary's rank first


def test_the_actor_engine_puts_dictionaries_first_and_agents_last(tmp_path: Path) -> None:
    (tmp_path / "Test.actors.txt").write_text("RURITANIA_ [RUR]\n", encoding="utf-8")
    (tmp_path / "Test.agents.txt").write_text("ENVOY [~GOV]\n", encoding="utf-8")
    dictionary = load_dictionaries(tmp_path, cache=False, strict=True)
    engine = actor_phrases(Lexicon.builtin(), dictionary)
    assert [[t.name for t in rank] for rank in engine.ranks] == [
        ["dictionary"],
        ["organisations", "countries", "roles", "people", "groups"],
        ["agents"],
    ]
    assert [m.table for m in engine.matches(_tokens("Ruritania"))] == ["dictionary"]
    assert [m.table for m in engine.matches(_tokens("envoy"))] == ["roles", "agents"]
    assert [[t.name for t in r] for r in actor_phrases(Lexicon.builtin()).ranks] == [
        ["organisations", "countries", "roles", "people", "groups"]
    ]


# -- both readers feed the same engine -------------------------------------------------------

_TSV_COUNTRIES = "Ruritania\tRUR\tname\nRuritanian\tRUR\tdemonym\n"
_TSV_PEOPLE = (
    "Rudolf Elphberg;Elphberg\tRURLEG\t1990-01-01\t1999-12-31\n"
    "Rudolf Elphberg\tRURGOV\t2002-01-01\t2006-12-31\n"
)
_PETRARCH = """\
RURITANIA_ [RUR]
+RURITANIAN_
RUDOLF_ELPHBERG_
+ELPHBERG_
\t[RURLEG 900101-991231]
\t[RURGOV 020101-061231]
"""
_CSV = """\
name,aliases,code,valid_from,valid_to
Ruritania,Ruritanian,RUR,,
Rudolf Elphberg,Elphberg,RURLEG,1990-01-01,1999-12-31
Rudolf Elphberg,,RURGOV,2002-01-01,2006-12-31
"""
_TEXT = "Ruritanian leader Rudolf Elphberg met Elphberg's rival in Ruritania's capital"


def _codes(engine: PhraseEngine, date: dt.date) -> list[tuple[int, int, str]]:
    """(start, length, code) of the first match with a code at each token, left to right."""
    tokens, found, i = _tokens(_TEXT), [], 0
    while i < len(tokens):
        code = next(
            ((m.length, c) for m in engine.matches(tokens, i) if (c := _code(m, date))), None
        )
        if code is None:
            i += 1
            continue
        found.append((i, *code))
        i += code[0]
    return found


def _code(match: Match, date: dt.date) -> str | None:
    value = match.value
    if isinstance(value, CountryEntry):
        return value.iso3
    if isinstance(value, Namesakes):
        picked = pick_person(value.people, date)
        return picked[1] if picked else None
    assert isinstance(value, DictRecord)
    return value.codes.on(date)


@pytest.mark.parametrize("date", [dt.date(1995, 6, 1), dt.date(2004, 6, 1)])
def test_our_tables_and_petrarch_files_give_the_same_matches(tmp_path: Path, date: dt.date) -> None:
    (tmp_path / "countries.tsv").write_text(_TSV_COUNTRIES, encoding="utf-8")
    (tmp_path / "people.tsv").write_text(_TSV_PEOPLE, encoding="utf-8")
    lexicon = Lexicon.from_files(
        countries=tmp_path / "countries.tsv", people=tmp_path / "people.tsv", builtin=False
    )
    (tmp_path / "Test.actors.txt").write_text(_PETRARCH, encoding="utf-8")
    (tmp_path / "mine.csv").write_text(_CSV, encoding="utf-8")
    petrarch: ActorDictionary = load_dictionaries(tmp_path / "Test.actors.txt", cache=False)
    ours: ActorDictionary = load_dictionaries(tmp_path / "mine.csv", cache=False)

    from_tsv = _codes(actor_phrases(lexicon), date)
    assert from_tsv == _codes(PhraseEngine([[petrarch.actors]]), date)
    assert from_tsv == _codes(PhraseEngine([[ours.actors]]), date)
    role = "RURLEG" if date.year < 2000 else "RURGOV"
    assert from_tsv == [(0, 1, "RUR"), (2, 2, role), (5, 1, role), (8, 1, "RUR")]


def test_may_start_says_where_matches_can_be_found() -> None:
    engine = PhraseEngine(
        [[_table(Pattern("Red Cross", "NGOCRC"))], [_table(Pattern("ARGENTIN", "ARG", stem=True))]]
    )
    memo = MatchMemo()
    tokens = _tokens("the Red Cross in Argentina")
    starts = [engine.may_start(token, memo) for token in tokens]
    assert starts == [False, True, False, False, True]
    assert [bool(list(engine.matches(tokens, k))) for k in range(len(tokens))] == starts
