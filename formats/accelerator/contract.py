"""The project accelerator in the permission walk: a presentation, questions (one answered), a
request, contributions and a theme, an action, a round of every phone, then every command.

Phones 0–2 are the group; phones 3–5 hold the project (`holder`).
"""

from __future__ import annotations

from typing import Any

from facilitation.contract import Scenario, Seed, Seen

HOLDER = 3


def ids(seen: Seen) -> dict[str, Any]:
    view = seen.facilitator["activity"]["view"]
    mine = seen.phones[0].mine
    questions = [q["id"] for q in view["questions"]] or ["q1"]
    contributions = [c["id"] for c in view["contributions"]] or ["c1"]
    own_questions = list(mine.get("questions") or questions)
    own_contributions = list(mine.get("contributions") or contributions)
    turns = [t["id"] for t in view["round"]["turns"]] or ["t1"]
    standing = [*view["contributions"], *view["questions"], *view["points"]]
    return {
        "point_id": ([p["id"] for p in view["points"]] or ["k1"])[0],
        "question_id": questions[0],
        "own_question_id": own_questions[-1],
        "contribution_id": contributions[0],
        "own_contribution_id": own_contributions[-1],
        "theme_id": ([t["id"] for t in view["themes"]] or ["g1"])[0],
        "action_id": ([a["id"] for a in view["actions"]] or ["ap1"])[0],
        "turn_id": turns[-1],
        # Everyone with a phone, the holders last (they close the round).
        "participant_ids": [p.participant_id for p in seen.phones],
        # An anonymous round is a number of turns: no one is named.
        "anonymous": seen.facilitator["activity"]["anonymity"] == "anonymous",
        "item_id": standing[0]["id"] if standing else "q1",
    }


def round_of(ids: Any) -> dict[str, Any]:
    if ids["anonymous"]:
        return {"count": len(ids["participant_ids"])}
    return {"participant_ids": ids["participant_ids"]}


SCENARIO = Scenario(
    seed=[
        Seed("presentation", HOLDER, "accelerator.write_presentation", {"text": "Notre projet"}),
        Seed("presentation", "scribe", "accelerator.add_point", {"text": "Un point clé"}),
        Seed("questions", 0, "accelerator.ask", {"text": "Qui fait quoi ?"}),
        Seed("questions", 1, "accelerator.ask", {"text": "Depuis quand ?"}),
        Seed(
            "questions",
            HOLDER,
            "accelerator.answer",
            lambda ids: {"question_id": ids["question_id"], "text": "Cinq structures."},
        ),
        Seed(
            "request",
            HOLDER,
            "accelerator.set_request",
            {"text": "Je souhaite que le groupe m'aide à mieux communiquer."},
        ),
        Seed("exchanges", 0, "accelerator.contribute", {"text": "Un agenda", "kind": "idea"}),
        Seed("exchanges", 1, "accelerator.contribute", {"text": "Attention", "kind": "warning"}),
        Seed("exchanges", "scribe", "accelerator.add_theme", {"title": "Outils"}),
        Seed("synthesis", HOLDER, "accelerator.add_action", {"what": "Un petit déjeuner"}),
        Seed(
            "closing",
            "facilitator",
            "accelerator.set_round",
            lambda ids: round_of(ids),
        ),
    ],
    payloads={
        "accelerator.write_presentation": lambda ids: {"problem": "Mieux communiquer ?"},
        "accelerator.add_point": lambda ids: {"text": "Un autre point clé"},
        "accelerator.remove_point": lambda ids: {"point_id": ids["point_id"]},
        "accelerator.ask": lambda ids: {"text": "Une question de plus ?"},
        "accelerator.remove_question": lambda ids: {"question_id": ids["own_question_id"]},
        "accelerator.answer": lambda ids: {"question_id": ids["question_id"], "text": "Oui."},
        "accelerator.mark_question": lambda ids: {
            "question_id": ids["question_id"],
            "status": "skipped",
        },
        "accelerator.set_request": lambda ids: {"text": "Je souhaite que le groupe m'aide."},
        "accelerator.contribute": lambda ids: {"text": "Une expérience", "kind": "experience"},
        "accelerator.edit_contribution": lambda ids: {
            "contribution_id": ids["own_contribution_id"],
            "text": "Reformulée",
        },
        "accelerator.remove_contribution": lambda ids: {
            "contribution_id": ids["own_contribution_id"]
        },
        "accelerator.add_theme": lambda ids: {"title": "Méthode"},
        "accelerator.rename_theme": lambda ids: {"theme_id": ids["theme_id"], "title": "Lien"},
        "accelerator.set_theme": lambda ids: {
            "contribution_id": ids["contribution_id"],
            "theme_id": ids["theme_id"],
        },
        "accelerator.write_synthesis": lambda ids: {"text": "Partir simple."},
        "accelerator.add_action": lambda ids: {"what": "Écrire aux partenaires", "who": "Jean"},
        "accelerator.edit_action": lambda ids: {"action_id": ids["action_id"], "what": "Appeler"},
        "accelerator.remove_action": lambda ids: {"action_id": ids["action_id"]},
        "accelerator.set_round": lambda ids: round_of(ids),
        "accelerator.give_turn": lambda ids: {},
        "accelerator.say_takeaway": lambda ids: {"text": "Merci à toutes et à tous."},
        "accelerator.note_takeaway": lambda ids: {"turn_id": ids["turn_id"], "text": "Merci !"},
        "accelerator.sign": lambda ids: {"name": "Nicolas"},
    },
    ids=ids,
    config={
        "project": "Cluster 05",
        "problem": "Comment mieux communiquer entre structures ?",
        "scribe": "",
    },
)
