"""The review's commands for the three past years: the years, the frieze, looking back and its
dot votes, the axes. The next three years' commands are in commands_plan.py.

"Staff" are the facilitator and the scribe. A person without a phone adds events and
reflections and places dots through the scribe or a facilitator (`on_behalf_of`, see the
engine): the format then sees that person (an alias in an anonymous activity).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitation.fields import ABSENT, Id, Int, OneOf, Text
from facilitation.protocol import CommandSpec, CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Actor, Rejected, Role
from formats.kit import contributions, dots
from formats.kit.items import found
from formats.review import events as e
from formats.review.commands_plan import PLAN
from formats.review.limits import AXES_MAX, AXIS_MAX, TEXT_MAX, YEAR_MAX, YEAR_MIN
from formats.review.state import (
    ASPIRATIONS,
    COLUMNS,
    KINDS,
    LESSONS,
    LOOKING_BACK,
    TIMELINE,
    YEARS,
    ReviewState,
)

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

PAST: CommandTable[ReviewState, StepContext] = CommandTable()
Decided = list[TypedEvent]
# The frieze may be tidied while looking back at it too.
FRIEZE_STEPS = [TIMELINE, LOOKING_BACK]


def year_field(key: str = "year") -> Int:
    return Int(key, minimum=0, maximum=YEARS - 1)


def removed_by(author_id: str, actor: Actor) -> str:
    """Who hid an item, as the record says it: "author", or the staff role who moderated."""
    return contributions.moderator(author_id, actor) or "author"


@PAST.command(
    "review.set_years", Rule.of(FACILITATOR), Int("first_year", minimum=YEAR_MIN, maximum=YEAR_MAX)
)
def set_years(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    if p["first_year"] == state.first_year:
        return []
    return [e.YearsSet(p["first_year"])]


# -- 1. the frieze ---------------------------------------------------------------------------------


@PAST.command(
    "review.add_event",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=[TIMELINE]),
    year_field(),
    OneOf("kind", choices=KINDS),
    Text("text", max_length=TEXT_MAX),
)
def add_event(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    return [e.EventAdded(state.next_id("t"), ctx.actor.id, p["year"], p["kind"], p["text"])]


@PAST.command(
    "review.edit_event",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=FRIEZE_STEPS),
    Id("event_id"),
    # Left out: kept as it is.
    Text("text", max_length=TEXT_MAX, default=ABSENT),
    OneOf("kind", choices=KINDS, default=ABSENT),
)
def edit_event(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    event = found(state.event(p["event_id"]))
    contributions.check_author(event.author_id, ctx.actor)
    text, kind = p.get("text", event.text), p.get("kind", event.kind)
    if (text, kind) == (event.text, event.kind):
        return []
    by = contributions.moderator(event.author_id, ctx.actor)
    return [e.EventEdited(event.id, text, kind, by)]


@PAST.command(
    "review.remove_event",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=FRIEZE_STEPS),
    Id("event_id"),
)
def remove_event(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    event = found(state.event(p["event_id"]))
    contributions.check_author(event.author_id, ctx.actor)
    return [e.EventRemoved(event.id, removed_by(event.author_id, ctx.actor))]


@PAST.command(
    "review.move_event",
    Rule.of(FACILITATOR, SCRIBE, steps=FRIEZE_STEPS),
    Id("event_id"),
    year_field(),
    # The place among that year's events, 0 first; left out: last.
    Int("index", minimum=0, maximum=1000, default=None),
)
def move_event(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    event = found(state.event(p["event_id"]))
    ids = [i for i in state.frieze[p["year"]] if i != event.id]
    index = p["index"]
    place = len(ids) if index is None else min(index, len(ids))
    if event.year == p["year"] and state.frieze[p["year"]].index(event.id) == place:
        return []
    return [e.EventMoved(event.id, p["year"], None if place == len(ids) else place)]


@PAST.command(
    "review.merge_events",
    Rule.of(FACILITATOR, SCRIBE, steps=FRIEZE_STEPS),
    Id("event_id"),
    Id("into_id"),
)
def merge_events(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    event = found(state.event(p["event_id"]))
    into = found(state.event(p["into_id"]))
    if event.id == into.id:
        raise Rejected("same_item")
    return [e.EventsMerged(event.id, into.id)]


# -- 2. looking back: proud, regret, learned; dots on the lessons ----------------------------------


@PAST.command(
    "review.add_reflection",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=[LOOKING_BACK]),
    OneOf("column", choices=COLUMNS),
    Text("text", max_length=TEXT_MAX),
)
def add_reflection(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    reflection_id = state.next_id("r")
    return [e.ReflectionAdded(reflection_id, ctx.actor.id, p["column"], p["text"])]


@PAST.command(
    "review.remove_reflection",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=[LOOKING_BACK]),
    Id("reflection_id"),
)
def remove_reflection(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    reflection = found(state.reflection(p["reflection_id"]))
    contributions.check_author(reflection.author_id, ctx.actor)
    return [e.ReflectionRemoved(reflection.id, removed_by(reflection.author_id, ctx.actor))]


@PAST.command(
    "review.vote",
    Rule.of(PARTICIPANT, steps=[LOOKING_BACK]),
    Id("reflection_id"),
)
def vote(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    reflection = found(state.reflection(p["reflection_id"]))
    if reflection.column != LESSONS:
        raise Rejected("not_a_lesson")
    if dots.dots_used(state.votes, ctx.actor.id) >= state.dots:
        raise Rejected("no_dots_left")
    return [e.Voted(ctx.actor.id, reflection.id)]


@PAST.command(
    "review.unvote",
    Rule.of(PARTICIPANT, steps=[LOOKING_BACK]),
    Id("reflection_id"),
)
def unvote(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    reflection = found(state.reflection(p["reflection_id"]))
    if (ctx.actor.id, reflection.id) not in state.votes:
        raise Rejected("no_dot_here")
    return [e.Unvoted(ctx.actor.id, reflection.id)]


# -- the axes the next three years are thought along -----------------------------------------------


@PAST.command(
    "review.add_axis",
    Rule.of(FACILITATOR, steps=[TIMELINE, LOOKING_BACK, ASPIRATIONS]),
    Text("title", max_length=AXIS_MAX),
)
def add_axis(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    if len(state.axes) >= AXES_MAX:
        raise Rejected("too_many_axes", max=AXES_MAX)
    return [e.AxisAdded(state.next_id("a"), p["title"])]


@PAST.command(
    "review.rename_axis",
    Rule.of(FACILITATOR),
    Id("axis_id"),
    Text("title", max_length=AXIS_MAX),
)
def rename_axis(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    axis = found(state.axis(p["axis_id"]))
    if axis.title == p["title"] and axis.key is None:
        return []
    return [e.AxisRenamed(axis.id, p["title"])]


COMMANDS: Mapping[str, CommandSpec[Any, StepContext]] = {**PAST, **PLAN}
