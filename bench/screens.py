"""One socket of the workshop (a phone, the console or the room screen), lean enough for hundreds.

Unlike the tests' `Client`, a screen keeps no history of views (300 phones × 900 views would hold
gigabytes); only the room screen, whose arrivals give the fan-out delay, records a line per view.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from typing import Any

import socketio

_client_ids = itertools.count(1)


@dataclass(frozen=True)
class Arrival:
    """A `view` as the room screen received it: when, at which seq, how many notes it showed."""

    at: float
    seq: int
    note_count: int


@dataclass(frozen=True)
class Sample:
    """One command, timed by the client from send to acknowledgement."""

    sent: float
    acked: float
    seq: int | None
    error: str | None

    @property
    def latency_ms(self) -> float:
        return (self.acked - self.sent) * 1000


class Screen:
    def __init__(self, url: str, auth: dict[str, Any], record_views: bool = False) -> None:
        self.url = url
        self.auth = auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.seq = -1
        self.views = 0
        self.arrivals: list[Arrival] | None = [] if record_views else None
        self._want = 0
        self._reached: asyncio.Future[None] | None = None
        self.sio.on("view", self._on_view)
        self.sio.on("private", self._on_private)

    def _on_view(self, data: dict[str, Any]) -> None:
        now = time.perf_counter()
        seq = int(data.get("seq", -1))
        self.views += 1
        if self.arrivals is not None:
            activity = data.get("activity") or {}
            note_count = int((activity.get("view") or {}).get("note_count", 0))
            self.arrivals.append(Arrival(now, seq, note_count))
        if seq > self.seq:
            self.seq = seq
        reached = self._reached
        if reached is not None and not reached.done() and self.seq >= self._want:
            reached.set_result(None)

    def _on_private(self, data: dict[str, Any]) -> None:
        pass  # a phone would render its own notes; the load is in receiving and decoding it

    async def connect(self, timeout: float) -> None:
        """Open the websocket and wait for the first `view` (sent at once on connect)."""
        await self.sio.connect(
            self.url, auth=self.auth, transports=["websocket"], wait_timeout=timeout
        )
        await self.wait_seq(0, timeout)

    async def wait_seq(self, seq: int, timeout: float) -> None:
        """Wait, woken by the view handler, until a view at `seq` or later has arrived."""
        if self.seq >= seq:
            return
        self._want = seq
        self._reached = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait_for(self._reached, timeout)
        finally:
            self._reached = None

    async def command(self, type_: str, payload: dict[str, Any], timeout: float) -> Sample:
        message = {"type": type_, "payload": payload, "client_id": f"b{next(_client_ids)}"}
        sent = time.perf_counter()
        answer: dict[str, Any] = await self.sio.call("command", message, timeout=timeout)
        acked = time.perf_counter()
        if answer.get("ok"):
            return Sample(sent, acked, int(answer["seq"]), None)
        return Sample(sent, acked, None, str(answer.get("error", {}).get("code", answer)))

    async def disconnect(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
