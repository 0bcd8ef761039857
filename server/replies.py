"""What every HTTP route shares: the runtime, JSON bodies, errors in the user's language."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from facilitation.messages import ENGINE, translate
from server.context import Runtime

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


async def json_body(request: Request, limit: int = MAX_BODY) -> dict[str, Any] | None:
    raw = await request.body()
    if len(raw) > limit:
        return None
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        # Not JSON, or nested deeper than the decoder goes (no form sends either).
        return None
    return data if isinstance(data, dict) else None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
