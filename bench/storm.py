"""`python -m bench.storm --phones 1000`: the server restarts in a full hall.

N phones join a workshop and hold their sockets (the console and the room screen too), the
server is stopped (SIGTERM, as a restart does) and started again on the same database, and every
socket comes back on its own as the browsers' Socket.IO client does (`frontend/js/connection.js`:
a first try after about a second, then doubling up to 5 s, each delay between half and one and a
half times its value). Meanwhile the facilitator, reloading the console as soon as the server
answers, sends a command every 100 ms and times its acknowledgement.

Figures: the time from the stop until every phone holds a view again, and from the server
answering again; the facilitator's ack p50/p95 during the storm; then, once every screen has
reached the last seq, how many diverged: a phone's view (every patch applied, as a browser does)
differs from what a new socket of the same role receives whole at the same seq. Printed as JSON;
the exit status is 1 when one diverged or never came back. `tests/test_reconnect_storm.py` runs
a smaller one against `python -m server`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.measure import percentile
from bench.screens import Screen
from bench.wire import ask

BOARD = {"format": "board", "title": "Tempête", "config": {"question": "Et si… ?", "dots": 10}}


def backoff(attempt: int, rng: random.Random) -> float:
    """socket.io-client's delays with `reconnectionDelay: 1000, reconnectionDelayMax: 5000`
    and its default randomization of 0.5."""
    delay: float = min(1.0 * 2**attempt, 5.0) * rng.uniform(0.5, 1.5)
    return delay


@dataclass
class Held:
    """A socket that comes back by itself: the screen it holds now, its credentials."""

    kind: str
    auth: dict[str, Any]
    screen: Screen
    reconnects: int = 0
    back_at: float = 0.0  # perf_counter of its first view after the restart


def bare(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k != "now"}


@dataclass
class Storm:
    host: str
    port: int
    phones: int
    restart: Callable[[], Coroutine[Any, Any, None]]
    timeout: float = 60.0
    concurrency: int = 50
    seed: int = 15
    held: list[Held] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def open(self, kind: str, auth: dict[str, Any]) -> Screen:
        screen = Screen(kind, keeps=True)
        await screen.open(self.host, self.port, auth, False, self.timeout)
        return screen

    async def command(self, screen: Screen, type_: str, payload: dict[str, Any]) -> int:
        assert screen.wire is not None
        answer, _ = await ask(
            screen.wire, "command", {"type": type_, "payload": payload}, self.timeout
        )
        if not answer.get("ok"):
            raise RuntimeError(f"{type_} refused: {answer}")
        return int(answer["seq"])

    async def prepare(self, http: aiohttp.ClientSession) -> None:
        body = {"title": "Tempête", "facilitator_name": "Storm", "language": "fr"}
        async with http.post(f"{self.url}/api/sessions", json=body) as response:
            created: dict[str, Any] = await response.json()
        self.session_id = created["id"]
        self.key = created["facilitator_url"].rsplit("/", 1)[1]
        for kind in ("console", "room"):
            auth = {"session_id": self.session_id, "key": self.key, "screen": kind}
            self.held.append(Held(kind, auth, await self.open(kind, auth)))
        await self.command(self.held[0].screen, "session.add_activity", BOARD)
        numbers = iter(range(self.phones))

        async def worker() -> None:
            for number in numbers:
                async with http.post(
                    f"{self.url}/api/join/{created['join_code']}",
                    json={"name": f"P{number}"},
                    # A hundred phones per address (trusted from 127.0.0.1).
                    headers={"X-Forwarded-For": f"10.6.{number // 100}.1"},
                ) as response:
                    if response.status != 201:
                        raise RuntimeError(f"join: {response.status} {await response.text()}")
                    token = (await response.json())["token"]
                auth = {"token": token}
                self.held.append(Held("phone", auth, await self.open("phone", auth)))

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        # A board with something on it: a note from one phone in ten.
        phones = [h for h in self.held if h.kind == "phone"]
        seqs = await asyncio.gather(
            *(
                self.command(h.screen, "board.add_note", {"text": f"Idée {i}"})
                for i, h in enumerate(phones[::10])
            )
        )
        await self.everyone_at(max(seqs))

    async def everyone_at(self, seq: int) -> None:
        await asyncio.gather(*(h.screen.wait_seq(seq, self.timeout) for h in self.held))

    async def come_back(self, held: Held, rng: random.Random) -> None:
        """Wait for the socket to close, then reconnect as the browser's client does."""
        assert held.screen.wire is not None
        await held.screen.wire.closed
        attempt = 0
        while True:
            await asyncio.sleep(backoff(attempt, rng))
            attempt += 1
            auth = dict(held.auth)
            if held.kind == "phone" and held.screen.seq >= 0:
                auth["last_seq"] = held.screen.seq
            try:
                screen = await self.open(held.kind, auth)
            except (TimeoutError, OSError, RuntimeError, Exception):
                if attempt > 60:
                    raise
                continue
            held.screen, held.reconnects, held.back_at = screen, attempt, time.perf_counter()
            return

    async def facilitator(self, up: asyncio.Event, done: asyncio.Event) -> list[float]:
        """The facilitator reloads the console once the server answers, then sends a command
        every 100 ms until every phone is back: the acks' delays, in ms."""
        await up.wait()
        auth = {"session_id": self.session_id, "key": self.key, "screen": "console"}
        while True:
            try:
                console = await self.open("console", auth)
                break
            except Exception:
                await asyncio.sleep(0.1)
        self.figures["facilitator_back_s"] = round(time.perf_counter() - self.stopped, 2)
        delays: list[float] = []
        shown = False
        while not done.is_set():
            shown = not shown
            sent = time.perf_counter()
            await self.command(console, "screen.show_join", {"shown": shown})
            delays.append((time.perf_counter() - sent) * 1000)
            await asyncio.sleep(0.1)
        self.facilitator_console = console
        return delays

    async def wait_up(
        self, up: asyncio.Event, http: aiohttp.ClientSession, closed: list[asyncio.Future[None]]
    ) -> None:
        # Once the stopping server has closed every socket it listens no more: what answers
        # then is the new one.
        await asyncio.gather(*closed)
        while True:
            try:
                async with http.get(f"{self.url}/healthz") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
        self.figures["server_up_s"] = round(time.perf_counter() - self.stopped, 2)
        self.up_at = time.perf_counter()
        up.set()

    async def storm(self, http: aiohttp.ClientSession) -> None:
        rng = random.Random(self.seed)
        up, done = asyncio.Event(), asyncio.Event()
        closed = [h.screen.wire.closed for h in self.held if h.screen.wire is not None]
        returns = [asyncio.create_task(self.come_back(h, rng)) for h in self.held]
        self.stopped = time.perf_counter()
        restarted = asyncio.create_task(self.restart())
        watcher = asyncio.create_task(self.wait_up(up, http, closed))
        probe = asyncio.create_task(self.facilitator(up, done))
        try:
            await asyncio.wait_for(asyncio.gather(*returns), self.timeout * 2)
        finally:
            done.set()
            back = sum(1 for h in self.held if h.back_at)
            self.figures["back"] = back
            self.figures["screens"] = len(self.held)
        await restarted
        await watcher
        delays = await probe
        last = max(h.back_at for h in self.held)
        self.figures["all_back_s"] = round(last - self.stopped, 2)
        self.figures["all_back_after_up_s"] = round(last - self.up_at, 2)
        self.figures["facilitator_acks"] = len(delays)
        self.figures["facilitator_ack_p50_ms"] = round(percentile(delays, 50), 1)
        self.figures["facilitator_ack_p95_ms"] = round(percentile(delays, 95), 1)
        self.figures["facilitator_ack_max_ms"] = round(max(delays, default=float("nan")), 1)
        self.figures["reconnect_attempts_max"] = max(h.reconnects for h in self.held)

    async def diverged(self) -> int:
        """Every screen at one seq, compared with new sockets' whole views at that seq."""
        references: dict[str, Screen] = {}
        phone = next(h for h in self.held if h.kind == "phone")
        for kind, auth in (
            ("phone", {"token": phone.auth["token"]}),
            ("console", {"session_id": self.session_id, "key": self.key, "screen": "console"}),
            ("room", {"session_id": self.session_id, "key": self.key, "screen": "room"}),
        ):
            references[kind] = await self.open(kind, auth)
        screens = [h.screen for h in self.held] + list(references.values())
        screens.append(self.facilitator_console)
        # New sockets may move the seq (presence): follow it until all hold the same one.
        while True:
            target = max(s.seq for s in screens)
            await asyncio.gather(*(s.wait_seq(target, self.timeout) for s in screens))
            if all(s.seq == target for s in screens):
                break
        self.figures["final_seq"] = target
        wrong = 0
        for held in self.held:
            reference = references[held.kind]
            if bare(held.screen.docs["view"]) != bare(reference.docs["view"]):
                wrong += 1
        wrong += sum(h.screen.failed_patches for h in self.held)
        for screen in references.values():
            screen.close()
        return wrong

    async def run(self) -> dict[str, Any]:
        async with aiohttp.ClientSession() as http:
            began = time.perf_counter()
            await self.prepare(http)
            self.figures["phones"] = self.phones
            self.figures["joined_s"] = round(time.perf_counter() - began, 1)
            try:
                await self.storm(http)
                self.figures["diverged"] = await self.diverged()
                self.figures["resyncs"] = sum(h.screen.resyncs for h in self.held)
            finally:
                for held in self.held:
                    held.screen.close()
                console = getattr(self, "facilitator_console", None)
                if console is not None:
                    console.close()
        return self.figures


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.storm")
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench.server import BenchServer

    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="fabrique-storm-") as folder:
        server = BenchServer(Path(folder), core=0)
        server.start()

        async def restart() -> None:
            await asyncio.to_thread(server.restart)

        try:
            storm = Storm("127.0.0.1", server.port, args.phones, restart, timeout=args.timeout)
            figures = _loop_run(storm.run())
        finally:
            server.stop()
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    json.dump(figures, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if figures["diverged"] == 0 and figures["back"] == figures["screens"] else 1


def _loop_run(coroutine: Any) -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


if __name__ == "__main__":
    sys.exit(main())
