"""Several server processes on the same sessions (`REDIS_URL` with a PostgreSQL `DATABASE_URL`).

What changes from one process, and only that:
- python-socketio's `AsyncRedisManager` is the client manager (set in `server/sockets.py`), and
  the fan-out sends to this process's own sockets only (`Fanout.local_only`): each process keeps
  its sockets' patch bases, so a frame made elsewhere would not fit them;
- commands of a session are taken one at a time by every process (the PostgreSQL advisory lock
  in `EventStore.session_lock`), so the log keeps one order;
- after each commit, a notice "session S is at seq N" goes to the other processes
  (`server/cluster.py`); one that has screens in S reads the log up to N and sends them what
  changed;
- presence is shared, so every console counts the phones of every process;
- every `POLL` seconds each process compares the log's last seq of the sessions it serves with
  what it sent: a notice lost while Redis was away costs at most that delay.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from facilitation.service import SessionService
from facilitation.session import SessionState
from facilitation.types import Event
from server.cluster import RedisCluster
from server.fanout import Fanout

log = logging.getLogger("fabrique.scale_out")

POLL = 1.0


def served_sessions(fanout: Fanout) -> set[str]:
    """The sessions this process has screens in: its rooms `s:{session}:{role}` (python-socketio
    drops a room when its last socket leaves)."""
    rooms = fanout.sio.manager.rooms.get("/", {})
    return {room.split(":")[1] for room in rooms if isinstance(room, str) and room[:2] == "s:"}


class ScaleOut:
    def __init__(self, redis_url: str, fanout: Fanout, service: SessionService) -> None:
        self.cluster = RedisCluster(redis_url)
        self.fanout = fanout
        self.service = service
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        fanout = self.fanout
        fanout.local_only = True
        fanout.presence.cluster = self.cluster
        self.cluster.served = lambda: served_sessions(fanout)
        self.service.subscribe(self._committed)
        await self.cluster.start(self._changed_elsewhere, self._resync)
        self._poller = asyncio.create_task(self._poll())

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        await self.cluster.close()

    async def _committed(self, state: SessionState, events: list[Event]) -> None:
        # Called under the session's lock: the notice is sent on its own task.
        self.cluster.notify(state.id, state.seq)

    async def _changed_elsewhere(self, session_id: str, seq: int | None) -> None:
        if seq is None:  # presence: the counts on the screens, no private view changed
            self.fanout.changed(session_id, -1, ())
        elif seq > self.fanout.known_seq(session_id):
            # Events written by another process: the flush reads them from the log, and makes
            # again the private views of the phones they concern.
            self.fanout.written_elsewhere(session_id, seq)

    async def _resync(self) -> None:
        for session_id in served_sessions(self.fanout):
            self.fanout.changed(session_id, -1, None)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL)
            for session_id in served_sessions(self.fanout):
                try:
                    last = await self.service.store.last_seq(session_id)
                except Exception:
                    log.exception("cannot read the log's last seq")
                    continue
                if last > self.fanout.known_seq(session_id):
                    self.fanout.written_elsewhere(session_id, last)
