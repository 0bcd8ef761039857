"""A format installed as a plugin brings its screens: installed from a temporary folder through
the `fabrique.formats` entry-point group, it is added from the console's generic form, and its own
renderers, styles and words show on a phone, the console and the room screen, in Chromium."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.async_api import Browser, expect

from tests.support import ROOT, ServerProcess
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    accessibility_violations,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

PLUGIN = ROOT / "tests" / "plugin" / "fabrique_checkin"
# The check-in's own styles (tests/plugin/fabrique_checkin/web/style.css): a word's tint.
WORD_BACKGROUND = "rgb(232, 244, 234)"


def install(target: Path) -> None:
    """What `pip install` leaves in site-packages: the package, and its dist-info declaring the
    entry point."""
    shutil.copytree(PLUGIN, target / "fabrique_checkin")
    info = target / "fabrique_checkin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fabrique-checkin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[fabrique.formats]\ncheckin = fabrique_checkin:FORMAT\n"
    )


@pytest.fixture
async def plugin_server(tmp_path: Path) -> AsyncIterator[ServerProcess]:
    site = tmp_path / "site"
    site.mkdir()
    install(site)
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    process = ServerProcess(tmp_path / "fabrique.sqlite3", env={"PYTHONPATH": path}).start()
    yield process
    process.stop()


async def test_a_plugin_format_runs_with_its_own_screens(
    browser: Browser, plugin_server: ServerProcess
) -> None:
    server = plugin_server
    errors: list[str] = []
    laptop = await browser.new_context(**LAPTOP)
    console = await laptop.new_page()
    watch_console(console, errors)
    response = await console.request.post(
        f"{server.url}/api/sessions",
        data=json.dumps({"title": "Rentrée des bénévoles", "language": "fr"}),
        headers={"Content-Type": "application/json"},
    )
    created = await response.json()
    await console.goto(created["facilitator_url"])

    # The console's generic form offers the plugin and draws its settings.
    await console.get_by_test_id("add-activity-format").select_option("checkin")
    await console.get_by_test_id("add-activity-config-question").fill("Comment arrivez-vous ?")
    await console.get_by_test_id("add-activity-submit").click()
    await expect(console.get_by_test_id("agenda-item")).to_have_count(1)

    room = await laptop.new_page()
    await room.set_viewport_size(PROJECTOR)
    watch_console(room, errors)
    await room.goto(f"{server.url}/s/{created['id']}/room")

    phone_context = await browser.new_context(**PHONE)
    phone = await phone_context.new_page()
    watch_console(phone, errors)
    loaded: list[str] = []
    phone.on("request", lambda r: loaded.append(r.url))
    await phone.goto(f"{server.url}/j/{created['join_code'].replace('-', '')}")
    await phone.get_by_test_id("join-name").fill("Awa")
    await phone.get_by_test_id("join-button").click()

    # Its renderer, with its words: the step's instructions come from the server, the form's
    # label from the plugin's own catalog.
    await expect(phone.get_by_test_id("instructions")).to_contain_text("comment arrivez-vous")
    await expect(phone.get_by_text("Vos mots")).to_be_visible()
    await phone.get_by_test_id("checkin-input").fill("Curieuse")
    await phone.get_by_test_id("checkin-send").click()
    await expect(phone.get_by_test_id("checkin-mine")).to_have_text("Vous avez dit : Curieuse")
    await expect(console.get_by_test_id("checkin-count")).to_contain_text("1 personne a partagé")
    await shoot(phone, "plugin-share-phone")

    # Read: every screen shows the words, in the plugin's styles.
    await console.get_by_test_id("step-next").click()
    for page in (phone, console, room):
        word = page.get_by_test_id("checkin-words").get_by_text("Curieuse")
        await expect(word).to_be_visible()
        await expect(word).to_have_css("background-color", WORD_BACKGROUND)
    await shoot(phone, "plugin-read-phone")
    await shoot(room, "plugin-read-projector")

    # Bundled, the plugin's files have versioned URLs: the page's map says which is which.
    urls = await phone.evaluate(
        "JSON.parse(document.getElementById('fabrique-assets')?.textContent ?? '{}')"
    )
    source = {url: f"/{path}" for path, url in urls.items()}
    loaded = [source.get(urlparse(u).path, u) for u in loaded]
    served = [u for u in loaded if "/formats/checkin/" in u]
    assert any(u.endswith("/formats/checkin/participant.js") for u in served), served
    assert any(u.endswith("/formats/checkin/style.css") for u in served), served
    assert any(u.endswith("/formats/checkin/i18n/fr.json") for u in served), served

    # In English too: the plugin's catalog holds both languages.
    await phone.get_by_test_id("lang-switch").click()
    await expect(phone.get_by_test_id("instructions")).to_contain_text("how the group arrives")

    for page in (console, room, phone):
        assert await accessibility_violations(page) == [], page.url
    assert errors == []
    for context in (laptop, phone_context):
        await context.close()
