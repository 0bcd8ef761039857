"""What every role sees of a three-year review, and what each phone sees of its own entries.

The view is the same for every role (per-role differences are only in `activity.can`): the
frieze, the reflections and the lessons ranked, the objectives ranked by their priorities, the
roadmap. Individual ratings and dots are in each person's own view only; authors are named as
the anonymity level allows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.messages import LANGUAGES, translate
from facilitation.protocol import Authors, ViewContext
from formats.kit import dots
from formats.kit.contributions import by_line
from formats.review import priorities
from formats.review.messages import MESSAGES
from formats.review.state import COLUMNS, KINDS, LESSONS, YEARS, Axis, ReviewState


def axis_titles(axis: Axis) -> dict[str, str]:
    """An axis's title in every language: a default not renamed follows the language."""
    if axis.key is None:
        return {lang: axis.title for lang in LANGUAGES}
    return {lang: translate(MESSAGES, f"axis.{axis.key}", lang) for lang in LANGUAGES}


def axis_title(axis: Axis, lang: str) -> str:
    titles = axis_titles(axis)
    return titles.get(lang) or axis.title


def years_view(state: ReviewState) -> dict[str, Any]:
    return {
        "first": state.first_year or None,
        "past": [{"index": i, "year": state.year(i)} for i in range(YEARS)],
        "next": [{"index": i, "year": state.year(i, ahead=True)} for i in range(YEARS)],
    }


def lessons(state: ReviewState, hands: Mapping[str, int], authors: Authors) -> list[dict[str, Any]]:
    """The lessons ranked by dots plus any show of hands (`total`); equal totals share a rank."""
    ranked = dots.ranking(state.standing_reflections(LESSONS), state.votes, hands, authors)
    return [
        {
            "id": r["id"],
            "text": r["text"],
            "dots": r["votes"],
            "hands": r["hands"],
            "total": r["total"],
            "rank": r["rank"],
        }
        for r in ranked
    ]


def objectives(state: ReviewState, authors: Authors) -> list[dict[str, Any]]:
    # A number that never changes (removed objectives keep theirs): lists that must not move
    # while people rate follow it rather than the ranking.
    proposed = {o.id: n for n, o in enumerate(state.objectives, 1)}
    shown = []
    for r in priorities.ranked(state):
        o = r.objective
        commitment = state.committed_from(o.id)
        shown.append(
            {
                "id": o.id,
                "proposed": proposed[o.id],
                "text": o.text,
                "year": o.year,
                "axis_id": o.axis_id,
                **by_line(authors, o.author_id),
                "importance": r.importance.shown(),
                "feasibility": r.feasibility.shown(),
                "raters": r.raters,
                "score": r.score,
                "quadrant": r.quadrant,
                "rank": r.rank,
                "commitment_id": None if commitment is None else commitment.id,
            }
        )
    return shown


def review_view(state: ReviewState, ctx: ViewContext) -> dict[str, Any]:
    authors = ctx.authors
    return {
        "title": state.title,
        "years": years_view(state),
        "kinds": list(KINDS),
        "timeline": [
            {
                "index": i,
                "year": state.year(i),
                "events": [
                    {
                        "id": e.id,
                        "kind": e.kind,
                        "text": e.text,
                        **by_line(authors, e.author_id),
                        "also": list(e.also),
                    }
                    for e in state.standing_events(i)
                ],
            }
            for i in range(YEARS)
        ],
        "event_count": sum(len(ids) for ids in state.frieze),
        "reflections": {
            column: [
                {"id": r.id, "text": r.text, **by_line(authors, r.author_id)}
                for r in state.standing_reflections(column)
            ]
            for column in COLUMNS
        },
        "lessons": lessons(state, ctx.hands, authors),
        "dots": state.dots,
        "axes": [
            {"id": a.id, "title": axis_title(a, "fr"), "titles": axis_titles(a), "key": a.key}
            for a in state.axes
        ],
        "objectives": objectives(state, authors),
        "eligible": ctx.people_count,
        "commitments": [
            {
                "id": c.id,
                "objective_id": c.objective_id,
                "text": c.text,
                "owner": c.owner,
                "year": c.year,
                "target_year": state.year(c.year, ahead=True),
                "individual": c.individual,
                "collective": c.collective,
            }
            for c in state.commitments
        ],
    }


def private_views(
    state: ReviewState, ctx: ViewContext, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """Each person's own entries (to remove them), their dots and their ratings. Ids are
    aliases in an anonymous activity."""
    wanted = set(participant_ids)
    mine: dict[str, dict[str, Any]] = {
        pid: {"events": [], "reflections": [], "objectives": [], "ratings": {}} for pid in wanted
    }
    # In the order written, not the frieze's: moving an event changes nobody's own view.
    for e in state.events:
        if e.standing and e.author_id in wanted:
            mine[e.author_id]["events"].append(e.id)
    for r in state.standing_reflections():
        if r.author_id in wanted:
            mine[r.author_id]["reflections"].append(r.id)
    standing = {o.id for o in state.standing_objectives()}
    for o in state.standing_objectives():
        if o.author_id in wanted:
            mine[o.author_id]["objectives"].append(o.id)
    for rating in state.ratings:
        if rating.rater_id in wanted and rating.objective_id in standing:
            mine[rating.rater_id]["ratings"][rating.objective_id] = {
                "importance": rating.importance,
                "feasibility": rating.feasibility,
            }
    placed = dots.mine(state.votes, wanted)
    for pid in wanted:
        mine[pid]["votes"] = placed[pid]
        mine[pid]["dots_left"] = state.dots - dots.dots_used(state.votes, pid)
    return mine


def item_text(state: ReviewState, item_id: str) -> str | None:
    """Events, reflections, objectives and commitments may be spotlit; a show of hands on a
    lesson adds to its dots."""
    for found in (state.event(item_id), state.reflection(item_id), state.objective(item_id)):
        if found is not None:
            return found.text
    commitment = state.commitment(item_id)
    return None if commitment is None else commitment.text
