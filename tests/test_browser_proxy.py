"""Entering for a person without a phone, in Chromium: the console's phone frame shows exactly what
their phone would, a format role's own instructions included."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.support import ServerProcess, caught_up, create_session
from tests.test_browser import LAPTOP, shoot, watch_console

pytestmark = pytest.mark.browser


async def test_the_proxy_phone_of_a_project_holder_reads_the_holder_s_instructions(
    browser: Browser, server: ServerProcess
) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        session = await create_session(http, title="Accélérateur du jeudi")
    facilitator = await session.facilitator().connect()
    await facilitator.ok("session.add_activity", {"format": "accelerator", "config": {}})
    added = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(added["seq"], facilitator)
    (jo,) = [p["id"] for p in facilitator.view["session"]["participants"] if p["name"] == "Jo"]
    answer = await facilitator.ok(
        "participant.assign_role", {"participant_id": jo, "role": "holder"}
    )
    await caught_up(answer["seq"], facilitator)

    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    await console.goto(session.facilitator_url)
    await console.get_by_test_id("proxy-open").click()
    await console.get_by_test_id("proxy-select").select_option(jo)
    await console.get_by_test_id("proxy-begin").click()
    area = console.get_by_test_id("proxy-area")
    await expect(area).to_contain_text("Présentez votre projet et votre problématique")
    await expect(area).not_to_contain_text("Écoutez la présentation du projet")
    await shoot(console, "proxy-holder-laptop")
    assert errors == []
    await laptop.close()
    await facilitator.disconnect()
