"""Scoring predicted articles against labelled stories: quotes by span overlap, events by sentence."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events.ontology import event_type
from eventwire.labelled import LabelledEvent, LabelledQuote, LabelledStory
from eventwire.model import Actor, Article, Event, Mention, Quote, Span
from eventwire.story_scores import (
    jaccard,
    names_agree,
    quote_errors,
    score_events,
    score_quotes,
    score_stories,
    speaker_right,
)

TEXT = (
    "Police in Freetown arrested 12 protesters on Monday. "
    "The government condemned the march. "
    '"We will not be silenced," said union leader Mariama Kamara. '
    'She called the arrests "a disgrace."'
)


def _at(word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word))


SENTENCES = (
    "Police in Freetown arrested 12 protesters on Monday.",
    "The government condemned the march.",
    '"We will not be silenced," said union leader Mariama Kamara.',
    'She called the arrests "a disgrace."',
)


def _sentence(n: int) -> Span:
    return _at(SENTENCES[n])


def _gold_event(kind: str, trigger: str, sentence: int, src: str, tgt: str) -> LabelledEvent:
    s, t = _sentence(sentence), _at(trigger)
    return LabelledEvent(s.start, s.end, kind, trigger, t.start, t.end, "x", src, "y", tgt)


def _gold_quote(words: str, speaker: str, mention: str | None, partial: bool) -> LabelledQuote:
    span = _at(words)
    m = _at(mention) if mention else None
    return LabelledQuote(span.start, span.end, words, partial, speaker,
                         m.start if m else None, m.end if m else None, "SLE")  # fmt: skip


def _mention(text: str, code: str | None, nth: int = 0, person: str | None = None) -> Mention:
    actor = Actor(code, code, country=code[:3]) if code else None
    return Mention(_at(text, nth), text, 0, actor, "test", 1.0, person=person)


def _event(cameo: str, trigger: str, source: Mention | None, target: Mention | None,
           negated: bool = False) -> Event:  # fmt: skip
    return Event(
        f"e-{trigger}-{cameo}", 0, Span(0, 1), _at(trigger), event_type(cameo), source, target,
        negated, "asserted", "test", 1.0,
    )  # fmt: skip


def _quote(words: str, speaker: Mention | None, direct: bool = True) -> Quote:
    span = _at(words)
    return Quote(f"q-{words}", span, words, 0, speaker, None, direct, 1.0, "test")


STORY = LabelledStory(
    id="s1",
    text=TEXT,
    title=None,
    url=None,
    published=None,
    quotes=(
        _gold_quote("We will not be silenced,", "Mariama Kamara", "Mariama Kamara", False),
        _gold_quote("a disgrace.", "Mariama Kamara", "She", True),
    ),
    events=(
        _gold_event("COERCE", "arrested", 0, "SLE", "SLE"),
        _gold_event("ACCUSE", "condemned", 1, "SLE", "SLE"),
        _gold_event("ACCUSE", "called", 3, "SLE", "SLE"),
    ),
)


def _article(events: tuple[Event, ...] = (), quotes: tuple[Quote, ...] = ()) -> Article:
    return Article(text=TEXT, external_id="s1", events=events, quotes=quotes)


def test_sentences_of_the_fixture() -> None:
    assert TEXT[_sentence(1).start : _sentence(1).end] == "The government condemned the march."


def test_jaccard_and_names() -> None:
    assert jaccard(Span(0, 10), Span(0, 10)) == 1.0
    assert jaccard(Span(0, 10), Span(5, 15)) == pytest.approx(5 / 15)
    assert jaccard(Span(0, 4), Span(6, 9)) == 0.0
    assert names_agree("Geir Pedersen", "Pedersen") and names_agree("the U.N.", "U.N.")
    assert not names_agree("U.S. State Department", "Justice Department")
    assert not names_agree("Mariama Kamara", "he")


def test_speaker_by_span_or_by_name() -> None:
    gold = STORY.quotes[1]
    assert speaker_right(gold, _mention("She", "SLELAB"))  # the labelled mention itself
    assert speaker_right(gold, _mention("Mariama Kamara", "SLELAB"))  # another mention, same name
    assert speaker_right(gold, _mention("The government", "SLEGOV", person="Mariama Kamara"))
    assert not speaker_right(gold, _mention("The government", "SLEGOV"))
    assert not speaker_right(gold, None)


def test_perfect_quotes() -> None:
    kamara = _mention("Mariama Kamara", "SLELAB")
    article = _article(quotes=(_quote("We will not be silenced,", kamara),
                               _quote("a disgrace.", _mention("She", "SLELAB"))))  # fmt: skip
    scores = score_quotes([STORY], [article])
    assert scores.content.f1 == scores.speaker.f1 == scores.speaker_country.f1 == 1.0
    assert (scores.full_content.gold, scores.full_content.predicted) == (1, 1)


def test_quote_errors_are_counted() -> None:
    wrong = _mention("The government", "SLEGOV")
    article = _article(
        quotes=(
            _quote("We will not be silenced", wrong),  # overlaps, wrong speaker
            _quote("The government condemned", None),  # no labelled quote there
            _quote("arrested 12 protesters", _mention("Police", "SLECOP"), direct=False),
        )
    )
    scores = score_quotes([STORY], [article])
    assert (scores.content.tp, scores.content.gold, scores.content.predicted) == (1, 2, 2)
    assert scores.speaker.tp == 0
    # full quotes only: the partial one is out of the gold, nothing matched it
    assert (scores.full_content.tp, scores.full_content.gold) == (1, 1)


def test_unattributed_kind_is_not_a_predicted_quote() -> None:
    kamara = _mention("Mariama Kamara", "SLELAB")
    scare = dataclasses.replace(_quote("The government condemned", None), kind="unattributed")
    article = _article(quotes=(_quote("We will not be silenced,", kamara), scare))
    scores = score_quotes([STORY], [article])
    assert (scores.content.tp, scores.content.predicted) == (1, 1)


def test_partial_flag_is_scored_on_matched_pairs() -> None:
    kamara = _mention("Mariama Kamara", "SLELAB")
    full_as_partial = dataclasses.replace(_quote("We will not be silenced,", kamara), partial=True)
    partial = dataclasses.replace(_quote("a disgrace.", _mention("She", "SLELAB")), partial=True)
    scores = score_quotes([STORY], [_article(quotes=(full_as_partial, partial))])
    assert (scores.partial.tp, scores.partial.gold, scores.partial.predicted) == (1, 1, 2)
    lines = list(quote_errors(STORY, _article(quotes=(full_as_partial,))))
    assert any("quote partial" in line for line in lines)
    assert any("quote missed" in line and "a disgrace." in line for line in lines)


def test_low_overlap_is_no_match() -> None:
    article = _article(quotes=(_quote("We will", _mention("Mariama Kamara", "SLELAB")),))
    assert score_quotes([STORY], [article]).content.tp == 0


def test_events_by_sentence() -> None:
    police = _mention("Police", "SLECOP")
    protesters = _mention("protesters", "SLEOPP")
    government = _mention("The government", "SLEGOV")
    article = _article(
        events=(
            _event("173", "arrested", police, protesters),  # COERCE, right actors
            _event("111", "condemned", government, _mention("Freetown", "USA")),  # wrong target
            _event("190", "called", None, None, negated=True),  # negated: not scored
            _event("145", "silenced", None, None),  # PROTEST in an unlabelled sentence
        )
    )
    scores = score_events([STORY], [article])
    st = scores.sentence_type
    assert (st.tp, st.gold, st.predicted) == (2, 3, 3)
    assert scores.sentence_type_actors.tp == 1
    assert scores.per_type["ACCUSE"].recall == 0.5
    assert scores.per_type["PROTEST"].predicted == 1 and scores.per_type["PROTEST"].tp == 0
    sm = scores.story_type_micro
    assert (sm.tp, sm.gold, sm.predicted) == (2, 2, 3)
    # macro over COERCE (1.0), ACCUSE (1.0), PROTEST (0.0)
    assert scores.story_type_macro_f1 == pytest.approx(2 / 3)


def test_one_type_twice_in_a_sentence_counts_once() -> None:
    police = _mention("Police", "SLECOP")
    article = _article(events=(_event("173", "arrested", police, None),
                               _event("173", "arrested", police, None)))  # fmt: skip
    st = score_events([STORY], [article]).sentence_type
    assert (st.tp, st.predicted) == (1, 1)


def test_score_stories_as_dict() -> None:
    data = score_stories([STORY], [_article()]).as_dict()
    assert data["stories"] == 1
    assert data["events"]["sentence_type"]["gold"] == 3
    assert data["quotes"]["content"]["predicted"] == 0


LABELLED_TEXT = (
    "Protesters marched through the capital of Ruritania on Monday. "
    "The police arrested dozens of them."
)


def _labelled_folder(tmp_path: Path) -> Path:
    end = LABELLED_TEXT.index(".") + 1
    event = {
        "sentence_start": 0, "sentence_end": end, "type": "PROTEST", "trigger": "marched",
        "trigger_start": LABELLED_TEXT.index("marched"),
        "trigger_end": LABELLED_TEXT.index("marched") + 7,
        "source": "Protesters", "source_country": "", "target": "", "target_country": "",
        "evidence": LABELLED_TEXT[:end],
    }  # fmt: skip
    stories = [{"id": i, "text": LABELLED_TEXT, "published": "2025-01-06"} for i in ("1", "3")]
    labels = [{"id": i, "quotes": [], "events": [event], "notes": ""} for i in ("1", "3")]
    (tmp_path / "stories.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories))
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels))
    return tmp_path


def test_cli_evaluate_labelled_folder_both_splits(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(_labelled_folder(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    assert "== tune" in result.output and "== score" in result.output
    assert "sentence type+actors" in result.output and "story type (macro)" in result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    # "1" is in score, "3" in tune (sha1 of the id mod 3)
    assert data["score"]["stories"] == 1 and data["tune"]["stories"] == 1
    assert data["tune"]["labels"] == {"PROTEST": 1}
    assert data["tune"]["events"]["sentence_type"]["gold"] == 1


def test_cli_errors_only_on_tune(tmp_path: Path) -> None:
    folder = _labelled_folder(tmp_path)
    refused = CliRunner().invoke(main, ["evaluate", str(folder), "--errors"])
    assert refused.exit_code == 3 and "tune split only" in refused.output
    shown = CliRunner().invoke(main, ["evaluate", str(folder), "--errors", "--split", "tune"])
    assert shown.exit_code == 0, shown.output
    assert "== score" not in shown.output


def test_gate_reads_labelled_folder_entries(tmp_path: Path) -> None:
    (tmp_path / "voa").mkdir()
    folder = _labelled_folder(tmp_path / "voa")
    floors = tmp_path / "floors.json"
    name = f"{folder}#score"
    floors.write_text(json.dumps({"floors": {name: {"events.sentence_type.f1": 0.0}}}))
    passed = CliRunner().invoke(main, ["gate", "--floors", str(floors)])
    assert passed.exit_code == 0, passed.output
    assert "events.sentence_type.f1" in passed.output
    floors.write_text(json.dumps({"floors": {name: {"events.sentence_type.f1": 1.01}}}))
    failed = CliRunner().invoke(main, ["gate", "--floors", str(floors)])
    assert failed.exit_code == 1 and "BELOW FLOOR" in failed.output
    floors.write_text(json.dumps({"floors": {f"{folder}#dev": {"events.sentence_type.f1": 0}}}))
    bad = CliRunner().invoke(main, ["gate", "--floors", str(floors)])
    assert bad.exit_code == 3 and "must be tune or score" in bad.output
