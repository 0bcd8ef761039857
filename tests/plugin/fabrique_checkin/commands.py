"""The check-in's one command: share your words while the round is open."""

from __future__ import annotations

from fabrique_checkin.events import WordsShared
from fabrique_checkin.state import CheckinState
from facilitation.fields import Text
from facilitation.protocol import CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Role

WORDS_MAX = 60
COMMANDS: CommandTable[CheckinState, StepContext] = CommandTable()


@COMMANDS.command(
    "checkin.share", Rule.of(Role.PARTICIPANT, steps=["share"]), Text("text", max_length=WORDS_MAX)
)
def share(state: CheckinState, p: Payload, ctx: StepContext) -> list[TypedEvent]:
    return [WordsShared(ctx.actor.id, p["text"])]
