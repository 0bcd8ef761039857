"""The one page shell: every page is frontend/shell.html (its one import map included) with the
page's title, body class, stylesheets and entry module filled in. When the screens are bundled
(server/assets.py) these are the versioned files, and the page carries the map from source paths
to versioned URLs that `js/assets.js` reads."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.responses import HTMLResponse

if TYPE_CHECKING:
    from server.assets import Assets

SHELL = "shell.html"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Every page starts with these (frontend/css/): the layer order, the tokens and the components.
BASE_STYLESHEETS = ("base.css", "display.css", "components.css")
# What the session's screens share (timer, a step's head, ranked lists), after the base.
SESSION = "session.css"


@dataclass(frozen=True)
class Page:
    title: str
    # The <body> class the page's stylesheet keys on.
    body_class: str
    # The page's module, under /static/js/.
    entry: str
    # The page's own stylesheets, under /static/css/, after the base ones. A format's styles are
    # added by the page itself when an activity of that format opens.
    stylesheets: tuple[str, ...]
    # Search engines may list it: only the home page (the others hold sessions).
    listed: bool = False


HOME = Page("Fabrique", "page-home", "home.js", ("home.css",), listed=True)
PARTICIPANT = Page(
    "Fabrique · Séance", "page-participant", "participant.js", (SESSION, "phone.css")
)
CONSOLE = Page(
    "Fabrique · Console d’animation",
    "page-console",
    "console.js",
    (SESSION, "console.css", "console-centre.css", "console-phone.css", "console-side.css"),
)
ROOM = Page(
    "Fabrique · Écran de salle", "page-room", "room.js", (SESSION, "room.css", "room-screens.css")
)
# The minutes' editor: summary, corrections with a live preview, sharing and publishing.
MINUTES = Page(
    "Fabrique · Compte-rendu", "page-minutes", "minutes-editor.js", ("console.css", "minutes.css")
)
# A staff page or link refused (403): what it is for and what to do, in the person's language.
REFUSED = Page("Fabrique · Accès refusé", "page-refused", "refused.js", ("refused.css",))


PAGES = (HOME, PARTICIPANT, CONSOLE, ROOM, MINUTES, REFUSED)
IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.DOTALL)


def import_map(frontend_dir: Path, vendor_dir: Path) -> dict[str, str]:
    """The shell's import map with its URLs turned into the files the server serves there."""
    found = IMPORT_MAP.search((frontend_dir / SHELL).read_text(encoding="utf-8"))
    imports: dict[str, str] = json.loads(found.group(1))["imports"] if found else {}
    folders = {"/static/": frontend_dir, "/vendor/": vendor_dir}
    files = {}
    for name, url in imports.items():
        for prefix, folder in folders.items():
            if url.startswith(prefix):
                path = str(folder / url.removeprefix(prefix))
                files[name] = path + "/" if url.endswith("/") else path
    return files


def shell_page(assets: Assets, page: Page, status_code: int = 200) -> HTMLResponse:
    """The shell filled in for `page`; every value is escaped."""
    files = assets.page(page.entry, page.stylesheets)
    links = "\n".join(
        f'    <link rel="stylesheet" href="{escape(href)}" />' for href in files.stylesheets
    )
    preload = "\n".join(
        f'    <link rel="modulepreload" href="{escape(href)}" />'
        for href in (files.entry, *files.preload)
    )
    urls = _json(assets.urls)
    # Every page reads the shared catalogs as soon as its script runs: asked for with the script.
    catalogs = [url for path, url in assets.urls.items() if path.startswith("static/i18n/")]
    preload += "".join(
        f'\n    <link rel="preload" as="fetch" crossorigin="anonymous" href="{escape(href)}" />'
        for href in catalogs
    )
    values = {
        "title": escape(page.title),
        "body_class": escape(page.body_class),
        "entry": escape(files.entry),
        "robots": "all" if page.listed else "noindex",
        "stylesheets": links,
        "preload": preload,
        "assets": (
            f'    <script type="application/json" id="fabrique-assets">{urls}</script>\n'
            f'    <script type="application/json" id="fabrique-preload">{_json(assets.preloads)}'
            "</script>"
            if assets.urls
            else ""
        ),
    }
    shell = (assets.frontend_dir / SHELL).read_text(encoding="utf-8")
    # Asked again at each visit (a 200 of a few kilobytes): it names the current versions.
    headers = {"Cache-Control": "no-cache"}
    return HTMLResponse(PLACEHOLDER.sub(lambda m: values[m.group(1)], shell), status_code, headers)


def _json(value: object) -> str:
    """JSON that cannot end the <script> element it is written in."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")
