"""docs/protocol.md is the contract: everything a client can send or receive has a section there.

Each name is looked up as a heading of the form "### `name`" (for routes "### `GET /path`", with
the same {param} names), and every such heading must name something that exists, so the doc can
neither lag behind the code nor keep describing what is gone.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from starlette.routing import Mount, Route

from facilitation.engine import ENGINE_COMMANDS, ENGINE_EVENTS
from facilitation.registry import builtin_registry, folder_of
from server import fanout, sockets
from server.app import build_app
from server.context import Runtime
from server.routes import ROUTES
from server.settings import Settings
from server.sockets import Sockets

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "protocol.md"
HEADING = re.compile(r"^#{1,6} `([^`]+)`\s*$", re.MULTILINE)
SETTINGS = Settings(host="127.0.0.1")  # no LAN address lookup
# Socket.IO's own event, with no payload of ours: nothing to document.
RESERVED = {"disconnect"}


def documented() -> list[str]:
    """Headings of docs/protocol.md and of each format's own page, `protocol.md` in its folder."""
    pages = [DOC, *(folder_of(fmt) / "protocol.md" for fmt in builtin_registry())]
    return [name for page in pages for name in HEADING.findall(page.read_text(encoding="utf-8"))]


def command_types() -> set[str]:
    types = set(ENGINE_COMMANDS)
    for fmt in builtin_registry():
        types |= set(fmt.commands)
    return types


def event_types() -> set[str]:
    types = set(ENGINE_EVENTS)
    for fmt in builtin_registry():
        types |= set(fmt.events)
    return types


def socket_events() -> set[str]:
    """Events the server handles (read from the live AsyncServer) and emits (read in its source)."""
    runtime = Runtime(settings=SETTINGS, registry=builtin_registry(), base_url="http://x")
    server = Sockets(runtime)
    handled = set(server.sio.handlers["/"])
    source = "".join(
        Path(module.__file__ or "").read_text(encoding="utf-8") for module in (sockets, fanout)
    )
    # The fan-out sends through its own methods (`_emit`, `_send`, `_whole(sid, …)`).
    emitted = set(
        re.findall(r"""\b_?(?:emit|send|whole)\(\s*(?:sid,\s*)?["']([^"']+)["']""", source)
    )
    assert handled and emitted, "no Socket.IO event found: the lookup is broken"
    return (handled | emitted) - RESERVED


def route_headings() -> set[str]:
    """`METHOD /path` for every route, and `GET /prefix/{path}` for every static mount."""
    headings = set()
    for route in ROUTES:
        assert isinstance(route, Route)
        path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)  # {name:converter} → {name}
        for method in route.methods or {"GET"}:
            if method != "HEAD":  # Starlette answers HEAD wherever GET is: not a route of ours
                headings.add(f"{method} {path}")
    app = build_app(SETTINGS, builtin_registry())
    while not hasattr(app, "other_asgi_app"):  # through the wrappers around the Socket.IO app
        app = app.app
    app = app.other_asgi_app
    mounts = [route for route in app.routes if isinstance(route, Mount)]
    assert mounts, "no static mount found: the lookup is broken"
    for mount in mounts:
        prefix = mount.path.strip("/").split("/")[0]
        headings.add(f"GET /{prefix}/{{path}}")
    return headings


def everything() -> dict[str, set[str]]:
    return {
        "command type": command_types(),
        "event type": event_types(),
        "Socket.IO event": socket_events(),
        "HTTP route": route_headings(),
    }


def test_everything_a_client_meets_has_a_section() -> None:
    headings = set(documented())
    missing = [
        f"{kind} {name!r}: add a heading ### `{name}`"
        for kind, names in everything().items()
        for name in sorted(names - headings)
    ]
    assert not missing, "docs/protocol.md lacks:\n" + "\n".join(missing)


def test_every_section_names_something_that_exists() -> None:
    known = set().union(*everything().values())
    stale = sorted(set(documented()) - known)
    assert not stale, f"docs/protocol.md documents what the code does not have: {stale}"


def test_each_name_has_one_section() -> None:
    twice = sorted(name for name, count in Counter(documented()).items() if count > 1)
    assert not twice, f"docs/protocol.md has two sections for {twice}"


def test_the_lookup_finds_the_known_names() -> None:
    """Guards the test itself: if a lookup silently found nothing, the checks above would pass."""
    names = everything()
    assert {"step.next", "board.add_note"} <= names["command type"]
    assert {"session.created", "board.note_added"} <= names["event type"]
    assert {"connect", "command", "view", "private"} <= names["Socket.IO event"]
    assert {"POST /api/sessions", "GET /api/join/{code}", "GET /static/{path}"} <= names[
        "HTTP route"
    ]
    assert len(documented()) > 40


def activity_fields() -> set[str]:
    """`activity.X` for each key of the `activity` object in docs/protocol.md's view example."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split('  "activity": {', 1)[1].split("\n  },", 1)[0]
    return {f"activity.{key}" for key in re.findall(r'^    "(\w+)":', block, re.MULTILINE)}


def test_a_format_page_names_only_commands_and_events_that_exist() -> None:
    """A format's page that names `participant.assign_role` or `step.skip` in its text must name
    the engine's real command (or event, or a field of the activity's view)."""
    known = command_types() | event_types() | socket_events() | activity_fields()
    spaces = {name.partition(".")[0] for name in command_types() | event_types()}
    assert {"activity.can", "activity.view"} <= activity_fields()
    wrong = [
        f"{fmt.name}: `{name}`"
        for fmt in builtin_registry()
        for name in re.findall(
            r"`([a-z_]+\.[a-z_]+)`", (folder_of(fmt) / "protocol.md").read_text(encoding="utf-8")
        )
        if name.partition(".")[0] in spaces and name not in known
    ]
    assert not wrong, f"format pages name what the engine does not have: {wrong}"
