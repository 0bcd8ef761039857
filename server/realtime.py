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
from http.cookies import SimpleCookie
from typing import Any

import socketio

from facilitation.messages import error_message, language
from facilitation.session import SessionState
from facilitation.types import Actor, Event, Rejected, Role
from facilitation.views import activity_view, private_view, private_views, session_view
from server.context import COMMANDS_PER_PARTICIPANT, Runtime
from server.credentials import cookie_name

log = logging.getLogger("fabrique.realtime")

VIEW_ROLES = (Role.FACILITATOR, Role.PARTICIPANT, Role.ROOM)
# How long presence changes are gathered before screens are told (seconds).
PRESENCE_WINDOW = 0.2
# Shortest time between two sends of a session's views (seconds); see `Realtime.push`.
BROADCAST_WINDOW = 0.05


def role_room(session_id: str, role: Role) -> str:
    return f"s:{session_id}:{role.value}"


def person_room(session_id: str, participant_id: str) -> str:
    return f"p:{session_id}:{participant_id}"


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
                }
        else:
            session_id = auth.get("session_id")
            if isinstance(session_id, str) and len(session_id) <= 32:
                key = auth.get("key") or _cookie(environ, cookie_name(session_id))
                credential = await service.authenticate(key) if isinstance(key, str) else None
                if (
                    credential is not None
                    and credential.session_id == session_id
                    and credential.role == Role.FACILITATOR.value
                ):
                    role = Role.ROOM if auth.get("screen") == "room" else Role.FACILITATOR
                    identity = {
                        "session_id": session_id,
                        "role": role.value,
                        "participant_id": None,
                    }
        if identity is None:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        identity["lang"] = auth.get("lang") if auth.get("lang") in ("fr", "en") else None
        await self.sio.save_session(sid, identity)
        session_id = identity["session_id"]
        role = Role(identity["role"])
        await self.sio.enter_room(sid, role_room(session_id, role))
        state = await service.state(session_id)
        pid = identity["participant_id"]
        if pid is not None:
            await self.sio.enter_room(sid, person_room(session_id, pid))
            self.presence.setdefault(session_id, Counter())[pid] += 1
            self.presence_changed(session_id)
            await self.sio.emit("private", private_view(state, self.runtime.registry, pid), to=sid)
        await self.sio.emit("view", self.view(state, role), to=sid)

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
        actor = Actor(role, identity["participant_id"])
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
        return answer

    # -- views ------------------------------------------------------------------------------

    def view(self, state: SessionState, role: Role) -> dict[str, Any]:
        connected = self.presence.get(state.id, Counter())
        registry = self.runtime.registry
        view = {
            "seq": state.seq,
            "session": session_view(state, role, connected, self.runtime.join_url(state.join_code)),
            "activity": activity_view(state, registry, role),
        }
        if role is Role.FACILITATOR:
            # "Preview as participant": exactly what a phone shows, computed by the same code.
            view["preview"] = activity_view(state, registry, Role.PARTICIPANT)
        return view

    async def push(self, state: SessionState, _events: list[Event]) -> None:
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
        for role in VIEW_ROLES:
            await self.sio.emit("view", self.view(state, role), room=role_room(state.id, role))
        connected = list(self.presence.get(state.id, ()))
        for pid, private in private_views(state, self.runtime.registry, connected).items():
            fingerprint = json.dumps([private["me"], private["mine"]], sort_keys=True)
            key = (state.id, pid)
            if self._last_private.get(key) == fingerprint:
                continue
            self._last_private[key] = fingerprint
            await self.sio.emit("private", private, room=person_room(state.id, pid))


def _now() -> float:
    return asyncio.get_running_loop().time()
