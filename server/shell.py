"""The one page shell: every page is frontend/shell.html (its one import map included) with the
page's title, body class, stylesheets and entry module filled in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from starlette.responses import HTMLResponse

SHELL = "shell.html"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Every page starts with these (frontend/css/): the layer order, the tokens and the components.
BASE_STYLESHEETS = ("base.css", "components.css")
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


def shell_page(frontend_dir: Path, page: Page, status_code: int = 200) -> HTMLResponse:
    """The shell filled in for `page`; every value is escaped."""
    links = "\n".join(
        f'    <link rel="stylesheet" href="/static/css/{escape(name)}" />'
        for name in (*BASE_STYLESHEETS, *page.stylesheets)
    )
    values = {
        "title": escape(page.title),
        "body_class": escape(page.body_class),
        "entry": escape(f"/static/js/{page.entry}"),
        "robots": "all" if page.listed else "noindex",
        "stylesheets": links,
    }
    shell = (frontend_dir / SHELL).read_text(encoding="utf-8")
    return HTMLResponse(PLACEHOLDER.sub(lambda m: values[m.group(1)], shell), status_code)
