"""The web UI in Debian's chromium, driven by Playwright (``make test-browser``)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# (Playwright evaluates a string predicate with eval(), which the UI's CSP forbids: every
# wait_for_function below is given an arrow function.)
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip
# Screenshots go outside the checkout: $EVENTWIRE_ARTIFACTS (CI can keep them), else the temp dir.
SCREENSHOTS = (
    Path(os.environ.get("EVENTWIRE_ARTIFACTS", tempfile.gettempdir())) / "eventwire-screenshots"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, web_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The UI runs under its Content-Security-Policy without a single violation.
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    response = page.goto(web_server.url + "/")
    assert response is not None and "frame-ancestors 'none'" in response.headers.get(
        "content-security-policy", ""
    )
    page.wait_for_selector("#event-table tbody tr")
    yield page
    context.close()
    assert errors == []


def test_filter_open_event_and_highlight(page: Any) -> None:
    all_rows = page.locator("#event-table tbody tr").count()
    page.fill("#filters [name=actor]", "srb")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        f"() => document.querySelectorAll('#event-table tbody tr').length < {all_rows}"
    )
    rows = page.locator("#event-table tbody tr")
    assert rows.count() >= 1
    row = rows.filter(has_text="expelled").first
    row.click()
    page.wait_for_selector("#article-text mark.sentence")
    sentence = page.inner_text("#article-text mark.sentence")
    assert sentence.startswith("Serbia on Friday expelled")
    assert page.inner_text("#article-text .ev-trigger") == "expelled"
    assert page.inner_text("#article-text .ev-source") == "Serbia"
    assert "Friday" in page.inner_text("#evidence tr[data-field=date]")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "events.png"), full_page=True)


def test_script_in_article_is_inert(page: Any) -> None:
    page.fill("#filters [name=q]", "arrested")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-table tbody tr')]"
        ".every(r => r.textContent.includes('arrested'))"
    )
    page.locator("#event-table tbody tr").first.click()
    page.wait_for_selector("#article-text mark.sentence")
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 1</script>" in text
    assert "<img src=x" in page.inner_text("#article-text mark.sentence")
    assert page.inner_text("#detail-title") == "<script>window.__pwned = 1</script>"
    assert page.locator("#detail script, #detail img").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    page.screenshot(path=str(SCREENSHOTS / "script-inert.png"), full_page=True)


def test_timeline_network_quotes(page: Any) -> None:
    page.click("#tabs button[data-tab=timeline]")
    page.wait_for_selector("#timeline-chart svg rect")
    assert page.locator("#timeline-chart svg rect").count() >= 3
    page.select_option("#timeline-by", "quad_class")
    page.wait_for_selector("#timeline-chart svg text >> text='4'")
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"))
    page.click("#tabs button[data-tab=network]")
    page.wait_for_selector("#network-chart svg line", state="attached")  # may be horizontal
    assert page.locator("#network-chart svg circle").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "network.png"))
    page.click("#tabs button[data-tab=quotes]")
    page.fill("#quote-form [name=speaker]", "Ilic")
    page.click("#quote-form button")
    page.wait_for_selector("#quote-table tbody tr >> text=SRBGOV")
    page.screenshot(path=str(SCREENSHOTS / "quotes.png"))


def test_security_headers_are_enforced(browser: Any, web_server: Any) -> None:
    """CSP, nosniff and frame-ancestors as the browser sees and applies them."""
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text))
    response = page.goto(web_server.url + "/")
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    page.wait_for_selector("#event-table tbody tr")
    # An inline script that reached the page (e.g. through a bug) does not run.
    ran = page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__inline = 1'; document.body.append(s);"
        " return window.__inline === 1; }"
    )
    assert ran is False
    assert any("Content Security Policy" in v for v in violations)
    # Another origin cannot frame the UI (frame-ancestors 'none').
    outer = context.new_page()
    outer.set_content(f'<iframe id="f" src="{web_server.url}/"></iframe>')
    frame = outer.query_selector("#f").content_frame()
    deadline = time.monotonic() + 20
    while not frame.url.startswith("chrome-error:") and time.monotonic() < deadline:
        outer.wait_for_timeout(100)
    assert frame.url.startswith("chrome-error:"), frame.url  # chromium refused to frame the UI
    assert outer.frame_locator("#f").locator("#event-table").count() == 0
    context.close()


def test_article_with_slash_id_and_coarse_date_filter(page: Any) -> None:
    """A URL-style article id opens from the event list; From/To keep a year-dated event."""
    page.fill("#filters [name=q]", "Wednesday expelled")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-table tbody tr')]"
        ".every(r => r.textContent.includes('expelled')) &&"
        " document.querySelectorAll('#event-table tbody tr').length === 1"
    )
    page.locator("#event-table tbody tr").first.click()
    page.wait_for_selector("#article-text mark.sentence")
    assert page.inner_text("#detail-title") == "Serbia expelled Croatian envoy over spying"
    assert "news.example.org/2024/06/15/envoy" in page.inner_text("#detail-meta")
    assert page.inner_text("#error") == ""
    page.fill("#filters [name=q]", "")
    page.fill("#filters [name=since]", "2019-06-01")
    page.fill("#filters [name=until]", "2019-12-31")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-table tbody tr td:first-child')]"
        ".map(td => td.textContent).join() === '2019'"
    )
    page.locator("#event-table tbody tr").first.click()
    page.wait_for_function(  # the article of the clicked event has loaded
        "() => document.querySelector('#evidence tr[data-field=date]')"
        ".textContent.includes('year:')"
    )
    assert "year: 2019-01-01 – 2019-12-31" in page.inner_text("#evidence tr[data-field=date]")
    assert page.inner_text("#error") == ""
    page.click("#tabs button[data-tab=timeline]")
    page.wait_for_selector("#timeline-chart svg rect")
    assert page.inner_text("#timeline-chart") != ""
