"""The load generator: `python -m bench.swarm SCENARIO …`, in a process of its own (pinned to
another core than the server's by `python -m bench`), prints one run's figures as JSON.

Scenarios (see bench/README.md): `joins` (N phones join and connect), `steady` (N phones,
contributions at a fixed rate), `dots` (a dot vote on a board of K notes), `bare` (the bare
python-socketio server of bench/bare.py, N sockets, frames of a given size and rate).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from typing import Any

import aiohttp

from bench.measure import Phase, delays, percentile, server_cpu, server_rss_kib
from bench.screens import Screen
from bench.wire import Wire, ask

BOARD = {"format": "board", "title": "Banc d'essai", "config": {"question": "Et si… ?", "dots": 10}}
# Joins "spread" come from a hundred phones per address (X-Forwarded-For, trusted from
# 127.0.0.1); "one" from a single address, as a hall behind one Wi-Fi.
PER_ADDRESS = 100


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.host, self.port = "127.0.0.1", args.port
        self.url = f"http://{self.host}:{self.port}"
        # With several processes, the room screen is on the last one and the phones on each in
        # turn (as a load balancer would spread them): what one writes reaches the others.
        self.last = args.ports[-1]
        self.phones: list[Screen] = []
        self.staff: list[Screen] = []
        self.figures: dict[str, Any] = {"scenario": args.scenario, "n": args.n}

    @property
    def screens(self) -> list[Screen]:
        return self.staff + self.phones

    async def session(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        body = {"title": "Banc d'essai", "facilitator_name": "Bench", "language": "fr"}
        async with http.post(f"{self.url}/api/sessions", json=body) as response:
            created: dict[str, Any] = await response.json()
        created["key"] = created["facilitator_url"].rsplit("/", 1)[1]
        for kind, screen, port in (("console", "console", self.port), ("room", "room", self.last)):
            staff = Screen(kind, keeps=True)
            auth = {"session_id": created["id"], "key": created["key"], "screen": screen}
            await staff.open(self.host, port, auth, self.args.deflate, self.args.timeout)
            self.staff.append(staff)
        return created

    async def join(self, http: aiohttp.ClientSession, code: str, number: int) -> float:
        began = time.perf_counter()
        address = "10.9.9.9" if self.args.address == "one" else f"10.8.{number // PER_ADDRESS}.1"
        async with http.post(
            f"{self.url}/api/join/{code}",
            json={"name": f"P{number}"},
            headers={"X-Forwarded-For": address},
        ) as response:
            if response.status != 201:
                raise RuntimeError(f"join {number}: {response.status} {await response.text()}")
            token = (await response.json())["token"]
        # A few phones keep their documents whole, to check the patches at the end.
        phone = Screen("phone", keeps=number % 97 == 1)
        self.phones.append(phone)
        port = self.args.ports[number % len(self.args.ports)]
        await phone.open(self.host, port, {"token": token}, self.args.deflate, self.args.timeout)
        return time.perf_counter() - began

    async def join_all(self, http: aiohttp.ClientSession, code: str) -> list[float]:
        numbers = iter(range(1, self.args.n + 1))
        took: list[float] = []

        async def worker() -> None:
            for number in numbers:
                took.append(await self.join(http, code, number))

        await asyncio.gather(*(worker() for _ in range(self.args.concurrency)))
        return took

    async def command(self, screen: Screen, type_: str, payload: dict[str, Any]) -> int:
        assert screen.wire is not None
        message = {"type": type_, "payload": payload}
        answer, _ = await ask(screen.wire, "command", message, self.args.timeout)
        if not answer.get("ok"):
            raise RuntimeError(f"{type_} refused: {answer}")
        return int(answer["seq"])

    async def everyone_at(self, seq: int) -> None:
        """Wait until every screen holds a view at `seq` or later; count those that do."""
        try:
            await asyncio.wait_for(
                asyncio.gather(*(s.wait_seq(seq, self.args.timeout) for s in self.screens)),
                self.args.timeout,
            )
        finally:
            self.figures["screens"] = len(self.screens)
            self.figures["screens_at_last_seq"] = sum(1 for s in self.screens if s.seq >= seq)

    async def check_patches(self, session: dict[str, Any]) -> int:
        """Screens that kept their documents hold what a new socket gets whole (less `now`)."""
        wrong = sum(s.failed_patches for s in self.screens)
        console, room = self.staff
        for kept, screen in ((console, "console"), (room, "room")):
            fresh = Screen(kept.kind, keeps=True)
            auth = {"session_id": session["id"], "key": session["key"], "screen": screen}
            await fresh.open(self.host, self.port, auth, False, self.args.timeout)
            await fresh.wait_seq(kept.seq, self.args.timeout)
            await asyncio.sleep(0.5)  # presence: the new socket's own view goes out too
            await kept.wait_seq(fresh.seq, self.args.timeout)
            if _bare(kept.docs["view"]) != _bare(fresh.docs["view"]):
                wrong += 1
            self.figures[f"whole_view_bytes_{kept.kind}"] = fresh.whole_bytes
            fresh.close()
        return wrong

    # -- scenarios -----------------------------------------------------------------------------

    async def joins(self) -> None:
        async with aiohttp.ClientSession() as http:
            session = await self.session(http)
            phase = Phase.begin(self.args, self.screens)
            took = await self.join_all(http, session["join_code"])
            self.figures.update(phase.end(self.screens))
            self.figures["join_p50_ms"] = percentile(took, 50) * 1000
            self.figures["join_p99_ms"] = percentile(took, 99) * 1000
            # Nothing lost: every screen ends up counting every participant.
            room = self.staff[1]
            deadline = time.monotonic() + self.args.timeout
            while room.docs["view"]["session"]["participant_count"] < self.args.n:
                if time.monotonic() > deadline:
                    raise RuntimeError("the room never counted everyone")
                await asyncio.sleep(0.05)
            await self.everyone_at(room.seq)
            self.figures["lost"] = 0
            self.figures["rss_kib_per_participant"] = (
                server_rss_kib(self.args.pids) - self.figures["rss_kib_before"]
            ) / self.args.n
            self.figures["patch_errors"] = await self.check_patches(session)

    async def contributions(self) -> None:
        """`steady` (notes during writing) and `dots` (dots during a vote on `--notes` notes)."""
        args = self.args
        async with aiohttp.ClientSession() as http:
            session = await self.session(http)
            rss_before = server_rss_kib(args.pids)
            await self.join_all(http, session["join_code"])
            console = self.staff[0]
            await self.everyone_at(await self.command(console, "session.add_activity", BOARD))
            if args.scenario == "dots":
                seq = await self.write_notes(args.notes)
                for _ in range(3):  # write → reveal → group → vote
                    seq = await self.command(console, "step.next", {})
                await self.everyone_at(seq)
            await asyncio.sleep(1)  # GC: the wave of arrivals ends (server/gc_tuning.py)
            self.figures["rss_kib_per_participant"] = (
                server_rss_kib(args.pids) - rss_before
            ) / args.n
            sent, acks = await self.drive()
            self.figures.update(self.timing(sent, acks))
            self.figures["patch_errors"] = await self.check_patches(session)

    async def write_notes(self, count: int) -> int:
        async def write(phone: Screen, numbers: range) -> int:
            seq = 0
            for number in numbers:
                seq = await self.command(phone, "board.add_note", {"text": f"Idée n° {number}"})
            return seq

        writers = self.phones[: max(1, min(len(self.phones), count // 5))]
        share = -(-count // len(writers))
        seqs = await asyncio.gather(
            *(
                write(phone, range(i * share, min(count, (i + 1) * share)))
                for i, phone in enumerate(writers)
            )
        )
        return max(seqs)

    async def drive(self) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """Contributions at `--rate` a second for `--seconds`, from the phones in turn, without
        waiting for acks (the room does not wait either): (sent at, index) and (ack at, seq)."""
        args = self.args
        total = int(args.rate * args.seconds)
        sent: list[tuple[float, int]] = []
        acks: list[tuple[float, int]] = [(0.0, -1)] * total
        answered = asyncio.Event()
        count = 0

        def on_ack(index: int) -> Any:
            def answered_(ack: Any) -> None:
                nonlocal count
                acks[index] = (time.perf_counter(), int(ack["seq"]) if ack.get("ok") else -1)
                count += 1
                if count == total:
                    answered.set()

            return answered_

        phase = Phase.begin(args, self.screens)
        start = time.perf_counter()
        for i in range(total):
            delay = start + i / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            phone = self.phones[i % len(self.phones)]
            if args.scenario == "dots":
                payload = {
                    "type": "board.add_vote",
                    "payload": {"note_id": f"n{i % args.notes + 1}"},
                }
            else:
                payload = {"type": "board.add_note", "payload": {"text": f"Note {i}"}}
            assert phone.wire is not None
            sent.append((time.perf_counter(), i))
            phone.wire.call("command", payload, on_ack(i))
        await asyncio.wait_for(answered.wait(), args.timeout)
        last = max(seq for _, seq in acks)
        try:
            await self.everyone_at(last)
        finally:
            self.figures.update(phase.end(self.screens))
        return sent, acks

    def timing(
        self, sent: list[tuple[float, int]], acks: list[tuple[float, int]]
    ) -> dict[str, Any]:
        refused = sum(1 for _, seq in acks if seq < 0)
        ack_ms = [(a - s) * 1000 for (s, _), (a, seq) in zip(sent, acks, strict=True) if seq >= 0]
        pairs = [(s, seq) for (s, _), (_, seq) in zip(sent, acks, strict=True) if seq >= 0]
        every, lost = delays(pairs, self.screens)
        return {
            "refused": refused,
            "lost": lost,
            "ack_p50_ms": percentile(ack_ms, 50),
            "ack_p99_ms": percentile(ack_ms, 99),
            "view_p50_ms": percentile(every, 50),
            "view_p99_ms": percentile(every, 99),
            "resyncs": sum(s.resyncs for s in self.screens),
        }

    async def bare(self) -> None:
        args = self.args
        phones = [Screen("phone") for _ in range(args.n)]
        for start in range(0, args.n, args.concurrency):
            batch = phones[start : start + args.concurrency]
            await asyncio.gather(*(self._bare_open(p) for p in batch))
        self.phones = phones
        control = phones[0].wire
        assert control is not None
        phase = Phase.begin(args, self.phones)
        order = {"rate": args.rate, "size": args.size, "seconds": args.seconds}
        await ask(control, "start", order, args.seconds + args.timeout)
        await asyncio.sleep(0.2)
        self.figures.update(phase.end(self.phones))
        self.figures["lost"] = sum(1 for p in phones if p.seq < int(args.rate * args.seconds))

    async def _bare_open(self, phone: Screen) -> None:
        phone.wire = await Wire.open(
            self.host, self.port, {}, phone.on_event, self.args.deflate, self.args.timeout
        )
        await phone.wait_seq(0, self.args.timeout)


def _bare(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k != "now"}


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.swarm")
    parser.add_argument("scenario", choices=["joins", "steady", "dots", "bare"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument(
        "--more", default="", help="other processes of the same server: port:pid,port:pid"
    )
    parser.add_argument("--stats", default="", help="the server's GC figures file")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--address", choices=["spread", "one"], default="spread")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--deflate", action="store_true")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(argv)
    others = [pair.split(":") for pair in args.more.split(",") if pair]
    args.ports = [args.port, *(int(port) for port, _ in others)]
    args.pids = [args.pid, *(int(pid) for _, pid in others)]
    return args


async def main(args: argparse.Namespace) -> dict[str, Any]:
    run = Run(args)
    try:
        if args.scenario == "joins":
            await run.joins()
        elif args.scenario == "bare":
            await run.bare()
        else:
            await run.contributions()
    finally:
        for screen in run.screens:
            screen.close()
    run.figures["cpu_s_total"] = server_cpu(args.pids)
    return run.figures


if __name__ == "__main__":
    arguments = parse()
    try:
        import uvloop
    except ImportError:  # uvicorn[standard] brings it where it builds; asyncio does the job
        figures = asyncio.run(main(arguments))
    else:
        figures = uvloop.run(main(arguments))
    json.dump(figures, sys.stdout)
    sys.stdout.write("\n")
