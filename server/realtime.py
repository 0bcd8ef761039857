"""The Socket.IO side: who a socket is, commands in, views out. Transport only.

python-socketio keeps nothing across reconnects and gives a new sid each time, so identity comes
from `auth` (or the facilitator's cookie) at every `connect`, and rooms are joined again there.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import Any

import socketio

from facilitation.anonymity import seed_from_token
from facilitation.messages import error_message, language
from facilitation.session import SessionState
from facilitation.types import Actor, Event, Rejected, Role
from facilitation.views import (
    activity_view,
    private_view,
    private_views,
    proxy_private_views,
    session_view,
)
from server.context import COMMANDS_PER_PARTICIPANT, Runtime
from server.credentials import cookie_name

log = logging.getLogger("fabrique.realtime")

VIEW_ROLES = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.PARTICIPANT, Role.ROOM)
# Roles that enter contributions for people without a phone (and so see what those would see).
PROXY_ROLES = (Role.FACILITATOR, Role.SCRIBE)
# Roles a staff link (the facilitator's own, or a co-facilitator's, scribe's, observer's) gives.
STAFF_ROLES = {Role.FACILITATOR.value, Role.SCRIBE.value, Role.OBSERVER.value}
# How long presence changes are gathered before screens are told (seconds).
PRESENCE_WINDOW = 0.2
# Shortest time between two sends of a session's views (seconds); see `Realtime.push`.
BROADCAST_WINDOW = 0.05


def role_room(session_id: str, role: Role) -> str:
    return f"s:{session_id}:{role.value}"


def person_room(session_id: str, participant_id: str) -> str:
    return f"p:{session_id}:{participant_id}"


def link_room(session_id: str, link_id: str) -> str:
    return f"l:{session_id}:{link_id}"


def _cookie(environ: Mapping[str, Any], name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(environ.get("HTTP_COOKIE", ""))
    except Exception:  # a malformed cookie header from the browser is no credential
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


class Realtime:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        settings = runtime.settings
        origins: Any = None  # None: python-engineio's same-origin check
        if settings.allowed_origins:
            origins = [runtime.base_url, *settings.allowed_origins]
        self.sio = socketio.AsyncServer(
            async_mode="asgi",
            cors_allowed_origins=origins,
            max_http_buffer_size=settings.max_message_bytes,
        )
        # Presence is not part of the log: it is who is connected right now, per session.
        self.presence: dict[str, Counter[str]] = {}
        # The last private view sent to each participant, to send only what changed.
        self._last_private: dict[tuple[str, str], str] = {}
        self._presence_due: set[str] = set()
        # Broadcast coalescing: the latest state to show, when it was last shown, what is due.
        self._latest: dict[str, SessionState] = {}
        self._last_flush: dict[str, float] = {}
        self._flush_due: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        # What each connected phone's alias derives from (see facilitation/anonymity.py).
        self.seeds: dict[str, dict[str, str]] = {}
        # The pending push at the end of each session's running timer: (ends_at, task).
        self._timer_push: dict[str, tuple[str, asyncio.Task[None]]] = {}
        self.sio.on("connect", self.connect)
        self.sio.on("disconnect", self.disconnect)
        self.sio.on("command", self.command)

    def asgi(self, other_app: Any) -> socketio.ASGIApp:
        return socketio.ASGIApp(self.sio, other_asgi_app=other_app)

    # -- connecting -------------------------------------------------------------------------

    async def connect(self, sid: str, environ: Mapping[str, Any], auth: Any) -> None:
        auth = auth if isinstance(auth, dict) else {}
        service = self.runtime.service
        token = auth.get("token")
        identity: dict[str, Any] | None = None
        if isinstance(token, str):
            credential = await service.authenticate(token)
            if credential is not None and credential.role == Role.PARTICIPANT.value:
                identity = {
                    "session_id": credential.session_id,
                    "role": Role.PARTICIPANT.value,
                    "participant_id": credential.participant_id,
                    "seed": seed_from_token(token),
                }
        else:
            session_id = auth.get("session_id")
            if isinstance(session_id, str) and len(session_id) <= 32:
                key = auth.get("key") or _cookie(environ, cookie_name(session_id))
                credential = await service.authenticate(key) if isinstance(key, str) else None
                if (
                    credential is not None
                    and credential.session_id == session_id
                    and credential.role in STAFF_ROLES
                ):
                    role = Role(credential.role)
                    # The room screen runs on a facilitator's or an observer's device.
                    if auth.get("screen") == "room" and role is not Role.SCRIBE:
                        role = Role.ROOM
                    identity = {
                        "session_id": session_id,
                        "role": role.value,
                        "participant_id": None,
                        "link_id": credential.link_id,
                    }
        if identity is None:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        identity["lang"] = auth.get("lang") if auth.get("lang") in ("fr", "en") else None
        await self.sio.save_session(sid, identity)
        session_id = identity["session_id"]
        role = Role(identity["role"])
        await self.sio.enter_room(sid, role_room(session_id, role))
        if identity.get("link_id"):
            await self.sio.enter_room(sid, link_room(session_id, identity["link_id"]))
        state = await service.state(session_id)
        pid = identity["participant_id"]
        at = service.clock()
        if pid is not None:
            await self.sio.enter_room(sid, person_room(session_id, pid))
            self.seeds.setdefault(session_id, {})[pid] = identity["seed"]
            self.presence.setdefault(session_id, Counter())[pid] += 1
            self.presence_changed(session_id)
            private = private_view(
                state, self.runtime.registry, pid, self.seeds.get(session_id), at
            )
            await self.sio.emit("private", private, to=sid)
        proxies = await self._proxies(state, at) if role in PROXY_ROLES else None
        await self.sio.emit("view", self.view(state, role, at, proxies), to=sid)
        # After a restart nothing else would schedule the push at a running timer's zero.
        self._push_at_timer_end(state)

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        identity = await self.sio.get_session(sid)
        pid = identity.get("participant_id") if identity else None
        if pid is None:
            return
        session_id = identity["session_id"]
        present = self.presence.get(session_id)
        if present is not None:
            present[pid] -= 1
            if present[pid] <= 0:
                del present[pid]
                self.seeds.get(session_id, {}).pop(pid, None)
                # A participant who drops shows as away, not gone: the log still holds them.
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

        task = asyncio.create_task(push_presence())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- commands ---------------------------------------------------------------------------

    async def command(self, sid: str, data: Any) -> dict[str, Any]:
        identity = await self.sio.get_session(sid)
        session_id: str = identity["session_id"]
        service = self.runtime.service
        role = Role(identity["role"])
        actor = Actor(role, identity["participant_id"], alias_seed=identity.get("seed"))
        lang = identity.get("lang")
        try:
            if not isinstance(data, dict):
                raise Rejected("invalid_payload", field="command")
            if role is Role.PARTICIPANT and not self.runtime.limiter.hit(
                COMMANDS_PER_PARTICIPANT, session_id, actor.id
            ):
                raise Rejected("rate_limited")
            outcome = await service.dispatch(
                session_id,
                actor,
                data.get("type"),
                data.get("payload", {}),
                client_id=data.get("client_id"),
                activity_id=data.get("activity_id"),
                on_behalf_of=data.get("on_behalf_of"),
            )
        except Rejected as rejected:
            state = await service.state(session_id)
            fmt_messages = None
            if state.current is not None:
                fmt_messages = self.runtime.registry[state.current.format].messages
            message = error_message(
                rejected.code, language(lang or state.language), rejected.params, fmt_messages
            )
            return {"ok": False, "error": {"code": rejected.code, "message": message}}
        except Exception:
            log.exception("command failed")
            message = error_message("server_error", language(lang), {})
            return {"ok": False, "error": {"code": "server_error", "message": message}}
        answer: dict[str, Any] = {"ok": True, "seq": outcome.seq}
        if outcome.duplicate:
            answer["duplicate"] = True
        if outcome.result and "key" in outcome.result:
            # A new link: its secret goes to the sender alone, as the address to hand over.
            answer["result"] = {
                "link_id": outcome.result["link_id"],
                "url": f"{self.runtime.base_url}/facilitate/{outcome.result['key']}",
            }
        return answer

    # -- views ------------------------------------------------------------------------------

    async def _proxies(self, state: SessionState, at: str) -> dict[str, dict[str, Any]]:
        if not any(p.proxy for p in state.participants.values()):
            return {}
        secret = await self.runtime.service.alias_secret(state.id)
        return proxy_private_views(state, self.runtime.registry, secret, at)

    def view(
        self,
        state: SessionState,
        role: Role,
        at: str,
        proxies: dict[str, dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        connected = self.presence.get(state.id, Counter())
        registry = self.runtime.registry
        join_url = self.runtime.join_url(state.join_code)
        view = {
            "seq": state.seq,
            "role": role.value,
            # The server's clock: screens count timers down from it, whatever their own says.
            "now": at,
            "session": session_view(state, registry, role, connected, join_url),
            "activity": activity_view(state, registry, role, at),
        }
        if role in PROXY_ROLES:
            # "Preview as participant": exactly what a phone shows, computed by the same code.
            view["preview"] = activity_view(state, registry, Role.PARTICIPANT, at)
            # And what each person without a phone would see on theirs (their notes, dots left),
            # for whoever enters contributions on their behalf.
            view["proxies"] = proxies or {}
        return view

    async def push(self, state: SessionState, events: list[Event]) -> None:
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

        task = asyncio.create_task(flush_later())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _flush(self, session_id: str) -> None:
        """One encoding per role room, private views only where they changed.

        Broadcasts carry no ack callback, so python-socketio encodes each once for the room.
        """
        self._last_flush[session_id] = _now()
        state = self._latest[session_id]
        at = self.runtime.service.clock()
        roles = [r for r in VIEW_ROLES if self._occupied(role_room(state.id, r))]
        proxies = await self._proxies(state, at) if set(roles) & set(PROXY_ROLES) else None
        for role in roles:
            # Only rooms someone is in: most sessions have no scribe or observer.
            view = self.view(state, role, at, proxies if role in PROXY_ROLES else None)
            await self.sio.emit("view", view, room=role_room(state.id, role))
        connected = list(self.presence.get(state.id, ()))
        privates = private_views(
            state, self.runtime.registry, connected, self.seeds.get(state.id), at
        )
        self._push_at_timer_end(state)
        for pid, private in privates.items():
            fingerprint = json.dumps([private["me"], private["mine"]], sort_keys=True)
            key = (state.id, pid)
            if self._last_private.get(key) == fingerprint:
                continue
            self._last_private[key] = fingerprint
            await self.sio.emit("private", private, room=person_room(state.id, pid))

    def _occupied(self, room: str) -> bool:
        return next(iter(self.sio.manager.get_participants("/", room)), None) is not None

    def _push_at_timer_end(self, state: SessionState) -> None:
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

        task = asyncio.create_task(at_zero())
        self._timer_push[state.id] = (ends_at, task)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _now() -> float:
    return asyncio.get_running_loop().time()
