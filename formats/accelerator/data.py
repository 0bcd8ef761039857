"""The accelerator's data: key points, questions and answers, the request, contributions, the
action plan (also as dated items for the calendar) and the closing round (see
facilitation/hooks.py)."""

from __future__ import annotations

from facilitation.hooks import DataRow, DatedItem
from facilitation.protocol import MinutesContext
from formats.accelerator.state import AcceleratorState


def accelerator_rows(state: AcceleratorState, ctx: MinutesContext) -> list[DataRow]:
    themes = {t.id: t.title for t in state.themes}
    rows = [DataRow("point", p.id, p.text, "scribe") for p in state.points]
    for q in state.questions:
        rows.append(DataRow("question", q.id, q.text, q.said_by or q.author_id, value=q.status))
        if q.answer:
            rows.append(DataRow("answer", f"{q.id}-answer", q.answer, None, about=q.id))
    for number, request in enumerate(state.requests, 1):
        rows.append(DataRow("request", f"request{number}", request, None))
    for c in state.visible_contributions:
        rows.append(
            DataRow(
                c.kind,
                c.id,
                c.text,
                c.said_by or c.author_id,
                theme=themes.get(c.theme_id or "", ""),
                value=str(ctx.hands.get(c.id, "")),
            )
        )
    if state.synthesis:
        rows.append(DataRow("synthesis", "synthesis", state.synthesis, None))
    for a in state.actions:
        rows.append(DataRow("action", a.id, a.what, None, value=a.when, detail=a.who))
    for turn in state.round.turns:
        if turn.text:
            rows.append(DataRow("closing", turn.id, turn.text, turn.person_id))
    return rows


def accelerator_dated(state: AcceleratorState, ctx: MinutesContext) -> list[DatedItem]:
    return [DatedItem(a.id, a.what, a.who, a.when) for a in state.actions]
