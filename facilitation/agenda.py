"""The session and its agenda: activities added, opened, renamed, moved, duplicated, removed."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from facilitation import fields
from facilitation.fields import ABSENT, Id, Int, OneOf, Settings, Text
from facilitation.protocol import ANONYMITY_LEVELS, Format, Payload, Rule
from facilitation.registry import UnknownFormat
from facilitation.session import TITLE_MAX, Activity, SessionState, with_activity
from facilitation.topic import (
    FACILITATOR,
    Applying,
    EngineContext,
    EngineEvent,
    engine_commands,
)
from facilitation.types import Rejected

COMMANDS = engine_commands()
BY_FACILITATOR = Rule.of(FACILITATOR)
# A position in the agenda; the handler checks it against the agenda's length.
POSITION_MAX = 1000


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionCreated(EngineEvent):
    type = "session.created"
    title: str
    facilitator_name: str
    language: str
    join_code: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(
            state,
            title=self.title,
            facilitator_name=self.facilitator_name,
            language=self.language,
            join_code=self.join_code,
            created_at=at.at,
        )


@dataclass(frozen=True)
class PlaceSet(EngineEvent):
    type = "session.place_set"
    place: str
    keeps_undo = True

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(state, place=self.place)


@dataclass(frozen=True)
class ActivityAdded(EngineEvent):
    type = "activity.added"
    activity_id: str
    format: str
    title: str
    config: Mapping[str, Any]
    anonymity: str | None = None
    # Inserted after this activity (a duplicate), or at the end.
    after: str | None = None

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        fmt = at.registry[self.format]
        activity = Activity(
            self.activity_id,
            self.format,
            self.title,
            self.config,
            0,
            fmt.initial_state(self.config),
            anonymity=self.anonymity or fmt.anonymity,
        )
        agenda = list(state.activities)
        place = next((i + 1 for i, a in enumerate(agenda) if a.id == self.after), len(agenda))
        agenda.insert(place, activity)
        return replace(
            state, activities=tuple(agenda), activities_created=state.activities_created + 1
        )

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ActivityOpened(EngineEvent):
    type = "activity.opened"
    activity_id: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        # A spotlight belongs to the activity it came from.
        display = state.display
        if display.mode == "spotlight":
            display = display.back_to_activity()
        started = state.started_at or at.at
        return replace(
            state, current_activity_id=self.activity_id, display=display, started_at=started
        )


@dataclass(frozen=True)
class ActivityRenamed(EngineEvent):
    type = "activity.renamed"
    activity_id: str
    title: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return with_activity(state, self.activity_id, title=self.title)

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ActivityMoved(EngineEvent):
    type = "activity.moved"
    activity_id: str
    position: int

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        moved = state.activity(self.activity_id)
        assert moved is not None
        agenda = [a for a in state.activities if a.id != self.activity_id]
        agenda.insert(self.position, moved)
        return replace(state, activities=tuple(agenda))

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ActivityRemoved(EngineEvent):
    type = "activity.removed"
    activity_id: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        kept = tuple(a for a in state.activities if a.id != self.activity_id)
        return replace(state, activities=kept)


EVENTS = (
    SessionCreated,
    PlaceSet,
    ActivityAdded,
    ActivityOpened,
    ActivityRenamed,
    ActivityMoved,
    ActivityRemoved,
)


# -- commands -----------------------------------------------------------------------------------


def validate_config(fmt: Format, raw: Mapping[str, Any]) -> dict[str, Any]:
    """An activity's settings, checked against the fields its format declares."""
    return fields.parse(fmt.config_fields, raw)


def _added(
    state: SessionState,
    name: str,
    title: str,
    config: dict[str, Any],
    anonymity: str,
    after: str | None,
) -> list[EngineEvent]:
    # A counter, not the agenda's length: ids stay unique when activities are removed.
    activity_id = f"a{state.activities_created + 1}"
    added: list[EngineEvent] = [ActivityAdded(activity_id, name, title, config, anonymity, after)]
    if state.current_activity_id is None:
        added.append(ActivityOpened(activity_id))
    return added


def _activity(state: SessionState, p: Payload) -> Activity:
    activity = state.activity(p["activity_id"])
    if activity is None:
        raise Rejected("not_found")
    return activity


@COMMANDS.command(
    "session.add_activity",
    BY_FACILITATOR,
    Id("format"),
    Text("title", max_length=TITLE_MAX, required=False),
    Settings("config", default={}),
    OneOf("anonymity", default=ABSENT, choices=ANONYMITY_LEVELS),
)
def add_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    try:
        fmt = ctx.registry[p["format"]]
    except UnknownFormat:
        raise Rejected("unknown_format") from None
    config = validate_config(fmt, p["config"])
    anonymity = p.get("anonymity", fmt.anonymity)
    return _added(state, fmt.name, p["title"], config, anonymity, after=None)


@COMMANDS.command(
    "session.set_place",
    BY_FACILITATOR,
    Text("place", max_length=TITLE_MAX, required=False),
    undoable=False,
    needs_activity=False,
)
def set_place(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    if p["place"] == state.place:
        return []
    return [PlaceSet(p["place"])]


@COMMANDS.command("session.open_activity", BY_FACILITATOR, Id("activity_id"))
def open_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ActivityOpened(_activity(state, p).id)]


@COMMANDS.command(
    "session.rename_activity",
    BY_FACILITATOR,
    Id("activity_id"),
    Text("title", max_length=TITLE_MAX),
)
def rename_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ActivityRenamed(_activity(state, p).id, p["title"])]


@COMMANDS.command(
    "session.move_activity",
    BY_FACILITATOR,
    Id("activity_id"),
    Int("position", minimum=0, maximum=POSITION_MAX),
)
def move_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = _activity(state, p)
    last = len(state.activities) - 1
    if p["position"] > last:
        raise Rejected("invalid_payload", field="position", min=0, max=last)
    return [ActivityMoved(activity.id, p["position"])]


@COMMANDS.command("session.duplicate_activity", BY_FACILITATOR, Id("activity_id"))
def duplicate_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    a = _activity(state, p)
    return _added(state, a.format, a.title, dict(a.config), a.anonymity, after=a.id)


@COMMANDS.command("session.remove_activity", BY_FACILITATOR, Id("activity_id"))
def remove_activity(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = _activity(state, p)
    if activity.id == state.current_activity_id:
        raise Rejected("activity_is_current")
    return [ActivityRemoved(activity.id)]
