"""HTML pages: main text as blank-line paragraphs, metadata, suspect dates, bad pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from ingest_samples import STORY, page

from eventwire.errors import IngestError
from eventwire.ingest import read_paths
from eventwire.ingest.encoding import charset_from_header, decode_page
from eventwire.ingest.html import article_from_html
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.text import classify_paragraphs

SETTINGS = Settings()
META = (
    '<meta name="author" content="Jane Roe">'
    '<meta property="article:published_time" content="2019-03-08T10:00:00Z">'
    '<link rel="canonical" href="https://news.example/a/1">'
)


def article(html: str | bytes, **kw: object) -> Article:
    data = html.encode() if isinstance(html, str) else html
    result = article_from_html(data, origin="p.html", settings=SETTINGS, **kw)  # type: ignore[arg-type]
    assert isinstance(result, Article), result
    return result


def test_main_text_title_date_author_url() -> None:
    got = article(page(head=META))
    assert got.title == "Russia expels Dutch diplomat"
    assert got.date == dt.date(2019, 3, 8) and got.date_source == "metadata"
    assert got.author == "Jane Roe"
    assert got.url == "https://news.example/a/1"
    assert "Home | World" not in got.text
    assert got.text.split("\n\n") == ["Russia expels Dutch diplomat", *STORY]


def test_comment_form_in_body_is_trimmed_by_the_paragraph_classifier() -> None:
    got = article(page(*STORY, "Leave a Reply", "Your email address will not be published."))
    kinds = [p.kind for p in classify_paragraphs(got.text, got.title)]
    assert kinds[0] == "headline" and kinds[-2:] == ["boilerplate", "boilerplate"]
    assert kinds.count("body") == len(STORY)


def test_copyright_year_is_not_taken_as_the_publication_date() -> None:
    got = article(page(tail="<footer>Copyright 2019 Daily Planet. All rights reserved.</footer>"))
    assert got.date is None
    assert any("1 January" in w and "copyright" in w for w in got.warnings)


def test_a_real_first_of_january_in_the_metadata_is_kept() -> None:
    head = '<meta property="article:published_time" content="2020-01-01T09:00:00Z">'
    assert article(page(head=head)).date == dt.date(2020, 1, 1)


def test_url_given_by_the_caller_fills_in() -> None:
    assert article(page(), url="https://wire.example/x").url == "https://wire.example/x"


def test_page_without_body_is_an_error() -> None:
    for html in (b"<html><head><title>x</title></head></html>", b"<html></html>", b"   "):
        got = article_from_html(html, origin="p.html", settings=SETTINGS)
        assert isinstance(got, IngestError) and got.origin == "p.html"


def test_huge_page_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.seek(100_000_000)
        handle.write(b"<p>x</p>")
    (item,) = read_paths([big], settings=SETTINGS)
    assert isinstance(item, IngestError) and "max_page_bytes" in item.reason


def test_encodings_declared_wrong_or_missing() -> None:
    text = "Le ministre a déclaré: « Nous répondrons »."
    latin = page(*STORY, text).encode("cp1252")
    assert "déclaré" in article(latin).text  # no charset, not UTF-8: windows-1252
    assert article(latin).warnings
    declared = b'<meta charset="iso-8859-1">' + latin
    assert "déclaré" in article(declared).text
    wrong = b'<meta charset="no-such-charset">' + page(*STORY, text).encode()
    assert "déclaré" in article(wrong).text
    assert "déclaré" in article(page(*STORY, text).encode("utf-16"), charset=None).text


def test_charset_from_header() -> None:
    assert charset_from_header("text/html; charset=UTF-8") == "UTF-8"
    assert charset_from_header("text/html") is None and charset_from_header(None) is None
    assert decode_page(b"caf\xc3\xa9", "utf-8").text == "café"


def test_html_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.htm").write_text("<html><body></body></html>", encoding="utf-8")
    items = list(read_paths([tmp_path], settings=SETTINGS))
    assert isinstance(items[0], Article) and isinstance(items[1], IngestError)
    assert items[1].origin.endswith("b.htm")


@hsettings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda s: page(s).encode()))
def test_fuzz_html_never_raises(data: bytes) -> None:
    result = article_from_html(data, origin="f.html", settings=SETTINGS)
    assert isinstance(result, Article | IngestError)
