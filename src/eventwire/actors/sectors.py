"""CAMEO actor sectors (GOV, MIL, COP…), defined once in ``data/sectors.tsv``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    name: str | None  # how eventwire names it ("government"); None: shown as the code
    gdelt: str  # GDELT's type label ("Government")


@functools.cache
def sectors() -> dict[str, Sector]:
    """Every known sector by code."""
    text = (files("eventwire") / "data" / "sectors.tsv").read_text(encoding="utf-8")
    found: dict[str, Sector] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, gdelt = line.split("\t")
        found[code] = Sector(code, name or None, gdelt)
    return found


def sector_name(code: str) -> str:
    """The sector's name, else its code ("government" for GOV)."""
    sector = sectors().get(code)
    return sector.name if sector is not None and sector.name else code


def gdelt_type(code: str) -> str | None:
    """GDELT's label of the sector ("Government"), ``None`` when it is not a sector."""
    sector = sectors().get(code)
    return sector.gdelt if sector is not None else None
