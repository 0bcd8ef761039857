"""HTTP routes for the team: a staff link exchanged for a cookie, the console and room pages,
the minutes."""

from __future__ import annotations

import re
import unicodedata

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from exports.html import minutes_html
from exports.minutes import compose_minutes
from facilitation.messages import language
from facilitation.types import Role
from server.credentials import STAFF, cookie_name, presented_key, staff_of
from server.replies import error, runtime_of
from server.shell import CONSOLE, ROOM, Page, shell_page


async def facilitate(request: Request) -> Response:
    """Every staff link (facilitator, co-facilitator, scribe, observer) is exchanged here for an
    HttpOnly cookie; the console then shows each role what it may do."""
    runtime = runtime_of(request)
    credential = await runtime.service.authenticate(request.path_params["key"])
    if credential is None or credential.role not in {r.value for r in STAFF}:
        return forbidden_page()
    response = RedirectResponse(f"/s/{credential.session_id}/console", status_code=303)
    response.set_cookie(
        cookie_name(credential.session_id),
        request.path_params["key"],
        max_age=60 * 60 * 24 * 90,
        httponly=True,
        samesite="lax",
        secure=runtime.settings.secure_cookies,
    )
    return response


def forbidden_page() -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang=fr><meta charset=utf-8><title>Fabrique</title>"
        "<main style='font:1.2rem system-ui;max-width:40rem;margin:3rem auto'>"
        "<h1>Accès réservé à l'animation</h1>"
        "<p>Ouvrez à nouveau le lien d'animation reçu à la création de la séance.</p>"
        "<p lang=en>Facilitators only: open the facilitator link again.</p></main>",
        status_code=403,
    )


async def _staff_page(request: Request, shown: Page, roles: tuple[Role, ...]) -> Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    _, credential = await staff_of(runtime, presented_key(request, session_id), session_id, roles)
    if credential is None:
        return forbidden_page()
    return shell_page(runtime.settings.frontend_dir, shown)


async def console_page(request: Request) -> Response:
    return await _staff_page(request, CONSOLE, STAFF)


async def room_page(request: Request) -> Response:
    return await _staff_page(request, ROOM, (Role.FACILITATOR, Role.OBSERVER))


async def _minutes_text(request: Request) -> tuple[str, str, str] | Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    presented, credential = await staff_of(
        runtime, presented_key(request, session_id), session_id, STAFF
    )
    if not presented:
        return error(401, "unauthorized")
    if credential is None:
        return error(403, "forbidden")
    state = await runtime.service.state(session_id)
    lang = language(request.query_params.get("lang") or state.language)
    return compose_minutes(state, runtime.registry, lang), state.title, lang


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "seance"


async def minutes_md(request: Request) -> Response:
    found = await _minutes_text(request)
    if isinstance(found, Response):
        return found
    text, title, lang = found
    state = await runtime_of(request).service.state(request.path_params["session_id"])
    prefix = "compte-rendu" if lang == "fr" else "minutes"
    filename = f"{prefix}-{state.created_at[:10]}-{_slug(title)}.md"
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def minutes_page(request: Request) -> Response:
    found = await _minutes_text(request)
    if isinstance(found, Response):
        return found
    text, title, lang = found
    return HTMLResponse(minutes_html(text, title, lang))
