"""The session reducer: participants, the agenda of activities and their steps.

Engine commands decide (`handle_engine_command`), events change state (`apply_event`). Format
commands and events are passed on to the activity's format. Both are pure: replaying the log
always rebuilds the same state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from facilitation import payloads
from facilitation.formats import Format, Rule, StepContext
from facilitation.registry import Registry, UnknownFormat
from facilitation.types import Command, Event, Rejected, Role

NAME_MAX = 40
TITLE_MAX = 120


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    remote: bool
    number: int


@dataclass(frozen=True)
class Activity:
    id: str
    format: str
    title: str
    config: Mapping[str, Any]
    step_index: int
    state: Any


@dataclass(frozen=True)
class SessionState:
    id: str
    title: str = ""
    facilitator_name: str = ""
    language: str = "fr"
    join_code: str = ""
    created_at: str = ""
    seq: int = 0
    participants: Mapping[str, Participant] = field(default_factory=dict)
    activities: tuple[Activity, ...] = ()
    current_activity_id: str | None = None

    def activity(self, activity_id: str | None) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    @property
    def current(self) -> Activity | None:
        return self.activity(self.current_activity_id)


# Engine command types and who may send them (deny by default: a type missing here is refused).
ENGINE_PERMISSIONS: Mapping[str, Rule] = {
    "session.add_activity": Rule.of(Role.FACILITATOR),
    "session.open_activity": Rule.of(Role.FACILITATOR),
    "step.next": Rule.of(Role.FACILITATOR),
    "step.previous": Rule.of(Role.FACILITATOR),
    "participant.rename": Rule.of(Role.PARTICIPANT),
}

ENGINE_EVENTS = frozenset(
    {
        "session.created",
        "participant.joined",
        "participant.renamed",
        "activity.added",
        "activity.opened",
        "step.changed",
    }
)


def step_key(registry: Registry, activity: Activity) -> str:
    return registry[activity.format].steps[activity.step_index].key


def validate_config(fmt: Format, raw: Any) -> dict[str, Any]:
    """Check an activity's settings against the fields its format declares."""
    if not isinstance(raw, Mapping):
        raise Rejected("invalid_payload", field="config")
    payloads.only_keys(raw, *(f.key for f in fmt.config_fields))
    config: dict[str, Any] = {}
    for f in fmt.config_fields:
        if f.type == "text":
            config[f.key] = payloads.text(raw, f.key, max_length=f.max_length, required=f.required)
        elif f.type == "lines":
            config[f.key] = payloads.lines(
                raw, f.key, max_items=f.max_items, max_length=f.max_length
            )
        elif f.type == "int":
            config[f.key] = payloads.integer(
                raw, f.key, minimum=f.min, maximum=f.max, default=f.default
            )
    return config


def handle_engine_command(state: SessionState, cmd: Command, registry: Registry) -> list[Event]:
    p = cmd.payload
    if cmd.type == "session.add_activity":
        payloads.only_keys(p, "format", "title", "config")
        name = payloads.required_id(p, "format")
        try:
            fmt = registry[name]
        except UnknownFormat:
            raise Rejected("unknown_format") from None
        title = payloads.text(p, "title", max_length=TITLE_MAX, required=False)
        config = validate_config(fmt, p.get("config", {}))
        activity_id = f"a{len(state.activities) + 1}"
        events = [
            Event(
                "activity.added",
                {"activity_id": activity_id, "format": name, "title": title, "config": config},
            )
        ]
        if state.current_activity_id is None:
            events.append(Event("activity.opened", {"activity_id": activity_id}))
        return events
    if cmd.type == "session.open_activity":
        payloads.only_keys(p, "activity_id")
        activity_id = payloads.required_id(p, "activity_id")
        if state.activity(activity_id) is None:
            raise Rejected("not_found")
        return [Event("activity.opened", {"activity_id": activity_id})]
    if cmd.type in ("step.next", "step.previous"):
        payloads.only_keys(p)
        activity = state.current
        if activity is None:
            raise Rejected("no_activity")
        delta = 1 if cmd.type == "step.next" else -1
        index = activity.step_index + delta
        if index >= len(registry[activity.format].steps):
            raise Rejected("no_next_step")
        if index < 0:
            raise Rejected("no_previous_step")
        return [Event("step.changed", {"activity_id": activity.id, "index": index})]
    if cmd.type == "participant.rename":
        payloads.only_keys(p, "name")
        name = payloads.text(p, "name", max_length=NAME_MAX, required=False)
        return [
            Event("participant.renamed", {"participant_id": cmd.actor.participant_id, "name": name})
        ]
    raise Rejected("unknown_command")


def join_event(state: SessionState, name: str, remote: bool) -> Event:
    number = len(state.participants) + 1
    return Event(
        "participant.joined", {"participant_id": f"p{number}", "name": name, "remote": remote}
    )


def apply_event(state: SessionState, event: Event, registry: Registry, seq: int) -> SessionState:
    d = event.data
    state = replace(state, seq=seq)
    if event.type == "session.created":
        return replace(
            state,
            title=d["title"],
            facilitator_name=d["facilitator_name"],
            language=d["language"],
            join_code=d["join_code"],
            created_at=event.at,
        )
    if event.type == "participant.joined":
        pid = d["participant_id"]
        person = Participant(pid, d["name"], bool(d.get("remote")), len(state.participants) + 1)
        return replace(state, participants={**state.participants, pid: person})
    if event.type == "participant.renamed":
        pid = d["participant_id"]
        person = replace(state.participants[pid], name=d["name"])
        return replace(state, participants={**state.participants, pid: person})
    if event.type == "activity.added":
        fmt = registry[d["format"]]
        activity = Activity(
            d["activity_id"],
            d["format"],
            d["title"],
            d["config"],
            0,
            fmt.initial_state(d["config"]),
        )
        return replace(state, activities=(*state.activities, activity))
    if event.type == "activity.opened":
        return replace(state, current_activity_id=d["activity_id"])
    if event.type == "step.changed":
        return _update_activity(state, d["activity_id"], step_index=d["index"])
    # Anything else belongs to the format of the activity it names.
    target = state.activity(event.activity_id)
    if target is None:
        raise ValueError(f"event {event.type} names no known activity")
    new_state = registry[target.format].apply(target.state, event)
    return _update_activity(state, target.id, state=new_state)


def _update_activity(session: SessionState, activity_id: str, **changes: Any) -> SessionState:
    return replace(
        session,
        activities=tuple(
            replace(a, **changes) if a.id == activity_id else a for a in session.activities
        ),
    )


def handle_format_command(
    state: SessionState, cmd: Command, registry: Registry, activity_id: str | None
) -> list[Event]:
    activity = state.current
    if activity is None:
        raise Rejected("no_activity")
    if activity_id is not None and activity_id != activity.id:
        raise Rejected("activity_changed")
    fmt = registry[activity.format]
    ctx = StepContext(step=step_key(registry, activity), actor=cmd.actor)
    events = fmt.handle(activity.state, cmd, ctx)
    return [replace(e, activity_id=activity.id) for e in events]
