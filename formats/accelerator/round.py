"""The closing round: its order, and who has the floor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitation import payloads
from facilitation.formats import ANONYMOUS, StepContext
from facilitation.types import Rejected
from formats.accelerator import limits
from formats.accelerator.state import AcceleratorState


def round_order(
    state: AcceleratorState, p: Mapping[str, Any], ctx: StepContext
) -> list[dict[str, Any]]:
    """The round's order: participants by id, or (anonymous activity) a number of places
    that name nobody. People already in the round keep their place's id and sentence."""
    people: list[str | None]
    if ctx.authors.level == ANONYMOUS:
        payloads.only_keys(p, "count")
        count = payloads.integer(p, "count", minimum=0, maximum=limits.ROUND)
        people = [None] * count
    else:
        payloads.only_keys(p, "participant_ids")
        ids = p.get("participant_ids")
        if (
            not isinstance(ids, list)
            or len(ids) > limits.ROUND
            or not all(isinstance(i, str) for i in ids)
            or len(set(ids)) != len(ids)
        ):
            raise Rejected("invalid_payload", field="participant_ids")
        for pid in ids:
            known = ctx.authors.people.get(pid)
            if known is None or known.removed:
                raise Rejected("not_found")
        people = list(ids)
    turns: list[dict[str, Any]] = []
    made = state.made
    for place, person in enumerate(people):
        if person is not None:
            kept = state.turn_of(person)
        else:
            kept = state.turns[place] if place < len(state.turns) else None
        if kept is None:
            made += 1
            turn_id = f"t{made}"
        else:
            turn_id = kept.id
        turns.append({"turn_id": turn_id, "person_id": person})
    return turns


def next_turn(state: AcceleratorState, p: Mapping[str, Any]) -> str | None:
    """The turn asked for, or the one after the current speaker (None: the round is over)."""
    if not state.turns:
        raise Rejected("round_not_started")
    turn_id = payloads.identifier(p, "turn_id", nullable=True)
    if turn_id is not None:
        if state.turn(turn_id) is None:
            raise Rejected("not_found")
        return turn_id
    if state.current_turn is None:
        raise Rejected("round_over")
    ids = [t.id for t in state.turns]
    place = ids.index(state.current_turn) + 1
    return ids[place] if place < len(ids) else None
