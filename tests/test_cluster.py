"""What server processes tell each other over a real Redis: change notices, presence, and what
happens when Redis goes away for a few seconds and comes back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from server.cluster import CHANNEL, RedisCluster
from tests.redis_server import RedisServer, redis_server
from tests.support import eventually


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


class Heard:
    """What one process's fan-out is told."""

    def __init__(self) -> None:
        self.changes: list[tuple[str, int | None]] = []
        self.resyncs = 0

    async def on_change(self, session_id: str, seq: int | None) -> None:
        self.changes.append((session_id, seq))

    async def on_resync(self) -> None:
        self.resyncs += 1


async def two_processes(url: str) -> tuple[RedisCluster, Heard, RedisCluster, Heard]:
    a, b = RedisCluster(url), RedisCluster(url)
    heard_a, heard_b = Heard(), Heard()
    await a.start(heard_a.on_change, heard_a.on_resync)
    await b.start(heard_b.on_change, heard_b.on_resync)
    # Both listening: Redis counts two subscribers (a fixed sleep is too short on a busy machine).
    deadline = asyncio.get_running_loop().time() + 10
    while dict(await a._redis.pubsub_numsub(CHANNEL)).get(CHANNEL.encode(), 0) < 2:
        assert asyncio.get_running_loop().time() < deadline, "the listeners never subscribed"
        await asyncio.sleep(0.02)
    return a, heard_a, b, heard_b


async def test_a_change_and_presence_on_one_process_reach_the_other(redis: RedisServer) -> None:
    a, heard_a, b, heard_b = await two_processes(redis.url)
    try:
        # B serves session s1 (a phone of p2 is on it); A serves a phone of p1.
        b.arrived("s1", "p2")
        a.arrived("s1", "p1")
        await eventually(lambda: set(b.connected("s1")) == {"p1", "p2"})
        await eventually(lambda: set(a.connected("s1")) == {"p1", "p2"})
        assert ("s1", None) in heard_b.changes, "B is told presence changed"

        await a.announce("s1", 42)
        await eventually(lambda: ("s1", 42) in heard_b.changes)
        assert ("s1", 42) not in heard_a.changes, "a process is not told its own notices"

        await b.announce("s9", 7)  # a session A has no socket in: nothing to do there
        await asyncio.sleep(0.2)
        assert all(session != "s9" for session, _ in heard_a.changes)

        # p1 leaves A: B sees them gone.
        a.left("s1", "p1")
        await eventually(lambda: set(b.connected("s1")) == {"p2"})
    finally:
        await a.close()
        await b.close()


async def test_a_redis_outage_is_survived_and_caught_up(redis: RedisServer) -> None:
    a, heard_a, b, heard_b = await two_processes(redis.url)
    try:
        a.arrived("s1", "p1")
        b.arrived("s1", "p2")
        await eventually(lambda: set(b.connected("s1")) == {"p1", "p2"})

        redis.stop()
        # Nothing raises while Redis is away; each process still knows its own sockets.
        await a.announce("s1", 50)
        b.arrived("s1", "p3")
        assert {"p2", "p3"} <= set(b.connected("s1"))
        await asyncio.sleep(1)

        redis.start()  # back on the same port, empty (it keeps nothing on disk)
        # Both listeners reconnect and ask their fan-out to catch every session up from the log.
        await eventually(lambda: heard_a.resyncs >= 1 and heard_b.resyncs >= 1, timeout=10)
        # Presence is written again from each process's own sockets.
        await eventually(lambda: set(a.connected("s1")) == {"p1", "p2", "p3"}, timeout=10)
        await a.announce("s1", 51)
        await eventually(lambda: ("s1", 51) in heard_b.changes)
    finally:
        await a.close()
        await b.close()
