"""The consent format's commands: who may send each in which step, its payload, and what it
decides.

The proposer is a participant given the format role "proposer" (or the facilitator, for a group
without one). A person without a phone asks, reacts, gives a position and withdraws an objection
through the scribe or a facilitator (`on_behalf_of`, see the engine): the format then sees that
person (an alias in an anonymous activity) and marks the entry as a proxy.
"""

from __future__ import annotations

from facilitation.fields import ABSENT, Bool, Id, Ids, OneOf, Text
from facilitation.protocol import CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Rejected, Role
from formats.consent import events as e
from formats.consent import rules
from formats.consent.rules import (
    AMENDMENT,
    CLARIFICATION,
    DECISION,
    INTEGRATION,
    OBJECTIONS,
    PROPOSAL,
    REACTIONS,
)
from formats.consent.state import OUTCOMES, POSITIONS, PROPOSER, ConsentState, Objection
from formats.kit import contributions
from formats.kit.items import found

# How long each text may be (characters). The screens read the same numbers from protocol.md.
TITLE_MAX = 120
PROPOSAL_MAX = 4000
QUESTION_MAX = 280
ANSWER_MAX = 1000
REACTION_MAX = 280
REASON_MAX = 500
NOTE_MAX = 500
# An amendment integrates at most this many objections at once.
INTEGRATES_MAX = 50

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

COMMANDS: CommandTable[ConsentState, StepContext] = CommandTable()
Decided = list[TypedEvent]


def _by(ctx: StepContext) -> str:
    """Who wrote a version or decided, as the record says it: a role, never a person's id."""
    return PROPOSER if PROPOSER in ctx.roles else ctx.actor.role.value


def _open(state: ConsentState) -> None:
    if state.outcome is not None:
        raise Rejected("already_decided")


def _proposal(state: ConsentState) -> None:
    _open(state)
    if state.version is None:
        raise Rejected("no_proposal")


# -- 1. proposal ---------------------------------------------------------------------------------


@COMMANDS.command(
    "consent.write_proposal",
    Rule.of(PROPOSER, FACILITATOR, SCRIBE, steps=[PROPOSAL]),
    Text("text", max_length=PROPOSAL_MAX),
    # Left out: the title stays.
    Text("title", max_length=TITLE_MAX, required=False, default=ABSENT),
)
def write_proposal(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _open(state)
    title = p.get("title", state.title)
    version = state.version
    if version is not None and version.text == p["text"] and title == state.title:
        return []
    return [e.ProposalWritten(title, p["text"], _by(ctx), ctx.at)]


# -- 2. clarification: questions only, answered by the proposer ----------------------------------


@COMMANDS.command(
    "consent.ask",
    Rule.of(PARTICIPANT, steps=[CLARIFICATION]).but_not(PROPOSER),
    Text("text", max_length=QUESTION_MAX),
)
def ask(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _proposal(state)
    return [e.QuestionAsked(state.next_id("q"), ctx.actor.id, p["text"])]


@COMMANDS.command(
    "consent.answer",
    Rule.of(PROPOSER, FACILITATOR, SCRIBE, steps=[CLARIFICATION]),
    Id("question_id"),
    Text("text", max_length=ANSWER_MAX),
)
def answer(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    question = found(state.question(p["question_id"]))
    return [e.QuestionAnswered(question.id, p["text"])]


# -- 3. reactions: one short reaction each, no debate ---------------------------------------------


@COMMANDS.command(
    "consent.react",
    Rule.of(PARTICIPANT, steps=[REACTIONS]),
    Text("text", max_length=REACTION_MAX),
)
def react(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _proposal(state)
    before = state.reaction_of(ctx.actor.id)
    if before is not None and before.text == p["text"]:
        return []
    return [e.ReactionGiven(state.next_id("e"), ctx.actor.id, p["text"])]


# -- 4. and 6. amendment: a new version, integrating objections or not ---------------------------


@COMMANDS.command(
    "consent.amend",
    Rule.of(PROPOSER, FACILITATOR, steps=[AMENDMENT, INTEGRATION]),
    Text("text", max_length=PROPOSAL_MAX),
    Text("reason", max_length=NOTE_MAX, required=False),
    # The objections this version integrates: open or reasoned ones.
    Ids("objection_ids", max_items=INTEGRATES_MAX, default=()),
)
def amend(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _proposal(state)
    version = state.version
    assert version is not None
    if p["text"] == version.text:
        raise Rejected("same_text")
    integrated: list[str] = []
    for objection_id in p["objection_ids"]:
        objection = found(state.objection(objection_id))
        if not objection.blocking:
            raise Rejected("objection_closed")
        if objection.id not in integrated:
            integrated.append(objection.id)
    number = version.number + 1
    return [e.ProposalAmended(number, p["text"], _by(ctx), p["reason"], integrated, ctx.at)]


# -- 5. objection round: consent, consent with a concern, objection (a reason each) --------------


@COMMANDS.command(
    "consent.give_position",
    # Once the round is shown, positions are fixed: refused, and no longer offered in `can`.
    Rule.of(PARTICIPANT, steps=[OBJECTIONS]).unless(rules.position_refusal),
    OneOf("position", choices=POSITIONS),
    # The concern, or the objection's reason: required for both; ignored for a plain consent.
    Text("text", max_length=REASON_MAX, required=False),
)
def give_position(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _proposal(state)
    version = state.version
    assert version is not None
    position = p["position"]
    text = "" if position == "consent" else p["text"]
    if position != "consent" and not text:
        raise Rejected("reason_required", field="text")
    decided: Decided = []
    round_ = state.current_round
    made = state.made
    if round_ is None:
        round_id = state.next_id("o")
        decided.append(e.RoundOpened(round_id, version.number))
        made += 1
    else:
        round_id = round_.id
        before = round_.position_of(ctx.actor.id)
        if before is not None and (before.position, before.text) == (position, text):
            return []
    objection_id = f"j{made + 1}" if position == "objection" else None
    proxy = ctx.actor.proxy_by is not None
    decided.append(e.PositionGiven(round_id, ctx.actor.id, position, text, proxy, objection_id))
    return decided


# -- 6. integration: each objection examined; its author may withdraw it --------------------------


def _objection(state: ConsentState, objection_id: str, ctx: StepContext) -> Objection:
    """An objection the room may see: in a round whose positions are open."""
    objection = found(state.objection(objection_id))
    round_ = next(r for r in state.rounds if r.id == objection.round_id)
    if not rules.shown(state, round_, ctx.step, ctx.revealed, ctx.people_count):
        raise Rejected("not_found")
    return objection


@COMMANDS.command(
    "consent.examine_objection",
    Rule.of(FACILITATOR, steps=[OBJECTIONS, INTEGRATION]),
    Id("objection_id"),
    # Would the proposal harm the group's aim? True: reasoned, it blocks until integrated or
    # withdrawn; False: set aside, the note saying why.
    Bool("reasoned"),
    Text("note", max_length=NOTE_MAX, required=False),
)
def examine_objection(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _open(state)
    objection = _objection(state, p["objection_id"], ctx)
    if objection.status in ("integrated", "withdrawn"):
        raise Rejected("objection_closed")
    if not p["reasoned"] and not p["note"]:
        raise Rejected("reason_required", field="note")
    return [e.ObjectionExamined(objection.id, p["reasoned"], p["note"])]


@COMMANDS.command(
    "consent.withdraw_objection",
    Rule.of(PARTICIPANT, steps=[OBJECTIONS, INTEGRATION, DECISION]),
    Id("objection_id"),
)
def withdraw_objection(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    _open(state)
    objection = found(state.objection(p["objection_id"]))
    contributions.check_author(objection.author_id, ctx.actor)
    if objection.status in ("integrated", "withdrawn"):
        raise Rejected("objection_closed")
    return [e.ObjectionWithdrawn(objection.id)]


# -- 7. decision: adopted when no reasoned objection remains; or postponed, or withdrawn ----------


@COMMANDS.command(
    "consent.decide",
    Rule.of(PROPOSER, FACILITATOR, steps=[DECISION]),
    OneOf("outcome", choices=OUTCOMES),
    Text("note", max_length=NOTE_MAX, required=False),
)
def decide(state: ConsentState, p: Payload, ctx: StepContext) -> Decided:
    outcome = p["outcome"]
    if outcome == "adopted":
        # The facilitator says the group consents; the proposer postpones or withdraws.
        if ctx.actor.role is not FACILITATOR:
            raise Rejected("not_allowed")
        refusal = rules.adopt_refusal(state)
        if refusal is not None:
            raise Rejected(refusal)
    else:
        _proposal(state)
    version = state.version
    assert version is not None
    return [e.Decided(outcome, _by(ctx), p["note"], version.number, ctx.at)]
