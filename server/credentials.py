"""Who is asking, over HTTP: a staff key (facilitator, co-facilitator, scribe, observer) as a
cookie or a bearer token; a room screen link's key as a cookie of its own."""

from __future__ import annotations

import logging
from collections.abc import Collection

from starlette.requests import HTTPConnection

from facilitation.store import Credential
from facilitation.types import Role
from server.context import Runtime

STAFF = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER)

log = logging.getLogger("fabrique.access")


def refused(what: str, why: str) -> None:
    """One log line per credential refused: what was presented and why, never the credential
    itself nor the address it came from (a whole room shares one; a host keeps no IP)."""
    log.warning("refused %s: %s", what, why)


def cookie_name(session_id: str) -> str:
    return f"fabrique_key_{session_id}"


def room_cookie_name(session_id: str) -> str:
    """A room screen link's cookie: opening that link on the facilitator's own laptop (to try
    it) must not replace the facilitator's key there."""
    return f"fabrique_room_{session_id}"


def presented_key(conn: HTTPConnection, session_id: str) -> str | None:
    header = conn.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return conn.cookies.get(cookie_name(session_id))


async def staff_of(
    runtime: Runtime,
    key: str | None,
    session_id: str,
    roles: Collection[Role] = (Role.FACILITATOR,),
) -> tuple[bool, Credential | None]:
    """(a key was presented, the matching credential for this session and roles, or None)."""
    if not key:
        return False, None
    credential = await runtime.service.authenticate(key)
    if credential is None:
        refused("a team key over HTTP", "unknown, revoked or deleted")
        return True, None
    if credential.session_id != session_id:
        refused("a team key over HTTP", "another session's")
        return True, None
    if credential.role not in {r.value for r in roles}:
        refused("a team key over HTTP", f"a {credential.role}'s, not allowed here")
        return True, None
    return True, credential
