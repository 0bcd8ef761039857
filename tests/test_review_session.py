"""A whole three-year review over real Socket.IO, from join to the reviewed minutes, the CSV and
the calendar of commitments.

Clim'Actions looks back on its last three years and builds the next three (seed 000: "faire le
bilan partagé des 3 dernières années, construire le projet des 3 prochaines années", with
"critères de satisfaction individuels et collectifs"). A facilitator, the room screen, a scribe
signed in with a link; two of the staff (Léa, Karim), two board members (Martine; Hugo, remote)
and volunteers (Nadia, remote; Paul; Jo, who has no phone: the scribe enters for him).
"""

from __future__ import annotations

from datetime import date
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


def review(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


def texts(events: list[dict[str, Any]]) -> list[str]:
    return [e["text"] for e in events]


async def step_to(facilitator: Client, key: str, *clients: Client) -> None:
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, *clients)
    assert facilitator.activity["step"]["key"] == key


async def test_clim_actions_reviews_three_years_and_commits_to_the_next_three(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Clim'Actions : bilan et projet associatif")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    lea = await join(http, session, "Léa")
    karim = await join(http, session, "Karim")
    martine = await join(http, session, "Martine")
    hugo = await join(http, session, "Hugo", remote=True)
    nadia = await join(http, session, "Nadia", remote=True)
    paul = await join(http, session, "Paul")
    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    jo = ids["Jo"]
    phones = [lea, karim, martine, hugo, nadia, paul]
    everyone: list[Client] = [facilitator, room, scribe, *phones]

    async def for_jo(command: str, payload: dict[str, Any]) -> dict[str, Any]:
        answer = await scribe.send(command, payload, on_behalf_of=jo)
        assert answer["ok"], answer
        return answer

    answer = await facilitator.ok(
        "session.add_activity",
        {
            "format": "review",
            "title": "Bilan à trois ans et projet",
            "config": {"title": "Bilan 2024–2026, projet 2027–2029", "dots": 3},
        },
    )
    await caught_up(answer["seq"], facilitator, room, *phones)
    await private_caught_up(answer["seq"], lea)
    assert facilitator.activity["anonymity"] == "named"
    assert facilitator.activity["step"]["key"] == "timeline"
    assert "Ajoutez sur la frise" in lea.activity["instructions"]["fr"]
    shown = review(room)
    assert shown["years"]["first"] is None, "the years are set during the workshop"
    assert [a["titles"]["en"] for a in shown["axes"]] == [
        "Internal communication",
        "Volunteer involvement",
        "Activities",
        "Professionalisation",
    ]
    axes = [a["id"] for a in shown["axes"]]

    # 1. Timeline: everyone adds events to a year; the room screen shows the frieze live.
    await lea.ok(
        "review.add_event", {"year": 0, "kind": "success", "text": "Le guide l'écolocal paraît"}
    )
    await martine.ok("review.add_event", {"year": 0, "kind": "success", "text": "Sortie du guide"})
    await karim.ok(
        "review.add_event",
        {"year": 1, "kind": "difficulty", "text": "Départ de la coordinatrice"},
    )
    await hugo.ok(
        "review.add_event", {"year": 2, "kind": "turning_point", "text": "Passage à Mattermost"}
    )
    # Nadia puts hers in the wrong year; the facilitator moves it.
    await nadia.ok(
        "review.add_event", {"year": 2, "kind": "success", "text": "30 bénévoles de plus"}
    )
    await for_jo(
        "review.add_event",
        {"year": 2, "kind": "lesson", "text": "Un outil ne suffit pas sans formation"},
    )
    added = await paul.ok("review.add_event", {"year": 1, "kind": "success", "text": "Doublon"})
    await private_caught_up(added["seq"], paul)
    (pauls,) = paul.mine["events"]
    removed = await paul.ok("review.remove_event", {"event_id": pauls})
    await caught_up(removed["seq"], facilitator)
    frieze = review(facilitator)["timeline"]
    assert [texts(year["events"]) for year in frieze] == [
        ["Le guide l'écolocal paraît", "Sortie du guide"],
        ["Départ de la coordinatrice"],
        ["Passage à Mattermost", "30 bénévoles de plus", "Un outil ne suffit pas sans formation"],
    ]
    by_text = {e["text"]: e for year in frieze for e in year["events"]}
    jos = by_text["Un outil ne suffit pas sans formation"]
    assert jos["author"]["name"] == "Jo" and jos["proxy"] is True
    refused = await paul.send(
        "review.edit_event", {"event_id": by_text["Sortie du guide"]["id"], "text": "Non"}
    )
    assert refused["error"]["code"] == "not_yours"
    refused = await paul.send(
        "review.merge_events",
        {"event_id": by_text["Sortie du guide"]["id"], "into_id": jos["id"]},
    )
    assert refused["error"]["code"] == "not_allowed", "staff tidy the frieze"

    # The facilitator sets the years, merges the duplicate and moves Nadia's event.
    answer = await facilitator.ok("review.set_years", {"first_year": 2024})
    await caught_up(answer["seq"], room)
    assert [y["year"] for y in review(room)["years"]["next"]] == [2027, 2028, 2029]
    guide = by_text["Le guide l'écolocal paraît"]["id"]
    refused = await facilitator.send("review.merge_events", {"event_id": guide, "into_id": guide})
    assert refused["error"]["code"] == "same_item"
    assert refused["error"]["message"].startswith("Un événement ne peut pas")
    await facilitator.ok(
        "review.merge_events", {"event_id": by_text["Sortie du guide"]["id"], "into_id": guide}
    )
    moved = await scribe.ok(
        "review.move_event",
        {"event_id": by_text["30 bénévoles de plus"]["id"], "year": 1, "index": 0},
    )
    await caught_up(moved["seq"], room)
    frieze = review(room)["timeline"]
    assert [(year["index"], year["year"]) for year in frieze] == [(0, 2024), (1, 2025), (2, 2026)]
    assert [texts(year["events"]) for year in frieze] == [
        ["Le guide l'écolocal paraît"],
        ["30 bénévoles de plus", "Départ de la coordinatrice"],
        ["Passage à Mattermost", "Un outil ne suffit pas sans formation"],
    ]
    assert frieze[0]["events"][0]["also"] == ["Sortie du guide"]
    assert review(room)["event_count"] == 5

    # 2. Looking back: proud, regret, learned; dots on the lessons.
    await step_to(facilitator, "looking_back", room, lea)
    await lea.ok("review.add_reflection", {"column": "proud", "text": "Le guide l'écolocal"})
    await karim.ok(
        "review.add_reflection", {"column": "regret", "text": "Trop de réunions le soir"}
    )
    await martine.ok(
        "review.add_reflection",
        {"column": "learned", "text": "Impliquer les bénévoles dès le début"},
    )
    await hugo.ok(
        "review.add_reflection", {"column": "learned", "text": "Documenter nos décisions"}
    )
    answer = await for_jo(
        "review.add_reflection", {"column": "learned", "text": "Se former ensemble aux outils"}
    )
    await caught_up(answer["seq"], facilitator, *phones)
    written = review(facilitator)["reflections"]
    proud = written["proud"][0]["id"]
    involve, document, train = (r["id"] for r in written["learned"])
    refused = await paul.send("review.vote", {"reflection_id": proud})
    assert refused["error"]["code"] == "not_a_lesson"
    for lesson in (involve, involve, document):
        await lea.ok("review.vote", {"reflection_id": lesson})
    refused = await lea.send("review.vote", {"reflection_id": train})
    assert refused["error"]["code"] == "no_dots_left"
    assert refused["error"]["message"].startswith("Vous avez placé toutes vos gommettes")
    await nadia.ok("review.vote", {"reflection_id": document})
    await karim.ok("review.vote", {"reflection_id": involve})
    await karim.ok("review.unvote", {"reflection_id": involve})
    refused = await karim.send("review.unvote", {"reflection_id": involve})
    assert refused["error"]["code"] == "no_dot_here"
    voted = await karim.ok("review.vote", {"reflection_id": document})
    await for_jo("review.vote", {"reflection_id": train})
    # Two people in the room vote by hand for training together.
    answer = await facilitator.ok("hands.count", {"item_id": train, "count": 2})
    await caught_up(answer["seq"], room, facilitator)
    await private_caught_up(voted["seq"], karim)
    assert karim.mine["votes"] == {document: 1} and karim.mine["dots_left"] == 2
    assert facilitator.view["proxies"][jo]["mine"]["votes"] == {train: 1}
    lessons = [
        (r["text"], r["dots"], r["hands"], r["total"], r["rank"]) for r in review(room)["lessons"]
    ]
    assert lessons == [
        ("Documenter nos décisions", 3, 0, 3, 1),
        ("Se former ensemble aux outils", 1, 2, 3, 1),
        ("Impliquer les bénévoles dès le début", 2, 0, 2, 3),
    ]
    assert "votes" not in str(review(room)), "nobody's dots show on a shared screen"

    # 3. Aspirations: objectives by year and axis.
    await step_to(facilitator, "aspirations", room, lea)
    answer = await facilitator.ok("review.add_axis", {"title": "Finances"})
    await caught_up(answer["seq"], facilitator)
    assert review(facilitator)["axes"][-1]["title"] == "Finances"
    proposals = [
        (lea, 0, axes[0], "Une charte des outils numériques"),
        (martine, 0, axes[1], "Un parcours d'accueil des bénévoles"),
        (hugo, 1, axes[2], "Un deuxième guide, sur l'alimentation"),
        (karim, 2, axes[3], "Un poste de coordination pérenne"),
    ]
    for phone, year, axis, text in proposals:
        await phone.ok("review.propose", {"year": year, "axis_id": axis, "text": text})
    refused = await nadia.send("review.propose", {"year": 0, "axis_id": "a99", "text": "Non"})
    assert refused["error"]["code"] == "not_found"
    answer = await for_jo(
        "review.propose", {"year": 1, "axis_id": axes[1], "text": "Des binômes bénévole–salarié·e"}
    )
    await caught_up(answer["seq"], facilitator, room)
    objectives = {o["text"]: o["id"] for o in review(facilitator)["objectives"]}
    charter = objectives["Une charte des outils numériques"]
    welcome = objectives["Un parcours d'accueil des bénévoles"]
    guide2 = objectives["Un deuxième guide, sur l'alimentation"]
    post = objectives["Un poste de coordination pérenne"]
    pairs = objectives["Des binômes bénévole–salarié·e"]
    assert all(o["rank"] is None for o in review(room)["objectives"])

    # 4. Priorities: importance and feasibility, 1 to 4, by tap.
    await step_to(facilitator, "priorities", room, lea)
    ratings = {
        lea: {charter: (4, 3), welcome: (3, 4), guide2: (2, 2), post: (4, 1), pairs: (2, 3)},
        karim: {charter: (4, 4), welcome: (3, 3), guide2: (2, 1), post: (4, 2), pairs: (2, 4)},
        martine: {charter: (3, 3), welcome: (4, 4), guide2: (3, 2), post: (3, 1)},
        hugo: {charter: (4, 3), welcome: (3, 3), guide2: (1, 2)},
        nadia: {charter: (3, 4), welcome: (4, 3)},
    }
    for phone, given in ratings.items():
        for objective, (importance, feasibility) in given.items():
            await phone.ok(
                "review.rate",
                {"objective_id": objective, "importance": importance, "feasibility": feasibility},
            )
    refused = await paul.send("review.rate", {"objective_id": charter})
    assert refused["error"]["code"] == "nothing_to_rate"
    refused = await paul.send("review.rate", {"objective_id": charter, "importance": 5})
    assert refused["error"]["code"] == "invalid_payload"
    await paul.ok("review.rate", {"objective_id": charter, "importance": 4})
    rated = await paul.ok("review.rate", {"objective_id": charter, "feasibility": 3})
    await for_jo("review.rate", {"objective_id": charter, "importance": 4, "feasibility": 4})
    await private_caught_up(rated["seq"], paul)
    assert paul.mine["ratings"] == {charter: {"importance": 4, "feasibility": 3}}
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], room)
    ranked = [
        (o["text"], o["importance"], o["feasibility"], o["score"], o["quadrant"], o["rank"])
        for o in review(room)["objectives"]
    ]
    assert ranked == [
        (
            "Une charte des outils numériques",
            {"mean": 3.71, "count": 7},
            {"mean": 3.43, "count": 7},
            12.73,
            "priority",
            1,
        ),
        (
            "Un parcours d'accueil des bénévoles",
            {"mean": 3.4, "count": 5},
            {"mean": 3.4, "count": 5},
            11.56,
            "priority",
            2,
        ),
        (
            "Des binômes bénévole–salarié·e",
            {"mean": 2.0, "count": 2},
            {"mean": 3.5, "count": 2},
            7.0,
            "quick_win",
            3,
        ),
        (
            "Un poste de coordination pérenne",
            {"mean": 3.67, "count": 3},
            {"mean": 1.33, "count": 3},
            4.88,
            "major_project",
            4,
        ),
        (
            "Un deuxième guide, sur l'alimentation",
            {"mean": 2.0, "count": 4},
            {"mean": 1.75, "count": 4},
            3.5,
            "later",
            5,
        ),
    ]
    assert review(room)["eligible"] == 7
    assert "'importance': 4, 'feasibility': 3" not in str(review(room)), "own ratings stay own"

    # 5. Commitments: the top objectives, with an owner, a target year and success criteria.
    assert facilitator.activity["step"]["key"] == "commitments"
    refused = await lea.send("review.commit", {"objective_id": charter, "owner": "Moi", "year": 0})
    assert refused["error"]["code"] == "not_allowed"
    await facilitator.ok(
        "review.commit",
        {
            "objective_id": charter,
            "text": "Adopter une charte des outils numériques",
            "owner": "Le CA",
            "year": 0,
            "individual": "Chacun·e sait où ranger un document",
            "collective": "La charte est adoptée en assemblée générale",
        },
    )
    refused = await facilitator.send(
        "review.commit", {"objective_id": charter, "owner": "Le CA", "year": 0}
    )
    assert refused["error"]["code"] == "already_committed"
    refused = await facilitator.send("review.commit", {"owner": "Le CA", "year": 1})
    assert refused["error"]["code"] == "text_required"
    await scribe.ok(
        "review.commit",
        {
            "objective_id": welcome,
            "owner": "Nadia et Paul",
            "year": 0,
            "individual": "Chaque nouveau bénévole connaît une personne référente",
            "collective": "Dix bénévoles accueillis par le parcours",
        },
    )
    answer = await facilitator.ok(
        "review.commit",
        {"objective_id": post, "owner": "Le bureau", "year": 2, "collective": "Un poste financé"},
    )
    await caught_up(answer["seq"], facilitator)
    made = {c["objective_id"]: c["id"] for c in review(facilitator)["commitments"]}
    await facilitator.ok("review.edit_commitment", {"commitment_id": made[post], "year": 1})
    extra = await facilitator.ok(
        "review.commit", {"objective_id": guide2, "owner": "Hugo", "year": 2}
    )
    await caught_up(extra["seq"], facilitator)
    made = {c["objective_id"]: c["id"] for c in review(facilitator)["commitments"]}
    answer = await facilitator.ok("review.remove_commitment", {"commitment_id": made[guide2]})
    await caught_up(answer["seq"], room)
    roadmap = [
        (c["text"], c["owner"], c["year"], c["target_year"]) for c in review(room)["commitments"]
    ]
    assert roadmap == [
        ("Adopter une charte des outils numériques", "Le CA", 0, 2027),
        ("Un parcours d'accueil des bénévoles", "Nadia et Paul", 0, 2027),
        ("Un poste de coordination pérenne", "Le bureau", 1, 2028),
    ]
    assert {o["id"]: o["commitment_id"] for o in review(room)["objectives"]}[charter] == made[
        charter
    ]

    # The minutes (golden, FR and EN), every export, the CSV and the calendar.
    read = await check_every_export(http, session, "review")
    for lang, owner_word in (("fr", "Responsable"), ("en", "Owner")):
        assert f"{owner_word}" in read[lang]["md"]
    rows = read["fr"]["csv"]
    header = rows[0]
    kind, text, value, detail = (header.index(c) for c in ("type", "texte", "valeur", "détail"))
    commitments = [(r[text], r[detail], r[value]) for r in rows[1:] if r[kind] == "commitment"]
    assert commitments == [
        ("Adopter une charte des outils numériques", "Le CA", "2027"),
        ("Un parcours d'accueil des bénévoles", "Nadia et Paul", "2027"),
        ("Un poste de coordination pérenne", "Le bureau", "2028"),
    ]
    criteria = [r[text] for r in rows[1:] if r[kind] == "criterion"]
    assert "La charte est adoptée en assemblée générale" in criteria
    todos = {str(todo["summary"]): todo for todo in read["fr"]["todos"]}
    assert set(todos) == {text for text, _, _ in commitments}
    due = {summary: todo.decoded("due") for summary, todo in todos.items()}
    assert due == {
        "Adopter une charte des outils numériques": date(2027, 12, 31),
        "Un parcours d'accueil des bénévoles": date(2027, 12, 31),
        "Un poste de coordination pérenne": date(2028, 12, 31),
    }
    assert "Nadia et Paul" in str(todos["Un parcours d'accueil des bénévoles"]["description"])

    for client in everyone:
        await client.disconnect()
