"""Datelines and URLs: where a story was filed, and the publication date when no metadata has one.

A dateline opens the first body paragraph::

    CARACAS, Jan 25 (Reuters) -        city, month-day, agency
    WASHINGTON (AP) —                  city, agency
    PARIS, Texas, Jan. 25, 2019 —      city, region, full date
    Jan. 25, 2019 —                    date only

A month-day without a year takes the year of the URL or of the metadata date; when there is
none the dateline date stays unresolved (``Dateline.date`` is ``None``) and no year is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from eventwire.lang.en.timex import MONTH_RE, MONTHS
from eventwire.model import Article, Dateline, Span

_DATE = rf"(?P<mon>{MONTH_RE})\s+(?P<day>[0-3]?\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_CITY = r"(?P<city>[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3})"
_REGION = r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
_DASH = r"\s*(?:--|[-—–:])\s"
DATELINE_RE = re.compile(rf"^{_CITY}{_REGION}(?:,\s+{_DATE})?{_AGENCY}{_DASH}")
DATE_ONLY_RE = re.compile(rf"^{_DATE}{_AGENCY}{_DASH}")
URL_DATE_RE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)(?:[/-](?P<day>[0-3]?\d))?(?=[/-]|$|\.)"
)
URL_COMPACT_RE = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?=/)")


def find_dateline(article: Article) -> Dateline | None:
    """The dateline at the start of the first body paragraph, if there is one."""
    text = article.norm_text or article.text
    body = next((p for p in article.paragraphs if p.kind == "body"), None)
    start = body.span.start if body else len(text) - len(text.lstrip())
    head = text[start : start + 160]
    match = DATELINE_RE.match(head) or DATE_ONLY_RE.match(head)
    if match is None:
        return None
    groups = match.groupdict()
    city = None
    if groups.get("city"):
        city = Span(start + match.start("city"), start + match.end("city"))
    month_day = None
    if groups.get("mon"):
        month_day = (MONTHS[groups["mon"][:3].lower()], int(groups["day"]))
    year = int(groups["year"]) if groups.get("year") else None
    return Dateline(
        span=Span(start, start + match.end()),
        city=city,
        region=groups.get("region"),
        agency=groups.get("agency"),
        month_day=month_day,
        year=year,
    )


def url_date(url: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from a URL path such as ``/2019/01/25/``; month/day may be missing."""
    if not url:
        return None
    match = URL_DATE_RE.search(url) or URL_COMPACT_RE.search(url)
    if match is None:
        return None
    month = int(match.group("month"))
    day = int(match.group("day")) if match.group("day") else None
    if not 1 <= month <= 12:
        return None
    return int(match.group("year")), month, day


def with_publication_date(article: Article) -> Article:
    """The ``metadata`` stage: record the dateline, and fill ``date`` and ``date_source`` from
    the metadata, else the dateline, else the URL, else leave a warning."""
    dateline = find_dateline(article)
    article = replace(article, dateline=dateline)
    if article.date is not None:
        return replace(article, date_source=article.date_source or "metadata")
    from_url = url_date(article.url)
    if dateline is not None:
        found = dateline.date(from_url[0] if from_url else None)
        if found is not None:
            return replace(article, date=found, date_source="dateline")
    if from_url is not None and from_url[2] is not None and from_url[1] is not None:
        found = _safe_date(from_url[0], from_url[1], from_url[2])
        if found is not None:
            return replace(article, date=found, date_source="url")
    note = "no publication date in metadata, dateline or URL"
    if dateline is not None and dateline.month_day is not None:
        note = "dateline gives a month and day but no year (none in metadata or URL either)"
    return replace(article, date_source=None, warnings=(*article.warnings, note))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
