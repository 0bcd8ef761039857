"""A whole consent decision over real Socket.IO, from join to the reviewed minutes and the
decision register.

Clim'Actions adopts a charter for its digital tools (seed 000: "établir des règles communes, des
accords de groupe"). A facilitator, a scribe signed in with a link, a proposer (a participant
given the role), three other phones (one remote) and Jo, who has no phone (the scribe enters for
him). Two objection rounds: one objection is reasoned and integrated by an amendment, which
starts a second round; another is withdrawn by its author; the charter is adopted.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.exports_check import check_every_export
from tests.support import (
    Client,
    caught_up,
    create_session,
    join,
    open_link,
    private_caught_up,
)


def consent(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


CHARTER = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h."""
AMENDED = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h, hors week-end."""
INTEGRATED = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Une formation est proposée à chaque bénévole qui le souhaite.
Chaque salarié·e répond aux messages sous 48 h, hors week-end."""


async def test_a_charter_is_adopted_by_consent_after_two_objection_rounds(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Clim'Actions : une charte pour nos outils")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    claire = await join(http, session, "Claire")
    hugo = await join(http, session, "Hugo")
    nadia = await join(http, session, "Nadia", remote=True)
    paul = await join(http, session, "Paul")
    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    jo = ids["Jo"]
    group = [claire, hugo, nadia, paul]
    everyone: list[Client] = [facilitator, room, scribe, *group]

    await facilitator.ok(
        "session.add_activity",
        {
            "format": "consent",
            "title": "Charte d'usage des outils numériques",
            "config": {"title": "Charte d'usage des outils numériques", "quorum": 5},
        },
    )
    answer = await facilitator.ok(
        "participant.assign_role",
        {"participant_id": ids["Claire"], "role": "proposer", "assigned": True},
    )
    await caught_up(answer["seq"], facilitator, room)
    await private_caught_up(answer["seq"], claire)
    assert facilitator.activity["anonymity"] == "named"
    assert "Présentez votre proposition" in claire.private["me"]["instructions"]["fr"]

    # 1. Proposal: the proposer writes it; it is version 1.
    answer = await claire.ok("consent.write_proposal", {"text": CHARTER})
    await caught_up(answer["seq"], room)
    assert consent(room)["version"]["number"] == 1
    assert consent(room)["proposers"] == [{"name": "Claire", "number": 1, "proxy": False}]
    refused = await hugo.send("consent.write_proposal", {"text": "La mienne"})
    assert refused["error"]["code"] == "not_allowed"

    # 2. Clarification: questions only, answered by the proposer; Jo asks through the scribe.
    await facilitator.ok("step.next")
    await hugo.until(lambda c: "consent.ask" in c.private["me"]["can"])
    assert "consent.ask" not in claire.private["me"]["can"], "the proposer answers, not asks"
    await hugo.ok("consent.ask", {"text": "Qui a accès au Cloud ?"})
    asked = await scribe.send(
        "consent.ask", {"text": "Et sans compte Mattermost ?"}, on_behalf_of=jo
    )
    assert asked["ok"], asked
    await caught_up(asked["seq"], claire)
    questions = {q["text"]: q for q in consent(claire)["questions"]}
    assert questions["Et sans compte Mattermost ?"]["author"]["name"] == "Jo"
    assert questions["Et sans compte Mattermost ?"]["proxy"] is True
    await claire.ok(
        "consent.answer",
        {"question_id": questions["Qui a accès au Cloud ?"]["id"], "text": "Tous les membres."},
    )
    await claire.ok(
        "consent.answer",
        {
            "question_id": questions["Et sans compte Mattermost ?"]["id"],
            "text": "On en crée un pour chaque bénévole qui le veut.",
        },
    )

    # 3. Reactions: a round, the remote attendee and Jo (through the scribe) included.
    await facilitator.ok("step.next")
    await nadia.until(lambda c: "consent.react" in c.private["me"]["can"])
    await hugo.ok("consent.react", {"text": "Enfin un cadre clair."})
    await nadia.ok("consent.react", {"text": "Et les bénévoles éloignés du numérique ?"})
    await paul.ok("consent.react", {"text": "48 h, c'est court."})
    said = await scribe.send("consent.react", {"text": "Une version papier ?"}, on_behalf_of=jo)
    assert said["ok"], said
    await caught_up(said["seq"], room)
    assert consent(room)["reaction_count"] == 4

    # 4. Amendment: a new version, the difference visible to all.
    await facilitator.ok("step.next")
    await claire.until(lambda c: "consent.amend" in c.private["me"]["can"])
    answer = await claire.ok(
        "consent.amend", {"text": AMENDED, "reason": "Après le tour de réactions"}
    )
    await caught_up(answer["seq"], room)
    assert consent(room)["version"]["number"] == 2
    diff = consent(room)["version"]["diff"]
    assert [s for s in diff if s["op"] != "same"] == [{"op": "added", "text": ", hors week-end"}]
    assert "".join(s["text"] for s in diff if s["op"] != "removed") == AMENDED

    # 5. Objection round 1: hidden until everyone has answered.
    await facilitator.ok("step.next")
    await hugo.until(lambda c: "consent.give_position" in c.private["me"]["can"])
    refused = await hugo.send("consent.give_position", {"position": "objection", "text": ""})
    assert refused["error"]["code"] == "reason_required"
    assert refused["error"]["message"].startswith("Une raison est nécessaire")
    await hugo.ok("consent.give_position", {"position": "consent"})
    objected = await nadia.ok(
        "consent.give_position",
        {
            "position": "objection",
            "text": "Sans formation, les bénévoles éloignés du numérique seront exclus.",
        },
    )
    await paul.ok(
        "consent.give_position",
        {"position": "objection", "text": "48 h, c'est trop court pour nous."},
    )
    answer = await claire.ok("consent.give_position", {"position": "consent"})
    await caught_up(answer["seq"], facilitator, room, scribe, hugo, nadia)
    for client in (facilitator, room, scribe, hugo):
        shown = consent(client)["round"]
        assert (shown["answered"], shown["eligible"], shown["shown"]) == (4, 5, False)
        assert shown["positions"] == [] and shown["counts"] is None
        assert consent(client)["objections"] == []
    # Her own view comes after the view of the same moment: wait for it, not for the view.
    await private_caught_up(objected["seq"], nadia)
    assert nadia.mine["position"]["position"] == "objection"
    assert "consent.give_position" in hugo.private["me"]["can"], "he may still change his"
    completed = await scribe.send(
        "consent.give_position",
        {"position": "concern", "text": "Garder une version papier de la charte."},
        on_behalf_of=jo,
    )
    assert completed["ok"], completed
    await caught_up(completed["seq"], facilitator)
    # Two people in the room vote by hand.
    hand = consent(facilitator)["round"]["hand_items"]["consent"]
    answer = await facilitator.ok("hands.count", {"item_id": hand, "count": 2})
    await caught_up(answer["seq"], room, facilitator)
    first = consent(room)["round"]
    assert first["shown"] and first["complete"]
    assert first["counts"] == {"consent": 4, "concern": 1, "objection": 2}
    assert consent(room)["quorum"] == {"required": 5, "present": 7, "reached": True}
    concern = next(p for p in first["positions"] if p["position"] == "concern")
    assert concern["author"]["name"] == "Jo" and concern["proxy"] is True
    objections = {o["author"]["name"]: o for o in consent(room)["objections"]}
    assert set(objections) == {"Nadia", "Paul"}
    # Shown, the positions are fixed: no phone is offered to give one, and it is refused.
    await private_caught_up(completed["seq"], hugo)
    assert "consent.give_position" not in hugo.private["me"]["can"]
    refused = await hugo.send("consent.give_position", {"position": "objection", "text": "Non"})
    assert refused["error"]["code"] == "positions_shown"

    # 6. Integration: one objection reasoned (to integrate), the other withdrawn by its author.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["step"]["key"] == "integration"
    nadias, pauls = objections["Nadia"]["id"], objections["Paul"]["id"]
    await facilitator.ok(
        "consent.examine_objection",
        {
            "objection_id": nadias,
            "reasoned": True,
            "note": "Le but de la charte est que chacun·e participe : une formation l'intègre.",
        },
    )
    refused = await hugo.send("consent.withdraw_objection", {"objection_id": pauls})
    assert refused["error"]["code"] == "not_yours"
    answer = await paul.ok("consent.withdraw_objection", {"objection_id": pauls})
    await caught_up(answer["seq"], room)
    assert consent(room)["blocking_count"] == 1

    # Adoption is refused while a reasoned objection stands.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["step"]["key"] == "decision"
    assert consent(facilitator)["can_adopt"] is False
    assert consent(facilitator)["adopt_refusal"] == "objection_open"
    refused = await facilitator.send("consent.decide", {"outcome": "adopted"})
    assert refused["error"]["code"] == "objection_open"
    assert refused["error"]["message"].startswith("Une objection argumentée reste ouverte")
    refused = await claire.send("consent.decide", {"outcome": "adopted"})
    assert refused["error"]["code"] == "not_allowed", "the proposer postpones or withdraws"

    # Back to integration: the amendment integrates the objection and makes version 3.
    await facilitator.ok("step.previous")
    await claire.until(lambda c: "consent.amend" in c.private["me"]["can"])
    answer = await claire.ok(
        "consent.amend",
        {"text": INTEGRATED, "reason": "Intègre l'objection de Nadia", "objection_ids": [nadias]},
    )
    await caught_up(answer["seq"], room)
    assert consent(room)["version"]["number"] == 3
    assert consent(room)["version"]["integrates"] == [nadias]
    assert consent(room)["blocking_count"] == 0

    # A new objection round on version 3: no round on it until the first position; the first
    # round, on version 2, stays in `rounds`.
    answer = await facilitator.ok("step.previous")
    await caught_up(answer["seq"], room)
    await private_caught_up(answer["seq"], hugo)
    assert consent(room)["round"] is None
    assert [(r["number"], r["version"]) for r in consent(room)["rounds"]] == [(1, 2)]
    assert "consent.give_position" in hugo.private["me"]["can"]
    assert hugo.mine["position"] is None, "a new round"
    for client in (claire, hugo, nadia, paul):
        await client.ok("consent.give_position", {"position": "consent"})
    answer = await scribe.send(
        "consent.give_position",
        {"position": "concern", "text": "Garder une version papier de la charte."},
        on_behalf_of=jo,
    )
    assert answer["ok"], answer
    await caught_up(answer["seq"], room)
    second = consent(room)["round"]
    assert (second["number"], second["version"], second["shown"]) == (2, 3, True)
    assert second["counts"] == {"consent": 4, "concern": 1, "objection": 0}

    # 7. Decision: adopted, the concern recorded with it.
    await facilitator.ok("step.next")
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert consent(facilitator)["can_adopt"] is True
    answer = await facilitator.ok("consent.decide", {"outcome": "adopted"})
    await caught_up(answer["seq"], room)
    decided = consent(room)
    assert decided["outcome"]["kind"] == "adopted" and decided["outcome"]["version"] == 3
    assert [c["text"] for c in decided["concerns"]] == ["Garder une version papier de la charte."]
    refused = await facilitator.send("consent.decide", {"outcome": "postponed"})
    assert refused["error"]["code"] == "already_decided"

    read = await check_every_export(http, session, "consent")
    rows = read["fr"]["csv"]
    (decision,) = [r for r in rows if r[3] == "decision"]
    assert (decision[5], decision[10]) == (INTEGRATED, "Adoptée")
    assert "versions=3" in decision[11] and "objections=2" in decision[11]
    assert "## Registre des décisions" in read["fr"]["md"]
    assert "Decision register" in read["en"]["md"]
    response = await http.get(
        f"/api/sessions/{session.id}/data.json", headers={"Authorization": f"Bearer {session.key}"}
    )
    (entry,) = response.json()["register"]
    assert (entry["title"], entry["outcome"], entry["versions"]) == (
        "Charte d'usage des outils numériques",
        "adopted",
        3,
    )
    assert entry["concerns"] == ["Garder une version papier de la charte."]

    for client in everyone:
        await client.disconnect()
