"""Rounds: everyone speaks in turn, in an order the facilitator sets (remote people and people
without a phone included); whose turn it is shows on every screen; what each said is kept.

In an anonymous activity a round is numbered places that name nobody (`person_id` None).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from facilitation.types import Rejected


@dataclass(frozen=True)
class Turn:
    """One place in a round: who speaks (a participant id, or None in an anonymous activity),
    what they said, and who typed it (the person, or the scribe noting what they said)."""

    id: str
    person_id: str | None
    text: str = ""
    author_id: str | None = None


@dataclass(frozen=True)
class Round:
    turns: tuple[Turn, ...] = ()
    # The turn of the person speaking now; None before the round and once it is over.
    current: str | None = None

    def turn(self, turn_id: str) -> Turn | None:
        return next((t for t in self.turns if t.id == turn_id), None)

    def turn_of(self, person_id: str) -> Turn | None:
        return next((t for t in self.turns if t.person_id == person_id), None)

    @property
    def status(self) -> str:
        if not self.turns:
            return "not_started"
        return "over" if self.current is None else "running"


def order(round_: Round, people: Sequence[str | None], made: int) -> list[dict[str, Any]]:
    """A new order of speakers, as an event holds it. People already in the round keep their
    place's id and sentence (a numbered place keeps its position's); new places get ids from
    the format's counter `made`."""
    turns: list[dict[str, Any]] = []
    for place, person in enumerate(people):
        if person is not None:
            kept = round_.turn_of(person)
        else:
            kept = round_.turns[place] if place < len(round_.turns) else None
        if kept is None:
            made += 1
            turn_id = f"t{made}"
        else:
            turn_id = kept.id
        turns.append({"turn_id": turn_id, "person_id": person})
    return turns


def reordered(round_: Round, new_order: Sequence[Mapping[str, Any]]) -> tuple[Round, int]:
    """The round in its new order, and how many new places it made. Kept places keep their
    sentence; the speaker keeps the floor if still in the round, the first place gets it when
    the round starts, and when the speaker left, the first person yet to speak gets it."""
    before = {t.id: t for t in round_.turns}
    turns = tuple(
        replace(before[o["turn_id"]], person_id=o["person_id"])
        if o["turn_id"] in before
        else Turn(o["turn_id"], o["person_id"])
        for o in new_order
    )
    ids = [t.id for t in turns]
    current = round_.current
    if not round_.turns:
        current = ids[0] if ids else None
    elif current is not None and current not in ids:
        current = next((t.id for t in turns if not t.text), None)
    made = sum(1 for o in new_order if o["turn_id"] not in before)
    return Round(turns, current), made


def next_turn(round_: Round, turn_id: str | None) -> str | None:
    """The turn asked for, or the one after the current speaker (None: the round is over)."""
    if not round_.turns:
        raise Rejected("round_not_started")
    if turn_id is not None:
        if round_.turn(turn_id) is None:
            raise Rejected("not_found")
        return turn_id
    if round_.current is None:
        raise Rejected("round_over")
    ids = [t.id for t in round_.turns]
    place = ids.index(round_.current) + 1
    return ids[place] if place < len(ids) else None


def said(round_: Round, turn_id: str, text: str, author_id: str) -> Round:
    turns = tuple(
        replace(t, text=text, author_id=author_id) if t.id == turn_id else t for t in round_.turns
    )
    return replace(round_, turns=turns)
