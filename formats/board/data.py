"""The board's data: every note once revealed, every dot and show of hands (see
facilitation/hooks.py)."""

from __future__ import annotations

from facilitation.hooks import DataRow
from facilitation.protocol import MinutesContext
from formats.board.state import BoardState


def board_rows(state: BoardState, ctx: MinutesContext) -> list[DataRow]:
    if ctx.step == "write":
        # Private writing: as in the minutes, nothing is shown before the reveal.
        return []
    themes = {g.id: g.title for g in state.groups}
    texts = {n.id: n.text for n in state.notes}
    rows = [
        DataRow(
            "note",
            n.id,
            n.text,
            n.author_id,
            theme=themes.get(n.theme_id or "", ""),
            about=n.merged_into or "",
        )
        for n in state.notes
        if not n.hidden
    ]
    for number, (voter, note_id) in enumerate(state.votes, 1):
        rows.append(DataRow("dot", f"v{number}", texts.get(note_id, ""), voter, about=note_id))
    for note_id, count in ctx.hands.items():
        rows.append(
            DataRow(
                "hands",
                f"h-{note_id}",
                texts.get(note_id, ""),
                None,
                about=note_id,
                value=str(count),
            )
        )
    return rows
