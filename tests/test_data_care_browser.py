"""Forgetting and deleting from the screens, in a real headless Chromium: a phone asks to be
forgotten, the facilitator forgets someone on their behalf, then deletes the session; each time
after a confirmation that a slip of the Enter key does not give."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.support import ServerProcess
from tests.test_browser import accessibility_violations, join_by_phone, shoot
from tests.test_browser_path import add_board, open_console

pytestmark = pytest.mark.browser


async def test_a_phone_forgets_itself_and_the_facilitator_deletes_the_session(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop, console, created = await open_console(browser, server, "Atelier d'un soir", errors)
    await add_board(console, "Idées", "Qu'est-ce qui marche ?", "named")
    phone_context, phone = await join_by_phone(
        browser, server, created["join_code"], "Ysolde", errors
    )
    other_context, other = await join_by_phone(
        browser, server, created["join_code"], "Bertrand", errors
    )
    people = console.get_by_test_id("participant")
    await expect(people).to_have_count(2)

    # The phone asks; cancelling keeps everything.
    await phone.get_by_test_id("forget-open").click()
    dialog = phone.get_by_test_id("confirm-dialog")
    await expect(dialog).to_contain_text("une personne participante")
    await shoot(phone, "data-care-forget-confirm-phone")
    assert await accessibility_violations(phone) == []
    await phone.keyboard.press("Enter")  # the focus is on "Cancel"
    await expect(dialog).to_have_count(0)
    await expect(people).to_have_count(2)
    await phone.get_by_test_id("forget-open").click()
    await phone.get_by_test_id("confirm-yes").click()
    await expect(phone.get_by_test_id("gone")).to_have_attribute("data-reason", "forgotten")
    await shoot(phone, "data-care-forgotten-phone")
    await expect(people).to_have_count(1)
    await expect(people).not_to_contain_text("Ysolde")
    await phone.reload()
    await expect(phone.get_by_test_id("join-name")).to_be_visible()  # the phone kept no token

    # The facilitator, on Bertrand's behalf.
    await people.first.get_by_test_id("participant-forget").click()
    await expect(console.get_by_test_id("confirm-dialog")).to_contain_text("Bertrand")
    await console.get_by_test_id("confirm-yes").click()
    await expect(people).to_have_count(0)
    await expect(other.get_by_test_id("revoked")).to_be_visible()

    # Then deletes the session: the room screen says so too.
    room = await laptop.new_page()
    await room.goto(f"{server.url}/s/{created['id']}/room")
    await expect(room.get_by_test_id("room-join-code")).to_be_visible()
    await console.get_by_test_id("session-delete").click()
    await expect(console.get_by_test_id("confirm-dialog")).to_contain_text("Atelier d'un soir")
    await shoot(console, "data-care-delete-confirm-console")
    await console.get_by_test_id("confirm-yes").click()
    await expect(console.get_by_test_id("session-deleted")).to_be_visible()
    await shoot(console, "data-care-deleted-console")
    await expect(room.get_by_test_id("room-refused")).to_have_attribute("data-reason", "deleted")
    await phone.goto(f"{server.url}/j/{created['join_code'].replace('-', '')}")
    await expect(phone.get_by_test_id("join-name")).to_have_count(0)
    assert (await console.request.get(created["facilitator_url"], max_redirects=0)).status == 403
    assert [e for e in errors if "403" not in e and "404" not in e] == []
    for context in (laptop, phone_context, other_context):
        await context.close()
