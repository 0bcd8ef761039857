"""The dispatch service: one command end to end, and the cache of live session states.

AUTH (who, may they) → VALIDATION and RESOLUTION (the pure `handle`) → PERSIST (one transaction)
→ APPLY (the pure `apply`) → PUBLISH (listeners, i.e. the server's fan-out). The acknowledgement
is given by the caller only after `dispatch` returns, so only after the commit.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from facilitation.agenda import SessionCreated
from facilitation.anonymity import phone_alias, proxy_alias
from facilitation.engine import (
    ENGINE_COMMANDS,
    apply_event,
    checkpoint,
    decide_engine_command,
    decide_format_command,
    is_contribution,
)
from facilitation.fields import Bool, Text, is_unicode
from facilitation.keeping import DeletionListener, SessionKeeping
from facilitation.people import LINK_ROLES, join_event
from facilitation.permissions import authorise
from facilitation.protocol import ANONYMOUS
from facilitation.registry import Registry
from facilitation.session import NAME_MAX, TITLE_MAX, SessionState
from facilitation.store import Credential, EventStore, NewCredential, Revocation, SeqConflict
from facilitation.types import Actor, Event, Rejected, Role

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CLIENT_ID_MAX = 64

Listener = Callable[[SessionState, list[Event]], Awaitable[None]]


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_join_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(8))


def normalise_code(code: str) -> str:
    """What a person typed or scanned → the stored code: no dash, upper case, look-alikes fixed."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    return code.replace("-", "").replace(" ", "").upper().translate(table)


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class Outcome:
    seq: int
    duplicate: bool = False
    # What the sender alone learns (the secret of a link just created).
    result: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class NewSession:
    id: str
    join_code: str
    key: str


@dataclass(frozen=True)
class Joined:
    participant_id: str
    token: str
    name: str


def check_shape(command_type: Any, payload: Any, activity_id: Any, on_behalf_of: Any) -> None:
    """The envelope of a command, before anything is looked up."""
    if not isinstance(command_type, str) or len(command_type) > 64:
        raise Rejected("unknown_command")
    if not isinstance(payload, Mapping):
        raise Rejected("invalid_payload", field="payload")
    if activity_id is not None and not isinstance(activity_id, str):
        raise Rejected("invalid_payload", field="activity_id")
    if on_behalf_of is not None and not isinstance(on_behalf_of, str):
        raise Rejected("invalid_payload", field="on_behalf_of")


def check_admitted(state: SessionState, sender: Actor) -> None:
    """The sender's credential still stands, as the log says: a removed participant's phone and a
    revoked link's screens are refused (`revoked`).

    Read from the state caught up with the log under the session's lock, not from what the
    socket knew when it connected: a command that waited behind the revocation is judged after
    it. Events are appended only after the seq they were decided on (the `(session_id, seq)`
    key), so a revocation written meanwhile by another process makes the append fail and the
    command is judged again on the state that holds it.
    """
    if sender.participant_id is not None and sender.proxy_by is None:
        person = state.participants.get(sender.participant_id)
        if person is None or person.removed:
            raise Rejected("revoked")
    if sender.link_id is not None:
        link = state.links.get(sender.link_id)
        if link is None or link.revoked:
            raise Rejected("revoked")


def acting_as(
    state: SessionState,
    sender: Actor,
    command_type: str,
    on_behalf_of: str | None,
    alias_secret: str,
) -> Actor:
    """Who the command acts as: the sender, or the person without a phone they type for; in an
    anonymous activity, that person's alias (see anonymity.py)."""
    actor = sender
    contribution = is_contribution(command_type)
    if on_behalf_of is not None:
        if actor.role not in (Role.FACILITATOR, Role.SCRIBE):
            raise Rejected("not_allowed")
        if not contribution:
            raise Rejected("invalid_payload", field="on_behalf_of")
        person = state.participants.get(on_behalf_of)
        if person is None or person.removed or not person.proxy:
            raise Rejected("not_found")
        actor = Actor(Role.PARTICIPANT, person.id, proxy_by=actor.id)
    if actor.role is not Role.PARTICIPANT or actor.participant_id is None or not contribution:
        return actor
    # The alias is the current activity's, whatever activity the client named: "I'm done" goes
    # to the current one, and a format command for another one is refused.
    activity = state.current
    if activity is None or activity.anonymity != ANONYMOUS:
        return actor
    if actor.proxy_by is not None:
        alias = proxy_alias(alias_secret, actor.participant_id, activity.id)
    elif actor.alias_seed is not None:
        alias = phone_alias(actor.alias_seed, state.id, activity.id)
    else:
        # No socket seed (a caller inside the server): still no participant id in the log.
        alias = phone_alias(alias_secret + actor.participant_id, state.id, activity.id)
    return replace(actor, alias=alias)


def decide(
    state: SessionState,
    registry: Registry,
    sender: Actor,
    command_type: Any,
    payload: Any,
    at: str,
    activity_id: Any = None,
    on_behalf_of: Any = None,
    *,
    alias_secret: str,
    undoable: bool = True,
    client_id: str = "",
) -> tuple[Actor, list[Event]]:
    """One command, decided: who it acts as and the events to write, stamped; raises Rejected.

    Pure (the clock comes in as `at`): the dispatch service persists what this returns, and
    the property tests call it to decide exactly as the server does.
    """
    check_admitted(state, sender)
    check_shape(command_type, payload, activity_id, on_behalf_of)
    acting = acting_as(state, sender, command_type, on_behalf_of, alias_secret)
    roles = authorise(state, registry, acting, command_type, at)
    if command_type in ENGINE_COMMANDS:
        decided = decide_engine_command(state, registry, acting, command_type, payload, at)
    else:
        decided = decide_format_command(
            state, registry, acting, command_type, payload, activity_id, roles, at
        )
    events = decided.events
    if not events:
        return acting, []
    if undoable and decided.undoable and sender.role is Role.FACILITATOR and on_behalf_of is None:
        # Undo goes back to the state this checkpoint keeps (see undo.py).
        events = [checkpoint(command_type, len(events), decided.detail), *events]
    return acting, [replace(e, actor_id=acting.id, at=at) for e in events]


class SessionService(SessionKeeping):
    def __init__(
        self, store: EventStore, registry: Registry, clock: Callable[[], str] = utcnow
    ) -> None:
        self.store = store
        self.registry = registry
        self.clock = clock
        self._states: dict[str, SessionState] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._listeners: list[Listener] = []
        self._deletion_listeners: list[DeletionListener] = []
        self._secrets: dict[str, str] = {}

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _lock(self, session_id: str) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    async def create_session(self, title: Any, facilitator_name: Any, language: Any) -> NewSession:
        clean_title = Text("title", max_length=TITLE_MAX).read(title)
        clean_name = Text("facilitator_name", max_length=NAME_MAX, required=False).read(
            facilitator_name
        )
        if language not in ("fr", "en"):
            raise Rejected("invalid_payload", field="language")
        key = secrets.token_urlsafe(24)
        session_id = secrets.token_hex(6)
        for _ in range(10):
            code = new_join_code()
            if not await self.store.code_taken(code):
                break
        at = self.clock()
        created = Event(
            SessionCreated.type,
            SessionCreated(clean_title, clean_name, language, code).data(),
            actor_id=Role.FACILITATOR.value,
            at=at,
        )
        await self.store.create_session(
            session_id,
            code,
            at,
            [created],
            NewCredential(hash_secret(key), Role.FACILITATOR.value),
            alias_secret=secrets.token_hex(16),
        )
        return NewSession(session_id, code, key)

    async def state(self, session_id: str) -> SessionState:
        """The cached state, caught up with anything the log has beyond it."""
        state = self._states.get(session_id) or SessionState(id=session_id)
        for seq, event in await self.store.load(session_id, state.seq):
            state = apply_event(state, event, self.registry, seq)
        self._states[session_id] = state
        return state

    async def _current(self, session_id: str, attempt: int) -> SessionState:
        """The state a command is decided on, under the session's locks: read from the log,
        unless this process is the log's only writer and holds the state it last wrote (and
        this is not a second attempt after a conflict)."""
        if self.store.sole_writer and attempt == 0 and session_id in self._states:
            return self._states[session_id]
        return await self.state(session_id)

    async def authenticate(self, secret: str) -> Credential | None:
        if not secret or len(secret) > 200 or not is_unicode(secret):
            return None
        return await self.store.credential(hash_secret(secret))

    async def join(self, session_id: str, name: Any, remote: Any) -> Joined:
        clean_name = Text("name", max_length=NAME_MAX, required=False).read(name)
        is_remote = Bool("remote").read(remote) if remote is not None else False
        token = secrets.token_urlsafe(24)
        async with self._lock(session_id), self.store.session_lock(session_id):
            for attempt in range(3):
                state = await self._current(session_id, attempt)
                joined = join_event(state, clean_name, is_remote)
                pid = joined.participant_id
                event = Event(joined.type, joined.data(), actor_id=pid, at=self.clock())
                try:
                    seq = await self.store.append(
                        session_id,
                        state.seq,
                        [event],
                        credential=NewCredential(hash_secret(token), Role.PARTICIPANT.value, pid),
                    )
                except SeqConflict:
                    continue
                state = apply_event(state, event, self.registry, seq)
                self._states[session_id] = state
                await self._publish(state, [event])
                return Joined(pid, token, clean_name)
        raise Rejected("conflict")

    async def dispatch(
        self,
        session_id: str,
        actor: Actor,
        command_type: Any,
        payload: Any,
        client_id: Any = None,
        activity_id: Any = None,
        on_behalf_of: Any = None,
        # False for what the facilitator did not do by hand (a template's agenda): no undo.
        undoable: bool = True,
    ) -> Outcome:
        check_shape(command_type, payload, activity_id, on_behalf_of)
        if client_id is not None and (
            not isinstance(client_id, str)
            or not 0 < len(client_id) <= CLIENT_ID_MAX
            or not is_unicode(client_id)
        ):
            raise Rejected("invalid_payload", field="client_id")
        async with self._lock(session_id), self.store.session_lock(session_id):
            for attempt in range(3):
                state = await self._current(session_id, attempt)
                if not state.created_at:
                    raise Rejected("revoked")  # deleted while this screen was still open
                # Before the resent-command check: a revoked screen learns nothing more.
                check_admitted(state, actor)
                secret = await self._secret(session_id)
                acting = acting_as(state, actor, command_type, on_behalf_of, secret)
                if client_id:
                    done = await self.store.command_seq(session_id, acting.id, client_id)
                    if done is not None:
                        return Outcome(done, duplicate=True)
                _, stamped = decide(
                    state,
                    self.registry,
                    actor,
                    command_type,
                    payload,
                    self.clock(),
                    activity_id,
                    on_behalf_of,
                    alias_secret=secret,
                    undoable=undoable,
                    client_id=client_id or "",
                )
                if not stamped:
                    return Outcome(state.seq)
                credential, result, revoke = self._credentials_for(stamped)
                erase = await self._erasures(session_id, state, stamped)
                try:
                    seq = await self.store.append(
                        session_id,
                        state.seq,
                        stamped,
                        actor_id=acting.id,
                        client_id=client_id,
                        credential=credential,
                        revoke=revoke,
                        erase=erase,
                    )
                except SeqConflict:
                    # Another process wrote first (or the same command raced itself): catch up.
                    continue
                for event in stamped:
                    state = apply_event(state, event, self.registry, state.seq + 1)
                self._states[session_id] = state
                state = await self._replayed(session_id, erase) or state
                # Published under the lock so every screen receives views in log order.
                await self._publish(state, stamped)
                return Outcome(seq, result=result)
        raise Rejected("conflict")

    async def alias_secret(self, session_id: str) -> str:
        """The secret the aliases of people without a phone derive from (never in the log)."""
        return await self._secret(session_id)

    async def _secret(self, session_id: str) -> str:
        if session_id not in self._secrets:
            self._secrets[session_id] = await self.store.alias_secret(session_id)
        return self._secrets[session_id]

    def _credentials_for(
        self, events: list[Event]
    ) -> tuple[NewCredential | None, dict[str, Any] | None, list[Revocation]]:
        """Secrets never enter the log: a new link's key is made here, stored hashed, and given
        to the sender alone; revoked links and removed participants lose their credentials in
        the same transaction as the event that says so."""
        credential = None
        result = None
        revoke: list[Revocation] = []
        for e in events:
            if e.type == "link.created":
                key = secrets.token_urlsafe(24)
                role = LINK_ROLES[e.data["role"]].value
                credential = NewCredential(hash_secret(key), role, link_id=e.data["link_id"])
                result = {"link_id": e.data["link_id"], "key": key}
            elif e.type == "link.revoked":
                revoke.append(Revocation(link_id=e.data["link_id"]))
            elif e.type == "participant.removed":
                revoke.append(Revocation(participant_id=e.data["participant_id"]))
        return credential, result, revoke

    async def _publish(self, state: SessionState, events: list[Event]) -> None:
        for listener in self._listeners:
            await listener(state, events)
