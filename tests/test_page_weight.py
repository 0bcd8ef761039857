"""What a phone downloads on a weak Wi-Fi: the participant page, up to a board's first step, costs
under 60 KB of compressed scripts and stylesheets in a few requests; a reload takes them all from
the browser's cache (versioned names, kept a year) and still works; a phone on a throttled 3G
link joins and shows its first view. The console's and the room screen's weights are figures.

Bytes are those Chromium counts on the wire (`Network.loadingFinished`'s `encodedDataLength`:
compressed body and headers), through the DevTools protocol."""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, CDPSession, Page, expect

from server.app import build_app
from server.settings import Settings
from tests.support import ServerProcess, add_board, create_session, join
from tests.test_browser import LAPTOP, PHONE, PROJECTOR, watch_console

# The budget for the participant page's scripts and stylesheets, compressed.
BUDGET_BYTES = 60_000
# The page's stylesheet and entry, a few shared chunks (esbuild makes one per set of pages sharing
# modules, some small), the board's module (and its own chunk) and its two stylesheets: 44
# requests before bundling.
BUDGET_REQUESTS = 14
# WebPageTest's "3G" profile: 1.6 Mbps down, 768 kbps up, 300 ms round trip.
THREE_G = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 768_000 / 8,
}


@dataclass
class Fetched:
    url: str
    status: int = 0
    cached: bool = False
    wire: int = 0  # bytes on the wire (compressed body and headers); 0 from the cache
    raw: int = 0  # bytes of the body once decompressed

    @property
    def kind(self) -> str:
        path = urlparse(self.url).path
        return "js" if path.endswith((".js", ".mjs")) else "css" if path.endswith(".css") else ""


@dataclass
class NetworkLog:
    """Every request a page makes, as Chromium's network layer reports it."""

    requests: dict[str, Fetched] = field(default_factory=dict)

    def scripts_and_styles(self) -> list[Fetched]:
        return [f for f in self.requests.values() if f.kind and f.status]

    def from_network(self) -> list[Fetched]:
        return [f for f in self.scripts_and_styles() if not f.cached]

    def totals(self) -> dict[str, int]:
        fetched = self.from_network()
        return {
            "requests": len(fetched),
            "raw_bytes": sum(f.raw for f in fetched),
            "wire_bytes": sum(f.wire for f in fetched),
        }

    def clear(self) -> None:
        self.requests.clear()


async def record_network(page: Page, conditions: dict[str, Any] | None = None) -> NetworkLog:
    cdp: CDPSession = await page.context.new_cdp_session(page)
    log = NetworkLog()

    def sent(event: dict[str, Any]) -> None:
        log.requests.setdefault(event["requestId"], Fetched(event["request"]["url"]))

    def received(event: dict[str, Any]) -> None:
        fetched = log.requests.setdefault(event["requestId"], Fetched(event["response"]["url"]))
        fetched.status = event["response"]["status"]
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromMemoryCache"):
            fetched.cached = True

    def from_cache(event: dict[str, Any]) -> None:
        if event["requestId"] in log.requests:
            log.requests[event["requestId"]].cached = True

    def data(event: dict[str, Any]) -> None:
        if event["requestId"] in log.requests:
            log.requests[event["requestId"]].raw += event["dataLength"]

    def finished(event: dict[str, Any]) -> None:
        if event["requestId"] in log.requests:
            log.requests[event["requestId"]].wire = int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", from_cache)
    cdp.on("Network.dataReceived", data)
    cdp.on("Network.loadingFinished", finished)
    await cdp.send("Network.enable")
    if conditions is not None:
        await cdp.send("Network.emulateNetworkConditions", conditions)
    return log


async def phone_joins(page: Page, server: ServerProcess, code: str, name: str) -> float:
    """Opens the join page, joins; returns the seconds from the click to the board's first step."""
    await page.goto(f"{server.url}/j/{code.replace('-', '')}")
    await page.get_by_test_id("join-name").fill(name)
    started = time.monotonic()
    await page.get_by_test_id("join-button").click()
    await board_shown(page)
    return time.monotonic() - started


# Checked at every frame (a time measured with Playwright's `expect` would include its polling).
SHOWN = """() => {
  const question = document.querySelector('[data-testid=board-question]');
  const add = document.querySelector('[data-testid=add-note]');
  return question?.textContent.includes("Qu'est-ce qui marche")
    && add && getComputedStyle(add).minHeight === '60px';
}"""
READY = "() => document.querySelector('[data-testid=join-button]')?.disabled === false"


async def board_shown(page: Page) -> None:
    """The board's first step, drawn with its words and styles (the renderer draws only once
    they are in)."""
    await page.wait_for_function(SHOWN, polling="raf", timeout=30_000)


async def join_form_ready(page: Page) -> None:
    await page.wait_for_function(READY, polling="raf", timeout=30_000)


async def new_phone(browser: Browser, errors: list[str]) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    watch_console(page, errors)
    return context, page


def page_client(settings: Settings) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=build_app(settings))
    return httpx.AsyncClient(transport=transport, base_url="http://fabrique.test")


async def test_versioned_files_are_kept_a_year_and_everything_is_compressed(
    tmp_path: Path,
) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    async with page_client(settings) as http:
        page = await http.get("/j/K7QM3XD9", headers={"Accept-Encoding": "gzip"})
        assert page.headers["content-encoding"] == "gzip"
        assert page.headers["cache-control"] == "no-cache"
        found = re.search(r'id="fabrique-assets">(.*?)</script>', page.text)
        assert found, "the page carries the map of versioned files"
        entry = json.loads(found[1])["static/js/participant.js"]
        assert f'<script type="module" src="{entry}">' in page.text
        script = await http.get(entry, headers={"Accept-Encoding": "gzip"})
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert script.headers["content-encoding"] == "gzip"
        assert "import" in script.text, "compressed once at build time, read as it was written"
        plain = await http.get(entry, headers={"Accept-Encoding": "identity"})
        assert plain.content == script.content and "content-encoding" not in plain.headers
        again = await http.get(entry, headers={"If-None-Match": script.headers["etag"]})
        assert again.status_code == 304
        # The sources are still served at their own paths, revalidated before each use.
        source = await http.get("/static/js/participant.js")
        assert source.headers["cache-control"] == "no-cache"


async def test_without_esbuild_the_sources_are_served_as_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No esbuild, a build that fails (a syntax error), or `FABRIQUE_ASSETS=plain`: the page
    loads its files by their own paths."""
    vendor = tmp_path / "node_modules"
    vendor.mkdir()
    broken = tmp_path / "frontend"
    shutil.copytree(Settings().frontend_dir, broken)
    with (broken / "js" / "participant.js").open("a", encoding="utf-8") as source:
        source.write("\nexport const = ;\n")
    database = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    for settings in (
        Settings(database_url=database, vendor_dir=vendor),
        Settings(database_url=database, frontend_dir=broken),
        Settings(database_url=database, bundle_assets=False),
    ):
        with caplog.at_level(logging.INFO, logger="fabrique.assets"):
            client = page_client(settings)
        assert "unbundled" in caplog.text
        caplog.clear()
        async with client as http:
            page = await http.get("/j/K7QM3XD9")
        assert '<script type="module" src="/static/js/participant.js">' in page.text
        assert '<link rel="stylesheet" href="/static/css/phone.css" />' in page.text
        assert "fabrique-assets" not in page.text


@pytest.mark.browser
async def test_the_participant_page_stays_light_and_is_cached(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient, figure: Any
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    errors: list[str] = []
    context, phone = await new_phone(browser, errors)
    network = await record_network(phone)

    await phone_joins(phone, server, session.join_code, "Camille")
    first = network.totals()
    figure("participant page, first load (JS+CSS, to a board's first step)", **first)
    assert first["wire_bytes"] < BUDGET_BYTES, network.from_network()
    assert first["requests"] <= BUDGET_REQUESTS, [f.url for f in network.from_network()]

    # A reload asks only for the page: every script and stylesheet comes from the cache.
    network.clear()
    await phone.reload()
    await board_shown(phone)
    again = network.totals()
    figure("participant page, reload", **again)
    assert again["requests"] == 0, [f.url for f in network.from_network()]
    assert network.scripts_and_styles(), "the reload used the same files"
    await expect(phone.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )
    assert errors == []
    await context.close()

    # The console and the room screen, first loads, with a note on the board.
    yanis = await join(http, session, "Yanis")
    await yanis.ok("board.add_note", {"text": "Un calendrier partagé"})
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    network = await record_network(console)
    await console.goto(session.facilitator_url)
    # The board's console renderer draws once its styles and words are in.
    await expect(console.locator(".board--console .board-question")).to_be_visible()
    figure("console page, first load (JS+CSS, a board's first step)", **network.totals())
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.add_cookies(await laptop.cookies())
    room = await projector.new_page()
    watch_console(room, errors)
    network = await record_network(room)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "1")
    figure("room screen, first load (JS+CSS, a board's first step)", **network.totals())
    assert errors == []
    await laptop.close()
    await projector.close()
    await yanis.disconnect()
    await facilitator.disconnect()


@pytest.mark.browser
async def test_a_phone_on_3g_joins_and_shows_its_first_view(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient, figure: Any
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    errors: list[str] = []
    context, phone = await new_phone(browser, errors)
    await record_network(phone, THREE_G)
    started = time.monotonic()
    await phone.goto(f"{server.url}/j/{session.join_code.replace('-', '')}")
    await join_form_ready(phone)
    ready = time.monotonic() - started
    await phone.get_by_test_id("join-name").fill("Camille")
    clicked = time.monotonic()
    await phone.get_by_test_id("join-button").click()
    await board_shown(phone)
    done = time.monotonic()
    figure(
        "3G phone (1.6 Mbps, 300 ms RTT), first visit",
        page_ready_s=round(ready, 2),
        join_to_first_view_s=round(done - clicked, 2),
        total_s=round(done - started, 2),
    )
    assert errors == []
    await context.close()
    await facilitator.disconnect()


# A network that refuses WebSockets, as the page sees it: each one fails before it opens (the
# upgrade refused by a proxy). Playwright's WebSocket routing cannot do this: a routed socket opens.
REFUSED_WEBSOCKETS = """
window.__refusedSockets = 0;
window.WebSocket = class RefusedWebSocket {
  static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3;
  constructor(url) {
    this.url = url; this.readyState = 0; window.__refusedSockets += 1;
    setTimeout(() => {
      this.readyState = 3;
      this.onerror?.(new Event('error'));
      this.onclose?.({ code: 1006, reason: '', wasClean: false });
    }, 20);
  }
  send() {}
  close() {}
};
"""


async def test_where_websockets_are_refused_the_phone_joins_by_long_polling(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    """The phone tries a WebSocket first (fewer round trips); a network that refuses it (a proxy,
    a captive portal) still gets the session, over HTTP long-polling."""
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    errors: list[str] = []
    context, phone = await new_phone(browser, errors)
    await phone.add_init_script(REFUSED_WEBSOCKETS)
    polls: list[str] = []
    phone.on("request", lambda r: polls.append(r.url) if "transport=polling" in r.url else None)
    await phone_joins(phone, server, session.join_code, "Camille")
    await expect(phone.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )
    assert await phone.evaluate("window.__refusedSockets") >= 1, "no WebSocket was tried"
    assert polls, "the phone did not fall back to long-polling"
    # Its note reaches the facilitator: the fallback carries commands, not only views.
    await phone.get_by_test_id("note-text").fill("Un tableau en liège à l'entrée")
    await phone.get_by_test_id("add-note").click()
    await facilitator.until(lambda c: c.board["note_count"] == 1)
    assert [e for e in errors if "WebSocket" not in e] == []
    await context.close()
    await facilitator.disconnect()
