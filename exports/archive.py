"""The session's archive: its whole event log as JSON, which another Fabrique imports again.

The log holds no secret (credentials are hashed in their own table, aliases of people without a
phone derive from a secret kept beside the session, never in the log): the archive is the log,
without the join code. An anonymous activity's contributions keep their aliases, so nothing in
it ties them to a person. Importing replays every event through the engine's own `apply`, then
composes the minutes: an archive that does not replay is refused and nothing is created. The
team links it names are revoked in the new session (their keys stayed with the old one).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from exports.data import data_csv
from exports.minutes import compose_minutes
from exports.register import register
from facilitation.agenda import SessionCreated
from facilitation.engine import apply_event
from facilitation.people import LinkRevoked
from facilitation.registry import Registry
from facilitation.service import NewSession, SessionService, hash_secret, new_join_code
from facilitation.session import SessionState
from facilitation.store import NewCredential
from facilitation.types import Event, Rejected, Role

KIND = "fabrique.session-archive"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
MAX_EVENTS = 100_000


def session_archive(
    state: SessionState, log: Sequence[tuple[int, Event]], registry: Registry
) -> dict[str, Any]:
    used = sorted({a.format for a in state.activities})
    events = []
    for _seq, event in log:
        data = dict(event.data)
        if event.type == SessionCreated.type:
            # A join code lets people into the live session: an archive has none.
            data["join_code"] = ""
        events.append(
            {
                "type": event.type,
                "activity_id": event.activity_id,
                "actor_id": event.actor_id,
                "at": event.at,
                "data": data,
            }
        )
    return {
        "kind": KIND,
        "version": VERSION,
        "title": state.title,
        "language": state.language,
        "created_at": state.created_at,
        "formats": {name: registry[name].version for name in used if name in registry},
        "events": events,
        # The decisions the session took, read from the log (import replays the events only).
        "register": register(state, registry),
    }


def _refuse(detail: str) -> Rejected:
    return Rejected("invalid_archive", detail=detail)


def _event(number: int, raw: Any) -> Event:
    if not isinstance(raw, Mapping):
        raise _refuse(f"events[{number}]")
    kind, data, at = raw.get("type"), raw.get("data"), raw.get("at")
    activity_id, actor_id = raw.get("activity_id"), raw.get("actor_id")
    if not isinstance(kind, str) or not 0 < len(kind) <= 64:
        raise _refuse(f"events[{number}].type")
    if not isinstance(data, Mapping):
        raise _refuse(f"events[{number}].data")
    for name, value in (("activity_id", activity_id), ("actor_id", actor_id)):
        if value is not None and (not isinstance(value, str) or len(value) > 32):
            raise _refuse(f"events[{number}].{name}")
    try:
        datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        at = None
    if not isinstance(at, str):
        raise _refuse(f"events[{number}].at")
    return Event(kind, dict(data), activity_id, actor_id, at)


def read_archive(raw: bytes, registry: Registry) -> list[Event]:
    """The events of an archive, checked: its shape, its version, its formats."""
    if len(raw) > MAX_BYTES:
        raise Rejected("archive_too_large", max=MAX_BYTES // (1024 * 1024))
    try:
        archive = json.loads(raw)
    except (ValueError, RecursionError):
        raise _refuse("JSON") from None
    if not isinstance(archive, Mapping) or archive.get("kind") != KIND:
        raise _refuse("kind")
    version = archive.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _refuse("version")
    if version > VERSION:
        raise Rejected("archive_version", detail=f"version {version}")
    formats = archive.get("formats")
    if not isinstance(formats, Mapping):
        raise _refuse("formats")
    for name, format_version in formats.items():
        if name not in registry:
            raise Rejected("unknown_format")
        if not isinstance(format_version, int) or format_version > registry[name].version:
            raise Rejected("archive_version", detail=f"{name} {format_version}")
    raw_events = archive.get("events")
    if not isinstance(raw_events, list) or not 0 < len(raw_events) <= MAX_EVENTS:
        raise _refuse("events")
    events = [_event(n, e) for n, e in enumerate(raw_events)]
    if events[0].type != SessionCreated.type:
        raise _refuse("events[0].type")
    return events


def replay(session_id: str, events: Sequence[Event], registry: Registry) -> SessionState:
    """The state the events give, through the engine's own apply; the minutes and the data must
    compose from it. Anything else refuses the archive."""
    state = SessionState(id=session_id)
    for seq, event in enumerate(events, 1):
        if seq > 1 and event.type == SessionCreated.type:
            raise _refuse(f"events[{seq - 1}].type")
        try:
            state = apply_event(state, event, registry, seq)
        except Exception:  # whatever a forged event breaks, the archive is refused
            raise _refuse(f"events[{seq - 1}] ({event.type})") from None
    try:
        compose_minutes(state, registry)
        data_csv(state, registry)
    except Exception:
        raise _refuse("minutes") from None
    return state


def revoked_links(state: SessionState, at: str) -> list[Event]:
    """The archive's team links, revoked: their keys stayed with the exported session, so in
    the new one they open nothing, and its console says so (the facilitator makes new ones).
    Dated as the archive's last event: the minutes' times stay those of the session."""
    return [
        Event(LinkRevoked.type, LinkRevoked(link.id).data(), at=at)
        for link in state.links.values()
        if not link.revoked
    ]


async def import_archive(service: SessionService, raw: bytes) -> NewSession:
    """A new session holding the archive's log: new id, join code and facilitator key."""
    events = read_archive(raw, service.registry)
    session_id = secrets.token_hex(6)
    for _ in range(10):
        code = new_join_code()
        if not await service.store.code_taken(code):
            break
    first = events[0]
    events[0] = replace(first, data={**first.data, "join_code": code})
    events += revoked_links(replay(session_id, events, service.registry), events[-1].at)
    key = secrets.token_urlsafe(24)
    await service.store.create_session(
        session_id,
        code,
        first.at,
        events,
        NewCredential(hash_secret(key), Role.FACILITATOR.value),
        alias_secret=secrets.token_hex(16),
    )
    return NewSession(session_id, code, key)
