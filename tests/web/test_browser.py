"""The web UI in Debian's chromium, driven by Playwright (``make test-browser``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
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
    page.goto(web_server.url + "/")
    page.wait_for_selector("#event-table tbody tr")
    yield page
    context.close()
    assert errors == []


def test_filter_open_event_and_highlight(page: Any) -> None:
    all_rows = page.locator("#event-table tbody tr").count()
    page.fill("#filters [name=actor]", "srb")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        f"document.querySelectorAll('#event-table tbody tr').length < {all_rows}"
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
        "[...document.querySelectorAll('#event-table tbody tr')]"
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
    page.wait_for_selector("#network-chart svg line")
    assert page.locator("#network-chart svg circle").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "network.png"))
    page.click("#tabs button[data-tab=quotes]")
    page.fill("#quote-form [name=speaker]", "Ilic")
    page.click("#quote-form button")
    page.wait_for_selector("#quote-table tbody tr >> text=SRBGOV")
    page.screenshot(path=str(SCREENSHOTS / "quotes.png"))
