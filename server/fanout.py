"""Fan-out: who gets which frame, and when.

Every screen of a session is in its role's room (`s:{session}:{role}`); each phone is also in its
own (`p:{session}:{participant}`), and each team link's screens in the link's (`l:…`). After a
change, each occupied role room receives one `view` (encoded once for the room: broadcasts carry
no ack callback) and each connected phone its `private` message when it changed. Sends are
gathered in short windows; presence (who is connected) is counted here, not logged. Everything
that reaches more than one socket goes through python-socketio's client manager, so scaling out
(its Redis manager) changes only this module.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

import socketio

from facilitation.session import SessionState
from facilitation.types import Event, Role
from facilitation.views import PROXY_ROLES, frames, private_views
from server.context import Runtime

VIEW_ROLES = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.PARTICIPANT, Role.ROOM)
# How long presence changes are gathered before screens are told (seconds).
PRESENCE_WINDOW = 0.2
# Shortest time between two sends of a session's views (seconds); see `Fanout.push`.
BROADCAST_WINDOW = 0.05


def role_room(session_id: str, role: Role) -> str:
    return f"s:{session_id}:{role.value}"


def person_room(session_id: str, participant_id: str) -> str:
    return f"p:{session_id}:{participant_id}"


def link_room(session_id: str, link_id: str) -> str:
    return f"l:{session_id}:{link_id}"


class Fanout:
    def __init__(self, sio: socketio.AsyncServer, runtime: Runtime) -> None:
        self.sio = sio
        self.runtime = runtime
        # Presence is not part of the log: it is who is connected right now, per session.
        self.presence: dict[str, Counter[str]] = {}
        # What each connected phone's alias derives from (see facilitation/anonymity.py).
        self.seeds: dict[str, dict[str, str]] = {}
        # The last private view sent to each participant, to send only what changed.
        self._last_private: dict[tuple[str, str], str] = {}
        self._presence_due: set[str] = set()
        # Broadcast coalescing: the latest state to show, when it was last shown, what is due.
        self._latest: dict[str, SessionState] = {}
        self._last_flush: dict[str, float] = {}
        self._flush_due: set[str] = set()
        # The pending push at the end of each session's running timer: (ends_at, task).
        self._timer_push: dict[str, tuple[str, asyncio.Task[None]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # -- who is here ------------------------------------------------------------------------

    def arrived(self, session_id: str, participant_id: str, seed: str) -> None:
        self.seeds.setdefault(session_id, {})[participant_id] = seed
        self.presence.setdefault(session_id, Counter())[participant_id] += 1
        self.presence_changed(session_id)

    def left(self, session_id: str, participant_id: str) -> None:
        present = self.presence.get(session_id)
        if present is not None:
            present[participant_id] -= 1
            if present[participant_id] <= 0:
                # A participant who drops shows as away, not gone: the log still holds them.
                del present[participant_id]
                self.seeds.get(session_id, {}).pop(participant_id, None)
        self.presence_changed(session_id)

    def presence_changed(self, session_id: str) -> None:
        """Tell every screen who is here, once per short window: when the Wi-Fi comes back and
        a whole room reconnects at once, one push serves them all instead of one push each."""
        if session_id in self._presence_due:
            return
        self._presence_due.add(session_id)

        async def push_presence() -> None:
            await asyncio.sleep(PRESENCE_WINDOW)
            self._presence_due.discard(session_id)
            await self.push(await self.runtime.service.state(session_id), [])

        self._spawn(push_presence())

    # -- what one screen gets at connect ----------------------------------------------------

    async def frames(
        self, state: SessionState, roles: list[Role], at: str
    ) -> dict[Role, dict[str, Any]]:
        secret = ""
        if any(role in PROXY_ROLES for role in roles):
            secret = await self.runtime.service.alias_secret(state.id)
        return frames(
            state,
            self.runtime.registry,
            roles,
            at,
            self.presence.get(state.id, Counter()),
            self.runtime.join_url(state.join_code),
            secret,
        )

    def private_view(self, state: SessionState, participant_id: str, at: str) -> dict[str, Any]:
        privates = private_views(
            state, self.runtime.registry, [participant_id], self.seeds.get(state.id), at
        )
        return privates[participant_id]

    # -- after every change -----------------------------------------------------------------

    async def push(self, state: SessionState, events: list[Event]) -> None:
        """Called by the dispatch service after each commit (under the session's lock)."""
        await self._disconnect_revoked(state.id, events)
        await self._coalesced_push(state)

    async def _disconnect_revoked(self, session_id: str, events: list[Event]) -> None:
        """A revoked link or a removed participant loses its open sockets at once."""
        for event in events:
            if event.type == "link.revoked":
                room = link_room(session_id, event.data["link_id"])
            elif event.type == "participant.removed":
                room = person_room(session_id, event.data["participant_id"])
            else:
                continue
            sids = [sid for sid, _ in self.sio.manager.get_participants("/", room)]
            for sid in sids:
                await self.sio.emit("revoked", {}, to=sid)
                await self.sio.disconnect(sid)

    async def _coalesced_push(self, state: SessionState) -> None:
        """Send fresh views after a change, at most once per window per session.

        The first change after a quiet moment goes out at once (called under the session lock,
        so screens get views in log order, before the ack). Changes that follow within the
        window are gathered into one send of the latest state at its end: when a whole room
        presses "send" together, each phone gets a few views a second, not one per note.
        """
        session_id = state.id
        latest = self._latest.get(session_id)
        if latest is None or state.seq >= latest.seq:
            self._latest[session_id] = state
        if session_id in self._flush_due:
            return
        wait = self._last_flush.get(session_id, -BROADCAST_WINDOW) + BROADCAST_WINDOW - _now()
        if wait <= 0:
            await self._flush(session_id)
            return
        self._flush_due.add(session_id)

        async def flush_later() -> None:
            await asyncio.sleep(wait)
            self._flush_due.discard(session_id)
            await self._flush(session_id)

        self._spawn(flush_later())

    async def _flush(self, session_id: str) -> None:
        """One encoding per role room, private views only where they changed."""
        self._last_flush[session_id] = _now()
        state = self._latest[session_id]
        at = self.runtime.service.clock()
        # Only rooms someone is in: most sessions have no scribe or observer.
        roles = [r for r in VIEW_ROLES if self._occupied(role_room(state.id, r))]
        for role, view in (await self.frames(state, roles, at)).items():
            await self.sio.emit("view", view, room=role_room(state.id, role))
        connected = list(self.presence.get(state.id, ()))
        privates = private_views(
            state, self.runtime.registry, connected, self.seeds.get(state.id), at
        )
        self.push_at_timer_end(state)
        for pid, private in privates.items():
            fingerprint = json.dumps([private["me"], private["mine"]], sort_keys=True)
            key = (state.id, pid)
            if self._last_private.get(key) == fingerprint:
                continue
            self._last_private[key] = fingerprint
            await self.sio.emit("private", private, room=person_room(state.id, pid))

    def _occupied(self, room: str) -> bool:
        return next(iter(self.sio.manager.get_participants("/", room)), None) is not None

    def push_at_timer_end(self, state: SessionState) -> None:
        """When a running time-box reaches zero, input may close: every screen gets fresh views
        then (the timer itself counts down on each screen from the server's clock)."""
        activity = state.current
        timer = activity.timer if activity else None
        ends_at = timer.ends_at if timer is not None else None
        pending = self._timer_push.get(state.id)
        if pending is not None and pending[0] == ends_at:
            return
        if pending is not None:
            pending[1].cancel()
            del self._timer_push[state.id]
        if ends_at is None:
            return
        delay = (datetime.fromisoformat(ends_at) - datetime.now(UTC)).total_seconds()
        if delay < 0:
            return

        async def at_zero() -> None:
            await asyncio.sleep(delay + 0.05)
            self._timer_push.pop(state.id, None)
            await self._coalesced_push(await self.runtime.service.state(state.id))

        self._timer_push[state.id] = (ends_at, self._spawn(at_zero()))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task


def _now() -> float:
    return asyncio.get_running_loop().time()
