"""A whole project accelerator over real Socket.IO, from join to the reviewed minutes.

A facilitator, a scribe signed in with a link, a project holder (a participant given the role)
and six participants, two of them remote, play the six steps of the workshop whose restitution
is in the seed documents.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.exports_check import check_every_export
from tests.support import (
    Client,
    caught_up,
    create_session,
    get_minutes,
    join,
    open_link,
)


def accel(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


PRESENTATION = """Projet de financement sur 4 ans, coporté par 5 structures de l'ESS.
4 axes :
- communication
- connaissance des dispositifs publics d'aide aux associations
- mutualisation de la trésorerie
- échanges de services entre structures
Un diagnostic : on ne se connaît pas entre nous, on n'est pas coordonnés sur nos événements."""

SYNTHESIS = """Partir de l'interne vers l'externe, et créer la confiance avant l'outil.
- des temps conviviaux, sur place et en visio
- s'inspirer des outils existants (Apidae, transiscope) et interroger leurs succès et échecs"""


async def test_a_whole_accelerator_ends_in_the_reviewed_minutes(http: httpx.AsyncClient) -> None:
    session = await create_session(http, title="Cluster 05 : mieux communiquer dans l'ESS")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    jean = await join(http, session, "Jean")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis", remote=True)
    lou = await join(http, session, "Lou")
    malik = await join(http, session, "Malik")
    ines = await join(http, session, "Inès", remote=True)
    theo = await join(http, session, "Théo")
    group = [camille, yanis, lou, malik, ines, theo]
    everyone = [facilitator, room, scribe, jean, *group]
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 7)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}

    await facilitator.ok(
        "session.add_activity",
        {
            "format": "accelerator",
            "title": "Accélérateur — Cluster 05",
            "config": {
                "project": "Cluster 05 : coopération entre 5 structures de l'ESS",
                "problem": "Comment mieux communiquer entre et dans les structures de l'ESS ?",
            },
        },
    )
    answer = await facilitator.ok(
        "participant.assign_role",
        {"participant_id": ids["Jean"], "role": "holder", "assigned": True},
    )
    await caught_up(answer["seq"], facilitator, scribe, camille)
    await jean.until(lambda c: c.private["me"]["roles"] == ["holder"])
    assert facilitator.activity["anonymity"] == "named", "people speak in their own name"
    # Each role reads its own instructions.
    assert "Présentez votre projet" in jean.private["me"]["instructions"]["fr"]
    assert "Écoutez" in camille.activity["instructions"]["fr"]
    assert camille.private["me"]["instructions"] is None
    assert "Notez la présentation" in scribe.activity["instructions"]["fr"]
    assert "porte le projet le présente" in facilitator.activity["instructions"]["fr"]

    # 1. Presentation: the holder writes, the scribe adds key points and signs the minutes.
    assert "accelerator.write_presentation" in jean.private["me"]["can"]
    assert "accelerator.write_presentation" not in camille.private["me"]["can"]
    await jean.ok("accelerator.write_presentation", {"text": PRESENTATION})
    await scribe.ok("accelerator.add_point", {"text": "On ne se connaît pas entre structures"})
    await scribe.ok("accelerator.add_point", {"text": "Des calendriers partagés, pas par tous"})
    await scribe.ok("accelerator.add_point", {"text": "Une erreur de frappe"})
    await scribe.until(lambda c: len(accel(c)["points"]) == 3)
    await scribe.ok("accelerator.remove_point", {"point_id": accel(scribe)["points"][2]["id"]})
    await scribe.ok("accelerator.sign", {"name": "Nicolas"})
    await room.until(lambda c: len(accel(c)["points"]) == 2 and accel(c)["scribe_name"] != "")
    assert accel(room)["presentation"] == PRESENTATION
    assert accel(room)["holders"] == [{"name": "Jean", "number": 1, "proxy": False}]
    refused = await camille.send("step.next")
    assert refused["error"]["code"] == "not_allowed", "a participant cannot advance steps"

    # 2. Clarification questions: asked by the group (and aloud, noted by the scribe),
    # answered by the holder or noted by the scribe; the facilitator sets one aside.
    await facilitator.ok("step.next")
    await camille.until(lambda c: c.activity["step"]["key"] == "questions")
    refused = await jean.send("accelerator.ask", {"text": "Je me pose une question"})
    assert refused["error"]["code"] == "not_allowed", "the holder does not question themself"
    await camille.ok(
        "accelerator.ask", {"text": "Les outils cartographiques sont-ils contributifs ?"}
    )
    await yanis.ok("accelerator.ask", {"text": "Quelles infos voulez-vous partager ?"})
    await scribe.ok("accelerator.ask", {"text": "Quels freins à partager ses outils de com' ?"})
    await lou.ok("accelerator.ask", {"text": "Faut-il un logiciel *libre* ?"})
    await malik.ok("accelerator.ask", {"text": "Les 70 personnes se sont-elles déjà réunies ?"})
    await theo.ok("accelerator.ask", {"text": "Une question en double"})
    await facilitator.until(lambda c: len(accel(c)["questions"]) == 6)
    q = {item["text"]: item["id"] for item in accel(facilitator)["questions"]}
    await theo.until(lambda c: c.private["mine"]["questions"] == [q["Une question en double"]])
    not_yours = await camille.send(
        "accelerator.remove_question", {"question_id": q["Une question en double"]}
    )
    assert not_yours["error"]["code"] == "not_yours"
    await theo.ok("accelerator.remove_question", {"question_id": q["Une question en double"]})
    await facilitator.ok("screen.spotlight", {"item_id": q["Quelles infos voulez-vous partager ?"]})
    await room.until(lambda c: c.view["session"]["display"]["mode"] == "spotlight")
    assert room.view["session"]["display"]["text"] == "Quelles infos voulez-vous partager ?"
    await jean.ok(
        "accelerator.answer",
        {
            "question_id": q["Les outils cartographiques sont-ils contributifs ?"],
            "text": "Non, ils ne sont pas partagés.",
        },
    )
    await jean.ok(
        "accelerator.answer",
        {
            "question_id": q["Quelles infos voulez-vous partager ?"],
            "text": "D'abord qui fait quoi, ensuite quand : les événements et l'actualité.",
        },
    )
    await scribe.ok(
        "accelerator.answer",
        {
            "question_id": q["Quels freins à partager ses outils de com' ?"],
            "text": "Ce n'est jamais la priorité, donc personne ne le fait.",
        },
    )
    await facilitator.ok(
        "accelerator.mark_question",
        {"question_id": q["Faut-il un logiciel *libre* ?"], "status": "skipped"},
    )
    await facilitator.ok("screen.spotlight", {"item_id": None})
    for person in (camille, yanis, lou):
        await person.ok("participant.ready", {"ready": True})
    await room.until(lambda c: c.activity["ready_count"] == 3)
    statuses = {item["id"]: item["status"] for item in accel(room)["questions"]}
    assert statuses[q["Faut-il un logiciel *libre* ?"]] == "skipped"
    assert statuses[q["Les 70 personnes se sont-elles déjà réunies ?"]] == "open"

    # 3. The request, reworded once: the last wording is what the group works on.
    await facilitator.ok("step.next")
    await jean.until(lambda c: "accelerator.set_request" in c.private["me"]["can"])
    await jean.ok(
        "accelerator.set_request",
        {"text": "Je souhaite que le groupe m'aide à trouver la méthode pour des outils partagés."},
    )
    await jean.ok(
        "accelerator.set_request",
        {
            "text": "Je souhaite que le groupe m'aide à trouver comment, et avec quels outils, "
            "mieux communiquer entre nous, avec les pouvoirs publics et avec le grand public."
        },
    )
    await room.until(lambda c: accel(c)["request_versions"] == 2)
    assert accel(room)["request"].startswith("Je souhaite que le groupe m'aide à trouver comment")

    # 4. Exchanges: the group contributes, the holder cannot post; the scribe groups by theme.
    await facilitator.ok("step.next")
    await camille.until(lambda c: "accelerator.contribute" in c.private["me"]["can"])
    await jean.until(lambda c: "Écoutez le groupe" in c.private["me"]["instructions"]["fr"])
    assert "accelerator.contribute" not in jean.private["me"]["can"]
    refused = await jean.send("accelerator.contribute", {"text": "Je voudrais répondre !"})
    assert refused["error"]["code"] == "not_allowed", "the holder listens in step 4"
    contributions = [
        (camille, "warning", "Que ça ne devienne pas une usine à gaz : partir simple."),
        (yanis, "experience", "Apidae : chacun remplit une fiche, chaque commune y pioche."),
        (lou, "idea", "Des petits déjeuners où chacun présente son métier."),
        (malik, "warning", "Les grosses structures vont encore tout rafler, comme d'habitude !"),
        (ines, "idea", "Recenser les craintes des partenaires sur ce projet."),
        (theo, "experience", "Transiscope agrège déjà les infos des acteurs de la transition."),
    ]
    for person, kind, text in contributions:
        await person.ok("accelerator.contribute", {"text": text, "kind": kind})
    # Said aloud by Théo, who is in the room: the scribe types it and says who said it.
    await scribe.ok(
        "accelerator.contribute",
        {"text": "Partir de l'interne vers l'externe.", "kind": "idea", "said_by": ids["Théo"]},
    )
    for refused_by, said_by, code in (
        (camille, ids["Lou"], "not_allowed"),  # a phone speaks for itself only
        (scribe, ids["Jean"], "holder_listens"),
        (scribe, "p99", "not_found"),
    ):
        refused = await refused_by.send(
            "accelerator.contribute", {"text": "Une idée de plus", "said_by": said_by}
        )
        assert refused["error"]["code"] == code, refused
    await scribe.until(lambda c: len(accel(c)["contributions"]) == 7)
    c = {item["text"]: item["id"] for item in accel(scribe)["contributions"]}
    await lou.ok(
        "accelerator.edit_contribution",
        {
            "contribution_id": c["Des petits déjeuners où chacun présente son métier."],
            "text": "Des petits déjeuners (en visio aussi) où chacun présente son métier.",
        },
    )
    not_yours = await lou.send(
        "accelerator.edit_contribution",
        {"contribution_id": c["Partir de l'interne vers l'externe."], "text": "Non"},
    )
    assert not_yours["error"]["code"] == "not_yours"
    await theo.ok("accelerator.contribute", {"text": "Un doublon à retirer", "kind": "idea"})
    await theo.until(lambda c: len(c.private["mine"]["contributions"]) == 2)
    await theo.ok(
        "accelerator.remove_contribution",
        {"contribution_id": theo.private["mine"]["contributions"][1]},
    )
    # Moderation leaves a trace: the scribe rewords Malik's contribution, the facilitator
    # removes one off the subject; the author's words stay in the state, out of the screens.
    malik_id = c["Les grosses structures vont encore tout rafler, comme d'habitude !"]
    reworded = "Veiller à ce que le système ne profite pas qu'aux grosses structures."
    await scribe.ok(
        "accelerator.edit_contribution", {"contribution_id": malik_id, "text": reworded}
    )
    await camille.ok("accelerator.contribute", {"text": "Qui vient au foot jeudi ?"})
    await camille.until(lambda c: len(c.private["mine"]["contributions"]) == 2)
    off_topic = camille.private["mine"]["contributions"][1]
    answer = await facilitator.ok("accelerator.remove_contribution", {"contribution_id": off_topic})
    await camille.until(lambda c: len(c.private["mine"]["contributions"]) == 1)
    # Right after the scribe's edit, before Camille's off-topic one, the screens showed 7
    # contributions with one edited too: wait for the removal itself.
    await caught_up(answer["seq"], room, camille, malik, facilitator, scribe)
    for client in (room, camille, malik, facilitator, scribe):
        assert [x["edited"] for x in accel(client)["contributions"]].count(True) == 1
        assert len(accel(client)["contributions"]) == 7
        shown = {x["id"]: x for x in accel(client)["contributions"]}
        assert off_topic not in shown, "removed by the facilitator: out of every screen"
        assert (shown[malik_id]["text"], shown[malik_id]["edited"]) == (reworded, True)
        assert shown[malik_id]["edited_by"] == "scribe"
        edited = [x["id"] for x in shown.values() if x["edited"]]
        assert edited == [malik_id], "only what staff changed says so"
        assert "rafler" not in str(accel(client)), "the author's words are not shown"
    assert malik_id in malik.private["mine"]["contributions"], "still Malik's"
    gone = await camille.send(
        "accelerator.edit_contribution", {"contribution_id": off_topic, "text": "Pardon"}
    )
    assert gone["error"]["code"] == "not_found"
    await scribe.ok("accelerator.add_theme", {"title": "Méthode"})
    await scribe.ok("accelerator.add_theme", {"title": "Outils existants"})
    await facilitator.ok("accelerator.add_theme", {"title": "Confiance"})
    await scribe.until(lambda c: len(accel(c)["themes"]) == 3)
    themes = {t["title"]: t["id"] for t in accel(scribe)["themes"]}
    await scribe.ok("accelerator.rename_theme", {"theme_id": themes["Confiance"], "title": "Lien"})
    sorting = {
        "Que ça ne devienne pas une usine à gaz : partir simple.": "Méthode",
        "Partir de l'interne vers l'externe.": "Méthode",
        "Apidae : chacun remplit une fiche, chaque commune y pioche.": "Outils existants",
        "Transiscope agrège déjà les infos des acteurs de la transition.": "Outils existants",
        "Des petits déjeuners où chacun présente son métier.": "Confiance",
        "Recenser les craintes des partenaires sur ce projet.": "Confiance",
    }
    for text, theme in sorting.items():
        await scribe.ok(
            "accelerator.set_theme", {"contribution_id": c[text], "theme_id": themes[theme]}
        )
    await scribe.ok(
        "hands.count",
        {"item_id": c["Partir de l'interne vers l'externe."], "count": 5},
    )
    await room.until(lambda c: sum(1 for x in accel(c)["contributions"] if x["theme_id"]) == 6)
    shown = {x["text"][:10]: x for x in accel(room)["contributions"]}
    assert shown["Que ça ne "]["author"] == {"name": "Camille", "number": 2, "proxy": False}
    assert shown["Que ça ne "]["noted_by"] is None
    theo = {"name": "Théo", "number": 7, "proxy": False}
    assert (shown["Partir de "]["author"], shown["Partir de "]["noted_by"]) == (theo, "scribe")

    # 5. Synthesis and action plan, written by the holder with the scribe; the group reads.
    await facilitator.ok("step.next")
    await jean.until(lambda c: "accelerator.write_synthesis" in c.private["me"]["can"])
    await camille.until(lambda c: c.activity["step"]["key"] == "synthesis")
    assert "accelerator.write_synthesis" not in camille.activity["can"]
    await jean.ok("accelerator.write_synthesis", {"text": SYNTHESIS})
    plan = [
        ("Organiser un premier petit déjeuner des métiers", "Jean et Camille", "mars"),
        ("Interroger Apidae et la FFRP sur leurs succès et échecs", "Jean", "avril"),
        ("Recenser les craintes des partenaires", "Comité de pilotage", "avril"),
        ("Une ligne en trop", "", ""),
    ]
    for what, who, when in plan:
        await scribe.ok("accelerator.add_action", {"what": what, "who": who, "when": when})
    await scribe.until(lambda c: len(accel(c)["actions"]) == 4)
    actions = [a["id"] for a in accel(scribe)["actions"]]
    await scribe.ok("accelerator.remove_action", {"action_id": actions[3]})
    await jean.ok(
        "accelerator.edit_action",
        {
            "action_id": actions[2],
            "what": "Recenser les craintes des partenaires",
            "who": "Comité de pilotage (5 structures)",
            "when": "avant l'été",
        },
    )
    await yanis.until(
        lambda c: (
            [a["when"] for a in accel(c)["actions"]] == ["mars", "avril", "avant l'été"]
            and accel(c)["synthesis"] != ""
        )
    )

    # 6. Closing round: everyone, remote people included, the holder last.
    await facilitator.ok("step.next")
    await room.until(lambda c: c.activity["step"]["key"] == "closing")
    order = [ids[name] for name in ("Camille", "Yanis", "Lou", "Malik", "Inès", "Théo", "Jean")]
    await facilitator.ok("accelerator.set_round", {"participant_ids": order})
    await room.until(lambda c: accel(c)["round"]["status"] == "running")
    turns = accel(room)["round"]["turns"]
    assert [t["name"] for t in turns][:2] == ["Camille", "Yanis"]
    assert "participant_id" not in turns[0], "the room screen needs no ids"
    assert [t["remote"] for t in turns] == [False, True, False, False, True, False, False]
    assert accel(room)["round"]["current"] == turns[0]["id"]
    await camille.until(lambda c: c.private["mine"]["turn_id"] == turns[0]["id"])
    sentences = {
        "Camille": "La formule donne une vision globale, sans connaître le territoire.",
        "Yanis": "Beaucoup apprécié la créativité collective, le rebond des idées.",
        "Lou": "Je repars avec une clarification de mes propres idées.",
        "Malik": "",
        "Inès": "Le projet est gros, mais j'ai apprécié l'intelligence collective du groupe.",
        "Théo": "Merci !",
        "Jean": "Je repars avec un plan clair et l'envie de commencer petit.",
    }
    by_turn = {t["name"]: t["id"] for t in turns}
    for name, client in zip(
        ("Camille", "Yanis", "Lou", "Malik", "Inès", "Théo", "Jean"),
        (camille, yanis, lou, malik, ines, theo, jean),
        strict=True,
    ):
        await room.until(lambda c, name=name: accel(c)["round"]["current"] == by_turn[name])
        if name in ("Camille", "Yanis", "Inès", "Jean"):
            await client.ok("accelerator.say_takeaway", {"text": sentences[name]})
        elif sentences[name]:
            # Said aloud: the scribe types it for them.
            await scribe.ok(
                "accelerator.note_takeaway",
                {"turn_id": by_turn[name], "text": sentences[name]},
            )
        await (scribe if name == "Théo" else facilitator).ok("accelerator.give_turn")
    await room.until(lambda c: accel(c)["round"]["status"] == "over")
    assert accel(room)["round"]["said"] == 6
    refused = await facilitator.send("accelerator.give_turn")
    assert refused["error"]["code"] == "round_over"
    await facilitator.ok("accelerator.give_turn", {"turn_id": by_turn["Malik"]})
    await room.until(lambda c: accel(c)["round"]["current"] == by_turn["Malik"])
    await facilitator.ok("accelerator.give_turn")
    # Malik had to leave: the facilitator removes him. He took part: the minutes still list him.
    await facilitator.ok("participant.remove", {"participant_id": ids["Malik"]})

    read = await check_every_export(http, session, "accelerator")
    todos = {str(t["summary"]): t for t in read["fr"]["todos"]}
    assert len(todos) == 3, "every action of the plan is in the calendar"
    # "mars" and "avant l'été" read as days; the words typed stay beside them.
    breakfast = todos["Organiser un premier petit déjeuner des métiers"]
    assert breakfast.decoded("due").month == 3 and breakfast.decoded("due").day == 31
    assert "mars" in str(breakfast["description"])
    fears = todos["Recenser les craintes des partenaires"]
    assert (fears.decoded("due").month, fears.decoded("due").day) == (6, 20)
    rows = read["fr"]["csv"]
    actions = [r for r in rows if r[3] == "action"]
    assert [r[10] for r in actions] == ["mars", "avril", "avant l'été"]
    # A named activity: the CSV names who brought what.
    question = "Les outils cartographiques sont-ils contributifs ?"
    asked = next(r for r in rows if r[5] == question)
    assert (asked[3], asked[7]) == ("question", "Camille")

    for client in everyone:
        await client.disconnect()


async def test_who_said_what_the_scribe_notes_is_named_only_where_the_activity_names_people(
    http: httpx.AsyncClient,
) -> None:
    """A pseudonymous accelerator shows the speaker's pseudonym on the screens and names nobody
    in the minutes; an anonymous one refuses to say who spoke, in words the scribe reads."""
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    camille = await join(http, session, "Camille")
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 1)
    (camille_id,) = [p["id"] for p in facilitator.view["session"]["participants"]]
    for anonymity in ("anonymous", "pseudonym"):
        answer = await facilitator.ok(
            "session.add_activity",
            {"format": "accelerator", "title": anonymity, "anonymity": anonymity},
        )
        await caught_up(answer["seq"], facilitator)
        (added,) = [a["id"] for a in facilitator.view["session"]["activities"][-1:]]
        await facilitator.ok("session.open_activity", {"activity_id": added})
        answer = await facilitator.ok("step.next")
        await caught_up(answer["seq"], scribe)
        assert accel(scribe) is not None and scribe.activity["step"]["key"] == "questions"
        asked = await scribe.send(
            "accelerator.ask", {"text": "Qui fait quoi ?", "said_by": camille_id}
        )
        if anonymity == "anonymous":
            assert asked["error"]["code"] == "names_hidden", asked
            assert asked["error"]["message"].startswith("Cette activité est anonyme")
            continue
        assert asked["ok"], asked
        await caught_up(asked["seq"], scribe, camille)
        for client in (scribe, camille):
            (question,) = accel(client)["questions"]
            assert question["author"]["name"] == "Camille"
            assert question["noted_by"] == "scribe"
        assert camille.private["mine"]["questions"] == [], "Camille did not type it"
    minutes = await get_minutes(http, session)
    assert "Qui fait quoi ?" in minutes
    assert "Camille" not in minutes, "a pseudonymous activity names nobody in the minutes"
    assert "_(noté par le/la secrétaire)_" in minutes
    for client in (facilitator, scribe, camille):
        await client.disconnect()
