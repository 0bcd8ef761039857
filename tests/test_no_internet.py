"""A laptop with no internet is enough: the browser tests' guard (tests/offline.py) blocks what a
page asks of the world outside this computer, and lists it so that the test fails.

The sessions of every format run under this guard in their own browser tests
(test_board_browser.py, test_browser_accelerator.py, test_cartography_browser.py,
test_consent_browser.py, test_review_browser.py); here the guard shows it can catch a page.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Request, expect

from tests.offline import OUTSIDE, leaves_the_machine
from tests.support import ServerProcess

OUTSIDE_URLS = [
    "http://192.0.2.1/logo.png",  # TEST-NET-1: an address, no name to resolve
    "http://169.254.1.1/",  # link-local: Chromium would go there direct without the bypass list
    "https://fonts.example.invalid/font.woff2",  # a name: resolved by nobody
]


def test_loopback_stays_home_and_the_rest_leaves() -> None:
    for url in (
        "http://127.0.0.1:8000/",
        "http://127.0.0.2/",
        "ws://localhost:8000/socket.io/",
        "http://atelier.localhost/",
        "http://[::1]:8000/",
        "data:image/png;base64,AAAA",
        "blob:http://127.0.0.1:8000/1234",
        "about:blank",
    ):
        assert not leaves_the_machine(url), url
    for url in (
        *OUTSIDE_URLS,
        "http://192.168.1.20:8000/",
        "wss://cdn.example.org/",
        "http://[2001:db8::1]/",
    ):
        assert leaves_the_machine(url), url


@pytest.mark.browser
async def test_a_page_asking_outside_is_blocked_and_caught(
    browser: Browser, server: ServerProcess
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    failed: dict[str, str] = {}

    def note_failure(request: Request) -> None:
        failed[request.url] = request.failure or ""

    context.on("requestfailed", note_failure)
    # The home page comes from loopback, direct: the proxy is not in the way.
    await page.goto(f"{server.url}/")
    await expect(page.locator("body")).not_to_be_empty()
    assert OUTSIDE.urls == []

    for url in OUTSIDE_URLS:
        outcome = await page.evaluate(
            "url => fetch(url, {mode: 'no-cors'}).then(() => 'loaded', () => 'blocked')", url
        )
        assert outcome == "blocked", url
    await page.evaluate(
        """url => new Promise(done => {
            const socket = new WebSocket(url);
            socket.onerror = socket.onopen = done;
        })""",
        "ws://192.0.2.1/socket.io/",
    )

    caught = OUTSIDE.take()  # taken, so that this test's own guard lets it pass
    assert caught == [*OUTSIDE_URLS, "ws://192.0.2.1/socket.io/"]
    # Blocked by the closed proxy, not by a network that happens to be missing here.
    assert {failed[url] for url in OUTSIDE_URLS} == {"net::ERR_PROXY_CONNECTION_FAILED"}
    await context.close()
