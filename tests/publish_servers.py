"""Real servers for the publishing tests: a WebDAV server (WsgiDAV on cheroot, in a thread, over
a temporary folder, basic auth) and a receiver speaking Mattermost's incoming-webhook format that
may fail a given number of times first."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

from tests.support import free_port

DAV_USER = "asso"
DAV_PASSWORD = "app-password-1234"


@contextmanager
def webdav_server(root: Path) -> Iterator[str]:
    """A WebDAV server over `root`; yields its base URL."""
    port = free_port()
    app = WsgiDAVApp(
        {
            "host": "127.0.0.1",
            "port": port,
            "provider_mapping": {"/": str(root)},
            "simple_dc": {"user_mapping": {"*": {DAV_USER: {"password": DAV_PASSWORD}}}},
            "http_authenticator": {
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
                "trusted_auth_header": None,
            },
            "verbose": 0,
            "logging": {"enable": False},
        }
    )
    server = wsgi.Server(("127.0.0.1", port), app)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        thread.join(10)


@dataclass
class Receiver:
    """Mattermost's incoming webhook: POST {"text": …} answers 200 "ok"."""

    fail_first: int = 0
    posts: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    url: str = ""
    runner: web.AppRunner | None = None

    async def hook(self, request: web.Request) -> web.Response:
        if self.refused < self.fail_first:
            self.refused += 1
            return web.Response(status=500, text="Unable to post")
        body = await request.json()
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            return web.Response(status=400, text="Invalid webhook")
        self.posts.append(body)
        return web.Response(text="ok")

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hooks/{key}", self.hook)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}/hooks/xyz123"
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
