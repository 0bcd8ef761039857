"""Field conditions in a real Chromium: large text and high contrast kept on the phone, the room
screen's contrast from the console, the instructions read aloud, new contributions said to
screen readers, and notes written offline kept "waiting" then sent once."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import ServerProcess, add_board, create_session, join
from tests.test_browser import PROJECTOR, accessibility_violations, shoot, watch_console

pytestmark = pytest.mark.browser

SMALL_PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 640},
    "is_mobile": True,
    "has_touch": True,
}
# The browser's speech synthesis is not ours: a recorder stands in for it.
SPEECH_RECORDER = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
  window.speechSynthesis.cancel = () => window.__spoken.push({cancel: true});
}
"""

# Elements wider than the page (large text must not push anything off a small phone).
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.sr-only'))
  .map(e => (e.dataset.testid || e.className || e.tagName) + ' '
    + Math.round(e.getBoundingClientRect().right))"""


async def join_page(page: Page, server: ServerProcess, code: str, name: str) -> None:
    await page.goto(f"{server.url}/j/{code.replace('-', '')}")
    await page.get_by_test_id("join-name").fill(name)
    await page.get_by_test_id("join-button").click()
    await expect(page.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )


async def test_large_text_contrast_read_aloud_and_new_contributions_said(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Tiers-lieu de Saint-Firmin")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, question="Qu'est-ce qui vous aide au quotidien ?")

    laptop = await browser.new_context(viewport=PROJECTOR)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    await expect(console.get_by_test_id("screen-contrast")).to_have_attribute(
        "aria-pressed", "false"
    )
    room = await laptop.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "0")

    context = await browser.new_context(**SMALL_PHONE)
    await context.add_init_script(SPEECH_RECORDER)
    phone = await context.new_page()
    watch_console(phone, errors)
    await join_page(phone, server, session.join_code, "Awa")
    html = phone.locator("html")

    # The phone's display menu: large text and high contrast, kept across a reload.
    await phone.get_by_test_id("settings-open").click()
    await phone.get_by_test_id("setting-text-size").click()
    await expect(phone.get_by_test_id("setting-text-size")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(html).to_have_attribute("data-text-size", "large")
    await phone.get_by_test_id("setting-contrast").click()
    await expect(html).to_have_attribute("data-contrast", "on")
    await phone.reload()
    await expect(phone.get_by_test_id("instructions")).to_be_visible()
    await expect(html).to_have_attribute("data-text-size", "large")
    await expect(html).to_have_attribute("data-contrast", "on")
    await phone.get_by_test_id("settings-open").click()
    await expect(phone.get_by_test_id("setting-text-size")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(phone.get_by_test_id("setting-contrast")).to_have_attribute("aria-pressed", "true")
    # Large text keeps the page one phone wide.
    await shoot(phone, "inclusion-settings-phone")
    width = await phone.evaluate(WIDEST)
    assert width == [], width
    await phone.get_by_test_id("settings-open").click()
    assert await accessibility_violations(phone) == []

    # "Listen" reads the step's title and instructions in the page's language; again: stop.
    listen = phone.get_by_test_id("read-aloud")
    await listen.click()
    await expect(listen).to_have_attribute("data-speaking", "true")
    spoken = await phone.evaluate("window.__spoken.filter(s => s.text)")
    title = (await phone.get_by_test_id("step-title").inner_text()).strip()
    instructions = (await phone.get_by_test_id("instructions").locator("p").inner_text()).strip()
    assert spoken == [{"text": f"{title}. {instructions}", "lang": "fr-FR"}]
    await listen.click()
    await expect(listen).to_have_attribute("data-speaking", "false")
    await phone.get_by_test_id("lang-switch").click()
    await phone.get_by_test_id("read-aloud").click()
    assert (await phone.evaluate("window.__spoken.filter(s => s.text)"))[-1]["lang"] == "en-GB"
    await phone.get_by_test_id("lang-switch").click()

    # The room screen's contrast is the facilitator's choice, made in the console.
    await console.get_by_test_id("screen-contrast").click()
    await expect(console.get_by_test_id("screen-contrast")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(room.locator("html")).to_have_attribute("data-contrast", "on")

    # New notes are said politely on the room screen and the console, never the ones there first.
    said = room.get_by_test_id("contribution-announcer")
    await expect(said).to_have_text("")
    writers = [await join(http, session, name) for name in ("Lou", "Jo")]
    await writers[0].ok("board.add_note", {"text": "La navette du mardi"})
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "1")
    await expect(said).to_have_text("1 nouvelle contribution")
    await expect(console.get_by_test_id("contribution-announcer")).to_have_text(
        "1 nouvelle contribution"
    )
    await writers[0].ok("board.add_note", {"text": "Le point numérique"})
    await writers[1].ok("board.add_note", {"text": "La bibliothèque"})
    await expect(said).to_have_text("2 nouvelles contributions")
    await shoot(room, "inclusion-contrast-room")
    assert await accessibility_violations(room) == []
    # The laptop's own choice, for the console.
    await console.get_by_test_id("setting-contrast").click()
    await expect(console.locator("html")).to_have_attribute("data-contrast", "on")
    await shoot(console, "inclusion-contrast-console")

    for client in (facilitator, *writers):
        await client.disconnect()
    await context.close()
    await laptop.close()
    assert errors == []


async def test_a_phone_asking_for_more_contrast_gets_the_theme_until_turned_off(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    """The system's "more contrast" wish turns the theme on where nobody chose; turning it off on
    the phone is kept across a reload, the wish notwithstanding."""
    session = await create_session(http)
    context = await browser.new_context(**SMALL_PHONE, contrast="more")
    phone = await context.new_page()
    errors: list[str] = []
    watch_console(phone, errors)
    html = phone.locator("html")
    await phone.goto(f"{server.url}/j/{session.join_code.replace('-', '')}")
    await expect(phone.get_by_test_id("join-name")).to_be_visible()
    await expect(html).to_have_attribute("data-contrast", "on")
    await phone.get_by_test_id("settings-open").click()
    await expect(phone.get_by_test_id("setting-contrast")).to_have_attribute("aria-pressed", "true")
    await phone.get_by_test_id("setting-contrast").click()
    await expect(html).not_to_have_attribute("data-contrast", "on")
    await phone.reload()
    await expect(phone.get_by_test_id("join-name")).to_be_visible()
    await expect(html).not_to_have_attribute("data-contrast", "on")
    assert errors == []
    await context.close()


async def test_notes_written_offline_wait_then_arrive_once(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    context = await browser.new_context(**SMALL_PHONE)
    phone = await context.new_page()
    watch_console(phone, errors)
    await join_page(phone, server, session.join_code, "Awa")
    status = phone.get_by_test_id("connection-status")
    await expect(phone.get_by_test_id("note-text")).to_be_visible()

    await context.set_offline(True)
    await expect(status).to_have_attribute("data-state", "offline")
    for text in ("Un local ouvert le soir", "Des ateliers en binôme"):
        await phone.get_by_test_id("note-text").fill(text)
        await phone.get_by_test_id("add-note").click()
    waiting = phone.locator("[data-testid=note][data-pending=true]")
    await expect(waiting).to_have_count(2)
    await expect(waiting.first).to_contain_text("En attente — sera envoyé au retour du réseau")
    await expect(status).to_have_attribute("data-pending", "2")
    await expect(status).to_contain_text("2 en attente")
    await shoot(phone, "inclusion-offline-phone")

    await context.set_offline(False)
    await expect(status).to_have_attribute("data-state", "connected", timeout=15000)
    await expect(status).to_have_attribute("data-pending", "0")
    await expect(phone.locator("[data-testid=note][data-pending=true]")).to_have_count(0)
    await expect(phone.get_by_test_id("note")).to_have_count(2)
    # Everything the phone sent is acknowledged: the server holds each note once.
    await facilitator.until(lambda c: c.board["written_count"] >= 2)
    assert facilitator.board["written_count"] == 2
    await facilitator.ok("step.next")
    await facilitator.until(lambda c: len(c.board["notes"]) == 2)
    texts = sorted(n["text"] for n in facilitator.board["notes"])
    assert texts == ["Des ateliers en binôme", "Un local ouvert le soir"]

    await facilitator.disconnect()
    await context.close()
    assert [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e] == []
