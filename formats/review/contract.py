"""The review in the permission walk: events on the frieze (one merged), reflections and a dot
on a lesson, an objective on an axis, its ratings, then every command.

Phones 0–1 are the group (the review declares no role)."""

from __future__ import annotations

from typing import Any

from facilitation.contract import Scenario, Seed, Seen


def ids(seen: Seen) -> dict[str, Any]:
    view = seen.facilitator["activity"]["view"]
    mine = seen.phones[0].mine
    events = [e["id"] for year in view["timeline"] for e in year["events"]]
    lessons = [r["id"] for r in view["lessons"]]
    reflections = [r["id"] for column in view["reflections"].values() for r in column]
    objectives = [o["id"] for o in view["objectives"]]
    commitments = [c["id"] for c in view["commitments"]]
    own_events = list(mine.get("events") or events or ["t5"])
    own_reflections = list(mine.get("reflections") or reflections or ["r7"])
    own_objectives = list(mine.get("objectives") or objectives or ["o9"])
    standing = events or reflections or objectives or ["t5"]
    return {
        "events": events if len(events) > 1 else [*events, "t5", "t6"][:2],
        "own_event": own_events[-1],
        "lesson_id": (lessons or ["r8"])[0],
        "own_reflection": own_reflections[-1],
        "axis_id": view["axes"][0]["id"] if view["axes"] else "a1",
        "objective_id": (objectives or ["o9"])[0],
        "own_objective": own_objectives[-1],
        "commitment_id": (commitments or ["c10"])[0],
        "item_id": standing[0],
    }


SCENARIO = Scenario(
    seed=[
        Seed("timeline", 0, "review.add_event", {"year": 0, "kind": "success", "text": "Le guide"}),
        Seed("timeline", 1, "review.add_event", {"year": 0, "kind": "success", "text": "Guide"}),
        Seed("looking_back", 0, "review.add_reflection", {"column": "proud", "text": "Le guide"}),
        Seed("looking_back", 1, "review.add_reflection", {"column": "learned", "text": "Écouter"}),
        Seed("looking_back", 0, "review.vote", lambda ids: {"reflection_id": ids["lesson_id"]}),
        Seed(
            "aspirations",
            0,
            "review.propose",
            lambda ids: {"year": 0, "axis_id": ids["axis_id"], "text": "Une charte"},
        ),
        Seed(
            "priorities",
            1,
            "review.rate",
            lambda ids: {"objective_id": ids["objective_id"], "importance": 4, "feasibility": 3},
        ),
    ],
    payloads={
        "review.set_years": lambda ids: {"first_year": 2024},
        "review.add_event": lambda ids: {"year": 1, "kind": "difficulty", "text": "Un départ"},
        "review.edit_event": lambda ids: {"event_id": ids["own_event"], "text": "Le guide paraît"},
        "review.remove_event": lambda ids: {"event_id": ids["own_event"]},
        "review.move_event": lambda ids: {"event_id": ids["events"][0], "year": 2, "index": 0},
        "review.merge_events": lambda ids: {
            "event_id": ids["events"][1],
            "into_id": ids["events"][0],
        },
        "review.add_reflection": lambda ids: {"column": "regret", "text": "Trop de réunions"},
        "review.remove_reflection": lambda ids: {"reflection_id": ids["own_reflection"]},
        "review.vote": lambda ids: {"reflection_id": ids["lesson_id"]},
        "review.unvote": lambda ids: {"reflection_id": ids["lesson_id"]},
        "review.add_axis": lambda ids: {"title": "Finances"},
        "review.rename_axis": lambda ids: {"axis_id": ids["axis_id"], "title": "Communication"},
        "review.propose": lambda ids: {"year": 1, "axis_id": ids["axis_id"], "text": "Un local"},
        "review.remove_objective": lambda ids: {"objective_id": ids["own_objective"]},
        "review.rate": lambda ids: {"objective_id": ids["objective_id"], "importance": 2},
        "review.commit": lambda ids: {
            "objective_id": ids["objective_id"],
            "owner": "Le CA",
            "year": 0,
            "individual": "Chacun·e sait où ranger un document",
            "collective": "La charte est adoptée en AG",
        },
        "review.edit_commitment": lambda ids: {
            "commitment_id": ids["commitment_id"],
            "owner": "L'équipe salariée",
        },
        "review.remove_commitment": lambda ids: {"commitment_id": ids["commitment_id"]},
    },
    ids=ids,
    config={"title": "Bilan et projet", "first_year": 0, "axes": [], "dots": 3},
)
