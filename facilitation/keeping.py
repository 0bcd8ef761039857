"""The dispatch service's part in keeping data no longer than needed: deleting a session (by its
facilitator, or when idle past the host's retention) and rewriting the log when a participant is
forgotten (facilitation/forgetting.py). `SessionService` (facilitation/service.py) is one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from facilitation.erasure import Erasure
from facilitation.forgetting import rewritten
from facilitation.session import SessionState
from facilitation.store import EventStore
from facilitation.types import Event

# Told the id of each session deleted (by its facilitator, or when its retention ran out).
DeletionListener = Callable[[str], Awaitable[None]]


class SessionKeeping:
    store: EventStore
    _states: dict[str, SessionState]
    _locks: dict[str, asyncio.Lock]
    _secrets: dict[str, str]
    _deletion_listeners: list[DeletionListener]

    def _lock(self, session_id: str) -> asyncio.Lock:
        raise NotImplementedError

    def subscribe_deletions(self, listener: DeletionListener) -> None:
        self._deletion_listeners.append(listener)

    async def delete_session(self, session_id: str) -> bool:
        """Delete a session with its whole log; its screens are told (deletion listeners).
        False when there was no such session."""
        async with self._lock(session_id), self.store.session_lock(session_id):
            deleted = await self.store.delete_session(session_id)
            self._states.pop(session_id, None)
            self._secrets.pop(session_id, None)
        self._locks.pop(session_id, None)
        if deleted:
            for listener in self._deletion_listeners:
                await listener(session_id)
        return deleted

    async def delete_idle_sessions(self, days: int, now: datetime | None = None) -> list[str]:
        """Delete the sessions with no activity for `days` days (their newest event, or their
        creation); returns their ids. `days` 0 keeps everything."""
        if days <= 0:
            return []
        cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
        idle = await self.store.idle_sessions(cutoff.isoformat(timespec="milliseconds"))
        return [session_id for session_id in idle if await self.delete_session(session_id)]

    async def _erasures(
        self, session_id: str, state: SessionState, events: list[Event]
    ) -> list[Erasure]:
        """For each person these events forget, the stored events to write again without their
        name. Read under the session's lock, so nothing is written between this read and the
        rewrite, which goes into the same transaction as the events."""
        forgotten = [e.data["participant_id"] for e in events if e.type == "participant.forgotten"]
        if not forgotten:
            return []
        log = await self.store.load(session_id)
        return [Erasure(pid, rewritten(log, pid, state.language)) for pid in forgotten]

    async def _replayed(self, session_id: str, erase: Sequence[Erasure]) -> SessionState | None:
        """After a rewrite of the log, the state it replays to, from scratch (None: no rewrite)."""
        if not erase:
            return None
        self._states.pop(session_id, None)
        await self.store.scrub()
        return await self.state(session_id)

    async def state(self, session_id: str) -> SessionState:
        raise NotImplementedError
