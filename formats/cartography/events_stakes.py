"""The cartography's events about stakes and criteria, and the dots on them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import FormatEvent
from formats.cartography.state import CartographyState, Stake
from formats.kit import contributions, dots, items

Event = FormatEvent[CartographyState]


@dataclass(frozen=True)
class StakeAdded(Event):
    type = "cartography.stake_added"
    stake_id: str
    author_id: str
    kind: str
    text: str

    def apply(self, state: CartographyState) -> CartographyState:
        stake = Stake(self.stake_id, self.author_id, self.text, kind=self.kind)
        return replace(
            state, stakes=(*state.stakes, stake), stakes_created=state.stakes_created + 1
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return (self.author_id,)


@dataclass(frozen=True)
class StakeEdited(Event):
    type = "cartography.stake_edited"
    stake_id: str
    text: str
    moderated: bool = False

    def apply(self, state: CartographyState) -> CartographyState:
        stake = state.stake(self.stake_id)
        assert stake is not None
        new = contributions.edited(stake, self.text, "facilitator" if self.moderated else None)
        return replace(state, stakes=tuple(new if s.id == stake.id else s for s in state.stakes))

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return _author(state, self.stake_id)


@dataclass(frozen=True)
class StakeDeleted(Event):
    type = "cartography.stake_deleted"
    stake_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, stakes=items.without(state.stakes, self.stake_id))

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return _author(state, self.stake_id)


@dataclass(frozen=True)
class StakeHidden(Event):
    type = "cartography.stake_hidden"
    stake_id: str
    hidden: bool

    def undo_detail(self) -> str:
        return "hidden" if self.hidden else "shown"

    def apply(self, state: CartographyState) -> CartographyState:
        by = "facilitator" if self.hidden else None
        stakes = items.changed(state.stakes, self.stake_id, hidden_by=by)
        votes = dots.given_back(state.votes, self.stake_id) if self.hidden else state.votes
        return replace(state, stakes=stakes, votes=votes)


@dataclass(frozen=True)
class VoteAdded(Event):
    type = "cartography.vote_added"
    stake_id: str
    voter_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, votes=dots.placed(state.votes, self.voter_id, self.stake_id))

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return (self.voter_id,)


@dataclass(frozen=True)
class VoteRemoved(Event):
    type = "cartography.vote_removed"
    stake_id: str
    voter_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, votes=dots.taken_back(state.votes, self.voter_id, self.stake_id))

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return (self.voter_id,)


def _author(state: CartographyState, stake_id: str) -> tuple[str, ...] | None:
    stake = state.stake(stake_id)
    return None if stake is None else (stake.author_id,)
