"""The consent format's rules, once, in Python: the difference between two versions, when a
round's positions may be seen, what a round counts, whether the quorum is reached and whether
the proposal may be adopted. Commands, views and minutes all ask here; screens only draw."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from facilitation.protocol import StepContext
from formats.consent.state import POSITIONS, ConsentState, Round

PROPOSAL = "proposal"
CLARIFICATION = "clarification"
REACTIONS = "reactions"
AMENDMENT = "amendment"
OBJECTIONS = "objections"
INTEGRATION = "integration"
DECISION = "decision"
# Steps where every round's positions are open: objections are examined, then decided on.
OPEN_STEPS = (INTEGRATION, DECISION)

# Words (with their inner hyphens, apostrophes and midpoints: "week-end", "l'association",
# "salarié·e"), punctuation marks one by one, and runs of spaces.
_WORDS = re.compile(r"\s+|\w+(?:[-'’·]\w+)*|[^\w\s]")


def diff(before: str, after: str) -> list[dict[str, str]]:
    """Word-level difference: segments {op: same|added|removed, text}, in reading order
    (what was removed comes before what replaced it); spaces stay with the words around."""
    a = _WORDS.findall(before)
    b = _WORDS.findall(after)
    segments: list[dict[str, str]] = []

    def add(op: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if segments and segments[-1]["op"] == op:
            segments[-1]["text"] += text
        else:
            segments.append({"op": op, "text": text})

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("removed", a[i1:i2])
            add("added", b[j1:j2])
    return segments


def hand_item(round_: Round, position: str) -> str:
    """The item id a show-of-hands count for one position of one round is kept under."""
    return f"{round_.id}-{position}"


def hands(round_: Round, counted: Mapping[str, int]) -> dict[str, int]:
    return {p: int(counted.get(hand_item(round_, p), 0)) for p in POSITIONS}


def counts(round_: Round, counted: Mapping[str, int]) -> dict[str, int]:
    """Positions by kind, phones and proxies plus any show of hands."""
    raised = hands(round_, counted)
    return {p: sum(1 for x in round_.positions if x.position == p) + raised[p] for p in POSITIONS}


def complete(round_: Round, people_count: int) -> bool:
    """Everyone taking part has given a position."""
    return people_count > 0 and len(round_.positions) >= people_count


def shown(state: ConsentState, round_: Round, step: str, revealed: bool, people_count: int) -> bool:
    """Whether a round's positions may be seen (before: counts of answers only). A round is
    open once everyone has answered or the facilitator revealed it; earlier rounds, rounds on an
    earlier version, and every round from integration on are open."""
    latest = state.round
    if latest is None or round_.id != latest.id or state.current_round is None:
        return True
    if state.outcome is not None or step in OPEN_STEPS:
        return True
    return revealed or complete(round_, people_count)


def position_refusal(state: ConsentState, ctx: StepContext) -> str | None:
    """Why no position may be given or changed now (an error code), or None: once the round on
    the current version is shown, its positions are fixed. `consent.give_position` refuses with
    it and `activity.can` leaves the command out while it holds."""
    r = state.current_round
    if r is not None and shown(state, r, ctx.step, ctx.revealed, ctx.people_count):
        return "positions_shown"
    return None


def quorum(state: ConsentState, counted: Mapping[str, int]) -> dict[str, Any] | None:
    """The quorum (a number of people who must take part in the round on the current version):
    who took part counts phones, proxies and the show of hands."""
    if not state.quorum:
        return None
    r = state.current_round
    present = 0 if r is None else len(r.positions) + sum(hands(r, counted).values())
    return {"required": state.quorum, "present": present, "reached": present >= state.quorum}


def adopt_refusal(state: ConsentState) -> str | None:
    """Why the proposal may not be adopted now (an error code), or None: adopted only on the
    current version, after an objection round on it, when no objection is open or reasoned."""
    if state.outcome is not None:
        return "already_decided"
    if state.version is None:
        return "no_proposal"
    if state.current_round is None:
        return "no_round"
    if state.blocking:
        return "objection_open"
    return None
