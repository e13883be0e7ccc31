"""The CAMEO ontology table: complete, hierarchical, and consistent with the published scales."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.errors import UnknownEventCodeError
from eventwire.events.ontology import (
    NO_PLOVER_TYPE,
    PLOVER_TYPES,
    all_codes,
    event_type,
    quad_class_of,
    root_of,
)

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))

# PLOVER modes used in the table, by type (PLOVER manual mode tables; types without modes absent).
PLOVER_MODES: dict[str, set[str]] = {
    "CONSULT": {"phone", "visit", "host", "third-party"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"release", "return", "access", "ceasefire", "withdraw", "disarm"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"investigate", "disapprove", "allege"},
    "THREATEN": {"relations", "restrict", "ban", "expel", "violence", "territory"},
    "PROTEST": {"demo", "hunger", "strike", "obstruct", "riot"},
    "MOBILIZE": {"police", "troops"},
    "SANCTION": {"discontinue", "withdraw", "expel", "convict"},
    "COERCE": {"seize", "restrict", "ban", "curfew", "martial-law", "arrest", "deport"},
    "ASSAULT": {
        "destroy",
        "crowd-control",
        "abduct",
        "beat",
        "sexual",
        "torture",
        "explosives",
        "suicide-attack",
        "assassinate",
        "firearms",
        "heavy-weapons",
        "aerial",
        "cleansing",
        "massacre",
        "unconventional",
    },
}


def test_has_every_root_and_enough_codes() -> None:
    codes = all_codes()
    assert len(codes) >= 280
    assert len(set(codes)) == len(codes)
    assert set(ROOTS) <= set(codes)


def test_codes_are_two_to_four_digits() -> None:
    assert all(code.isdigit() and 2 <= len(code) <= 4 for code in all_codes())


def test_every_code_hangs_under_its_parent() -> None:
    codes = set(all_codes())
    for code in codes:
        assert root_of(code) in ROOTS, code
        if len(code) >= 3:
            assert code[:2] in codes, code
        if len(code) == 4:
            assert code[:3] in codes, code


def test_every_root_has_a_generic_code() -> None:
    codes = set(all_codes())
    assert all(root + "0" in codes for root in ROOTS)


def test_event_type_fields_are_consistent() -> None:
    for code in all_codes():
        event = event_type(code)
        assert event.cameo == code
        assert event.root == code[:2]
        assert event.quad_class == quad_class_of(event.root)
        assert event.name and event.name == event.name.strip()
        assert -10.0 <= event.goldstein <= 10.0
        assert event.plover_mode is None or event.plover_mode.strip() == event.plover_mode != ""


def test_plover_types_are_allowed() -> None:
    assert len(PLOVER_TYPES) == 16
    for code in all_codes():
        expected = NO_PLOVER_TYPE if code.startswith("01") else None
        plover_type = event_type(code).plover_type
        assert plover_type == expected or (expected is None and plover_type in PLOVER_TYPES)


def test_plover_modes_belong_to_their_type() -> None:
    for code in all_codes():
        event = event_type(code)
        if event.plover_mode is not None:
            assert event.plover_mode in PLOVER_MODES.get(event.plover_type, set()), code


@pytest.mark.parametrize(
    ("root", "quad_class"),
    [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)],
)
def test_quad_class_by_root(root: str, quad_class: int) -> None:
    assert quad_class_of(root) == quad_class


def test_quad_class_accepts_a_full_code() -> None:
    assert quad_class_of("1121") == 3


@pytest.mark.parametrize("bad", ["00", "21", "99", "x1", ""])
def test_quad_class_rejects_non_roots(bad: str) -> None:
    with pytest.raises(UnknownEventCodeError):
        quad_class_of(bad)


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("01", 0.0),
        ("02", 3.0),
        ("036", 4.0),
        ("042", 1.9),
        ("051", 3.4),
        ("057", 8.0),
        ("111", -2.0),
        ("112", -2.0),
        ("12", -4.0),
        ("13", -4.4),
        ("160", -4.0),
        ("161", -4.0),
        ("172", -5.0),
        ("173", -5.0),
        ("174", -5.0),
        ("180", -9.0),
        ("190", -10.0),
        ("0874", 10.0),
    ],
)
def test_goldstein_spot_checks(code: str, goldstein: float) -> None:
    assert event_type(code).goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "plover_type", "plover_mode"),
    [
        ("010", "NONE", None),
        ("0231", "REQUEST", "assist"),
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("057", "SUPPORT", None),
        ("071", "AID", "economic"),
        ("0871", "RETREAT", "ceasefire"),
        ("091", "ACCUSE", "investigate"),
        ("1041", "REQUEST", "change"),
        ("112", "ACCUSE", "allege"),
        ("1246", "REJECT", "yield"),
        ("1382", "THREATEN", "territory"),
        ("142", "PROTEST", "hunger"),
        ("154", "MOBILIZE", "troops"),
        ("161", "SANCTION", "discontinue"),
        ("173", "COERCE", "arrest"),
        ("174", "COERCE", "deport"),
        ("1831", "ASSAULT", "suicide-attack"),
        ("195", "ASSAULT", "aerial"),
        ("2042", "ASSAULT", "unconventional"),
    ],
)
def test_plover_spot_checks(code: str, plover_type: str, plover_mode: str | None) -> None:
    event = event_type(code)
    assert (event.plover_type, event.plover_mode) == (plover_type, plover_mode)


def test_well_known_names() -> None:
    assert event_type("0231").name == "Appeal for economic aid"
    assert event_type("161").name == "Reduce or break diplomatic relations"
    assert event_type("1121").name == "Accuse of crime, corruption"
    assert event_type("042").name == "Make a visit"


def test_appeals_for_aid_exist() -> None:
    assert {"0231", "0232", "0233", "0234"} <= set(all_codes())


def test_surrounding_whitespace_is_ignored() -> None:
    assert event_type(" 042\n") == event_type("042")
    assert root_of(" 1121 ") == "11"


def test_unknown_code_raises_with_a_helpful_message() -> None:
    with pytest.raises(UnknownEventCodeError) as caught:
        event_type("999")
    message = str(caught.value)
    assert "unknown CAMEO code '999'" in message
    assert "'042'" in message


def test_dropped_leading_zero_suggests_the_code() -> None:
    with pytest.raises(UnknownEventCodeError, match="did you mean '042'"):
        event_type("42")


@pytest.mark.parametrize("bad", ["", "4", "12345", "abc", "04a"])
def test_malformed_codes_raise(bad: str) -> None:
    with pytest.raises(UnknownEventCodeError):
        event_type(bad)
    with pytest.raises(UnknownEventCodeError):
        root_of(bad)


def test_lookups_return_the_same_object() -> None:
    assert event_type("042") is event_type("042")


#: Where the PLOVER manual's category text overrides CAMEO2PLOVER-2021 (as in
#: training/lexicon/cameo_plover.tsv): 116 "find guilty" is SANCTION 'convict'; 163 "impose
#: embargo, boycott, or sanctions" is SANCTION 'discontinue' ("International sanctions are coded
#: as discontinue"). The table leaves out 01x (PLOVER codes no statements) and 02x (appeals).
_MANUAL_OVERRIDES = {"116": "SANCTION", "163": "SANCTION"}
_CAMEO2PLOVER = Path(__file__).resolve().parents[2].parent / "shared/codebook/CAMEO2PLOVER-2021.txt"


def _conversion_table(path: Path) -> dict[str, set[str]]:
    """code -> the PLOVER types the conversion table gives it (08 is listed under two types)."""
    table: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if found:
            table.setdefault(found.group(1), set()).add(found.group(2))
    return table


@pytest.mark.skipif(not _CAMEO2PLOVER.exists(), reason="needs ../shared/codebook")
def test_every_code_maps_as_the_conversion_table_says() -> None:
    table = _conversion_table(_CAMEO2PLOVER)
    disagree = {}
    for code in all_codes():
        if code in _MANUAL_OVERRIDES:
            assert event_type(code).plover_type == _MANUAL_OVERRIDES[code]
            continue
        if code[:2] == "01":
            assert event_type(code).plover_type == NO_PLOVER_TYPE
        elif code[:2] == "02":
            assert event_type(code).plover_type == "REQUEST"
        elif event_type(code).plover_type not in table.get(code, set()):
            disagree[code] = (event_type(code).plover_type, table.get(code))
    assert disagree == {}


@pytest.mark.parametrize(
    ("code", "plover_type"),
    [("081", "CONCEDE"), ("0813", "RETREAT"), ("084", "RETREAT"), ("087", "RETREAT"),
     ("160", "SANCTION"), ("162", "SANCTION"), ("164", "SANCTION"), ("1663", "SANCTION")],
)  # fmt: skip
def test_yield_and_reduce_relations_codes(code: str, plover_type: str) -> None:
    assert event_type(code).plover_type == plover_type
