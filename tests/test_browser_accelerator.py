"""The project accelerator in a real headless Chromium: the room screen and two phones (the
project holder and a remote member of the group) through the six steps. The facilitator and
the scribe act over Socket.IO; at each step, someone also acts by tapping a phone."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.support import ServerProcess, create_session, open_link
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    accessibility_violations,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

PRESENTATION = """Projet de financement sur 4 ans, coporté par 5 structures de l'ESS.
- communication
- mutualisation de la trésorerie
On ne se connaît pas entre nous."""
QUESTION = "Les outils cartographiques sont-ils contributifs ?"
ANSWER = "Non, ils ne sont pas partagés."
REQUEST = "Je souhaite que le groupe m'aide à trouver comment mieux communiquer entre nous."
CONTRIBUTION = "Que ça ne devienne pas une usine à gaz : partir simple."
ROUGH = "Les subventions, c'est toujours pour les mêmes, évidemment"
REWORDED = "Veiller à ce que les petites structures aient aussi accès aux financements."
SYNTHESIS = "Partir de l'interne vers l'externe, et créer la confiance avant l'outil."
ACTION = "Organiser un premier petit déjeuner des métiers"
TAKEAWAY = "La formule donne une vision globale du projet."


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


async def at_step(key: str, title: str, room: Page, *phones: Page) -> None:
    """The room screen and each phone show the step the facilitator moved to."""
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", key)
    await expect(room.locator(".room-head__step")).to_have_text(title)
    for phone in phones:
        await expect(phone.get_by_test_id("step-title")).to_have_text(title)


async def shots(name: str, room: Page, group: Page, holder: Page) -> None:
    await shoot(group, f"accelerator-{name}-phone")
    await shoot(holder, f"accelerator-{name}-holder-phone")
    await shoot(room, f"accelerator-{name}-projector")


async def test_an_accelerator_on_the_room_screen_and_two_phones(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Cluster 05 : mieux communiquer")
    facilitator = await session.facilitator().connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")

    # The room screen, signed in by the facilitator's link (its cookie), at projector size.
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("room-lobby")).to_be_visible()

    # Jean, the project holder, is in the room; Camille takes part from home.
    jean_context, jean = await join_by_phone(
        browser, server, session.join_code, "Jean", errors, remote=False
    )
    camille_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors, remote=True
    )
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 2)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    await facilitator.ok(
        "session.add_activity",
        {
            "format": "accelerator",
            "title": "Accélérateur — Cluster 05",
            "config": {
                "project": "Cluster 05",
                "problem": "Comment mieux communiquer entre les structures de l'ESS ?",
            },
        },
    )
    await facilitator.ok(
        "participant.assign_role",
        {"participant_id": ids["Jean"], "role": "holder", "assigned": True},
    )
    await expect(jean.get_by_test_id("holder-card")).to_contain_text("Vous portez le projet")
    for page in (room, camille):
        await expect(page.get_by_test_id("holder-name")).to_contain_text("Jean")
    # Once Camille's phone shows the role given, not before: what it does not show is checked
    # on the state that follows the command.
    await expect(camille.get_by_test_id("holder-card")).to_have_count(0)

    # 1. Presentation: Jean types it on his phone; it shows on the room screen and on Camille's
    # phone, its "- " lines as a list. The scribe adds a key point.
    await at_step("presentation", "Présentation", room, jean, camille)
    await expect(camille.get_by_test_id("presentation-input")).to_have_count(0)
    await expect(camille.get_by_test_id("presentation-empty")).to_be_visible()
    await jean.get_by_test_id("presentation-input").fill(PRESENTATION)
    await jean.get_by_test_id("presentation-save").click()
    await scribe.ok("accelerator.add_point", {"text": "On ne se connaît pas entre structures"})
    presented = room.get_by_test_id("room-presentation")
    await expect(presented).to_contain_text("coporté par 5 structures")
    await expect(presented.locator("li")).to_have_text(
        ["communication", "mutualisation de la trésorerie"]
    )
    await expect(room.get_by_test_id("point")).to_have_text(
        ["On ne se connaît pas entre structures"]
    )
    await expect(camille.get_by_text("On ne se connaît pas entre nous.")).to_be_visible()
    await expect(camille.get_by_test_id("point")).to_have_count(1)
    await shots("1-presentation", room, camille, jean)

    # 2. Questions: Camille asks on her phone, the scribe notes one asked aloud; Jean answers
    # Camille's on his phone (he has no form to ask); the facilitator sets the other aside.
    await facilitator.ok("step.next")
    await at_step("questions", "Questions de clarification", room, jean, camille)
    await expect(jean.get_by_test_id("question-input")).to_have_count(0)
    await camille.get_by_test_id("question-input").fill(QUESTION)
    await camille.get_by_test_id("question-ask").click()
    aloud_text = "Les 70 personnes se sont-elles déjà réunies ?"
    await scribe.ok("accelerator.ask", {"text": aloud_text})
    await expect(room.get_by_test_id("room-question-count")).to_have_attribute("data-count", "2")
    asked = room.get_by_test_id("question").filter(has_text=QUESTION)
    await expect(asked).to_contain_text("Camille")
    await expect(asked.get_by_test_id("question-status")).to_have_attribute("data-status", "open")
    my_question = camille.get_by_test_id("question").filter(has_text=QUESTION)
    await expect(my_question).to_contain_text("vous")
    await expect(my_question.get_by_test_id("remove")).to_be_visible()
    to_answer = jean.get_by_test_id("question").filter(has_text=QUESTION)
    await to_answer.get_by_test_id("answer-open").click()
    await to_answer.get_by_test_id("answer-input").fill(ANSWER)
    await to_answer.get_by_test_id("answer-save").click()
    await facilitator.until(lambda c: len(c.activity["view"]["questions"]) == 2)
    # Camille's tap and the scribe's command race to the server: find the scribe's by its text.
    (aloud,) = [
        q["id"] for q in facilitator.activity["view"]["questions"] if q["text"] == aloud_text
    ]
    await facilitator.ok("accelerator.mark_question", {"question_id": aloud, "status": "skipped"})
    await expect(asked.get_by_test_id("question-status")).to_have_attribute(
        "data-status", "answered"
    )
    await expect(asked).to_contain_text(ANSWER)
    set_aside = room.locator(f"[data-testid=question][data-question-id={aloud}]")
    await expect(set_aside.get_by_test_id("question-status")).to_have_attribute(
        "data-status", "skipped"
    )
    await expect(my_question.get_by_test_id("answer")).to_contain_text(ANSWER)
    await expect(jean.get_by_test_id("answer-save")).to_have_count(0)
    await shots("2-questions", room, camille, jean)

    # 3. The request: Jean writes it on his phone from the words he is given to start with.
    await facilitator.ok("step.next")
    await at_step("request", "Formulation de la demande", room, jean, camille)
    request_input = jean.get_by_test_id("request-input")
    await expect(request_input).to_have_value("Je souhaite que le groupe m'aide à ")
    await expect(camille.get_by_test_id("request-input")).to_have_count(0)
    await expect(room.get_by_test_id("request-empty")).to_be_visible()
    await request_input.fill(REQUEST)
    await jean.get_by_test_id("request-save").click()
    await expect(room.get_by_test_id("request").locator("blockquote")).to_have_text(REQUEST)
    await expect(camille.get_by_test_id("request").locator("blockquote")).to_have_text(REQUEST)
    await shots("3-request", room, camille, jean)

    # 4. Exchanges: Camille posts a point of vigilance on her phone; Jean's phone has no way to
    # contribute (he listens); the scribe files it under a theme on the room screen.
    await facilitator.ok("step.next")
    await at_step("exchanges", "Échanges", room, jean, camille)
    await expect(camille.get_by_test_id("contribution-form")).to_be_visible()
    await expect(jean.get_by_test_id("instructions")).to_contain_text("Écoutez le groupe")
    await expect(jean.get_by_test_id("contribution-form")).to_have_count(0)
    await expect(jean.get_by_test_id("contribution-input")).to_have_count(0)
    await expect(jean.get_by_test_id("contribution-send")).to_have_count(0)
    await camille.get_by_test_id("kind-warning").check()
    await camille.get_by_test_id("contribution-input").fill(CONTRIBUTION)
    await camille.get_by_test_id("contribution-send").click()
    await expect(room.get_by_test_id("room-contribution-count")).to_have_attribute(
        "data-count", "1"
    )
    posted = room.get_by_test_id("contribution").filter(has_text=CONTRIBUTION)
    await expect(posted).to_have_attribute("data-kind", "warning")
    await expect(posted).to_contain_text("Point de vigilance")
    await expect(posted).to_contain_text("Camille")
    await expect(camille.get_by_test_id("contribution-input")).to_have_value("")
    await scribe.ok("accelerator.add_theme", {"title": "Méthode"})
    await scribe.until(lambda c: len(c.activity["view"]["themes"]) == 1)
    await scribe.ok(
        "accelerator.set_theme",
        {
            "contribution_id": scribe.activity["view"]["contributions"][0]["id"],
            "theme_id": scribe.activity["view"]["themes"][0]["id"],
        },
    )
    await expect(
        room.locator(".accelerator-room-theme").filter(has_text=CONTRIBUTION)
    ).to_contain_text("Méthode")
    heard = jean.get_by_test_id("contribution").filter(has_text=CONTRIBUTION)
    await expect(heard).to_have_attribute("data-kind", "warning")
    await expect(jean.locator(".accelerator-theme").filter(has_text=CONTRIBUTION)).to_contain_text(
        "Méthode"
    )
    # The scribe rewords a contribution of Camille's: every screen says so, Camille's too; the
    # first one, as she wrote it, says nothing.
    await camille.get_by_test_id("contribution-input").fill(ROUGH)
    await camille.get_by_test_id("contribution-send").click()
    await scribe.until(lambda c: len(c.activity["view"]["contributions"]) == 2)
    rough = scribe.activity["view"]["contributions"][1]
    assert rough["text"] == ROUGH
    await scribe.ok(
        "accelerator.edit_contribution", {"contribution_id": rough["id"], "text": REWORDED}
    )
    for page in (room, camille, jean):
        edited = page.get_by_test_id("contribution").filter(has_text=REWORDED)
        await expect(edited.get_by_test_id("edited")).to_have_text("modifié par le/la secrétaire")
        mark = page.get_by_test_id("contribution").filter(has_text=CONTRIBUTION)
        await expect(mark.get_by_test_id("edited")).to_have_count(0)
        await expect(page.get_by_text(ROUGH)).to_have_count(0)
    await expect(camille.get_by_test_id("contribution").filter(has_text=REWORDED)).to_contain_text(
        "vous"
    )
    await shots("4-exchanges", room, camille, jean)
    for page in (room, camille, jean):
        assert await accessibility_violations(page) == [], page.url

    # 5. Synthesis and action plan, written on Jean's phone; Camille and the room follow.
    await facilitator.ok("step.next")
    await at_step("synthesis", "Synthèse et plan d'action", room, jean, camille)
    await expect(camille.get_by_test_id("synthesis-input")).to_have_count(0)
    await expect(camille.get_by_test_id("action-what")).to_have_count(0)
    # The exchanges in short, beside the plan, still say what the scribe reworded.
    recap = room.get_by_test_id("exchanges-recap").get_by_test_id("recap-item")
    await expect(recap.filter(has_text=REWORDED).get_by_test_id("edited")).to_have_text(
        "modifié par le/la secrétaire"
    )
    await expect(recap.filter(has_text=CONTRIBUTION).get_by_test_id("edited")).to_have_count(0)
    await jean.get_by_test_id("synthesis-input").fill(SYNTHESIS)
    await jean.get_by_test_id("synthesis-save").click()
    await jean.get_by_test_id("action-what").fill(ACTION)
    await jean.get_by_test_id("action-who").fill("Jean et Camille")
    await jean.get_by_test_id("action-when").fill("mars")
    await jean.get_by_test_id("action-add").click()
    await expect(room.get_by_test_id("room-synthesis")).to_contain_text(SYNTHESIS)
    await expect(
        room.get_by_test_id("action-plan").get_by_test_id("action").locator("td")
    ).to_have_text([ACTION, "Jean et Camille", "mars"])
    await expect(camille.get_by_text(SYNTHESIS)).to_be_visible()
    planned = camille.get_by_test_id("action")
    await expect(planned).to_have_count(1)
    await expect(planned).to_contain_text(ACTION)
    await expect(planned).to_contain_text("Jean et Camille")
    await expect(jean.get_by_test_id("action-what")).to_have_value("")
    # Jean changes when, on his phone; Camille has nothing to change.
    await expect(camille.get_by_test_id("action-edit")).to_have_count(0)
    await jean.get_by_test_id("action").get_by_test_id("action-edit").click()
    await expect(jean.get_by_test_id("action-edit-what")).to_be_focused()
    await expect(jean.get_by_test_id("action-edit-what")).to_have_value(ACTION)
    await jean.get_by_test_id("action-edit-when").fill("avant l'été")
    await jean.get_by_test_id("action-edit-save").click()
    await expect(
        room.get_by_test_id("action-plan").get_by_test_id("action").locator("td")
    ).to_have_text([ACTION, "Jean et Camille", "avant l'été"])
    await expect(planned).to_contain_text("avant l'été")
    await expect(jean.get_by_test_id("action-edit-form")).to_have_count(0)
    await expect(jean.get_by_test_id("action")).to_contain_text("avant l'été")
    await shots("5-synthesis", room, camille, jean)

    # 6. Closing round: Camille first, Jean last. Each phone and the room screen show whose
    # turn it is; Camille and then Jean say their sentence on their phone.
    await facilitator.ok("step.next")
    await at_step("closing", "Tour de clôture", room, jean, camille)
    await expect(camille.get_by_test_id("round-status")).to_have_attribute(
        "data-status", "not_started"
    )
    await expect(room.get_by_test_id("room-round")).to_have_attribute("data-status", "not_started")
    await facilitator.ok(
        "accelerator.set_round", {"participant_ids": [ids["Camille"], ids["Jean"]]}
    )
    await expect(room.get_by_test_id("room-round")).to_have_attribute("data-status", "running")
    speaker = room.get_by_test_id("room-speaker")
    await expect(speaker).to_contain_text("Camille")
    await expect(speaker).to_contain_text("à distance")
    await expect(room.get_by_test_id("room-round")).to_contain_text("Ensuite : Jean")
    await expect(camille.get_by_test_id("round-status")).to_have_attribute("data-status", "mine")
    await expect(jean.get_by_test_id("round-status")).to_have_attribute("data-status", "running")
    await expect(jean.get_by_test_id("round-status")).to_contain_text("La parole est à Camille")
    await camille.get_by_test_id("takeaway-input").fill(TAKEAWAY)
    await camille.get_by_test_id("takeaway-send").click()
    await expect(room.locator(".accelerator-room-speaker__text")).to_have_text(f"« {TAKEAWAY} »")
    await expect(jean.get_by_test_id("turn").first).to_contain_text(TAKEAWAY)
    await shots("6-closing", room, camille, jean)

    await facilitator.ok("accelerator.give_turn")
    await expect(speaker).to_contain_text("Jean")
    await expect(jean.get_by_test_id("round-status")).to_have_attribute("data-status", "mine")
    turns = camille.get_by_test_id("turn")
    await expect(turns.first).to_have_attribute("data-state", "said")
    await expect(turns.last).to_have_attribute("data-state", "now")
    await expect(camille.get_by_test_id("round-status")).to_contain_text("La parole est à Jean")
    await jean.get_by_test_id("takeaway-input").fill("Je repars avec un plan clair.")
    await jean.get_by_test_id("takeaway-send").click()
    await expect(room.locator(".accelerator-room-speaker__text")).to_have_text(
        "« Je repars avec un plan clair. »"
    )
    await facilitator.ok("accelerator.give_turn")
    await expect(room.get_by_test_id("room-round")).to_have_attribute("data-status", "over")
    await expect(camille.get_by_test_id("round-status")).to_have_attribute("data-status", "over")
    await expect(camille.get_by_test_id("turn")).to_have_count(2)
    for turn in await camille.get_by_test_id("turn").all():
        await expect(turn).to_have_attribute("data-state", "said")
    await shots("6-closing-over", room, camille, jean)
    for page in (room, camille, jean):
        assert await accessibility_violations(page) == [], page.url

    assert errors == []
    for client in (facilitator, scribe):
        await client.disconnect()
    for context in (projector, jean_context, camille_context):
        await context.close()


EXCHANGES = [
    ("warning", "Que ça ne devienne pas une usine à gaz : partir simple.", "Méthode"),
    ("idea", "Partir de l'interne vers l'externe.", "Méthode"),
    ("experience", "Apidae : chacun remplit une fiche, chaque commune y pioche.", "Outils"),
    ("experience", "Transiscope agrège déjà les infos des acteurs de la transition.", "Outils"),
    ("idea", "Des petits déjeuners (en visio aussi) où chacun présente son métier.", "Lien"),
    ("idea", "Recenser les craintes des partenaires sur ce projet.", "Lien"),
    ("warning", "Veiller à ce que le système ne profite pas qu'aux grosses structures.", None),
]
ALOUD = "Commencer par un petit déjeuner par mois."
# The holder has a name: no screen calls her "le/la porteur·se".
GENERIC_HOLDER = re.compile(r"(le/la|du/de la) porteur", re.IGNORECASE)


async def font_px(page: Page, testid: str) -> float:
    size = await page.get_by_test_id(testid).first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    return float(size)


async def test_the_request_and_the_exchanges_stay_with_the_holder_to_the_plan(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    """What the group works on in steps 4–6 is the request of step 3, on every screen; the holder
    writes the synthesis with the exchanges before her; her phone says what the room sees."""
    errors: list[str] = []
    session = await create_session(http, title="Cluster 05 : mieux communiquer")
    facilitator = await session.facilitator().connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    laptop = await browser.new_context(**LAPTOP)
    await laptop.request.get(session.facilitator_url, max_redirects=0)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(f"{server.url}/s/{session.id}/console")
    jean_context, jean = await join_by_phone(
        browser, server, session.join_code, "Jeanne", errors, remote=True
    )
    camille_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors, remote=True
    )
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 2)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    problem = "Comment mieux communiquer entre les structures de l'ESS ?"
    await facilitator.ok(
        "session.add_activity",
        {"format": "accelerator", "title": "Accélérateur", "config": {"problem": problem}},
    )
    await scribe.ok("accelerator.sign", {"name": "Nicolas"})
    await facilitator.ok(
        "participant.assign_role",
        {"participant_id": ids["Jeanne"], "role": "holder", "assigned": True},
    )

    # The holder reads the holder's instructions only; the group reads the group's.
    await at_step("presentation", "Présentation", room, jean, camille)
    await expect(jean.get_by_test_id("holder-card")).to_be_visible()
    await expect(jean.get_by_test_id("instructions")).to_contain_text("Présentez votre projet")
    await expect(jean.get_by_test_id("instructions")).not_to_contain_text("Écoutez")
    await expect(camille.get_by_test_id("instructions")).to_contain_text("Écoutez")
    for page in (room, camille, console):
        await expect(page.locator("body")).not_to_contain_text(GENERIC_HOLDER)

    # "Save and show": her phone says when the room sees her text, and when it does not yet.
    await jean.get_by_test_id("presentation-input").fill(PRESENTATION)
    status = jean.get_by_test_id("shown-status")
    await expect(status).to_have_attribute("data-state", "unsaved")
    await expect(status).to_contain_text("Pas encore affiché")
    await jean.get_by_test_id("presentation-save").click()
    await expect(status).to_have_attribute("data-state", "shown")
    await expect(status).to_contain_text("Affiché sur l'écran de la salle")
    await expect(room.get_by_test_id("room-presentation")).to_contain_text("coporté")
    await shoot(jean, "accelerator-holder-shown-phone")
    await facilitator.ok("screen.show", {"mode": "pause"})
    await expect(status).to_have_attribute("data-state", "elsewhere")
    await facilitator.ok("screen.show", {"mode": "activity"})
    await expect(status).to_have_attribute("data-state", "shown")

    # 2. Questions: the console notes the holder's answer under her name.
    await facilitator.ok("step.next")
    await at_step("questions", "Questions de clarification", room, jean, camille)
    await scribe.ok("accelerator.ask", {"text": QUESTION})
    asked = console.get_by_test_id("question").filter(has_text=QUESTION)
    await asked.get_by_test_id("answer-open").click()
    await expect(asked.get_by_label("Réponse donnée par Jeanne")).to_be_focused()
    for page in (room, camille, console):
        await expect(page.locator("body")).not_to_contain_text(GENERIC_HOLDER)

    # 3. The request, reworded: the last wording is what the group works on from now on.
    await facilitator.ok("step.next")
    await at_step("request", "Formulation de la demande", room, jean, camille)
    await jean.get_by_test_id("request-input").fill("Je souhaite que le groupe m'aide à choisir.")
    await jean.get_by_test_id("request-save").click()
    await expect(room.get_by_test_id("request").locator("blockquote")).to_contain_text("choisir")
    await jean.get_by_test_id("request-input").fill(REQUEST)
    await expect(jean.get_by_test_id("shown-status")).to_have_attribute("data-state", "unsaved")
    await jean.get_by_test_id("request-save").click()
    await expect(jean.get_by_test_id("shown-status")).to_have_attribute("data-state", "shown")

    # 4. Exchanges: every screen shows the request, not the problem of step 1; on the room
    # screen it is larger than the instructions, with a few contributions and with many.
    await facilitator.ok("step.next")
    await at_step("exchanges", "Échanges", room, jean, camille)
    for page in (room, console, jean, camille):
        await expect(page.get_by_test_id("current-request")).to_contain_text(REQUEST)
        await expect(page.get_by_text(problem)).to_have_count(0)
        await expect(page.locator("body")).not_to_contain_text(GENERIC_HOLDER)
    await expect(jean.get_by_test_id("instructions")).to_contain_text("Écoutez le groupe")
    await expect(jean.get_by_test_id("instructions")).not_to_contain_text("Proposez")
    assert await font_px(room, "current-request") > await font_px(room, "instructions")
    await shoot(room, "accelerator-request-few-projector")
    await scribe.ok("accelerator.add_theme", {"title": "Méthode"})
    await scribe.ok("accelerator.add_theme", {"title": "Outils"})
    await scribe.ok("accelerator.add_theme", {"title": "Lien"})
    for kind, text, _ in EXCHANGES:
        await scribe.ok("accelerator.contribute", {"text": text, "kind": kind})
    await scribe.until(lambda c: len(c.activity["view"]["contributions"]) == len(EXCHANGES))
    themes = {t["title"]: t["id"] for t in scribe.activity["view"]["themes"]}
    by_text = {c["text"]: c["id"] for c in scribe.activity["view"]["contributions"]}
    for _, text, theme in EXCHANGES:
        if theme:
            await scribe.ok(
                "accelerator.set_theme",
                {"contribution_id": by_text[text], "theme_id": themes[theme]},
            )
    # Camille says one aloud in the room: the facilitator types it on the console and says who
    # said it (the holder, who listens, is not offered). Every screen signs it.
    said_by = console.get_by_test_id("said-by")
    await expect(said_by.locator("option")).to_have_text(["Sans préciser", "Camille"])
    await said_by.select_option(label="Camille")
    await console.get_by_test_id("contribution-input").fill(ALOUD)
    await console.get_by_test_id("contribution-send").click()
    await expect(said_by).to_have_value("")
    await expect(room.get_by_test_id("room-contribution-count")).to_have_attribute(
        "data-count", str(len(EXCHANGES) + 1)
    )
    for page in (room, jean):
        aloud = page.get_by_test_id("contribution").filter(has_text=ALOUD)
        await expect(aloud).to_contain_text("Camille")
        await expect(aloud).to_contain_text("noté par l'animation")
        noted = page.get_by_test_id("contribution").filter(has_text=EXCHANGES[0][1])
        await expect(noted).to_contain_text("noté par Nicolas")
    await expect(room.locator(".accelerator-room-theme").first).to_contain_text("Méthode")
    assert await font_px(room, "current-request") > await font_px(room, "instructions")
    await shoot(room, "accelerator-request-many-projector")
    await shoot(console, "accelerator-exchanges-console")
    await shoot(camille, "accelerator-request-phone")

    # 5. Synthesis: the exchanges stay before the holder, on the room screen and on the console,
    # by theme, under the request.
    await facilitator.ok("step.next")
    await at_step("synthesis", "Synthèse et plan d'action", room, jean, camille)
    for page in (room, console, jean, camille):
        await expect(page.get_by_test_id("current-request")).to_contain_text(REQUEST)
        await expect(page.locator("body")).not_to_contain_text(GENERIC_HOLDER)
        recap = page.get_by_test_id("exchanges-recap")
        await expect(recap.get_by_test_id("recap-theme")).to_have_text(
            ["Méthode", "Outils", "Lien", "Sans thème"]
        )
        await expect(recap.get_by_test_id("recap-item")).to_have_count(len(EXCHANGES) + 1)
        warning = recap.get_by_test_id("recap-item").filter(has_text="usine à gaz")
        await expect(warning).to_have_attribute("data-kind", "warning")
        await expect(warning).to_contain_text("Point de vigilance")
    await expect(jean.get_by_test_id("synthesis-input")).to_be_visible()
    await jean.get_by_test_id("synthesis-input").fill(SYNTHESIS)
    await expect(jean.get_by_test_id("shown-status")).to_have_attribute("data-state", "unsaved")
    await jean.get_by_test_id("synthesis-save").click()
    await expect(jean.get_by_test_id("shown-status")).to_have_attribute("data-state", "shown")
    await expect(room.get_by_test_id("room-synthesis")).to_contain_text(SYNTHESIS)
    await jean.get_by_test_id("action-what").fill(ACTION)
    await jean.get_by_test_id("action-who").fill("Jeanne et Camille")
    await jean.get_by_test_id("action-add").click()
    await expect(room.get_by_test_id("action")).to_have_count(1)
    await expect(room.locator(".accelerator--room")).not_to_have_class(
        re.compile("accelerator--clipped")
    )
    await shots("synthesis-recap", room, camille, jean)
    await shoot(console, "accelerator-synthesis-recap-console")
    for page in (room, jean, camille):
        await page.get_by_test_id("lang-switch").click()
    await expect(jean.get_by_test_id("shown-status")).to_contain_text("Shown on the room screen")
    await expect(room.get_by_test_id("exchanges-recap")).to_contain_text("Watch out")
    await shots("synthesis-recap-en", room, camille, jean)
    for page in (room, jean, camille):
        assert await accessibility_violations(page) == [], page.url

    # 6. Closing round: the request stays on the wall.
    await facilitator.ok("step.next")
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", "closing")
    for page in (room, jean, camille):
        await expect(page.get_by_test_id("current-request")).to_contain_text(REQUEST)
    await expect(console.get_by_text("Jeanne porte le projet et clôt le tour.")).to_be_visible()
    for page in (room, camille, console):
        await expect(page.locator("body")).not_to_contain_text(GENERIC_HOLDER)

    assert errors == []
    for client in (facilitator, scribe):
        await client.disconnect()
    for context in (projector, laptop, jean_context, camille_context):
        await context.close()
