"""A whole cartography of digital usages over real Socket.IO, from join to the minutes and the
CSV, then two workshops' CSVs merged into a new map.

People from four organisations: Camille and Lou (Asso X, typed two ways), Malik ("Association
X", merged by the facilitator), Yanis (Créasol, remote), Inès (La Palette) and Jo (Hiéro), who
has no phone: the scribe enters Jo's answers.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.exports_check import check_every_export, fetch
from tests.support import (
    Client,
    Session,
    caught_up,
    create_session,
    join,
    open_link,
    private_caught_up,
)

CONFIG = {"purposes": [], "dimensions": [], "dots": 2}


def carto(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


def ids_by_name(client: Client, what: str) -> dict[str, str]:
    return {item["name"]: item["id"] for item in carto(client)[what]}


def zone(client: Client, key: str) -> str:
    return next(p["id"] for p in carto(client)["purposes"] if p["key"] == key)


def listed(client: Client) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """The list view: purpose key -> tool -> (organisations, necessity, choice, mixed)."""
    return {
        next(p["key"] for p in carto(client)["purposes"] if p["id"] == z["purpose_id"]): {
            t["name"]: (t["organisations"], t["necessity"], t["choice"], t["mixed"])
            for t in z["tools"]
        }
        for z in carto(client)["list"]
        if z["tools"]
    }


async def add_cartography(facilitator: Client, title: str) -> None:
    answer = await facilitator.ok(
        "session.add_activity", {"format": "cartography", "title": title, "config": CONFIG}
    )
    await caught_up(answer["seq"], facilitator)


async def test_a_whole_cartography_ends_in_the_reviewed_minutes_and_csv(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Associations connectées 23")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Mathilde")
    camille = await join(http, session, "Camille")
    lou = await join(http, session, "Lou")
    malik = await join(http, session, "Malik")
    yanis = await join(http, session, "Yanis", remote=True)
    ines = await join(http, session, "Inès")
    phones = [camille, lou, malik, yanis, ines]
    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][-1]["id"]

    await add_cartography(facilitator, "Nos usages numériques")
    await camille.until(lambda c: c.view["activity"] is not None)
    assert camille.activity["step"]["key"] == "inventory"
    assert "cartography.add_use" in camille.activity["can"]

    # 1. Inventory: organisations, typed any way, become one; tools too.
    await camille.ok("cartography.set_organisation", {"name": "Asso X"})
    lou_joined = await lou.ok("cartography.set_organisation", {"name": "  asso x "})
    await malik.ok("cartography.set_organisation", {"name": "Association X"})
    await yanis.ok("cartography.set_organisation", {"name": "Créasol"})
    await ines.ok("cartography.set_organisation", {"name": "La Palette"})
    answer = await scribe.send("cartography.set_organisation", {"name": "Hiéro"}, on_behalf_of=jo)
    assert answer["ok"], answer
    await caught_up(answer["seq"], facilitator)
    assert [o["name"] for o in carto(facilitator)["organisations"]] == [
        "Asso X", "Association X", "Créasol", "La Palette", "Hiéro"
    ]  # fmt: skip
    await private_caught_up(lou_joined["seq"], lou)
    assert lou.mine["organisation"]["name"] == "Asso X"

    # The facilitator edits the list of purposes (nobody uses the one added yet).
    answer = await facilitator.ok("cartography.add_purpose", {"title": "Formation"})
    await caught_up(answer["seq"], facilitator)
    training = carto(facilitator)["purposes"][-1]["id"]
    await facilitator.ok(
        "cartography.rename_purpose", {"purpose_id": training, "title": "Formation des bénévoles"}
    )
    refused = await facilitator.send(
        "cartography.rename_purpose", {"purpose_id": training, "title": "comptabilite"}
    )
    assert refused["error"]["code"] == "name_taken"
    answer = await facilitator.ok("cartography.remove_purpose", {"purpose_id": training})
    await caught_up(answer["seq"], facilitator)
    assert len(carto(facilitator)["purposes"]) == 9
    refused = await camille.send(
        "cartography.add_use", {"tool": "Facebook", "purpose_ids": ["z99"], "why": "choice"}
    )
    assert refused["error"]["code"] == "not_found"
    external, social = zone(facilitator, "external"), zone(facilitator, "social")
    internal, files = zone(facilitator, "internal"), zone(facilitator, "files")
    memberships, accounting = zone(facilitator, "memberships"), zone(facilitator, "accounting")
    await camille.ok(
        "cartography.add_use",
        {"tool": "Facebook", "purpose_ids": [external, social], "why": "choice"},
    )
    # The room's map draws the tool as soon as a phone adds it.
    answer = await camille.ok(
        "cartography.add_use",
        {"tool": "HelloAsso", "purpose_ids": [memberships], "why": "necessity"},
    )
    await caught_up(answer["seq"], room)
    assert {m["name"] for m in carto(room)["map"]["marks"]} == {"Facebook", "HelloAsso"}
    refused = await camille.send(
        "cartography.add_use", {"tool": "facebook", "purpose_ids": [external], "why": "choice"}
    )
    assert refused["error"]["code"] == "already_listed"
    await lou.ok(
        "cartography.add_use", {"tool": "facebook ", "purpose_ids": [external], "why": "necessity"}
    )
    await malik.ok(
        "cartography.add_use", {"tool": "Dolibarr", "purpose_ids": [accounting], "why": "necessity"}
    )
    await yanis.ok(
        "cartography.add_use",
        {"tool": "Nextcloud", "purpose_ids": [files, internal], "why": "choice"},
    )
    await ines.ok(
        "cartography.add_use", {"tool": "FB", "purpose_ids": [social], "why": "necessity"}
    )
    for tool, purposes, why in (
        ("HelloAsso", [memberships], "necessity"),
        ("WhatsApp", [internal], "choice"),
    ):
        payload = {"tool": tool, "purpose_ids": purposes, "why": why}
        answer = await scribe.send("cartography.add_use", payload, on_behalf_of=jo)
        assert answer["ok"], answer
    await caught_up(answer["seq"], facilitator, room)
    assert len(carto(room)["tools"]) == 6

    # 2. The map: the facilitator merges duplicates and spotlights a zone.
    await facilitator.ok("step.next")
    orgs, tools = ids_by_name(facilitator, "organisations"), ids_by_name(facilitator, "tools")
    await facilitator.ok(
        "cartography.merge_organisations",
        {"organisation_id": orgs["Association X"], "into_id": orgs["Asso X"]},
    )
    await facilitator.ok(
        "cartography.merge_tools", {"tool_id": tools["FB"], "into_id": tools["Facebook"]}
    )
    answer = await facilitator.ok("cartography.spotlight_zone", {"purpose_id": social})
    await caught_up(answer["seq"], room, camille)
    assert [o["name"] for o in carto(room)["organisations"]] == [
        "Asso X", "Créasol", "La Palette", "Hiéro"
    ]  # fmt: skip
    assert carto(room)["organisations"][0] == {
        "id": orgs["Asso X"], "name": "Asso X", "members": 3, "merged": ["Association X"]
    }  # fmt: skip
    assert listed(room) == {
        "internal": {"Nextcloud": (1, 0, 1, 0), "WhatsApp": (1, 0, 1, 0)},
        "external": {"Facebook": (1, 0, 0, 1)},
        "memberships": {"HelloAsso": (2, 2, 0, 0)},
        "accounting": {"Dolibarr": (1, 1, 0, 0)},
        "files": {"Nextcloud": (1, 0, 1, 0)},
        "social": {"Facebook": (2, 1, 1, 0)},
    }
    assert carto(camille)["map"] == carto(room)["map"], "phones get the same map"
    spotlit = [z for z in carto(room)["map"]["zones"] if z["spotlit"]]
    assert [z["purpose_id"] for z in spotlit] == [social]
    facebook_marks = [m for m in carto(room)["map"]["marks"] if m["name"] == "Facebook"]
    assert {m["colour"] for m in facebook_marks} == {"mixed"}

    # 3. Impacts: each rates the tools of their organisation, by tapping -2 to +2.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    d = {x["key"]: x["id"] for x in carto(facilitator)["dimensions"]}
    facebook, nextcloud, helloasso = tools["Facebook"], tools["Nextcloud"], tools["HelloAsso"]
    # Her private view changes with the step (she may rate now).
    await private_caught_up(answer["seq"], ines)
    assert [t["name"] for t in ines.mine["ratable"]] == ["Facebook"], "FB is Facebook now"
    for phone, tool, dimension, value in (
        (camille, facebook, "ethics", -2),
        (camille, facebook, "ethics", -1),  # tapping again changes it
        (camille, facebook, "time", 1),
        (lou, facebook, "ethics", -2),
        (ines, facebook, "ethics", -1),
        (yanis, nextcloud, "ethics", 2),
        (yanis, nextcloud, "time", -1),
        (malik, helloasso, "time", 2),
    ):
        payload = {"tool_id": tool, "dimension_id": d[dimension], "value": value}
        await phone.ok("cartography.rate", payload)
    answer = await facilitator.ok("cartography.add_dimension", {"title": "Accessibilité"})
    await caught_up(answer["seq"], facilitator)
    access = carto(facilitator)["dimensions"][-1]["id"]
    await facilitator.ok(
        "cartography.rename_dimension", {"dimension_id": access, "title": "Accessibilité numérique"}
    )
    await facilitator.ok("cartography.remove_dimension", {"dimension_id": access})
    refused = await facilitator.send("cartography.remove_dimension", {"dimension_id": d["ethics"]})
    assert refused["error"]["code"] == "in_use"
    refused = await yanis.send(
        "cartography.rate", {"tool_id": helloasso, "dimension_id": d["time"], "value": 1}
    )
    assert refused["error"]["code"] == "not_used"
    assert "Votre structure n'utilise pas cet outil" in refused["error"]["message"]
    payload = {"tool_id": helloasso, "dimension_id": d["cost"], "value": 1}
    answer = await scribe.send("cartography.rate", payload, on_behalf_of=jo)
    assert answer["ok"], answer
    answer = await facilitator.ok("cartography.show_dimension", {"dimension_id": d["ethics"]})
    await caught_up(answer["seq"], room)
    impacts = {i["name"]: i["averages"] for i in carto(room)["impacts"]}
    assert impacts["Facebook"][d["ethics"]] == -1.25  # Asso X -1.5, La Palette -1
    assert impacts["HelloAsso"][d["time"]] == 2.0 and impacts["HelloAsso"][d["cost"]] == 1.0
    marks = {m["id"]: m for m in carto(room)["map"]["marks"]}
    assert marks[f"{social}-{facebook}"]["impact_class"] == "very_negative"
    assert marks[f"{files}-{nextcloud}"]["impact_class"] == "very_positive"

    # 4. Shared stakes and criteria, then the dot vote.
    await facilitator.ok("step.next")
    await camille.ok(
        "cartography.add_stake",
        {"kind": "stake", "text": "Flux d'info : comment éviter la noyade ?"},
    )
    await yanis.ok(
        "cartography.add_stake",
        {"kind": "stake", "text": "Les rôles des bénévoles et des salariés dans la communication"},
    )
    await scribe.ok(
        "cartography.add_stake",
        {"kind": "criterion", "text": "Adaptés aux pratiques des personnes mobilisées"},
    )
    await ines.ok("cartography.add_stake", {"kind": "criterion", "text": "Articulés entre eux"})
    answer = await lou.ok(
        "cartography.add_stake", {"kind": "criterion", "text": "Évolutifs et éthiques"}
    )
    answer = await lou.ok("cartography.add_stake", {"kind": "stake", "text": "Une fote"})
    await caught_up(answer["seq"], facilitator)
    typo = carto(facilitator)["stakes"][-1]["id"]
    await lou.ok("cartography.edit_stake", {"stake_id": typo, "text": "Une faute"})
    answer = await lou.ok("cartography.delete_stake", {"stake_id": typo})
    await caught_up(answer["seq"], facilitator)
    s = {x["text"][:8]: x["id"] for x in carto(facilitator)["stakes"]}
    await facilitator.ok("step.next")
    for phone, stake in (
        (camille, "Flux d'i"), (camille, "Flux d'i"), (camille, "Adaptés "),
        (yanis, "Les rôle"), (yanis, "Évolutif"), (lou, "Évolutif"), (ines, "Articulé"),
        (ines, "Flux d'i"), (malik, "Adaptés "),
    ):  # fmt: skip
        await phone.ok("cartography.add_vote", {"stake_id": s[stake]})
    refused = await camille.send("cartography.add_vote", {"stake_id": s["Les rôle"]})
    assert refused["error"]["code"] == "no_dots_left"
    answer = await scribe.send("cartography.add_vote", {"stake_id": s["Adaptés "]}, on_behalf_of=jo)
    assert answer["ok"], answer
    await caught_up(answer["seq"], room)
    assert "results" not in carto(room) and carto(room)["votes_cast"] == 10
    await facilitator.ok("step.next")

    read = await check_every_export(http, session, "cartography")
    rows = read["fr"]["csv"]
    uses = sorted((r[11], r[5], r[6], r[10]) for r in rows[1:] if r[3] == "use")
    assert uses == [
        ("Asso X", "Dolibarr", "Comptabilité", "necessity"),
        ("Asso X", "Facebook", "Communication externe", "mixed"),
        ("Asso X", "Facebook", "Réseaux sociaux", "choice"),
        ("Asso X", "HelloAsso", "Adhésions et paiements", "necessity"),
        ("Créasol", "Nextcloud", "Communication interne", "choice"),
        ("Créasol", "Nextcloud", "Partage de fichiers et travail collaboratif", "choice"),
        ("Hiéro", "HelloAsso", "Adhésions et paiements", "necessity"),
        ("Hiéro", "WhatsApp", "Communication interne", "choice"),
        ("La Palette", "Facebook", "Réseaux sociaux", "necessity"),
    ]
    ratings = sorted((r[11], r[5], r[9], r[10]) for r in rows[1:] if r[3] == "rating")
    assert ratings == [
        ("Asso X", "Facebook", "ethics", "-1.5"),
        ("Asso X", "Facebook", "time", "1"),
        ("Asso X", "HelloAsso", "time", "2"),
        ("Créasol", "Nextcloud", "ethics", "2"),
        ("Créasol", "Nextcloud", "time", "-1"),
        ("Hiéro", "HelloAsso", "cost", "1"),
        ("La Palette", "Facebook", "ethics", "-1"),
    ]
    assert "FB" not in {r[5] for r in rows} and "Association X" not in {r[11] for r in rows}
    english = read["en"]["csv"]
    assert {r[6] for r in english[1:] if r[3] == "use"} >= {"Social networks"}

    # The same CSVs, read back into a new activity of another session, give the same map;
    # a second workshop's CSV (in English) adds its organisations and tools to it.
    csv_fr = (await fetch(http, session, "data.csv", "fr")).content.decode("utf-8")
    other = await second_workshop(http)
    csv_en = (await fetch(http, other, "data.csv", "en")).content.decode("utf-8")
    network = await create_session(http, title="Réseau des associations connectées")
    hub = await network.facilitator().connect()
    await add_cartography(hub, "Carte du réseau")
    refused = await hub.send("cartography.import_csv", {"csv": "format,nope\r\n1,2\r\n"})
    assert refused["error"]["code"] == "csv_invalid"
    assert "ligne 1" in refused["error"]["message"]
    broken = csv_fr.replace("necessity", "toujours", 1)
    refused = await hub.send("cartography.import_csv", {"csv": broken})
    assert refused["error"]["code"] == "csv_invalid", "nothing is imported from a broken file"
    answer = await hub.ok("cartography.import_csv", {"csv": csv_fr})
    await caught_up(answer["seq"], hub)
    assert listed(hub) == listed(room), "one workshop read back is the same map"
    answer = await hub.ok("cartography.import_csv", {"csv": csv_en})
    await caught_up(answer["seq"], hub)
    merged = listed(hub)
    assert merged["social"] == {"Facebook": (3, 2, 1, 0), "Mastodon": (1, 0, 1, 0)}
    assert merged["memberships"] == {"HelloAsso": (3, 3, 0, 0)}
    assert [o["name"] for o in carto(hub)["organisations"]] == [
        "Asso X", "Créasol", "La Palette", "Hiéro", "Le Gang"
    ]  # fmt: skip

    for client in (facilitator, room, scribe, *phones, hub):
        await client.disconnect()


async def second_workshop(http: httpx.AsyncClient) -> Session:
    """Another workshop, in English: Asso X again (typed "ASSO X") and a new organisation."""
    session = await create_session(http, title="Connected associations, second day", language="en")
    facilitator = await session.facilitator().connect()
    gang = await join(http, session, "Malo")
    asso = await join(http, session, "Léa")
    await add_cartography(facilitator, "Our digital usages")
    await gang.until(lambda c: c.view["activity"] is not None)
    social = zone(gang, "social")
    memberships = zone(gang, "memberships")
    await gang.ok("cartography.set_organisation", {"name": "Le Gang"})
    await asso.ok("cartography.set_organisation", {"name": "ASSO X"})
    await gang.ok(
        "cartography.add_use", {"tool": "facebook", "purpose_ids": [social], "why": "necessity"}
    )
    await gang.ok(
        "cartography.add_use", {"tool": "Mastodon", "purpose_ids": [social], "why": "choice"}
    )
    answer = await gang.ok(
        "cartography.add_use",
        {"tool": "Helloasso", "purpose_ids": [memberships], "why": "necessity"},
    )
    await caught_up(answer["seq"], facilitator)
    for client in (facilitator, gang, asso):
        await client.disconnect()
    return session
