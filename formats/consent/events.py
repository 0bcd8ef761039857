"""The consent format's events: what the log keeps, and how each changes the state.

Every piece a command adds takes its id from the one counter `made` (see state.py), so applying
an event that adds one counts it. Author ids are what the engine gives the format: an alias in
an anonymous activity, so the log links no person to a position there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from facilitation.protocol import EventTable, FormatEvent
from formats.consent.state import (
    ConsentState,
    Objection,
    Outcome,
    Position,
    Question,
    Reaction,
    Round,
    Version,
)
from formats.kit import items

Event = FormatEvent[ConsentState]


@dataclass(frozen=True)
class ProposalWritten(Event):
    """The first version, written or rewritten before the group has worked on it."""

    type = "consent.proposal_written"
    title: str
    text: str
    by: str
    at: str = ""

    def apply(self, state: ConsentState) -> ConsentState:
        first = Version(1, self.text, self.by, at=self.at)
        return replace(state, title=self.title, versions=(first,))


@dataclass(frozen=True)
class ProposalAmended(Event):
    type = "consent.proposal_amended"
    number: int
    text: str
    by: str
    reason: str
    integrates: Sequence[str] = ()
    at: str = ""

    def apply(self, state: ConsentState) -> ConsentState:
        version = Version(
            self.number, self.text, self.by, self.reason, tuple(self.integrates), self.at
        )
        objections = state.objections
        for objection_id in self.integrates:
            objections = items.changed(
                objections, objection_id, status="integrated", integrated_in=self.number
            )
        return replace(state, versions=(*state.versions, version), objections=objections)


@dataclass(frozen=True)
class QuestionAsked(Event):
    type = "consent.question_asked"
    question_id: str
    author_id: str
    text: str

    def concerns(self, state: ConsentState) -> list[str]:
        return [self.author_id]

    def apply(self, state: ConsentState) -> ConsentState:
        asked = Question(self.question_id, self.author_id, self.text)
        return replace(state, questions=(*state.questions, asked), made=state.made + 1)


@dataclass(frozen=True)
class QuestionAnswered(Event):
    type = "consent.question_answered"
    question_id: str
    text: str

    def apply(self, state: ConsentState) -> ConsentState:
        answered = items.changed(state.questions, self.question_id, answer=self.text)
        return replace(state, questions=answered)


@dataclass(frozen=True)
class ReactionGiven(Event):
    """A person's reaction; a second one replaces the first (one reaction each)."""

    type = "consent.reaction_given"
    reaction_id: str
    author_id: str
    text: str

    def concerns(self, state: ConsentState) -> list[str]:
        return [self.author_id]

    def apply(self, state: ConsentState) -> ConsentState:
        before = state.reaction_of(self.author_id)
        if before is not None:
            kept = items.changed(state.reactions, before.id, text=self.text)
            return replace(state, reactions=kept)
        given = Reaction(self.reaction_id, self.author_id, self.text)
        return replace(state, reactions=(*state.reactions, given), made=state.made + 1)


@dataclass(frozen=True)
class RoundOpened(Event):
    type = "consent.round_opened"
    round_id: str
    version: int

    def apply(self, state: ConsentState) -> ConsentState:
        opened = Round(self.round_id, len(state.rounds) + 1, self.version)
        return replace(state, rounds=(*state.rounds, opened), made=state.made + 1)


@dataclass(frozen=True)
class PositionGiven(Event):
    """A position in the current round; a second one (before the positions are shown) replaces
    the first, and an objection it replaces is gone with it."""

    type = "consent.position_given"
    round_id: str
    author_id: str
    position: str
    text: str
    proxy: bool = False
    # The objection this position raises (objection only).
    objection_id: str | None = None

    def concerns(self, state: ConsentState) -> None:
        # The position that completes the round shows it: then nobody may give one any more,
        # and every phone's `can` changes. Whether it did depends on how many people take part,
        # which the format's state does not hold: anyone's view may change.
        return None

    def apply(self, state: ConsentState) -> ConsentState:
        given = Position(self.author_id, self.position, self.text, self.proxy)
        made = state.made
        rounds = []
        objections = state.objections
        for r in state.rounds:
            if r.id == self.round_id:
                kept = tuple(p for p in r.positions if p.author_id != self.author_id)
                r = replace(r, positions=(*kept, given))
            rounds.append(r)
        objections = tuple(
            o
            for o in objections
            if not (o.round_id == self.round_id and o.author_id == self.author_id)
        )
        if self.objection_id is not None:
            raised = Objection(
                self.objection_id,
                self.round_id,
                _version_of(state, self.round_id),
                self.author_id,
                self.text,
                self.proxy,
            )
            objections = (*objections, raised)
            made += 1
        return replace(state, rounds=tuple(rounds), objections=objections, made=made)


def _version_of(state: ConsentState, round_id: str) -> int:
    return next((r.version for r in state.rounds if r.id == round_id), 0)


@dataclass(frozen=True)
class ObjectionExamined(Event):
    type = "consent.objection_examined"
    objection_id: str
    reasoned: bool
    note: str

    def apply(self, state: ConsentState) -> ConsentState:
        status = "reasoned" if self.reasoned else "set_aside"
        examined = items.changed(state.objections, self.objection_id, status=status, note=self.note)
        return replace(state, objections=examined)


@dataclass(frozen=True)
class ObjectionWithdrawn(Event):
    type = "consent.objection_withdrawn"
    objection_id: str

    def apply(self, state: ConsentState) -> ConsentState:
        withdrawn = items.changed(state.objections, self.objection_id, status="withdrawn")
        return replace(state, objections=withdrawn)


@dataclass(frozen=True)
class Decided(Event):
    type = "consent.decided"
    outcome: str
    by: str
    note: str
    version: int
    at: str = ""

    def apply(self, state: ConsentState) -> ConsentState:
        return replace(
            state, outcome=Outcome(self.outcome, self.at, self.by, self.note, self.version)
        )


EVENTS: EventTable[FormatEvent[ConsentState]] = EventTable(
    ProposalWritten,
    ProposalAmended,
    QuestionAsked,
    QuestionAnswered,
    ReactionGiven,
    RoundOpened,
    PositionGiven,
    ObjectionExamined,
    ObjectionWithdrawn,
    Decided,
)
