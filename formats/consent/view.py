"""What each role sees of a consent decision, and what each phone sees of its own position.

Every count and every rule comes from rules.py: the screens only draw. Before a round's
positions are open (everyone has answered, or the facilitator revealed them), every role gets the
number of answers only; each person sees their own position in their private view. Authors are
named as the anonymity level allows, and never by id outside the staff's screens.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.protocol import ANONYMOUS, Authors, ViewContext
from formats.consent import rules
from formats.consent.state import POSITIONS, PROPOSER, ConsentState, Objection, Round, Version


def proposer_ids(assignments: Mapping[str, Collection[str]]) -> list[str]:
    found = [pid for pid, roles in assignments.items() if PROPOSER in roles]
    return sorted(found, key=lambda pid: (len(pid), pid))


def version_view(state: ConsentState, version: Version) -> dict[str, Any]:
    before = next((v for v in state.versions if v.number == version.number - 1), None)
    return {
        "number": version.number,
        "text": version.text,
        "by": version.by,
        "reason": version.reason,
        "integrates": list(version.integrates),
        "at": version.at,
        # Against the version before; the first version is all "same".
        "diff": rules.diff(before.text if before else version.text, version.text),
    }


def _who(authors: Authors, author_id: str) -> dict[str, Any]:
    return {"author": authors.public(author_id), "proxy": authors.is_proxy(author_id)}


def round_view(state: ConsentState, round_: Round, ctx: ViewContext) -> dict[str, Any]:
    shown = rules.shown(state, round_, ctx.step, ctx.revealed, ctx.people_count)
    view: dict[str, Any] = {
        "id": round_.id,
        "number": round_.number,
        "version": round_.version,
        "answered": len(round_.positions),
        "eligible": ctx.people_count,
        "complete": rules.complete(round_, ctx.people_count),
        "shown": shown,
        # The ids a show-of-hands count (`hands.count`) is kept under, one per position.
        "hand_items": {p: rules.hand_item(round_, p) for p in POSITIONS},
        "counts": None,
        "hands": None,
        "positions": [],
    }
    if shown:
        view["counts"] = rules.counts(round_, ctx.hands)
        view["hands"] = rules.hands(round_, ctx.hands)
        view["positions"] = [
            {"position": p.position, "text": p.text, **_who(ctx.authors, p.author_id)}
            for p in _ordered(round_, ctx.authors)
        ]
    return view


def _ordered(round_: Round, authors: Authors) -> list[Any]:
    """Positions in the order given, or, in an anonymous activity, by kind and text: the order
    of answers must not tell who answered when."""
    if authors.level == ANONYMOUS:
        order = {p: i for i, p in enumerate(POSITIONS)}
        return sorted(round_.positions, key=lambda p: (order[p.position], p.text))
    return list(round_.positions)


def objection_view(o: Objection, ctx: ViewContext) -> dict[str, Any]:
    return {
        "id": o.id,
        "round_id": o.round_id,
        "version": o.version,
        "reason": o.reason,
        "status": o.status,
        "blocking": o.blocking,
        "note": o.note,
        "integrated_in": o.integrated_in,
        **_who(ctx.authors, o.author_id),
    }


def consent_view(state: ConsentState, ctx: ViewContext) -> dict[str, Any]:
    authors = ctx.authors
    proposers = proposer_ids(ctx.assignments)
    open_rounds = {
        r.id
        for r in state.rounds
        if rules.shown(state, r, ctx.step, ctx.revealed, ctx.people_count)
    }
    objections = [o for o in state.objections if o.round_id in open_rounds]
    # Before the positions are open, whether an objection stands is not said.
    current = state.current_round
    hidden = current is not None and current.id not in open_rounds
    refusal = "positions_hidden" if hidden and state.outcome is None else rules.adopt_refusal(state)
    outcome = state.outcome
    return {
        "title": state.title,
        "proposers": [p for p in (authors.public(pid) for pid in proposers) if p is not None],
        "proposer_count": len(proposers),
        "version": None if state.version is None else version_view(state, state.version),
        "versions": [version_view(state, v) for v in state.versions],
        "questions": [
            {"id": q.id, "text": q.text, "answer": q.answer, **_who(authors, q.author_id)}
            for q in state.questions
        ],
        "reactions": [
            {"id": r.id, "text": r.text, **_who(authors, r.author_id)} for r in state.reactions
        ],
        "reaction_count": len(state.reactions),
        "eligible": ctx.people_count,
        # The round on the current version (None until its first position: after an amendment
        # the latest round is on an earlier version, kept in `rounds`), and every one, oldest
        # first.
        "round": None if current is None else round_view(state, current, ctx),
        "rounds": [round_view(state, r, ctx) for r in state.rounds],
        "objections": [objection_view(o, ctx) for o in objections],
        "blocking_count": sum(1 for o in objections if o.blocking),
        "concerns": _concerns(state, ctx, open_rounds),
        "can_adopt": refusal is None,
        "adopt_refusal": refusal,
        "quorum": rules.quorum(state, ctx.hands),
        "outcome": None
        if outcome is None
        else {
            "kind": outcome.kind,
            "at": outcome.at,
            "by": outcome.by,
            "note": outcome.note,
            "version": outcome.version,
        },
    }


def _concerns(state: ConsentState, ctx: ViewContext, open_rounds: set[str]) -> list[dict[str, Any]]:
    """The concerns of the round on the current version (recorded with the decision)."""
    r = state.current_round
    if r is None or r.id not in open_rounds:
        return []
    return [
        {"text": p.text, **_who(ctx.authors, p.author_id)}
        for p in _ordered(r, ctx.authors)
        if p.position == "concern"
    ]


def private_views(
    state: ConsentState, ctx: ViewContext, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """Each person's own position in the latest round, their own objections (to withdraw them),
    questions and reaction. Ids are aliases in an anonymous activity."""
    wanted = set(participant_ids)
    mine: dict[str, dict[str, Any]] = {
        pid: {"position": None, "objections": [], "questions": [], "reaction": ""} for pid in wanted
    }
    # In an anonymous activity the staff who type for a person without a phone see that person's
    # own view keyed by who they are: it says whether they answered, not what (nor which
    # objection is theirs: they say it aloud).
    sealed = {pid for pid in wanted if ctx.authors.level == ANONYMOUS and ctx.authors.is_proxy(pid)}
    r = state.current_round
    if r is not None:
        for p in r.positions:
            if p.author_id in sealed:
                mine[p.author_id]["position"] = {"position": "given", "text": ""}
            elif p.author_id in wanted:
                mine[p.author_id]["position"] = {"position": p.position, "text": p.text}
    for o in state.objections:
        if o.author_id in wanted and o.author_id not in sealed:
            mine[o.author_id]["objections"].append(
                {"id": o.id, "status": o.status, "reason": o.reason, "version": o.version}
            )
    for q in state.questions:
        if q.author_id in wanted:
            mine[q.author_id]["questions"].append(q.id)
    for reaction in state.reactions:
        if reaction.author_id in wanted:
            mine[reaction.author_id]["reaction"] = reaction.text
    return mine


def item_text(state: ConsentState, item_id: str) -> str | None:
    """Questions and reactions may be spotlit; each round's positions take a show of hands
    (`{round_id}-consent`, `-concern`, `-objection`)."""
    for q in state.questions:
        if q.id == item_id:
            return q.text
    for reaction in state.reactions:
        if reaction.id == item_id:
            return reaction.text
    for r in state.rounds:
        for p in POSITIONS:
            if rules.hand_item(r, p) == item_id:
                return p
    return None
