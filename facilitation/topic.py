"""What an engine topic (agenda, steps, people, room, undo) is made of: commands declared in a
`CommandTable` over the session's state, and typed events that apply themselves to it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar

from facilitation.protocol import CommandTable, TypedEvent
from facilitation.registry import Registry
from facilitation.session import Activity, SessionState
from facilitation.types import Actor, Rejected, Role

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT


@dataclass(frozen=True)
class EngineContext:
    """What an engine command's handler may know besides the state: the formats, who acts and
    the time stamped on the command (handlers never read the clock)."""

    registry: Registry
    actor: Actor
    at: str


@dataclass(frozen=True)
class Applying:
    """What applying an engine event may need besides the state: the formats (an activity's
    first state, its steps), the event's place in the log and its time stamp."""

    registry: Registry
    seq: int
    at: str


class EngineEvent(TypedEvent):
    """An event of the engine: it changes the session's state, purely."""

    # Leaves the agenda and the activities as they are (or is undo's own): it does not stop the
    # facilitator from undoing the action before it.
    keeps_undo: ClassVar[bool] = False

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        raise NotImplementedError

    def concerns(self, state: SessionState) -> Collection[str] | None:
        """The participants whose `private` view this event may change (aliases in an anonymous
        activity); None, the default: everyone's (steps, timers, locks, roles change what
        everyone may do). `state` is at or after this event (see `FormatEvent.concerns`)."""
        return None


# Engine commands are the facilitator's and the session's: not typed for someone without a
# phone, and meaningful without an open activity, unless their declaration says otherwise.
EngineCommands = CommandTable[SessionState, EngineContext]


def engine_commands() -> EngineCommands:
    return CommandTable(contribution=False, needs_activity=False)


def current(state: SessionState) -> Activity:
    """The open activity; `needs_activity` commands are refused before their handler without."""
    activity = state.current
    if activity is None:
        raise Rejected("no_activity")
    return activity
