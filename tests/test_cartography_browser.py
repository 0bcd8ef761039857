"""The cartography of digital usages in a real headless Chromium: a tool added on a phone appears
on the room screen's map; with forty tools the map stays readable at projector and phone sizes
(labels apart, necessity and choice told apart without colour); the console merges duplicates,
spotlights a zone and switches to the impact view; phones rate impacts by tapping and dot-vote
the shared stakes. Other people act over Socket.IO where their screen is not the point."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import Client, ServerProcess, caught_up, create_session, join, open_link
from tests.test_browser import (
    LAPTOP,
    PROJECTOR,
    SHOTS,
    accessibility_violations,
    join_by_phone,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

ORGANISATIONS = ["CRIB", "DLA Creuse", "Réseau des tiers-lieux", "Le Gang", "HelloAsso 23"]
# 39 tools: the phone in the browser adds the fortieth, HelloAsso.
TOOLS = [
    "Facebook",
    "Google Drive",
    "Nextcloud",
    "WhatsApp",
    "Signal",
    "Framadate",
    "Doodle",
    "Canva",
    "Mailchimp",
    "Zoom",
    "Jitsi Meet",
    "Slack",
    "Mattermost",
    "Excel",
    "LibreOffice Calc",
    "Dolibarr",
    "Paheko",
    "Trello",
    "Kanboard",
    "Gmail",
    "Thunderbird",
    "Instagram",
    "LinkedIn",
    "Dropbox",
    "OnlyOffice",
    "WordPress",
    "Framaforms",
    "Microsoft Teams",
    "Discord",
    "Ciel Compta",
    "Basecamp",
    "Notion",
    "Loomio",
    "Zimbra",
    "Outlook",
    "Framapad",
    "Etherpad",
    "Appicoach",
    "Canvas",
]


async def add_cartography(facilitator: Client) -> str:
    before = {a["id"] for a in facilitator.view["session"]["activities"]}
    answer = await facilitator.ok(
        "session.add_activity",
        {"format": "cartography", "title": "Cartographie des usages numériques", "config": {}},
    )
    await caught_up(answer["seq"], facilitator)
    (added,) = [a["id"] for a in facilitator.view["session"]["activities"] if a["id"] not in before]
    return str(added)


def carto(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


OVERLAPS = """() => {
  const svg = document.querySelector('[data-testid=room-map] svg, [data-testid=map-viewer] svg');
  const box = (e) => e.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('.cartography-label')];
  const marks = [...svg.querySelectorAll('[data-testid=map-mark]')];
  const hit = (a, b, m) =>
    a.left + m < b.right && b.left + m < a.right && a.top + m < b.bottom && b.top + m < a.bottom;
  const out = [];
  labels.forEach((label, i) => {
    for (const other of labels.slice(i + 1)) {
      if (hit(box(label), box(other), 1)) out.push(label.textContent + ' / ' + other.textContent);
    }
    for (const mark of marks) {
      const dot = mark.querySelector('.cartography-mark__dot');
      // A circle's box overstates its corners: a margin of a fifth of its radius.
      const m = box(dot).width / 10;
      if (mark.dataset.markId !== label.dataset.markId && hit(box(label), box(dot), m)) {
        out.push(label.textContent + ' over the mark of ' + mark.dataset.toolId);
      }
    }
  });
  // Zone titles stay in their zone.
  for (const zone of svg.querySelectorAll('[data-testid=map-zone]')) {
    const rect = box(zone.querySelector('rect'));
    for (const title of zone.querySelectorAll('.cartography-zone__label')) {
      const t = box(title);
      const out_x = t.left < rect.left - 1 || t.right > rect.right + 1;
      if (out_x || t.top < rect.top - 1 || t.bottom > rect.bottom + 1) {
        out.push(title.textContent + ' out of its zone');
      }
    }
  }
  return out;
}"""


async def overlaps(page: Page) -> list[str]:
    """Pairs of map labels whose boxes overlap, and labels drawn over another tool's mark, as
    drawn on this screen (the server places them; this checks what people see)."""
    result = await page.evaluate(OVERLAPS)
    return list(result)


async def label_pixels(page: Page) -> float:
    """The smallest map label's height on screen, in CSS pixels."""
    size: float = await page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.cartography-label')]
             .map(e => e.getBoundingClientRect().height))"""
    )
    return size


async def organisation_and_tools(
    http: httpx.AsyncClient, session: Any, facilitator: Client
) -> list[Client]:
    """Five people from five organisations list 39 tools, some used by several organisations
    and for several purposes, some by necessity, some by choice."""
    purposes = [p["id"] for p in carto(facilitator)["purposes"]]
    people = []
    for i, organisation in enumerate(ORGANISATIONS):
        person = await join(http, session, f"Personne {i + 1}")
        await person.ok("cartography.set_organisation", {"name": organisation})
        people.append(person)
    last: dict[str, Any] = {}
    for i, tool in enumerate(TOOLS):
        # The first tools are everybody's (bigger marks), the others one organisation's.
        users = people[: 5 - i] if i < 4 else [people[i % 5]]
        for j, person in enumerate(users):
            chosen = [purposes[i % len(purposes)]]
            if i % 7 == 0:
                chosen.append(purposes[(i + 3) % len(purposes)])
            why = "necessity" if (i + j) % 3 == 0 else "choice"
            last = await person.ok(
                "cartography.add_use", {"tool": tool, "purpose_ids": chosen, "why": why}
            )
    await caught_up(last["seq"], facilitator)
    return people


async def test_the_room_map_follows_the_phones_and_stays_readable_with_forty_tools(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Associations connectées")
    facilitator = await session.facilitator().connect()
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    phone_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors
    )
    await add_cartography(facilitator)

    # Camille says where she comes from (suggestions come from what the room typed), then lists
    # a tool: it appears on the room screen's map.
    await camille.get_by_test_id("organisation-input").fill("Conte en Creuse")
    await camille.get_by_test_id("organisation-save").click()
    await expect(camille.get_by_test_id("organisation-name")).to_have_text("Conte en Creuse")
    await expect(room.get_by_test_id("map-mark")).to_have_count(0)
    await camille.get_by_test_id("tool-input").fill("HelloAsso")
    purposes = camille.get_by_test_id("purpose-option")
    await purposes.nth(1).check()
    await camille.get_by_test_id("kind-necessity").check()
    await camille.get_by_test_id("line-add").click()
    await expect(room.get_by_test_id("map-mark")).to_have_count(1)
    mark = room.get_by_test_id("map-mark").first
    await expect(mark).to_have_attribute("data-kind", "necessity")
    await expect(room.get_by_test_id("room-tool-count")).to_have_attribute("data-count", "1")
    await expect(camille.get_by_test_id("line")).to_have_count(1)
    await expect(camille.get_by_test_id("line-tool")).to_have_text("HelloAsso")

    # While Camille types, other people's tools arrive: what she typed stays.
    await camille.get_by_test_id("tool-input").fill("Nextcl")
    people = await organisation_and_tools(http, session, facilitator)
    tools = len(carto(facilitator)["tools"])
    assert tools == 40, tools
    await expect(room.get_by_test_id("room-tool-count")).to_have_attribute("data-count", "40")
    await expect(camille.get_by_test_id("tool-input")).to_have_value("Nextcl")
    # The room's spelling is offered: one tap fills the field.
    await camille.get_by_test_id("tool-suggestion").filter(has_text="Nextcloud").click()
    await expect(camille.get_by_test_id("tool-input")).to_have_value("Nextcloud")
    await camille.get_by_test_id("tool-input").fill("")
    marks = len(carto(facilitator)["map"]["marks"])
    await expect(room.get_by_test_id("map-mark")).to_have_count(marks)
    await shoot(camille, "cartography-inventory-phone")

    # The map step: the room screen at projector sizes, labels apart and large enough.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", "map")
    await expect(room.get_by_test_id("map-mark")).to_have_count(marks)
    await room.screenshot(path=SHOTS / "cartography-map-projector.png")
    assert await overlaps(room) == []
    assert await label_pixels(room) >= 14
    assert await accessibility_violations(room) == []
    await room.set_viewport_size({"width": 1280, "height": 720})
    await expect(room.get_by_test_id("map-mark")).to_have_count(marks)
    await room.screenshot(path=SHOTS / "cartography-map-projector-720.png")
    assert await overlaps(room) == []
    await room.get_by_test_id("lang-switch").click()
    await expect(room.get_by_test_id("map-legend")).to_contain_text("By necessity")
    await room.screenshot(path=SHOTS / "cartography-map-projector-720-en.png")
    assert await overlaps(room) == []

    # The phone: the same map, zoomed with buttons, and as a list.
    await expect(camille.get_by_test_id("map-viewer")).to_be_visible()
    # Held upright, the phone draws the map laid out upright.
    upright = carto(facilitator)["map"]["portrait"]
    svg = camille.get_by_test_id("map-svg")
    await expect(svg).to_have_attribute("viewBox", "0 0 900 1600")
    await expect(camille.get_by_test_id("map-mark")).to_have_count(len(upright["marks"]))
    await camille.screenshot(path=SHOTS / "cartography-map-phone.png")
    assert await overlaps(camille) == []
    assert await label_pixels(camille) >= 12
    # Zoomed in, a purpose is one choice away (no dragging the map around).
    zone = carto(facilitator)["map"]["zones"][4]
    await camille.get_by_test_id("map-goto").select_option(zone["purpose_id"])
    title = camille.locator(f'[data-testid=map-zone][data-zone-id="{zone["purpose_id"]}"] text')
    await expect(title.first).to_be_in_viewport()
    await camille.screenshot(path=SHOTS / "cartography-map-goto-phone.png")
    zoom = camille.get_by_test_id("map-zoom")
    before = float(await zoom.get_attribute("data-zoom") or 0)
    await camille.get_by_test_id("map-zoom-in").click()
    await expect(zoom).not_to_have_attribute("data-zoom", str(before))
    await camille.get_by_test_id("map-zoom-reset").click()
    await expect(zoom).to_have_attribute("data-zoom", "1")
    await camille.screenshot(path=SHOTS / "cartography-map-whole-phone.png")
    assert await accessibility_violations(camille) == []
    await camille.get_by_test_id("map-list-toggle").click()
    listed = camille.get_by_test_id("map-list").get_by_test_id("map-list-tool")
    await expect(listed).to_have_count(marks)
    await shoot(camille, "cartography-map-list-phone")
    assert await accessibility_violations(camille) == []

    assert errors == []
    for person in people:
        await person.disconnect()
    for context in (projector, phone_context):
        await context.close()
    await facilitator.disconnect()


def ids(client: Client, kind: str) -> dict[str, str]:
    return {item["name"]: item["id"] for item in carto(client)[kind]}


async def test_the_console_tidies_the_map_and_the_phones_rate_and_vote_by_tapping(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Associations connectées")
    facilitator = await session.facilitator().connect()
    added = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(added["seq"], facilitator)
    (jo,) = [p["id"] for p in facilitator.view["session"]["participants"] if p["name"] == "Jo"]
    scribe_url, _ = await open_link(facilitator, session, "scribe", "Nicolas")
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    phone_context, camille = await join_by_phone(
        browser, server, session.join_code, "Camille", errors
    )
    await add_cartography(facilitator)
    purposes = [p["id"] for p in carto(facilitator)["purposes"]]

    # Two people typed the same organisation and the same tool differently.
    yanis, lea = await join(http, session, "Yanis"), await join(http, session, "Léa")
    await yanis.ok("cartography.set_organisation", {"name": "Asso X"})
    await lea.ok("cartography.set_organisation", {"name": "Association X"})
    for person, tool in ((yanis, "HelloAsso"), (lea, "Hello Asso"), (lea, "Facebook")):
        last = await person.ok(
            "cartography.add_use", {"tool": tool, "purpose_ids": purposes[:1], "why": "choice"}
        )
    await caught_up(last["seq"], facilitator)
    await camille.get_by_test_id("organisation-input").fill("Asso")
    await expect(camille.get_by_test_id("organisation-suggestion")).to_have_count(2)
    await camille.get_by_test_id("organisation-suggestion").first.click()
    await camille.get_by_test_id("organisation-save").click()
    await expect(camille.get_by_test_id("organisation-name")).to_have_text("Asso X")
    await camille.get_by_test_id("tool-input").fill("Facebook")
    await camille.get_by_test_id("purpose-option").first.check()
    await camille.get_by_test_id("kind-necessity").check()
    await camille.get_by_test_id("line-add").click()
    line = camille.get_by_test_id("line").filter(has_text="Facebook")
    await expect(line).to_have_count(1)
    # She changes her mind on why, without typing the tool again.
    await line.get_by_test_id("line-edit").click()
    await line.get_by_test_id("edit-kind-choice").check()
    await line.get_by_test_id("line-edit-save").click()
    await expect(line.locator("[data-kind=choice]")).to_have_count(1)

    # The facilitator merges the duplicates, picked from lists.
    tools = ids(facilitator, "tools")
    await expect(console.get_by_test_id("console-tool-count")).to_have_attribute("data-count", "3")
    await console.get_by_test_id("merge-tools-from").select_option(tools["Hello Asso"])
    await console.get_by_test_id("merge-tools-into").select_option(tools["HelloAsso"])
    await console.get_by_test_id("merge-tools-submit").click()
    await expect(console.get_by_test_id("console-tool-count")).to_have_attribute("data-count", "2")
    await expect(console.get_by_test_id("merge-done")).to_contain_text("Hello Asso")
    orgs = ids(facilitator, "organisations")
    await console.get_by_test_id("merge-organisations-from").select_option(orgs["Association X"])
    await console.get_by_test_id("merge-organisations-into").select_option(orgs["Asso X"])
    await console.get_by_test_id("merge-organisations-submit").click()
    await expect(console.get_by_test_id("console-org-count")).to_have_attribute("data-count", "1")
    await expect(room.get_by_test_id("room-tool-count")).to_have_attribute("data-count", "2")
    await expect(console.get_by_test_id("session-undo")).to_contain_text("fusion")

    # A purpose added from the console is offered on the phones at once.
    await console.get_by_test_id("purposes-new").fill("Formation des bénévoles")
    await console.get_by_test_id("purposes-add").click()
    await expect(
        camille.get_by_test_id("line-form").get_by_text("Formation des bénévoles")
    ).to_be_visible()
    await shoot(console, "cartography-console-inventory-laptop")
    # Another workshop's map, from its CSV export, adds to this one.
    await console.get_by_test_id("import-csv").locator("summary").click()
    await console.get_by_test_id("import-text").fill(
        "number,activity,format,kind,id,text,theme,author,proxy,about,value,detail\n"
        "1,Carte,cartography,use,o1-t1-z7,Loomio,Prise de décision,,,,choice,CRIB\n"
    )
    await console.get_by_test_id("import-submit").click()
    await expect(console.get_by_test_id("console-tool-count")).to_have_attribute("data-count", "3")
    await expect(console.get_by_test_id("console-org-count")).to_have_attribute("data-count", "2")
    # The preview shows a phone's screen and sends nothing.
    await console.get_by_test_id("preview-toggle").click()
    preview = console.get_by_test_id("participant-preview")
    await expect(preview.get_by_test_id("organisation-input")).to_be_visible()
    await console.get_by_test_id("preview-toggle").click()
    await expect(preview).to_have_count(0)
    assert await accessibility_violations(console) == []

    # The scribe enters Jo's organisation and tool in the console's phone frame.
    scribe_context = await browser.new_context(**LAPTOP)
    scribe = await scribe_context.new_page()
    watch_console(scribe, errors)
    await scribe.goto(scribe_url)
    await expect(scribe.get_by_test_id("console-role")).to_have_attribute("data-role", "scribe")
    await scribe.get_by_test_id("proxy-open").click()
    await scribe.get_by_test_id("proxy-select").select_option(jo)
    await scribe.get_by_test_id("proxy-begin").click()
    area = scribe.get_by_test_id("proxy-area")
    await area.get_by_test_id("organisation-input").fill("Le Gang")
    await area.get_by_test_id("organisation-save").click()
    await expect(area.get_by_test_id("organisation-name")).to_have_text("Le Gang")
    await area.get_by_test_id("tool-input").fill("Discord")
    await area.get_by_test_id("purpose-option").nth(2).check()
    await area.get_by_test_id("kind-choice").check()
    await area.get_by_test_id("line-add").click()
    await expect(area.get_by_test_id("line").filter(has_text="Discord")).to_have_count(1)
    await expect(room.get_by_test_id("room-tool-count")).to_have_attribute("data-count", "4")
    await shoot(scribe, "cartography-scribe-proxy-laptop")
    await scribe_context.close()

    # The map: a zone spotlit from the console is stressed on every screen.
    await console.get_by_test_id("step-next").click()
    await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", "map")
    zone = console.get_by_test_id("zone-spotlight-toggle").first
    await zone.click()
    await expect(zone).to_have_attribute("aria-pressed", "true")
    first = purposes[0]
    await expect(room.get_by_test_id("room-spotlight-zone")).to_have_attribute(
        "data-zone-id", first
    )
    spot = f'[data-testid=map-zone][data-zone-id="{first}"]'
    await expect(camille.locator(spot)).to_have_attribute("data-spotlit", "true")
    await shoot(room, "cartography-spotlight-projector")

    # Impacts: Camille taps a level for each dimension of each tool her organisation uses.
    await console.get_by_test_id("step-next").click()
    await expect(camille.get_by_test_id("rate-tool")).to_have_count(2)
    facebook = camille.get_by_test_id("rate-tool").filter(has_text="Facebook")
    dimensions = facebook.get_by_test_id("rate-dimension")
    count = await dimensions.count()
    assert count >= 2
    for i in range(count):
        level = dimensions.nth(i).locator('[data-testid=rate-level][data-value="-1"]')
        await level.click()
        await expect(level).to_have_attribute("aria-pressed", "true")
    await expect(camille.get_by_test_id("rated-count")).to_have_attribute("data-count", "1")
    # Tapping the chosen level again takes the rating back.
    level = dimensions.nth(0).locator('[data-testid=rate-level][data-value="-1"]')
    await level.click()
    await expect(level).to_have_attribute("aria-pressed", "false")
    await level.click()
    await expect(camille.get_by_test_id("connection-status")).to_have_attribute("data-pending", "0")
    await shoot(camille, "cartography-impacts-phone")
    assert await accessibility_violations(camille) == []
    dimension = console.get_by_test_id("map-mode-dimension").first
    await dimension.click()
    await expect(dimension).to_have_attribute("aria-pressed", "true")
    await expect(room.get_by_test_id("map-svg")).to_have_attribute("data-mode", "impact")
    mark = room.locator(f'[data-testid=map-mark][data-tool-id="{tools["Facebook"]}"]')
    await expect(mark.first).to_have_attribute("data-kind", "negative")
    await room.screenshot(path=SHOTS / "cartography-impacts-projector.png")
    await shoot(console, "cartography-console-impacts-laptop")
    assert await accessibility_violations(room) == []

    # Shared stakes: written on the phone, noted from the console, then dot-voted.
    await console.get_by_test_id("step-next").click()
    await camille.get_by_test_id("stake-input").fill("Flux d'info : comment éviter la noyade ?")
    await camille.get_by_test_id("stake-add").click()
    await camille.get_by_test_id("stake-kind-criterion").check()
    await camille.get_by_test_id("stake-input").fill("Adapté aux pratiques des bénévoles")
    await camille.get_by_test_id("stake-add").click()
    await console.get_by_test_id("note-text").fill("Se poser la question des rôles respectifs")
    await console.get_by_test_id("note-add").click()
    await expect(room.get_by_test_id("room-stakes")).to_have_attribute("data-count", "3")
    await shoot(room, "cartography-stakes-projector")
    await console.get_by_test_id("step-next").click()
    stake = camille.get_by_test_id("stake").filter(has_text="noyade")
    await stake.get_by_test_id("vote-add").click()
    await stake.get_by_test_id("vote-add").click()
    dots = camille.locator('[data-testid=dots-left][data-kind="stake"]')
    await expect(dots).to_have_attribute("data-dots-left", "1")
    await expect(camille.get_by_test_id("connection-status")).to_have_attribute("data-pending", "0")
    await shoot(camille, "cartography-vote-phone")
    assert await accessibility_violations(camille) == []
    await console.get_by_test_id("step-next").click()
    await expect(room.get_by_test_id("result").first).to_contain_text("noyade")
    # Hands raised in the room count with the dots.
    criterion = console.get_by_test_id("result").filter(has_text="bénévoles")
    await criterion.get_by_test_id("hands-input").fill("3")
    await criterion.get_by_test_id("hands-save").click()
    await expect(room.get_by_test_id("result").filter(has_text="bénévoles")).to_contain_text(
        "3 mains levées"
    )
    await shoot(room, "cartography-results-projector")
    await shoot(console, "cartography-console-results-laptop")
    assert await accessibility_violations(console) == []

    assert errors == []
    for person in (yanis, lea):
        await person.disconnect()
    for context in (laptop, projector, phone_context):
        await context.close()
    await facilitator.disconnect()


async def test_a_crowded_zone_numbers_its_tools_and_names_them_beside_the_map(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Un usage très outillé")
    facilitator = await session.facilitator().connect()
    await add_cartography(facilitator)
    purposes = [p["id"] for p in carto(facilitator)["purposes"]]
    people = []
    for i, organisation in enumerate(ORGANISATIONS):
        people.append(await join(http, session, f"Personne {i + 1}"))
        await people[-1].ok("cartography.set_organisation", {"name": organisation})
    projector = await browser.new_context(viewport=PROJECTOR)
    await projector.request.get(session.facilitator_url, max_redirects=0)
    room = await projector.new_page()
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{session.id}/room")
    tools = [*TOOLS, *(f"Outil numéro {i}" for i in range(1, 111))]
    # 69 tools in one purpose: its zone takes most of the map, and every name has a place.
    done = 0
    for count in (69, len(tools)):
        # Each person lists a few (a phone may not send dozens of commands at once).
        for i in range(done, count):
            tool, done = tools[i], i + 1
            last = await people[i % len(people)].ok(
                "cartography.add_use", {"tool": tool, "purpose_ids": purposes[:1], "why": "choice"}
            )
        await caught_up(last["seq"], facilitator)
        drawn = carto(facilitator)["map"]
        await expect(room.get_by_test_id("map-mark")).to_have_count(len(drawn["marks"]))
        assert len(drawn["marks"]) == count, "no tool is left without a place"
        crowded = drawn["zones"][0]
        assert crowded["w"] * crowded["h"] > 0.5 * drawn["width"] * drawn["height"]
        numbered = [m for m in drawn["marks"] if m["number"] is not None]
        # Numbers run from 1 on the map; their names come with it.
        assert [m["number"] for m in numbered] == list(range(1, len(numbered) + 1))
        if numbered:
            names = room.get_by_test_id("map-numbers").locator("li")
            await expect(names.first).to_contain_text("1")
        else:
            await expect(room.get_by_test_id("map-numbers")).to_have_count(0)
        shot = "crowded" if count == 69 else "crowded-numbers"
        await room.screenshot(path=SHOTS / f"cartography-{shot}-projector.png")
        assert await overlaps(room) == []
        assert await label_pixels(room) >= 14
    assert numbered, "149 tools in one purpose are numbered"
    assert await accessibility_violations(room) == []
    assert errors == []
    await projector.close()
    for person in people:
        await person.disconnect()
    await facilitator.disconnect()


async def test_a_tool_listed_offline_is_kept_and_reaches_the_map_once_back(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    session = await create_session(http, title="Dans le train")
    facilitator = await session.facilitator().connect()
    context, lou = await join_by_phone(browser, server, session.join_code, "Lou", errors)
    await add_cartography(facilitator)
    await lou.get_by_test_id("organisation-input").fill("Hiéro")
    await lou.get_by_test_id("organisation-save").click()
    await expect(lou.get_by_test_id("organisation-name")).to_have_text("Hiéro")

    await context.set_offline(True)
    await lou.get_by_test_id("tool-input").fill("Framadate")
    await lou.get_by_test_id("purpose-option").first.check()
    await lou.get_by_test_id("kind-choice").check()
    await lou.get_by_test_id("line-add").click()
    status = lou.get_by_test_id("connection-status")
    await expect(status).to_have_attribute("data-state", "offline", timeout=15000)
    pending = lou.locator("[data-testid=line][data-pending=true]")
    await expect(pending).to_contain_text("Framadate")
    await expect(pending).to_contain_text("En attente — sera envoyé au retour du réseau")
    await shoot(lou, "cartography-offline-phone")
    await context.set_offline(False)
    await expect(status).to_have_attribute("data-state", "connected", timeout=20000)
    await expect(pending).to_have_count(0)
    await expect(lou.get_by_test_id("line-tool")).to_have_text(["Framadate"])
    await facilitator.until(lambda c: [t["name"] for t in carto(c)["tools"]] == ["Framadate"])
    # Offline, the browser may report a request it could not make: nothing else went wrong.
    assert [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e] == []
    await context.close()
    await facilitator.disconnect()
