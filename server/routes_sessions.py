"""HTTP routes to start a session: create one (from a template or not), list the formats and
the templates, save an agenda as a template."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from facilitation.fields import Text
from facilitation.messages import language, translate
from facilitation.service import NewSession, format_code
from facilitation.session import TITLE_MAX
from facilitation.store import Template
from facilitation.templates import agenda_of, localised
from facilitation.types import Actor, Rejected, Role
from formats.templates import BUILTIN_TEMPLATES
from server.context import Runtime
from server.credentials import presented_key, staff_of
from server.replies import error, json_body, runtime_of


async def create_session(request: Request) -> Response:
    runtime = runtime_of(request)
    data = await json_body(request)
    if data is None:
        return error(400, "invalid_payload", field="body")
    lang = language(data.get("language"))
    refused = passphrase_refused(request, runtime, data, lang)
    if refused is not None:
        return refused
    agenda: list[dict[str, Any]] = []
    if data.get("template") is not None:
        if not isinstance(data["template"], str):
            return error(400, "invalid_payload", lang, field="template")
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
    return session_created(runtime, new)


def passphrase_refused(
    request: Request, runtime: Runtime, data: dict[str, Any] | None, lang: str
) -> Response | None:
    """Creating a session (or importing one) on a server with an organiser passphrase: the
    passphrase, in the body or the `X-Organiser-Passphrase` header."""
    passphrase = runtime.settings.organiser_passphrase
    if not passphrase:
        return None
    given = (data or {}).get("passphrase") or request.headers.get("x-organiser-passphrase", "")
    return None if given == passphrase else error(403, "passphrase_required", lang)


def session_created(runtime: Runtime, new: NewSession) -> Response:
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


async def delete_session(request: Request) -> Response:
    """The facilitator deletes their session with its whole log: its links, phones and exports
    then answer as for a session that never existed (README, *Your data*)."""
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    presented, credential = await staff_of(runtime, presented_key(request, session_id), session_id)
    if not presented:
        return error(401, "unauthorized")
    if credential is None:
        return error(403, "forbidden")
    await runtime.service.delete_session(session_id)
    return Response(status_code=204)


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
                    {**f.describe(), "label": t(f"config.{f.key}")} for f in fmt.config_fields
                ],
            }
        )
    return JSONResponse(formats)


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
        title = Text("title", max_length=TITLE_MAX).read(data.get("title"))
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
