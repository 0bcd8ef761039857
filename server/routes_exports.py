"""HTTP routes for the documents a session leaves: the minutes (Markdown, printable HTML, PDF,
ODT), its data (CSV, JSON archive, iCalendar of the actions), for the session's team; and the
import of an archive, for whoever may create sessions."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import tzinfo

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from exports.archive import MAX_BYTES, import_archive, session_archive
from exports.data import actions_ics, data_csv
from exports.documents import HTML, MD, ODT, PDF, Document, Wanted, file_name
from exports.html import PdfUnavailable
from facilitation.messages import language
from facilitation.session import SessionState
from facilitation.types import Rejected
from server.context import Runtime
from server.credentials import STAFF, presented_key, staff_of
from server.replies import error, runtime_of
from server.routes_sessions import passphrase_refused, session_created


@dataclass(frozen=True)
class Asked:
    """A session's export, asked for by its team."""

    runtime: Runtime
    state: SessionState
    lang: str
    tz: tzinfo


async def _asked(request: Request) -> Asked | Response:
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
    return Asked(runtime, state, lang, runtime.tz)


def wanted(asked: Asked) -> Wanted:
    return Wanted(asked.state, asked.runtime.registry, asked.lang, asked.tz)


def _disposition(inline: bool, name: str) -> dict[str, str]:
    return {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{name}"'}


def _minutes(document: Document) -> Callable[[Request], Awaitable[Response]]:
    """A route for one document of the minutes (exports/documents.py: its text, its name)."""

    async def serve(request: Request) -> Response:
        asked = await _asked(request)
        if isinstance(asked, Response):
            return asked
        try:
            # The PDF takes a moment for a long session: out of the event loop.
            body = await run_in_threadpool(document.render, wanted(asked))
        except PdfUnavailable:
            return error(503, "pdf_unavailable", asked.lang)
        name = file_name(asked.state, asked.lang, asked.tz, "minutes", document.extension)
        return Response(
            body, media_type=document.media_type, headers=_disposition(document.inline, name)
        )

    return serve


def _document(
    what: str,
    extension: str,
    media_type: str,
    make: Callable[[Asked], Awaitable[str | bytes]],
) -> Callable[[Request], Awaitable[Response]]:
    async def serve(request: Request) -> Response:
        asked = await _asked(request)
        if isinstance(asked, Response):
            return asked
        body = await make(asked)
        name = file_name(asked.state, asked.lang, asked.tz, what, extension)
        return Response(body, media_type=media_type, headers=_disposition(False, name))

    return serve


async def _csv(asked: Asked) -> str:
    return data_csv(asked.state, asked.runtime.registry, asked.lang)


async def _json(asked: Asked) -> str:
    log = await asked.runtime.service.store.load(asked.state.id)
    archive = session_archive(asked.state, log, asked.runtime.registry)
    return json.dumps(archive, ensure_ascii=False, indent=1)


async def _ics(asked: Asked) -> bytes:
    host = re.sub(r"^https?://", "", asked.runtime.base_url).split("/")[0] or "fabrique.local"
    return actions_ics(asked.state, asked.runtime.registry, asked.lang, asked.tz, host)


minutes_md = _minutes(MD)
minutes_page = _minutes(HTML)
minutes_pdf_file = _minutes(PDF)
minutes_odt_file = _minutes(ODT)
data_csv_file = _document("data", "csv", "text/csv; charset=utf-8", _csv)
data_json_file = _document("data", "json", "application/json", _json)
actions_ics_file = _document("actions", "ics", "text/calendar; charset=utf-8", _ics)


async def import_session(request: Request) -> Response:
    """A data.json back into a new session: for whoever may create one."""
    runtime = runtime_of(request)
    asked_lang = request.query_params.get("lang") or request.headers.get("accept-language", "")
    lang = language(asked_lang[:2])
    refused = passphrase_refused(request, runtime, None, lang)
    if refused is not None:
        return refused
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        return error(413, "archive_too_large", lang, max=MAX_BYTES // (1024 * 1024))
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BYTES:
            return error(413, "archive_too_large", lang, max=MAX_BYTES // (1024 * 1024))
    try:
        new = await import_archive(runtime.service, bytes(raw))
    except Rejected as rejected:
        status = 413 if rejected.code == "archive_too_large" else 400
        return error(status, rejected.code, lang, **rejected.params)
    return session_created(runtime, new)
