"""The session reducer: participants, roles, the agenda of activities, steps, timers, ready
signals, locks, the room screen, and undo.

Engine commands decide (`handle_engine_command`), events change state (`apply_event`). Format
commands and events are passed on to the activity's format. Both are pure: replaying the log
always rebuilds the same state. The clock reaches them only as the time stamped on a command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from facilitation import payloads
from facilitation.formats import (
    ANONYMITY_LEVELS,
    Authors,
    Format,
    Person,
    Rule,
    StepContext,
)
from facilitation.registry import Registry, UnknownFormat
from facilitation.types import Command, Event, Rejected, Role

NAME_MAX = 40
TITLE_MAX = 120
LABEL_MAX = 60
# How many facilitator actions can be undone in a row.
UNDO_DEPTH = 20
TIMER_MAX_MINUTES = 240
HANDS_MAX = 10000

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

# Which link role gives which engine role.
LINK_ROLES: Mapping[str, Role] = {
    "co_facilitator": Role.FACILITATOR,
    "scribe": Role.SCRIBE,
    "observer": Role.OBSERVER,
}
SCREEN_MODES = ("activity", "qr", "pause")


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    remote: bool
    number: int
    # Has no phone: added by the facilitator or the scribe, who enter contributions for them.
    proxy: bool = False
    removed: bool = False


@dataclass(frozen=True)
class Timer:
    """A step's time-box. Running: `ends_at` is set. Paused: `remaining` (seconds) is set."""

    duration: int
    ends_at: str | None = None
    remaining: float | None = None
    # At zero, input closes for the step (until the facilitator unlocks it).
    close_input: bool = False

    def seconds_left(self, at: str) -> float:
        if self.remaining is not None:
            return self.remaining
        assert self.ends_at is not None
        return (_time(self.ends_at) - _time(at)).total_seconds()

    def as_json(self) -> dict[str, Any]:
        return {
            "duration": self.duration,
            "ends_at": self.ends_at,
            "remaining": self.remaining,
            "close_input": self.close_input,
        }


@dataclass(frozen=True)
class Activity:
    id: str
    format: str
    title: str
    config: Mapping[str, Any]
    step_index: int
    state: Any
    anonymity: str = "anonymous"
    timer: Timer | None = None
    locked: bool = False
    revealed: bool = False
    # Ids (aliases when anonymous) of the people who said "I'm done" in this step.
    ready: frozenset[str] = frozenset()
    # Participant id -> the format roles the facilitator gave them ("holder"…).
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Item id -> show-of-hands count added to a vote.
    hands: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Display:
    """What the room screen (and remote attendees, in compact form) shows."""

    mode: str = "activity"  # activity | qr | pause | spotlight
    activity_id: str | None = None
    item_id: str | None = None


@dataclass(frozen=True)
class Link:
    id: str
    role: str  # co_facilitator | scribe | observer
    label: str
    revoked: bool = False


@dataclass(frozen=True)
class UndoPoint:
    """The agenda as it was before one facilitator action, to go back to it exactly."""

    seq: int
    end_seq: int
    label: str
    activities: tuple[Activity, ...]
    current_activity_id: str | None
    activities_created: int
    display: Display
    joining_locked: bool


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
    activities_created: int = 0
    current_activity_id: str | None = None
    joining_locked: bool = False
    display: Display = field(default_factory=Display)
    links: Mapping[str, Link] = field(default_factory=dict)
    undo: tuple[UndoPoint, ...] = ()

    def activity(self, activity_id: str | None) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    @property
    def current(self) -> Activity | None:
        return self.activity(self.current_activity_id)

    def authors(self, activity: Activity) -> Authors:
        people = {
            p.id: Person(p.name, p.number, p.proxy, remote=p.remote, removed=p.removed)
            for p in self.participants.values()
            if activity.anonymity != "anonymous"
        }
        return Authors(activity.anonymity, people)


# Engine command types and who may send them (deny by default: a type missing here is refused).
ENGINE_PERMISSIONS: Mapping[str, Rule] = {
    "session.add_activity": Rule.of(FACILITATOR),
    "session.open_activity": Rule.of(FACILITATOR),
    "session.rename_activity": Rule.of(FACILITATOR),
    "session.move_activity": Rule.of(FACILITATOR),
    "session.duplicate_activity": Rule.of(FACILITATOR),
    "session.remove_activity": Rule.of(FACILITATOR),
    "session.lock_joining": Rule.of(FACILITATOR),
    "session.undo": Rule.of(FACILITATOR),
    "step.next": Rule.of(FACILITATOR),
    "step.previous": Rule.of(FACILITATOR),
    "step.skip": Rule.of(FACILITATOR),
    "step.lock_input": Rule.of(FACILITATOR),
    "step.reveal": Rule.of(FACILITATOR),
    "timer.start": Rule.of(FACILITATOR),
    "timer.add": Rule.of(FACILITATOR),
    "timer.pause": Rule.of(FACILITATOR),
    "timer.resume": Rule.of(FACILITATOR),
    "timer.stop": Rule.of(FACILITATOR),
    "screen.show": Rule.of(FACILITATOR),
    "screen.spotlight": Rule.of(FACILITATOR),
    "participant.rename": Rule.of(PARTICIPANT),
    "participant.ready": Rule.of(PARTICIPANT),
    "participant.add": Rule.of(FACILITATOR, SCRIBE),
    "participant.remove": Rule.of(FACILITATOR),
    "participant.assign_role": Rule.of(FACILITATOR),
    "hands.count": Rule.of(FACILITATOR, SCRIBE),
    "link.create": Rule.of(FACILITATOR),
    "link.revoke": Rule.of(FACILITATOR),
}

# Facilitator actions that can be undone (with every format command a facilitator sends).
UNDOABLE = frozenset(
    {
        "session.add_activity",
        "session.open_activity",
        "session.rename_activity",
        "session.move_activity",
        "session.duplicate_activity",
        "session.remove_activity",
        "session.lock_joining",
        "step.next",
        "step.previous",
        "step.skip",
        "step.lock_input",
        "step.reveal",
        "timer.start",
        "timer.add",
        "timer.pause",
        "timer.resume",
        "timer.stop",
        "screen.show",
        "screen.spotlight",
        "participant.assign_role",
        "hands.count",
    }
)

# Events that leave the agenda and activities as they are (or are undo's own): they do not stop
# the facilitator from undoing the action before them.
UNDO_NEUTRAL = frozenset(
    {
        "participant.joined",
        "participant.renamed",
        "participant.added",
        "participant.removed",
        "participant.ready",
        "link.created",
        "link.revoked",
        "undo.checkpoint",
        "undo.done",
    }
)

ENGINE_EVENTS = frozenset(
    {
        "session.created",
        "participant.joined",
        "participant.renamed",
        "participant.added",
        "participant.removed",
        "participant.ready",
        "role.assigned",
        "activity.added",
        "activity.opened",
        "activity.renamed",
        "activity.moved",
        "activity.removed",
        "step.changed",
        "input.locked",
        "step.revealed",
        "timer.set",
        "screen.changed",
        "joining.locked",
        "hands.counted",
        "link.created",
        "link.revoked",
        "undo.checkpoint",
        "undo.done",
    }
)


def _time(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def step_key(registry: Registry, activity: Activity) -> str:
    return registry[activity.format].steps[activity.step_index].key


def input_open(activity: Activity, at: str) -> bool:
    """Whether participants may contribute now: not locked, and the time-box (when it closes
    input) not run out."""
    return closed_reason(activity, at) is None


def closed_reason(activity: Activity, at: str) -> str | None:
    if activity.locked:
        return "input_locked"
    timer = activity.timer
    if timer is not None and timer.close_input and at and timer.seconds_left(at) <= 0:
        return "time_up"
    return None


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


# -- deciding ---------------------------------------------------------------------------------


def handle_engine_command(state: SessionState, cmd: Command, registry: Registry) -> list[Event]:
    kind = cmd.type.partition(".")[0]
    if kind == "session":
        return _agenda(state, cmd, registry)
    if kind in ("step", "timer"):
        activity = state.current
        if activity is None:
            raise Rejected("no_activity")
        if kind == "timer":
            return _timer(state, activity, cmd, registry)
        return _step(activity, cmd, registry)
    if kind in ("participant", "hands"):
        return _people(state, cmd, registry)
    if kind == "screen":
        return _screen(state, cmd, registry)
    if kind == "link":
        return _links(state, cmd)
    raise Rejected("unknown_command")


def _agenda(state: SessionState, cmd: Command, registry: Registry) -> list[Event]:
    p = cmd.payload
    if cmd.type == "session.add_activity":
        payloads.only_keys(p, "format", "title", "config", "anonymity")
        name = payloads.required_id(p, "format")
        try:
            fmt = registry[name]
        except UnknownFormat:
            raise Rejected("unknown_format") from None
        title = payloads.text(p, "title", max_length=TITLE_MAX, required=False)
        config = validate_config(fmt, p.get("config", {}))
        anonymity = p.get("anonymity", fmt.anonymity)
        if anonymity not in ANONYMITY_LEVELS:
            raise Rejected("invalid_payload", field="anonymity")
        return _added(state, name, title, config, anonymity, after=None)
    if cmd.type == "session.lock_joining":
        payloads.only_keys(p, "locked")
        return [Event("joining.locked", {"locked": payloads.boolean(p, "locked", default=True)})]
    if cmd.type == "session.undo":
        payloads.only_keys(p)
        if not state.undo:
            raise Rejected("nothing_to_undo")
        return [Event("undo.done", {"seq": state.undo[-1].seq, "label": state.undo[-1].label})]
    payloads.only_keys(p, "activity_id", "title", "position")
    activity = state.activity(payloads.required_id(p, "activity_id"))
    if activity is None:
        raise Rejected("not_found")
    if cmd.type == "session.open_activity":
        payloads.only_keys(p, "activity_id")
        return [Event("activity.opened", {"activity_id": activity.id})]
    if cmd.type == "session.rename_activity":
        payloads.only_keys(p, "activity_id", "title")
        title = payloads.text(p, "title", max_length=TITLE_MAX)
        return [Event("activity.renamed", {"activity_id": activity.id, "title": title})]
    if cmd.type == "session.move_activity":
        payloads.only_keys(p, "activity_id", "position")
        last = len(state.activities) - 1
        position = payloads.integer(p, "position", minimum=0, maximum=last)
        return [Event("activity.moved", {"activity_id": activity.id, "position": position})]
    if cmd.type == "session.duplicate_activity":
        payloads.only_keys(p, "activity_id")
        return _added(
            state,
            activity.format,
            activity.title,
            dict(activity.config),
            activity.anonymity,
            after=activity.id,
        )
    if cmd.type == "session.remove_activity":
        payloads.only_keys(p, "activity_id")
        if activity.id == state.current_activity_id:
            raise Rejected("activity_is_current")
        return [Event("activity.removed", {"activity_id": activity.id})]
    raise Rejected("unknown_command")


def _added(
    state: SessionState,
    name: str,
    title: str,
    config: dict[str, Any],
    anonymity: str,
    after: str | None,
) -> list[Event]:
    # A counter, not the agenda's length: ids stay unique when activities are removed.
    activity_id = f"a{state.activities_created + 1}"
    events = [
        Event(
            "activity.added",
            {
                "activity_id": activity_id,
                "format": name,
                "title": title,
                "config": config,
                "anonymity": anonymity,
                "after": after,
            },
        )
    ]
    if state.current_activity_id is None:
        events.append(Event("activity.opened", {"activity_id": activity_id}))
    return events


def _step(activity: Activity, cmd: Command, registry: Registry) -> list[Event]:
    p = cmd.payload
    steps = registry[activity.format].steps
    if cmd.type in ("step.next", "step.previous", "step.skip"):
        payloads.only_keys(p)
        index = activity.step_index + (-1 if cmd.type == "step.previous" else 1)
        skipped: list[str] = []
        if cmd.type == "step.skip":
            if index >= len(steps) or not steps[index].optional:
                raise Rejected("not_optional")
            skipped.append(steps[index].key)
            index += 1
        if index >= len(steps):
            raise Rejected("no_next_step")
        if index < 0:
            raise Rejected("no_previous_step")
        data: dict[str, Any] = {"activity_id": activity.id, "index": index}
        if skipped:
            data["skipped"] = skipped
        return [Event("step.changed", data)]
    if cmd.type == "step.lock_input":
        payloads.only_keys(p, "locked")
        locked = payloads.boolean(p, "locked", default=True)
        return [Event("input.locked", {"activity_id": activity.id, "locked": locked})]
    if cmd.type == "step.reveal":
        payloads.only_keys(p, "revealed")
        revealed = payloads.boolean(p, "revealed", default=True)
        return [Event("step.revealed", {"activity_id": activity.id, "revealed": revealed})]
    raise Rejected("unknown_command")


def _timer(
    state: SessionState, activity: Activity, cmd: Command, registry: Registry
) -> list[Event]:
    p = cmd.payload
    at = _time(cmd.at)
    timer = activity.timer
    new: Timer | None
    if cmd.type == "timer.start":
        # Minutes for a step's time-box; seconds for short turns ("30 seconds each").
        payloads.only_keys(p, "minutes", "seconds", "close_input")
        suggested = registry[activity.format].steps[activity.step_index].minutes or 5
        if "seconds" in p:
            if "minutes" in p:
                raise Rejected("invalid_payload", field="seconds")
            seconds = payloads.integer(p, "seconds", minimum=1, maximum=TIMER_MAX_MINUTES * 60)
        else:
            seconds = 60 * payloads.integer(
                p, "minutes", minimum=1, maximum=TIMER_MAX_MINUTES, default=suggested
            )
        close = payloads.boolean(p, "close_input", default=False)
        new = Timer(seconds, ends_at=_iso(at + timedelta(seconds=seconds)), close_input=close)
    elif timer is None:
        raise Rejected("no_timer")
    elif cmd.type == "timer.add":
        payloads.only_keys(p, "minutes")
        seconds = 60 * payloads.integer(p, "minutes", minimum=1, maximum=60, default=1)
        if timer.remaining is not None:
            new = replace(
                timer, duration=timer.duration + seconds, remaining=timer.remaining + seconds
            )
        else:
            assert timer.ends_at is not None
            # After zero, "+1 min" means one more minute from now.
            ends = max(_time(timer.ends_at), at) + timedelta(seconds=seconds)
            new = replace(timer, duration=timer.duration + seconds, ends_at=_iso(ends))
    elif cmd.type == "timer.pause":
        payloads.only_keys(p)
        if timer.remaining is not None:
            raise Rejected("timer_paused")
        left = max(0.0, round(timer.seconds_left(cmd.at), 3))
        new = replace(timer, ends_at=None, remaining=left)
    elif cmd.type == "timer.resume":
        payloads.only_keys(p)
        if timer.remaining is None:
            raise Rejected("timer_running")
        ends = at + timedelta(seconds=timer.remaining)
        new = replace(timer, ends_at=_iso(ends), remaining=None)
    elif cmd.type == "timer.stop":
        payloads.only_keys(p)
        new = None
    else:
        raise Rejected("unknown_command")
    return [
        Event(
            "timer.set",
            {
                "activity_id": activity.id,
                "action": cmd.type.partition(".")[2],
                "timer": None if new is None else new.as_json(),
            },
        )
    ]


def _people(state: SessionState, cmd: Command, registry: Registry) -> list[Event]:
    p = cmd.payload
    if cmd.type == "participant.rename":
        payloads.only_keys(p, "name")
        name = payloads.text(p, "name", max_length=NAME_MAX, required=False)
        return [
            Event("participant.renamed", {"participant_id": cmd.actor.participant_id, "name": name})
        ]
    if cmd.type == "participant.add":
        payloads.only_keys(p, "name")
        name = payloads.text(p, "name", max_length=NAME_MAX, required=False)
        pid = f"p{len(state.participants) + 1}"
        return [Event("participant.added", {"participant_id": pid, "name": name})]
    activity = state.current
    if cmd.type == "participant.ready":
        payloads.only_keys(p, "ready")
        ready = payloads.boolean(p, "ready", default=True)
        if activity is None:
            raise Rejected("no_activity")
        if not registry[activity.format].steps[activity.step_index].ready:
            raise Rejected("wrong_step")
        return [
            Event(
                "participant.ready",
                {"activity_id": activity.id, "participant_id": cmd.actor.id, "ready": ready},
            )
        ]
    if cmd.type == "participant.remove":
        payloads.only_keys(p, "participant_id")
        person = _participant(state, p)
        return [Event("participant.removed", {"participant_id": person.id})]
    if cmd.type == "participant.assign_role":
        payloads.only_keys(p, "participant_id", "role", "assigned")
        person = _participant(state, p)
        if activity is None:
            raise Rejected("no_activity")
        role = payloads.required_id(p, "role")
        if role not in registry[activity.format].roles:
            raise Rejected("unknown_role")
        assigned = payloads.boolean(p, "assigned", default=True)
        return [
            Event(
                "role.assigned",
                {
                    "activity_id": activity.id,
                    "participant_id": person.id,
                    "role": role,
                    "assigned": assigned,
                },
            )
        ]
    if cmd.type == "hands.count":
        payloads.only_keys(p, "item_id", "count")
        if activity is None:
            raise Rejected("no_activity")
        item_id = payloads.required_id(p, "item_id")
        if registry[activity.format].item_text(activity.state, item_id) is None:
            raise Rejected("not_found")
        count = payloads.integer(p, "count", minimum=0, maximum=HANDS_MAX)
        return [
            Event("hands.counted", {"activity_id": activity.id, "item_id": item_id, "count": count})
        ]
    raise Rejected("unknown_command")


def _participant(state: SessionState, p: Mapping[str, Any]) -> Participant:
    person = state.participants.get(payloads.required_id(p, "participant_id"))
    if person is None or person.removed:
        raise Rejected("not_found")
    return person


def _screen(state: SessionState, cmd: Command, registry: Registry) -> list[Event]:
    p = cmd.payload
    if cmd.type == "screen.show":
        payloads.only_keys(p, "mode")
        mode = p.get("mode")
        if mode not in SCREEN_MODES:
            raise Rejected("invalid_payload", field="mode")
        return [Event("screen.changed", {"mode": mode, "activity_id": None, "item_id": None})]
    if cmd.type == "screen.spotlight":
        payloads.only_keys(p, "item_id")
        item_id = payloads.identifier(p, "item_id", nullable=True)
        activity = state.current
        if activity is None:
            raise Rejected("no_activity")
        if item_id is None:
            return [
                Event("screen.changed", {"mode": "activity", "activity_id": None, "item_id": None})
            ]
        fmt = registry[activity.format]
        if fmt.item_text(activity.state, item_id) is None:
            raise Rejected("not_found")
        if fmt.steps[activity.step_index].private and not activity.revealed:
            # Private writing: the projector must not show what only its author has seen.
            raise Rejected("not_revealed")
        return [
            Event(
                "screen.changed",
                {"mode": "spotlight", "activity_id": activity.id, "item_id": item_id},
            )
        ]
    raise Rejected("unknown_command")


def _links(state: SessionState, cmd: Command) -> list[Event]:
    p = cmd.payload
    if cmd.type == "link.create":
        payloads.only_keys(p, "role", "label")
        role = p.get("role")
        if role not in LINK_ROLES:
            raise Rejected("invalid_payload", field="role")
        label = payloads.text(p, "label", max_length=LABEL_MAX, required=False)
        link_id = f"l{len(state.links) + 1}"
        return [Event("link.created", {"link_id": link_id, "role": role, "label": label})]
    if cmd.type == "link.revoke":
        payloads.only_keys(p, "link_id")
        link = state.links.get(payloads.required_id(p, "link_id"))
        if link is None or link.revoked:
            raise Rejected("not_found")
        return [Event("link.revoked", {"link_id": link.id})]
    raise Rejected("unknown_command")


def join_event(state: SessionState, name: str, remote: bool) -> Event:
    if state.joining_locked:
        raise Rejected("joining_locked")
    number = len(state.participants) + 1
    return Event(
        "participant.joined", {"participant_id": f"p{number}", "name": name, "remote": remote}
    )


def handle_format_command(
    state: SessionState,
    cmd: Command,
    registry: Registry,
    activity_id: str | None,
    roles: frozenset[str] = frozenset(),
) -> list[Event]:
    activity = state.current
    if activity is None:
        raise Rejected("no_activity")
    if activity_id is not None and activity_id != activity.id:
        raise Rejected("activity_changed")
    fmt = registry[activity.format]
    ctx = StepContext(
        step=step_key(registry, activity),
        actor=cmd.actor,
        roles=roles,
        revealed=activity.revealed,
        assignments=activity.roles,
        authors=state.authors(activity),
    )
    events = fmt.handle(activity.state, cmd, ctx)
    return [replace(e, activity_id=activity.id) for e in events]


# -- applying ---------------------------------------------------------------------------------


def apply_event(state: SessionState, event: Event, registry: Registry, seq: int) -> SessionState:
    d = event.data
    state = replace(state, seq=seq)
    if state.undo and seq > state.undo[-1].end_seq and event.type not in UNDO_NEUTRAL:
        # A change that is not the facilitator's latest action (a contribution, a proxy vote, a
        # show of hands entered by the scribe): going back past it would lose it, so undo
        # stops here.
        state = replace(state, undo=())
    if event.type not in ENGINE_EVENTS:
        target = state.activity(event.activity_id)
        if target is None:
            raise ValueError(f"event {event.type} names no known activity")
        new_state = registry[target.format].apply(target.state, event)
        display = state.display
        if (
            display.mode == "spotlight"
            and display.activity_id == target.id
            and display.item_id is not None
            and registry[target.format].item_text(new_state, display.item_id) is None
        ):
            # The item in the spotlight was hidden or merged: the room goes back to the activity
            # for good, so showing the item again does not put it back on the projector.
            state = replace(state, display=Display())
        return _update_activity(state, target.id, state=new_state)
    match event.type:
        case "session.created":
            return replace(
                state,
                title=d["title"],
                facilitator_name=d["facilitator_name"],
                language=d["language"],
                join_code=d["join_code"],
                created_at=event.at,
            )
        case "participant.joined" | "participant.added":
            pid = d["participant_id"]
            proxy = event.type == "participant.added"
            person = Participant(
                pid, d["name"], bool(d.get("remote")), len(state.participants) + 1, proxy=proxy
            )
            return replace(state, participants={**state.participants, pid: person})
        case "participant.renamed" | "participant.removed":
            pid = d["participant_id"]
            person = state.participants[pid]
            if event.type == "participant.renamed":
                person = replace(person, name=d["name"])
            else:
                person = replace(person, removed=True)
            return replace(state, participants={**state.participants, pid: person})
        case "participant.ready":
            activity = state.activity(d["activity_id"])
            assert activity is not None
            ready = activity.ready - {d["participant_id"]}
            if d["ready"]:
                ready = ready | {d["participant_id"]}
            return _update_activity(state, activity.id, ready=ready)
        case "role.assigned":
            activity = state.activity(d["activity_id"])
            assert activity is not None
            pid = d["participant_id"]
            held = activity.roles.get(pid, frozenset()) - {d["role"]}
            if d["assigned"]:
                held = held | {d["role"]}
            roles = {k: v for k, v in activity.roles.items() if k != pid}
            if held:
                roles[pid] = held
            return _update_activity(state, activity.id, roles=roles)
        case "activity.added":
            fmt = registry[d["format"]]
            activity = Activity(
                d["activity_id"],
                d["format"],
                d["title"],
                d["config"],
                0,
                fmt.initial_state(d["config"]),
                anonymity=d.get("anonymity", fmt.anonymity),
            )
            agenda = list(state.activities)
            after = d.get("after")
            at = next((i + 1 for i, a in enumerate(agenda) if a.id == after), len(agenda))
            agenda.insert(at, activity)
            return replace(
                state, activities=tuple(agenda), activities_created=state.activities_created + 1
            )
        case "activity.opened":
            # A spotlight belongs to the activity it came from.
            display = Display() if state.display.mode == "spotlight" else state.display
            return replace(state, current_activity_id=d["activity_id"], display=display)
        case "activity.renamed":
            return _update_activity(state, d["activity_id"], title=d["title"])
        case "activity.moved":
            agenda = [a for a in state.activities if a.id != d["activity_id"]]
            moved = state.activity(d["activity_id"])
            assert moved is not None
            agenda.insert(d["position"], moved)
            return replace(state, activities=tuple(agenda))
        case "activity.removed":
            return replace(
                state, activities=tuple(a for a in state.activities if a.id != d["activity_id"])
            )
        case "step.changed":
            # A new step starts clean: no timer, input open, nothing revealed, nobody done yet.
            display = state.display
            if display.mode == "spotlight" and display.activity_id == d["activity_id"]:
                display = Display()
            state = replace(state, display=display)
            return _update_activity(
                state,
                d["activity_id"],
                step_index=d["index"],
                timer=None,
                locked=False,
                revealed=False,
                ready=frozenset(),
            )
        case "input.locked":
            activity = state.activity(d["activity_id"])
            assert activity is not None
            timer = activity.timer
            if (
                not d["locked"]
                and timer is not None
                and timer.close_input
                and event.at
                and timer.seconds_left(event.at) <= 0
            ):
                # Opening input again after the time ran out keeps it open: the facilitator
                # decided so. Before zero, the close planned at zero still stands.
                timer = replace(timer, close_input=False)
            return _update_activity(state, activity.id, locked=d["locked"], timer=timer)
        case "step.revealed":
            activity = state.activity(d["activity_id"])
            assert activity is not None
            display = state.display
            private = registry[activity.format].steps[activity.step_index].private
            if private and not d["revealed"] and display.activity_id == activity.id:
                state = replace(state, display=Display())  # hidden again: off the projector
            return _update_activity(state, activity.id, revealed=d["revealed"])
        case "timer.set":
            raw = d["timer"]
            timer = None if raw is None else Timer(**raw)
            return _update_activity(state, d["activity_id"], timer=timer)
        case "hands.counted":
            activity = state.activity(d["activity_id"])
            assert activity is not None
            hands = {k: v for k, v in activity.hands.items() if k != d["item_id"]}
            if d["count"]:
                hands[d["item_id"]] = d["count"]
            return _update_activity(state, activity.id, hands=hands)
        case "screen.changed":
            return replace(state, display=Display(d["mode"], d["activity_id"], d["item_id"]))
        case "joining.locked":
            return replace(state, joining_locked=d["locked"])
        case "link.created":
            link = Link(d["link_id"], d["role"], d["label"])
            return replace(state, links={**state.links, link.id: link})
        case "link.revoked":
            link = replace(state.links[d["link_id"]], revoked=True)
            return replace(state, links={**state.links, link.id: link})
        case "undo.checkpoint":
            point = UndoPoint(
                seq=seq,
                end_seq=seq + d["count"],
                label=d["label"],
                activities=state.activities,
                current_activity_id=state.current_activity_id,
                activities_created=state.activities_created,
                display=state.display,
                joining_locked=state.joining_locked,
            )
            return replace(state, undo=(*state.undo, point)[-UNDO_DEPTH:])
        case "undo.done":
            point = state.undo[-1]
            # "I'm done" does not stop undo (UNDO_NEUTRAL), so undo must not lose it: the
            # signals stay in each activity undo leaves in its step.
            activities = tuple(_ready_kept(a, state.activity(a.id)) for a in point.activities)
            return replace(
                state,
                activities=activities,
                current_activity_id=point.current_activity_id,
                activities_created=point.activities_created,
                display=point.display,
                joining_locked=point.joining_locked,
                undo=state.undo[:-1],
            )
    raise ValueError(f"the engine has no event {event.type!r}")


def _ready_kept(restored: Activity, live: Activity | None) -> Activity:
    if live is None or live.step_index != restored.step_index:
        return restored  # the signals answered a step undo leaves
    return replace(restored, ready=live.ready)


def _update_activity(session: SessionState, activity_id: str, **changes: Any) -> SessionState:
    return replace(
        session,
        activities=tuple(
            replace(a, **changes) if a.id == activity_id else a for a in session.activities
        ),
    )
