"""HTTP routes for the team: a staff link exchanged for a cookie, the console and room pages
(the documents a session leaves are in routes_exports)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from facilitation.types import Role
from server.credentials import (
    STAFF,
    cookie_name,
    presented_key,
    refused,
    room_cookie_name,
    staff_of,
)
from server.replies import runtime_of
from server.shell import CONSOLE, REFUSED, ROOM, Page, shell_page

# Who may open the room screen: the facilitator's and an observer's keys (on their own device),
# and a room screen link (the computer at the projector).
ROOM_SCREEN = (Role.FACILITATOR, Role.OBSERVER, Role.ROOM)


async def facilitate(request: Request) -> Response:
    """Every link the facilitator hands out (their own, a co-facilitator's, scribe's, observer's,
    a room screen's) is exchanged here for an HttpOnly cookie, then opens its page: the console
    for the team, the room screen for a room screen link."""
    runtime = runtime_of(request)
    credential = await runtime.service.authenticate(request.path_params["key"])
    if credential is None or credential.role not in {r.value for r in (*STAFF, Role.ROOM)}:
        refused("a team link", "unknown, revoked or deleted" if credential is None else "a phone's")
        return refused_page(request)
    session_id = credential.session_id
    if credential.role == Role.ROOM.value:
        target, name = f"/s/{session_id}/room", room_cookie_name(session_id)
    else:
        target, name = f"/s/{session_id}/console", cookie_name(session_id)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        name,
        request.path_params["key"],
        max_age=60 * 60 * 24 * 90,
        httponly=True,
        samesite="lax",
        secure=runtime.settings.secure_cookies,
    )
    return response


def refused_page(request: Request) -> HTMLResponse:
    """403 with the page shell: the page says, in the person's language, what this address is
    for and what to do next (js/refused.js reads which page was refused from the address)."""
    return shell_page(runtime_of(request).assets, REFUSED, status_code=403)


async def _staff_page(
    request: Request, shown: Page, roles: tuple[Role, ...], *cookies: str
) -> Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    keys = [presented_key(request, session_id), *(request.cookies.get(c) for c in cookies)]
    for key in keys:
        _, credential = await staff_of(runtime, key, session_id, roles)
        if credential is not None:
            return shell_page(runtime.assets, shown)
    return refused_page(request)


async def console_page(request: Request) -> Response:
    return await _staff_page(request, CONSOLE, STAFF)


async def room_page(request: Request) -> Response:
    session_id = request.path_params["session_id"]
    return await _staff_page(request, ROOM, ROOM_SCREEN, room_cookie_name(session_id))
