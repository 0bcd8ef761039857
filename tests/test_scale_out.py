"""Two server processes on one session, over a real PostgreSQL and a real Redis: one order of
commands, none lost or doubled, a contribution through one process reaching the screens of the
other, and a five-second Redis outage survived."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from facilitation.registry import default_registry
from facilitation.service import SessionService
from facilitation.store import EventStore, open_engine
from tests.postgres import postgres_cluster
from tests.redis_server import RedisServer
from tests.support import (
    Client,
    ServerProcess,
    caught_up,
    create_session,
    join,
    private_caught_up,
)

NOTES_EACH = 15


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.remove()


@pytest.fixture
async def two_servers(
    postgres_url: str, redis: RedisServer, tmp_path: Path
) -> AsyncIterator[tuple[ServerProcess, ServerProcess]]:
    env = {"DATABASE_URL": postgres_url, "REDIS_URL": redis.url}
    a = ServerProcess(tmp_path / "a.sqlite3", env=env).start()
    b = ServerProcess(tmp_path / "b.sqlite3", env=env).start()
    yield a, b
    a.stop()
    b.stop()
    assert not (tmp_path / "a.sqlite3").exists(), "nothing went to SQLite"


def on(server: ServerProcess, client: Client) -> Client:
    """The same screen, connected to another process (a load balancer's choice)."""
    return Client(server.url, client.auth)


async def logged(postgres_url: str, session_id: str) -> list[tuple[int, str, str]]:
    engine = create_async_engine(postgres_url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                sa.text("SELECT seq, type, data FROM events WHERE session_id = :s ORDER BY seq"),
                {"s": session_id},
            )
            return [(r.seq, r.type, r.data) for r in rows]
    finally:
        await engine.dispose()


async def test_two_processes_serve_one_session_in_one_order(
    two_servers: tuple[ServerProcess, ServerProcess], postgres_url: str
) -> None:
    a, b = two_servers
    async with httpx.AsyncClient(base_url=a.url, timeout=10) as http_a:
        session = await create_session(http_a)
        facilitator = await session.facilitator().connect()
        answer = await facilitator.ok(
            "session.add_activity", {"format": "board", "config": {"question": "Et demain ?"}}
        )
        room_on_b = await Client(b.url, session.facilitator("room").auth).connect()
        await caught_up(answer["seq"], room_on_b)
        camille = await join(http_a, session, "Camille")  # on A
        async with httpx.AsyncClient(base_url=b.url, timeout=10) as http_b:
            # Yanis joins through B, and his phone keeps talking to B.
            first_socket = await join(http_b, session, "Yanis")
            yanis = await on(b, first_socket).connect()
            await first_socket.disconnect()

        # Both phones write at once, each through its own process; each resends one note.
        async def write(phone: Client, name: str) -> list[int]:
            seqs = []
            for i in range(NOTES_EACH):
                answer = await phone.send(
                    "board.add_note", {"text": f"{name} {i}"}, client_id=f"{name}-{i}"
                )
                assert answer["ok"], answer
                seqs.append(answer["seq"])
            again = await phone.send("board.add_note", {"text": f"{name} 0"}, client_id=f"{name}-0")
            assert again["duplicate"] and again["seq"] == seqs[0]
            return seqs

        acked = await asyncio.gather(write(camille, "camille"), write(yanis, "yanis"))
        last = max(max(seqs) for seqs in acked)

        # One order: seqs are unique and gapless; nothing lost, nothing doubled.
        rows = await logged(postgres_url, session.id)
        assert [seq for seq, _, _ in rows] == list(range(1, len(rows) + 1))
        notes = [data for _, kind, data in rows if kind == "board.note_added"]
        assert len(notes) == 2 * NOTES_EACH
        assert sorted(s for seqs in acked for s in seqs) == sorted(
            seq for seq, kind, _ in rows if kind == "board.note_added"
        )

        # A note through A reaches the room screen on B, and a note through B the console on A.
        await caught_up(last, room_on_b, facilitator)
        assert room_on_b.board["note_count"] == facilitator.board["note_count"] == 2 * NOTES_EACH
        # Presence across processes: the console on A sees Yanis, whose phone is on B.
        await facilitator.until(lambda c: c.view["session"]["connected_count"] == 2)

        # Yanis's phone opens a second tab, on A: a note written there reaches his own view
        # on B (B reads A's event from the log, and sees that it concerns Yanis).
        yanis_on_a = await on(a, yanis).connect()
        answer = await yanis_on_a.ok("board.add_note", {"text": "écrit depuis A"})
        await private_caught_up(answer["seq"], yanis)
        assert "écrit depuis A" in {n["text"] for n in yanis.mine["notes"]}
        # The facilitator on A reveals the notes: every phone on B may no longer write.
        answer = await facilitator.ok("step.next")
        await private_caught_up(answer["seq"], yanis)
        assert "board.add_note" not in yanis.private["me"]["can"]

        for client in (facilitator, room_on_b, camille, yanis, yanis_on_a):
            await client.disconnect()


async def test_a_five_second_redis_outage_is_survived(
    two_servers: tuple[ServerProcess, ServerProcess], redis: RedisServer
) -> None:
    a, b = two_servers
    async with httpx.AsyncClient(base_url=a.url, timeout=10) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok(
            "session.add_activity", {"format": "board", "config": {"question": "Et demain ?"}}
        )
        room_on_b = await Client(b.url, session.facilitator("room").auth).connect()
        camille = await join(http, session, "Camille")  # on A

        redis.stop()
        acked = []
        for i in range(5):
            answer = await camille.ok("board.add_note", {"text": f"pendant la panne {i}"})
            acked.append(answer["seq"])
            await asyncio.sleep(1)
        redis.start()

        # B's screens catch up from the log: during the outage, or once Redis is back.
        await caught_up(acked[-1], room_on_b)
        assert room_on_b.board["note_count"] == 5
        answer = await camille.ok("board.add_note", {"text": "après la panne"})
        await caught_up(answer["seq"], room_on_b)
        assert room_on_b.board["note_count"] == 6

        for client in (facilitator, room_on_b, camille):
            await client.disconnect()


async def test_processes_started_at_once_on_a_new_database_migrate_it_once(
    postgres_url: str,
) -> None:
    """A PaaS scaling to several processes starts them together on a new database: one
    migrates, the others wait for it and find nothing left to do."""
    admin = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(sa.text("CREATE DATABASE started_together"))
    finally:
        await admin.dispose()
    fresh = postgres_url.rsplit("/", 1)[0] + "/started_together"
    stores = [EventStore(open_engine(fresh)) for _ in range(4)]
    try:
        # Without the migration lock, they fail on each other's tables, or wait on each other.
        await asyncio.wait_for(asyncio.gather(*(s.create_schema() for s in stores)), 60)
        # Every process then serves the same sessions.
        first = SessionService(stores[0], default_registry())
        made = await first.create_session("Assemblée générale", "Awa", "fr")
        state = await SessionService(stores[3], default_registry()).state(made.id)
        assert state.title == "Assemblée générale"
    finally:
        for store in stores:
            await store.close()
