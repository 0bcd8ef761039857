"""The consent format in the permission walk: a proposal, a question answered, reactions, an
amendment, a round of positions with an objection, then every command.

Phones 0–1 are the group; phones 2–3 hold the proposal (`proposer`).
"""

from __future__ import annotations

from typing import Any

from facilitation.contract import Scenario, Seed, Seen

PROPOSER = 2


def ids(seen: Seen) -> dict[str, Any]:
    view = seen.facilitator["activity"]["view"]
    mine = seen.phones[1].mine
    questions = [q["id"] for q in view["questions"]] or ["q1"]
    objections = [o["id"] for o in view["objections"]]
    own = [o["id"] for o in mine.get("objections") or []]
    round_ = view["round"]
    return {
        "question_id": questions[0],
        "objection_id": (objections or own or ["j1"])[0],
        "own_objection_id": (own or objections or ["j1"])[-1],
        "item_id": round_["hand_items"]["consent"] if round_ else questions[0],
    }


SCENARIO = Scenario(
    seed=[
        Seed(
            "proposal",
            PROPOSER,
            "consent.write_proposal",
            {"title": "Charte", "text": "Nous nous réunissons chaque mois."},
        ),
        Seed("clarification", 0, "consent.ask", {"text": "Quel jour ?"}),
        Seed(
            "clarification",
            PROPOSER,
            "consent.answer",
            lambda ids: {"question_id": ids["question_id"], "text": "Le premier lundi."},
        ),
        Seed("reactions", 0, "consent.react", {"text": "Bonne idée"}),
        Seed(
            "amendment",
            PROPOSER,
            "consent.amend",
            {"text": "Nous nous réunissons le premier lundi de chaque mois.", "reason": "Le jour"},
        ),
        Seed("objections", 0, "consent.give_position", {"position": "consent"}),
        Seed(
            "objections",
            1,
            "consent.give_position",
            {"position": "objection", "text": "Trop souvent pour les bénévoles."},
        ),
    ],
    payloads={
        "consent.write_proposal": lambda ids: {"text": "Une autre proposition."},
        "consent.ask": lambda ids: {"text": "Et l'été ?"},
        "consent.answer": lambda ids: {"question_id": ids["question_id"], "text": "Relâche."},
        "consent.react": lambda ids: {"text": "D'accord"},
        "consent.amend": lambda ids: {
            "text": "Nous nous réunissons tous les deux mois.",
            "reason": "Intègre l'objection",
            "objection_ids": [ids["objection_id"]],
        },
        "consent.give_position": lambda ids: {"position": "concern", "text": "La salle ?"},
        "consent.examine_objection": lambda ids: {
            "objection_id": ids["objection_id"],
            "reasoned": True,
            "note": "Le but du groupe serait atteint",
        },
        "consent.withdraw_objection": lambda ids: {"objection_id": ids["own_objection_id"]},
        "consent.decide": lambda ids: {"outcome": "postponed", "note": "À revoir"},
    },
    ids=ids,
    config={"title": "Charte", "proposal": "", "quorum": 3},
)
