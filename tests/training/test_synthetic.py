"""The synthetic training-set generator (training/synthetic.py): determinism, valid offsets and labels."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "training"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
MODALITIES = {"asserted", "future", "intended", "possible", "reported", "conditional"}
#: Rows of cameo_plover.tsv where the PLOVER manual's category text overrides CAMEO2PLOVER-2021.
OVERRIDES = {"163": "SANCTION", "116": "SANCTION"}


@pytest.fixture(scope="module")
def synthetic(training_module: Callable[[str], ModuleType]) -> ModuleType:
    return training_module("synthetic")


@pytest.fixture(scope="module")
def records(synthetic: ModuleType) -> list[dict[str, object]]:
    return list(synthetic.generate(13, 2000))


def _mapping() -> dict[str, tuple[str, str]]:
    """code -> (PLOVER type, source note), read from the table itself."""
    rows = {}
    for line in (
        (TRAINING / "lexicon" / "cameo_plover.tsv").read_text(encoding="utf-8").splitlines()
    ):
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        cells = line.split("\t")
        rows[cells[0]] = (cells[1], cells[5])
    return rows


def test_same_seed_gives_the_same_lines(synthetic: ModuleType, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert synthetic.main(["--seed", "7", "--count", "400", "--out", str(first)]) == 0
    assert synthetic.main(["--seed", "7", "--count", "400", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_text(encoding="utf-8").splitlines()) == 400
    other = [r["text"] for r in synthetic.generate(8, 50)]
    assert other != [r["text"] for r in synthetic.generate(7, 50)]


def test_every_line_is_well_formed(records: list[dict[str, object]]) -> None:
    texts = [r["text"] for r in records]
    assert len(set(texts)) == len(texts)
    for record in records:
        assert set(record) == {"text", "events", "template"}
        assert json.loads(json.dumps(record)) == record
        text = record["text"]
        assert isinstance(text, str) and text == text.strip() and "  " not in text
        first = next(ch for ch in text if ch.isalnum())
        assert first.isupper() or first.isdigit(), text
        assert isinstance(record["template"], str) and record["template"]


def test_every_offset_and_actor_is_in_the_text(records: list[dict[str, object]]) -> None:
    for record in records:
        text = str(record["text"])
        for event in record["events"]:  # type: ignore[attr-defined]
            assert 0 <= event["start"] < event["end"] <= len(text)
            assert text[event["start"] : event["end"]] == event["trigger"]
            for role in ("source", "target"):
                assert event[role] == "" or event[role] in text, (text, event)
            assert event["modality"] in MODALITIES
            assert isinstance(event["negated"], bool)


def test_types_and_codes_agree_with_the_mapping(records: list[dict[str, object]]) -> None:
    mapping = _mapping()
    for record in records:
        for event in record["events"]:  # type: ignore[attr-defined]
            assert event["type"] in PLOVER_TYPES
            if event["cameo"] == "":
                assert event["type"] == "RETREAT", event  # resignations: PLOVER-only, no CAMEO code
            else:
                assert mapping[event["cameo"]][0] == event["type"], event


def test_the_mapping_table_follows_the_codebook() -> None:
    mapping = _mapping()
    overridden = {code for code, (_, note) in mapping.items() if note.startswith("override")}
    assert overridden == set(OVERRIDES)
    for code, plover in OVERRIDES.items():
        assert mapping[code][0] == plover
    assert {plover for plover, _ in mapping.values()} == PLOVER_TYPES | {"NONE"}
    assert all(mapping[code][0] == "NONE" for code in mapping if code.startswith("01"))
    assert all(mapping[code][0] == "REQUEST" for code in mapping if code.startswith(("02", "10")))


def test_all_types_present_and_balanced(records: list[dict[str, object]]) -> None:
    types = Counter(e["type"] for r in records for e in r["events"])  # type: ignore[attr-defined]
    assert set(types) == PLOVER_TYPES
    total = sum(types.values())
    assert min(types.values()) / total >= 0.03


def test_negatives_and_hedged_events_are_present(records: list[dict[str, object]]) -> None:
    empty = sum(1 for r in records if not r["events"])
    assert 0.25 <= empty / len(records) <= 0.35
    events = [e for r in records for e in r["events"]]  # type: ignore[attr-defined]
    assert any(e["negated"] for e in events)
    modalities = Counter(e["modality"] for e in events)
    assert set(modalities) == MODALITIES
    assert any(str(r["template"]).startswith("none.") for r in records)


def test_lexicon_covers_the_codebook(synthetic: ModuleType) -> None:
    lex = synthetic.load_lexicon()
    codes = {verb.code for verb in lex.verbs if verb.code != "-"}
    assert len(codes) >= 150
    assert {code[:2] for code in codes} == {f"{root:02d}" for root in range(1, 21)} - {"01"}
    bases = {verb.base for verb in lex.verbs}
    assert {"turn down", "back out", "step down", "crack down", "hand over"} <= bases
    for verb in lex.verbs:
        assert all(cls in lex.actors for cls in verb.src + verb.tgt), verb
        assert all(t[1:] in lex.themes for t in verb.themes if t.startswith("@")), verb
        if "T" in verb.frame or "T" in verb.noun_frame:
            assert verb.tgt, verb
        if "X" in verb.frame:
            assert verb.themes, verb


def test_evaluations_are_coded_on_the_evaluative_word(synthetic: ModuleType) -> None:
    """'"This is unacceptable," X said': ACCUSE 111 on "unacceptable"; praise is SUPPORT 051."""
    import random

    lex = synthetic.load_lexicon()
    rng = random.Random(5)
    for want, code in (("ACCUSE", "111"), ("SUPPORT", "051")):
        for _ in range(40):
            home, away = rng.sample(lex.countries, 2)
            record = synthetic.render(
                synthetic.t_evaluation(synthetic.Ctx(rng, lex, home, away), want)
            )
            (event,) = record["events"]
            assert (event["type"], event["cameo"]) == (want, code)
            assert " " not in event["trigger"] and event["source"]
    assert synthetic.t_evaluation(synthetic.Ctx(rng, lex, home, away), "ASSAULT") is None
