"""The three-year review's events: what the log keeps, and how each changes the state.

Every piece a command adds takes its id from the one counter `made` (see state.py), so applying
an event that adds one counts it. Author, voter and rater ids are what the engine gives the
format: an alias in an anonymous activity, so the log ties no person to what they wrote.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import EventTable, FormatEvent
from formats.kit import contributions, dots, items
from formats.review.events_plan import PLAN_EVENTS
from formats.review.state import Axis, Reflection, ReviewState, TimelineEvent

Event = FormatEvent[ReviewState]


def _without(frieze: tuple[tuple[str, ...], ...], event_id: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(i for i in year if i != event_id) for year in frieze)


@dataclass(frozen=True)
class YearsSet(Event):
    type = "review.years_set"
    first_year: int

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        return replace(state, first_year=self.first_year)


# -- the frieze ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventAdded(Event):
    type = "review.event_added"
    event_id: str
    author_id: str
    year: int
    kind: str
    text: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.author_id]

    def apply(self, state: ReviewState) -> ReviewState:
        added = TimelineEvent(
            self.event_id, self.author_id, self.text, kind=self.kind, year=self.year
        )
        frieze = tuple(
            (*ids, self.event_id) if year == self.year else ids
            for year, ids in enumerate(state.frieze)
        )
        return replace(state, events=(*state.events, added), frieze=frieze, made=state.made + 1)


@dataclass(frozen=True)
class EventEdited(Event):
    """A new text or kind; `by`: the staff role who moderated someone's event (None: its
    author), so the author's own words stay in the record."""

    type = "review.event_edited"
    event_id: str
    text: str
    kind: str
    by: str | None = None

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        events = tuple(
            replace(contributions.edited(e, self.text, self.by), kind=self.kind)
            if e.id == self.event_id
            else e
            for e in state.events
        )
        return replace(state, events=events)


@dataclass(frozen=True)
class EventRemoved(Event):
    """Hidden, never lost: kept in the state and counted in the minutes."""

    type = "review.event_removed"
    event_id: str
    by: str

    def concerns(self, state: ReviewState) -> Collection[str] | None:
        event = items.find(state.events, self.event_id)
        return None if event is None else [event.author_id]

    def apply(self, state: ReviewState) -> ReviewState:
        events = items.changed(state.events, self.event_id, hidden_by=self.by)
        return replace(state, events=events, frieze=_without(state.frieze, self.event_id))


@dataclass(frozen=True)
class EventMoved(Event):
    """To a year, at a place among that year's events (None: last)."""

    type = "review.event_moved"
    event_id: str
    year: int
    index: int | None = None

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        frieze = [list(ids) for ids in _without(state.frieze, self.event_id)]
        target = frieze[self.year]
        place = len(target) if self.index is None else min(self.index, len(target))
        target.insert(place, self.event_id)
        events = items.changed(state.events, self.event_id, year=self.year)
        return replace(state, events=events, frieze=tuple(tuple(ids) for ids in frieze))


@dataclass(frozen=True)
class EventsMerged(Event):
    """Duplicates made one: the first joins the second's `also`, texts and all."""

    type = "review.events_merged"
    event_id: str
    into_id: str

    def concerns(self, state: ReviewState) -> Collection[str] | None:
        event = items.find(state.events, self.event_id)
        return None if event is None else [event.author_id]

    def apply(self, state: ReviewState) -> ReviewState:
        merged = items.find(state.events, self.event_id)
        assert merged is not None
        events = items.changed(state.events, self.event_id, merged_into=self.into_id)
        into = items.find(events, self.into_id)
        assert into is not None
        events = items.changed(events, self.into_id, also=(*into.also, merged.text, *merged.also))
        return replace(state, events=events, frieze=_without(state.frieze, self.event_id))


# -- looking back ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReflectionAdded(Event):
    type = "review.reflection_added"
    reflection_id: str
    author_id: str
    column: str
    text: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.author_id]

    def apply(self, state: ReviewState) -> ReviewState:
        added = Reflection(self.reflection_id, self.author_id, self.text, column=self.column)
        return replace(state, reflections=(*state.reflections, added), made=state.made + 1)


@dataclass(frozen=True)
class ReflectionRemoved(Event):
    """Hidden, and its dots given back to whoever placed them."""

    type = "review.reflection_removed"
    reflection_id: str
    by: str

    def concerns(self, state: ReviewState) -> None:
        # Every voter's dots left change: anyone's view.
        return None

    def apply(self, state: ReviewState) -> ReviewState:
        kept = items.changed(state.reflections, self.reflection_id, hidden_by=self.by)
        votes = dots.given_back(state.votes, self.reflection_id)
        return replace(state, reflections=kept, votes=votes)


@dataclass(frozen=True)
class Voted(Event):
    type = "review.voted"
    voter_id: str
    reflection_id: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.voter_id]

    def apply(self, state: ReviewState) -> ReviewState:
        return replace(state, votes=dots.placed(state.votes, self.voter_id, self.reflection_id))


@dataclass(frozen=True)
class Unvoted(Event):
    type = "review.unvoted"
    voter_id: str
    reflection_id: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return [self.voter_id]

    def apply(self, state: ReviewState) -> ReviewState:
        votes = dots.taken_back(state.votes, self.voter_id, self.reflection_id)
        return replace(state, votes=votes)


# -- axes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AxisAdded(Event):
    type = "review.axis_added"
    axis_id: str
    title: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        added = Axis(self.axis_id, self.title)
        return replace(state, axes=(*state.axes, added), made=state.made + 1)


@dataclass(frozen=True)
class AxisRenamed(Event):
    type = "review.axis_renamed"
    axis_id: str
    title: str

    def concerns(self, state: ReviewState) -> Collection[str]:
        return ()

    def apply(self, state: ReviewState) -> ReviewState:
        # Renamed, a default axis is typed words: its title no longer follows the language.
        axes = items.changed(state.axes, self.axis_id, title=self.title, key=None)
        return replace(state, axes=axes)


EVENTS: EventTable[FormatEvent[ReviewState]] = EventTable(
    YearsSet,
    EventAdded,
    EventEdited,
    EventRemoved,
    EventMoved,
    EventsMerged,
    ReflectionAdded,
    ReflectionRemoved,
    Voted,
    Unvoted,
    AxisAdded,
    AxisRenamed,
    *PLAN_EVENTS,
)
