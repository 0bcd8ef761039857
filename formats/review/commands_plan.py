"""The review's commands for the next three years: objectives proposed by year and axis, rated
on importance and feasibility, and the commitments the facilitator (or the scribe) makes of the
top ones."""

from __future__ import annotations

from facilitation.fields import ABSENT, Id, Int, Text
from facilitation.protocol import CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Rejected, Role
from formats.kit import contributions
from formats.kit.items import found
from formats.review import events_plan as e
from formats.review.limits import CRITERION_MAX, OWNER_MAX, TEXT_MAX
from formats.review.state import (
    ASPIRATIONS,
    COMMITMENTS,
    PRIORITIES,
    SCALE,
    YEARS,
    ReviewState,
)

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

PLAN: CommandTable[ReviewState, StepContext] = CommandTable()
Decided = list[TypedEvent]


def _year(key: str = "year", default: object = None) -> Int:
    if default is None:
        return Int(key, minimum=0, maximum=YEARS - 1)
    return Int(key, minimum=0, maximum=YEARS - 1, default=default)


def _scale(key: str) -> Int:
    return Int(key, minimum=SCALE[0], maximum=SCALE[-1], default=ABSENT)


# -- 3. aspirations --------------------------------------------------------------------------------


@PLAN.command(
    "review.propose",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=[ASPIRATIONS]),
    _year(),
    Id("axis_id"),
    Text("text", max_length=TEXT_MAX),
)
def propose(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    axis = found(state.axis(p["axis_id"]))
    objective_id = state.next_id("o")
    return [e.ObjectiveProposed(objective_id, ctx.actor.id, p["year"], axis.id, p["text"])]


@PLAN.command(
    "review.remove_objective",
    Rule.of(PARTICIPANT, FACILITATOR, SCRIBE, steps=[ASPIRATIONS, PRIORITIES]),
    Id("objective_id"),
)
def remove_objective(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    objective = found(state.objective(p["objective_id"]))
    contributions.check_author(objective.author_id, ctx.actor)
    by = contributions.moderator(objective.author_id, ctx.actor) or "author"
    return [e.ObjectiveRemoved(objective.id, by)]


# -- 4. priorities: importance and feasibility, 1 to 4 ---------------------------------------------


@PLAN.command(
    "review.rate",
    Rule.of(PARTICIPANT, steps=[PRIORITIES]),
    Id("objective_id"),
    _scale("importance"),
    _scale("feasibility"),
)
def rate(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    objective = found(state.objective(p["objective_id"]))
    if "importance" not in p and "feasibility" not in p:
        raise Rejected("nothing_to_rate")
    before = state.rating(ctx.actor.id, objective.id)
    importance = p.get("importance", before.importance if before else None)
    feasibility = p.get("feasibility", before.feasibility if before else None)
    if before is not None and (before.importance, before.feasibility) == (importance, feasibility):
        return []
    return [e.Rated(ctx.actor.id, objective.id, importance, feasibility)]


# -- 5. commitments: text, owner, target year, success criteria ------------------------------------


@PLAN.command(
    "review.commit",
    Rule.of(FACILITATOR, SCRIBE, steps=[COMMITMENTS]),
    Id("objective_id", nullable=True),
    # Left out: the objective's own text (required without an objective).
    Text("text", max_length=TEXT_MAX, required=False),
    Text("owner", max_length=OWNER_MAX),
    _year(),
    Text("individual", max_length=CRITERION_MAX, required=False),
    Text("collective", max_length=CRITERION_MAX, required=False),
)
def commit(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    text = p["text"]
    objective_id = p["objective_id"]
    if objective_id is not None:
        objective = found(state.objective(objective_id))
        if state.committed_from(objective.id) is not None:
            raise Rejected("already_committed")
        text = text or objective.text
    if not text:
        raise Rejected("text_required", field="text")
    return [
        e.Committed(
            state.next_id("c"),
            objective_id,
            text,
            p["owner"],
            p["year"],
            p["individual"],
            p["collective"],
        )
    ]


@PLAN.command(
    "review.edit_commitment",
    Rule.of(FACILITATOR, SCRIBE, steps=[COMMITMENTS]),
    Id("commitment_id"),
    # Each left out is kept as it is.
    Text("text", max_length=TEXT_MAX, default=ABSENT),
    Text("owner", max_length=OWNER_MAX, default=ABSENT),
    _year(default=ABSENT),
    Text("individual", max_length=CRITERION_MAX, required=False, default=ABSENT),
    Text("collective", max_length=CRITERION_MAX, required=False, default=ABSENT),
)
def edit_commitment(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    c = found(state.commitment(p["commitment_id"]))
    now = (
        p.get("text", c.text),
        p.get("owner", c.owner),
        p.get("year", c.year),
        p.get("individual", c.individual),
        p.get("collective", c.collective),
    )
    if now == (c.text, c.owner, c.year, c.individual, c.collective):
        return []
    return [e.CommitmentEdited(c.id, *now)]


@PLAN.command(
    "review.remove_commitment",
    Rule.of(FACILITATOR, SCRIBE, steps=[COMMITMENTS]),
    Id("commitment_id"),
)
def remove_commitment(state: ReviewState, p: Payload, ctx: StepContext) -> Decided:
    c = found(state.commitment(p["commitment_id"]))
    return [e.CommitmentRemoved(c.id)]
