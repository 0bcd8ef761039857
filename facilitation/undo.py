"""Undo: a checkpoint before each of the facilitator's undoable actions, and a restore event.

The log is never rewritten: `undo.checkpoint` keeps (in the state) the agenda as it was before
the action, `undo.done` puts it back. Any change since the checkpoint that undo would lose (a
contribution, a proxy's entry, the scribe's show of hands) empties the stack, so undo never
erases what the room wrote; events that leave the agenda alone (`keeps_undo`) do not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import Payload, Rule
from facilitation.session import Activity, SessionState, UndoPoint
from facilitation.topic import FACILITATOR, Applying, EngineContext, EngineEvent, engine_commands
from facilitation.types import Rejected

COMMANDS = engine_commands()
# How many facilitator actions can be undone in a row.
UNDO_DEPTH = 20


@dataclass(frozen=True)
class Checkpoint(EngineEvent):
    type = "undo.checkpoint"
    keeps_undo = True
    # The command undo would take back, and how many events it wrote after this one.
    label: str
    count: int
    # What that command did, when its type alone does not say it ("locked", "unlocked").
    detail: str = ""

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        point = UndoPoint(
            seq=at.seq,
            end_seq=at.seq + self.count,
            label=self.label,
            detail=self.detail,
            activities=state.activities,
            current_activity_id=state.current_activity_id,
            activities_created=state.activities_created,
            display=state.display,
            joining_locked=state.joining_locked,
        )
        return replace(state, undo=(*state.undo, point)[-UNDO_DEPTH:])

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class Undone(EngineEvent):
    type = "undo.done"
    keeps_undo = True
    # The checkpoint gone back to.
    seq: int
    label: str = ""

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        point = state.undo[-1]
        # "I'm done" does not stop undo, so undo must not lose it: the signals stay in each
        # activity undo leaves in its step.
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


EVENTS = (Checkpoint, Undone)


def _ready_kept(restored: Activity, live: Activity | None) -> Activity:
    if live is None or live.step_index != restored.step_index:
        return restored  # the signals answered a step undo leaves
    return replace(restored, ready=live.ready)


def stops_undo(state: SessionState, seq: int, keeps_undo: bool) -> SessionState:
    """A change past the latest checkpoint's own events that undo would lose: undo stops here."""
    if state.undo and seq > state.undo[-1].end_seq and not keeps_undo:
        return replace(state, undo=())
    return state


@COMMANDS.command("session.undo", Rule.of(FACILITATOR), undoable=False)
def undo(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    if not state.undo:
        raise Rejected("nothing_to_undo")
    return [Undone(state.undo[-1].seq, state.undo[-1].label)]
