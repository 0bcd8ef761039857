"""The accelerator's commands: who may send each in which step, its payload, and what it decides.

The holder is a participant given the format role "holder"; the scribe is the engine's scribe (a
link), and a facilitator may do whatever the scribe does, for workshops without one.
"""

from __future__ import annotations

from facilitation.fields import ABSENT, Id, Ids, Int, OneOf, Text
from facilitation.protocol import (
    ANONYMOUS,
    CommandTable,
    Payload,
    Rule,
    StepContext,
    TypedEvent,
)
from facilitation.types import Rejected, Role
from formats.accelerator import events as e
from formats.accelerator.state import (
    CONTRIBUTION_KINDS,
    HOLDER,
    QUESTION_STATUSES,
    AcceleratorState,
)
from formats.kit import contributions, rounds, themes
from formats.kit.items import found

# How long each text may be (characters), and how many people a round holds. The screens read
# the same numbers from the format's documentation (protocol.md, beside this file).
PROJECT_MAX = 120
PROBLEM_MAX = 300
PRESENTATION_MAX = 4000
POINT_MAX = 200
QUESTION_MAX = 280
ANSWER_MAX = 1000
REQUEST_MAX = 500
CONTRIBUTION_MAX = 500
THEME_MAX = 80
SYNTHESIS_MAX = 4000
ACTION_WHAT_MAX = 200
ACTION_WHO_MAX = 80
ACTION_WHEN_MAX = 40
TAKEAWAY_MAX = 280
NAME_MAX = 40
ROUND_MAX = 200

PRESENTATION = "presentation"
QUESTIONS = "questions"
REQUEST = "request"
EXCHANGES = "exchanges"
SYNTHESIS = "synthesis"
CLOSING = "closing"

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

# The scribe notes the presentation for the holder and its key points, questions included.
NOTING = Rule.of(SCRIBE, FACILITATOR, steps=[PRESENTATION, QUESTIONS])
# The group asks; the holder answers and does not ask.
ASKING = Rule.of(PARTICIPANT, SCRIBE, FACILITATOR, steps=[QUESTIONS]).but_not(HOLDER)
# The group contributes; the holder listens and cannot post.
CONTRIBUTING = Rule.of(PARTICIPANT, SCRIBE, FACILITATOR, steps=[EXCHANGES]).but_not(HOLDER)
# Staff sort the contributions into themes, as they come and while the holder sums up.
SORTING = Rule.of(SCRIBE, FACILITATOR, steps=[EXCHANGES, SYNTHESIS])
# The holder writes, helped by the scribe; the group reads.
PLANNING = Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[SYNTHESIS])
# Staff give the floor in turn.
CALLING = Rule.of(FACILITATOR, SCRIBE, steps=[CLOSING])

CONTRIBUTION = Text("text", max_length=CONTRIBUTION_MAX)
# Who said aloud what the scribe or a facilitator types: a participant present (left out: not
# said).
SAID_BY = Id("said_by", nullable=True)
ACTION = (
    Text("what", max_length=ACTION_WHAT_MAX),
    Text("who", max_length=ACTION_WHO_MAX, required=False),
    Text("when", max_length=ACTION_WHEN_MAX, required=False),
)
TAKEAWAY = Text("text", max_length=TAKEAWAY_MAX)

COMMANDS: CommandTable[AcceleratorState, StepContext] = CommandTable()
Decided = list[TypedEvent]


# -- 1. presentation: the holder writes it, or the scribe for them; the scribe adds key points ---


@COMMANDS.command(
    "accelerator.write_presentation",
    Rule.of(HOLDER, steps=[PRESENTATION]) | NOTING,
    # Either may be left out (it keeps its words) or sent empty (it is cleared).
    Text("problem", max_length=PROBLEM_MAX, required=False, default=ABSENT),
    Text("text", max_length=PRESENTATION_MAX, required=False, default=ABSENT),
)
def write_presentation(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    if "problem" not in p and "text" not in p:
        raise Rejected("invalid_payload", field="text")
    problem = p.get("problem", state.problem)
    return [e.PresentationWritten(problem, p.get("text", state.presentation))]


@COMMANDS.command("accelerator.add_point", NOTING, Text("text", max_length=POINT_MAX))
def add_point(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    return [e.PointAdded(state.next_id("k"), p["text"])]


@COMMANDS.command("accelerator.remove_point", NOTING, Id("point_id"))
def remove_point(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    point = found(state.point(p["point_id"]))
    return [e.PointRemoved(point.id)]


# -- 2. clarification questions: the group asks, the holder answers -----------------------------


def speaker(said_by: str | None, ctx: StepContext) -> str | None:
    """The person who said aloud what the scribe or a facilitator types: someone present, who
    is not the holder (the holder listens), in an activity that may say who spoke."""
    if said_by is None:
        return None
    if ctx.actor.role is PARTICIPANT:
        raise Rejected("not_allowed")  # a phone speaks for itself only
    if ctx.authors.level == ANONYMOUS:
        raise Rejected("names_hidden")
    person = ctx.authors.people.get(said_by)
    if person is None or person.removed:
        raise Rejected("not_found")
    if HOLDER in ctx.assignments.get(said_by, frozenset()):
        raise Rejected("holder_listens")
    return said_by


@COMMANDS.command("accelerator.ask", ASKING, Text("text", max_length=QUESTION_MAX), SAID_BY)
def ask(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    said_by = speaker(p["said_by"], ctx)
    return [e.QuestionAsked(state.next_id("q"), ctx.actor.id, p["text"], said_by)]


@COMMANDS.command("accelerator.remove_question", ASKING, Id("question_id"))
def remove_question(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    question = found(state.question(p["question_id"]))
    contributions.check_author(question.author_id, ctx.actor)
    return [e.QuestionRemoved(question.id)]


@COMMANDS.command(
    "accelerator.answer",
    Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[QUESTIONS]),
    Id("question_id"),
    Text("text", max_length=ANSWER_MAX),
)
def answer(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    question = found(state.question(p["question_id"]))
    return [e.QuestionAnswered(question.id, p["text"])]


@COMMANDS.command(
    "accelerator.mark_question",
    Rule.of(FACILITATOR, SCRIBE, steps=[QUESTIONS]),
    Id("question_id"),
    OneOf("status", choices=QUESTION_STATUSES),
)
def mark_question(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    question = found(state.question(p["question_id"]))
    return [e.QuestionMarked(question.id, p["status"])]


# -- 3. the request: the holder's words, reworded as often as needed ----------------------------


@COMMANDS.command(
    "accelerator.set_request",
    Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[REQUEST]),
    Text("text", max_length=REQUEST_MAX),
)
def set_request(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    if p["text"] == state.request:
        return []
    return [e.RequestSet(p["text"])]


# -- 4. exchanges: the group contributes, the holder listens and cannot post --------------------


@COMMANDS.command(
    "accelerator.contribute",
    CONTRIBUTING,
    CONTRIBUTION,
    OneOf("kind", choices=CONTRIBUTION_KINDS, default="idea"),
    SAID_BY,
)
def contribute(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    said_by = speaker(p["said_by"], ctx)
    cid = state.next_id("c")
    return [e.ContributionAdded(cid, ctx.actor.id, p["kind"], p["text"], said_by)]


@COMMANDS.command(
    "accelerator.edit_contribution",
    CONTRIBUTING,
    Id("contribution_id"),
    CONTRIBUTION,
    # Left out: the kind stays.
    OneOf("kind", choices=CONTRIBUTION_KINDS, default=ABSENT),
)
def edit_contribution(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    contribution = found(state.contribution(p["contribution_id"]))
    contributions.check_author(contribution.author_id, ctx.actor)
    # The scribe's or a facilitator's edit leaves a trace: the author's words stay in the state.
    moderated_by = contributions.moderator(contribution.author_id, ctx.actor)
    kind = p.get("kind", contribution.kind)
    return [e.ContributionEdited(contribution.id, kind, p["text"], moderated_by)]


@COMMANDS.command("accelerator.remove_contribution", CONTRIBUTING, Id("contribution_id"))
def remove_contribution(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    contribution = found(state.contribution(p["contribution_id"]))
    contributions.check_author(contribution.author_id, ctx.actor)
    moderator = contributions.moderator(contribution.author_id, ctx.actor)
    if moderator is not None:
        # Someone else's words are hidden, not deleted: the minutes count them.
        return [e.ContributionHidden(contribution.id, moderator)]
    return [e.ContributionRemoved(contribution.id)]


@COMMANDS.command("accelerator.add_theme", SORTING, Text("title", max_length=THEME_MAX))
def add_theme(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    return [e.ThemeAdded(state.next_id("g"), p["title"])]


@COMMANDS.command(
    "accelerator.rename_theme",
    SORTING,
    Id("theme_id"),
    Text("title", max_length=THEME_MAX),
)
def rename_theme(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    theme = found(themes.theme(state.themes, p["theme_id"]))
    return [e.ThemeRenamed(theme.id, p["title"])]


@COMMANDS.command(
    "accelerator.set_theme",
    SORTING,
    Id("contribution_id"),
    # None: out of every theme.
    Id("theme_id", nullable=True),
)
def set_theme(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    contribution = found(state.contribution(p["contribution_id"]))
    into = themes.existing(state.themes, p["theme_id"])
    return [e.ContributionSorted(contribution.id, into)]


# -- 5. synthesis and action plan: the holder writes, helped by the scribe; the group reads -----


@COMMANDS.command(
    "accelerator.write_synthesis",
    PLANNING,
    Text("text", max_length=SYNTHESIS_MAX, required=False),
)
def write_synthesis(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    return [e.SynthesisWritten(p["text"])]


@COMMANDS.command("accelerator.add_action", PLANNING, *ACTION)
def add_action(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    return [e.ActionAdded(state.next_id("ap"), p["what"], p["who"], p["when"])]


@COMMANDS.command("accelerator.edit_action", PLANNING, Id("action_id"), *ACTION)
def edit_action(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    # The whole line is sent again: who and when left out are emptied.
    action = found(state.action(p["action_id"]))
    return [e.ActionEdited(action.id, p["what"], p["who"], p["when"])]


@COMMANDS.command("accelerator.remove_action", PLANNING, Id("action_id"))
def remove_action(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    action = found(state.action(p["action_id"]))
    return [e.ActionRemoved(action.id)]


# -- 6. closing round: whose turn it is, each person's sentence --------------------------------


@COMMANDS.command(
    "accelerator.set_round",
    CALLING,
    # Participants by id, or (anonymous activity) a number of places that name nobody: each
    # activity takes one of the two and refuses the other.
    Ids("participant_ids", max_items=ROUND_MAX, default=ABSENT),
    Int("count", minimum=0, maximum=ROUND_MAX, default=ABSENT),
)
def set_round(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    anonymous = ctx.authors.level == ANONYMOUS
    wanted, refused = ("count", "participant_ids") if anonymous else ("participant_ids", "count")
    if refused in p:
        raise Rejected("invalid_payload", field=refused)
    if wanted not in p:
        raise Rejected("invalid_payload", field=wanted)
    people: list[str | None]
    if anonymous:
        people = [None] * p["count"]
    else:
        people = list(p["participant_ids"])
        for pid in p["participant_ids"]:
            known = ctx.authors.people.get(pid)
            if known is None or known.removed:
                raise Rejected("not_found")
    # People already in the round keep their place's id and sentence.
    return [e.RoundSet(rounds.order(state.round, people, state.made))]


@COMMANDS.command("accelerator.give_turn", CALLING, Id("turn_id", nullable=True))
def give_turn(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    # No turn named: the floor goes to the next place (none after the last: the round is over).
    return [e.TurnGiven(rounds.next_turn(state.round, p["turn_id"]))]


@COMMANDS.command("accelerator.say_takeaway", Rule.of(PARTICIPANT, steps=[CLOSING]), TAKEAWAY)
def say_takeaway(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    turn = state.round.turn_of(ctx.actor.id)
    if turn is None:
        raise Rejected("not_in_round")
    return [e.TakeawaySaid(turn.id, p["text"], ctx.actor.id)]


@COMMANDS.command(
    "accelerator.note_takeaway",
    Rule.of(SCRIBE, FACILITATOR, steps=[CLOSING]),
    Id("turn_id"),
    TAKEAWAY,
)
def note_takeaway(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    turn = found(state.round.turn(p["turn_id"]))
    return [e.TakeawaySaid(turn.id, p["text"], ctx.actor.id)]


# The minutes say who wrote them.
@COMMANDS.command(
    "accelerator.sign",
    Rule.of(SCRIBE, FACILITATOR),
    Text("name", max_length=NAME_MAX, required=False),
)
def sign(state: AcceleratorState, p: Payload, ctx: StepContext) -> Decided:
    return [e.ScribeSigned(p["name"])]
