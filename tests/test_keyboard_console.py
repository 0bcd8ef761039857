"""The console with the keyboard alone: a facilitator creates a session, runs a whole board and
takes its minutes with Tab, Shift+Tab, Enter, Space and the arrow keys, and sees where the focus
is at every step."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import Client, ServerProcess, Session, join
from tests.test_browser import LAPTOP, shoot, watch_console

pytestmark = pytest.mark.browser

MOST_TABS = 120
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  return {testid: e.dataset.testid ?? e.closest('[data-testid]')?.dataset.testid ?? '',
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


async def focused(page: Page) -> dict[str, object] | None:
    found: dict[str, object] | None = await page.evaluate(FOCUSED)
    return found


async def tab_to(page: Page, testid: str, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab with `back`) until the element `testid` has the focus, which must
    show: a visible outline."""
    for _ in range(MOST_TABS):
        await page.keyboard.press("Shift+Tab" if back else "Tab")
        now = await focused(page)
        if now and now["testid"] == testid:
            assert now["outline"] != "none" and float(str(now["width"])) >= 2, now
            return
    raise AssertionError(f"{testid} not reached with {MOST_TABS} presses of Tab")


async def test_a_whole_board_with_the_keyboard_alone(
    browser: Browser, server: ServerProcess, http: httpx.AsyncClient
) -> None:
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP, accept_downloads=True)
    console = await laptop.new_page()
    watch_console(console, errors)

    # Home page: the title, the facilitator's name, then "create".
    await console.goto(f"{server.url}/")
    await tab_to(console, "create-title")
    await console.keyboard.type("Atelier au clavier")
    await tab_to(console, "create-facilitator")
    await console.keyboard.type("Stéphanie")
    await tab_to(console, "create-submit")
    await console.keyboard.press("Enter")
    await console.wait_for_url("**/s/*/console")
    session_id = console.url.rstrip("/").split("/")[-2]
    code = (await console.get_by_test_id("join-code").inner_text()).strip()
    session = Session(session_id, code.replace("-", ""), "", "", "", server.url)
    phones: list[Client] = [await join(http, session, name) for name in ("Lou", "Jo")]

    # A board, chosen in the list with the arrow keys, with its question typed.
    await tab_to(console, "add-activity-format")
    select = console.get_by_test_id("add-activity-format")
    for _ in range(10):
        if await select.input_value() == "board":
            break
        await console.keyboard.press("ArrowDown")
    assert await select.input_value() == "board"
    await tab_to(console, "add-activity-config-question")
    await console.keyboard.type("Qu'est-ce qui marche bien ?")
    await tab_to(console, "add-activity-submit")
    await console.keyboard.press("Enter")
    await expect(console.get_by_test_id("stepper-step")).to_have_count(5)

    # Notes come from the phones; the timer is started, paused and stopped from the keyboard.
    for phone, text in zip(phones, ("Un calendrier partagé", "Hors sujet"), strict=True):
        await phone.ok("board.add_note", {"text": text})
    await tab_to(console, "timer-start")
    await console.keyboard.press("Enter")
    await expect(console.get_by_test_id("timer-pause")).to_be_focused()
    await console.keyboard.press("Space")
    await expect(console.get_by_test_id("timer-resume")).to_be_visible()
    await tab_to(console, "timer-stop")
    await console.keyboard.press("Enter")
    await expect(console.get_by_test_id("timer-start")).to_be_visible()

    # Next step: the notes are revealed; one is hidden, from the keyboard.
    await tab_to(console, "step-next", back=True)
    await console.keyboard.press("Enter")
    await expect(console.get_by_test_id("stepper-step").nth(1)).to_have_attribute(
        "aria-current", "step"
    )
    hidden = console.locator("[data-testid=note]", has_text="Hors sujet").get_by_test_id(
        "note-hide"
    )
    await expect(hidden).to_be_visible()
    await tab_to(console, "note-hide")
    for _ in range(6):
        if await hidden.evaluate("e => e === document.activeElement"):
            break
        await tab_to(console, "note-hide")
    await console.keyboard.press("Enter")
    await expect(hidden).to_have_attribute("aria-pressed", "true")
    await shoot(console, "keyboard-console-laptop")

    # Every other step to the results.
    await tab_to(console, "step-next", back=True)
    for index in range(2, 5):
        await console.keyboard.press("Enter")
        await expect(console.get_by_test_id("stepper-step").nth(index)).to_have_attribute(
            "aria-current", "step"
        )
        if index < 4:
            await expect(console.get_by_test_id("step-next")).to_be_focused()
    await expect(console.get_by_test_id("last-step")).to_be_visible()
    await expect(console.get_by_test_id("results")).to_be_visible()

    # The minutes, downloaded with Enter on the link.
    await tab_to(console, "minutes-download", back=True)
    async with console.expect_download() as download:
        await console.keyboard.press("Enter")
    assert (await download.value).suggested_filename.endswith(".md")

    for phone in phones:
        await phone.disconnect()
    await laptop.close()
    assert errors == []
