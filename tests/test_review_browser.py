"""The three-year review in a real headless Chromium: the room screen, the console and two phones
(one in the room, one remote) through the five steps. Events are added on a phone by tapping a
year and a kind; the console sets the years, merges a duplicate and puts an event earlier; a
lesson gets a dot by a tap; an objective is rated by taps; the matrix is drawn on the projector
and on the phone; a commitment is made from the console's form. Other people act over Socket.IO
where their screen is not the point. Each step is photographed on a phone, the projector and the
console; every screen passes axe-core, in French and in English."""

from __future__ import annotations

import math
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import Client, ServerProcess, create_session, join
from tests.test_browser import (
    LAPTOP,
    PROJECTOR,
    accessibility_violations,
    join_by_phone,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

GUIDE = "Le guide l'écolocal paraît"
DEPARTURE = "Départ de la coordinatrice"
MOVE = "Déménagement de l'atelier vélo"
LESSON = "Un projet porté à plusieurs tient mieux"
OBJECTIVE = "Une charte des outils numériques"
OWNER = "Le conseil d'administration"
INDIVIDUAL = "Chacun·e sait où ranger un document"
COLLECTIVE = "La charte est adoptée en assemblée générale"


async def at_step(key: str, room: Page, *pages: Page) -> None:
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", key)
    for page in pages:
        await expect(page.locator(f".review--{key}")).to_be_visible()


async def shots(name: str, room: Page, phone: Page, console: Page) -> None:
    await shoot(phone, f"review-{name}-phone")
    await shoot(room, f"review-{name}-projector")
    await shoot(console, f"review-{name}-console")


async def accessible(*pages: Page) -> None:
    for page in pages:
        assert await accessibility_violations(page) == [], page.url


async def sent(client: Client, type_: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer = await client.ok(type_, payload)
    await client.until(lambda c: c.view["seq"] >= answer["seq"])
    return answer


def review_of(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


def event_id(client: Client, text: str) -> str:
    for year in review_of(client)["timeline"]:
        for event in year["events"]:
            if event["text"] == text:
                return str(event["id"])
    raise AssertionError(f"no event {text!r}")


def objective_id(client: Client, text: str) -> str:
    (found,) = [o["id"] for o in review_of(client)["objectives"] if o["text"] == text]
    return str(found)


async def test_a_three_year_review_on_the_room_screen_the_console_and_two_phones(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Clim'Actions : bilan et projet")
    facilitator = await session.facilitator().connect()

    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("room-lobby")).to_be_visible()

    camille_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors
    )
    yanis_context, yanis = await join_by_phone(browser, server, session.join_code, "Yanis", errors)
    lea = await join(http, session, "Léa")
    malik = await join(http, session, "Malik", remote=True)
    await sent(
        facilitator,
        "session.add_activity",
        {"format": "review", "title": "Bilan à trois ans", "config": {"dots": 3}},
    )

    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)

    # 1. Timeline. While the years are not set, every screen names them by their place; the
    # facilitator sets them from the console (prefilled with this year − 2).
    await at_step("timeline", room, camille, yanis, console)
    await expect(room.get_by_test_id("frieze-year").first).to_contain_text("Il y a deux ans")
    await console.get_by_test_id("years-input").fill("2023")
    await console.get_by_test_id("years-save").click()
    await expect(console.get_by_test_id("years-set")).to_have_attribute("data-first", "2023")
    await expect(room.get_by_test_id("frieze-year").first).to_contain_text("2023")
    # A slip corrected: the years move, nothing else does.
    await console.get_by_test_id("years-input").fill("2024")
    await console.get_by_test_id("years-save").click()
    await expect(console.get_by_test_id("years-set")).to_have_attribute("data-first", "2024")
    await expect(room.get_by_test_id("frieze-year").first).to_contain_text("2024")
    await expect(camille.get_by_test_id("event-year").first).to_contain_text("2024")

    # Camille adds an event by tapping a year and a kind, then writing it.
    await camille.get_by_test_id("event-year").nth(0).click()
    await camille.get_by_test_id("event-kind-success").click()
    await expect(camille.get_by_test_id("event-kind-success")).to_have_attribute(
        "aria-pressed", "true"
    )
    await camille.get_by_test_id("event-text-input").fill(GUIDE)
    await camille.get_by_test_id("event-add").click()
    await expect(camille.get_by_test_id("event-text-input")).to_have_value("")
    await expect(camille.get_by_test_id("my-events")).to_have_attribute("data-count", "1")
    await yanis.get_by_test_id("event-year").nth(1).click()
    await yanis.get_by_test_id("event-kind-difficulty").click()
    await yanis.get_by_test_id("event-text-input").fill(DEPARTURE)
    await yanis.get_by_test_id("event-add").click()
    for payload in (
        {"year": 0, "kind": "success", "text": "Sortie du guide"},
        {"year": 1, "kind": "turning_point", "text": "Nouveau local partagé avec le CRIB"},
        {"year": 2, "kind": "lesson", "text": "Les permanences du jeudi ne marchent pas l'été"},
        {"year": 2, "kind": "success", "text": "Trente bénévoles à la fête du vélo"},
    ):
        await sent(lea, "review.add_event", payload)
    await sent(
        malik,
        "review.add_event",
        {"year": 2, "kind": "difficulty", "text": "Une subvention régionale perdue"},
    )
    room_event = room.get_by_test_id("event")
    await expect(room_event).to_have_count(7)
    await expect(room_event.filter(has_text=GUIDE)).to_have_attribute("data-kind", "success")
    await expect(room_event.filter(has_text=GUIDE).locator(".review-kind")).to_contain_text(
        "Réussite"
    )

    # The console merges the duplicate into Camille's event and puts an event earlier.
    def console_event(text: str) -> Any:
        return console.locator(f"[data-testid=event][data-event-id={event_id(malik, text)}]")

    duplicate = console_event("Sortie du guide")
    await duplicate.get_by_test_id("event-merge-into").select_option(event_id(malik, GUIDE))
    await duplicate.get_by_test_id("event-merge").click()
    await expect(room_event).to_have_count(6)
    await expect(room_event.filter(has_text=GUIDE).get_by_test_id("event-also")).to_contain_text(
        "Sortie du guide"
    )
    last = console_event("Une subvention régionale perdue")
    await last.get_by_test_id("event-earlier").click()
    third_year = room.locator("[data-testid=frieze-year][data-year='2'] [data-testid=event-text]")
    await expect(third_year).to_have_text(
        [
            "Les permanences du jeudi ne marchent pas l'été",
            "Une subvention régionale perdue",
            "Trente bénévoles à la fête du vélo",
        ]
    )
    # Lou has no phone: the console enters her event in the phone frame, by the same taps.
    added = await facilitator.ok("participant.add", {"name": "Lou"})
    await facilitator.until(lambda c: c.view["seq"] >= added["seq"])
    lou = next(p["id"] for p in facilitator.view["session"]["participants"] if p["name"] == "Lou")
    await console.get_by_test_id("proxy-open").click()
    await console.get_by_test_id("proxy-select").select_option(lou)
    await console.get_by_test_id("proxy-begin").click()
    area = console.get_by_test_id("proxy-area")
    await area.get_by_test_id("event-year").nth(2).click()
    await area.get_by_test_id("event-kind-turning_point").click()
    await area.get_by_test_id("event-text-input").fill(MOVE)
    await shoot(console, "review-1-timeline-proxy-console")
    await area.get_by_test_id("event-add").click()
    await expect(area.get_by_test_id("my-events")).to_have_attribute("data-count", "1")
    await expect(room_event.filter(has_text=MOVE)).to_have_attribute("data-kind", "turning_point")
    await expect(camille.get_by_test_id("event").filter(has_text=MOVE)).to_contain_text("Lou")
    await accessible(console)
    await console.get_by_test_id("proxy-stop").click()
    await shots("1-timeline", room, camille, console)
    await accessible(room, camille, console)

    # 2. Looking back: Camille writes a lesson on her phone and puts a dot on it by a tap.
    await sent(facilitator, "step.next", {})
    await at_step("looking_back", room, camille, yanis, console)
    learned = camille.locator("[data-testid=reflection-form][data-column=learned]")
    await learned.get_by_test_id("reflection-input").fill(LESSON)
    await learned.get_by_test_id("reflection-add").click()
    await expect(learned.get_by_test_id("reflection-input")).to_have_value("")
    for column, text in (
        ("proud", "Le guide, fait à douze mains"),
        ("regret", "Trop peu de temps pour accueillir les nouveaux"),
        ("learned", "Demander de l'aide plus tôt"),
    ):
        await sent(lea, "review.add_reflection", {"column": column, "text": text})
    await sent(malik, "review.add_reflection", {"column": "proud", "text": "Le local partagé"})
    lesson = camille.get_by_test_id("reflection").filter(has_text=LESSON)
    await lesson.get_by_test_id("vote-add").click()
    await expect(camille.get_by_test_id("dots-left")).to_have_attribute("data-dots-left", "2")
    await expect(camille.get_by_test_id("connection-status")).to_have_attribute("data-pending", "0")
    await expect(lesson.get_by_test_id("my-dots")).to_have_attribute("data-count", "1")
    learned_now = review_of(lea)["reflections"]["learned"]
    lesson_id = next(r["id"] for r in learned_now if r["text"] == LESSON)
    for _ in range(2):
        await sent(lea, "review.vote", {"reflection_id": lesson_id})
    ranked = room.get_by_test_id("lesson")
    await expect(ranked.first).to_contain_text(LESSON)
    await expect(ranked.first.get_by_test_id("lesson-dots")).to_have_attribute("data-count", "3")
    # Two hands raised in the room for the other lesson, counted from the console.
    other = console.locator("[data-testid=lesson]").filter(has_text="Demander de l'aide plus tôt")
    await other.get_by_test_id("hands-input").fill("2")
    await other.get_by_test_id("hands-save").click()
    await expect(ranked.nth(1)).to_contain_text("+ 2 mains levées")
    await shots("2-looking-back", room, camille, console)
    await accessible(room, camille, console)

    # 3. Aspirations: the console adds an axis; Camille proposes by tapping a year and an axis.
    await sent(facilitator, "step.next", {})
    await at_step("aspirations", room, camille, yanis, console)
    await console.get_by_test_id("axis-new").fill("Finances")
    await console.get_by_test_id("axis-add").click()
    await expect(room.get_by_test_id("grid-axis")).to_have_count(5)
    await camille.get_by_test_id("objective-year").nth(0).click()
    await camille.get_by_test_id("objective-axis").nth(0).click()
    await camille.get_by_test_id("objective-input").fill(OBJECTIVE)
    await camille.get_by_test_id("objective-add").click()
    await expect(camille.get_by_test_id("my-objectives")).to_have_attribute("data-count", "1")
    axes = [a["id"] for a in review_of(facilitator)["axes"]]
    others = [
        (0, axes[1], "Un binôme d'accueil pour chaque nouveau bénévole"),
        (1, axes[2], "Une fête du vélo dans trois communes"),
        (1, axes[3], "Un poste de coordination à temps plein"),
        (2, axes[4], "Trois financements pluriannuels"),
        (2, axes[0], "Une lettre interne chaque mois"),
    ]
    for year, axis, text in others:
        await sent(lea, "review.propose", {"year": year, "axis_id": axis, "text": text})
    await expect(room.get_by_test_id("objective")).to_have_count(6)
    await shots("3-aspirations", room, camille, console)
    await accessible(room, camille, console)

    # 4. Priorities: Camille rates her objective by taps; the others rate over Socket.IO.
    await sent(facilitator, "step.next", {})
    await at_step("priorities", room, camille, yanis, console)
    card = camille.get_by_test_id("rate-objective").filter(has_text=OBJECTIVE)
    await card.get_by_test_id("rate-importance").get_by_test_id("rate-level").nth(3).click()
    await card.get_by_test_id("rate-feasibility").get_by_test_id("rate-level").nth(2).click()
    await expect(card.get_by_test_id("rate-importance")).to_have_attribute("data-value", "4")
    await expect(card.get_by_test_id("rate-feasibility")).to_have_attribute("data-value", "3")
    await expect(camille.get_by_test_id("rated-count")).to_have_attribute("data-count", "1")
    grades = [(4, 3), (3, 4), (2, 4), (4, 1), (2, 2), (3, 3)]
    texts = [OBJECTIVE] + [text for _, _, text in others]
    for rater, shift in ((lea, 0), (malik, 1)):
        for index, text in enumerate(texts):
            importance, feasibility = grades[(index + shift) % len(grades)]
            await sent(
                rater,
                "review.rate",
                {
                    "objective_id": objective_id(facilitator, text),
                    "importance": importance,
                    "feasibility": feasibility,
                },
            )
    await expect(room.get_by_test_id("matrix-point")).to_have_count(6)
    await expect(room.get_by_test_id("legend-item")).to_have_count(6)
    await expect(room.get_by_test_id("matrix-corner")).to_have_count(4)
    await expect(camille.get_by_test_id("matrix-point")).to_have_count(6)
    await shots("4-priorities", room, camille, console)
    await accessible(room, camille, console)

    # 5. Commitments: the console turns the top objective into a commitment.
    await sent(facilitator, "step.next", {})
    await at_step("commitments", room, camille, yanis, console)
    top = console.get_by_test_id("commit-objective").first
    top_text = review_of(facilitator)["objectives"][0]["text"]
    await expect(top).to_contain_text(top_text)
    await top.get_by_test_id("commit-open").click()
    form = console.get_by_test_id("commit-form").first
    await form.get_by_test_id("commit-owner").fill(OWNER)
    await form.get_by_test_id("commit-individual").fill(INDIVIDUAL)
    await form.get_by_test_id("commit-collective").fill(COLLECTIVE)
    await form.get_by_test_id("commit-save").click()
    for page in (room, camille, console):
        commitment = page.get_by_test_id("commitment").filter(has_text=top_text)
        await expect(commitment.get_by_test_id("commitment-owner")).to_contain_text(OWNER)
        await expect(commitment.get_by_test_id("commitment-collective")).to_contain_text(COLLECTIVE)
    # The owner is corrected from the roadmap.
    made = console.get_by_test_id("roadmap").get_by_test_id("commitment").filter(has_text=top_text)
    await made.get_by_test_id("commitment-edit").click()
    await made.get_by_test_id("commit-owner").fill("Le bureau")
    await made.get_by_test_id("commit-save").click()
    await expect(
        room.get_by_test_id("commitment")
        .filter(has_text=top_text)
        .get_by_test_id("commitment-owner")
    ).to_contain_text("Le bureau")
    await shots("5-commitments", room, camille, console)
    await accessible(room, camille, console)

    # In English: the room screen and a phone, back at the matrix.
    await sent(facilitator, "step.previous", {})
    await at_step("priorities", room, camille)
    for page in (room, camille):
        await page.get_by_test_id("lang-switch").click()
        await expect(page.get_by_test_id("matrix-corner").first).to_have_text("Major projects")
    await shoot(room, "review-4-priorities-en-projector")
    await shoot(camille, "review-4-priorities-en-phone")
    await accessible(room, camille)

    assert errors == []
    for client in (facilitator, lea, malik):
        await client.disconnect()
    for context in (projector, laptop, camille_context, yanis_context):
        await context.close()


CROWDED_EVENTS = [
    "Assemblée générale à la Maison des associations",
    "Le guide l'écolocal paraît",
    "Première fête du vélo",
    "Départ de la coordinatrice",
    "Arrivée de deux services civiques",
    "Perte de la subvention régionale",
    "Nouveau site internet",
    "Partenariat avec le CRIB",
    "Atelier réparation tous les samedis",
    "Déménagement de l'atelier",
    "Trente bénévoles à la fête du vélo",
    "Formation aux outils numériques",
    "Un conseil d'administration renouvelé de moitié",
    "La lettre interne s'arrête faute de temps",
    "Journée portes ouvertes avec la mairie",
    "Prix de l'initiative locale",
    "Conflit sur le local, réglé par une médiation",
    "Cent adhérent·es pour la première fois",
    "Sortie du deuxième guide",
    "Les permanences du jeudi ne marchent pas l'été",
    "Un stand au marché chaque mois",
    "Recrutement d'une nouvelle coordinatrice",
    "Semaine de la mobilité avec trois écoles",
    "Bilan carbone de l'association",
]
CROWDED_GRADES = [(4, 4), (4, 3), (3, 4), (4, 1), (1, 4), (1, 1), (2, 2), (3, 3), (2, 3), (3, 2)]


def centre(box: dict[str, float]) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def overlapping(boxes: list[dict[str, float]], others: list[dict[str, float]]) -> list[str]:
    """The boxes of `boxes` that cover one of `others`."""
    found = []
    for i, a in enumerate(boxes):
        for j, b in enumerate(others):
            if (
                a["x"] < b["x"] + b["width"] - 1
                and b["x"] < a["x"] + a["width"] - 1
                and a["y"] < b["y"] + b["height"] - 1
                and b["y"] < a["y"] + a["height"] - 1
            ):
                found.append(f"{i} covers {j}")
    return found


async def test_a_crowded_review_fits_the_projector_and_its_matrix_stays_readable(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    """24 events and 12 objectives, several with the same means: the frieze fits one projector
    screen; no matrix point covers another or a quadrant's name; the phone draws the same."""
    errors: list[str] = []
    session = await create_session(http, title="Bilan chargé")
    facilitator = await session.facilitator().connect()
    people = [await join(http, session, name) for name in ("Léa", "Malik", "Nadia")]
    await sent(facilitator, "session.add_activity", {"format": "review", "config": {}})
    await sent(facilitator, "review.set_years", {"first_year": 2024})
    for index, text in enumerate(CROWDED_EVENTS):
        kind = ("success", "difficulty", "turning_point", "lesson")[index % 4]
        await sent(
            people[index % 3], "review.add_event", {"year": index % 3, "kind": kind, "text": text}
        )

    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    await expect(room.get_by_test_id("event")).to_have_count(len(CROWDED_EVENTS))
    fits = "e => e.scrollHeight <= e.clientHeight + 1 && !e.classList.contains('review--clipped')"
    await shoot(room, "review-crowded-timeline-projector")
    assert await room.locator(".review--room").evaluate(fits)

    for _ in range(2):
        await sent(facilitator, "step.next", {})
    axes = [a["id"] for a in review_of(facilitator)["axes"]]
    for index in range(12):
        text = f"Objectif n° {index + 1} : {CROWDED_EVENTS[index].lower()}"
        payload = {"year": index % 3, "axis_id": axes[index % 4], "text": text}
        await sent(people[index % 3], "review.propose", payload)
    await expect(room.get_by_test_id("objective")).to_have_count(12)
    await shoot(room, "review-crowded-aspirations-projector")
    assert await room.locator(".review--room").evaluate(fits)
    await sent(facilitator, "step.next", {})
    objectives = [o["id"] for o in review_of(facilitator)["objectives"]]
    for index, objective in enumerate(objectives):
        importance, feasibility = CROWDED_GRADES[index % len(CROWDED_GRADES)]
        for person in people:
            rating = {"importance": importance, "feasibility": feasibility}
            await sent(person, "review.rate", {"objective_id": objective, **rating})
    await expect(room.get_by_test_id("matrix-point")).to_have_count(12)
    await expect(room.get_by_test_id("legend-item")).to_have_count(12)
    assert await room.locator(".review--room").evaluate(fits)
    await shoot(room, "review-crowded-matrix-projector")
    points = [
        await p.bounding_box() for p in await room.locator(".review-matrix__point circle").all()
    ]
    corners = [await c.bounding_box() for c in await room.get_by_test_id("matrix-corner").all()]
    boxes = [b for b in points if b]
    names = [b for b in corners if b]
    assert len(boxes) == 12 and len(names) == 4
    covering = [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if math.dist(centre(a), centre(b)) < a["width"] - 1
    ]
    assert covering == []
    assert overlapping(boxes, names) == []
    await accessible(room)
    # A smaller, squarer projector: the matrix and its legend are drawn again and still fit.
    await room.set_viewport_size({"width": 1024, "height": 768})
    await room.wait_for_function(
        "() => { const e = document.querySelector('.review--room'); return e && window.innerWidth"
        " === 1024 && e.scrollHeight <= e.clientHeight + 1 && !e.classList.contains('review--"
        "clipped') }"
    )
    await expect(room.get_by_test_id("legend-item")).to_have_count(12)
    await shoot(room, "review-crowded-matrix-1024")

    phone_context, phone = await join_by_phone(browser, server, session.join_code, "Zoé", errors)
    await expect(phone.get_by_test_id("matrix-point")).to_have_count(12)
    await phone.get_by_test_id("matrix").scroll_into_view_if_needed()
    await shoot(phone, "review-crowded-priorities-phone")
    assert errors == []
    for client in (facilitator, *people):
        await client.disconnect()
    for context in (projector, phone_context):
        await context.close()
