"""A session's state: participants, the agenda of activities (each with its step, time-box,
locks, ready signals, roles and the format's own state), links, the room screen and undo's
checkpoints — frozen dataclasses rebuilt from the log alone — and the questions asked of it.

The commands and events that change it live in the engine's topic modules (agenda, steps,
people, room, undo); `facilitation.engine` puts them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from facilitation.messages import ENGINE, translate
from facilitation.protocol import ANONYMOUS, Authors, Person
from facilitation.registry import Registry

# A person's name and an activity's or a session's title, in characters.
NAME_MAX = 40
TITLE_MAX = 120


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    remote: bool
    number: int
    # Has no phone: added by the facilitator or the scribe, who enter contributions for them.
    proxy: bool = False
    removed: bool = False
    # Asked to be forgotten (facilitation/forgetting.py): no name any more, anywhere.
    forgotten: bool = False

    def shown_name(self, lang: str) -> str:
        """The name screens and exports show: "a participant" once forgotten."""
        if self.forgotten:
            return translate(ENGINE, "participant.forgotten", lang)
        return self.name


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
        return (parse_time(self.ends_at) - parse_time(at)).total_seconds()

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
    anonymity: str = ANONYMOUS
    timer: Timer | None = None
    locked: bool = False
    revealed: bool = False
    # Ids (aliases when anonymous) of the people who said "I'm done" in this step.
    ready: frozenset[str] = frozenset()
    # Participant id -> the format roles the facilitator gave them ("host"…).
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Item id -> show-of-hands count added to a vote.
    hands: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Display:
    """What the room screen (and remote attendees, in compact form) shows."""

    mode: str = "activity"  # activity | qr | pause | spotlight
    activity_id: str | None = None
    item_id: str | None = None
    # The corner with the QR code and the code during steps: it takes a quarter of the screen,
    # so the facilitator may hide it once everyone is in.
    join_box: bool = True
    # The high-contrast theme, for a washed-out projector or a sunny room.
    contrast: bool = False

    def back_to_activity(self) -> Display:
        """The open activity again (a spotlight is over); the join box and the theme stay as
        they were."""
        return replace(self, mode="activity", activity_id=None, item_id=None)


@dataclass(frozen=True)
class Link:
    id: str
    role: str  # co_facilitator | scribe | observer | room_screen
    label: str
    revoked: bool = False


@dataclass(frozen=True)
class UndoPoint:
    """The agenda as it was before one facilitator action, to go back to it exactly."""

    seq: int
    end_seq: int
    label: str
    # What the action did, when its type alone does not say it (`TypedEvent.undo_detail`).
    detail: str
    activities: tuple[Activity, ...]
    current_activity_id: str | None
    activities_created: int
    display: Display
    joining_locked: bool


@dataclass(frozen=True)
class MinutesEdit:
    """The minutes as the team corrected them (see record.py)."""

    text: str
    # The generated text the edit was made on: a later change of the session merges against it.
    base: str
    lang: str
    at: str


@dataclass(frozen=True)
class SessionState:
    id: str
    title: str = ""
    facilitator_name: str = ""
    language: str = "fr"
    join_code: str = ""
    created_at: str = ""
    # Where the session takes place (optional; the facilitator types it on the console).
    place: str = ""
    # When the first activity was opened, and when the log last changed: the minutes' times.
    started_at: str = ""
    last_at: str = ""
    seq: int = 0
    participants: Mapping[str, Participant] = field(default_factory=dict)
    activities: tuple[Activity, ...] = ()
    activities_created: int = 0
    current_activity_id: str | None = None
    joining_locked: bool = False
    display: Display = field(default_factory=Display)
    links: Mapping[str, Link] = field(default_factory=dict)
    undo: tuple[UndoPoint, ...] = ()
    # The minutes as the team leaves them (record.py): a summary, an edit, a shared link.
    summary: str = ""
    minutes_edit: MinutesEdit | None = None
    minutes_link: str | None = None
    minutes_links_made: int = 0

    def activity(self, activity_id: str | None) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    @property
    def current(self) -> Activity | None:
        return self.activity(self.current_activity_id)

    def people_count(self) -> int:
        """Everyone taking part, with a phone or without one (the facilitator or the scribe
        speaks for them): those whose contributions and answers count."""
        return sum(1 for p in self.participants.values() if not p.removed)

    def authors(self, activity: Activity, lang: str | None = None) -> Authors:
        """Who wrote what in this activity; a forgotten person's name is "a participant", in
        `lang` (the session's language by default)."""
        shown = lang or self.language
        people = {
            p.id: Person(p.shown_name(shown), p.number, p.proxy, remote=p.remote, removed=p.removed)
            for p in self.participants.values()
            if activity.anonymity != ANONYMOUS
        }
        return Authors(activity.anonymity, people)


def parse_time(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def iso_time(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def step_key(registry: Registry, activity: Activity) -> str:
    return registry[activity.format].steps[activity.step_index].key


def closed_reason(activity: Activity, at: str) -> str | None:
    """Why participants may not contribute now (input locked, or the time-box that closes input
    has run out), or None."""
    if activity.locked:
        return "input_locked"
    timer = activity.timer
    if timer is not None and timer.close_input and at and timer.seconds_left(at) <= 0:
        return "time_up"
    return None


def with_activity(session: SessionState, activity_id: str, **changes: Any) -> SessionState:
    """The session with one activity changed."""
    return replace(
        session,
        activities=tuple(
            replace(a, **changes) if a.id == activity_id else a for a in session.activities
        ),
    )
