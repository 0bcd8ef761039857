"""The review's data (see facilitation/hooks.py): its CSV rows, and its commitments as dated
items for the calendar.

Rows: each event (theme: its year; value: its kind), each reflection (theme: its column), the
dots on each lesson (one row per person and lesson; value: how many), shows of hands, each
objective with its means (value: the score; detail: importance, feasibility, quadrant), each
commitment (value: the target year; detail: the owner) and its success criteria. Individual
ratings stay out: only their means are the group's."""

from __future__ import annotations

from collections import Counter
from typing import Any

from facilitation.hooks import DataRow, DatedItem
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.review import priorities
from formats.review.messages import MESSAGES
from formats.review.minutes import number, year_name
from formats.review.state import YEARS, ReviewState
from formats.review.view import axis_title


def review_rows(state: ReviewState, ctx: MinutesContext) -> list[DataRow]:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    rows: list[DataRow] = []
    for i in range(YEARS):
        for e in state.standing_events(i):
            also = " | ".join(e.also)
            theme = year_name(state, i, False, t)
            rows.append(DataRow("event", e.id, e.text, e.author_id, theme, "", e.kind, also))
    for x in state.standing_reflections():
        rows.append(DataRow("reflection", x.id, x.text, x.author_id, t(f"column.{x.column}")))
    lessons = {r.id: r.text for r in state.standing_reflections("learned")}
    # Numbered, not named by the voter: an id column must not carry a person's id or alias.
    for n, ((voter, lesson_id), count) in enumerate(Counter(state.votes).items(), 1):
        row_id = f"{lesson_id}-{n}"
        text = lessons.get(lesson_id, "")
        rows.append(DataRow("vote", row_id, text, voter, about=lesson_id, value=str(count)))
    for lesson_id, text in lessons.items():
        hands = ctx.hands.get(lesson_id, 0)
        if hands:
            row_id = f"{lesson_id}-hands"
            rows.append(DataRow("hands", row_id, text, None, about=lesson_id, value=str(hands)))
    axes = {a.id: axis_title(a, ctx.lang) for a in state.axes}
    for r in priorities.ranked(state):
        o = r.objective
        detail = "; ".join(
            [
                f"importance={number(r.importance.mean, 'en')}",
                f"feasibility={number(r.feasibility.mean, 'en')}",
                f"ratings={r.raters}",
                *([f"quadrant={r.quadrant}"] if r.quadrant else []),
            ]
        )
        rows.append(
            DataRow(
                "objective",
                o.id,
                o.text,
                o.author_id,
                theme=axes.get(o.axis_id, ""),
                about=year_name(state, o.year, True, t),
                value="" if r.score is None else number(r.score, "en"),
                detail=detail,
            )
        )
    for c in state.commitments:
        target = state.year(c.year, ahead=True)
        rows.append(
            DataRow(
                "commitment",
                c.id,
                c.text,
                None,
                about=c.objective_id or "",
                value="" if target is None else str(target),
                detail=c.owner,
            )
        )
        for which, text in (("individual", c.individual), ("collective", c.collective)):
            if text:
                row_id = f"{c.id}-{which}"
                rows.append(DataRow("criterion", row_id, text, None, about=c.id, value=which))
    return rows


def review_dated_items(state: ReviewState, ctx: MinutesContext) -> list[DatedItem]:
    """One per commitment, due by the end of its target year ("2027": the calendar export
    reads a bare year as its 31 December); undated while the years are not set."""
    items = []
    for c in state.commitments:
        target = state.year(c.year, ahead=True)
        items.append(DatedItem(c.id, c.text, c.owner, "" if target is None else str(target)))
    return items
