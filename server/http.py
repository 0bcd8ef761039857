"""HTTP routes: create and join sessions, pages, QR codes, minutes, health. Transport only."""

from __future__ import annotations

import io
import json
import re
import secrets
import unicodedata
from typing import Any

import qrcode
import qrcode.image.svg
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from exports.html import minutes_html
from exports.minutes import compose_minutes
from facilitation import payloads
from facilitation.messages import ENGINE, language, translate
from facilitation.service import format_code, normalise_code
from facilitation.session import TITLE_MAX
from facilitation.store import Template
from facilitation.templates import agenda_of, localised
from facilitation.types import Actor, Rejected, Role
from formats.templates import BUILTIN_TEMPLATES
from server.context import FAILED_CODES_PER_ADDRESS, JOINS_PER_ADDRESS, Runtime
from server.credentials import STAFF, cookie_name, presented_key, staff_of
from server.shell import CONSOLE, HOME, PARTICIPANT, ROOM, Page, shell_page

MAX_BODY = 16 * 1024


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def error(status: int, code: str, lang: str = "fr", **params: Any) -> JSONResponse:
    message = translate(ENGINE, f"error.{code}", lang, **params)
    body: dict[str, Any] = {"code": code, "message": message}
    if "field" in params:
        body["field"] = params["field"]
    return JSONResponse({"error": body}, status_code=status)


async def json_body(request: Request) -> dict[str, Any] | None:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return None
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# -- sessions -------------------------------------------------------------------------------


async def create_session(request: Request) -> Response:
    runtime = runtime_of(request)
    data = await json_body(request)
    if data is None:
        return error(400, "invalid_payload", field="body")
    lang = language(data.get("language"))
    passphrase = runtime.settings.organiser_passphrase
    if passphrase:
        given = data.get("passphrase") or request.headers.get("x-organiser-passphrase", "")
        if given != passphrase:
            return error(403, "passphrase_required", lang)
    agenda: list[dict[str, Any]] = []
    if data.get("template") is not None:
        found = await _template(runtime, data.get("template"), lang)
        if found is None:
            return error(404, "unknown_template", lang)
        agenda = found["activities"]
    try:
        new = await runtime.service.create_session(
            data.get("title"), data.get("facilitator_name", ""), data.get("language", "fr")
        )
        for item in agenda:
            # Through the ordinary command: settings are checked as if typed in the console.
            payload = {k: v for k, v in item.items() if v is not None}
            await runtime.service.dispatch(
                new.id,
                Actor(Role.FACILITATOR),
                "session.add_activity",
                payload,
                undoable=False,
            )
    except Rejected as rejected:
        return error(400, rejected.code, lang, **rejected.params)
    base = runtime.base_url
    return JSONResponse(
        {
            "id": new.id,
            "join_code": format_code(new.join_code),
            "join_url": runtime.join_url(new.join_code),
            "facilitator_url": f"{base}/facilitate/{new.key}",
            "console_url": f"{base}/s/{new.id}/console",
            "room_url": f"{base}/s/{new.id}/room",
        },
        status_code=201,
    )


async def list_formats(request: Request) -> Response:
    runtime = runtime_of(request)
    lang = language(request.query_params.get("lang"))
    formats = []
    for fmt in runtime.registry:

        def t(key: str, fmt: Any = fmt) -> str:
            return translate(fmt.messages, key, lang)

        formats.append(
            {
                "name": fmt.name,
                "anonymity": fmt.anonymity,
                "roles": [{"name": r, "title": t(f"role.{r}")} for r in fmt.roles],
                "title": t("title"),
                "description": t("description"),
                "steps": [
                    {"key": s.key, "title": t(f"step.{s.key}"), "minutes": s.minutes}
                    for s in fmt.steps
                ],
                "config": [
                    {
                        "key": f.key,
                        "type": f.type,
                        "label": t(f"config.{f.key}"),
                        "required": f.required,
                        **({"default": f.default} if f.default is not None else {}),
                        **({"max_length": f.max_length} if f.type in ("text", "lines") else {}),
                        **({"max_items": f.max_items} if f.type == "lines" else {}),
                        **({"min": f.min, "max": f.max} if f.type == "int" else {}),
                    }
                    for f in fmt.config_fields
                ],
            }
        )
    return JSONResponse(formats)


# -- templates ------------------------------------------------------------------------------


async def _template(runtime: Runtime, template_id: Any, lang: str) -> dict[str, Any] | None:
    if not isinstance(template_id, str) or len(template_id) > 40:
        return None
    for builtin in BUILTIN_TEMPLATES:
        if builtin["id"] == template_id:
            return {**builtin, "activities": localised(builtin["activities"], lang)}
    for saved in await runtime.service.store.list_templates():
        if saved.id == template_id:
            return {"id": saved.id, "title": saved.title, "activities": saved.activities}
    return None


def _passphrase_ok(request: Request, runtime: Runtime) -> bool:
    passphrase = runtime.settings.organiser_passphrase
    return not passphrase or request.headers.get("x-organiser-passphrase", "") == passphrase


async def list_templates(request: Request) -> Response:
    """Built-in templates, then saved ones (newest first). Saved agendas may say what a group
    works on: behind the organiser passphrase when the server has one."""
    runtime = runtime_of(request)
    lang = language(request.query_params.get("lang"))
    found: list[dict[str, Any]] = []
    for builtin in BUILTIN_TEMPLATES:
        activities = localised(builtin["activities"], lang)
        found.append(
            {
                "id": builtin["id"],
                "title": builtin["title"][lang],
                "description": builtin["description"][lang],
                "builtin": True,
                "activities": [_template_item(runtime, a, lang) for a in activities],
            }
        )
    if _passphrase_ok(request, runtime):
        for saved in await runtime.service.store.list_templates():
            found.append(
                {
                    "id": saved.id,
                    "title": saved.title,
                    "description": "",
                    "builtin": False,
                    "language": saved.language,
                    "created_at": saved.created_at,
                    "activities": [_template_item(runtime, a, lang) for a in saved.activities],
                }
            )
    return JSONResponse(found)


def _template_item(runtime: Runtime, item: dict[str, Any], lang: str) -> dict[str, Any]:
    fmt_title = item["format"]
    if item["format"] in runtime.registry:
        fmt_title = translate(runtime.registry[item["format"]].messages, "title", lang)
    return {"format": item["format"], "format_title": fmt_title, "title": item.get("title", "")}


async def save_template(request: Request) -> Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    presented, credential = await staff_of(runtime, presented_key(request, session_id), session_id)
    if not presented:
        return error(401, "unauthorized")
    if credential is None:
        return error(403, "forbidden")
    data = await json_body(request)
    if data is None:
        return error(400, "invalid_payload", field="body")
    state = await runtime.service.state(session_id)
    try:
        title = payloads.text(data, "title", max_length=TITLE_MAX)
    except Rejected as rejected:
        return error(400, rejected.code, state.language, **rejected.params)
    activities = agenda_of(state)
    if not activities:
        return error(400, "empty_agenda", state.language)
    template = Template(
        secrets.token_hex(6), title, state.language, activities, runtime.service.clock()
    )
    await runtime.service.store.save_template(template)
    return JSONResponse({"id": template.id, "title": template.title}, status_code=201)


# -- joining --------------------------------------------------------------------------------


async def _session_for(request: Request) -> tuple[str | None, Response | None]:
    """The session a join code names, rate limiting failed look-ups per address."""
    runtime = runtime_of(request)
    address = client_address(request)
    if not runtime.limiter.test(FAILED_CODES_PER_ADDRESS, "code", address):
        return None, error(429, "rate_limited")
    code = normalise_code(request.path_params["code"])
    session_id = None
    if re.fullmatch(r"[0-9A-Z]{8}", code):
        session_id = await runtime.service.store.session_for_code(code)
    if session_id is None:
        runtime.limiter.hit(FAILED_CODES_PER_ADDRESS, "code", address)
        return None, error(404, "unknown_code")
    return session_id, None


async def look_up_code(request: Request) -> Response:
    session_id, failure = await _session_for(request)
    if failure is not None:
        return failure
    assert session_id is not None
    state = await runtime_of(request).service.state(session_id)
    return JSONResponse(
        {"session_id": session_id, "title": state.title, "language": state.language}
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
        status = 403 if rejected.code == "joining_locked" else 400
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


# -- facilitator ----------------------------------------------------------------------------


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


# -- pages and health -----------------------------------------------------------------------


def page(shown: Page) -> Any:
    async def serve(request: Request) -> Response:
        return shell_page(runtime_of(request).settings.frontend_dir, shown)

    return serve


async def healthz(request: Request) -> Response:
    try:
        await runtime_of(request).service.store.ping()
    except Exception:  # the database is not ready, whatever the reason
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


ROUTES = [
    Route("/healthz", healthz),
    Route("/", page(HOME)),
    Route("/api/sessions", create_session, methods=["POST"]),
    Route("/api/formats", list_formats),
    Route("/api/templates", list_templates),
    Route("/api/sessions/{session_id}/templates", save_template, methods=["POST"]),
    Route("/api/join/{code}", look_up_code, methods=["GET"]),
    Route("/api/join/{code}", join, methods=["POST"]),
    Route("/j/{code}", page(PARTICIPANT)),
    Route("/j/{code}/qr.svg", qr_svg),
    Route("/facilitate/{key}", facilitate),
    Route("/s/{session_id}/console", console_page),
    Route("/s/{session_id}/room", room_page),
    Route("/api/sessions/{session_id}/minutes.md", minutes_md),
    Route("/api/sessions/{session_id}/minutes.html", minutes_page),
]
