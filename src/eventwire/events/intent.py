"""Actions announced rather than done: CAMEO's "express intent", "threaten" and "reject" codes.

CAMEO codes a cooperative action that is promised ("Finland will give Tanzania a grant", "Syria
is willing to withdraw") as the matching *express intent* code under root 03 (PLOVER AGREE), and a
conflictual action that is announced ("farmers said they would blockade Paris", "Greece plans to
impose restrictions") as the matching *threaten* code under root 13 (PLOVER THREATEN). An
action refused in the future or conditional ("will not tolerate", "would not hand over") is a
refusal: the matching *reject* code under root 12 (PLOVER REJECT). Verbal events (appeals,
accusations, rejections) keep their code: "will urge" is still an appeal.
"""

from __future__ import annotations

from typing import Final

#: Done-action code (longest prefix first) → intent code. Written from the CAMEO codebook's
#: parallel structure: 06x material cooperation ↔ 031x, 07x aid ↔ 033x, 08x yield ↔ 035x,
#: 16x reduce relations ↔ 131x, 17x coerce ↔ 132/137, 18x-20x force ↔ 138x.
_INTENT_OF: Final[dict[str, str]] = {
    "04": "036",  # meet, negotiate
    "045": "039",  # mediate
    "046": "036",
    "05": "032",  # diplomatic cooperation
    "057": "037",  # sign an agreement → settle
    "06": "031",  # material cooperation
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",  # material aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",  # yield
    "081": "0351",
    "0811": "0343",
    "082": "0352",
    "083": "034",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "14": "133",  # protest
    "16": "131",  # reduce relations
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",  # halt negotiations
    "165": "135",  # halt mediation
    "166": "136",  # expel or withdraw peacekeepers, inspectors
    "17": "137",  # coerce, repress
    "172": "132",
    "174": "132",  # expel
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "18": "138",  # use force
    "19": "1384",
    "191": "1381",
    "192": "1382",
    "183": "1383",
    "20": "1385",
}


#: Done-action code (longest prefix first) → the code of refusing it, for refusals said in the
#: future or conditional ("will not hand over", "would not release"): CAMEO root 12 mirrors the
#: cooperative roots: 04x meet ↔ 125, 045 mediate ↔ 126, 057 agreement ↔ 127, 06x material
#: cooperation ↔ 121x, 07x aid ↔ 122x, 08x yield ↔ 124x. Anything else refused is 120.
_REFUSAL_OF: Final[dict[str, str]] = {
    "03": "120",
    "04": "125",
    "045": "126",
    "05": "120",
    "057": "127",
    "06": "121",
    "061": "1211",
    "062": "1212",
    "07": "122",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "08": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def refusal_code(code: str) -> str:
    """The code of refusing the action ``code`` stands for (CAMEO root 12).

    >>> refusal_code("0841"), refusal_code("063"), refusal_code("190")
    ('1243', '121', '120')
    """
    for length in range(len(code), 1, -1):
        found = _REFUSAL_OF.get(code[:length])
        if found is not None:
            return found
    return "120"


def intent_code(code: str) -> str | None:
    """The code of announcing the action ``code`` stands for, or None when CAMEO has none.

    >>> intent_code("0841"), intent_code("163"), intent_code("020")
    ('0353', '1312', None)
    """
    for length in range(len(code), 1, -1):
        found = _INTENT_OF.get(code[:length])
        if found is not None:
            return found
    return None
