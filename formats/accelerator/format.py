"""The project accelerator's rules: who may do what at which step.

A project holder brings a problem, the group helps in six time-boxed steps: presentation,
clarification questions, the request, exchanges (the holder listens), synthesis and action plan,
closing round. The holder is a participant given the format role "holder"; the scribe is the
engine's scribe (a link), and a facilitator may do whatever the scribe does, for workshops
without one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from facilitation import payloads
from facilitation.formats import (
    NAMED,
    ConfigField,
    MinutesContext,
    Rule,
    Step,
    StepContext,
    ViewContext,
)
from facilitation.types import Command, Event, Rejected, Role
from formats.accelerator import limits
from formats.accelerator.apply import apply_event
from formats.accelerator.messages import MESSAGES
from formats.accelerator.minutes import accelerator_minutes
from formats.accelerator.round import next_turn, round_order
from formats.accelerator.state import (
    CONTRIBUTION_KINDS,
    QUESTION_STATUSES,
    STAFF_AUTHORS,
    AcceleratorState,
    Contribution,
    Question,
)
from formats.accelerator.view import accelerator_view, private_views

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT
HOLDER = "holder"

PRESENTATION = "presentation"
QUESTIONS = "questions"
REQUEST = "request"
EXCHANGES = "exchanges"
SYNTHESIS = "synthesis"
CLOSING = "closing"


class Accelerator:
    name = "accelerator"
    version = 1
    web: Path | None = Path(__file__).parent / "web"
    steps: tuple[Step, ...] = (
        Step(PRESENTATION, 10),
        # "I'm done": I have no more questions / nothing more to add.
        Step(QUESTIONS, 10, ready=True),
        Step(REQUEST, 5),
        Step(EXCHANGES, 20, ready=True),
        Step(SYNTHESIS, 10),
        Step(CLOSING, 5),
    )
    roles: tuple[str, ...] = (HOLDER,)
    # People speak in their own name in an accelerator, and the minutes say who brought what:
    # the facilitator may still choose pseudonyms or anonymity when adding the activity.
    anonymity = NAMED
    permissions: Mapping[str, Rule] = {
        # 1. Presentation: the holder writes it, or the scribe for them; the scribe adds key points.
        "accelerator.write_presentation": Rule.of(HOLDER, steps=[PRESENTATION])
        | Rule.of(SCRIBE, FACILITATOR, steps=[PRESENTATION, QUESTIONS]),
        "accelerator.add_point": Rule.of(SCRIBE, FACILITATOR, steps=[PRESENTATION, QUESTIONS]),
        "accelerator.remove_point": Rule.of(SCRIBE, FACILITATOR, steps=[PRESENTATION, QUESTIONS]),
        # 2. Clarification questions: the group asks, the holder answers.
        "accelerator.ask": Rule.of(PARTICIPANT, SCRIBE, FACILITATOR, steps=[QUESTIONS]).but_not(
            HOLDER
        ),
        "accelerator.remove_question": Rule.of(
            PARTICIPANT, SCRIBE, FACILITATOR, steps=[QUESTIONS]
        ).but_not(HOLDER),
        "accelerator.answer": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[QUESTIONS]),
        "accelerator.mark_question": Rule.of(FACILITATOR, SCRIBE, steps=[QUESTIONS]),
        # 3. The request: the holder's words, reworded as often as needed.
        "accelerator.set_request": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[REQUEST]),
        # 4. Exchanges: the group contributes, the holder listens and cannot post.
        "accelerator.contribute": Rule.of(
            PARTICIPANT, SCRIBE, FACILITATOR, steps=[EXCHANGES]
        ).but_not(HOLDER),
        "accelerator.edit_contribution": Rule.of(
            PARTICIPANT, SCRIBE, FACILITATOR, steps=[EXCHANGES]
        ).but_not(HOLDER),
        "accelerator.remove_contribution": Rule.of(
            PARTICIPANT, SCRIBE, FACILITATOR, steps=[EXCHANGES]
        ).but_not(HOLDER),
        "accelerator.add_theme": Rule.of(SCRIBE, FACILITATOR, steps=[EXCHANGES, SYNTHESIS]),
        "accelerator.rename_theme": Rule.of(SCRIBE, FACILITATOR, steps=[EXCHANGES, SYNTHESIS]),
        "accelerator.set_theme": Rule.of(SCRIBE, FACILITATOR, steps=[EXCHANGES, SYNTHESIS]),
        # 5. Synthesis and action plan: the holder writes, helped by the scribe; the group reads.
        "accelerator.write_synthesis": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[SYNTHESIS]),
        "accelerator.add_action": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[SYNTHESIS]),
        "accelerator.edit_action": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[SYNTHESIS]),
        "accelerator.remove_action": Rule.of(HOLDER, SCRIBE, FACILITATOR, steps=[SYNTHESIS]),
        # 6. Closing round: whose turn it is, each person's sentence.
        "accelerator.set_round": Rule.of(FACILITATOR, SCRIBE, steps=[CLOSING]),
        "accelerator.give_turn": Rule.of(FACILITATOR, SCRIBE, steps=[CLOSING]),
        "accelerator.say_takeaway": Rule.of(PARTICIPANT, steps=[CLOSING]),
        "accelerator.note_takeaway": Rule.of(SCRIBE, FACILITATOR, steps=[CLOSING]),
        # The minutes say who wrote them.
        "accelerator.sign": Rule.of(SCRIBE, FACILITATOR),
    }
    events: frozenset[str] = frozenset(
        {
            "accelerator.presentation_written",
            "accelerator.point_added",
            "accelerator.point_removed",
            "accelerator.question_asked",
            "accelerator.question_removed",
            "accelerator.question_answered",
            "accelerator.question_marked",
            "accelerator.request_set",
            "accelerator.contribution_added",
            "accelerator.contribution_edited",
            "accelerator.contribution_removed",
            "accelerator.contribution_hidden",
            "accelerator.theme_added",
            "accelerator.theme_renamed",
            "accelerator.contribution_sorted",
            "accelerator.synthesis_written",
            "accelerator.action_added",
            "accelerator.action_edited",
            "accelerator.action_removed",
            "accelerator.round_set",
            "accelerator.turn_given",
            "accelerator.takeaway_said",
            "accelerator.scribe_signed",
        }
    )
    config_fields: tuple[ConfigField, ...] = (
        ConfigField("project", "text", max_length=limits.PROJECT),
        ConfigField("problem", "text", max_length=limits.PROBLEM),
        ConfigField("scribe", "text", max_length=limits.NAME),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES

    def initial_state(self, config: Mapping[str, Any]) -> AcceleratorState:
        return AcceleratorState(
            project=config.get("project", ""),
            problem=config.get("problem", ""),
            scribe_name=config.get("scribe", ""),
        )

    # -- deciding -------------------------------------------------------------------------

    def handle(self, state: AcceleratorState, cmd: Command, ctx: StepContext) -> list[Event]:
        p = cmd.payload
        author = cmd.actor.id
        match cmd.type:
            case "accelerator.write_presentation":
                payloads.only_keys(p, "problem", "text")
                if "problem" not in p and "text" not in p:
                    raise Rejected("invalid_payload", field="text")
                data = {
                    "problem": _optional_text(p, "problem", limits.PROBLEM, state.problem),
                    "text": _optional_text(p, "text", limits.PRESENTATION, state.presentation),
                }
                return [Event("accelerator.presentation_written", data)]
            case "accelerator.add_point":
                payloads.only_keys(p, "text")
                text = payloads.text(p, "text", max_length=limits.POINT)
                point_id = state.next_id("k")
                return [Event("accelerator.point_added", {"point_id": point_id, "text": text})]
            case "accelerator.remove_point":
                payloads.only_keys(p, "point_id")
                if state.point(payloads.required_id(p, "point_id")) is None:
                    raise Rejected("not_found")
                return [Event("accelerator.point_removed", {"point_id": p["point_id"]})]
            case "accelerator.ask":
                payloads.only_keys(p, "text")
                text = payloads.text(p, "text", max_length=limits.QUESTION)
                data = {"question_id": state.next_id("q"), "author_id": author, "text": text}
                return [Event("accelerator.question_asked", data)]
            case "accelerator.remove_question":
                payloads.only_keys(p, "question_id")
                question = self._question(state, p)
                _check_author(question.author_id, cmd)
                return [Event("accelerator.question_removed", {"question_id": question.id})]
            case "accelerator.answer":
                payloads.only_keys(p, "question_id", "text")
                question = self._question(state, p)
                text = payloads.text(p, "text", max_length=limits.ANSWER)
                data = {"question_id": question.id, "text": text}
                return [Event("accelerator.question_answered", data)]
            case "accelerator.mark_question":
                payloads.only_keys(p, "question_id", "status")
                question = self._question(state, p)
                status = p.get("status")
                if status not in QUESTION_STATUSES:
                    raise Rejected("invalid_payload", field="status")
                data = {"question_id": question.id, "status": status}
                return [Event("accelerator.question_marked", data)]
            case "accelerator.set_request":
                payloads.only_keys(p, "text")
                text = payloads.text(p, "text", max_length=limits.REQUEST)
                if text == state.request:
                    return []
                return [Event("accelerator.request_set", {"text": text})]
            case "accelerator.contribute":
                payloads.only_keys(p, "text", "kind")
                text = payloads.text(p, "text", max_length=limits.CONTRIBUTION)
                data = {
                    "contribution_id": state.next_id("c"),
                    "author_id": author,
                    "kind": _kind(p, "idea"),
                    "text": text,
                }
                return [Event("accelerator.contribution_added", data)]
            case "accelerator.edit_contribution":
                payloads.only_keys(p, "contribution_id", "text", "kind")
                contribution = self._contribution(state, p)
                _check_author(contribution.author_id, cmd)
                text = payloads.text(p, "text", max_length=limits.CONTRIBUTION)
                edited: dict[str, Any] = {
                    "contribution_id": contribution.id,
                    "kind": _kind(p, contribution.kind),
                    "text": text,
                    # The scribe's or a facilitator's edit leaves a trace: the author's words
                    # stay in the state.
                    "moderated_by": _moderator(contribution.author_id, cmd),
                }
                return [Event("accelerator.contribution_edited", edited)]
            case "accelerator.remove_contribution":
                payloads.only_keys(p, "contribution_id")
                contribution = self._contribution(state, p)
                _check_author(contribution.author_id, cmd)
                moderator = _moderator(contribution.author_id, cmd)
                if moderator is not None:
                    # Someone else's words are hidden, not deleted: the minutes count them.
                    hidden = {"contribution_id": contribution.id, "by": moderator}
                    return [Event("accelerator.contribution_hidden", hidden)]
                data = {"contribution_id": contribution.id}
                return [Event("accelerator.contribution_removed", data)]
            case "accelerator.add_theme":
                payloads.only_keys(p, "title")
                title = payloads.text(p, "title", max_length=limits.THEME)
                data = {"theme_id": state.next_id("g"), "title": title}
                return [Event("accelerator.theme_added", data)]
            case "accelerator.rename_theme":
                payloads.only_keys(p, "theme_id", "title")
                theme_id = payloads.required_id(p, "theme_id")
                if state.theme(theme_id) is None:
                    raise Rejected("not_found")
                title = payloads.text(p, "title", max_length=limits.THEME)
                return [Event("accelerator.theme_renamed", {"theme_id": theme_id, "title": title})]
            case "accelerator.set_theme":
                payloads.only_keys(p, "contribution_id", "theme_id")
                contribution = self._contribution(state, p)
                into = payloads.identifier(p, "theme_id", nullable=True)
                if into is not None and state.theme(into) is None:
                    raise Rejected("not_found")
                sorted_into = {"contribution_id": contribution.id, "theme_id": into}
                return [Event("accelerator.contribution_sorted", sorted_into)]
            case "accelerator.write_synthesis":
                payloads.only_keys(p, "text")
                text = payloads.text(p, "text", max_length=limits.SYNTHESIS, required=False)
                return [Event("accelerator.synthesis_written", {"text": text})]
            case "accelerator.add_action" | "accelerator.edit_action":
                editing = cmd.type == "accelerator.edit_action"
                if editing:
                    payloads.only_keys(p, "action_id", "what", "who", "when")
                    action_id = payloads.required_id(p, "action_id")
                    if state.action(action_id) is None:
                        raise Rejected("not_found")
                else:
                    payloads.only_keys(p, "what", "who", "when")
                    action_id = state.next_id("ap")
                data = {
                    "action_id": action_id,
                    "what": payloads.text(p, "what", max_length=limits.ACTION_WHAT),
                    "who": payloads.text(p, "who", max_length=limits.ACTION_WHO, required=False),
                    "when": payloads.text(p, "when", max_length=limits.ACTION_WHEN, required=False),
                }
                kind = "accelerator.action_edited" if editing else "accelerator.action_added"
                return [Event(kind, data)]
            case "accelerator.remove_action":
                payloads.only_keys(p, "action_id")
                action_id = payloads.required_id(p, "action_id")
                if state.action(action_id) is None:
                    raise Rejected("not_found")
                return [Event("accelerator.action_removed", {"action_id": action_id})]
            case "accelerator.set_round":
                return [Event("accelerator.round_set", {"turns": round_order(state, p, ctx)})]
            case "accelerator.give_turn":
                payloads.only_keys(p, "turn_id")
                return [Event("accelerator.turn_given", {"turn_id": next_turn(state, p)})]
            case "accelerator.say_takeaway":
                payloads.only_keys(p, "text")
                turn = state.turn_of(author)
                if turn is None:
                    raise Rejected("not_in_round")
                text = payloads.text(p, "text", max_length=limits.TAKEAWAY)
                data = {"turn_id": turn.id, "text": text, "author_id": author}
                return [Event("accelerator.takeaway_said", data)]
            case "accelerator.note_takeaway":
                payloads.only_keys(p, "turn_id", "text")
                turn = state.turn(payloads.required_id(p, "turn_id"))
                if turn is None:
                    raise Rejected("not_found")
                text = payloads.text(p, "text", max_length=limits.TAKEAWAY)
                data = {"turn_id": turn.id, "text": text, "author_id": author}
                return [Event("accelerator.takeaway_said", data)]
            case "accelerator.sign":
                payloads.only_keys(p, "name")
                name = payloads.text(p, "name", max_length=limits.NAME, required=False)
                return [Event("accelerator.scribe_signed", {"name": name})]
        raise Rejected("unknown_command")

    def _question(self, state: AcceleratorState, p: Mapping[str, Any]) -> Question:
        question = state.question(payloads.required_id(p, "question_id"))
        if question is None:
            raise Rejected("not_found")
        return question

    def _contribution(self, state: AcceleratorState, p: Mapping[str, Any]) -> Contribution:
        contribution = state.contribution(payloads.required_id(p, "contribution_id"))
        if contribution is None:
            raise Rejected("not_found")
        return contribution

    # -- applying, showing, writing down --------------------------------------------------

    def apply(self, state: AcceleratorState, event: Event) -> AcceleratorState:
        return apply_event(state, event)

    def view(self, state: AcceleratorState, ctx: ViewContext) -> dict[str, Any]:
        return accelerator_view(state, ctx)

    def private_views(
        self, state: AcceleratorState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return private_views(state, ctx, participant_ids)

    def item_text(self, state: AcceleratorState, item_id: str) -> str | None:
        """Questions, contributions and key points can be spotlit and counted by hands."""
        question = state.question(item_id)
        if question is not None:
            return question.text
        contribution = state.contribution(item_id)
        if contribution is not None:
            return contribution.text
        point = state.point(item_id)
        return point.text if point is not None else None

    def minutes(self, state: AcceleratorState, ctx: MinutesContext) -> str:
        return accelerator_minutes(state, ctx, [s.key for s in self.steps])


def _optional_text(p: Mapping[str, Any], key: str, max_length: int, current: str) -> str:
    """A field the command may leave out (it keeps its value) or empty (it is cleared)."""
    if key not in p:
        return current
    return payloads.text(p, key, max_length=max_length, required=False)


def _kind(p: Mapping[str, Any], default: str) -> str:
    kind = p.get("kind", default)
    if kind not in CONTRIBUTION_KINDS:
        raise Rejected("invalid_payload", field="kind")
    return str(kind)


def _check_author(author_id: str, cmd: Command) -> None:
    """A participant changes only their own items; the scribe and facilitators moderate."""
    if cmd.actor.role is PARTICIPANT and author_id != cmd.actor.id:
        raise Rejected("not_yours")


def _moderator(author_id: str, cmd: Command) -> str | None:
    """Who moderates, when the scribe or a facilitator changes a participant's item: "scribe" or
    "facilitator". None when the author changes it (the scribe typing it for a person without a
    phone included) or when staff change what staff noted."""
    if cmd.actor.role is PARTICIPANT or author_id in STAFF_AUTHORS:
        return None
    return cmd.actor.role.value
