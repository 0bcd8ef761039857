"""The ASGI app factory: `build_app(settings)` returns a whole server; tests build their own."""

from __future__ import annotations

import contextlib
import mimetypes
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from exports.publisher import Publisher
from facilitation.registry import Registry, default_registry
from facilitation.service import SessionService
from facilitation.store import EventStore, open_engine
from server.assets import PREFIX, Assets, build_assets
from server.context import Runtime
from server.gc_tuning import GcTuning
from server.lan import public_base_url
from server.retention import Retention
from server.routes import ROUTES
from server.routes_minutes import server_targets
from server.scale_out import ScaleOut
from server.settings import Settings
from server.sockets import Sockets

# Browser packages from npm, served by us so a workshop works on a LAN with no internet.
VENDOR_PACKAGES = (
    "lit",
    "lit-html",
    "lit-element",
    "@lit/reactive-element",
    "socket.io-client",
    "fast-json-patch",
)


class StaticFolder(StaticFiles):
    """Static files that browsers revalidate before each use (a 304 when unchanged, thanks to
    the ETag): these URLs carry no version, so after an upgrade every screen takes the new files
    at once, and an unchanged file still costs no download."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response


class VersionedFolder(StaticFiles):
    """The bundled screens (server/assets.py): every name carries its content's hash, so a
    browser keeps a file for a year without asking again; a new version has a new name. Each
    file has its gzip copy, made once at build time: a hall of phones joining at once does not
    have the server compress the same files a thousand times (GZipMiddleware leaves an answer
    that is already compressed as it is)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response: Response | None = None
        if "gzip" in Headers(scope=scope).get("accept-encoding", ""):
            with contextlib.suppress(HTTPException):
                response = await super().get_response(f"{path}.gz", scope)
                media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                if media_type.startswith("text/"):
                    media_type += "; charset=utf-8"
                response.headers["Content-Type"] = media_type
                if response.status_code == 200:
                    response.headers["Content-Encoding"] = "gzip"
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["Vary"] = "Accept-Encoding"
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def static_mounts(settings: Settings, registry: Registry, assets: Assets) -> list[Mount]:
    """The bundled screens at /assets/ (when built), the frontend at /static/, npm packages at
    /vendor/{package}/, and each registered format's screens at /formats/{name}/ (a format
    without a `web` folder has no screens). The sources stay served at their own paths (the
    unbundled mode, tools and tests use them)."""
    mounts = (
        [] if assets.folder is None else [Mount(PREFIX, VersionedFolder(directory=assets.folder))]
    )
    mounts += [
        Mount("/static", StaticFolder(directory=settings.frontend_dir, check_dir=False)),
        *(
            Mount(
                f"/vendor/{package}",
                StaticFolder(directory=settings.vendor_dir / package, check_dir=False),
            )
            for package in VENDOR_PACKAGES
        ),
    ]
    for fmt in registry:
        web = fmt.web
        if web is not None:
            mounts.append(Mount(f"/formats/{fmt.name}", StaticFolder(directory=web)))
    return mounts


def _ensure_sqlite_folder(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


def build_app(settings: Settings, registry: Registry | None = None) -> Any:
    if settings.redis_url and not settings.database_url.startswith("postgresql"):
        # Each process would write its own SQLite file: the sessions would part ways.
        raise SystemExit("REDIS_URL (several processes) needs a PostgreSQL DATABASE_URL.")
    registry = registry or default_registry()
    runtime = Runtime(
        settings=settings,
        registry=registry,
        base_url=public_base_url(settings.public_url, settings.host, settings.port),
        assets=build_assets(
            settings.frontend_dir, settings.vendor_dir, registry, settings.bundle_assets
        ),
    )
    sockets = Sockets(runtime)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        _ensure_sqlite_folder(settings.database_url)
        store = EventStore(open_engine(settings.database_url))
        await store.create_schema()
        service = SessionService(store, runtime.registry)
        service.subscribe(sockets.fanout.push)
        runtime.service = service
        runtime.publisher = Publisher(
            store, server_targets(settings), settings.publish_retry_seconds, sockets.publication
        )
        service.subscribe_deletions(runtime.publisher.stop)
        service.subscribe_deletions(sockets.session_deleted)
        retention = Retention(service, settings.retention_days)
        await retention.start()
        tuning = GcTuning()
        sockets.fanout.on_arrival = tuning.arrival
        sockets.fanout.on_departure = tuning.departure
        tuning.start()
        scale_out = None
        if settings.redis_url:
            scale_out = ScaleOut(settings.redis_url, sockets.fanout, service)
            await scale_out.start()
        try:
            yield
        finally:
            await retention.close()
            if scale_out is not None:
                await scale_out.close()
            await runtime.publisher.close()
            await store.close()

    mounts = static_mounts(settings, runtime.registry, runtime.assets)
    # Compressed answers for pages, the API and static files (a bundle shrinks to a quarter);
    # only the Starlette app: Engine.IO compresses its own messages.
    middleware = [Middleware(GZipMiddleware, minimum_size=500)]
    app = Starlette(routes=[*ROUTES, *mounts], lifespan=lifespan, middleware=middleware)
    app.state.runtime = runtime
    return sockets.asgi(app)
