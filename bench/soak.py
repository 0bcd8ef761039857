"""`python -m bench.soak --minutes 30`: a long run that says whether the server stays healthy.

Workshops follow one another for the whole run, two at a time, each for `--workshop` seconds:
the facilitator creates the session (console and room screen on their sockets) and adds a board;
phones join (`POST /api/join/{code}`, then the socket), write a note, some leave and come back
with their link (the same participant, a new socket) and write again, then leave; when the
workshop ends the facilitator deletes the session with its log. Every few seconds the run reads
the server's memory (`VmRSS`) and open file descriptors (`/proc/<pid>/fd`, less the sockets the
load holds open at that moment); every note's acknowledgement is timed.

Healthy means: after the warm-up (the first 5 minutes, a third of shorter runs), memory and file
descriptors grow by less than 5 % (the median of the last minute against that of the first
minute after the warm-up), and the acks of the last five minutes are as fast as those of the
first five. The figures are printed as JSON (and with `--json PATH` written there); the exit
status is 1 when a bound is missed or a note was refused or lost. `tests/test_soak.py` runs a
short one against `python -m server`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.measure import percentile, server_rss_kib
from bench.screens import Screen
from bench.wire import ask

BOARD = {"format": "board", "title": "Endurance", "config": {"question": "Et si… ?", "dots": 10}}
GROWTH_BOUND = 0.05


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@dataclass
class Sample:
    at: float  # seconds since the start
    rss_kib: int
    fds: int
    sockets: int  # sockets the load held open when the fds were counted


@dataclass
class Soak:
    host: str
    port: int
    pid: int
    seconds: float
    workshop: float = 60.0
    joins_per_second: float = 4.0
    stay: float = 8.0
    timeout: float = 30.0
    sample_every: float = 5.0
    warmup: float | None = None
    began: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    acks: list[tuple[float, float]] = field(default_factory=list)  # (at, ms)
    joined: int = 0
    returned: int = 0
    left: int = 0
    refused: list[str] = field(default_factory=list)
    workshops: int = 0
    deleted: int = 0
    sockets: int = 0
    _numbers: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def now(self) -> float:
        return time.perf_counter() - self.began

    async def run(self) -> dict[str, Any]:
        self.began = time.perf_counter()
        end = self.began + self.seconds
        async with aiohttp.ClientSession() as http:
            sampler = asyncio.create_task(self.sample_until(end))
            running: set[asyncio.Task[None]] = set()
            # A new workshop every half workshop: two at a time, one starting as one ends.
            while time.perf_counter() + self.workshop <= end or not self.workshops:
                task = asyncio.create_task(self.one_workshop(http))
                running.add(task)
                task.add_done_callback(running.discard)
                await asyncio.sleep(self.workshop / 2)
            if running:
                await asyncio.gather(*running)
            sampler.cancel()
            self.take_sample()
        return self.figures()

    async def sample_until(self, end: float) -> None:
        while time.perf_counter() < end:
            self.take_sample()
            await asyncio.sleep(self.sample_every)

    def take_sample(self) -> None:
        # Sockets open on our side just before and after the count: the server holds as many.
        sockets = self.sockets
        fds = open_fds(self.pid)
        self.samples.append(
            Sample(self.now(), server_rss_kib([self.pid]), fds, min(sockets, self.sockets))
        )

    async def command(self, screen: Screen, type_: str, payload: dict[str, Any]) -> int:
        assert screen.wire is not None
        message = {"type": type_, "payload": payload}
        answer, _ = await ask(screen.wire, "command", message, self.timeout)
        if not answer.get("ok"):
            raise RuntimeError(f"{type_} refused: {answer}")
        return int(answer["seq"])

    async def open(self, screen: Screen, auth: dict[str, Any]) -> None:
        await screen.open(self.host, self.port, auth, False, self.timeout)
        self.sockets += 1

    async def close(self, screen: Screen) -> None:
        if screen.wire is None:
            return
        screen.close()
        await asyncio.wait_for(screen.wire.closed, self.timeout)
        self.sockets -= 1

    async def one_workshop(self, http: aiohttp.ClientSession) -> None:
        self.workshops += 1
        body = {"title": "Endurance", "facilitator_name": "Soak", "language": "fr"}
        async with http.post(f"{self.url}/api/sessions", json=body) as response:
            created: dict[str, Any] = await response.json()
        key = created["facilitator_url"].rsplit("/", 1)[1]
        staff = [Screen("console"), Screen("room")]
        for screen in staff:
            await self.open(
                screen, {"session_id": created["id"], "key": key, "screen": screen.kind}
            )
        await self.command(staff[0], "session.add_activity", BOARD)
        phones: list[asyncio.Task[None]] = []
        # Joins for the workshop's length less the time a phone stays.
        joining_until = time.perf_counter() + max(self.workshop - self.stay - 2, 1)
        per_workshop = self.joins_per_second / 2
        while time.perf_counter() < joining_until:
            phones.append(asyncio.create_task(self.one_phone(http, created["join_code"])))
            await asyncio.sleep(1 / per_workshop)
        results = await asyncio.gather(*phones, return_exceptions=True)
        self.refused += [repr(r) for r in results if isinstance(r, BaseException)]
        for screen in staff:
            await self.close(screen)
        async with http.delete(
            f"{self.url}/api/sessions/{created['id']}", headers={"Authorization": f"Bearer {key}"}
        ) as response:
            if response.status == 204:
                self.deleted += 1
            else:
                self.refused.append(f"delete {response.status}")

    async def one_phone(self, http: aiohttp.ClientSession, code: str) -> None:
        number = next(self._numbers)
        address = f"10.7.{number // 200 % 250}.{number % 200 + 1}"
        async with http.post(
            f"{self.url}/api/join/{code}",
            json={"name": f"P{number}"},
            headers={"X-Forwarded-For": address},
        ) as response:
            if response.status != 201:
                raise RuntimeError(f"join {response.status} {await response.text()}")
            token = (await response.json())["token"]
        self.joined += 1
        # A third of the phones lose the Wi-Fi once and come back with their link.
        visits = 2 if number % 3 == 0 else 1
        for visit in range(visits):
            phone = Screen("phone")
            await self.open(phone, {"token": token})
            sent = time.perf_counter()
            await self.command(phone, "board.add_note", {"text": f"Note {number}.{visit}"})
            self.acks.append((self.now(), (time.perf_counter() - sent) * 1000))
            await asyncio.sleep(self.stay / visits)
            await self.close(phone)
            self.returned += visit
        self.left += 1

    def figures(self) -> dict[str, Any]:
        return summarise(
            self.samples, self.acks, self.seconds, self.warmup, joined=self.joined,
            returned=self.returned, left=self.left, workshops=self.workshops,
            deleted=self.deleted, refused=len(self.refused), errors=self.refused[:5],
        )  # fmt: skip


def _median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def summarise(
    samples: Sequence[Sample],
    acks: Sequence[tuple[float, float]],
    seconds: float,
    warmup: float | None = None,
    **counts: Any,
) -> dict[str, Any]:
    """Growth after the warm-up (medians of the minute after it and of the last minute; a
    sixth of the run each when shorter), ack latency at the start and the end."""
    if warmup is None:
        warmup = 600.0 if seconds >= 1500 else seconds / 3
    window = min(60.0, (seconds - warmup) / 3)
    end = max(s.at for s in samples)
    early = [s for s in samples if warmup <= s.at < warmup + window]
    late = [s for s in samples if s.at >= end - window]
    rss_early = _median([s.rss_kib for s in early])
    rss_late = _median([s.rss_kib for s in late])
    # The sockets open at the moment come and go with the load; what must not grow is the rest.
    fds_early = _median([s.fds - s.sockets for s in early])
    fds_late = _median([s.fds - s.sockets for s in late])
    # Acks: the first and the last five minutes (a third of shorter runs).
    span = 300.0 if seconds >= 900 else seconds / 3
    first = [ms for at, ms in acks if at < span]
    last = [ms for at, ms in acks if at >= end - span]
    return {
        "seconds": round(end, 1),
        "warmup_s": warmup,
        **counts,
        "notes_acked": len(acks),
        "rss_mib_after_warmup": round(rss_early / 1024, 1),
        "rss_mib_end": round(rss_late / 1024, 1),
        "rss_growth_pct": round(100 * (rss_late - rss_early) / rss_early, 2),
        "rss_mib_max": round(max(s.rss_kib for s in samples) / 1024, 1),
        "fds_after_warmup": fds_early,
        "fds_end": fds_late,
        "fds_growth_pct": round(100 * (fds_late - fds_early) / fds_early, 2),
        "fds_max": max(s.fds for s in samples),
        "sockets_max": max(s.sockets for s in samples),
        "ack_p50_first_ms": round(percentile(first, 50), 1),
        "ack_p95_first_ms": round(percentile(first, 95), 1),
        "ack_p50_last_ms": round(percentile(last, 50), 1),
        "ack_p95_last_ms": round(percentile(last, 95), 1),
        "samples": [(round(s.at, 1), s.rss_kib, s.fds, s.sockets) for s in samples],
    }


def healthy(figures: dict[str, Any], ack_factor: float = 2.0) -> list[str]:
    """The bounds the issue names, missed (empty when healthy)."""
    missed = []
    if figures["refused"]:
        missed.append(f"{figures['refused']} refused: {figures['errors']}")
    if figures["rss_growth_pct"] >= 100 * GROWTH_BOUND:
        missed.append(f"memory grew {figures['rss_growth_pct']} %")
    if figures["fds_growth_pct"] >= 100 * GROWTH_BOUND:
        missed.append(f"file descriptors grew {figures['fds_growth_pct']} %")
    # Stable: the last minutes' p95 within `ack_factor` of the first's, give or take 20 ms.
    if figures["ack_p95_last_ms"] > ack_factor * figures["ack_p95_first_ms"] + 20:
        missed.append(f"ack p95 {figures['ack_p95_first_ms']} → {figures['ack_p95_last_ms']} ms")
    return missed


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.soak")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--workshop", type=float, default=60, help="seconds a workshop lasts")
    parser.add_argument("--joins", type=float, default=4, help="phones joining a second")
    parser.add_argument("--stay", type=float, default=8, help="seconds a phone stays")
    parser.add_argument(
        "--warmup", type=float, default=None, help="minutes (default 5; a third under 15)"
    )
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench.server import BenchServer

    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="fabrique-soak-") as folder:
        server = BenchServer(Path(folder), core=0)
        server.start()
        try:
            soak = Soak(
                "127.0.0.1", server.port, server.pid, args.minutes * 60,
                workshop=args.workshop, joins_per_second=args.joins, stay=args.stay,
                warmup=None if args.warmup is None else args.warmup * 60,
            )  # fmt: skip
            figures = _loop_run(soak.run())
            if figures["refused"]:
                figures["server_log"] = server.log_tail(60)
        finally:
            server.stop()
    missed = healthy(figures)
    figures["missed"] = missed
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    shown = {k: v for k, v in figures.items() if k != "samples"}
    json.dump(shown, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 1 if missed else 0


def _loop_run(coroutine: Any) -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


if __name__ == "__main__":
    sys.exit(main())
