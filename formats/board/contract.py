"""The board in the permission walk: three notes from two phones, then every command."""

from __future__ import annotations

from typing import Any

from facilitation.contract import Scenario, Seed, Seen


def ids(seen: Seen) -> dict[str, Any]:
    own = [n["id"] for n in seen.phones[0].mine["notes"]] or ["n1", "n2"]
    other = [n["id"] for n in seen.phones[1].mine["notes"]] or ["n3"]
    return {
        "own_notes": own,  # phone 0's notes, oldest first
        "other_notes": other,  # phone 1's
        "group_id": "g1",  # the column the settings give
        "item_id": own[0],
    }


SCENARIO = Scenario(
    seed=[
        Seed("write", 0, "board.add_note", {"text": "Un calendrier partagé"}),
        Seed("write", 0, "board.add_note", {"text": "Une newsletter commune"}),
        Seed("write", 1, "board.add_note", {"text": "Des petits déjeuners"}),
    ],
    payloads={
        "board.add_note": lambda ids: {"text": "Une idée de plus", "group_id": ids["group_id"]},
        "board.edit_note": lambda ids: {"note_id": ids["own_notes"][0], "text": "Reformulée"},
        "board.delete_note": lambda ids: {"note_id": ids["own_notes"][-1]},
        "board.add_group": lambda ids: {"title": "Méthode", "note_ids": ids["own_notes"][:1]},
        "board.rename_group": lambda ids: {"group_id": ids["group_id"], "title": "Des outils"},
        "board.move_note": lambda ids: {"note_id": ids["own_notes"][0], "group_id": None},
        "board.move_notes": lambda ids: {
            "note_ids": [*ids["own_notes"], *ids["other_notes"]],
            "group_id": ids["group_id"],
        },
        "board.merge_notes": lambda ids: {
            "note_id": ids["other_notes"][0],
            "into_id": ids["own_notes"][0],
        },
        "board.hide_note": lambda ids: {"note_id": ids["own_notes"][-1], "hidden": True},
        "board.add_vote": lambda ids: {"note_id": ids["own_notes"][0]},
        "board.remove_vote": lambda ids: {"note_id": ids["own_notes"][0]},
    },
    ids=ids,
    config={"question": "Comment mieux communiquer ?", "columns": ["Outils"], "dots": 3},
)
