"""The minutes' editor in a real headless Chromium, at laptop and phone sizes: a correction with
its live preview (rendered by the server), the summary, publishing through a webhook that fails
twice (the page says what failed and when it tries again, then that it is done), and the link
that each phone shows once the minutes are shared."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.support import ServerProcess, add_board, create_session, join
from tests.test_browser import (
    LAPTOP,
    PHONE,
    accessibility_violations,
    join_by_phone,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def retry_seconds() -> str:
    # Long enough for the page to be seen saying that it will try again.
    return "1.5"


async def test_the_editor_with_its_preview_publishing_and_sharing(
    browser: Browser, publishing_server: ServerProcess
) -> None:
    errors: list[str] = []
    server = publishing_server
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        session = await create_session(http, title="Conseil d'administration")
        facilitator = await session.facilitator().connect()
        await add_board(facilitator, question="Quelles priorités ?")
        awa = await join(http, session, "Awa")
        await awa.ok("board.add_note", {"text": "Un local accessible"})
        _phone_context, phone = await join_by_phone(
            browser, server, session.join_code, "Bastien", errors
        )
        await facilitator.ok("step.next")

        laptop = await browser.new_context(**LAPTOP)
        page = await laptop.new_page()
        watch_console(page, errors)
        await page.goto(session.facilitator_url)
        await page.get_by_test_id("minutes-edit").click()
        preview = page.get_by_test_id("minutes-preview")
        await expect(preview).to_contain_text("Un local accessible")

        # A correction, typed with the keyboard: the preview follows, rendered by the server.
        text = page.get_by_test_id("minutes-text")
        await text.focus()
        await page.keyboard.press("Control+End")
        await page.keyboard.type("\n\nMerci à toutes et tous : **prochaine séance en juin**.")
        await expect(preview.locator("strong").last).to_have_text("prochaine séance en juin")
        await page.get_by_test_id("minutes-save").click()
        await expect(page.get_by_test_id("minutes-edited")).to_be_visible()
        await page.get_by_test_id("minutes-summary").fill("Deux priorités retenues.")
        await page.get_by_test_id("minutes-summary-save").click()
        await expect(preview).to_contain_text("Deux priorités retenues.")
        await expect(preview.locator("h2").first).to_have_text("Synthèse")
        assert await accessibility_violations(page) == []
        await shoot(page, "minutes-editor-laptop")

        # Publishing: the webhook fails twice, and the page says so, then that it is done.
        await page.get_by_test_id("publish").click()
        publication = page.get_by_test_id("publication")
        await expect(publication).to_have_attribute("data-state", "retrying")
        await expect(page.get_by_test_id("publication-mattermost")).to_contain_text(
            "le serveur a répondu par une erreur (500)"
        )
        await expect(publication).to_contain_text("nouvel essai à")
        await shoot(page, "minutes-publish-retrying")
        await expect(publication).to_have_attribute("data-state", "done", timeout=20_000)
        await expect(page.get_by_test_id("publication-webdav")).to_contain_text("fait")

        # Sharing: each phone shows the minutes' link, which opens them read-only.
        await page.get_by_test_id("minutes-share").click()
        await expect(page.get_by_test_id("minutes-share-state")).to_contain_text("est partagé")
        link = phone.get_by_test_id("minutes-link-open")
        await expect(link).to_be_visible()
        await shoot(phone, "minutes-link-phone")
        href = await link.get_attribute("href")
        assert href is not None
        shared = await phone.context.new_page()
        await shared.goto(href)
        await expect(shared.locator("main")).to_contain_text("prochaine séance en juin")
        await shoot(shared, "minutes-shared-phone")

        # The editor on a phone: the text and its preview one under the other.
        small = await browser.new_context(**PHONE)
        mobile = await small.new_page()
        watch_console(mobile, errors)
        await mobile.goto(session.facilitator_url)
        await mobile.goto(f"{server.url}/s/{session.id}/minutes")
        await expect(mobile.get_by_test_id("minutes-preview")).to_contain_text("juin")
        await shoot(mobile, "minutes-editor-phone")

        # Stopping the share: the link no longer opens the minutes.
        await page.get_by_test_id("minutes-share").click()
        await expect(page.get_by_test_id("minutes-share-state")).to_contain_text("n'est pas")
        gone = await shared.goto(href)
        assert gone is not None and gone.status == 404
        await expect(phone.get_by_test_id("minutes-link")).to_have_count(0)
    assert errors == []
