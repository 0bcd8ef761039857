"""The board's console, room screen and phones in a real headless Chromium: grouping a big wall
(dragging, several notes at once, merging by dropping, the keyboard and tap paths), counters
that agree on every screen, and results with ties. Phones and people without a phone act over
Socket.IO where their screen is not the point."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, expect

from tests.support import (
    Client,
    ServerProcess,
    Session,
    add_board,
    caught_up,
    create_session,
    join,
)
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    SHOTS,
    accessibility_violations,
    join_by_phone,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

COLUMNS = ["Outils", "Rencontres", "Méthode"]


def card(page: Page | Locator, text: str) -> Locator:
    """The note whose own text is `text` (a console note also lists others in its selects)."""
    root = page if isinstance(page, Page) else page.page
    return page.get_by_test_id("note").filter(
        has=root.get_by_test_id("note-body").get_by_text(text, exact=True)
    )


def group(page: Page, group_id: str) -> Locator:
    return page.locator(f'[data-testid="group"][data-group-id="{group_id}"]')


def tray(page: Page, group_id: str) -> Locator:
    return page.locator(f'[data-testid="tray-group"][data-group-id="{group_id}"]')


async def drag(page: Page, source: Locator, target: Locator) -> None:
    """Drag with the mouse, as a facilitator does, from where both are on screen now.

    (Playwright's `drag_to` scrolls to the target after pressing the button: the tray, pinned
    to the foot of the screen, would then have moved the page under the pointer.)"""
    await source.scroll_into_view_if_needed()
    start, end = await source.bounding_box(), await target.bounding_box()
    assert start is not None and end is not None
    await page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 3)
    await page.mouse.down()
    await page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    await page.mouse.up()


async def wall_in_group_step(http: httpx.AsyncClient, count: int) -> tuple[Session, Client]:
    """A board of `count` notes ("Idée 01"…) from two phones, at the group step."""
    session = await create_session(http, title="Regrouper un grand mur")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", columns=COLUMNS)
    phones = [await join(http, session, "Camille"), await join(http, session, "Yanis")]
    for i in range(1, count + 1):
        await phones[i % 2].ok("board.add_note", {"text": f"Idée {i:02d}"})
    for _ in range(2):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["step"]["key"] == "group"
    for phone in phones:
        await phone.disconnect()
    return session, facilitator


def group_of(facilitator: Client, text: str) -> str | None:
    (note,) = [n for n in facilitator.board["notes"] if n["text"] == text]
    group_id: str | None = note["group_id"]
    return group_id


async def test_forty_notes_are_grouped_by_dragging_several_at_once_and_merging_on_a_note(
    browser: Browser, http: httpx.AsyncClient
) -> None:
    session, facilitator = await wall_in_group_step(http, 40)
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    await expect(console.get_by_test_id("note-body")).to_have_count(40)
    room = await laptop.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(f"{session.base_url}/s/{session.id}/room")
    await expect(room.get_by_test_id("note")).to_have_count(40)
    await shoot(console, "board-grouping-start-laptop")

    # One note dragged onto a group in the tray (it stays in view below the notes) goes there.
    await drag(console, card(console, "Idée 01"), tray(console, "g1"))
    await expect(card(group(console, "g1"), "Idée 01")).to_have_count(1)
    await facilitator.until(lambda c: group_of(c, "Idée 01") == "g1")

    # Several notes ticked, then one of them dragged: they all move, in one step.
    for text in ("Idée 02", "Idée 03", "Idée 04", "Idée 05"):
        await card(console, text).get_by_test_id("note-select").check()
    bar = console.get_by_test_id("selection-bar")
    await expect(bar).to_have_attribute("data-count", "4")
    await expect(bar).to_contain_text("4 post-it sélectionnés")
    await shoot(console, "board-grouping-selected-laptop")
    # Halfway down the wall, the groups are still in view (the viewport, not the whole page).
    await card(console, "Idée 24").scroll_into_view_if_needed()
    await expect(tray(console, "g3")).to_be_in_viewport()
    await console.screenshot(path=SHOTS / "board-grouping-scrolled-laptop.png")
    await drag(console, card(console, "Idée 03"), tray(console, "g2"))
    for text in ("Idée 02", "Idée 03", "Idée 04", "Idée 05"):
        await expect(card(group(console, "g2"), text)).to_have_count(1)
    await expect(bar).to_have_count(0)
    await facilitator.until(lambda c: all(group_of(c, f"Idée 0{i}") == "g2" for i in range(2, 6)))
    await expect(console.get_by_test_id("session-undo")).to_contain_text("déplacement de post-it")
    # A group's own heading takes a drop too: from one group to the one above it (both in view,
    # clear of the step controls above and the tray below).
    head = group(console, "g1").get_by_test_id("group-head")
    await head.evaluate("h => window.scrollBy(0, h.getBoundingClientRect().top - 200)")
    await drag(console, card(console, "Idée 05"), head)
    await expect(card(group(console, "g1"), "Idée 05")).to_have_count(1)
    await expect(card(group(console, "g2"), "Idée 05")).to_have_count(0)

    # A note dropped onto another merges into it.
    target = card(console, "Idée 07").get_by_test_id("note-body")
    await drag(console, card(console, "Idée 06"), target)
    await expect(card(console, "Idée 06")).to_have_count(0)
    await expect(card(console, "Idée 07")).to_contain_text("Idée 06")
    await expect(room.get_by_test_id("note")).to_have_count(39)
    # Every figure says the same: 39 on the wall, 40 written, 1 merged.
    await expect(console.get_by_test_id("console-note-count")).to_contain_text("39")
    await expect(console.get_by_test_id("console-written-count")).to_contain_text("40")
    await expect(console.get_by_test_id("console-merged-count")).to_contain_text("1")
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "39")

    # The keyboard: Space ticks notes, Enter on a group's "put here" moves them.
    for text in ("Idée 08", "Idée 09", "Idée 10"):
        await card(console, text).get_by_test_id("note-select").focus()
        await console.keyboard.press("Space")
    await expect(bar).to_have_attribute("data-count", "3")
    here = group(console, "g3").get_by_test_id("group-move-here")
    await expect(here).to_contain_text("3")
    await here.focus()
    await console.keyboard.press("Enter")
    for text in ("Idée 08", "Idée 09", "Idée 10"):
        await expect(card(group(console, "g3"), text)).to_have_count(1)
    await expect(bar).to_have_count(0)
    # Focus stays in the group the notes went to, not lost to the page.
    assert (
        await console.evaluate(
            "document.activeElement.closest('[data-testid=group]')?.dataset.groupId"
        )
        == "g3"
    )

    # One undo takes the three back out of the group.
    await console.get_by_test_id("session-undo").click()
    for text in ("Idée 08", "Idée 09", "Idée 10"):
        await expect(card(group(console, ""), text)).to_have_count(1)
    # A new theme made with the notes ticked for it.
    for text in ("Idée 14", "Idée 15"):
        await card(console, text).get_by_test_id("note-select").check()
    await console.get_by_test_id("new-group-title").fill("Financement")
    await expect(console.get_by_test_id("new-group-add")).to_contain_text("avec les 2 post-it")
    await console.get_by_test_id("new-group-add").click()
    for text in ("Idée 14", "Idée 15"):
        await expect(card(group(console, "g4"), text)).to_have_count(1)
    await expect(group(console, "g4")).to_contain_text("Financement")
    await shoot(console, "board-grouping-laptop")
    await shoot(room, "board-grouping-projector")
    assert await accessibility_violations(console) == []

    # On a tablet or a phone, taps only: tick, then "put here".
    tablet_context = await browser.new_context(**PHONE)
    tablet = await tablet_context.new_page()
    watch_console(tablet, errors)
    await tablet.goto(session.facilitator_url)
    await expect(tablet.get_by_test_id("note-body")).to_have_count(39)
    for text in ("Idée 11", "Idée 12"):
        # Scrolled to the middle, as a finger does, clear of the tray pinned at the foot.
        await card(tablet, text).evaluate("note => note.scrollIntoView({block: 'center'})")
        await card(tablet, text).get_by_test_id("note-select").tap()
    await expect(tablet.get_by_test_id("selection-bar")).to_have_attribute("data-count", "2")
    await shoot(tablet, "board-grouping-phone")
    here = group(tablet, "g1").get_by_test_id("group-move-here")
    await here.evaluate("button => button.scrollIntoView({block: 'center'})")
    await here.tap()
    for text in ("Idée 11", "Idée 12"):
        await expect(card(group(tablet, "g1"), text)).to_have_count(1)
        await expect(card(group(console, "g1"), text)).to_have_count(1)
    await console.get_by_test_id("lang-switch").click()
    await expect(console.get_by_test_id("group-tray")).to_contain_text("Drag a note onto a theme")
    await card(console, "Idée 20").evaluate("note => note.scrollIntoView({block: 'center'})")
    await console.screenshot(path=SHOTS / "board-grouping-scrolled-laptop-en.png")
    tick = card(tablet, "Idée 13").locator("label:has([data-testid=note-select])")
    box = await tick.bounding_box()
    assert box is not None and round(box["width"]) >= 44 and round(box["height"]) >= 44, box

    assert errors == []
    for context in (laptop, tablet_context):
        await context.close()
    await facilitator.disconnect()


async def test_every_screen_counts_the_same_notes_and_people_and_says_what_can_be_done(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Des comptes justes")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", question="Que garder ?")
    answer = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][-1]["id"]
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    room = await laptop.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(f"{session.base_url}/s/{session.id}/room")
    phone_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors
    )
    yanis = await join(http, session, "Yanis")
    await camille.get_by_test_id("note-text").fill("Un calendrier partagé")
    await camille.get_by_test_id("add-note").click()
    for text in ("Idée A", "Idée B", "Idée C", "Idée D", "Idée E"):
        await yanis.ok("board.add_note", {"text": text})
    await expect(camille.get_by_test_id("room-line")).to_have_text(
        "Dans la salle : 6 post-it écrits"
    )
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "6")

    # Two duplicates merged, one note hidden: 3 on the wall, 6 written, everywhere.
    for _ in range(2):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    ids = {n["text"]: n["id"] for n in facilitator.board["notes"]}
    for duplicate in ("Idée B", "Idée C"):
        await facilitator.ok(
            "board.merge_notes", {"note_id": ids[duplicate], "into_id": ids["Idée A"]}
        )
    await facilitator.ok("board.hide_note", {"note_id": ids["Idée E"], "hidden": True})
    await expect(camille.get_by_test_id("room-line")).to_have_text(
        "Sur le mur : 3 post-it (6 écrits, 2 fusionnés avec d'autres, 1 masqué par l'animation)"
    )
    await expect(room.get_by_test_id("room-note-count")).to_have_attribute("data-count", "3")
    await expect(console.get_by_test_id("console-note-count")).to_contain_text("3")
    await expect(console.get_by_test_id("console-written-count")).to_contain_text("6")
    await expect(console.get_by_test_id("console-merged-count")).to_contain_text("2")
    await expect(console.get_by_test_id("console-hidden-count")).to_contain_text("1")
    await shoot(camille, "board-counts-group-phone")
    await shoot(console, "board-counts-group-laptop")

    # Vote: Jo, who has no phone, votes through the facilitator and counts among the done too.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    for text in ("Idée A", "Idée A", "Idée D"):
        await card(camille, text).get_by_test_id("vote-add").click()
        await expect(camille.get_by_test_id("connection-status")).to_have_attribute(
            "data-pending", "0"
        )
    dots = camille.get_by_test_id("dots-left")
    await expect(dots).to_have_attribute("data-dots-left", "0")
    await expect(dots).to_contain_text("Vos 3 gommettes sont posées")
    await expect(dots).to_contain_text("Pour changer d'avis, retirez-en une.")
    await yanis.ok("board.add_vote", {"note_id": ids["Idée D"]})
    answer = await facilitator.send(
        "board.add_vote", {"note_id": ids["Un calendrier partagé"]}, on_behalf_of=jo
    )
    assert answer["ok"], answer
    await expect(room.get_by_test_id("room-voters")).to_have_text("3")
    await expect(room.get_by_test_id("ready-count")).to_contain_text("Personne n'a encore fini")
    # "Done" counts the same people as "voted": the person without a phone is one of them.
    await yanis.ok("participant.ready", {"ready": True})
    await expect(room.get_by_test_id("ready-count")).to_contain_text("1 sur 3 a fini")
    await expect(camille.get_by_test_id("ready-count")).to_contain_text("1 sur 3 a fini")
    await expect(console.get_by_test_id("console-voters")).to_contain_text("3 sur 3 ont voté")
    await shoot(room, "board-counts-vote-projector")
    await shoot(console, "board-counts-vote-laptop")

    # Input locked: nothing invites Camille to take a dot back.
    await facilitator.ok("step.lock_input", {"locked": True})
    await expect(camille.get_by_test_id("input-closed")).to_be_visible()
    await expect(camille.get_by_test_id("vote-remove")).to_have_count(0)
    await expect(dots).to_contain_text("Vos 3 gommettes sont posées")
    await expect(camille.get_by_text(re.compile("retirez-en", re.IGNORECASE))).to_have_count(0)
    await shoot(camille, "board-counts-vote-locked-phone")
    await camille.get_by_test_id("lang-switch").click()
    await expect(dots).to_contain_text("Your 3 dots are placed")
    await expect(camille.get_by_text(re.compile("take one back", re.IGNORECASE))).to_have_count(0)
    await shoot(camille, "board-counts-vote-locked-phone-en")

    for page in (console, room, camille):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []
    for context in (laptop, phone_context):
        await context.close()
    for client in (facilitator, yanis):
        await client.disconnect()


async def test_my_notes_are_counted_in_words_from_none_to_several(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Mes post-it")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", question="Que garder ?")
    context, phone = await join_by_phone(browser, server, session.join_code, "Awa", errors)
    mine = phone.locator("#mine-title")
    await expect(mine).to_have_text("Mes post-it")
    await expect(phone.get_by_test_id("room-line")).to_have_text("Dans la salle : 0 post-it écrit")
    await shoot(phone, "board-mine-none-phone")
    for count, text in enumerate(("Un calendrier partagé", "Des petits déjeuners"), 1):
        await phone.get_by_test_id("note-text").fill(text)
        await phone.get_by_test_id("add-note").click()
        await expect(mine).to_have_text(f"Mes post-it ({count})")
    await phone.get_by_test_id("lang-switch").click()
    await expect(mine).to_have_text("My notes (2)")
    await expect(phone.get_by_test_id("room-line")).to_have_text("In the room: 2 notes written")
    await shoot(phone, "board-mine-two-phone-en")
    assert errors == []
    await context.close()
    await facilitator.disconnect()


async def test_tied_results_say_so_under_the_rank_on_the_room_screen(
    browser: Browser, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Ex æquo")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", question="Que garder ?")
    phones = [await join(http, session, name) for name in ("Camille", "Yanis")]
    for phone, text in zip(phones, ("Un calendrier partagé", "Des petits déjeuners"), strict=True):
        await phone.ok("board.add_note", {"text": text})
    await phones[0].ok("board.add_note", {"text": "Une lettre commune"})
    for _ in range(3):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    ids = {n["text"]: n["id"] for n in facilitator.board["notes"]}
    for phone in phones:
        await phone.ok("board.add_vote", {"note_id": ids["Un calendrier partagé"]})
        await phone.ok("board.add_vote", {"note_id": ids["Des petits déjeuners"]})
    await phones[0].ok("board.add_vote", {"note_id": ids["Une lettre commune"]})
    await facilitator.ok("step.next")

    laptop = await browser.new_context(viewport=PROJECTOR)
    room = await laptop.new_page()
    watch_console(room, errors)
    await room.goto(session.facilitator_url)  # the room screen opens from the console's browser
    await room.goto(f"{session.base_url}/s/{session.id}/room")
    ties = room.get_by_test_id("result-tie")
    await expect(ties).to_have_count(2)
    await expect(ties.first).to_have_text("ex æquo")
    # Each rank is a circle (as wide as high) and "ex æquo" is under it, not squeezed into it.
    shapes = await room.evaluate(
        """() => [...document.querySelectorAll('[data-testid=result-rank]')].map((circle) => {
             const c = circle.getBoundingClientRect();
             const tie = circle.parentElement.querySelector('[data-testid=result-tie]');
             const t = tie && tie.getBoundingClientRect();
             const middle = (r) => (r.left + r.right) / 2;
             return {width: c.width, height: c.height, tie: Boolean(t),
                     under: t ? t.top >= c.bottom - 1 : true,
                     centred: t ? Math.abs(middle(t) - middle(c)) < 2 : true};
           })"""
    )
    assert len(shapes) == 3 and [s["tie"] for s in shapes] == [True, True, False], shapes
    for shape in shapes:
        assert abs(shape["width"] - shape["height"]) <= 1, shape
        assert shape["under"] and shape["centred"], shape
    await shoot(room, "board-results-tie-projector")
    await room.get_by_test_id("lang-switch").click()
    await expect(ties.first).to_have_text("tie")
    await shoot(room, "board-results-tie-projector-en")
    assert await accessibility_violations(room) == []
    assert errors == []
    await laptop.close()
    for client in (facilitator, *phones):
        await client.disconnect()
