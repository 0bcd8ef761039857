"""What each role sees of the board, and what each phone sees of its own notes and dots."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.protocol import Authors, ViewContext
from facilitation.types import Role
from formats.board.state import BoardState
from formats.kit import dots

# Steps where every note is on the wall.
REVEALED = ("reveal", "group", "vote", "results")


def board_view(state: BoardState, ctx: ViewContext) -> dict[str, Any]:
    # "Reveal" during writing shows the notes as they come (a live wall).
    revealed = ctx.step in REVEALED or ctx.revealed
    notes: list[dict[str, Any]] = []
    if revealed:
        shown = state.notes if ctx.role == Role.FACILITATOR else state.visible_notes()
        for n in shown:
            if n.merged_into is not None:
                continue
            notes.append(
                {
                    "id": n.id,
                    "text": n.text,
                    "group_id": n.theme_id,
                    "hidden": n.hidden,
                    "merged": state.merged_texts(n.id),
                    "edited": n.edited,
                    "author": ctx.authors.public(n.author_id),
                    "proxy": ctx.authors.is_proxy(n.author_id),
                }
            )
    view: dict[str, Any] = {
        "question": state.question,
        "dots": state.dots,
        "groups": [{"id": g.id, "title": g.title} for g in state.groups],
        "notes": notes,
        **counts(state),
    }
    if ctx.step in ("vote", "results"):
        view["votes_cast"] = len(state.votes)
        view["voters"] = len({voter for voter, _ in state.votes})
    # Votes stay hidden until the results step, or until the facilitator reveals them.
    if ctx.step == "results" or (ctx.step == "vote" and ctx.revealed):
        view["results"] = ranking(state, ctx.hands, ctx.authors)
    return view


def counts(state: BoardState) -> dict[str, int]:
    """How many notes, counted once here for every screen: written = on the wall + merged into
    another + hidden by the facilitator. The minutes say how many were hidden too."""
    merged = sum(1 for n in state.notes if n.merged_into is not None)
    hidden = sum(1 for n in state.notes if n.hidden and n.merged_into is None)
    return {
        "note_count": len(state.notes) - merged - hidden,  # on the wall
        "written_count": len(state.notes),
        "merged_count": merged,
        "hidden_count": hidden,
    }


def item_text(state: BoardState, item_id: str) -> str | None:
    note = state.note(item_id)
    if note is None or note.hidden or note.merged_into is not None:
        return None
    return note.text


def private_views(
    state: BoardState, ctx: ViewContext, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    wanted = set(participant_ids)
    notes: dict[str, list[dict[str, Any]]] = {pid: [] for pid in wanted}
    for n in state.notes:
        if n.author_id in wanted and not n.hidden and n.merged_into is None:
            notes[n.author_id].append({"id": n.id, "text": n.text, "group_id": n.theme_id})
    votes = dots.mine(state.votes, wanted)
    return {
        pid: {
            "notes": notes[pid],
            "votes": votes[pid],
            "dots_left": state.dots - sum(votes[pid].values()),
        }
        for pid in wanted
    }


def ranking(
    state: BoardState,
    hands: Mapping[str, int] | None = None,
    authors: Authors | None = None,
) -> list[dict[str, Any]]:
    """Standing notes by dots (and any show of hands), with their group and merged texts."""
    ranked = dots.ranking(state.visible_notes(), state.votes, hands, authors)
    groups = {n.id: n.theme_id for n in state.notes}
    return [
        {**r, "group_id": groups[r["id"]], "merged": state.merged_texts(r["id"])} for r in ranked
    ]
