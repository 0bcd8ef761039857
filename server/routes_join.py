"""HTTP routes for phones: look a join code up, join a session, the QR code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from facilitation.service import normalise_code
from facilitation.types import Rejected
from server.context import JOINS_PER_ADDRESS
from server.credentials import refused
from server.join_codes import TooManyWaiting
from server.replies import client_address, error, json_body, runtime_of


async def _session_for(request: Request) -> tuple[str | None, Response | None]:
    """The session a join code names. Wrong codes slow their address down, never lock it out:
    see server/join_codes.py."""
    runtime = runtime_of(request)
    guard = runtime.join_codes
    code = normalise_code(request.path_params["code"])
    if not guard.may_match(code):
        refused("a join code", "not a code")
        return None, error(404, "unknown_code")
    address = client_address(request)
    try:
        await guard.wait_turn(address)
    except TooManyWaiting:
        return None, error(429, "rate_limited")
    session_id = None
    try:
        session_id = await runtime.service.store.session_for_code(code)
    finally:
        guard.looked_up(address, found=session_id is not None)
    if session_id is None:
        refused("a join code", "no such session")
        return None, error(404, "unknown_code")
    return session_id, None


async def look_up_code(request: Request) -> Response:
    session_id, failure = await _session_for(request)
    if failure is not None:
        return failure
    assert session_id is not None
    state = await runtime_of(request).service.state(session_id)
    current = state.current
    # A closed session says so before a newcomer types anything. The open activity's format lets
    # the page fetch its screens while the person types their name (a slow link's round trips).
    return JSONResponse(
        {
            "session_id": session_id,
            "title": state.title,
            "language": state.language,
            "joining_locked": state.joining_locked,
            "format": current.format if current is not None else None,
        }
    )


async def join(request: Request) -> Response:
    runtime = runtime_of(request)
    if not runtime.limiter.hit(JOINS_PER_ADDRESS, "join", client_address(request)):
        return error(429, "rate_limited")
    session_id, failure = await _session_for(request)
    if failure is not None:
        return failure
    assert session_id is not None
    data = await json_body(request)
    if data is None:
        return error(400, "invalid_payload", field="body")
    try:
        joined = await runtime.service.join(session_id, data.get("name", ""), data.get("remote"))
    except Rejected as rejected:
        state = await runtime.service.state(session_id)
        status = {"joining_locked": 403, "storage_full": 503, "storage_busy": 503}.get(
            rejected.code, 400
        )
        return error(status, rejected.code, state.language, **rejected.params)
    return JSONResponse(
        {
            "session_id": session_id,
            "participant_id": joined.participant_id,
            "token": joined.token,
            "name": joined.name,
        },
        status_code=201,
    )


async def qr_svg(request: Request) -> Response:
    session_id, failure = await _session_for(request)
    if failure is not None:
        return failure
    assert session_id is not None
    state = await runtime_of(request).service.state(session_id)
    image = qrcode.make(
        runtime_of(request).join_url(state.join_code),
        image_factory=qrcode.image.svg.SvgPathImage,
        border=2,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return Response(
        buffer.getvalue(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )
