"""The CAMEO verb-pattern dictionary: parsing (a tiny file written here) and use by the coder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.errors import DictionaryError
from eventwire.events.patterns import (
    VERB_FILE,
    Code,
    VerbPatterns,
    Word,
    cached_verb_patterns,
    load_verb_patterns,
    match_verb,
    parse_verb_patterns,
    patterns_for,
)
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

# A small dictionary in the CAMEO.2.0.txt format, with made-up blocks.
TINY = """\
# a comment line
####### SYNONYM SETS #######

&ARMY
+SOLDIER
+ARMED_FORCES_

&WORDS_
+TALK

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
REPRIMAND {REPRIMANDS REPRIMANDED}  # a comment after the verb
CHIDE [112] ; legacy comment
- * (FOR {RIGHTS ABUSES})                  [1122]   # SCOLD
- * &ARMY                                  [111]    # SCOLD
- * (FOR)                                  [112]
- * LIGHTLY                                [---]

---  REGISTER   [---]  ---
REGISTER
+HAND_OVER {+HANDS_OVER +HANDED_OVER +HANDING_OVER} [072]
- * PROTEST                                [140]
- * {FORMAL PROTEST} (WITH +)              [141]
- + BEEN * BY $                            [:110]
- * &UNDEFINED                             [999]

---  GREET   [:042]  ---
GREET

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


def _tiny(tmp_path: Path, text: str = TINY) -> Path:
    path = tmp_path / VERB_FILE
    path.write_text(text, encoding="utf-8")
    return path


def _words(text: str, start: int = 0) -> list[Word]:
    return [Word(w, w, start + i) for i, w in enumerate(text.lower().split())]


def _match(patterns: VerbPatterns, verb: str, after: str, before: str = "") -> str | None:
    found = match_verb(
        patterns, lemma=verb, text=verb, before=_words(before), after=_words(after),
        following=_words(after),
    )  # fmt: skip
    return None if found is None else found.code.primary or f":{found.code.reverse}"


@pytest.fixture()
def tiny(tmp_path: Path) -> VerbPatterns:
    return load_verb_patterns(_tiny(tmp_path))


def test_parses_verbs_forms_and_codes(tiny: VerbPatterns) -> None:
    (scold,) = tiny.verbs["scold"]
    assert scold.code == Code("111") and {"scolded", "scolds", "scolding"} <= scold.forms
    (chide,) = tiny.verbs["chide"]
    assert chide.code == Code("112")  # a verb's own code beats its block's
    (reprimand,) = tiny.verbs["reprimand"]
    assert "reprimanded" in reprimand.forms
    (hand_over,) = tiny.verbs["hand"]
    assert hand_over.words == ("hand", "over") and hand_over.code == Code("072")
    assert tiny.verbs["register"][0].code.null
    assert tiny.verbs["greet"][0].code == Code(None, "042")
    assert "&ARMY" in tiny.synsets and ("soldiers",) in tiny.synsets["&ARMY"]
    assert ("armed", "forces") in tiny.synsets["&ARMY"]
    assert ("armed", "forceses") not in tiny.synsets["&ARMY"]  # "_": no plural
    assert ("talks",) not in tiny.synsets["&WORDS"]  # label ends with "_": no plurals


def test_parses_patterns_with_items_and_skips_undefined_synsets(tiny: VerbPatterns) -> None:
    block = tiny.verbs["register"][0].block
    texts = {p.text: p for p in tiny.patterns[block]}
    assert set(texts) == {"* PROTEST", "* {FORMAL PROTEST} (WITH +)", "+ BEEN * BY $"}
    formal = texts["* {FORMAL PROTEST} (WITH +)"]
    assert [i.kind for i in formal.after] == ["words", "words", "target"]
    assert formal.after[0].alternatives == (("formal", "protest"),) and formal.after[0].loose
    assert formal.after[1].in_prep and formal.code == Code("141")
    assert texts["+ BEEN * BY $"].code == Code(None, "110")
    assert tiny.skipped == 1  # &UNDEFINED, as PETRARCH does
    assert tiny.pattern_count == 7


def test_longest_matching_pattern_wins(tiny: VerbPatterns) -> None:
    assert _match(tiny, "scold", "them for human rights abuses") == "1122"
    assert _match(tiny, "scold", "them for delays") == "112"
    assert _match(tiny, "scold", "the soldiers") == "111"
    assert _match(tiny, "scold", "them") == "111"  # the verb's default code
    assert _match(tiny, "scold", "them lightly") is None  # a [---] pattern codes nothing
    assert _match(tiny, "register", "a formal complaint") is None  # [---] verb, no pattern
    assert _match(tiny, "register", "a formal protest with japan") == "141"
    assert _match(tiny, "register", "a protest") == "140"
    assert _match(tiny, "register", "by france", before="they have been") == ":110"
    assert _match(tiny, "greet", "him") == ":042"


def test_multi_word_verbs_need_their_particle(tiny: VerbPatterns) -> None:
    assert _match(tiny, "hand", "over weapons") == "072"
    assert _match(tiny, "hand", "weapons") is None


def test_irregular_forms_find_the_verb_when_the_lemma_is_wrong(tiny: VerbPatterns) -> None:
    found = match_verb(tiny, lemma="reprimande", text="reprimanded", before=[], after=[],
                       following=[])  # fmt: skip
    assert found is not None and found.rule == "cameo-dict:REPRIMAND:*"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- * (FOR [112]", "unbalanced"),
        ("- * PROTEST", "exactly one [CODE]"),
        ("- PROTEST [140]", "exactly one '*'"),
        ("- * PROTEST [14x]", "bad CAMEO code"),
        ("TWO VERBS", "one verb"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    text = "---  X   [---]  ---\nSCOLD\n" + line + "\n"
    path = _tiny(tmp_path, text)
    with pytest.raises(DictionaryError, match=re.escape(VERB_FILE) + ":3: .*" + re.escape(message)):
        load_verb_patterns(path)
    lenient = load_verb_patterns(path, strict=False)
    assert len(lenient.problems) == 1 and ":3:" in lenient.problems[0]


def test_structure_errors_raise_even_when_lenient(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=r":1: pattern line outside a verb block"):
        parse_verb_patterns(["- * X [010]"], origin="v.txt")
    with pytest.raises(DictionaryError, match=r"v.txt:1: bad verb block header"):
        parse_verb_patterns(["---  X  ---"], origin="v.txt", strict=False)
    with pytest.raises(DictionaryError, match="cannot read"):
        load_verb_patterns(tmp_path / "missing.txt")


def test_settings_choose_the_file(tmp_path: Path) -> None:
    path = _tiny(tmp_path)
    assert patterns_for(Settings()) is None
    assert patterns_for(Settings(verb_patterns=path)) is cached_verb_patterns(path)
    from_dir = patterns_for(Settings(dictionaries=tmp_path))
    assert from_dir is not None and "scold" in from_dir.verbs
    assert patterns_for(Settings(dictionaries=tmp_path / "nothing-here")) is None
    with pytest.raises(DictionaryError, match="not a file"):
        patterns_for(Settings(verb_patterns=tmp_path / "absent.txt"))


# --- the coder with a dictionary -----------------------------------------------------------------


@pytest.fixture(scope="module")
def with_patterns(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    path = _tiny(tmp_path_factory.mktemp("verbs"))
    return Pipeline(Settings(batch_size=8, verb_patterns=path))


def _run(pipeline: Pipeline, text: str) -> Article:
    (article,) = pipeline.process_batch([Article(text=text)])
    return article


def test_dictionary_codes_verbs_the_lexicon_does_not(
    with_patterns: Pipeline, pipeline: Pipeline
) -> None:
    text = "France scolded Iran for human rights abuses on Monday."
    assert not [e for e in _run(pipeline, text).events if e.type.cameo.startswith("11")]
    (event,) = _run(with_patterns, text).events
    assert event.source and event.source.code == "FRA"
    assert event.target and event.target.code == "IRN"
    assert event.type.cameo == "1122"
    assert event.rule == "cameo-dict:SCOLD:* (FOR {RIGHTS ABUSES})"
    assert event.confidence <= 0.6


def test_dictionary_target_from_a_prepositional_phrase(with_patterns: Pipeline) -> None:
    (event,) = _run(with_patterns, "Japan registered a formal protest with China.").events
    assert (event.source and event.source.code, event.type.cameo) == ("JPN", "141")
    assert event.target and event.target.code == "CHN"


def test_dictionary_events_need_a_target(with_patterns: Pipeline) -> None:
    assert not _run(with_patterns, "France scolded the committee.").events


def test_built_in_frames_keep_priority(with_patterns: Pipeline) -> None:
    events = _run(with_patterns, "France condemned Iran on Monday.").events
    assert [(e.type.cameo, e.rule) for e in events] == [("111", "verb:condemn->111")]


@pytest.mark.shared
def test_loads_the_real_cameo_dictionary(shared_dir: Path) -> None:
    path = shared_dir / "dictionaries" / "phoenix" / VERB_FILE
    patterns = load_verb_patterns(path, strict=False)
    assert len(patterns.verbs) > 1000 and patterns.pattern_count > 4000
    assert len(patterns.problems) < 10  # a handful of malformed lines in the published file
    assert patterns.verbs["accuse"][0].code == Code("112")
    found = match_verb(patterns, lemma="accuse", text="accused", before=[],
                       after=_words("them of rights abuses"), following=[])  # fmt: skip
    assert found is not None and found.code == Code("1122")
