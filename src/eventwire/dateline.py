"""Datelines and URLs: where a story was filed, and the publication date when no metadata has one.

A dateline opens the first body paragraph::

    CARACAS, Jan 25 (Reuters) -        city, month-day, agency
    WASHINGTON (AP) —                  city, agency
    PARIS, Texas, Jan. 25, 2019 —      city, region, full date
    Jan. 25, 2019 —                    date only

A month-day without a year takes the year of the URL or of the metadata date; when there is
none the dateline date stays unresolved (``Dateline.date`` is ``None``) and no year is guessed.
The month names and the order of the date come from the language data (:class:`Datelines`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from eventwire.lang import LanguageData, TimexWords
from eventwire.model import Article, Dateline, Span

_CITY = r"(?P<city>[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3})"
_REGION = r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
_DASH = r"\s*(?:--|[-—–:])\s"
URL_DATE_RE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)(?:[/-](?P<day>[0-3]?\d))?(?=[/-]|$|\.)"
)
URL_COMPACT_RE = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?=/)")


@dataclass(frozen=True, slots=True)
class Datelines:
    """The dateline patterns of one language: the wire layout (city in capitals, region,
    agency, dash) around the language's date (:attr:`~eventwire.lang.TimexWords.dateline_date`).
    """

    full: re.Pattern[str]
    date_only: re.Pattern[str]
    words: TimexWords

    @classmethod
    def of(cls, lang: LanguageData) -> Datelines:
        date = lang.timex.dateline_date
        return cls(
            full=re.compile(rf"^{_CITY}{_REGION}(?:,\s+{date})?{_AGENCY}{_DASH}"),
            date_only=re.compile(rf"^{date}{_AGENCY}{_DASH}"),
            words=lang.timex,
        )

    def find(self, article: Article) -> Dateline | None:
        """The dateline at the start of the first body paragraph, if there is one."""
        text = article.norm_text or article.text
        body = next((p for p in article.paragraphs if p.kind == "body"), None)
        start = body.span.start if body else len(text) - len(text.lstrip())
        head = text[start : start + 160]
        match = self.full.match(head) or self.date_only.match(head)
        if match is None:
            return None
        groups = match.groupdict()
        city = None
        if groups.get("city"):
            city = Span(start + match.start("city"), start + match.end("city"))
        month_day = None
        if groups.get("mon"):
            month_day = (self.words.month(groups["mon"]), int(groups["day"]))
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


def with_publication_date(article: Article, datelines: Datelines) -> Article:
    """The ``metadata`` stage: record the dateline, and fill ``date`` and ``date_source`` from
    the metadata, else the dateline, else the URL, else leave a warning."""
    dateline = datelines.find(article)
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
