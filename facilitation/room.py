"""The room screen: what the projector shows (the activity, the QR code, a pause, one contribution
in the spotlight; the join box or not; the high-contrast theme or not), and the show-of-hands
counts added to a vote from the room."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.fields import Bool, Id, Int, OneOf
from facilitation.protocol import Payload, Rule
from facilitation.registry import Registry
from facilitation.session import SessionState, with_activity
from facilitation.topic import (
    FACILITATOR,
    SCRIBE,
    Applying,
    EngineContext,
    EngineEvent,
    current,
    engine_commands,
)
from facilitation.types import Rejected

COMMANDS = engine_commands()
SCREEN_MODES = ("activity", "qr", "pause")
HANDS_MAX = 10000


@dataclass(frozen=True)
class ScreenChanged(EngineEvent):
    type = "screen.changed"
    # activity | qr | pause | spotlight
    mode: str
    activity_id: str | None = None
    item_id: str | None = None

    def undo_detail(self) -> str:
        return self.mode

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        shown = replace(
            state.display, mode=self.mode, activity_id=self.activity_id, item_id=self.item_id
        )
        return replace(state, display=shown)

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class JoinBoxShown(EngineEvent):
    """The QR code and the code in a corner of the room screen during steps, or not."""

    type = "screen.join_shown"
    shown: bool

    def undo_detail(self) -> str:
        return "shown" if self.shown else "hidden"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(state, display=replace(state.display, join_box=self.shown))

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class HandsCounted(EngineEvent):
    type = "hands.counted"
    activity_id: str
    item_id: str
    count: int

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        activity = state.activity(self.activity_id)
        assert activity is not None
        hands = {k: v for k, v in activity.hands.items() if k != self.item_id}
        if self.count:
            hands[self.item_id] = self.count
        return with_activity(state, activity.id, hands=hands)

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ContrastSet(EngineEvent):
    """The room screen in its high-contrast theme (a washed-out projector, a sunny room), or
    not."""

    type = "screen.contrast_set"
    on: bool

    def undo_detail(self) -> str:
        return "on" if self.on else "off"

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(state, display=replace(state.display, contrast=self.on))

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


EVENTS = (ScreenChanged, JoinBoxShown, ContrastSet, HandsCounted)


@COMMANDS.command("screen.show", Rule.of(FACILITATOR), OneOf("mode", choices=SCREEN_MODES))
def show(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ScreenChanged(p["mode"])]


@COMMANDS.command("screen.show_join", Rule.of(FACILITATOR), Bool("shown", default=True))
def show_join(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [JoinBoxShown(p["shown"])]


@COMMANDS.command("screen.contrast", Rule.of(FACILITATOR), Bool("on", default=True))
def set_contrast(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [ContrastSet(p["on"])]


@COMMANDS.command(
    "screen.spotlight", Rule.of(FACILITATOR), Id("item_id", nullable=True), needs_activity=True
)
def spotlight(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    item_id = p["item_id"]
    if item_id is None:
        return [ScreenChanged("activity")]
    fmt = ctx.registry[activity.format]
    if fmt.item_text(activity.state, item_id) is None:
        raise Rejected("not_found")
    if fmt.steps[activity.step_index].private and not activity.revealed:
        # Private writing: the projector must not show what only its author has seen.
        raise Rejected("not_revealed")
    return [ScreenChanged("spotlight", activity.id, item_id)]


@COMMANDS.command(
    "hands.count",
    Rule.of(FACILITATOR, SCRIBE),
    Id("item_id"),
    Int("count", minimum=0, maximum=HANDS_MAX),
    needs_activity=True,
)
def count_hands(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    activity = current(state)
    if ctx.registry[activity.format].item_text(activity.state, p["item_id"]) is None:
        raise Rejected("not_found")
    return [HandsCounted(activity.id, p["item_id"], p["count"])]


def spotlight_kept(state: SessionState, registry: Registry, activity_id: str) -> SessionState:
    """After a change to an activity: the item in the spotlight was hidden or merged, so the
    room goes back to the activity for good (showing the item again does not put it back on
    the projector)."""
    display = state.display
    activity = state.activity(activity_id)
    if (
        display.mode == "spotlight"
        and display.activity_id == activity_id
        and display.item_id is not None
        and activity is not None
        and registry[activity.format].item_text(activity.state, display.item_id) is None
    ):
        return replace(state, display=display.back_to_activity())
    return state
