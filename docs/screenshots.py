"""The facilitator guide's pictures, taken from the real app.

A server of its own, a session that plays every format (tests/tour.py), and Debian's Chromium,
headless.

    .venv/bin/python docs/screenshots.py            # French and English
    .venv/bin/python docs/screenshots.py --lang en  # one language
    make guide-screens

Writes docs/img/fr/ and docs/img/en/: phone pictures at 360×640, console at 1366×768, room
screen at 1920×1080. A picture whose feature this version of the app lacks is not taken: the
script says which, and goes on.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from playwright.async_api import Browser, Page, ViewportSize, async_playwright, expect
from playwright.async_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.offline import CHROMIUM_LAUNCH  # noqa: E402
from tests.support import ServerProcess, caught_up, create_session  # noqa: E402
from tests.tour import FORMATS, Stop, Tour, screens_at  # noqa: E402

OUT = ROOT / "docs" / "img"
PHONE: ViewportSize = {"width": 360, "height": 640}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
PROJECTOR: ViewportSize = {"width": 1920, "height": 1080}
# Per format: the step at which the phone and the console are shown (people contribute), and
# the one at which the room screen is (results).
CONTRIBUTE = {
    "board": "write",
    "accelerator": "exchanges",
    "cartography": "inventory",
    "consent": "objections",
    "review": "priorities",
}
RESULTS = {
    "board": "results",
    "accelerator": "synthesis",
    "cartography": "map",
    "consent": "decision",
    "review": "commitments",
}
INSTRUCTIONS = "section.current [data-testid=instructions]"
LAN = "http://192.168.1.20:8000"
# A state not reached in this time means the feature is not in this version of the app.
MISSING_AFTER_MS = 5_000


class Album:
    """The pictures of one language: written, optimised, and the list of those not taken."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.folder = OUT / lang
        self.folder.mkdir(parents=True, exist_ok=True)
        self.taken: list[str] = []
        self.missing: list[tuple[str, str]] = []

    async def shoot(self, page: Page, name: str, scroll_to: str = "") -> None:
        """The page from its top, or from the element `scroll_to` selects (the console's
        current step under its header, say)."""
        path = self.folder / f"{name}.png"
        if scroll_to:
            await page.locator(scroll_to).first.evaluate(
                "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 100)"
            )
        else:
            await page.evaluate("window.scrollTo(0, 0)")
        await page.screenshot(path=path)
        shrink(path)
        self.taken.append(name)
        print(f"  {self.lang}/{name}.png  {path.stat().st_size // 1024} KB")

    async def attempt(self, name: str, take: Callable[[], Awaitable[None]]) -> None:
        """Take a picture that needs a feature the app may not have yet."""
        try:
            await take()
        except (AssertionError, PlaywrightError) as error:
            why = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            kept = " (the older picture stays)" if (self.folder / f"{name}.png").exists() else ""
            self.missing.append((name, f"{why}{kept}"))
            print(f"  {self.lang}/{name}.png  NOT TAKEN: {why}{kept}")


def shrink(path: Path) -> None:
    """A screenshot in 256 colours: the screens are flat colours and text, and the guide's
    pictures stay small. Left as it is without Pillow."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


async def present(page: Page, test_id: str) -> None:
    """Fails (AssertionError) when this version of the app has no such control."""
    try:
        await expect(page.get_by_test_id(test_id).first).to_be_visible(timeout=MISSING_AFTER_MS)
    except AssertionError:
        raise AssertionError(f"no `{test_id}` on this screen") from None


async def pictures(browser: Browser, server: ServerProcess, lang: str) -> Album:
    album = Album(lang)
    # Each screen opens in the guide's language, as after a tap on the language switch.
    chosen = f"localStorage.setItem('fabrique.lang', '{lang}')"
    laptop = await browser.new_context(viewport=LAPTOP)
    await laptop.add_init_script(chosen)
    phones = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    await phones.add_init_script(chosen)
    console, room, phone = await laptop.new_page(), await laptop.new_page(), await phones.new_page()
    await room.set_viewport_size(PROJECTOR)
    title = {
        "fr": "Cluster 05 : mieux communiquer dans l'ESS",
        "en": "Cluster 05: communicating better in the social economy",
    }[lang]

    await console.goto(f"{server.url}/")
    await console.get_by_test_id("create-title").fill(title)
    await console.get_by_test_id("create-facilitator").fill("Stéphanie")
    await album.shoot(console, "home")

    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        session = await create_session(http, title=title, language=lang)
        # The server answers on loopback; its links name the LAN address.
        await console.goto(session.facilitator_url.replace(LAN, server.url))
        await expect(console.get_by_test_id("join-code")).to_be_visible()
        await room.goto(f"{server.url}/s/{session.id}/room")
        await expect(room.get_by_test_id("room-lobby")).to_be_visible()

        await phone.goto(f"{server.url}/j/{session.join_code.replace('-', '')}")
        await phone.get_by_test_id("join-name").fill("Camille")
        await album.shoot(phone, "phone-join")
        await phone.get_by_test_id("join-button").click()
        status = phone.get_by_test_id("connection-status")
        await expect(status).to_have_attribute("data-state", "connected")

        tour = await Tour.start(http, session, lang)
        # Jo has no phone: the facilitator enters for him.
        answer = await tour.facilitator.ok("participant.add", {"name": "Jo"})
        await caught_up(answer["seq"], tour.facilitator)
        count = room.get_by_test_id("room-participant-count")
        try:
            # The phones here (Jo has none).
            await expect(count).to_have_attribute("data-count", str(len(tour.phones) + 1))
            await album.shoot(room, "room-lobby")
            await album.shoot(phone, "phone-waiting")

            await tour.add(*FORMATS)
            pages = {"phone": phone, "console": console, "room": room}
            for name in FORMATS:
                async for stop in tour.run(name):
                    await screens_at(pages, stop, lang)
                    await at_stop(album, pages, stop)
        finally:
            await tour.stop()
    await laptop.close()
    await phones.close()
    return album


async def at_stop(album: Album, pages: dict[str, Page], stop: Stop) -> None:
    phone, console, room = pages["phone"], pages["console"], pages["room"]
    if stop.format == "board" and stop.step == "write":
        # The display menu by a step's instructions, and their read-aloud button.
        await album.attempt("phone-settings", lambda: phone_settings(album, phone))
        note = {"fr": "Des rencontres entre bénévoles", "en": "Meetings between volunteers"}
        await phone.get_by_test_id("note-text").fill(note[album.lang])
        await phone.get_by_test_id("add-note").click()
        await expect(phone.get_by_test_id("connection-status")).to_have_attribute(
            "data-pending", "0"
        )
        await expect(console.get_by_test_id("console-note-count")).to_contain_text("6")
        await album.shoot(console, "console", scroll_to="section.current")
        await album.attempt("console-proxy", lambda: console_proxy(album, console))
        await album.attempt("console-room-link", lambda: console_room_link(album, console))
    if stop.step == CONTRIBUTE[stop.format]:
        await album.shoot(phone, f"{stop.format}-phone")
        # The step's instructions and the format's own area, under the sticky step controls.
        await album.shoot(console, f"{stop.format}-console", scroll_to=INSTRUCTIONS)
    if stop.step == RESULTS[stop.format]:
        await album.shoot(room, f"{stop.format}-room")
    if stop.format == "board" and stop.step == "write":
        # Last: the phone goes offline for a moment and keeps its note.
        await phone_offline(album, phone)
    if stop.format == "cartography" and stop.step == "map":
        await album.attempt("room-contrast", lambda: room_contrast(album, console, room))


async def phone_settings(album: Album, phone: Page) -> None:
    await present(phone, "settings-open")
    await phone.get_by_test_id("settings-open").click()
    await present(phone, "setting-text-size")
    await album.shoot(phone, "phone-settings")
    await phone.keyboard.press("Escape")
    if await phone.get_by_test_id("setting-text-size").is_visible():
        await phone.get_by_test_id("settings-open").click()


async def console_proxy(album: Album, console: Page) -> None:
    await present(console, "proxy-open")
    await console.get_by_test_id("proxy-open").click()
    select = console.get_by_test_id("proxy-select")
    await expect(select).to_be_visible()
    await select.select_option(label="Jo")
    await console.get_by_test_id("proxy-begin").click()
    await expect(console.get_by_test_id("proxy-area")).to_be_visible()
    note = {"fr": "Un tableau d'affichage à l'accueil", "en": "A notice board at the entrance"}
    await console.get_by_test_id("proxy-area").get_by_test_id("note-text").fill(note[album.lang])
    await album.shoot(console, "console-proxy", scroll_to="[data-testid=proxy-banner]")
    await console.get_by_test_id("proxy-stop").click()
    await expect(console.get_by_test_id("proxy-area")).to_have_count(0)


async def console_room_link(album: Album, console: Page) -> None:
    await present(console, "room-link-open")
    await console.get_by_test_id("room-link-open").click()
    dialog = console.get_by_test_id("team-dialog")
    await expect(dialog).to_have_attribute("data-kind", "room")
    label = {"fr": "Vidéoprojecteur de la salle", "en": "Projector in the hall"}
    await dialog.get_by_test_id("team-label").fill(label[album.lang])
    await dialog.get_by_test_id("team-create").click()
    await expect(dialog.get_by_test_id("team-link")).to_have_count(1)
    await album.shoot(console, "console-room-link")
    await dialog.get_by_test_id("team-close").click()
    await expect(dialog).to_have_count(0)


async def phone_offline(album: Album, phone: Page) -> None:
    status = phone.get_by_test_id("connection-status")
    await phone.context.set_offline(True)
    note = {"fr": "Écrit dans le train", "en": "Written on the train"}
    await phone.get_by_test_id("note-text").fill(note[album.lang])
    await phone.get_by_test_id("add-note").click()
    await expect(status).to_have_attribute("data-state", "offline", timeout=20_000)
    await expect(status).to_have_attribute("data-pending", "1")
    await album.shoot(phone, "phone-offline")
    await phone.context.set_offline(False)
    await expect(status).to_have_attribute("data-state", "connected", timeout=20_000)
    await expect(status).to_have_attribute("data-pending", "0")


async def room_contrast(album: Album, console: Page, room: Page) -> None:
    await present(console, "screen-contrast")
    control = console.get_by_test_id("screen-contrast")
    await control.click()
    await expect(control).to_have_attribute("aria-pressed", "true")
    await expect(room.locator("html")).to_have_attribute("data-contrast", "on")
    await album.shoot(room, "room-contrast")
    await control.click()
    await expect(control).to_have_attribute("aria-pressed", "false")


async def main(langs: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        # The QR code and the link say what a laptop on a local network would.
        server = ServerProcess(Path(folder) / "fabrique.sqlite3", env={"PUBLIC_URL": LAN}).start()
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(**CHROMIUM_LAUNCH)
                albums = []
                for lang in langs:
                    print(f"docs/img/{lang}/")
                    albums.append(await pictures(browser, server, lang))
                await browser.close()
        finally:
            server.stop()
    total = sum(p.stat().st_size for lang in langs for p in (OUT / lang).glob("*.png"))
    print(f"{sum(len(a.taken) for a in albums)} pictures, {total // 1024} KB in docs/img/")
    for album in albums:
        for name, why in album.missing:
            print(f"not taken: {album.lang}/{name}.png ({why}); run again once the app has it")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fr", "en"), help="one language (default: both)")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main([arguments.lang] if arguments.lang else ["fr", "en"])))
