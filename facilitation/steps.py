"""Steps and time-boxes: moving through an activity's steps, locking and revealing, the
countdown, and "I'm done"."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from facilitation.fields import ABSENT, Bool, Int
from facilitation.protocol import Payload, Rule
from facilitation.session import (
    Activity,
    SessionState,
    Timer,
    iso_time,
    parse_time,
    with_activity,
)
from facilitation.topic import (
    FACILITATOR,
    PARTICIPANT,
    Applying,
    EngineContext,
    EngineEvent,
    current,
    engine_commands,
)
from facilitation.types import Rejected

COMMANDS = engine_commands()
BY_FACILITATOR = Rule.of(FACILITATOR)
TIMER_MAX_MINUTES = 240


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepChanged(EngineEvent):
    type = "step.changed"
    activity_id: str
    index: int
    # The optional steps jumped over.
    skipped: list[str] = field(default_factory=list)

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        # A new step starts clean: no timer, input open, nothing revealed, nobody done yet.
        display = state.display
        if display.mode == "spotlight" and display.activity_id == self.activity_id:
            state = replace(state, display=display.back_to_activity())
        return with_activity(
            state,
            self.activity_id,
            step_index=self.index,
            timer=None,
            locked=False,
            revealed=False,
            ready=frozenset(),
        )


@dataclass(frozen=True)
class InputLocked(EngineEvent):
    type = "input.locked"
    activity_id: str
    locked: bool

    def undo_detail(self) -> str:
        return "locked" if self.locked else "unlocked"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        activity = state.activity(self.activity_id)
        assert activity is not None
        timer = activity.timer
        if (
            not self.locked
            and timer is not None
            and timer.close_input
            and at.at
            and timer.seconds_left(at.at) <= 0
        ):
            # Opening input again after the time ran out keeps it open: the facilitator
            # decided so. Before zero, the close planned at zero still stands.
            timer = replace(timer, close_input=False)
        return with_activity(state, activity.id, locked=self.locked, timer=timer)


@dataclass(frozen=True)
class StepRevealed(EngineEvent):
    type = "step.revealed"
    activity_id: str
    revealed: bool

    def undo_detail(self) -> str:
        return "revealed" if self.revealed else "hidden"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        activity = state.activity(self.activity_id)
        assert activity is not None
        private = at.registry[activity.format].steps[activity.step_index].private
        if private and not self.revealed and state.display.activity_id == activity.id:
            # Hidden again: off the projector.
            state = replace(state, display=state.display.back_to_activity())
        return with_activity(state, activity.id, revealed=self.revealed)


@dataclass(frozen=True)
class TimerSet(EngineEvent):
    type = "timer.set"
    activity_id: str
    # start | add | pause | resume | stop
    action: str
    timer: dict[str, Any] | None

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        timer = None if self.timer is None else Timer(**self.timer)
        return with_activity(state, self.activity_id, timer=timer)


@dataclass(frozen=True)
class ReadySaid(EngineEvent):
    type = "participant.ready"
    # "I'm done" does not stop undo, and undo keeps it (see undo.py).
    keeps_undo = True
    activity_id: str
    participant_id: str
    ready: bool

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        activity = state.activity(self.activity_id)
        assert activity is not None
        ready = activity.ready - {self.participant_id}
        if self.ready:
            ready = ready | {self.participant_id}
        return with_activity(state, activity.id, ready=ready)

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return (self.participant_id,)


EVENTS = (StepChanged, InputLocked, StepRevealed, TimerSet, ReadySaid)


# -- moving through steps -----------------------------------------------------------------------


def _moved(ctx: EngineContext, activity: Activity, index: int, skipped: list[str]) -> StepChanged:
    steps = ctx.registry[activity.format].steps
    if index >= len(steps):
        raise Rejected("no_next_step")
    if index < 0:
        raise Rejected("no_previous_step")
    return StepChanged(activity.id, index, skipped)


@COMMANDS.command("step.next", BY_FACILITATOR, needs_activity=True)
def next_step(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    return [_moved(ctx, activity, activity.step_index + 1, [])]


@COMMANDS.command("step.previous", BY_FACILITATOR, needs_activity=True)
def previous_step(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    return [_moved(ctx, activity, activity.step_index - 1, [])]


@COMMANDS.command("step.skip", BY_FACILITATOR, needs_activity=True)
def skip_step(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    steps = ctx.registry[activity.format].steps
    index = activity.step_index + 1
    if index >= len(steps) or not steps[index].optional:
        raise Rejected("not_optional")
    return [_moved(ctx, activity, index + 1, [steps[index].key])]


@COMMANDS.command(
    "step.lock_input", BY_FACILITATOR, Bool("locked", default=True), needs_activity=True
)
def lock_input(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [InputLocked(current(state).id, p["locked"])]


@COMMANDS.command(
    "step.reveal", BY_FACILITATOR, Bool("revealed", default=True), needs_activity=True
)
def reveal(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [StepRevealed(current(state).id, p["revealed"])]


# -- time-boxes ---------------------------------------------------------------------------------


def _timer_set(activity: Activity, action: str, new: Timer | None) -> list[EngineEvent]:
    return [TimerSet(activity.id, action, None if new is None else new.as_json())]


def _running(state: SessionState) -> tuple[Activity, Timer]:
    activity = current(state)
    if activity.timer is None:
        raise Rejected("no_timer")
    return activity, activity.timer


@COMMANDS.command(
    "timer.start",
    BY_FACILITATOR,
    # Minutes for a step's time-box; seconds for short turns ("30 seconds each").
    Int("minutes", default=ABSENT, minimum=1, maximum=TIMER_MAX_MINUTES),
    Int("seconds", default=ABSENT, minimum=1, maximum=TIMER_MAX_MINUTES * 60),
    Bool("close_input", default=False),
    needs_activity=True,
)
def start_timer(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    if "seconds" in p and "minutes" in p:
        raise Rejected("invalid_payload", field="seconds")
    suggested = ctx.registry[activity.format].steps[activity.step_index].minutes or 5
    seconds = p["seconds"] if "seconds" in p else 60 * p.get("minutes", suggested)
    ends_at = iso_time(parse_time(ctx.at) + timedelta(seconds=seconds))
    return _timer_set(activity, "start", Timer(seconds, ends_at, close_input=p["close_input"]))


@COMMANDS.command(
    "timer.add",
    BY_FACILITATOR,
    Int("minutes", default=1, minimum=1, maximum=60),
    needs_activity=True,
)
def add_time(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity, timer = _running(state)
    seconds = 60 * p["minutes"]
    if timer.remaining is not None:
        new = replace(timer, duration=timer.duration + seconds, remaining=timer.remaining + seconds)
    else:
        assert timer.ends_at is not None
        # After zero, "+1 min" means one more minute from now.
        ends = max(parse_time(timer.ends_at), parse_time(ctx.at)) + timedelta(seconds=seconds)
        new = replace(timer, duration=timer.duration + seconds, ends_at=iso_time(ends))
    return _timer_set(activity, "add", new)


@COMMANDS.command("timer.pause", BY_FACILITATOR, needs_activity=True)
def pause_timer(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity, timer = _running(state)
    if timer.remaining is not None:
        raise Rejected("timer_paused")
    left = max(0.0, round(timer.seconds_left(ctx.at), 3))
    return _timer_set(activity, "pause", replace(timer, ends_at=None, remaining=left))


@COMMANDS.command("timer.resume", BY_FACILITATOR, needs_activity=True)
def resume_timer(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity, timer = _running(state)
    if timer.remaining is None:
        raise Rejected("timer_running")
    ends = parse_time(ctx.at) + timedelta(seconds=timer.remaining)
    return _timer_set(activity, "resume", replace(timer, ends_at=iso_time(ends), remaining=None))


@COMMANDS.command("timer.stop", BY_FACILITATOR, needs_activity=True)
def stop_timer(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity, _ = _running(state)
    return _timer_set(activity, "stop", None)


# -- "I'm done" ---------------------------------------------------------------------------------


@COMMANDS.command(
    "participant.ready",
    Rule.of(PARTICIPANT),
    Bool("ready", default=True),
    # Typed for someone without a phone too, and under their alias in an anonymous activity.
    contribution=True,
    needs_activity=True,
    undoable=False,
)
def say_ready(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    if not ctx.registry[activity.format].steps[activity.step_index].ready:
        raise Rejected("wrong_step")
    return [ReadySaid(activity.id, ctx.actor.id, p["ready"])]
