"""The facilitator's path in a real headless Chromium: on from the last step to the next activity,
a timer that says the time typed, undo that says what it takes back, the room screen on the
projector's own computer (and pages that say what to do when refused), closed arrivals taken off
the wall, and words that say what is true."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

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


async def open_console(
    browser: Browser, server: ServerProcess, title: str, errors: list[str]
) -> tuple[BrowserContext, Page, dict[str, Any]]:
    """A session made over HTTP, its console open on a laptop."""
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    response = await console.request.post(
        f"{server.url}/api/sessions",
        data=json.dumps({"title": title, "facilitator_name": "Nadia", "language": "fr"}),
        headers={"Content-Type": "application/json"},
    )
    created: dict[str, Any] = await response.json()
    await console.goto(created["facilitator_url"])
    return laptop, console, created


async def add_board(console: Page, title: str, question: str, anonymity: str = "") -> None:
    """A board added with the console's form."""
    await console.get_by_test_id("add-activity-format").select_option("board")
    await console.get_by_test_id("add-activity-title").fill(title)
    await console.get_by_test_id("add-activity-config-question").fill(question)
    if anonymity:
        await console.get_by_test_id(f"add-activity-anonymity-{anonymity}").check()
    await console.get_by_test_id("add-activity-submit").click()
    await expect(console.get_by_test_id("add-activity-config-question")).to_have_value("")


async def to_the_last_step(console: Page) -> None:
    steps = console.get_by_test_id("stepper-step")
    count = await steps.count()
    for index in range(1, count):
        await console.get_by_test_id("step-next").click()
        await expect(steps.nth(index)).to_have_attribute("aria-current", "step")
    await expect(console.get_by_test_id("step-next")).to_have_count(0)


async def room_screen(context: BrowserContext, url: str, errors: list[str]) -> Page:
    room = await context.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(url)
    return room


async def test_the_console_goes_on_from_the_last_step_to_the_next_activity(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop, console, created = await open_console(browser, server, "Bilan de l'année", errors)
    await add_board(console, "Ce qui a marché", "Qu'est-ce qui a marché ?")
    await add_board(console, "Ce qu'on change", "Que changer ?")
    room = await room_screen(laptop, f"{server.url}/s/{created['id']}/room", errors)
    await expect(room.get_by_test_id("room-progress")).to_contain_text("Activité 1 sur 2")

    # The start button says the duration typed, as it is typed (the page draws synchronously:
    # no later view may be what redraws it), and starts that one.
    minutes = console.get_by_test_id("timer-minutes")
    start = console.get_by_test_id("timer-start")
    for typed, label in (
        ("1", "Lancer\u00a0: 1 min"),
        ("12", "Lancer\u00a0: 12 min"),
        ("", "Lancer le minuteur"),
    ):
        await minutes.fill(typed)
        assert (await start.inner_text()).strip() == label
    await minutes.fill("1")
    await start.click()
    await expect(room.get_by_test_id("timer-clock")).to_have_text(re.compile(r"^[01]:\d\d$"))

    # The timer's pause and the room screen's pause are told apart; the chime's click is said.
    await expect(console.get_by_test_id("timer-pause")).to_have_text("Mettre le minuteur en pause")
    await expect(console.get_by_test_id("screen-pause")).to_have_text("Écran de pause")
    await expect(console.get_by_test_id("timer-sound-hint")).to_contain_text(
        "cliquez une fois sur « Activer le son du minuteur »"
    )

    # Undo says what it takes back: a lock, or a reopening.
    undo = console.get_by_test_id("session-undo")
    await console.get_by_test_id("input-lock").click()
    await expect(undo).to_have_text("Annuler : verrouillage de la saisie")
    await console.get_by_test_id("input-unlock").click()
    await expect(undo).to_have_text("Annuler : réouverture de la saisie")
    await shoot(console, "path-timer-undo-laptop")

    # The console shows the facilitator's own instructions: it says so.
    await expect(console.get_by_test_id("instructions")).to_contain_text("Votre consigne")

    # At the last step, the way on is the next activity.
    await to_the_last_step(console)
    await expect(console.get_by_test_id("last-step")).to_have_text("Dernière étape de l'activité.")
    following = console.get_by_test_id("next-activity")
    await expect(following).to_have_text("Activité suivante : Ce qu'on change")
    await shoot(console, "path-last-step-laptop")
    await following.click()
    agenda = console.get_by_test_id("agenda-item")
    await expect(agenda.nth(1)).to_have_attribute("aria-current", "true")
    await expect(console.locator("#current-title")).to_be_focused()
    await expect(room.get_by_test_id("room-progress")).to_contain_text("Activité 2 sur 2")

    # The last activity's last step says so, and offers nothing more.
    await to_the_last_step(console)
    await expect(console.get_by_test_id("last-step")).to_contain_text("la dernière activité")
    await expect(following).to_have_count(0)
    await shoot(console, "path-last-activity-laptop")
    await console.set_viewport_size({"width": 390, "height": 844})
    await shoot(console, "path-last-activity-phone")
    await console.set_viewport_size(LAPTOP["viewport"])

    await console.get_by_test_id("lang-switch").click()
    await expect(console.get_by_test_id("last-step")).to_contain_text("Last step of the last")
    await expect(undo).to_have_text("Undo: move to the next step")
    await expect(console.get_by_test_id("screen-pause")).to_have_text("Pause screen")
    await shoot(console, "path-last-activity-laptop-en")

    for page in (console, room):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []
    await laptop.close()


async def test_the_projector_computer_opens_the_room_screen_with_a_link_of_its_own(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop, console, created = await open_console(browser, server, "Assemblée", errors)
    await add_board(console, "Nos idées", "Qu'est-ce qui marche ?")

    await console.get_by_test_id("room-link-open").click()
    dialog = console.get_by_test_id("team-dialog")
    await expect(dialog).to_have_attribute("data-kind", "room")
    await expect(dialog.get_by_test_id("team-role-scribe")).to_have_count(0)
    await dialog.get_by_test_id("team-label").fill("Salle du fond")
    await dialog.get_by_test_id("team-create").click()
    url = await dialog.get_by_test_id("team-url").input_value()
    assert url.startswith(f"{server.url}/facilitate/")
    link = dialog.get_by_test_id("team-link")
    await expect(link).to_have_attribute("data-role", "room_screen")
    await expect(link).to_contain_text("Salle du fond")
    await shoot(console, "path-room-link-laptop")
    await dialog.get_by_test_id("team-close").click()

    # Another browser, without the link: a page in the shell's styles that says what to do.
    # (in the browser's language: this one reads French)
    stranger_context = await browser.new_context(**LAPTOP, locale="fr-FR")
    stranger = await stranger_context.new_page()
    await stranger.goto(f"{server.url}/s/{created['id']}/room")
    refused = stranger.get_by_test_id("refused")
    await expect(refused).to_have_attribute("data-page", "room")
    await expect(stranger.get_by_test_id("refused-next")).to_contain_text(
        "« Afficher sur un autre ordinateur »"
    )
    await expect(refused).to_have_css("max-width", "720px")  # 40rem: the styles are in
    await shoot(stranger, "path-refused-room-laptop")
    await stranger.get_by_test_id("lang-switch").click()
    await expect(stranger.get_by_test_id("refused-next")).to_contain_text(
        "“Show on another computer”"
    )
    await stranger.set_viewport_size({"width": 390, "height": 844})
    await shoot(stranger, "path-refused-room-phone-en")
    assert await accessibility_violations(stranger) == [], stranger.url

    # The projector's computer opens the link: the room screen, following the facilitator.
    projector_context = await browser.new_context()
    projector = await room_screen(projector_context, url, errors)
    await expect(projector.get_by_test_id("room-step")).to_be_visible()
    await expect(projector.get_by_test_id("room-join-code")).to_have_text(created["join_code"])
    await console.get_by_test_id("screen-pause").click()
    await expect(projector.get_by_test_id("room-pause")).to_be_visible()
    await shoot(projector, "path-room-link-projector")
    console_there = await projector.request.get(f"{server.url}/s/{created['id']}/console")
    assert console_there.status == 403

    # Withdrawn from the console: the projector says so at once.
    await console.get_by_test_id("room-link-open").click()
    await dialog.get_by_test_id("team-revoke").click()
    await console.get_by_test_id("confirm-yes").click()
    refused_room = projector.get_by_test_id("room-refused")
    await expect(refused_room).to_have_attribute("data-reason", "revoked")
    await expect(refused_room).to_contain_text("Ce lien d'écran de salle a été retiré")
    await shoot(projector, "path-room-link-revoked-projector")
    await expect(dialog.get_by_test_id("team-link")).to_have_count(0)

    # Opened again, the link says it no longer works.
    await projector.goto(url)
    await expect(projector.get_by_test_id("refused")).to_have_attribute("data-page", "link")
    await shoot(projector, "path-refused-link-projector")
    assert [e for e in errors if "403" not in e] == []
    for context in (laptop, stranger_context, projector_context):
        await context.close()


async def test_closed_arrivals_take_the_invitation_off_the_wall(
    browser: Browser, server: ServerProcess
) -> None:
    errors: list[str] = []
    laptop, console, created = await open_console(
        browser, server, "Conseil d'administration", errors
    )
    room = await room_screen(laptop, f"{server.url}/s/{created['id']}/room", errors)

    # The welcome screen: two ways in (not numbered steps), nobody here yet in words.
    await expect(room.get_by_test_id("room-participant-count")).to_have_text(
        "Personne n'est encore là"
    )
    await expect(room.locator(".lobby__way")).to_have_text(
        ["Scannez le QR code", re.compile(r"^ou allez sur ")]
    )
    await expect(room.locator("ol")).to_have_count(0)
    await shoot(room, "path-lobby-projector")

    # Arrivals closed: the room screen says so, with neither QR code nor code.
    await console.get_by_test_id("joining-toggle").click()
    await expect(console.get_by_test_id("joining-state")).to_have_attribute("data-locked", "true")
    await expect(room.get_by_test_id("room-joining-closed")).to_contain_text(
        "Les arrivées sont fermées"
    )
    await expect(room.get_by_test_id("room-join-code")).to_have_count(0)
    await expect(room.locator("img.qr")).to_have_count(0)
    await expect(console.get_by_test_id("screen-state")).to_have_text(
        "Montre que les arrivées sont fermées (ni QR code ni code)."
    )
    await shoot(room, "path-lobby-closed-projector")

    # A latecomer is told before typing anything.
    phone_context = await browser.new_context(**PHONE)
    phone = await phone_context.new_page()
    watch_console(phone, errors)
    await phone.goto(f"{server.url}/j/{created['join_code'].replace('-', '')}")
    await expect(phone.get_by_test_id("join-locked")).to_contain_text("L'entrée est fermée")
    await expect(phone.get_by_test_id("join-name")).to_have_count(0)
    await shoot(phone, "path-join-locked-phone")

    # Opened again: the latecomer tries again, and is in.
    await console.get_by_test_id("joining-toggle").click()
    await expect(console.get_by_test_id("joining-state")).to_have_attribute("data-locked", "false")
    await phone.get_by_test_id("join-locked-retry").click()
    # What the name is for, truly: a pseudonym activity shows it with contributions too.
    await expect(phone.get_by_label("Votre prénom ou un pseudo (facultatif)")).to_be_visible()
    await expect(phone.locator("#join-name-hint")).to_contain_text("selon l'activité")
    await phone.get_by_test_id("join-name").fill("Lou")
    await phone.get_by_test_id("join-button").click()
    await expect(room.get_by_test_id("room-participant-count")).to_have_text("1 personne est là")

    # A named activity: during its steps the join corner is up, until the facilitator hides it.
    await add_board(console, "Nos priorités", "Que faire d'abord ?", anonymity="named")
    corner = room.get_by_test_id("room-join-corner")
    await expect(corner).to_contain_text(created["join_code"])
    await expect(room.get_by_test_id("ready-count")).to_have_text("Personne n'a encore fini")
    await shoot(room, "path-step-corner-projector")
    await console.get_by_test_id("screen-join-toggle").click()
    await expect(corner).to_have_count(0)
    await expect(console.get_by_test_id("screen-join-state")).to_have_attribute(
        "data-state", "hidden"
    )
    await expect(console.get_by_test_id("session-undo")).to_have_text(
        "Annuler : coin pour rejoindre masqué"
    )
    await shoot(room, "path-step-no-corner-projector")
    await shoot(console, "path-join-hidden-laptop")
    await console.get_by_test_id("screen-join-toggle").click()
    await expect(corner).to_be_visible()

    # Arrivals closed during a step: the corner says so, small, with no way in.
    await console.get_by_test_id("joining-toggle").click()
    await expect(room.get_by_test_id("room-joining-closed")).to_contain_text("Arrivées fermées")
    await expect(room.get_by_test_id("room-join-code")).to_have_count(0)
    await expect(console.get_by_test_id("screen-join-state")).to_have_attribute(
        "data-state", "locked"
    )
    await shoot(room, "path-step-closed-projector")
    await shoot(console, "path-joining-closed-laptop")

    # In a named activity the phone speaks of a first name, not a pseudonym.
    await expect(phone.get_by_test_id("rename-open")).to_have_text("Corriger mon prénom")
    await phone.get_by_test_id("rename-open").click()
    await expect(phone.get_by_label("Votre prénom")).to_be_visible()
    await shoot(phone, "path-named-rename-phone")

    for page in (console, room, phone):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []
    for context in (laptop, phone_context):
        await context.close()


async def test_template_cards_do_not_repeat_the_format_s_name(
    browser: Browser, server: ServerProcess
) -> None:
    context = await browser.new_context(**LAPTOP)
    home = await context.new_page()
    await home.goto(f"{server.url}/")
    cards = home.locator(".template-option")
    accelerator = cards.filter(has=home.locator("[data-template-id=builtin-accelerator]"))
    await expect(accelerator).to_have_count(1)
    text = await accelerator.inner_text()
    assert text.count("Accélérateur de projet") == 1, text
    ideas = cards.filter(has=home.locator("[data-template-id=builtin-ideas]"))
    await expect(ideas).to_contain_text("Nos idées · Mur de post-it")
    await shoot(home, "path-home-templates-laptop")
    await context.close()
