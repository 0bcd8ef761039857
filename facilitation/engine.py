"""The engine: its commands and events gathered from the topic modules, and the two pure moves
every change goes through — deciding (a command → typed events) and applying (an event of the
log → the next state), for the engine's own commands and for the current activity's format.

Everything the rest of the engine knows about commands is derived from their declarations here:
the permission map (`rule_for`), what a screen may send now (`allowed_now`), the payload checks
(`fields.parse`, once, before a handler runs), the undo list and the set of events the log holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from facilitation import agenda, forgetting, people, record, room, steps, undo
from facilitation.fields import parse
from facilitation.protocol import (
    CommandSpec,
    EventTable,
    Format,
    StepContext,
    TypedEvent,
    apply_format_event,
)
from facilitation.registry import Registry
from facilitation.room import spotlight_kept
from facilitation.session import SessionState, step_key, with_activity
from facilitation.topic import Applying, EngineContext, EngineEvent
from facilitation.types import Actor, Event, Rejected

TOPICS = (agenda, steps, people, forgetting, room, record, undo)


def _gather() -> dict[str, CommandSpec[SessionState, EngineContext]]:
    gathered: dict[str, CommandSpec[SessionState, EngineContext]] = {}
    for topic in TOPICS:
        for type_, spec in topic.COMMANDS.items():
            if type_ in gathered:
                raise ValueError(f"the command {type_!r} is declared by two topics")
            gathered[type_] = spec
    return gathered


# Every engine command, by type, with its rule, fields and handler.
ENGINE_COMMANDS: Mapping[str, CommandSpec[SessionState, EngineContext]] = _gather()
# Every engine event, by type.
ENGINE_EVENTS: EventTable[EngineEvent] = EventTable(*(e for t in TOPICS for e in t.EVENTS))


@dataclass(frozen=True)
class Decided:
    """What a command decided: its events (in the log's form, not yet stamped) and whether the
    facilitator may undo it."""

    events: list[Event]
    undoable: bool
    # What undo would take back, beyond the command's type (see `TypedEvent.undo_detail`).
    detail: str = ""


def is_contribution(command_type: str) -> bool:
    """A participant's act within the current activity (typed for someone without a phone,
    under an alias in an anonymous activity): every format command, and the engine's own
    where declared so ("I'm done")."""
    spec = ENGINE_COMMANDS.get(command_type)
    return spec is None or spec.contribution


def _logged(events: Sequence[TypedEvent], activity_id: str | None = None) -> list[Event]:
    return [Event(e.type, e.data(), activity_id=activity_id) for e in events]


def _detail(events: Sequence[TypedEvent]) -> str:
    return next((d for e in events if (d := e.undo_detail())), "")


def decide_engine_command(
    state: SessionState,
    registry: Registry,
    actor: Actor,
    command_type: str,
    payload: object,
    at: str,
) -> Decided:
    spec = ENGINE_COMMANDS[command_type]
    if spec.needs_activity and state.current is None:
        raise Rejected("no_activity")
    parsed = parse(spec.fields, payload)
    events = spec.handler(state, parsed, EngineContext(registry, actor, at))
    return Decided(_logged(events), spec.undoable, _detail(events))


def step_context(
    state: SessionState,
    registry: Registry,
    actor: Actor,
    roles: frozenset[str] = frozenset(),
    at: str = "",
) -> StepContext:
    """What the current activity's format knows when this actor sends one of its commands."""
    activity = state.current
    assert activity is not None
    return StepContext(
        step=step_key(registry, activity),
        actor=actor,
        roles=roles,
        revealed=activity.revealed,
        assignments=activity.roles,
        authors=state.authors(activity),
        at=at,
        people_count=state.people_count(),
    )


def decide_format_command(
    state: SessionState,
    registry: Registry,
    actor: Actor,
    command_type: str,
    payload: object,
    activity_id: str | None,
    roles: frozenset[str] = frozenset(),
    at: str = "",
) -> Decided:
    activity = state.current
    if activity is None:
        raise Rejected("no_activity")
    if activity_id is not None and activity_id != activity.id:
        raise Rejected("activity_changed")
    fmt = registry[activity.format]
    spec = fmt.commands.get(command_type)
    if spec is None:
        raise Rejected("unknown_command")
    parsed = parse(spec.fields, payload)
    events = spec.handler(activity.state, parsed, step_context(state, registry, actor, roles, at))
    return Decided(_logged(events, activity.id), spec.undoable, _detail(events))


def checkpoint(label: str, count: int, detail: str = "") -> Event:
    """Written before an undoable action of the facilitator's (see undo.py): `label` is the
    command's type, `detail` what it did when the type alone does not say it."""
    return Event(undo.Checkpoint.type, undo.Checkpoint(label, count, detail).data())


def apply_event(state: SessionState, event: Event, registry: Registry, seq: int) -> SessionState:
    """The state after one event of the log. Pure: replaying the log rebuilds the same state."""
    state = replace(state, seq=seq, last_at=event.at or state.last_at)
    engine_event = ENGINE_EVENTS.get(event.type)
    keeps_undo = engine_event is not None and engine_event.keeps_undo
    state = undo.stops_undo(state, seq, keeps_undo)
    if engine_event is not None:
        return engine_event.from_data(event.data).apply(state, Applying(registry, seq, event.at))
    target = state.activity(event.activity_id)
    if target is None:
        raise ValueError(f"event {event.type} names no known activity")
    fmt: Format = registry[target.format]
    if event.type not in fmt.events:
        raise ValueError(f"the format {fmt.name} has no event {event.type!r}")
    changed = with_activity(state, target.id, state=apply_format_event(fmt, target.state, event))
    return spotlight_kept(changed, registry, target.id)
