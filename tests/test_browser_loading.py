"""A page loads a format's screens from the format's folder when an activity of that format first
appears, and only what it shows: a phone downloads neither the console's styles nor those of
another format. The server bundles the screens (server/assets.py): the page's map from source
paths to versioned URLs says which file is which."""

from __future__ import annotations

from urllib.parse import urlparse

import httpx
import pytest
from playwright.async_api import Browser, Request, expect

from tests.support import ServerProcess, add_board, create_session
from tests.test_browser import PHONE, watch_console

pytestmark = pytest.mark.browser

# The page's own stylesheets (one bundled file), then the board's, in this order.
PAGE_STYLES = [
    "/static/css/base.css",
    "/static/css/display.css",
    "/static/css/components.css",
    "/static/css/session.css",
    "/static/css/phone.css",
]
BOARD_STYLES = ["/formats/board/style.css", "/formats/board/participant.css"]


async def test_a_phone_loads_its_page_and_the_open_format_only(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, question="Qu'est-ce qui marche bien ?")
    context = await browser.new_context(**PHONE)
    phone = await context.new_page()
    errors: list[str] = []
    watch_console(phone, errors)
    requested: list[str] = []

    def keep(request: Request) -> None:
        requested.append(urlparse(request.url).path)

    phone.on("request", keep)
    await phone.goto(f"{server.url}/j/{session.join_code.replace('-', '')}")
    await phone.get_by_test_id("join-name").fill("Camille")
    await phone.get_by_test_id("join-button").click()
    # The board's renderer draws only once its styles and words are in.
    await expect(phone.get_by_test_id("board-question")).to_contain_text("Qu'est-ce qui marche")
    await expect(phone.get_by_test_id("add-note")).to_have_css("min-height", "60px")

    # Versioned URLs back to their sources.
    urls = await phone.evaluate(
        "JSON.parse(document.getElementById('fabrique-assets')?.textContent ?? '{}')"
    )
    source = {url: f"/{path}" for path, url in urls.items()}
    requested = [source.get(path, path) for path in requested]
    page_styles = await phone.evaluate(
        "[...document.querySelectorAll('head link[rel=stylesheet]')]"
        ".slice(0, -2).map((link) => new URL(link.href).pathname)"
    )
    assert page_styles == PAGE_STYLES or (
        len(page_styles) == 1 and page_styles[0].startswith("/assets/css/participant-")
    ), page_styles
    styles = [path for path in requested if path.endswith(".css")]
    assert styles == [*page_styles, *BOARD_STYLES], styles
    assert {"/formats/board/i18n/fr.json", "/formats/board/i18n/en.json"} <= set(requested)
    assert "/formats/board/participant.js" in requested
    assert not [path for path in requested if "accelerator" in path]

    # The renderer contract is checked as code: a misspelt part is refused at once.
    refused = await phone.evaluate(
        """async () => {
          const { defineRenderer } = await import('/static/js/kit.js');
          try { defineRenderer({ render() {}, pictogams: {} }); return 'accepted'; }
          catch (error) { return error.message; }
        }"""
    )
    assert "pictogams" in refused
    assert errors == []
    await context.close()
    await facilitator.disconnect()
