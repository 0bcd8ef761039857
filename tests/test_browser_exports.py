"""The console's documents and the session's place in a real headless Chromium, at laptop and
phone sizes, with the keyboard only: the "other formats" menu opens and each of its links
downloads its document with the right type; the place is typed and saved, and the minutes'
header gives it."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.exports_check import EXPORTS
from tests.support import ServerProcess, add_board, caught_up, create_session, join
from tests.test_browser import LAPTOP, PHONE, accessibility_violations, shoot, watch_console

pytestmark = pytest.mark.browser


async def focus_by_tab(page: Page, test_id: str, presses: int = 60) -> None:
    """Tab from where the focus is until the element reaches it, as someone with a keyboard."""
    target = page.get_by_test_id(test_id)
    for _ in range(presses):
        await page.keyboard.press("Tab")
        if await target.evaluate(
            "e => e === document.activeElement || e.contains(document.activeElement)"
        ):
            return
    raise AssertionError(f"{test_id} never had the focus")


@pytest.mark.parametrize(("size", "device"), [("laptop", LAPTOP), ("phone", PHONE)])
async def test_the_exports_menu_and_the_place_with_the_keyboard(
    browser: Browser, server: ServerProcess, size: str, device: dict[str, object]
) -> None:
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        session = await create_session(http, title="Conseil d'administration")
        facilitator = await session.facilitator().connect()
        await add_board(facilitator, question="Quelles priorités ?")
        awa = await join(http, session, "Awa")
        answer = await awa.ok("board.add_note", {"text": "Un local accessible"})
        await caught_up(answer["seq"], facilitator)

        context = await browser.new_context(**device, accept_downloads=True)
        page = await context.new_page()
        watch_console(page, errors)
        await page.goto(session.facilitator_url)
        await expect(page.get_by_test_id("session-title")).to_have_text("Conseil d'administration")

        # The place: its summary opens with Enter, the field is typed in, Enter saves it.
        await focus_by_tab(page, "session-place")
        await page.keyboard.press("Enter")
        field = page.locator("#session-place")
        await expect(field).to_be_visible()
        await page.keyboard.press("Tab")
        await expect(field).to_be_focused()
        await page.keyboard.type("Maison des associations, salle 2")
        await page.keyboard.press("Enter")
        place = page.get_by_test_id("session-place")
        await expect(place).to_contain_text("Maison des associations, salle 2")
        # Saved, the form folds back into its line, the focus on it.
        await expect(field).to_be_hidden()
        await expect(place).to_be_focused()

        # The menu: opened with Enter, its links reached with Tab; each one's document has the
        # type its name says, and Enter on a link downloads it.
        menu = page.get_by_test_id("exports")
        await focus_by_tab(page, "exports")
        await page.keyboard.press("Enter")
        await expect(menu).to_have_attribute("open", "")
        links = menu.locator("a")
        count = await links.count()
        assert count == 6
        await page.keyboard.press("Tab")
        await expect(links.first).to_be_focused()
        await shoot(page, f"console-exports-{size}")
        assert await accessibility_violations(page) == []
        for number in range(count):
            link = links.nth(number)
            href = await link.get_attribute("href")
            assert href is not None
            name = re.sub(r"\?.*$", "", href.rsplit("/", 1)[1])
            response = await context.request.get(server.url + href)
            assert response.status == 200, (name, await response.text())
            assert response.headers["content-type"] == EXPORTS[name], name
            assert response.headers["content-disposition"].startswith("attachment;"), name
        async with page.expect_download() as started:
            await links.first.focus()
            await page.keyboard.press("Enter")
        download = await started.value
        assert re.fullmatch(
            r"compte-rendu-\d{4}-\d{2}-\d{2}-conseil-d-administration\.pdf",
            download.suggested_filename,
        )
        with open(await download.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        # Escape closes the menu, the focus back on it.
        await links.nth(2).focus()
        await page.keyboard.press("Escape")
        await expect(menu).not_to_have_attribute("open", "")
        await expect(menu.locator("summary")).to_be_focused()

        auth = {"Authorization": f"Bearer {session.key}"}
        md = await http.get(f"/api/sessions/{session.id}/minutes.md", headers=auth)
        assert "- **Lieu**\u00a0: Maison des associations, salle 2" in md.text
        await shoot(page, f"console-place-{size}")
        await context.close()
        await awa.disconnect()
        await facilitator.disconnect()
    assert errors == []
