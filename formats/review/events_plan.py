"""The review's events for the next three years: objectives proposed and rated, commitments
made from them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import FormatEvent
from formats.kit import items
from formats.review.state import Commitment, Objective, Rating, ReviewState

Event = FormatEvent[ReviewState]


@dataclass(frozen=True)
class ObjectiveProposed(Event):
    type = "review.objective_proposed"
    objective_id: str
    author_id: str
    year: int
    axis_id: str
    text: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.author_id]

    def apply(self, state: ReviewState) -> ReviewState:
        added = Objective(
            self.objective_id, self.author_id, self.text, year=self.year, axis_id=self.axis_id
        )
        return replace(state, objectives=(*state.objectives, added), made=state.made + 1)


@dataclass(frozen=True)
class ObjectiveRemoved(Event):
    """Hidden, never lost; its ratings stay in the log but count nowhere."""

    type = "review.objective_removed"
    objective_id: str
    by: str

    def concerns(self, state: ReviewState) -> None:
        # Every rater's own ratings list drops it: anyone's view.
        return None

    def apply(self, state: ReviewState) -> ReviewState:
        kept = items.changed(state.objectives, self.objective_id, hidden_by=self.by)
        return replace(state, objectives=kept)


@dataclass(frozen=True)
class Rated(Event):
    """One person's rating of an objective, as it now stands (both scales)."""

    type = "review.rated"
    rater_id: str
    objective_id: str
    importance: int | None = None
    feasibility: int | None = None

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.rater_id]

    def apply(self, state: ReviewState) -> ReviewState:
        given = Rating(self.rater_id, self.objective_id, self.importance, self.feasibility)
        kept = tuple(
            r
            for r in state.ratings
            if not (r.rater_id == self.rater_id and r.objective_id == self.objective_id)
        )
        return replace(state, ratings=(*kept, given))


@dataclass(frozen=True)
class Committed(Event):
    type = "review.committed"
    commitment_id: str
    objective_id: str | None
    text: str
    owner: str
    year: int
    individual: str = ""
    collective: str = ""

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        made = Commitment(
            self.commitment_id,
            self.objective_id,
            self.text,
            self.owner,
            self.year,
            self.individual,
            self.collective,
        )
        return replace(state, commitments=(*state.commitments, made), made=state.made + 1)


@dataclass(frozen=True)
class CommitmentEdited(Event):
    """The commitment as it now stands (every field)."""

    type = "review.commitment_edited"
    commitment_id: str
    text: str
    owner: str
    year: int
    individual: str = ""
    collective: str = ""

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        changed = items.changed(
            state.commitments,
            self.commitment_id,
            text=self.text,
            owner=self.owner,
            year=self.year,
            individual=self.individual,
            collective=self.collective,
        )
        return replace(state, commitments=changed)


@dataclass(frozen=True)
class CommitmentRemoved(Event):
    type = "review.commitment_removed"
    commitment_id: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        return replace(state, commitments=items.without(state.commitments, self.commitment_id))


PLAN_EVENTS = (
    ObjectiveProposed,
    ObjectiveRemoved,
    Rated,
    Committed,
    CommitmentEdited,
    CommitmentRemoved,
)
