"""Who is asking, over HTTP: the facilitator key as a cookie or a bearer token."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from facilitation.store import Credential
from facilitation.types import Role
from server.context import Runtime


def cookie_name(session_id: str) -> str:
    return f"fabrique_key_{session_id}"


def presented_key(conn: HTTPConnection, session_id: str) -> str | None:
    header = conn.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return conn.cookies.get(cookie_name(session_id))


async def facilitator_of(
    runtime: Runtime, key: str | None, session_id: str
) -> tuple[bool, Credential | None]:
    """(a key was presented, the matching facilitator credential for this session or None)."""
    if not key:
        return False, None
    credential = await runtime.service.authenticate(key)
    if credential is None or credential.session_id != session_id:
        return True, None
    if credential.role != Role.FACILITATOR.value:
        return True, None
    return True, credential
