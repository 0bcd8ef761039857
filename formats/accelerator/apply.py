"""The accelerator's events applied to its state: total and pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from facilitation.types import Event
from formats.accelerator.state import (
    AcceleratorState,
    Action,
    Contribution,
    Point,
    Question,
    Theme,
    Turn,
)


def apply_event(state: AcceleratorState, event: Event) -> AcceleratorState:
    d = event.data
    made = state.made + 1
    match event.type:
        case "accelerator.presentation_written":
            return replace(state, problem=d["problem"], presentation=d["text"])
        case "accelerator.point_added":
            point = Point(d["point_id"], d["text"])
            return replace(state, points=(*state.points, point), made=made)
        case "accelerator.point_removed":
            return replace(state, points=tuple(p for p in state.points if p.id != d["point_id"]))
        case "accelerator.question_asked":
            question = Question(d["question_id"], d["author_id"], d["text"])
            return replace(state, questions=(*state.questions, question), made=made)
        case "accelerator.question_removed":
            kept = tuple(q for q in state.questions if q.id != d["question_id"])
            return replace(state, questions=kept)
        case "accelerator.question_answered":
            return _question(state, d["question_id"], answer=d["text"], status="answered")
        case "accelerator.question_marked":
            return _question(state, d["question_id"], status=d["status"])
        case "accelerator.request_set":
            return replace(state, requests=(*state.requests, d["text"]))
        case "accelerator.contribution_added":
            contribution = Contribution(d["contribution_id"], d["author_id"], d["kind"], d["text"])
            return replace(state, contributions=(*state.contributions, contribution), made=made)
        case "accelerator.contribution_edited":
            return _contribution_edited(state, d)
        case "accelerator.contribution_removed":
            kept_c = tuple(c for c in state.contributions if c.id != d["contribution_id"])
            return replace(state, contributions=kept_c)
        case "accelerator.contribution_hidden":
            return _contribution(state, d["contribution_id"], hidden_by=d["by"])
        case "accelerator.theme_added":
            theme = Theme(d["theme_id"], d["title"])
            return replace(state, themes=(*state.themes, theme), made=made)
        case "accelerator.theme_renamed":
            themes = tuple(
                replace(t, title=d["title"]) if t.id == d["theme_id"] else t for t in state.themes
            )
            return replace(state, themes=themes)
        case "accelerator.contribution_sorted":
            return _contribution(state, d["contribution_id"], theme_id=d["theme_id"])
        case "accelerator.synthesis_written":
            return replace(state, synthesis=d["text"])
        case "accelerator.action_added":
            action = Action(d["action_id"], d["what"], d["who"], d["when"])
            return replace(state, actions=(*state.actions, action), made=made)
        case "accelerator.action_edited":
            actions = tuple(
                Action(a.id, d["what"], d["who"], d["when"]) if a.id == d["action_id"] else a
                for a in state.actions
            )
            return replace(state, actions=actions)
        case "accelerator.action_removed":
            kept_a = tuple(a for a in state.actions if a.id != d["action_id"])
            return replace(state, actions=kept_a)
        case "accelerator.round_set":
            return _round(state, d["turns"])
        case "accelerator.turn_given":
            return replace(state, current_turn=d["turn_id"])
        case "accelerator.takeaway_said":
            turns = tuple(
                replace(t, text=d["text"], author_id=d["author_id"]) if t.id == d["turn_id"] else t
                for t in state.turns
            )
            return replace(state, turns=turns)
        case "accelerator.scribe_signed":
            return replace(state, scribe_name=d["name"])
    raise ValueError(f"the accelerator has no event {event.type!r}")


def _question(state: AcceleratorState, question_id: str, **changes: Any) -> AcceleratorState:
    questions = tuple(replace(q, **changes) if q.id == question_id else q for q in state.questions)
    return replace(state, questions=questions)


def _contribution(
    state: AcceleratorState, contribution_id: str, **changes: Any
) -> AcceleratorState:
    contributions = tuple(
        replace(c, **changes) if c.id == contribution_id else c for c in state.contributions
    )
    return replace(state, contributions=contributions)


def _contribution_edited(state: AcceleratorState, d: Mapping[str, Any]) -> AcceleratorState:
    """The author's own last words are never lost: they are the text, or `original` once the
    scribe or a facilitator changed it. Events written before moderation was traced carry no
    `moderated_by`: the author's own edit."""
    before = next(c for c in state.contributions if c.id == d["contribution_id"])
    moderator = d.get("moderated_by")
    own = before.text if before.original is None else before.original
    if moderator is None or d["text"] == own:
        # The author's words (again): no trace to keep.
        trace: dict[str, Any] = {"original": None, "edited_by": None}
    else:
        trace = {"original": own, "edited_by": moderator}
    return _contribution(state, before.id, text=d["text"], kind=d["kind"], **trace)


def _round(state: AcceleratorState, order: list[dict[str, Any]]) -> AcceleratorState:
    """The new order keeps each kept place's sentence; the speaker keeps the floor if still in
    the round, the first place gets it when the round starts."""
    before = {t.id: t for t in state.turns}
    turns = tuple(
        replace(before[o["turn_id"]], person_id=o["person_id"])
        if o["turn_id"] in before
        else Turn(o["turn_id"], o["person_id"])
        for o in order
    )
    made = state.made + sum(1 for o in order if o["turn_id"] not in before)
    ids = [t.id for t in turns]
    current = state.current_turn
    if not state.turns:
        current = ids[0] if ids else None
    elif current is not None and current not in ids:
        # The speaker left the round: the floor goes to the first person yet to speak.
        current = next((t.id for t in turns if not t.text), None)
    return replace(state, turns=turns, current_turn=current, made=made)
