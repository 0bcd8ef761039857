"""The minutes as the team leaves them: the scribe's or the facilitator's summary and edits of
the generated minutes, and the read-only link that shares them with participants.

The log keeps each edit with the generated text it was made on (`base`): the contributions stay
untouched, and the exports merge a later change of the session into the edit instead of dropping
either (exports/edits.py). The link's secret is derived outside the log, from the session's own
secret, by the server; the log only says which link is current.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from facilitation.fields import Bool, OneOf, Text
from facilitation.messages import LANGUAGES
from facilitation.protocol import Payload, Rule
from facilitation.session import MinutesEdit, SessionState
from facilitation.topic import (
    FACILITATOR,
    SCRIBE,
    Applying,
    EngineContext,
    EngineEvent,
    engine_commands,
)
from facilitation.types import Rejected

COMMANDS = engine_commands()
# Characters of an edited text and of the generated text it was made on; both travel in one
# Socket.IO message, under the server's message size.
MINUTES_MAX = 24_000
SUMMARY_MAX = 4_000


@dataclass(frozen=True)
class MinutesEdited(EngineEvent):
    """The minutes as corrected (`text`, in `lang`), made on the generated `base`; an empty text
    drops the edit (back to the generated minutes)."""

    type = "minutes.edited"
    keeps_undo = True
    text: str
    base: str
    lang: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        edit = MinutesEdit(self.text, self.base, self.lang, at.at) if self.text else None
        return replace(state, minutes_edit=edit)


@dataclass(frozen=True)
class SummaryWritten(EngineEvent):
    type = "minutes.summary_written"
    keeps_undo = True
    text: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        return replace(state, summary=self.text)


@dataclass(frozen=True)
class MinutesShared(EngineEvent):
    """A new read-only link to the minutes (`link_id`), or none: the previous one stops working."""

    type = "minutes.shared"
    keeps_undo = True
    link_id: str | None

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        made = state.minutes_links_made + (1 if self.link_id else 0)
        return replace(state, minutes_link=self.link_id, minutes_links_made=made)


EVENTS = (MinutesEdited, SummaryWritten, MinutesShared)
BY_TEAM = Rule.of(FACILITATOR, SCRIBE)


@COMMANDS.command(
    "minutes.edit",
    BY_TEAM,
    Text("text", max_length=MINUTES_MAX, required=False),
    Text("base", max_length=MINUTES_MAX, required=False),
    OneOf("lang", choices=LANGUAGES, default="fr"),
    undoable=False,
)
def edit(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    if p["text"] and not p["base"]:
        # Without what it was made on, a later change of the session could not be merged in.
        raise Rejected("invalid_payload", field="base")
    if p["text"] == p["base"]:
        # Nothing corrected: the generated minutes stand, and follow the session.
        return [] if state.minutes_edit is None else [MinutesEdited("", "", p["lang"])]
    current = state.minutes_edit
    if current is not None and (current.text, current.base, current.lang) == (
        p["text"],
        p["base"],
        p["lang"],
    ):
        return []
    base = p["base"] if p["text"] else ""
    return [MinutesEdited(p["text"], base, p["lang"])]


@COMMANDS.command(
    "minutes.summary",
    BY_TEAM,
    Text("text", max_length=SUMMARY_MAX, required=False),
    undoable=False,
)
def summary(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    return [] if p["text"] == state.summary else [SummaryWritten(p["text"])]


@COMMANDS.command(
    "minutes.share", Rule.of(FACILITATOR), Bool("shared", default=True), undoable=False
)
def share(state: SessionState, p: Payload, ctx: EngineContext) -> list[EngineEvent]:
    if p["shared"] == (state.minutes_link is not None):
        return []
    if not p["shared"]:
        return [MinutesShared(None)]
    return [MinutesShared(f"m{state.minutes_links_made + 1}")]
