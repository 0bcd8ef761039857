"""The HTTP route table: pages, the API and health. The routes themselves live in their groups
(routes_sessions, routes_join, routes_staff)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server import routes_exports, routes_join, routes_minutes, routes_sessions, routes_staff
from server.replies import runtime_of
from server.shell import HOME, PARTICIPANT, Page, shell_page


def page(shown: Page) -> Any:
    async def serve(request: Request) -> Response:
        return shell_page(runtime_of(request).assets, shown)

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
    Route("/api/sessions", routes_sessions.create_session, methods=["POST"]),
    Route("/api/formats", routes_sessions.list_formats),
    Route("/api/templates", routes_sessions.list_templates),
    Route("/api/sessions/{session_id}", routes_sessions.delete_session, methods=["DELETE"]),
    Route("/api/sessions/{session_id}/templates", routes_sessions.save_template, methods=["POST"]),
    Route("/api/join/{code}", routes_join.look_up_code, methods=["GET"]),
    Route("/api/join/{code}", routes_join.join, methods=["POST"]),
    Route("/j/{code}", page(PARTICIPANT)),
    Route("/j/{code}/qr.svg", routes_join.qr_svg),
    Route("/facilitate/{key}", routes_staff.facilitate),
    Route("/s/{session_id}/console", routes_staff.console_page),
    Route("/s/{session_id}/room", routes_staff.room_page),
    Route("/api/sessions/import", routes_exports.import_session, methods=["POST"]),
    Route("/api/sessions/{session_id}/minutes.md", routes_exports.minutes_md),
    Route("/api/sessions/{session_id}/minutes.html", routes_exports.minutes_page),
    Route("/api/sessions/{session_id}/minutes.pdf", routes_exports.minutes_pdf_file),
    Route("/api/sessions/{session_id}/minutes.odt", routes_exports.minutes_odt_file),
    Route("/api/sessions/{session_id}/data.csv", routes_exports.data_csv_file),
    Route("/api/sessions/{session_id}/data.json", routes_exports.data_json_file),
    Route("/api/sessions/{session_id}/actions.ics", routes_exports.actions_ics_file),
    *routes_minutes.ROUTES,
]
