"""`python -m bench.log_writes`: what appending one command to a SQLite log costs, through the
log's own writing thread (facilitation/sqlite_log.py) and through SQLAlchemy over aiosqlite (what
PostgreSQL's path does, and SQLite's did), in the same run, medians of several rounds.

CPU is the whole process's (`time.process_time`: the event loop and the threads), per command;
each round appends `--commands` notes with their client ids to a fresh file.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from facilitation.store import EventStore, NewCredential, open_engine
from facilitation.types import Event


async def one_round(folder: Path, through_thread: bool, commands: int) -> tuple[float, float]:
    """CPU ms and wall ms per command."""
    store = EventStore(open_engine(f"sqlite+aiosqlite:///{folder / 'log.sqlite3'}"))
    if not through_thread:
        await store._log.close()  # type: ignore[union-attr]
        store._log = None  # the engine's path
    try:
        await store.create_schema()
        created = Event("session.created", {"title": "AG"}, None, None, "2026-12-03T09:00:00")
        await store.create_session(
            "s1", "ABCDEFGH", "t", [created], NewCredential("h", "facilitator")
        )
        seq = 1
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(commands):
            note = Event("board.note_added", {"text": f"idée {i}"}, "a1", "p1", "2026-12-03T10:00")
            seq = await store.append("s1", seq, [note], actor_id="p1", client_id=f"c{i}")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        await store.close()
    return cpu * 1000 / commands, wall * 1000 / commands


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, list[tuple[float, float]]] = {"own thread": [], "SQLAlchemy": []}
    for _ in range(args.repeats):
        for label, through_thread in (("own thread", True), ("SQLAlchemy", False)):
            with tempfile.TemporaryDirectory() as folder:
                figures[label].append(await one_round(Path(folder), through_thread, args.commands))
    print(f"{args.commands} commands a round, medians of {args.repeats} rounds")
    print(f"{'path':>12}  {'CPU ms/command':>14}  {'wall ms/command':>15}")
    for label, rounds in figures.items():
        cpu = statistics.median(r[0] for r in rounds)
        wall = statistics.median(r[1] for r in rounds)
        print(f"{label:>12}  {cpu:>14.3f}  {wall:>15.3f}")
    ratio = statistics.median(r[0] for r in figures["SQLAlchemy"]) / statistics.median(
        r[0] for r in figures["own thread"]
    )
    print(f"SQLAlchemy over aiosqlite costs {ratio:.1f}× the CPU of the log's own thread")


if __name__ == "__main__":
    asyncio.run(main())
