"""One measured run: a fresh server, a workshop of N participants, every participant writing notes.

Phases, each bounded by `timeout`: start the server; create the session over HTTP; connect the
console and the room screen; join and connect the participants in batches; the facilitator adds
a board; all participants write their notes at once (each sends its next note after the previous
ack); wait until the room screen and every phone have the last view; read the server's memory;
disconnect everyone; stop the server (in `finally`, whatever happened).
"""

from __future__ import annotations

import asyncio
import bisect
import tempfile
import time
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from bench.screens import Arrival, Sample, Screen
from bench.server import BenchServer

BOARD = {
    "format": "board",
    "title": "Banc d'essai",
    "config": {"question": "Comment mieux communiquer entre nos structures ?", "dots": 3},
}
# The server allows 300 joins a minute per address (a room shares one Wi-Fi address). Joins are
# not what is measured here, so they are spread over fake addresses through X-Forwarded-For,
# which uvicorn trusts from 127.0.0.1; a workshop over 300 people would otherwise get 429.
JOINS_PER_FAKE_ADDRESS = 100

T = TypeVar("T")


class RunFailed(Exception):
    """A run that could not finish (a timeout, a refused join, a server that died)."""


@dataclass(frozen=True)
class Options:
    notes: int = 3
    batch: int = 50
    timeout: float = 60


@dataclass
class RunResult:
    size: int
    samples: list[Sample] = field(default_factory=list)
    fanout_ms: list[float] = field(default_factory=list)
    # Notes whose first room view at or after their seq showed fewer notes than it should.
    miscounted: int = 0
    connect_s: float = 0.0
    writing_s: float = 0.0
    # From the last ack until every phone has the last view.
    drain_ms: float = 0.0
    # CPU used while the notes were written: by the server, and by this load generator.
    server_cpu_s: float = 0.0
    generator_cpu_s: float = 0.0
    disconnect_s: float = 0.0
    memory_kib: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0

    @property
    def errors(self) -> list[str]:
        return [s.error for s in self.samples if s.error is not None]


async def _bounded(awaitables: Iterable[Awaitable[T]], timeout: float, what: str) -> list[T]:
    try:
        return await asyncio.wait_for(asyncio.gather(*awaitables), timeout)
    except TimeoutError as exc:
        raise RuntimeError(f"{what}: no answer within {timeout:g} s") from exc


def _batches(items: list[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _join(http: httpx.AsyncClient, code: str, number: int) -> str:
    address = f"10.77.0.{number // JOINS_PER_FAKE_ADDRESS + 1}"
    response = await http.post(
        f"/api/join/{code}",
        json={"name": f"P{number}"},
        headers={"X-Forwarded-For": address},
    )
    if response.status_code != 201:
        raise RuntimeError(f"join failed: {response.status_code} {response.text}")
    token: str = response.json()["token"]
    return token


async def _write_notes(
    phone: Screen, number: int, options: Options, go: asyncio.Event
) -> list[Sample]:
    await go.wait()
    samples = []
    for i in range(options.notes):
        text = f"Idée {i + 1} de la personne {number}"
        samples.append(await phone.command("board.add_note", {"text": text}, options.timeout))
    return samples


def _fanout(
    samples: list[Sample], arrivals: list[Arrival], board_seq: int
) -> tuple[list[float], int]:
    """For each acked note, the delay from its ack to the first room view that includes it.

    Views are published in log order, so the first view with `seq` at or after the note's seq is
    the first one that shows it; its `note_count` must then count at least `seq - board_seq`
    notes (only notes are added meanwhile). Negative delays are real: the server publishes the
    views before it acknowledges, so the room can see a note before its author gets the ack.
    """
    seqs = [a.seq for a in arrivals]
    delays: list[float] = []
    miscounted = 0
    for sample in samples:
        if sample.seq is None:
            continue
        index = bisect.bisect_left(seqs, sample.seq)
        if index == len(arrivals):
            continue  # never shown: caught by the wait on the last view
        arrival = arrivals[index]
        if arrival.note_count < sample.seq - board_seq:
            miscounted += 1
        delays.append((arrival.at - sample.acked) * 1000)
    return delays, miscounted


async def run_workshop(size: int, options: Options) -> RunResult:
    result = RunResult(size)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fabrique-bench-") as folder:
        server = BenchServer(Path(folder))
        screens: list[Screen] = []
        try:
            await server.start()
            try:
                await _measure(server, size, options, result, screens)
            except Exception as exc:
                tail = server.log_tail(15)
                raise RunFailed(
                    f"N={size}: {exc!r}\n--- end of the server log ---\n{tail}"
                ) from exc
        finally:
            try:
                started = time.perf_counter()
                await _disconnect(screens, options)
                result.disconnect_s = time.perf_counter() - started
            finally:
                server.stop()
    result.wall_s = time.perf_counter() - began
    return result


async def _disconnect(screens: list[Screen], options: Options) -> None:
    for batch in _batches(screens, options.batch * 4):
        await asyncio.wait(
            [asyncio.ensure_future(s.disconnect()) for s in batch], timeout=options.timeout
        )


async def _measure(
    server: BenchServer, size: int, options: Options, result: RunResult, screens: list[Screen]
) -> None:
    timeout = options.timeout
    async with httpx.AsyncClient(base_url=server.url, timeout=timeout) as http:
        created = await http.post(
            "/api/sessions",
            json={"title": "Banc d'essai", "facilitator_name": "Bench", "language": "fr"},
        )
        if created.status_code != 201:
            raise RuntimeError(f"session not created: {created.status_code} {created.text}")
        session: dict[str, Any] = created.json()
        key = session["facilitator_url"].rsplit("/", 1)[1]
        facilitator = Screen(server.url, {"session_id": session["id"], "key": key})
        room = Screen(
            server.url,
            {"session_id": session["id"], "key": key, "screen": "room"},
            record_views=True,
        )
        screens += [facilitator, room]
        await _bounded([facilitator.connect(timeout), room.connect(timeout)], timeout, "screens")

        started = time.perf_counter()
        phones: list[Screen] = []
        for numbers in _batches(list(range(1, size + 1)), options.batch):
            tokens = await _bounded(
                (_join(http, session["join_code"], n) for n in numbers), timeout, "joins"
            )
            batch = [Screen(server.url, {"token": token}) for token in tokens]
            screens += batch
            phones += batch
            await _bounded((p.connect(timeout) for p in batch), timeout, "connects")
        result.connect_s = time.perf_counter() - started

    added = await facilitator.command("session.add_activity", BOARD, timeout)
    if added.seq is None:
        raise RuntimeError(f"the board was not added: {added.error}")
    board_seq = added.seq
    await _bounded((s.wait_seq(board_seq, timeout) for s in screens), timeout, "board views")

    go = asyncio.Event()
    writers = [
        asyncio.ensure_future(_write_notes(p, n, options, go)) for n, p in enumerate(phones, 1)
    ]
    await asyncio.sleep(0)  # every writer is waiting on `go`: they start together
    server_cpu = server.cpu_seconds()
    generator_cpu = time.process_time()
    go.set()
    start = time.perf_counter()
    per_phone = await _bounded(writers, timeout * options.notes, "notes")
    result.server_cpu_s = server.cpu_seconds() - server_cpu
    result.generator_cpu_s = time.process_time() - generator_cpu
    result.samples = [s for samples in per_phone for s in samples]
    last_ack = max(s.acked for s in result.samples)
    result.writing_s = last_ack - start

    last_seq = max((s.seq for s in result.samples if s.seq is not None), default=board_seq)
    await _bounded((s.wait_seq(last_seq, timeout) for s in screens), timeout, "last views")
    result.drain_ms = (time.perf_counter() - last_ack) * 1000
    result.memory_kib = server.memory_kib()
    assert room.arrivals is not None
    result.fanout_ms, result.miscounted = _fanout(result.samples, room.arrivals, board_seq)
