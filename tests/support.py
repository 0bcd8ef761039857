"""Test helpers: a real server process, real HTTP, real Socket.IO clients."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jsonpatch
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
    # 0: a free port, chosen at start (another one if something takes it first).
    port: int = 0
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    # A command the server runs under (`unshare … sh -c …`, say), before `python -m server`.
    wrapper: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        chosen = self.port == 0
        for _attempt in range(5):
            if chosen:
                self.port = free_port()
            if self._start():
                return self
            if not chosen:
                break
        raise RuntimeError(f"server exited:\n{self.log_text()}")

    def _start(self) -> bool:
        """True once this very process answers; False if its port was taken meanwhile (other
        test runs share the machine: a port found free may be bound by another process)."""
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
                [*self.wrapper, sys.executable, "-m", "server"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        # Another program on that port would answer too: wait for this process to say it listens.
        listening = f"Uvicorn running on {self.url}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "address already in use" in self.log_text().lower():
                    return False
                raise RuntimeError(f"server exited:\n{self.log_text()}")
            try:
                if (
                    listening in self.log_text()
                    and httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200
                ):
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not start:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log else ""

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
        # Messages received, and whole documents asked for after a patch to another one.
        self.messages: Counter[str] = Counter()
        self.resyncs: Counter[str] = Counter()
        self._changed = asyncio.Condition()
        self.sio.on("view", self._on_view)
        self.sio.on("private", self._on_private)

    async def _on_view(self, data: dict[str, Any]) -> None:
        view = await self._whole("view", self.view, data)
        if view is None:
            return
        if self.view and view["seq"] < self.view["seq"]:
            return  # an older view overtaken by a newer one: screens keep the newest
        self.view = view
        self.views.append(view)
        async with self._changed:
            self._changed.notify_all()

    async def _on_private(self, data: dict[str, Any]) -> None:
        private = await self._whole("private", self.private, data)
        if private is None:
            return
        if self.private and private["seq"] < self.private["seq"]:
            return  # the one sent on connect, overtaken by a newer one: phones keep the newest
        self.private = private
        async with self._changed:
            self._changed.notify_all()

    async def _whole(
        self, kind: str, held: dict[str, Any], data: dict[str, Any]
    ) -> dict[str, Any] | None:
        """A message as a screen reads it (docs/protocol.md): a whole document, or a patch to
        apply to the one held; for a patch to another one, ask for the whole (`resync`)."""
        self.messages[kind] += 1
        if "patch" not in data:
            return data
        if held and data["base"] == held["seq"]:
            whole: dict[str, Any] = jsonpatch.apply_patch(held, data["patch"])
            return whole
        self.resyncs[kind] += 1
        await self.sio.emit("resync", kind)
        return None

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

    async def until(self, predicate: Callable[[Client], bool], timeout: float = 10) -> None:
        """Wait until the latest views satisfy `predicate` (woken by each message, no polling).

        Views are gathered on the server: a screen may get any state between two commands, or
        skip some. A predicate must hold only for the state it waits for: after a command, wait
        for its seq (`caught_up`, `private_caught_up`), then assert. A predicate that cannot be
        read on an earlier state (no activity yet, a key not there yet) is not satisfied yet.
        """
        failure: list[BaseException] = []

        def satisfied() -> bool:
            try:
                return bool(predicate(self))
            except (LookupError, TypeError) as error:
                failure[:] = [error]
                return False

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(satisfied), timeout)
        except TimeoutError:
            seqs = f"view seq {self.view.get('seq')}, private seq {self.private.get('seq')}"
            last = f"; the predicate last raised {failure[0]!r}" if failure else ""
            raise AssertionError(f"still waiting after {timeout} s ({seqs}){last}") from None

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


def assert_golden(format_name: str, name: str, text: str) -> None:
    """Compare a document with its reviewed golden file, in the format's folder
    (`formats/<name>/golden/`).

    `FABRIQUE_UPDATE_GOLDEN=1 make test` rewrites the files; the change is then a reviewed diff.
    """
    path = ROOT / "formats" / format_name / "golden" / name
    if os.environ.get("FABRIQUE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


# -- helpers for the facilitator's toolkit tests ------------------------------------------------


async def add_board(
    facilitator: Client,
    title: str = "",
    question: str = "Qu'est-ce qui marche bien ?",
    anonymity: str | None = None,
    **config: Any,
) -> str:
    """Add a board activity from the console; returns its id once the console shows it."""
    payload: dict[str, Any] = {
        "format": "board",
        "title": title,
        "config": {"question": question, **config},
    }
    if anonymity is not None:
        payload["anonymity"] = anonymity
    before = {a["id"] for a in facilitator.view["session"]["activities"]}
    answer = await facilitator.ok("session.add_activity", payload)
    await facilitator.until(lambda c: c.view["seq"] >= answer["seq"])
    (added,) = [a["id"] for a in facilitator.view["session"]["activities"] if a["id"] not in before]
    return str(added)


async def caught_up(seq: int, *clients: Client) -> None:
    """Wait until every screen shows the state at `seq` or later (`seq`: a command's ack)."""
    for client in clients:
        await client.until(lambda c: c.view["seq"] >= seq)


async def private_caught_up(seq: int, *phones: Client) -> None:
    """Wait until each phone's own `private` view is the one at `seq` or later.

    The server sends a phone its `private` view only when it changed: wait this way only for a
    command (acknowledged with `seq`) that changes what each phone last received (its own notes,
    dots, ready, roles, name, what it may do). A phone's `view` comes before its `private` of the
    same moment: `caught_up` alone does not say that the `private` has come too.
    """
    for phone in phones:
        await phone.until(lambda c: c.private.get("seq", -1) >= seq)


async def get_minutes(http: httpx.AsyncClient, session: Session, lang: str = "fr") -> str:
    response = await http.get(
        f"/api/sessions/{session.id}/minutes.md",
        params={"lang": lang},
        headers={"Authorization": f"Bearer {session.key}"},
    )
    assert response.status_code == 200, response.text
    return response.text


def stored_rows(database: Path, table: str, session_id: str) -> list[dict[str, Any]]:
    """One session's rows of a table, read straight from the server's SQLite file."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.row_factory = sqlite3.Row
        order = " ORDER BY seq" if table in ("events", "commands") else ""
        rows = connection.execute(
            f"SELECT * FROM {table} WHERE session_id = ?{order}", (session_id,)
        ).fetchall()
    return [dict(row) for row in rows]


def record(client: Client, event: str) -> list[Any]:
    """Everything the server sends this socket under `event`, as it arrives."""
    received: list[Any] = []

    async def keep(data: Any = None) -> None:
        received.append(data)

    client.sio.on(event, keep)
    return received


async def eventually(predicate: Callable[[], bool], timeout: float = 5) -> None:
    """For what no view announces (a socket closed by the server): check every 20 ms."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never became true")
        await asyncio.sleep(0.02)


async def open_link(
    facilitator: Client, session: Session, role: str, label: str = "", screen: str = "console"
) -> tuple[str, Client]:
    """Create a team link from the console; returns its URL and a screen signed in with it."""
    answer = await facilitator.ok("link.create", {"role": role, "label": label})
    url: str = answer["result"]["url"]
    key = url.rsplit("/", 1)[1]
    auth = {"session_id": session.id, "key": key, "screen": screen}
    return url, await Client(session.base_url, auth).connect()
