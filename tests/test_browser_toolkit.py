"""The facilitator's toolkit in a real headless Chromium: a two-activity agenda, the time-box on a
phone and on the room screen, follow-me (spotlight) on the room screen and a remote phone."""

from __future__ import annotations

import json
import re

import pytest
from playwright.async_api import Browser, expect

from tests.support import ServerProcess
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    accessibility_violations,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser


async def test_an_agenda_of_two_activities_with_a_timer_and_follow_me(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    response = await console.request.post(
        f"{server.url}/api/sessions",
        data=json.dumps(
            {"title": "Bilan de l'année", "facilitator_name": "Nadia", "language": "fr"}
        ),
        headers={"Content-Type": "application/json"},
    )
    created = await response.json()
    await console.goto(created["facilitator_url"])

    # Two activities through the console's form: the first opens by itself.
    for question in ("Qu'est-ce qui a marché ?", "Que changer ?"):
        await console.get_by_test_id("add-activity-format").select_option("board")
        await console.get_by_test_id("add-activity-config-question").fill(question)
        await console.get_by_test_id("add-activity-submit").click()
        await expect(console.get_by_test_id("add-activity-config-question")).to_have_value("")
    agenda = console.get_by_test_id("agenda-item")
    await expect(agenda).to_have_count(2)
    await expect(agenda.first).to_have_attribute("aria-current", "true")

    room = await laptop.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{created['id']}/room")
    await expect(room.get_by_test_id("room-progress")).to_contain_text("Activité 1 sur 2")

    # A remote attendee joins from their phone.
    phone_context = await browser.new_context(**PHONE)
    phone = await phone_context.new_page()
    watch_console(phone, errors)
    await phone.goto(f"{server.url}/j/{created['join_code'].replace('-', '')}")
    await phone.get_by_test_id("join-name").fill("Awa")
    await phone.get_by_test_id("join-remote").check()
    await phone.get_by_test_id("join-button").click()
    await expect(phone.get_by_test_id("note-text")).to_be_visible()

    # A three-minute time-box: the countdown shows on the phone and on the room screen.
    await console.get_by_test_id("timer-minutes").fill("3")
    await console.get_by_test_id("timer-start").click()
    clock = re.compile(r"^[23]:\d\d$")
    await expect(phone.get_by_test_id("timer-clock")).to_have_text(clock)
    await expect(room.get_by_test_id("timer-clock")).to_have_text(clock)
    await expect(phone.get_by_test_id("timer")).to_have_attribute("data-state", "running")
    await shoot(phone, "toolkit-timer-phone")
    await shoot(room, "toolkit-timer-projector")
    await console.get_by_test_id("timer-pause").click()
    await expect(phone.get_by_test_id("timer")).to_have_attribute("data-state", "paused")
    await expect(room.get_by_test_id("timer")).to_have_attribute("data-state", "paused")

    # A note from the phone, then the facilitator reveals and spotlights it: the room screen and
    # the remote phone follow.
    await phone.get_by_test_id("note-text").fill("Les rencontres entre bénévoles")
    await phone.get_by_test_id("add-note").click()
    await expect(console.get_by_test_id("console-note-count")).to_contain_text("1")
    await console.get_by_test_id("step-next").click()
    await console.get_by_test_id("note-spotlight").first.click()
    spotlight = room.get_by_test_id("room-spotlight")
    await expect(spotlight).to_contain_text("Les rencontres entre bénévoles")
    follow = phone.get_by_test_id("follow-display")
    await expect(follow).to_have_attribute("data-mode", "spotlight")
    await expect(follow).to_contain_text("Les rencontres entre bénévoles")
    await shoot(room, "toolkit-spotlight-projector")
    await shoot(phone, "toolkit-follow-phone")
    await console.get_by_test_id("spotlight-stop").click()
    await expect(spotlight).to_have_count(0)

    # The second activity: every screen moves with the facilitator.
    await console.get_by_test_id("open-activity").click()
    await expect(agenda.nth(1)).to_have_attribute("aria-current", "true")
    await expect(room.get_by_test_id("room-progress")).to_contain_text("Activité 2 sur 2")
    await expect(phone.get_by_text("Que changer ?")).to_be_visible()
    await expect(room.get_by_test_id("timer")).to_have_count(0)
    await shoot(room, "toolkit-second-activity-projector")
    await shoot(console, "toolkit-second-activity-laptop")

    for page in (console, room, phone):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []
    for context in (laptop, phone_context):
        await context.close()
