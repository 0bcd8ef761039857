"""The Socket.IO side: who a socket is, commands in, acknowledgements out. Transport only.

python-socketio keeps nothing across reconnects and gives a new sid each time, so identity comes
from `auth` (or the facilitator's cookie) at every `connect`, and rooms are joined again there.
What reaches the screens after a change is `server/fanout.py`'s business.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any

import socketio

from facilitation.anonymity import seed_from_token
from facilitation.messages import error_message, language
from facilitation.service import check_admitted
from facilitation.types import Actor, Rejected, Role
from server.context import COMMANDS_PER_PARTICIPANT, RESYNCS_PER_SOCKET, Runtime
from server.credentials import cookie_name, refused, room_cookie_name
from server.fanout import Fanout
from server.malformed import NamedEvents, PacketJson, UnreadableFrames, packet_logger
from server.rooms import link_room, person_room, role_room

log = logging.getLogger("fabrique.socket")

# Roles a key given by the facilitator may have: the staff's (the facilitator's own, a
# co-facilitator's, scribe's, observer's) and a room screen link's (the room screen, whatever
# screen it asks for).
SCREEN_ROLES = {Role.FACILITATOR.value, Role.SCRIBE.value, Role.OBSERVER.value, Role.ROOM.value}


def _cookie(environ: Mapping[str, Any], name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(environ.get("HTTP_COOKIE", ""))
    except Exception:  # a malformed cookie header from the browser is no credential
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


class Sockets:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        settings = runtime.settings
        origins: Any = None  # None: python-engineio's same-origin check
        if settings.allowed_origins:
            origins = [runtime.base_url, *settings.allowed_origins]
        packets = self.packets = packet_logger(runtime.limiter)
        manager = None
        if settings.redis_url:
            # Several processes (server/scale_out.py): python-socketio's own Redis manager, so an
            # emit without `ignore_queue` (`publication`, below) reaches the sockets of every
            # process. The fan-out's sends are all local (each process patches against what its
            # own sockets hold).
            manager = socketio.AsyncRedisManager(settings.redis_url)
        self.sio = socketio.AsyncServer(
            async_mode="asgi",
            client_manager=manager,
            cors_allowed_origins=origins,
            max_http_buffer_size=settings.max_message_bytes,
            ping_interval=settings.ping_interval,
            ping_timeout=settings.ping_timeout,
            json=PacketJson,
            serializer=NamedEvents,
            logger=packets,
            engineio_logger=packets,
        )
        self.fanout = Fanout(self.sio, runtime)
        self.sio.on("connect", self.connect)
        self.sio.on("disconnect", self.disconnect)
        self.sio.on("command", self.command)
        self.sio.on("resync", self.resync)

    def asgi(self, other_app: Any) -> UnreadableFrames:
        return UnreadableFrames(socketio.ASGIApp(self.sio, other_asgi_app=other_app), self.packets)

    async def publication(self, session_id: str, status: dict[str, Any]) -> None:
        """How publishing the minutes goes, for the consoles that may publish."""
        for role in (Role.FACILITATOR, Role.SCRIBE):
            await self.sio.emit("publication", status, room=role_room(session_id, role))

    async def session_deleted(self, session_id: str) -> None:
        """A deleted session's screens are told (`deleted`), then disconnected. With several
        processes the message reaches every one's sockets, and each screen closes its own
        connection; its credential is gone, so it cannot come back."""
        self.fanout.deleted(session_id)
        for role in Role:
            room = role_room(session_id, role)
            await self.sio.emit("deleted", {}, room=room)
            for sid in [sid for sid, _ in self.sio.manager.get_participants("/", room)]:
                await self.sio.disconnect(sid, ignore_queue=True)

    # -- connecting -------------------------------------------------------------------------

    async def _identity(self, environ: Mapping[str, Any], auth: dict[str, Any]) -> dict[str, Any]:
        """Who this socket is: a phone (its token), or a staff screen (a key or the cookie)."""
        service = self.runtime.service
        token = auth.get("token")
        if isinstance(token, str):
            credential = await service.authenticate(token)
            if credential is not None and credential.role == Role.PARTICIPANT.value:
                return {
                    "session_id": credential.session_id,
                    "role": Role.PARTICIPANT.value,
                    "participant_id": credential.participant_id,
                    "seed": seed_from_token(token),
                }
            refused("a phone's token on a socket", "unknown, forgotten or deleted")
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        session_id = auth.get("session_id")
        if isinstance(session_id, str) and len(session_id) <= 32:
            keys = [auth.get("key") or _cookie(environ, cookie_name(session_id))]
            if auth.get("screen") == "room":
                # A room screen link keeps its key in a cookie of its own.
                keys.append(_cookie(environ, room_cookie_name(session_id)))
            for key in keys:
                credential = await service.authenticate(key) if isinstance(key, str) else None
                if (
                    credential is None
                    or credential.session_id != session_id
                    or credential.role not in SCREEN_ROLES
                ):
                    continue
                role = Role(credential.role)
                # The room screen runs on a facilitator's or an observer's device too.
                if auth.get("screen") == "room" and role is not Role.SCRIBE:
                    role = Role.ROOM
                return {
                    "session_id": session_id,
                    "role": role.value,
                    "participant_id": None,
                    "link_id": credential.link_id,
                }
        refused("a screen's key on a socket", "none, unknown, revoked or another session's")
        raise socketio.exceptions.ConnectionRefusedError("unauthorized")

    def _sent_by_client(self, sid: str) -> bool:
        """Whether a call to `connect` or `disconnect` is an event a client named so. The server
        calls them while the socket is half-way, connecting or leaving; a client's events come
        only from a socket that is connected, and must not pass for either."""
        return bool(self.sio.manager.is_connected(sid, "/"))

    async def connect(self, sid: str, environ: Any, auth: Any = None, *_: Any) -> None:
        if self._sent_by_client(sid):
            return
        try:
            await self._welcome(sid, environ, auth if isinstance(auth, dict) else {})
        except socketio.exceptions.ConnectionRefusedError:
            raise
        except Exception:
            # Ours, not the client's (what it sends is checked): the traceback goes to our log,
            # the client is told, and retries.
            log.exception("connect failed")
            raise socketio.exceptions.ConnectionRefusedError("server_error") from None

    async def _welcome(self, sid: str, environ: Mapping[str, Any], auth: dict[str, Any]) -> None:
        """Who the socket is, its rooms, and its first views."""
        identity = await self._identity(environ, auth)
        identity["lang"] = auth.get("lang") if auth.get("lang") in ("fr", "en") else None
        await self.sio.save_session(sid, identity)
        session_id = identity["session_id"]
        role = Role(identity["role"])
        pid = identity["participant_id"]
        self.fanout.expect(sid, session_id, role, pid)
        await self.sio.enter_room(sid, role_room(session_id, role))
        if identity.get("link_id"):
            await self.sio.enter_room(sid, link_room(session_id, identity["link_id"]))
        if pid is not None:
            await self.sio.enter_room(sid, person_room(session_id, pid))
        state = await self.runtime.service.state(session_id)
        try:
            # Revoked between the credential's look-up and the rooms joined above, the revocation
            # is in this state; revoked later, its disconnect finds this socket in the rooms.
            check_admitted(state, Actor(role, pid, link_id=identity.get("link_id")))
        except Rejected:
            self.fanout.forget(sid, session_id, role, pid)
            refused("a socket", "its person was removed or its link revoked")
            raise socketio.exceptions.ConnectionRefusedError("unauthorized") from None
        if pid is not None:
            self.fanout.arrived(session_id, pid, identity["seed"])
        await self.fanout.welcome(sid, state, role, pid)

    async def disconnect(self, sid: str, *_reason: Any) -> None:
        if self._sent_by_client(sid):
            return
        identity = await self.sio.get_session(sid)
        if identity and "role" in identity:
            role = Role(identity["role"])
            self.fanout.left(sid, identity["session_id"], role, identity.get("participant_id"))

    async def resync(self, sid: str, kind: Any = None, *_: Any) -> None:
        """A screen that missed a patch asks for the whole document (`view` or `private`)."""
        identity = await self.sio.get_session(sid)
        if not identity or "role" not in identity or kind not in ("view", "private"):
            return
        if not self.runtime.limiter.hit(RESYNCS_PER_SOCKET, "resync", sid):
            return
        role = Role(identity["role"])
        await self.fanout.resync(
            sid, identity["session_id"], role, identity.get("participant_id"), kind
        )

    # -- commands ---------------------------------------------------------------------------

    async def command(self, sid: str, data: Any = None, *extra: Any) -> dict[str, Any]:
        identity = await self.sio.get_session(sid)
        session_id: str = identity["session_id"]
        service = self.runtime.service
        role = Role(identity["role"])
        actor = Actor(
            role,
            identity["participant_id"],
            alias_seed=identity.get("seed"),
            link_id=identity.get("link_id"),
        )
        lang = identity.get("lang")
        try:
            if not isinstance(data, dict) or extra:
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
