"""A participant asks to be forgotten: their name and credential are erased, what they wrote stays.

Who asks: the participant, from their phone (`participant.forget` without a payload), or the
facilitator on their behalf (with `participant_id`), after a confirmation on either screen.

The log is append-only and replayed, and a name must not survive anywhere in it. So forgetting
is the one change that rewrites stored events, in the same transaction as the event that says so
(`participant.forgotten`), under the session's lock:

- every event that carried the person's name (`participant.joined`, `participant.added`,
  `participant.renamed`) is stored again with an empty name;
- the team's texts the app wrote the name into (an edit of the minutes and the generated text it
  was made on, the summary) get "a participant" (in the text's language) in its place;
- their credentials are deleted (not revoked: a revoked credential's hash would still be theirs).

Replaying the rewritten log gives the state the live session has: `participant.forgotten` empties
the name and marks the person forgotten (and no longer taking part), so screens and exports show
"a participant" ("une personne participante") where the name was, and the minutes still hold
every contribution, vote and decision. Their id (`p3`) stays: it names nobody, and it is what
ties their contributions together. What other people typed about them (a note that says "as
Inès said") is theirs and stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from facilitation.fields import Id
from facilitation.markdown import escape
from facilitation.messages import ENGINE, translate
from facilitation.protocol import Rule
from facilitation.session import SessionState
from facilitation.topic import (
    FACILITATOR,
    PARTICIPANT,
    Applying,
    EngineContext,
    EngineEvent,
    engine_commands,
)
from facilitation.types import Event, Rejected, Role

COMMANDS = engine_commands()
# The events that carry a participant's name.
NAMING = ("participant.joined", "participant.added", "participant.renamed")


def placeholder(lang: str) -> str:
    return translate(ENGINE, "participant.forgotten", lang)


def without_name(text: str, names: Collection[str], lang: str) -> str:
    """`text` with each of `names` (as typed, and as the minutes escape it) replaced by "a
    participant"; a name inside a longer word ("Lou" in "Louise") is left alone."""
    spellings = {form for name in names if name for form in (name, escape(name))}
    for spelling in sorted(spellings, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)")
        text = pattern.sub(lambda _m: placeholder(lang), text)
    return text


@dataclass(frozen=True)
class ParticipantForgotten(EngineEvent):
    type = "participant.forgotten"
    keeps_undo = True
    participant_id: str

    def apply(self, state: SessionState, at: Applying) -> SessionState:
        person = state.participants[self.participant_id]
        # Live, the name is still here: take it out of the team's texts as the log's rewrite
        # does. Replayed, the rewritten log holds it nowhere and this changes nothing more.
        names = [person.name] if person.name else []
        gone = replace(person, name="", forgotten=True, removed=True)
        edit = state.minutes_edit
        if edit is not None and names:
            edit = replace(
                edit,
                text=without_name(edit.text, names, edit.lang),
                base=without_name(edit.base, names, edit.lang),
            )
        return replace(
            state,
            participants={**state.participants, gone.id: gone},
            summary=without_name(state.summary, names, state.language),
            minutes_edit=edit,
        )

    def concerns(self, state: SessionState) -> Collection[str] | None:
        return None  # the name may be on anyone's screen


EVENTS = (ParticipantForgotten,)


@COMMANDS.command(
    "participant.forget",
    Rule.of(FACILITATOR, PARTICIPANT),
    Id("participant_id", nullable=True),
    undoable=False,
)
def forget(state: SessionState, p: Mapping[str, Any], ctx: EngineContext) -> list[EngineEvent]:
    own = ctx.actor.participant_id if ctx.actor.role is Role.PARTICIPANT else None
    if ctx.actor.role is Role.PARTICIPANT and p["participant_id"] not in (None, own):
        raise Rejected("not_allowed")  # a participant asks for themselves only
    pid = own or p["participant_id"]
    if pid is None:
        raise Rejected("invalid_payload", field="participant_id")
    person = state.participants.get(pid)
    if person is None:
        raise Rejected("not_found")
    # Removed people may be forgotten too (by the facilitator: their phone is refused).
    return [] if person.forgotten else [ParticipantForgotten(pid)]


def rewritten(
    log: Sequence[tuple[int, Event]], participant_id: str, language: str
) -> list[tuple[int, dict[str, Any]]]:
    """The stored events to write again so that the person's name is in none of them:
    (seq, new data) for each event that changes."""
    names = {
        str(e.data.get("name"))
        for _seq, e in log
        if e.type in NAMING and e.data.get("participant_id") == participant_id
    } - {""}
    changed = []
    for seq, event in log:
        data = dict(event.data)
        if event.type in NAMING and data.get("participant_id") == participant_id:
            data["name"] = ""
        elif event.type == "minutes.edited" and names:
            lang = str(data.get("lang") or language)
            for key in ("text", "base"):
                data[key] = without_name(str(data.get(key, "")), names, lang)
        elif event.type == "minutes.summary_written" and names:
            data["text"] = without_name(str(data.get("text", "")), names, language)
        if data != event.data:
            changed.append((seq, data))
    return changed
