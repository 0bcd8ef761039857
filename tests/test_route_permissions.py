"""Every HTTP route and the socket's door, tried with every kind of credential.

The kinds: none; the lead facilitator's key; a co-facilitator's, a scribe's, an observer's and a
room screen's link keys; a participant's token; a revoked link's key; a removed participant's
token; a forgotten participant's token (`participant.forget`: their credential is deleted); and
another session's facilitator key. A person without a phone has no credential of their own:
the scribe types for them over the socket (walked in tests/test_permissions.py).

Each credential is presented as a browser or a script would: as a bearer token (and, for a route
whose address carries the key, in the address). `EXPECTED` below is the whole access map, one
row per route and method: the status each kind gets. A route the server serves that has no row
fails the test, so a new route must come with its row.

A kind not named in a row gets the row's `other` status. Allowed kinds get the status of the
request succeeding (or, for a body the test sends on purpose, of the body being judged: that
status is only reached once the credential has passed).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.routing import Route

from server.routes import ROUTES
from tests.raw_socket import RawSocket
from tests.support import ServerProcess, add_board, create_session

KINDS = (
    "none",
    "facilitator",
    "co_facilitator",
    "scribe",
    "observer",
    "room",
    "participant",
    "revoked",
    "removed",
    "forgotten",
    "other_session",
)
STAFF = ("facilitator", "co_facilitator", "scribe", "observer")
TEAM = ("facilitator", "co_facilitator", "scribe")
LEADS = ("facilitator", "co_facilitator")
# What a credential of this session, alive, is (for the minutes' read-only link).
ALIVE = (*STAFF, "room", "participant")
PUBLIC = dict.fromkeys(KINDS, "same")


@dataclass(frozen=True)
class Row:
    """The status per credential kind: `allowed` kinds get `ok`; "none" gets `none`; the rest
    gets `other`. A public route answers every kind alike (`public`)."""

    ok: int
    allowed: tuple[str, ...] = ()
    none: int = 401
    other: int = 403
    public: bool = False
    body: Any = None
    overrides: dict[str, int] = field(default_factory=dict)

    def expected(self, kind: str) -> int:
        if self.public or kind in self.allowed:
            return self.ok
        if kind in self.overrides:
            return self.overrides[kind]
        return self.none if kind == "none" else self.other


SESSION = "/api/sessions/{session_id}"
EXPORTS = ("minutes.md", "minutes.html", "minutes.pdf", "minutes.odt", "data.csv", "data.json")
NEW_SESSION = {"title": "Atelier", "facilitator_name": "Stéphanie", "language": "fr"}

EXPECTED: dict[tuple[str, str], Row] = {
    ("/healthz", "GET"): Row(200, public=True),
    ("/", "GET"): Row(200, public=True),
    ("/api/sessions", "POST"): Row(201, public=True, body=NEW_SESSION),
    ("/api/formats", "GET"): Row(200, public=True),
    ("/api/templates", "GET"): Row(200, public=True),
    (SESSION, "DELETE"): Row(204, LEADS),
    (SESSION + "/templates", "POST"): Row(201, LEADS, body={"title": "Modèle"}),
    ("/api/join/{code}", "GET"): Row(200, public=True),
    # Joining is for anyone holding the code: a credential changes nothing.
    ("/api/join/{code}", "POST"): Row(201, public=True, body={"name": "Invité"}),
    ("/j/{code}", "GET"): Row(200, public=True),
    ("/j/{code}/qr.svg", "GET"): Row(200, public=True),
    # The key is the address: a team or room screen link, alive, is exchanged for a cookie and
    # opens its own session's page (another session's key opens that other session).
    ("/facilitate/{key}", "GET"): Row(303, (*STAFF, "room", "other_session"), none=403),
    ("/s/{session_id}/console", "GET"): Row(200, STAFF, none=403),
    ("/s/{session_id}/room", "GET"): Row(
        200, ("facilitator", "co_facilitator", "observer", "room"), none=403
    ),
    # An archive that is not one: judged the same for everyone (importing makes a new session).
    ("/api/sessions/import", "POST"): Row(400, public=True, body=b"{}"),
    **{(f"{SESSION}/{name}", "GET"): Row(200, STAFF) for name in EXPORTS},
    (SESSION + "/actions.ics", "GET"): Row(200, STAFF),
    ("/s/{session_id}/minutes", "GET"): Row(200, TEAM, none=403),
    # The minutes are not shared: no key opens them.
    ("/m/{session_id}/{key}", "GET"): Row(404, public=True),
    (SESSION + "/minutes/edit", "GET"): Row(200, TEAM),
    (SESSION + "/minutes/preview", "POST"): Row(200, TEAM, body={"text": "# Compte rendu"}),
    # Any live credential of the session may ask for the minutes' link: none is shared yet.
    (SESSION + "/minutes/link", "GET"): Row(404, ALIVE, none=403),
    (SESSION + "/publishing", "GET"): Row(200, TEAM),
    (SESSION + "/publishing", "PUT"): Row(200, LEADS, body={}),
    # Allowed, and refused for what it asks: nothing is set to publish to.
    (SESSION + "/publish", "POST"): Row(400, TEAM),
}

# Who may open a socket, and as what; everyone else is refused at the door.
SOCKET_ALLOWED = {
    "facilitator": "facilitator",
    "co_facilitator": "facilitator",
    "scribe": "scribe",
    "observer": "observer",
    "room": "room",
    "participant": "participant",
}


def served() -> list[tuple[str, str]]:
    pairs = []
    for route in ROUTES:
        assert isinstance(route, Route)
        for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
            pairs.append((route.path, method))
    return pairs


@dataclass
class World:
    """A session with one credential of each kind."""

    session_id: str
    join_code: str
    keys: dict[str, str]


async def make_world(http: httpx.AsyncClient) -> World:
    session = await create_session(http)
    other = await create_session(http, title="Une autre séance")
    keys = {"facilitator": session.key, "other_session": other.key}
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)  # a template needs an agenda
    link_roles = (
        ("co_facilitator", "co_facilitator"),
        ("scribe", "scribe"),
        ("observer", "observer"),
        ("room", "room_screen"),
        ("revoked", "scribe"),
    )
    for kind, role in link_roles:
        answer = await facilitator.ok("link.create", {"role": role})
        keys[kind] = answer["result"]["url"].rsplit("/", 1)[1]
        if kind == "revoked":
            await facilitator.ok("link.revoke", {"link_id": answer["result"]["link_id"]})
    for kind, name in (("participant", "Awa"), ("removed", "Bilal"), ("forgotten", "Chloé")):
        joined = await http.post(f"/api/join/{session.join_code}", json={"name": name})
        assert joined.status_code == 201, joined.text
        keys[kind] = joined.json()["token"]
        pid = joined.json()["participant_id"]
        if kind == "removed":
            await facilitator.ok("participant.remove", {"participant_id": pid})
        if kind == "forgotten":
            await facilitator.ok("participant.forget", {"participant_id": pid})
    await facilitator.disconnect()
    return World(session.id, session.join_code, keys)


async def call(
    http: httpx.AsyncClient, world: World, path: str, method: str, kind: str, row: Row
) -> httpx.Response:
    key = world.keys.get(kind)
    url = path.format(
        session_id=world.session_id,
        code=world.join_code,
        # A route whose address carries a key: this kind's (none: a key that is no one's).
        key=key or "personne",
    )
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    # Only what this kind presents: no cookie a link handed out earlier in the walk.
    http.cookies.clear()
    if isinstance(row.body, bytes):
        return await http.request(method, url, headers=headers, content=row.body)
    if row.body is not None:
        return await http.request(method, url, headers=headers, json=row.body)
    return await http.request(method, url, headers=headers)


@pytest.fixture
async def own_server(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A server of its own: the walk joins and creates sessions by the dozen from one address,
    which must not count against other tests' limits."""
    process = ServerProcess(tmp_path / "fabrique.sqlite3").start()
    try:
        async with httpx.AsyncClient(base_url=process.url, timeout=30) as client:
            yield client
    finally:
        process.stop()


def test_every_route_has_its_row_in_the_access_map() -> None:
    missing = [pair for pair in served() if pair not in EXPECTED]
    assert not missing, f"add the expected statuses of {missing} to EXPECTED"
    stale = [pair for pair in EXPECTED if pair not in served()]
    assert not stale, f"{stale} are no longer served"


async def test_every_route_answers_each_credential_as_the_access_map_says(
    own_server: httpx.AsyncClient, figure: Any
) -> None:
    http = own_server
    world = await make_world(http)
    violations: list[str] = []
    tried = 0
    # Deleting the session goes last, on worlds of its own for the kinds that may.
    pairs = sorted(served(), key=lambda pair: pair[1] == "DELETE")
    for path, method in pairs:
        row = EXPECTED[(path, method)]
        for kind in KINDS:
            target = world
            if method == "DELETE" and row.expected(kind) < 400:
                target = await make_world(http)
            response = await call(http, target, path, method, kind, row)
            tried += 1
            if response.status_code != row.expected(kind):
                violations.append(
                    f"{method} {path} as {kind}: {response.status_code}, "
                    f"expected {row.expected(kind)}: {response.text[:200]}"
                )
    for kind in KINDS:
        # After all that, the socket's door: who may connect, as what.
        key = world.keys.get(kind)
        if kind in ("participant", "removed", "forgotten"):
            auth: dict[str, Any] = {"token": key}
        else:
            auth = {"session_id": world.session_id, "key": key}
            if kind == "room":
                auth["screen"] = "room"
        if kind == "none":
            auth = {"session_id": world.session_id}
        screen = await RawSocket(str(http.base_url).rstrip("/")).open(auth)
        tried += 1
        answer = screen.connect_answer
        if kind in SOCKET_ALLOWED:
            if "error" in answer:
                violations.append(f"socket as {kind}: refused {answer}")
            else:
                await screen.until(lambda s=screen: bool(s.received("view")))
                role = screen.received("view")[-1].get("role")
                if role != SOCKET_ALLOWED[kind]:
                    violations.append(f"socket as {kind}: seen as {role}")
        elif "error" not in answer:
            violations.append(f"socket as {kind}: let in {answer}")
        await screen.close()
    figure(
        "nobody acts beyond their role: HTTP routes and socket",
        pairs=tried,
        violations=len(violations),
    )
    assert not violations, "\n".join(violations)
