"""The accelerator's events: what the log keeps, and how each changes the accelerator.

Every piece a command adds takes its id from the one counter `made` (see state.py), so applying
an event that adds one counts it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from facilitation.protocol import EventTable, FormatEvent
from formats.accelerator.state import AcceleratorState, Action, Contribution, Point, Question
from formats.kit import contributions, items, rounds, themes
from formats.kit.themes import Theme

Event = FormatEvent[AcceleratorState]


# -- 1. presentation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PresentationWritten(Event):
    type = "accelerator.presentation_written"
    problem: str
    text: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, problem=self.problem, presentation=self.text)


@dataclass(frozen=True)
class PointAdded(Event):
    type = "accelerator.point_added"
    point_id: str
    text: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        points = (*state.points, Point(self.point_id, self.text))
        return replace(state, points=points, made=state.made + 1)


@dataclass(frozen=True)
class PointRemoved(Event):
    type = "accelerator.point_removed"
    point_id: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, points=items.without(state.points, self.point_id))


# -- 2. clarification questions -----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionAsked(Event):
    type = "accelerator.question_asked"
    question_id: str
    author_id: str
    text: str
    # Who asked it aloud, for a question the scribe or a facilitator typed (logs written before
    # it existed carry none).
    said_by: str | None = None

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        asked = Question(self.question_id, self.author_id, self.text, said_by=self.said_by)
        return replace(state, questions=(*state.questions, asked), made=state.made + 1)


@dataclass(frozen=True)
class QuestionRemoved(Event):
    type = "accelerator.question_removed"
    question_id: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, questions=items.without(state.questions, self.question_id))


@dataclass(frozen=True)
class QuestionAnswered(Event):
    type = "accelerator.question_answered"
    question_id: str
    text: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        questions = items.changed(
            state.questions, self.question_id, answer=self.text, status="answered"
        )
        return replace(state, questions=questions)


@dataclass(frozen=True)
class QuestionMarked(Event):
    type = "accelerator.question_marked"
    question_id: str
    status: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        questions = items.changed(state.questions, self.question_id, status=self.status)
        return replace(state, questions=questions)


# -- 3. the request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestSet(Event):
    type = "accelerator.request_set"
    text: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, requests=(*state.requests, self.text))


# -- 4. exchanges -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionAdded(Event):
    type = "accelerator.contribution_added"
    contribution_id: str
    author_id: str
    kind: str
    text: str
    # Who said it aloud, for a contribution the scribe or a facilitator typed (logs written
    # before it existed carry none).
    said_by: str | None = None

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        added = Contribution(
            self.contribution_id, self.author_id, self.text, kind=self.kind, said_by=self.said_by
        )
        return replace(state, contributions=(*state.contributions, added), made=state.made + 1)


@dataclass(frozen=True)
class ContributionEdited(Event):
    type = "accelerator.contribution_edited"
    contribution_id: str
    kind: str
    text: str
    # Who moderated ("scribe" or "facilitator"), or None for the author's own edit. Events
    # written before moderation was traced carry none: the author's own edit.
    moderated_by: str | None = None

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        before = items.find(state.contributions, self.contribution_id)
        assert before is not None
        # The author's own last words are never lost: the text, or `original` once staff
        # changed them.
        after = replace(contributions.edited(before, self.text, self.moderated_by), kind=self.kind)
        kept = tuple(after if c.id == before.id else c for c in state.contributions)
        return replace(state, contributions=kept)


@dataclass(frozen=True)
class ContributionRemoved(Event):
    """The author withdrew it."""

    type = "accelerator.contribution_removed"
    contribution_id: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        kept = items.without(state.contributions, self.contribution_id)
        return replace(state, contributions=kept)


@dataclass(frozen=True)
class ContributionHidden(Event):
    """Staff removed someone else's words: hidden, not deleted (the minutes count them)."""

    type = "accelerator.contribution_hidden"
    contribution_id: str
    by: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        hidden = items.changed(state.contributions, self.contribution_id, hidden_by=self.by)
        return replace(state, contributions=hidden)


@dataclass(frozen=True)
class ThemeAdded(Event):
    type = "accelerator.theme_added"
    theme_id: str
    title: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        added = (*state.themes, Theme(self.theme_id, self.title))
        return replace(state, themes=added, made=state.made + 1)


@dataclass(frozen=True)
class ThemeRenamed(Event):
    type = "accelerator.theme_renamed"
    theme_id: str
    title: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, themes=themes.renamed(state.themes, self.theme_id, self.title))


@dataclass(frozen=True)
class ContributionSorted(Event):
    type = "accelerator.contribution_sorted"
    contribution_id: str
    # None: out of every theme.
    theme_id: str | None

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        moved = items.changed(state.contributions, self.contribution_id, theme_id=self.theme_id)
        return replace(state, contributions=moved)


# -- 5. synthesis and action plan ---------------------------------------------------------------


@dataclass(frozen=True)
class SynthesisWritten(Event):
    type = "accelerator.synthesis_written"
    text: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, synthesis=self.text)


@dataclass(frozen=True)
class ActionAdded(Event):
    type = "accelerator.action_added"
    action_id: str
    what: str
    who: str
    when: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        added = (*state.actions, Action(self.action_id, self.what, self.who, self.when))
        return replace(state, actions=added, made=state.made + 1)


@dataclass(frozen=True)
class ActionEdited(Event):
    type = "accelerator.action_edited"
    action_id: str
    what: str
    who: str
    when: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        actions = items.changed(
            state.actions, self.action_id, what=self.what, who=self.who, when=self.when
        )
        return replace(state, actions=actions)


@dataclass(frozen=True)
class ActionRemoved(Event):
    type = "accelerator.action_removed"
    action_id: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, actions=items.without(state.actions, self.action_id))


# -- 6. closing round ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundSet(Event):
    type = "accelerator.round_set"
    # The new order: {"turn_id", "person_id"} for each place (see formats/kit/rounds.py).
    turns: Sequence[Mapping[str, str | None]]

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        round_, made = rounds.reordered(state.round, self.turns)
        return replace(state, round=round_, made=state.made + made)


@dataclass(frozen=True)
class TurnGiven(Event):
    type = "accelerator.turn_given"
    # None: the round is over.
    turn_id: str | None

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, round=replace(state.round, current=self.turn_id))


@dataclass(frozen=True)
class TakeawaySaid(Event):
    type = "accelerator.takeaway_said"
    turn_id: str
    text: str
    # Who typed it: the person in that place, or the scribe noting what they said.
    author_id: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(
            state, round=rounds.said(state.round, self.turn_id, self.text, self.author_id)
        )


@dataclass(frozen=True)
class ScribeSigned(Event):
    type = "accelerator.scribe_signed"
    name: str

    def apply(self, state: AcceleratorState) -> AcceleratorState:
        return replace(state, scribe_name=self.name)


EVENTS: EventTable[FormatEvent[AcceleratorState]] = EventTable(
    PresentationWritten,
    PointAdded,
    PointRemoved,
    QuestionAsked,
    QuestionRemoved,
    QuestionAnswered,
    QuestionMarked,
    RequestSet,
    ContributionAdded,
    ContributionEdited,
    ContributionRemoved,
    ContributionHidden,
    ThemeAdded,
    ThemeRenamed,
    ContributionSorted,
    SynthesisWritten,
    ActionAdded,
    ActionEdited,
    ActionRemoved,
    RoundSet,
    TurnGiven,
    TakeawaySaid,
    ScribeSigned,
)
