"""Who is asking, over HTTP: a staff key (facilitator, co-facilitator, scribe, observer) as a
cookie or a bearer token; a room screen link's key as a cookie of its own."""

from __future__ import annotations

from collections.abc import Collection

from starlette.requests import HTTPConnection

from facilitation.store import Credential
from facilitation.types import Role
from server.context import Runtime

STAFF = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER)


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
    if credential is None or credential.session_id != session_id:
        return True, None
    if credential.role not in {r.value for r in roles}:
        return True, None
    return True, credential
