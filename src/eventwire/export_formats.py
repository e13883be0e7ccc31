"""Event rows in the layouts of other event datasets: GDELT 2.0 events and POLECAT (PLOVER).

Both take rows from ``queries.rows(..., "events", detail=True)``. Fields we do not produce are
left blank (GDELT) or null (POLECAT), so files line up with the published layouts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.actors.sectors import gdelt_type

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
#: The 61 columns of the GDELT 2.0 event table, in the codebook's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
#: Fields of POLECAT's published event records (snake_case), in their order; ``story_id`` added.
POLECAT_FIELDS: tuple[str, ...] = (
    "event_id", "event_date", "event_type", "event_mode", "event_intensity", "quad_code",
    "contexts", "actor_name", "actor_country", "actor_cow", "primary_actor_sector",
    "actor_sectors", "actor_title", "actor_name_raw", "wikipedia_actor_id", "recipient_name",
    "recipient_country", "recipient_cow", "primary_recipient_sector", "recipient_sectors",
    "recipient_title", "recipient_name_raw", "wikipedia_recipient_id", "placename", "city",
    "district", "province", "country", "latitude", "longitude", "geonames_id", "raw_placename",
    "feature_type", "source", "publication_date", "story_people", "story_organizations",
    "story_locations", "language", "version", "story_id",
    # ours: the date as an interval, polarity and modality, and every mention's evidence
    "date_start", "date_end", "date_granularity", "negated", "modality", "mentions",
    "mention_evidence",
)  # fmt: skip

#: Three-letter CAMEO prefixes that are not countries: they are the actor's type.
_NON_STATE = {"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "INT"}


def _actor_parts(code: str | None) -> dict[str, str]:
    """CountryCode, KnownGroupCode and Type1..3 of a CAMEO actor code (blank when absent)."""
    parts = {"CountryCode": "", "KnownGroupCode": "", "Type1Code": "", "Type2Code": "",
             "Type3Code": ""}  # fmt: skip
    if not code:
        return parts
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if chunks[0] in _NON_STATE:
        parts["Type1Code"] = chunks[0]
        parts["KnownGroupCode"] = chunks[1] if len(chunks) > 1 else ""
        return parts
    parts["CountryCode"] = chunks[0]
    for name, chunk in zip(("Type1Code", "Type2Code", "Type3Code"), chunks[1:], strict=False):
        parts[name] = chunk
    return parts


def _date_columns(event: dict[str, Any]) -> dict[str, str]:
    """Day and FractionDate for a day; MonthYear when the date lies within one month (a day, a
    month, most weeks); Year when it lies within one year. GDELT has no coarser dates."""
    start: dt.date | None = event.get("date_start")
    end: dt.date | None = event.get("date_end")
    out: dict[str, str] = {}
    if start is None or end is None:
        return out
    if start.year == end.year:
        out["Year"] = str(start.year)
        if start.month == end.month:
            out["MonthYear"] = start.strftime("%Y%m")
    if start == end:
        out["Day"] = start.strftime("%Y%m%d")
        out["FractionDate"] = f"{start.year + (start.timetuple().tm_yday - 1) / 365:.4f}"
    return out


def _mentions(event: dict[str, Any]) -> list[dict[str, Any]]:
    return list(event.get("mention_rows") or []) or [event]


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """One event as the 61 GDELT 2.0 columns (strings; blank where we have nothing)."""
    out = dict.fromkeys(GDELT_COLUMNS, "")
    out["GlobalEventID"] = event["event_id"]
    out.update(_date_columns(event))
    for n, side in (("1", "source"), ("2", "target")):
        out[f"Actor{n}Code"] = event.get(f"{side}_code") or ""
        out[f"Actor{n}Name"] = (event.get(f"{side}_name") or "").upper()
        for key, value in _actor_parts(event.get(f"{side}_code")).items():
            out[f"Actor{n}{key}"] = value
    mentions = _mentions(event)
    root = any(m.get("sentence_index") in (0, 1) for m in mentions)  # headline or lead
    out["IsRootEvent"] = "1" if root else "0"
    out["EventCode"] = event["cameo"]
    out["EventBaseCode"] = event["cameo"][:3]
    out["EventRootCode"] = event["cameo_root"]
    out["QuadClass"] = str(event["quad_class"])
    out["GoldsteinScale"] = f"{event['goldstein']:.1f}"
    out["NumMentions"] = str(len(mentions))  # mentions of the event in its article
    out["NumSources"] = out["NumArticles"] = "1"
    if event.get("place_name"):
        out["ActionGeo_FullName"] = event["place_name"]
        out["ActionGeo_CountryCode"] = event.get("place_country") or ""
        if event.get("lat") is not None:
            out["ActionGeo_Lat"] = f"{event['lat']:.4f}"
            out["ActionGeo_Long"] = f"{event['lon']:.4f}"
    out["SOURCEURL"] = event.get("article_url") or ""
    return [_clean(out[c]) for c in GDELT_COLUMNS]


def _clean(value: str) -> str:
    """No tabs or newlines inside a field (they would break the TSV layout)."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def polecat_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a POLECAT-style record (null where we have nothing)."""
    out: dict[str, Any] = dict.fromkeys(POLECAT_FIELDS)
    article_date = event.get("article_date")
    out.update(
        event_id=event["event_id"],
        event_date=event.get("date"),
        event_type=event["plover_type"],
        event_mode=event.get("plover_mode"),
        event_intensity=event["goldstein"],
        quad_code=event["quad_class"],
        placename=event.get("place_name"),
        country=event.get("place_country"),
        latitude=event.get("lat"),
        longitude=event.get("lon"),
        source=event.get("article_source"),
        publication_date=article_date.isoformat() if article_date else None,
        language="en",
        story_id=event["article_id"],
        date_start=_iso(event.get("date_start")),
        date_end=_iso(event.get("date_end")),
        date_granularity=event.get("date_granularity"),
        negated=event["negated"],
        modality=event["modality"],
        mentions=len(_mentions(event)),
        mention_evidence=[_evidence(m) for m in _mentions(event)],
    )
    for side, prefix in (("source", "actor"), ("target", "recipient")):
        code = event.get(f"{side}_code")
        parts = _actor_parts(code)
        sector = parts["Type1Code"]
        out[f"{prefix}_name"] = event.get(f"{side}_name")
        out[f"{prefix}_name_raw"] = event.get(f"{side}_text")
        out[f"{prefix}_country"] = parts["CountryCode"] or None
        out[f"primary_{prefix}_sector"] = (gdelt_type(sector) or sector) if sector else None
        sectors = [parts[k] for k in ("Type1Code", "Type2Code", "Type3Code") if parts[k]]
        out[f"{prefix}_sectors"] = [(gdelt_type(s) or s) for s in sectors] if code else None
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


_EVIDENCE = (
    "event_id", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "trigger_text",
    "source_start", "source_end", "target_start", "target_end", "date", "date_reason",
)  # fmt: skip


def _evidence(mention: dict[str, Any]) -> dict[str, Any]:
    """Where one mention is in the article (offsets into the text as given)."""
    return {key: mention.get(key) for key in _EVIDENCE}
