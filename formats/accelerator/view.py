"""What each role sees of the accelerator. Nothing is secret from the group in this format: every
step is worked on in the open, so every role sees the same content; only ids that tie a place in
the round to a participant are kept for the staff, and authors are named as the anonymity level
allows. A contribution the scribe or a facilitator removed is hidden from every role."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.protocol import Authors, ViewContext
from facilitation.types import Role
from formats.accelerator.state import HOLDER, AcceleratorState
from formats.kit.contributions import STAFF_AUTHORS, by_line
from formats.kit.rounds import Turn

STAFF = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER)


def holder_ids(assignments: Mapping[str, Collection[str]]) -> list[str]:
    # p2 before p10: in the order people joined.
    found = [pid for pid, roles in assignments.items() if HOLDER in roles]
    return sorted(found, key=lambda pid: (len(pid), pid))


def accelerator_view(state: AcceleratorState, ctx: ViewContext) -> dict[str, Any]:
    authors = ctx.authors
    holders = holder_ids(ctx.assignments)
    first = state.requests[0] if len(state.requests) > 1 else None
    round_ = state.round
    return {
        "project": state.project,
        "problem": state.problem,
        "presentation": state.presentation,
        "points": [{"id": p.id, "text": p.text} for p in state.points],
        "holders": [h for h in (authors.public(pid) for pid in holders) if h is not None],
        "holder_count": len(holders),
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "answer": q.answer,
                "status": q.status,
                **_by(authors, q.author_id, q.said_by),
            }
            for q in state.questions
        ],
        "request": state.request,
        "request_versions": len(state.requests),
        "first_request": first,
        "themes": [{"id": t.id, "title": t.title} for t in state.themes],
        "contributions": [
            {
                "id": c.id,
                "kind": c.kind,
                "text": c.text,
                "theme_id": c.theme_id,
                **_by(authors, c.author_id, c.said_by),
                # The scribe or a facilitator changed the author's words ("scribe" or
                # "facilitator"); the author's own words stay in the state, not on screens.
                "edited": c.edited,
                "edited_by": c.edited_by,
            }
            for c in state.visible_contributions
        ],
        "synthesis": state.synthesis,
        "actions": [
            {"id": a.id, "what": a.what, "who": a.who, "when": a.when} for a in state.actions
        ],
        "round": {
            "status": round_.status,
            "current": round_.current,
            "said": sum(1 for t in round_.turns if t.text),
            "turns": [
                _turn(t, place, ctx, holders) for place, t in enumerate(round_.turns, start=1)
            ],
        },
        "scribe_name": state.scribe_name,
    }


def _by(authors: Authors, author_id: str, said_by: str | None) -> dict[str, Any]:
    """Who wrote an item; for what the scribe or a facilitator typed, who typed it
    (`noted_by`) and who said it aloud (`author`, as the anonymity level shows people)."""
    shown = by_line(authors, author_id)
    shown["noted_by"] = author_id if author_id in STAFF_AUTHORS else None
    if said_by is not None:
        shown["author"] = authors.public(said_by)
    return shown


def _turn(turn: Turn, place: int, ctx: ViewContext, holders: list[str]) -> dict[str, Any]:
    person = ctx.authors.people.get(turn.person_id) if turn.person_id else None
    public = ctx.authors.public(turn.person_id) if turn.person_id else None
    shown: dict[str, Any] = {
        "id": turn.id,
        "place": place,
        # None in an anonymous activity: the round is numbered places.
        "name": public["name"] if public else None,
        "number": person.number if person else None,
        "remote": bool(person and person.remote),
        "proxy": bool(person and person.proxy),
        "holder": turn.person_id in holders,
        "text": turn.text,
        "noted": turn.author_id in STAFF_AUTHORS,
        "noted_by": turn.author_id if turn.author_id in STAFF_AUTHORS else None,
    }
    if ctx.role in STAFF:
        # The console orders the round by participant id.
        shown["participant_id"] = turn.person_id
    return shown


def private_views(
    state: AcceleratorState, ctx: ViewContext, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """Each person's own questions and contributions (to change or withdraw them) and their
    place in the round. Ids are aliases in an anonymous activity: they match what the person
    wrote, and no place in the round (which names nobody there)."""
    wanted = set(participant_ids)
    mine: dict[str, dict[str, Any]] = {
        pid: {"questions": [], "contributions": [], "turn_id": None, "takeaway": ""}
        for pid in wanted
    }
    for q in state.questions:
        if q.author_id in wanted:
            mine[q.author_id]["questions"].append(q.id)
    for c in state.visible_contributions:
        if c.author_id in wanted:
            mine[c.author_id]["contributions"].append(c.id)
    for t in state.round.turns:
        if t.person_id in wanted:
            mine[t.person_id]["turn_id"] = t.id
            mine[t.person_id]["takeaway"] = t.text
    return mine


def item_text(state: AcceleratorState, item_id: str) -> str | None:
    """Questions, contributions and key points can be spotlit and counted by hands."""
    question = state.question(item_id)
    if question is not None:
        return question.text
    contribution = state.contribution(item_id)
    if contribution is not None:
        return contribution.text
    point = state.point(item_id)
    return point.text if point is not None else None
