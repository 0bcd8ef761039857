"""Several server processes on one session: what they tell each other, over Redis.

The event log (PostgreSQL) is the truth and each process fans out to its own sockets from it.
Redis carries only two small things, so that no process waits on another:

- change notices: "session S is at seq N", published after each commit; a process with sockets
  in S catches its state up from the log and sends its sockets what changed;
- presence: who is connected to a session, on any process (each process keeps its part in a
  set that expires unless refreshed, so a process that dies leaves no ghosts behind).

Redis may go away: a notice that cannot be published is dropped (the others poll the log for
the sessions they serve, see `Fanout`), presence falls back to this process's own sockets, and
the listener reconnects and asks for a full catch-up once Redis is back. `server/scale_out.py`
wires this into the fan-out; one process with no Redis needs none of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Coroutine
from typing import Any

log = logging.getLogger("fabrique.cluster")

CHANNEL = "fabrique:changes"
# A process refreshes its presence sets this often; they expire if it stops (it died).
HEARTBEAT = 10.0
PRESENCE_TTL = 30
# After Redis went away, how long to wait before trying again.
RECONNECT = 0.5
# At shutdown, how long each step may wait on Redis.
CLOSE_WAIT = 2.0

# Called with (session_id, seq or None): seq None means "presence changed".
OnChange = Callable[[str, int | None], Awaitable[None]]
# Called once Redis is back after an outage: every served session may have missed notices.
OnResync = Callable[[], Awaitable[None]]


class LocalCluster:
    """This process's part of presence: who is connected here."""

    def __init__(self) -> None:
        self._local: dict[str, Counter[str]] = {}

    def arrived(self, session_id: str, participant_id: str) -> bool:
        """Count a socket in; True when it is this participant's first here."""
        counts = self._local.setdefault(session_id, Counter())
        counts[participant_id] += 1
        return counts[participant_id] == 1

    def left(self, session_id: str, participant_id: str) -> bool:
        """Count a socket out; True when it was this participant's last here."""
        counts = self._local.get(session_id)
        if counts is None or counts[participant_id] <= 0:
            return False
        counts[participant_id] -= 1
        if counts[participant_id] <= 0:
            del counts[participant_id]
            return True
        return False

    def connected(self, session_id: str) -> Collection[str]:
        return self._local.get(session_id, Counter()).keys()

    def local(self, session_id: str) -> Collection[str]:
        """Who is connected to this very process (it holds their sockets)."""
        return self._local.get(session_id, Counter()).keys()

    def sessions(self) -> list[str]:
        """Sessions this process has sockets in."""
        return [s for s, counts in self._local.items() if counts]


class RedisCluster(LocalCluster):
    """Several processes: notices and presence through Redis (`REDIS_URL`)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        # Imported here: only a scaled-out server needs the `redis` extra.
        import redis.asyncio as aioredis

        self._redis: Any = aioredis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.process_id = secrets.token_hex(6)
        # Everyone connected to each session, on every process, as last read from Redis.
        self._everyone: dict[str, set[str]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._closing = False
        # Presence writes under way (fire and forget: a socket's connect does not wait on Redis).
        self._writes: set[asyncio.Task[None]] = set()
        # The sessions this process has screens in (staff screens too); by default those with
        # a phone here.
        self.served: Callable[[], Collection[str]] = self.sessions

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self, on_change: OnChange, on_resync: OnResync) -> None:
        self._tasks = [
            asyncio.create_task(self._listen(on_change, on_resync)),
            asyncio.create_task(self._heartbeat()),
        ]

    async def close(self) -> None:
        """Stop listening and take this process's presence out, in bounded time: a Redis call
        that does not end when cancelled (seen under load, inside the client's reads) must
        not keep the process from stopping."""
        self._closing = True
        tasks = [*self._tasks, *self._writes]
        for task in tasks:
            task.cancel()
        if tasks:
            done, _ = await asyncio.wait(tasks, timeout=CLOSE_WAIT)
            for task in done:
                if not task.cancelled():
                    task.exception()  # read: a failed presence write is not reported again
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_WAIT):
                for session_id in self.sessions():
                    await self._redis.delete(self._key(session_id, self.process_id))
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_WAIT):
                await self._redis.aclose()

    # -- change notices ---------------------------------------------------------------------

    async def announce(self, session_id: str, seq: int) -> None:
        await self._publish(session_id, str(seq))

    def notify(self, session_id: str, seq: int) -> None:
        """`announce`, without waiting: a commit does not wait on Redis (the order is the log's,
        and a notice only says where to read up to)."""
        self._spawn(self.announce(session_id, seq))

    async def _publish(self, session_id: str, what: str) -> None:
        try:
            await self._redis.publish(CHANNEL, f"{self.process_id} {session_id} {what}")
        except Exception as exc:  # Redis away: the others poll the log meanwhile
            log.warning("cannot publish a change notice: %s", type(exc).__name__)

    async def _listen(self, on_change: OnChange, on_resync: OnResync) -> None:
        outage = False
        while not self._closing:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                if outage:
                    log.info("Redis is back: catching every served session up")
                    await self._refresh_all()
                    await on_resync()
                    outage = False
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    await self._received(message["data"], on_change)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not outage:
                    log.warning("lost Redis (%s): polling the log meanwhile", type(exc).__name__)
                outage = True
                await asyncio.sleep(RECONNECT)
            finally:
                with contextlib.suppress(Exception):
                    async with asyncio.timeout(CLOSE_WAIT):
                        await pubsub.aclose()

    async def _received(self, raw: bytes | str, on_change: OnChange) -> None:
        text = raw.decode() if isinstance(raw, bytes) else raw
        process_id, session_id, what = [*text.split(" "), "", ""][:3]
        if process_id == self.process_id or session_id not in self.served():
            return  # our own notice, or no screen of ours there
        if what == "presence":
            await self._refresh(session_id)
            await on_change(session_id, None)
        elif what.isdigit():
            await on_change(session_id, int(what))

    # -- presence ---------------------------------------------------------------------------

    def _key(self, session_id: str, process_id: str) -> str:
        return f"fabrique:presence:{session_id}:{process_id}"

    def _processes_key(self, session_id: str) -> str:
        return f"fabrique:presence:{session_id}"

    def arrived(self, session_id: str, participant_id: str) -> bool:
        first = super().arrived(session_id, participant_id)
        self._everyone.setdefault(session_id, set()).add(participant_id)
        if first:
            self._spawn(self._write_presence(session_id))
        return first

    def left(self, session_id: str, participant_id: str) -> bool:
        last = super().left(session_id, participant_id)
        if last:
            self._spawn(self._write_presence(session_id))
        return last

    def connected(self, session_id: str) -> Collection[str]:
        # Everyone Redis knows of, and always this process's own (Redis may be away).
        return self._everyone.get(session_id, set()) | set(self.local(session_id))

    async def _write_presence(self, session_id: str) -> None:
        """This process's part of a session's presence, then a notice to the others."""
        mine = list(self.local(session_id))
        key = self._key(session_id, self.process_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.delete(key)
                if mine:
                    pipe.sadd(key, *mine)
                    pipe.expire(key, PRESENCE_TTL)
                pipe.sadd(self._processes_key(session_id), self.process_id)
                pipe.expire(self._processes_key(session_id), PRESENCE_TTL)
                await pipe.execute()
        except Exception as exc:
            log.warning("cannot write presence: %s", type(exc).__name__)
            return
        await self._refresh(session_id)
        await self._publish(session_id, "presence")

    async def _refresh(self, session_id: str) -> None:
        """Read everyone connected to a session, on every live process."""
        try:
            processes = await self._redis.smembers(self._processes_key(session_id))
            everyone: set[str] = set()
            for process in processes:
                name = process.decode() if isinstance(process, bytes) else process
                members = await self._redis.smembers(self._key(session_id, name))
                everyone |= {m.decode() if isinstance(m, bytes) else m for m in members}
        except Exception as exc:
            log.warning("cannot read presence: %s", type(exc).__name__)
            return
        self._everyone[session_id] = everyone

    async def _refresh_all(self) -> None:
        for session_id in self.sessions():
            await self._write_presence(session_id)

    async def _heartbeat(self) -> None:
        """Keep this process's presence sets alive, and pick up the others' changes."""
        while True:
            await asyncio.sleep(HEARTBEAT)
            for session_id in self.sessions():
                await self._write_presence(session_id)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
