"""A consent decision in a real headless Chromium: the room screen, the console and two phones
(the proposer in the room, a member of the group from home) through the seven steps; a person
without a phone takes part through the scribe. Everything is sent as real commands over
Socket.IO or by tapping the pages; each step is photographed on a phone and on the projector."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.support import Client, ServerProcess, caught_up, create_session, open_link
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    accessibility_violations,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

TITLE = "Charte d'usage des outils numériques"
PROPOSAL = (
    "Nous adoptons une charte commune pour nos outils numériques.\n"
    "Les décisions du CA sont publiées sur le Cloud sous huit jours."
)
AMENDED = (
    "Nous adoptons une charte commune pour nos outils numériques, relue chaque année.\n"
    "Les décisions du CA sont publiées sur le Cloud sous quinze jours."
)
QUESTION = "Qui publie les décisions ?"
ANSWER = "Le ou la secrétaire du CA."
REACTION = "Bonne idée, mais huit jours c'est court."
LOU_REACTION = "D'accord sur le principe."
OBJECTION = "Sans formation, les bénévoles ne pourront pas suivre."
CONCERN = "Penser aux personnes sans ordinateur."
TRAINED = AMENDED + "\nUne formation est proposée aux bénévoles avant l'usage."
SECOND_OBJECTION = "Quinze jours, c'est encore trop long pour les urgences."


async def join_by_phone(
    browser: Browser, server: ServerProcess, code: str, name: str, errors: list[str], remote: bool
) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    watch_console(page, errors)
    await page.goto(f"{server.url}/j/{code.replace('-', '')}")
    await page.get_by_test_id("join-name").fill(name)
    if remote:
        await page.get_by_test_id("join-remote").check()
    await page.get_by_test_id("join-button").click()
    await expect(page.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "connected"
    )
    return context, page


async def at_step(key: str, room: Page, *pages: Page) -> None:
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", key)
    for page in pages:
        await expect(page.locator(f".consent--{key}")).to_be_visible()


async def shots(name: str, room: Page, camille: Page, jeanne: Page, console: Page) -> None:
    await shoot(camille, f"consent-{name}-phone")
    await shoot(jeanne, f"consent-{name}-proposer-phone")
    await shoot(room, f"consent-{name}-projector")
    await shoot(console, f"consent-{name}-console")


async def for_lou(scribe: Client, type_: str, payload: dict[str, Any], lou: str) -> None:
    """The scribe enters a command for Lou, who has no phone."""
    answer = await scribe.send(type_, payload, on_behalf_of=lou)
    assert answer["ok"], answer


async def accessible(*pages: Page) -> None:
    for page in pages:
        assert await accessibility_violations(page) == [], page.url


async def test_a_consent_decision_on_the_room_screen_the_console_and_two_phones(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="CA de Clim'Actions")
    facilitator = await session.facilitator().connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")

    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("room-lobby")).to_be_visible()

    jeanne_context, jeanne = await join_by_phone(
        browser, server, session.join_code, "Jeanne", errors, remote=False
    )
    camille_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors, remote=True
    )
    # Lou has no phone: the scribe enters for her.
    added = await facilitator.ok("participant.add", {"name": "Lou"})
    await caught_up(added["seq"], facilitator)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    await facilitator.ok(
        "session.add_activity",
        {"format": "consent", "title": "Décision : la charte", "config": {"quorum": 3}},
    )
    await facilitator.ok(
        "participant.assign_role",
        {"participant_id": ids["Jeanne"], "role": "proposer", "assigned": True},
    )

    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    await expect(console.get_by_test_id("console-proposer")).to_contain_text("Jeanne")

    # 1. Proposal: Jeanne writes it on her phone; it shows large on the room screen.
    await at_step("proposal", room, jeanne, camille)
    await expect(jeanne.get_by_test_id("proposer-card")).to_be_visible()
    await expect(camille.get_by_test_id("proposal-input")).to_have_count(0)
    await expect(camille.get_by_test_id("proposal-empty")).to_be_visible()
    await jeanne.get_by_test_id("proposal-title-input").fill(TITLE)
    await jeanne.get_by_test_id("proposal-input").fill(PROPOSAL)
    await jeanne.get_by_test_id("proposal-save").click()
    for page in (room, camille):
        proposal = page.get_by_test_id("proposal")
        await expect(proposal).to_contain_text("sous huit jours")
        await expect(proposal.get_by_test_id("version")).to_have_attribute("data-version", "1")
    await shots("1-proposal", room, camille, jeanne, console)
    await accessible(room, camille, jeanne, console)

    # 2. Clarification: Camille asks on her phone, Jeanne answers on hers.
    await facilitator.ok("step.next")
    await at_step("clarification", room, jeanne, camille)
    await expect(jeanne.get_by_test_id("question-input")).to_have_count(0)
    await camille.get_by_test_id("question-input").fill(QUESTION)
    await camille.get_by_test_id("question-ask").click()
    asked = jeanne.get_by_test_id("question").filter(has_text=QUESTION)
    await asked.get_by_test_id("answer-input").fill(ANSWER)
    await asked.get_by_test_id("answer-save").click()
    await expect(room.get_by_test_id("question").filter(has_text=QUESTION)).to_contain_text(ANSWER)
    await expect(camille.get_by_test_id("question").filter(has_text=QUESTION)).to_contain_text(
        "vous"
    )
    await shots("2-clarification", room, camille, jeanne, console)

    # 3. Reactions: Camille on her phone, Lou through the scribe.
    await facilitator.ok("step.next")
    await at_step("reactions", room, jeanne, camille)
    await camille.get_by_test_id("reaction-input").fill(REACTION)
    await camille.get_by_test_id("reaction-send").click()
    await expect(camille.get_by_test_id("reaction-saved")).to_be_visible()
    await for_lou(scribe, "consent.react", {"text": LOU_REACTION}, ids["Lou"])
    for page in (room, jeanne):
        await expect(page.get_by_test_id("reaction")).to_have_count(2)
    await expect(room.get_by_test_id("reaction").filter(has_text=LOU_REACTION)).to_contain_text(
        "Lou"
    )
    await shots("3-reactions", room, camille, jeanne, console)

    # 4. Amendment: Jeanne amends; every screen shows what was added and removed, marked by
    # underline and strike-through and said in words.
    await facilitator.ok("step.next")
    await at_step("amendment", room, jeanne, camille)
    await jeanne.get_by_test_id("proposal-input").fill(AMENDED)
    await jeanne.get_by_test_id("amend-reason").fill("Le délai était trop court.")
    await jeanne.get_by_test_id("amend-save").click()
    for page in (room, camille, console):
        changes = page.get_by_test_id("changes")
        await expect(changes.get_by_test_id("diff-added").first).to_be_visible()
        await expect(changes.get_by_test_id("diff-removed").filter(has_text="huit")).to_have_count(
            1
        )
        await expect(changes.get_by_test_id("diff-added").filter(has_text="quinze")).to_have_count(
            1
        )
    added_mark = room.get_by_test_id("diff-added").first
    assert "underline" in await added_mark.evaluate("e => getComputedStyle(e).textDecorationLine")
    removed_mark = room.get_by_test_id("diff-removed").first
    assert "line-through" in await removed_mark.evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    await expect(room.get_by_test_id("diff-added").first.locator(".sr-only").first).to_have_text(
        "[ajouté\u00a0: "
    )
    await shots("4-amendment", room, camille, jeanne, console)
    await accessible(room, camille, console)

    # 5. Objection round: Camille objects on her phone. Before everyone answered, the phones and
    # the room show how many answered, nothing else.
    await facilitator.ok("step.next")
    await at_step("objections", room, jeanne, camille)
    await camille.get_by_test_id("position-objection").click()
    await expect(camille.get_by_test_id("position-objection")).to_have_attribute(
        "aria-pressed", "true"
    )
    await camille.get_by_test_id("position-send").click()
    await expect(camille.get_by_test_id("reason-missing")).to_be_visible()
    await camille.get_by_test_id("reason-input").fill(OBJECTION)
    await camille.get_by_test_id("position-send").click()
    await expect(camille.get_by_test_id("position-given")).to_have_attribute(
        "data-position", "objection"
    )
    for page in (room, jeanne, camille, console):
        count = page.get_by_test_id("answered-count")
        await expect(count).to_have_attribute("data-answered", "1")
        await expect(count).to_contain_text("1 / 3 a répondu")
        await expect(page.get_by_test_id("round-state")).to_have_attribute("data-revealed", "false")
        await expect(page.get_by_test_id("tally")).to_have_count(0)
        await expect(page.get_by_test_id("position")).to_have_count(0)
    for page in (room, jeanne, console):
        await expect(page.get_by_text(OBJECTION)).to_have_count(0)
    await shots("5-objections-hidden", room, camille, jeanne, console)
    await accessible(room, camille, jeanne, console)

    # Jeanne consents on her phone; the facilitator enters Lou's concern from the console, in
    # the phone frame for people without a phone: everyone has answered, the positions show.
    await jeanne.get_by_test_id("position-consent").click()
    await jeanne.get_by_test_id("position-send").click()
    await console.get_by_test_id("proxy-open").click()
    await console.get_by_test_id("proxy-select").select_option(ids["Lou"])
    await console.get_by_test_id("proxy-begin").click()
    area = console.get_by_test_id("proxy-area")
    await area.get_by_test_id("position-concern").click()
    await area.get_by_test_id("reason-input").fill(CONCERN)
    await shoot(console, "consent-5-objections-proxy-console")
    await area.get_by_test_id("position-send").click()
    await expect(area.get_by_test_id("position-given")).to_have_attribute(
        "data-position", "concern"
    )
    await console.get_by_test_id("proxy-stop").click()
    for page in (room, jeanne, camille):
        await expect(page.get_by_test_id("round-state")).to_have_attribute("data-revealed", "true")
        await expect(page.get_by_test_id("tally-objection")).to_have_attribute("data-count", "1")
        await expect(page.get_by_test_id("position").filter(has_text=OBJECTION)).to_contain_text(
            "Camille"
        )
    await expect(camille.get_by_test_id("position-form")).to_have_count(0)
    await shots("5-objections-shown", room, camille, jeanne, console)

    # 6. Integration: the facilitator finds the objection reasoned, on the console; Jeanne
    # amends on her phone to integrate it: version 3, the objection integrated.
    await facilitator.ok("step.next")
    await at_step("integration", room, jeanne, camille)
    objection = console.get_by_test_id("objection").filter(has_text=OBJECTION)
    await objection.get_by_test_id("examine-reasoned").check()
    await objection.get_by_test_id("examine-note").fill("Prévoir une formation avant l'usage.")
    await objection.get_by_test_id("examine-save").click()
    for page in (room, camille):
        status = page.get_by_test_id("objection").filter(has_text=OBJECTION)
        await expect(status.get_by_test_id("objection-status")).to_have_attribute(
            "data-status", "reasoned"
        )
        await expect(status).to_contain_text("Prévoir une formation")
    await expect(console.get_by_test_id("blocking-count")).to_have_attribute("data-count", "1")
    await shots("6-integration", room, camille, jeanne, console)
    await accessible(room, camille, jeanne, console)
    await jeanne.get_by_test_id("proposal-input").fill(TRAINED)
    await jeanne.get_by_test_id("integrates").check()
    await jeanne.get_by_test_id("amend-save").click()
    for page in (room, camille, console):
        integrated = page.get_by_test_id("objection").filter(has_text=OBJECTION)
        await expect(integrated.get_by_test_id("objection-status")).to_have_attribute(
            "data-status", "integrated"
        )
        await expect(integrated.get_by_test_id("objection-integrated")).to_contain_text("version 3")
    await expect(jeanne.get_by_test_id("proposal-input")).to_have_value(TRAINED)
    await expect(console.get_by_test_id("new-round")).to_be_visible()
    await expect(console.get_by_test_id("blocking-count")).to_have_attribute("data-count", "0")
    await shots("6-integrated", room, camille, jeanne, console)

    # Back to the objection round on version 3: a new round, hidden again, nobody has answered.
    # Camille objects again, Lou consents with a concern through the scribe; the facilitator
    # reveals from the console before Jeanne answers, and counts two hands raised in the room.
    await facilitator.ok("step.previous")
    await at_step("objections", room, jeanne, camille)
    for page in (room, jeanne, camille, console):
        await expect(page.get_by_test_id("answered-count")).to_have_attribute("data-answered", "0")
        await expect(page.get_by_test_id("round-state")).to_have_attribute("data-revealed", "false")
    await expect(camille.get_by_test_id("position-objection")).to_have_attribute(
        "aria-pressed", "false"
    )
    await expect(camille.get_by_test_id("proposal").get_by_test_id("version")).to_have_attribute(
        "data-version", "3"
    )
    await camille.get_by_test_id("position-objection").click()
    await camille.get_by_test_id("reason-input").fill(SECOND_OBJECTION)
    await camille.get_by_test_id("position-send").click()
    await for_lou(
        scribe, "consent.give_position", {"position": "concern", "text": CONCERN}, ids["Lou"]
    )
    await expect(room.get_by_test_id("answered-count")).to_contain_text("2 / 3 ont répondu")
    await expect(room.get_by_text(SECOND_OBJECTION)).to_have_count(0)
    await console.get_by_test_id("consent-reveal").click()
    for page in (room, jeanne, camille):
        await expect(page.get_by_test_id("round-state")).to_have_attribute("data-revealed", "true")
        await expect(
            page.get_by_test_id("position").filter(has_text=SECOND_OBJECTION)
        ).to_have_count(1)
    await expect(jeanne.get_by_test_id("position-none")).to_be_visible()
    await expect(jeanne.get_by_test_id("position-form")).to_have_count(0)
    await console.get_by_test_id("hands-consent").fill("2")
    await console.get_by_test_id("hands-save").click()
    await expect(room.get_by_test_id("tally-consent")).to_have_attribute("data-count", "2")
    await expect(room.get_by_test_id("tally-consent")).to_contain_text("2 mains levées")
    await shots("5-objections-revealed-round-2", room, camille, jeanne, console)

    # 7. Decision: adopting is refused while the new objection is open, and the console says
    # why; Camille withdraws it on her phone; the facilitator adopts.
    await facilitator.ok("step.next")
    await facilitator.ok("step.next")
    await at_step("decision", room, jeanne, camille)
    await expect(console.get_by_test_id("decide-adopted")).to_be_disabled()
    await expect(console.get_by_test_id("adopt-refusal")).to_have_attribute(
        "data-reason", "objection_open"
    )
    await shoot(console, "consent-7-decision-blocked-console")
    await camille.get_by_test_id("objection-withdraw").click()
    await expect(console.get_by_test_id("decide-adopted")).to_be_enabled()
    await expect(console.get_by_test_id("adopt-refusal")).to_have_count(0)
    await console.get_by_test_id("decide-adopted").click()
    for page in (room, jeanne, camille, console):
        decision = page.get_by_test_id("decision")
        await expect(decision).to_have_attribute("data-status", "adopted")
        await expect(decision.get_by_test_id("concern")).to_contain_text(CONCERN)
        await expect(decision.get_by_test_id("quorum")).to_have_attribute("data-reached", "true")
    await shots("7-decision", room, camille, jeanne, console)
    await accessible(room, camille, jeanne, console)
    for page in (room, camille):
        await page.get_by_test_id("lang-switch").click()
    await expect(room.get_by_test_id("decision")).to_contain_text("Adopted")
    await shoot(room, "consent-7-decision-en-projector")
    await shoot(camille, "consent-7-decision-en-phone")

    assert errors == []
    for client in (facilitator, scribe):
        await client.disconnect()
    for context in (projector, laptop, jeanne_context, camille_context):
        await context.close()
