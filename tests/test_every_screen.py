"""Every screen of every format, at every step, in French and in English: a phone (a participant
joined through the browser), the facilitator's console and the room screen follow a whole session
(tests/tour.py) and axe-core finds no serious or critical WCAG A/AA violation on any of them.
Screenshots at phone, laptop and projector sizes are kept under tests/artifacts/screens/tour/."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.support import ROOT, ServerProcess, create_session
from tests.test_browser import AXE, watch_console
from tests.tour import FORMATS, Stop, Tour, screens_at

pytestmark = pytest.mark.browser

SHOTS = ROOT / "tests" / "artifacts" / "screens" / "tour"
SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 360, "height": 640},
    "laptop": {"width": 1366, "height": 768},
    "projector": {"width": 1920, "height": 1080},
}
PHONE: dict[str, Any] = {
    "viewport": SIZES["phone"],
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
# The step at which each screen is photographed at the three sizes: one with contributions.
SHOT_AT = {
    "board": "vote",
    "accelerator": "exchanges",
    "cartography": "map",
    "consent": "objections",
    "review": "priorities",
}
IMPACTS = ("critical", "serious", "moderate", "minor")


async def axe_findings(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is: id, impact and where."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = await page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
             'wcag21aa'], resultTypes: ['violations']})).violations.map(v => ({id: v.id,
             impact: v.impact, where: v.nodes.map(n => n.target.join(' ')).join(', ')}))"""
    )
    return found


@pytest.fixture
async def screens(
    browser: Browser, server: ServerProcess
) -> AsyncIterator[tuple[Tour, dict[str, Page], list[str]]]:
    """A session with its console and room screen (laptop) and a phone joined in the browser,
    then the tour's phones; yields the tour, the three pages and the console errors seen."""
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        session = await create_session(http, title="Cluster 05 : mieux communiquer dans l'ESS")
        laptop = await browser.new_context(viewport=SIZES["laptop"])
        console = await laptop.new_page()
        watch_console(console, errors)
        await console.goto(session.facilitator_url)
        await expect(console.get_by_test_id("join-code")).to_be_visible()
        room = await laptop.new_page()
        await room.set_viewport_size(SIZES["projector"])
        watch_console(room, errors)
        await room.goto(f"{server.url}/s/{session.id}/room")
        await expect(room.get_by_test_id("room-lobby")).to_be_visible()
        phones: BrowserContext = await browser.new_context(**PHONE)
        phone = await phones.new_page()
        watch_console(phone, errors)
        await phone.goto(f"{server.url}/j/{session.join_code.replace('-', '')}")
        await phone.get_by_test_id("join-name").fill("Camille")
        await phone.get_by_test_id("join-button").click()
        await expect(phone.get_by_test_id("connection-status")).to_have_attribute(
            "data-state", "connected"
        )
        tour = await Tour.start(http, session)
        try:
            yield tour, {"phone": phone, "console": console, "room": room}, errors
        finally:
            await tour.stop()
            for context in (laptop, phones):
                await context.close()


async def switch(pages: dict[str, Page]) -> None:
    """The language switch of each screen. A dispatched click: the button is there and enabled
    (screens_at then waits for the language it sets); Playwright's own checks of a moving page
    took half a second a click."""
    for page in pages.values():
        await page.get_by_test_id("lang-switch").first.dispatch_event("click")


async def photograph(pages: dict[str, Page], stop: Stop) -> None:
    """Each screen at the three sizes, then back to its own."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    own = {"phone": "phone", "console": "laptop", "room": "projector"}
    for screen, page in pages.items():
        for size, viewport in SIZES.items():
            await page.set_viewport_size(viewport)
            path = SHOTS / f"{stop.format}-{stop.step}-{screen}-{size}.png"
            await page.screenshot(path=path)
        await page.set_viewport_size(SIZES[own[screen]])


@pytest.mark.parametrize("name", FORMATS)
async def test_every_screen_at_every_step_passes_axe_in_french_and_english(
    screens: tuple[Tour, dict[str, Page], list[str]], figure: Any, name: str
) -> None:
    tour, pages, errors = screens
    runs: Counter[tuple[str, str]] = Counter()
    counts: dict[tuple[str, str], Counter[str]] = {}
    serious: list[str] = []
    steps = 0
    async for stop in tour.run(name):
        steps += 1
        for lang in ("fr", "en"):
            if lang == "en":
                await switch(pages)
            await screens_at(pages, stop, lang)
            for screen, page in pages.items():
                found = await axe_findings(page)
                runs[screen, lang] += 1
                counts.setdefault((screen, lang), Counter()).update(v["impact"] for v in found)
                serious += [
                    f"{stop.step} {screen} {lang}: {v['id']} ({v['impact']}) at {v['where']}"
                    for v in found
                    if v["impact"] in ("serious", "critical")
                ]
        await switch(pages)
        await screens_at(pages, stop, "fr")
        if stop.step == SHOT_AT[name]:
            await photograph(pages, stop)
    for (screen, lang), impacts in sorted(counts.items()):
        figure(
            f"axe on every step: {name}, {screen}, {lang}",
            runs=runs[screen, lang],
            **{impact: impacts[impact] for impact in IMPACTS},
        )
    assert steps == len(tour.facilitator.activity["steps"])
    assert serious == [], "\n".join(serious)
    assert errors == []
