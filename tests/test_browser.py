"""The three screens in a real headless Chromium: a facilitator, a room screen and two phones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.support import ROOT, ServerProcess

pytestmark = pytest.mark.browser

SHOTS = ROOT / "tests" / "artifacts" / "screens"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
LAPTOP: dict[str, Any] = {"viewport": {"width": 1440, "height": 900}}
PROJECTOR: dict[str, Any] = {"width": 1920, "height": 1080}


async def shoot(page: Page, name: str) -> None:
    """Screenshots are kept under tests/artifacts/screens/ to be looked at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


async def accessibility_violations(page: Page) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations found by axe-core on the page as it is."""
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
             'wcag21aa']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    return list(result)


def watch_console(page: Page, errors: list[str]) -> None:
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))


async def join_by_phone(
    browser: Browser, server: ServerProcess, code: str, name: str, errors: list[str]
) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    watch_console(page, errors)
    await page.goto(f"{server.url}/j/{code.replace('-', '')}")
    await page.get_by_test_id("join-name").fill(name)
    await page.get_by_test_id("join-button").click()
    await expect(page.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )
    return context, page


async def test_a_board_from_the_phones_to_the_room_screen_and_the_minutes(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP, accept_downloads=True)
    console = await laptop.new_page()
    watch_console(console, errors)

    # The facilitator creates the session from the home page and lands on the console.
    await console.goto(f"{server.url}/")
    await shoot(console, "home-laptop")
    await console.get_by_test_id("create-title").fill("Communiquer entre structures")
    await console.get_by_test_id("create-facilitator").fill("Stéphanie")
    await console.get_by_test_id("create-submit").click()
    await console.wait_for_url("**/s/*/console")
    session_id = console.url.rstrip("/").split("/")[-2]
    code = (await console.get_by_test_id("join-code").inner_text()).strip()

    room = await laptop.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session_id}/room")
    await expect(room.get_by_test_id("room-lobby")).to_be_visible()
    await expect(room.get_by_test_id("room-join-code")).to_have_text(code)
    await shoot(room, "room-lobby-projector")

    camille_context, camille = await join_by_phone(browser, server, code, "Camille", errors)
    yanis_context, yanis = await join_by_phone(browser, server, code, "Yanis", errors)
    await expect(room.get_by_test_id("room-participant-count")).to_have_attribute("data-count", "2")
    await shoot(camille, "participant-waiting-phone")

    # The facilitator adds a board with the generic activity form.
    await console.get_by_test_id("add-activity-format").select_option("board")
    await console.get_by_test_id("add-activity-config-question").fill(
        "Comment mieux communiquer entre nos structures ?"
    )
    await console.get_by_test_id("add-activity-submit").click()
    await expect(camille.get_by_test_id("note-text")).to_be_visible()

    # Write: a note typed on a phone is counted on the room screen, its text not shown yet.
    await camille.get_by_test_id("note-text").fill("Un calendrier partagé")
    await camille.get_by_test_id("add-note").click()
    await yanis.get_by_test_id("note-text").fill("Des petits déjeuners métiers")
    await yanis.get_by_test_id("add-note").click()
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "2")
    await expect(room.get_by_text("Un calendrier partagé")).to_have_count(0)
    await expect(yanis.get_by_text("Un calendrier partagé")).to_have_count(0)
    await shoot(camille, "participant-write-phone")
    await shoot(console, "console-write-laptop")
    await shoot(room, "room-write-projector")

    # "Preview as participant" shows the phone's screen in the console and sends nothing.
    await console.get_by_test_id("preview-toggle").click()
    preview = console.get_by_test_id("participant-preview")
    await preview.get_by_test_id("note-text").fill("Essai depuis l'aperçu")
    await preview.get_by_test_id("add-note").click()
    await expect(console.get_by_test_id("notice").last).to_contain_text("rien n'est envoyé")
    await shoot(console, "console-preview-laptop")
    await console.get_by_test_id("preview-toggle").click()
    await expect(preview).to_have_count(0)
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "2")

    # Reveal: the note appears on the room screen.
    await console.get_by_test_id("step-next").click()
    room_notes = room.get_by_test_id("note")
    await expect(room_notes.filter(has_text="Un calendrier partagé")).to_have_count(1)
    await expect(room_notes).to_have_count(2)
    await shoot(room, "room-reveal-projector")
    await shoot(yanis, "participant-reveal-phone")

    # A reload keeps the participant's identity: same token, same name, no new participant.
    token_before = await camille.evaluate("JSON.stringify(localStorage)")
    await camille.reload()
    await expect(camille.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )
    await expect(camille.get_by_text("Camille").first).to_be_visible()
    assert await camille.evaluate("JSON.stringify(localStorage)") == token_before
    await expect(camille.get_by_test_id("note-body")).to_have_count(2)
    await expect(room.get_by_test_id("room-participant-count")).to_have_attribute("data-count", "2")

    # Vote on the phones, results on every screen.
    await console.get_by_test_id("step-next").click()  # group
    await console.get_by_test_id("step-next").click()  # vote
    # Camille's and Yanis's notes were sent at once: their order is the server's. The dot goes
    # on the note the minutes expect, whichever comes first.
    calendar = camille.get_by_test_id("note").filter(has_text="Un calendrier partagé")
    await calendar.get_by_test_id("vote-add").click()
    await expect(camille.get_by_test_id("dots-left")).to_have_attribute("data-dots-left", "2")
    # A tap is counted at once, before the server has it: wait until it is acknowledged (the
    # outbox is empty) and the phone's own view shows it (no "sending" mark), or the step may
    # end before the dot is cast.
    await expect(camille.get_by_test_id("connection-status")).to_have_attribute("data-pending", "0")
    await expect(camille.get_by_test_id("my-dots").filter(has_text="envoi")).to_have_count(0)
    await expect(camille.get_by_test_id("dots-left")).to_have_attribute("data-dots-left", "2")
    await shoot(camille, "participant-vote-phone")
    await console.get_by_test_id("step-next").click()  # results
    await expect(room.get_by_test_id("results")).to_be_visible()
    await shoot(room, "room-results-projector")
    await shoot(console, "console-results-laptop")
    await shoot(yanis, "participant-results-phone")

    # The minutes download from the console.
    async with console.expect_download() as download_info:
        await console.get_by_test_id("minutes-download").click()
    download = await download_info.value
    minutes = Path(await download.path()).read_text(encoding="utf-8")
    assert minutes.startswith("# Compte-rendu — Communiquer entre structures")
    assert "- Un calendrier partagé" in minutes and "- Des petits déjeuners métiers" in minutes
    assert "| 1 | Un calendrier partagé | 1 |" in minutes

    # Each screen passes axe-core's WCAG A/AA checks, at phone and laptop sizes.
    for page in (console, room, camille):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []

    # The phone screens at laptop size too (remote attendees use a laptop).
    await yanis.set_viewport_size({"width": 1280, "height": 800})
    await shoot(yanis, "participant-results-laptop")
    await console.set_viewport_size({"width": 390, "height": 844})
    await shoot(console, "console-results-phone")
    for context in (laptop, camille_context, yanis_context):
        await context.close()


async def test_a_phone_offline_keeps_its_note_and_sends_it_once_back(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    response = await console.request.post(
        f"{server.url}/api/sessions",
        data=json.dumps({"title": "Hors ligne", "facilitator_name": "Nadia", "language": "fr"}),
        headers={"Content-Type": "application/json"},
    )
    created = await response.json()
    await console.goto(created["facilitator_url"])
    await console.get_by_test_id("add-activity-format").select_option("board")
    await console.get_by_test_id("add-activity-config-question").fill("Une idée ?")
    await console.get_by_test_id("add-activity-submit").click()

    context, phone = await join_by_phone(browser, server, created["join_code"], "Lou", errors)
    await expect(phone.get_by_test_id("note-text")).to_be_visible()
    await context.set_offline(True)
    await phone.get_by_test_id("note-text").fill("Écrit dans le train")
    await phone.get_by_test_id("add-note").click()
    status = phone.get_by_test_id("connection-status")
    await expect(status).to_have_attribute("data-state", "offline", timeout=15000)
    await expect(status).to_have_attribute("data-pending", "1")
    await shoot(phone, "participant-offline-phone")
    await context.set_offline(False)
    await expect(status).to_have_attribute("data-state", "connected", timeout=20000)
    await expect(console.get_by_test_id("console-note-count")).to_contain_text("1")
    await expect(phone.locator("[data-testid=note][data-pending=true]")).to_have_count(0)
    await expect(phone.get_by_test_id("note-body")).to_have_text(["Écrit dans le train"])
    for ctx in (laptop, context):
        await ctx.close()
