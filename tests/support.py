"""Test helpers: a real server process, real HTTP, real Socket.IO clients."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import socketio

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    """`python -m server`, as a facilitator starts it, on a free port and a given SQLite file."""

    database: Path
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "DATABASE_URL": f"sqlite+aiosqlite:///{self.database}",
            "PUBLIC_URL": "",
            **self.env,
        }
        self.log = self.database.with_suffix(f".{self.port}.log")
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "server"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, no flush — what a power cut does."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


_ids = itertools.count(1)


class Client:
    """One screen over Socket.IO: keeps the latest `view` and `private`, sends commands."""

    def __init__(self, base_url: str, auth: dict[str, Any]) -> None:
        self.base_url = base_url
        self.auth = auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.view: dict[str, Any] = {}
        self.private: dict[str, Any] = {}
        self.views: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self.sio.on("view", self._on_view)
        self.sio.on("private", self._on_private)

    async def _on_view(self, data: dict[str, Any]) -> None:
        if self.view and data["seq"] < self.view["seq"]:
            return  # an older view overtaken by a newer one: screens keep the newest
        self.view = data
        self.views.append(data)
        async with self._changed:
            self._changed.notify_all()

    async def _on_private(self, data: dict[str, Any]) -> None:
        self.private = data
        async with self._changed:
            self._changed.notify_all()

    async def connect(self) -> Client:
        await self.sio.connect(
            self.base_url, auth=self.auth, transports=["websocket"], wait_timeout=10
        )
        await self.until(lambda c: bool(c.view))
        return self

    async def disconnect(self) -> None:
        await self.sio.disconnect()

    async def send(
        self,
        type_: str,
        payload: dict[str, Any] | None = None,
        client_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        message = {
            "type": type_,
            "payload": payload or {},
            "client_id": client_id or f"c{next(_ids)}",
            **extra,
        }
        answer: dict[str, Any] = await self.sio.call("command", message, timeout=10)
        return answer

    async def ok(self, type_: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = await self.send(type_, payload)
        assert answer["ok"], answer
        return answer

    async def until(self, predicate: Callable[[Client], bool], timeout: float = 5) -> None:
        """Wait until the latest views satisfy `predicate` (woken by each message, no polling)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: predicate(self)), timeout)

    @property
    def activity(self) -> dict[str, Any]:
        activity: dict[str, Any] = self.view["activity"]
        return activity

    @property
    def board(self) -> dict[str, Any]:
        board: dict[str, Any] = self.view["activity"]["view"]
        return board

    @property
    def mine(self) -> dict[str, Any]:
        mine: dict[str, Any] = self.private["mine"]
        return mine


@dataclass
class Session:
    id: str
    join_code: str
    join_url: str
    facilitator_url: str
    key: str
    base_url: str

    def facilitator(self, screen: str = "console") -> Client:
        return Client(self.base_url, {"session_id": self.id, "key": self.key, "screen": screen})


async def create_session(
    http: httpx.AsyncClient,
    title: str = "Atelier communication",
    language: str = "fr",
    facilitator_name: str = "Stéphanie",
) -> Session:
    response = await http.post(
        "/api/sessions",
        json={"title": title, "facilitator_name": facilitator_name, "language": language},
    )
    assert response.status_code == 201, response.text
    data = response.json()
    key = data["facilitator_url"].rsplit("/", 1)[1]
    return Session(
        data["id"],
        data["join_code"],
        data["join_url"],
        data["facilitator_url"],
        key,
        str(http.base_url).rstrip("/"),
    )


async def join(
    http: httpx.AsyncClient, session: Session, name: str = "", remote: bool = False
) -> Client:
    response = await http.post(
        f"/api/join/{session.join_code}", json={"name": name, "remote": remote}
    )
    assert response.status_code == 201, response.text
    client = Client(session.base_url, {"token": response.json()["token"]})
    client.token = response.json()["token"]  # type: ignore[attr-defined]
    return await client.connect()


GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare a document with its reviewed golden file.

    `FABRIQUE_UPDATE_GOLDEN=1 make test` rewrites the files; the change is then a reviewed diff.
    """
    path = GOLDEN / name
    if os.environ.get("FABRIQUE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
