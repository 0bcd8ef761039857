"""People and links: who joins, is added (without a phone), renamed, removed, given a format's
role; whether joining is open; the team's links (co-facilitator, scribe, observer) and the room
screen's."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from facilitation.fields import Bool, Id, OneOf, Text
from facilitation.protocol import Payload, Rule
from facilitation.session import NAME_MAX, Link, Participant, SessionState, with_activity
from facilitation.topic import (
    FACILITATOR,
    PARTICIPANT,
    SCRIBE,
    Applying,
    EngineContext,
    EngineEvent,
    current,
    engine_commands,
)
from facilitation.types import Rejected, Role

COMMANDS = engine_commands()
BY_FACILITATOR = Rule.of(FACILITATOR)
LABEL_MAX = 60
# Which link role gives which engine role. A room screen link is for the computer at the
# projector: it shows what the facilitator chooses there, and sends nothing.
LINK_ROLES: Mapping[str, Role] = {
    "co_facilitator": Role.FACILITATOR,
    "scribe": Role.SCRIBE,
    "observer": Role.OBSERVER,
    "room_screen": Role.ROOM,
}


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantJoined(EngineEvent):
    type = "participant.joined"
    keeps_undo = True
    participant_id: str
    name: str
    remote: bool = False

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        number = len(state.participants) + 1
        person = Participant(self.participant_id, self.name, bool(self.remote), number)
        return replace(state, participants={**state.participants, person.id: person})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return (self.participant_id,)


@dataclass(frozen=True)
class ParticipantAdded(EngineEvent):
    """A person without a phone: the facilitator or the scribe enter their contributions."""

    type = "participant.added"
    keeps_undo = True
    participant_id: str
    name: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        number = len(state.participants) + 1
        person = Participant(self.participant_id, self.name, False, number, proxy=True)
        return replace(state, participants={**state.participants, person.id: person})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ParticipantRenamed(EngineEvent):
    type = "participant.renamed"
    keeps_undo = True
    participant_id: str
    name: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        person = replace(state.participants[self.participant_id], name=self.name)
        return replace(state, participants={**state.participants, person.id: person})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return (self.participant_id,)


@dataclass(frozen=True)
class ParticipantRemoved(EngineEvent):
    """Still named for what they wrote, no longer taking part (their credential is revoked in
    the same transaction)."""

    type = "participant.removed"
    keeps_undo = True
    participant_id: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        person = replace(state.participants[self.participant_id], removed=True)
        return replace(state, participants={**state.participants, person.id: person})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return (self.participant_id,)


@dataclass(frozen=True)
class RoleAssigned(EngineEvent):
    type = "role.assigned"
    activity_id: str
    participant_id: str
    role: str
    assigned: bool

    def undo_detail(self) -> str:
        return "given" if self.assigned else "taken"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        activity = state.activity(self.activity_id)
        assert activity is not None
        pid = self.participant_id
        held = activity.roles.get(pid, frozenset()) - {self.role}
        if self.assigned:
            held = held | {self.role}
        roles = {k: v for k, v in activity.roles.items() if k != pid}
        if held:
            roles[pid] = held
        return with_activity(state, activity.id, roles=roles)


@dataclass(frozen=True)
class JoiningLocked(EngineEvent):
    type = "joining.locked"
    locked: bool

    def undo_detail(self) -> str:
        return "locked" if self.locked else "opened"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(state, joining_locked=self.locked)

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class LinkCreated(EngineEvent):
    """A team link; its secret is made by the service and never enters the log."""

    type = "link.created"
    keeps_undo = True
    link_id: str
    role: str
    label: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        link = Link(self.link_id, self.role, self.label)
        return replace(state, links={**state.links, link.id: link})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class LinkRevoked(EngineEvent):
    type = "link.revoked"
    keeps_undo = True
    link_id: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        link = replace(state.links[self.link_id], revoked=True)
        return replace(state, links={**state.links, link.id: link})

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


EVENTS = (
    ParticipantJoined,
    ParticipantAdded,
    ParticipantRenamed,
    ParticipantRemoved,
    RoleAssigned,
    JoiningLocked,
    LinkCreated,
    LinkRevoked,
)


# -- joining (over HTTP, not a command) ---------------------------------------------------------


def join_event(state: SessionState, name: str, remote: bool) -> ParticipantJoined:
    if state.joining_locked:
        raise Rejected("joining_locked")
    return ParticipantJoined(f"p{len(state.participants) + 1}", name, remote)


# -- commands -----------------------------------------------------------------------------------


def _participant(state: SessionState, p: Payload) -> Participant:
    person = state.participants.get(p["participant_id"])
    if person is None or person.removed:
        raise Rejected("not_found")
    return person


@COMMANDS.command(
    "participant.rename",
    Rule.of(PARTICIPANT),
    Text("name", max_length=NAME_MAX, required=False),
    undoable=False,
)
def rename(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    assert ctx.actor.participant_id is not None
    return [ParticipantRenamed(ctx.actor.participant_id, p["name"])]


@COMMANDS.command(
    "participant.add",
    Rule.of(FACILITATOR, SCRIBE),
    Text("name", max_length=NAME_MAX, required=False),
    undoable=False,
)
def add_person(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ParticipantAdded(f"p{len(state.participants) + 1}", p["name"])]


@COMMANDS.command("participant.remove", BY_FACILITATOR, Id("participant_id"), undoable=False)
def remove_person(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ParticipantRemoved(_participant(state, p).id)]


@COMMANDS.command(
    "participant.assign_role",
    BY_FACILITATOR,
    Id("participant_id"),
    Id("role"),
    Bool("assigned", default=True),
    needs_activity=True,
)
def assign_role(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    person = _participant(state, p)
    activity = current(state)
    if p["role"] not in ctx.registry[activity.format].roles:
        raise Rejected("unknown_role")
    return [RoleAssigned(activity.id, person.id, p["role"], p["assigned"])]


@COMMANDS.command("session.lock_joining", BY_FACILITATOR, Bool("locked", default=True))
def lock_joining(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [JoiningLocked(p["locked"])]


@COMMANDS.command(
    "link.create",
    BY_FACILITATOR,
    OneOf("role", choices=tuple(LINK_ROLES)),
    Text("label", max_length=LABEL_MAX, required=False),
    undoable=False,
)
def create_link(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [LinkCreated(f"l{len(state.links) + 1}", p["role"], p["label"])]


@COMMANDS.command("link.revoke", BY_FACILITATOR, Id("link_id"), undoable=False)
def revoke_link(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    link = state.links.get(p["link_id"])
    if link is None or link.revoked:
        raise Rejected("not_found")
    return [LinkRevoked(link.id)]
