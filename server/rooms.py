"""The Socket.IO rooms of a session, by name.

Every screen of a session is in its role's room (`s:{session}:{role}`); each phone is also in its
own (`p:{session}:{participant}`), and each team link's screens in the link's (`l:…`).
"""

from __future__ import annotations

from facilitation.session import SessionState
from facilitation.types import Event, Role


def role_room(session_id: str, role: Role) -> str:
    return f"s:{session_id}:{role.value}"


def person_room(session_id: str, participant_id: str) -> str:
    return f"p:{session_id}:{participant_id}"


def link_room(session_id: str, link_id: str) -> str:
    return f"l:{session_id}:{link_id}"


def revoked_rooms(
    state: SessionState, previous: SessionState | None, events: list[Event] | None
) -> list[str]:
    """The rooms of the links revoked and the people removed by a change: read from its events,
    or, when they are unknown, from the states before and after it."""
    rooms = []
    if events is not None:
        for event in events:
            if event.type == "link.revoked":
                rooms.append(link_room(state.id, event.data["link_id"]))
            elif event.type in ("participant.removed", "participant.forgotten"):
                rooms.append(person_room(state.id, event.data["participant_id"]))
    elif previous is not None:
        rooms += [
            link_room(state.id, link.id)
            for link in state.links.values()
            if link.revoked and not getattr(previous.links.get(link.id), "revoked", False)
        ]
        rooms += [
            person_room(state.id, p.id)
            for p in state.participants.values()
            if p.removed and not getattr(previous.participants.get(p.id), "removed", False)
        ]
    return rooms
