"""The cartography in the permission walk: two phones from two organisations list tools, rate
one, write a stake and a criterion and vote, then every command."""

from __future__ import annotations

from typing import Any

from facilitation.contract import Scenario, Seed, Seen

IMPORTED = (
    "n° activité,activité,format,type,id,texte,thème,auteur·rice,"
    "saisi pour une personne sans téléphone,à propos de,valeur,détail\r\n"
    "1,Carte,cartography,use,o1-t1-z1,Framasoft,Communication interne,,,internal,choice,Asso Y\r\n"
    "1,Carte,cartography,rating,o1-t1-d1,Framasoft,Temps gagné ou perdu,,,time,1.5,Asso Y\r\n"
)


def ids(seen: Seen) -> dict[str, Any]:
    view = seen.facilitator["activity"]["view"]
    mine = seen.phones[0].mine
    tools = [t["id"] for t in view["tools"]] or ["t1", "t2"]
    orgs = [o["id"] for o in view["organisations"]] or ["o1", "o2"]
    stakes = [s["id"] for s in view["stakes"]]
    own_uses = [u["id"] for u in mine.get("uses", [])] or ["u1"]
    own_stakes = list(mine.get("stakes") or stakes or ["s1"])
    ratable = [t["tool_id"] for t in mine.get("ratable", [])] or tools
    return {
        "tools": tools if len(tools) > 1 else [*tools, "t2"],
        "organisations": orgs if len(orgs) > 1 else [*orgs, "o2"],
        "own_use": own_uses[0],
        "own_tool": ratable[0],
        "purpose_id": ([p["id"] for p in view["purposes"]] or ["z1"])[-1],
        "dimension_id": ([d["id"] for d in view["dimensions"]] or ["d1"])[-1],
        "stake_id": (stakes or ["s1"])[0],
        "own_stake": own_stakes[-1],
        "item_id": (stakes or ["s1"])[0],
    }


SCENARIO = Scenario(
    seed=[
        Seed("inventory", 0, "cartography.set_organisation", {"name": "Asso X"}),
        Seed("inventory", 1, "cartography.set_organisation", {"name": "Créasol"}),
        Seed(
            "inventory",
            0,
            "cartography.add_use",
            {"tool": "Facebook", "purpose_ids": ["z1", "z2"], "why": "choice"},
        ),
        Seed(
            "inventory",
            1,
            "cartography.add_use",
            {"tool": "HelloAsso", "purpose_ids": ["z2"], "why": "necessity"},
        ),
        Seed(
            "impacts",
            0,
            "cartography.rate",
            lambda ids: {"tool_id": ids["own_tool"], "dimension_id": "d1", "value": 1},
        ),
        Seed("stakes", 0, "cartography.add_stake", {"kind": "stake", "text": "Ne pas se noyer"}),
        Seed("stakes", 1, "cartography.add_stake", {"kind": "criterion", "text": "Éthique"}),
    ],
    payloads={
        "cartography.set_organisation": lambda ids: {"name": "asso x"},
        "cartography.add_use": lambda ids: {
            "tool": "Nextcloud",
            "purpose_ids": ["z1"],
            "why": "necessity",
        },
        "cartography.edit_use": lambda ids: {"use_id": ids["own_use"], "why": "necessity"},
        "cartography.remove_use": lambda ids: {"use_id": ids["own_use"]},
        "cartography.merge_organisations": lambda ids: {
            "organisation_id": ids["organisations"][1],
            "into_id": ids["organisations"][0],
        },
        "cartography.merge_tools": lambda ids: {
            "tool_id": ids["tools"][1],
            "into_id": ids["tools"][0],
        },
        "cartography.add_purpose": lambda ids: {"title": "Formation"},
        "cartography.rename_purpose": lambda ids: {
            "purpose_id": ids["purpose_id"],
            "title": "Agendas",
        },
        "cartography.remove_purpose": lambda ids: {"purpose_id": ids["purpose_id"]},
        "cartography.add_dimension": lambda ids: {"title": "Accessibilité"},
        "cartography.rename_dimension": lambda ids: {
            "dimension_id": ids["dimension_id"],
            "title": "Éthique",
        },
        "cartography.remove_dimension": lambda ids: {"dimension_id": ids["dimension_id"]},
        "cartography.spotlight_zone": lambda ids: {"purpose_id": "z1"},
        "cartography.show_dimension": lambda ids: {"dimension_id": "d1"},
        "cartography.rate": lambda ids: {
            "tool_id": ids["own_tool"],
            "dimension_id": "d1",
            "value": -2,
        },
        "cartography.import_csv": lambda ids: {"csv": IMPORTED},
        "cartography.add_stake": lambda ids: {"kind": "criterion", "text": "Évolutif"},
        "cartography.edit_stake": lambda ids: {"stake_id": ids["own_stake"], "text": "Reformulé"},
        "cartography.delete_stake": lambda ids: {"stake_id": ids["own_stake"]},
        "cartography.hide_stake": lambda ids: {"stake_id": ids["stake_id"], "hidden": True},
        "cartography.add_vote": lambda ids: {"stake_id": ids["stake_id"]},
        "cartography.remove_vote": lambda ids: {"stake_id": ids["stake_id"]},
    },
    ids=ids,
    config={"purposes": [], "dimensions": [], "dots": 3},
)
