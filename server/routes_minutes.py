"""HTTP routes for the minutes the team leaves: the editor's page, its text and live preview,
the participants' read-only link, and publishing to a WebDAV folder and a Mattermost channel.

Edits themselves are commands (`minutes.edit`, `minutes.summary`, `minutes.share`) sent over
the socket like any other; these routes only read, render and publish.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from exports.documents import Wanted, generated_minutes, minutes_page
from exports.edits import merge
from exports.html import minutes_fragment, minutes_html
from exports.publish import TARGET_KEYS, Targets, minutes_for
from facilitation.messages import ENGINE, language, translate
from facilitation.record import MINUTES_MAX
from facilitation.session import SessionState
from facilitation.types import Role
from server.context import Runtime
from server.credentials import presented_key, refused, staff_of
from server.replies import error, json_body, runtime_of
from server.routes_staff import refused_page
from server.settings import Settings
from server.shell import MINUTES, shell_page

TEAM = (Role.FACILITATOR, Role.SCRIBE)
# A preview carries a whole edited text (the JSON of MINUTES_MAX characters, escapes included).
PREVIEW_BODY_MAX = 8 * MINUTES_MAX
TARGET_MAX = 500


def server_targets(settings: Settings) -> Targets:
    return Targets(
        settings.publish_webdav_url,
        settings.publish_webdav_user,
        settings.publish_webdav_password,
        settings.publish_webhook_url,
    )


def _lang(request: Request, state: SessionState | None = None) -> str:
    return language(request.query_params.get("lang") or (state.language if state else None))


def _wanted(runtime: Runtime, state: SessionState, lang: str) -> Wanted:
    return Wanted(state, runtime.registry, lang, runtime.tz)


async def _team(
    request: Request, roles: tuple[Role, ...] = TEAM
) -> tuple[Runtime, SessionState] | Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    presented, credential = await staff_of(
        runtime, presented_key(request, session_id), session_id, roles
    )
    if not presented:
        return error(401, "unauthorized", _lang(request))
    if credential is None:
        return error(403, "forbidden", _lang(request))
    return runtime, await runtime.service.state(session_id)


# -- the editor ---------------------------------------------------------------------------------


async def editor_page(request: Request) -> Response:
    found = await _team(request)
    if isinstance(found, Response):
        return refused_page(request)
    return shell_page(found[0].assets, MINUTES)


async def edit_text(request: Request) -> Response:
    """What the editor opens on: the text to edit (the edited minutes, conflicts marked), the
    generated text an edit saved now is made on, and how many conflicts remain."""
    found = await _team(request)
    if isinstance(found, Response):
        return found
    runtime, state = found
    lang = _lang(request, state)
    merged = merge(state, generated_minutes(_wanted(runtime, state, lang)), lang)
    return JSONResponse(
        {
            "seq": state.seq,
            "lang": lang,
            "text": merged.text,
            "generated": merged.generated,
            "edited": merged.edited,
            "conflicts": merged.conflicts,
            "summary": state.summary,
            "max_length": MINUTES_MAX,
        }
    )


async def preview(request: Request) -> Response:
    """The editor's live preview, rendered by the printable minutes' own code."""
    found = await _team(request)
    if isinstance(found, Response):
        return found
    data = await json_body(request, PREVIEW_BODY_MAX)
    text = data.get("text") if data else None
    if not isinstance(text, str):
        return error(400, "invalid_payload", _lang(request, found[1]), field="text")
    return JSONResponse({"html": minutes_fragment(text)})


# -- the participants' link ---------------------------------------------------------------------


def _link_key(secret: str, session_id: str, link_id: str) -> str:
    digest = hmac.new(
        secret.encode(), f"minutes-link:{session_id}:{link_id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


async def shared_url(runtime: Runtime, state: SessionState) -> str:
    """The read-only link of the minutes, while they are shared ("" otherwise). Its key is
    derived from the session's secret, so the log only names the link."""
    if state.minutes_link is None:
        return ""
    secret = await runtime.service.alias_secret(state.id)
    return f"{runtime.base_url}/m/{state.id}/{_link_key(secret, state.id, state.minutes_link)}"


async def link(request: Request) -> Response:
    """The link, for a phone of the session (its token) or the team."""
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    credential = await runtime.service.authenticate(presented_key(request, session_id) or "")
    if credential is None or credential.session_id != session_id:
        refused("a key for the minutes' link", "unknown, revoked or another session's")
        return error(403, "forbidden", _lang(request))
    state = await runtime.service.state(session_id)
    url = await shared_url(runtime, state)
    if not url:
        return error(404, "not_shared", _lang(request, state))
    return JSONResponse({"url": url})


async def shared_page(request: Request) -> Response:
    runtime = runtime_of(request)
    session_id = request.path_params["session_id"]
    if not await runtime.service.store.alias_secret(session_id) or not session_id.isalnum():
        return HTMLResponse("", status_code=404)
    state = await runtime.service.state(session_id)
    lang = _lang(request, state)
    url = await shared_url(runtime, state) if state.created_at else ""
    given = f"{runtime.base_url}/m/{session_id}/{request.path_params['key']}"
    if not url or not hmac.compare_digest(url.encode(), given.encode()):
        refused("a minutes link", "not shared, or no longer")
        gone = translate(ENGINE, "error.not_shared", lang)
        return HTMLResponse(minutes_html(gone, "Fabrique", lang), status_code=404)
    response = HTMLResponse(minutes_page(_wanted(runtime, state, lang)))
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# -- publishing ---------------------------------------------------------------------------------


async def publishing(request: Request) -> Response:
    found = await _team(request)
    if isinstance(found, Response):
        return found
    runtime, state = found
    publisher = runtime.publisher
    return JSONResponse(
        {
            "targets": await publisher.describe(state.id),
            "publication": await publisher.latest(state.id),
        }
    )


def _checked_targets(data: dict[str, Any]) -> dict[str, str] | str:
    """The values sent (a key left out keeps its value), or the field that is wrong."""
    changes: dict[str, str] = {}
    for key, value in data.items():
        if key not in TARGET_KEYS:
            return key
        if not isinstance(value, str) or len(value) > TARGET_MAX:
            return key
        value = value.strip()
        if value and key.endswith("_url"):
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                return key
        changes[key] = value
    return changes


async def set_publishing(request: Request) -> Response:
    """Set where this session publishes (the facilitator only). Write-only: the answer says
    which values are set, never what they are."""
    found = await _team(request, (Role.FACILITATOR,))
    if isinstance(found, Response):
        return found
    runtime, state = found
    data = await json_body(request, 4 * TARGET_MAX * len(TARGET_KEYS))
    changes = _checked_targets(data) if data is not None else "body"
    if isinstance(changes, str):
        return error(400, "invalid_payload", _lang(request, state), field=changes)
    await runtime.publisher.set_targets(state.id, changes)
    return JSONResponse({"targets": await runtime.publisher.describe(state.id)})


async def publish_now(request: Request) -> Response:
    found = await _team(request)
    if isinstance(found, Response):
        return found
    runtime, state = found
    lang = _lang(request, state)
    if not (await runtime.publisher.targets(state.id)).used():
        return error(400, "nothing_to_publish", lang)
    link = await shared_url(runtime, state)
    # Every document, the PDF too: out of the event loop.
    minutes = await run_in_threadpool(minutes_for, _wanted(runtime, state, lang), link)
    status = await runtime.publisher.start(state.id, minutes)
    return JSONResponse(status, status_code=202)


ROUTES = [
    Route("/s/{session_id}/minutes", editor_page),
    Route("/m/{session_id}/{key}", shared_page),
    Route("/api/sessions/{session_id}/minutes/edit", edit_text),
    Route("/api/sessions/{session_id}/minutes/preview", preview, methods=["POST"]),
    Route("/api/sessions/{session_id}/minutes/link", link),
    Route("/api/sessions/{session_id}/publishing", publishing),
    Route("/api/sessions/{session_id}/publishing", set_publishing, methods=["PUT"]),
    Route("/api/sessions/{session_id}/publish", publish_now, methods=["POST"]),
]
