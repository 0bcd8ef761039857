"""Fan-out: who gets which frame, and when.

Every screen of a session is in its role's room, each phone also in its own, each team link's
screens in the link's (`server/rooms.py`).

The entry point is `changed(session, seq, events)`: "session S changed, up to seq N, with these
events if known". It only marks the session due; the session's flusher, a task of its own, then
reads the state (`service.state`) and sends. So the dispatch service acknowledges a command right
after its commit, without waiting for (or holding the session's lock during) any network send.

A flush sends each occupied role room one `view` (encoded once for the room), as a patch against
the room's previous one (`server/channels.py`), and a `private` view to the phones the events
concern (`facilitation/concerns.py`), only when it changed. Flushes are gathered in windows timed
from the END of the previous flush: the first change after a quiet moment goes out at once, the
changes made while a flush was being sent go out together after the window. However many sockets
and changes, each socket gets a few frames a second, and the fan-out takes a bounded share of the
CPU (the window grows with the time a flush took).

Scaling out, each process flushes to its own sockets: every send goes through `_emit` (local
only with `local_only`), presence is behind `server/presence.py`, and what a flush needs comes
from the state and the events, whoever committed them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import socketio

from facilitation.concerns import concerned
from facilitation.session import SessionState
from facilitation.types import Event, Role
from facilitation.views import PROXY_ROLES, frames, private_views
from server.channels import Channel
from server.context import Runtime
from server.presence import Presence
from server.rooms import person_room, revoked_rooms, role_room

log = logging.getLogger("fabrique.fanout")

VIEW_ROLES = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.PARTICIPANT, Role.ROOM)
# The shortest wait between the end of a flush and the next one (seconds): a socket gets at most
# 1 / WINDOW frames a second of each kind.
WINDOW = 0.1
# The wait is also at least this many times the last flush's duration: at any number of
# sockets, flushing takes at most 1 / (1 + SPREAD) of the time, and commands the rest.
SPREAD = 1.5


@dataclass
class Pending:
    """What happened in a session since its last flush."""

    seq: int = -1
    # The events, in log order; None when some are unknown (every private view is then made
    # again).
    events: list[Event] | None = field(default_factory=list)
    # The state after the last commit, when this process made it: the flush need not read the
    # log again (a change announced from elsewhere leaves it behind `seq`).
    state: SessionState | None = None
    # Some events were written by another process: the flush reads them from the log.
    elsewhere: bool = False

    def add(
        self, seq: int, events: Sequence[Event] | None, state: SessionState | None = None
    ) -> None:
        self.seq = max(self.seq, seq)
        if state is not None and (self.state is None or state.seq >= self.state.seq):
            self.state = state
        if events is None:
            self.events = None
        elif self.events is not None:
            self.events.extend(events)


class Fanout:
    def __init__(self, sio: socketio.AsyncServer, runtime: Runtime) -> None:
        self.sio = sio
        self.runtime = runtime
        self.presence = Presence()
        # With several server processes, each sends to its own sockets only.
        self.local_only = False
        # Called when a phone comes or goes (the GC is tuned after a wave of joins).
        self.on_arrival: Callable[[], None] | None = None
        self.on_departure: Callable[[], None] | None = None
        self._pending: dict[str, Pending] = {}
        self._flushers: dict[str, asyncio.Task[None]] = {}
        self._channels: dict[str, Channel] = {}
        # The state each session's last flush sent (revocations when events are unknown).
        self._flushed: dict[str, SessionState] = {}
        # The pending push at the end of each session's running timer: (ends_at, task).
        self._timer_push: dict[str, tuple[str, asyncio.Task[None]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        # Sessions deleted while this process ran: nothing more is sent for them.
        self._deleted: set[str] = set()

    # -- the entry point --------------------------------------------------------------------

    def changed(
        self,
        session_id: str,
        seq: int = -1,
        events: Sequence[Event] | None = (),
        state: SessionState | None = None,
    ) -> None:
        """Session `session_id` changed, up to `seq`, with these `events` (None: not known, so
        everyone's private view is made again; empty: nothing logged, e.g. presence), and
        `state` when it is known. Returns at once: the session's flusher sends."""
        if session_id in self._deleted:
            return
        pending = self._pending.get(session_id)
        if pending is None:
            pending = self._pending[session_id] = Pending()
        pending.add(seq, events, state)
        if session_id not in self._flushers:
            self._flushers[session_id] = self._spawn(self._flusher(session_id))

    def written_elsewhere(self, session_id: str, seq: int) -> None:
        """Another server process wrote the session's log up to `seq` (server/scale_out.py)."""
        self.changed(session_id, seq)
        self._pending[session_id].elsewhere = True

    async def push(self, state: SessionState, events: list[Event]) -> None:
        """The dispatch service's listener, called after each commit (under the session's lock:
        it only marks the session due)."""
        self.changed(state.id, state.seq, events, state)

    def deleted(self, session_id: str) -> None:
        """A session was deleted: forget what was last sent to its rooms, send nothing more."""
        self._deleted.add(session_id)
        self._pending.pop(session_id, None)
        self._flushed.pop(session_id, None)
        timer = self._timer_push.pop(session_id, None)
        if timer is not None:
            timer[1].cancel()
        prefixes = (f"s:{session_id}:", f"p:{session_id}:", f"l:{session_id}:")
        for room in [room for room in self._channels if room.startswith(prefixes)]:
            del self._channels[room]

    # -- who is here ------------------------------------------------------------------------

    def arrived(self, session_id: str, participant_id: str, seed: str) -> None:
        self.presence.arrived(session_id, participant_id, seed)
        self.changed(session_id)
        if self.on_arrival is not None:
            self.on_arrival()

    def left(self, sid: str, session_id: str, role: Role, participant_id: str | None) -> None:
        self.forget(sid, session_id, role, participant_id)
        if participant_id is None:
            return
        if self.presence.left(session_id, participant_id):
            # Nobody holds this person's private view any more: the next one goes whole.
            self._channels.pop(person_room(session_id, participant_id), None)
        self.changed(session_id)
        if self.on_departure is not None:
            self.on_departure()

    # -- one socket -------------------------------------------------------------------------

    def expect(self, sid: str, session_id: str, role: Role, participant_id: str | None) -> None:
        """A socket about to join its rooms holds no document yet: a flush that reaches it before
        its first view sends it whole."""
        for room in self._rooms(session_id, role, participant_id):
            self._channels.setdefault(room, Channel()).fresh.add(sid)

    async def welcome(
        self, sid: str, state: SessionState, role: Role, participant_id: str | None
    ) -> None:
        """A socket's first view (and private view), whole."""
        at = self.runtime.service.clock()
        if participant_id is not None:
            private = self.private_view(state, participant_id, at)
            await self._whole(sid, "private", person_room(state.id, participant_id), private)
        room = role_room(state.id, role)
        channel = self._channels.get(room)
        if channel is not None and channel.doc is not None and channel.seq == state.seq:
            view = channel.doc  # what the room's sockets hold: this one is in step
        else:
            (view,) = (await self.frames(state, [role], at)).values()
        await self._whole(sid, "view", room, view)
        # After a restart nothing else would schedule the push at a running timer's zero.
        self.push_at_timer_end(state)

    async def resync(
        self, sid: str, session_id: str, role: Role, participant_id: str | None, kind: str
    ) -> None:
        """A socket out of step (a patch whose base it does not hold) gets the document whole:
        the room's last one, which the next patch applies to."""
        if kind == "private" and participant_id is not None:
            room = person_room(session_id, participant_id)
        elif kind == "view":
            room = role_room(session_id, role)
        else:
            return
        channel = self._channels.get(room)
        if channel is not None and channel.doc is not None:
            channel.fresh.discard(sid)
            await self._emit(kind, channel.doc, sid)
            return
        state = await self.runtime.service.state(session_id)
        at = self.runtime.service.clock()
        if kind == "private" and participant_id is not None:
            doc = self.private_view(state, participant_id, at)
        else:
            (doc,) = (await self.frames(state, [role], at)).values()
        await self._whole(sid, kind, room, doc)

    async def _whole(self, sid: str, kind: str, room: str, doc: dict[str, Any]) -> None:
        """Send `doc` whole to one socket; it is in step with its room only if that is the
        room's last document."""
        channel = self._channels.setdefault(room, Channel())
        if channel.doc is doc or (channel.doc is not None and channel.unchanged(doc)):
            channel.fresh.discard(sid)
            doc = channel.doc
        else:
            channel.fresh.add(sid)
        await self._emit(kind, doc, sid)

    def forget(self, sid: str, session_id: str, role: Role, participant_id: str | None) -> None:
        for room in self._rooms(session_id, role, participant_id):
            channel = self._channels.get(room)
            if channel is not None:
                channel.fresh.discard(sid)

    @staticmethod
    def _rooms(session_id: str, role: Role, participant_id: str | None) -> list[str]:
        rooms = [role_room(session_id, role)]
        if participant_id is not None:
            rooms.append(person_room(session_id, participant_id))
        return rooms

    # -- what screens get -------------------------------------------------------------------

    async def frames(
        self, state: SessionState, roles: Collection[Role], at: str
    ) -> dict[Role, dict[str, Any]]:
        secret = ""
        if any(role in PROXY_ROLES for role in roles):
            secret = await self.runtime.service.alias_secret(state.id)
        return frames(
            state,
            self.runtime.registry,
            roles,
            at,
            self.presence.everyone(state.id),
            self.runtime.join_url(state.join_code),
            secret,
        )

    def known_seq(self, session_id: str) -> int:
        """The newest seq of a session this process has sent its screens or is about to
        (-1: none yet)."""
        flushed = self._flushed.get(session_id)
        pending = self._pending.get(session_id)
        return max(-1 if flushed is None else flushed.seq, -1 if pending is None else pending.seq)

    def private_view(self, state: SessionState, participant_id: str, at: str) -> dict[str, Any]:
        privates = private_views(
            state, self.runtime.registry, [participant_id], self.presence.seeds(state.id), at
        )
        return privates[participant_id]

    # -- flushing ---------------------------------------------------------------------------

    async def _flusher(self, session_id: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            while (pending := self._pending.pop(session_id, None)) is not None:
                began = loop.time()
                try:
                    await self._flush(session_id, pending)
                except Exception:
                    log.exception("sending views failed")
                # The sockets' writers were woken by the flush: let them write before the
                # window is timed, so it starts at the end of the broadcast.
                await asyncio.sleep(0)
                await asyncio.sleep(max(WINDOW, (loop.time() - began) * SPREAD))
        finally:
            self._flushers.pop(session_id, None)

    async def _flush(self, session_id: str, pending: Pending) -> None:
        service = self.runtime.service
        state = pending.state
        if state is None or state.seq < pending.seq:
            state = await service.state(session_id)
        at = service.clock()
        previous = self._flushed.get(session_id)
        self._flushed[session_id] = state
        if pending.elsewhere and pending.events is not None:
            # Whom the other processes' events concern: read them (and ours) from the log.
            pending.events = None
            if previous is not None:
                logged = await service.store.load(session_id, previous.seq)
                pending.events = [event for seq, event in logged if seq <= state.seq]
        await self._disconnect_revoked(state, previous, pending.events)
        roles = []
        for role in VIEW_ROLES:
            room = role_room(session_id, role)
            if self._occupied(room):
                roles.append(role)
            else:
                self._channels.pop(room, None)
        for role, view in (await self.frames(state, roles, at)).items():
            await self._send("view", role_room(session_id, role), view)
        await self._send_privates(state, pending.events, at)
        self.push_at_timer_end(state)
        if not roles and not self.presence.connected(session_id):
            self._flushed.pop(session_id, None)  # nobody left to send anything to

    async def _send_privates(
        self, state: SessionState, events: list[Event] | None, at: str
    ) -> None:
        """Private views of the phones the events concern, sent where they changed."""
        connected = self.presence.connected(state.id)
        if not connected:
            return
        ids = None if events is None else concerned(state, self.runtime.registry, events)
        if ids is None:
            people: Collection[str] = list(connected)
        else:
            owners = self.presence.owners(state)
            people = {pid for i in ids if (pid := owners.get(i, i)) in connected}
        if not people:
            return
        seeds = self.presence.seeds(state.id)
        privates = private_views(state, self.runtime.registry, people, seeds, at)
        for pid, private in privates.items():
            room = person_room(state.id, pid)
            channel = self._channels.get(room)
            if channel is not None and channel.unchanged(private):
                continue
            await self._send("private", room, private)

    async def _send(self, kind: str, room: str, doc: dict[str, Any]) -> None:
        channel = self._channels.setdefault(room, Channel())
        message, fresh = channel.advance(doc)
        await self._emit(kind, message, room, skip=fresh)
        for sid in fresh:
            await self._emit(kind, doc, sid)

    async def _emit(
        self, kind: str, data: dict[str, Any], to: str, skip: list[str] | None = None
    ) -> None:
        """Every send of the fan-out goes through here. Broadcasts carry no ack callback, so
        python-socketio encodes each once for the whole room."""
        await self.sio.emit(kind, data, to=to, skip_sid=skip, ignore_queue=self.local_only)

    def _occupied(self, room: str) -> bool:
        return next(iter(self.sio.manager.get_participants("/", room)), None) is not None

    async def _disconnect_revoked(
        self, state: SessionState, previous: SessionState | None, events: list[Event] | None
    ) -> None:
        """A revoked link or a removed participant loses its open sockets at once."""
        for room in revoked_rooms(state, previous, events):
            for sid in [sid for sid, _ in self.sio.manager.get_participants("/", room)]:
                await self._emit("revoked", {}, sid)
                await self.sio.disconnect(sid, ignore_queue=self.local_only)

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
            # What everyone may do changed with the clock, not with an event.
            self.changed(state.id, events=None)

        self._timer_push[state.id] = (ends_at, self._spawn(at_zero()))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
