"""A whole sticky-note board session over real Socket.IO, from join to the minutes."""

from __future__ import annotations

import json

import httpx

from tests.exports_check import check_every_export
from tests.support import caught_up, create_session, join, private_caught_up


async def test_a_whole_board_session_ends_in_the_reviewed_minutes(http: httpx.AsyncClient) -> None:
    session = await create_session(http, title="Mieux communiquer entre structures de l'ESS")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    answer = await facilitator.ok("session.set_place", {"place": "Maison des associations, Gap"})
    await caught_up(answer["seq"], facilitator)
    assert facilitator.view["session"]["place"] == "Maison des associations, Gap"
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis", remote=True)
    anonymous = await join(http, session, "")

    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 3)
    assert [p["name"] for p in facilitator.view["session"]["participants"]] == [
        "Camille",
        "Yanis",
        "",
    ]
    assert "participants" not in camille.view["session"], "only the facilitator sees names"
    # Jo has no phone: the facilitator enters Jo's dot.
    answer = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][-1]["id"]

    await facilitator.ok(
        "session.add_activity",
        {
            "format": "board",
            "title": "Nos idées",
            "config": {
                "question": "Comment mieux communiquer entre nos structures ?",
                "columns": ["Outils", "Rencontres"],
                "dots": 2,
            },
        },
    )
    await camille.until(lambda c: c.view["activity"] is not None)
    assert camille.activity["step"]["key"] == "write"
    assert "board.add_note" in camille.activity["can"]
    assert "step.next" not in camille.activity["can"]

    # write: each participant sees only their own notes; the room sees a count.
    await camille.ok("board.add_note", {"text": "Un calendrier partagé", "group_id": "g1"})
    await camille.ok("board.add_note", {"text": "Une newsletter commune"})
    await yanis.ok("board.add_note", {"text": "Des petits déjeuners métiers", "group_id": "g2"})
    await yanis.ok("board.add_note", {"text": "Un agenda partagé"})
    answer = await anonymous.ok(
        "board.add_note", {"text": "Ne pas faire une <usine à gaz> *géante*"}
    )
    await caught_up(answer["seq"], room, facilitator)
    await camille.until(lambda c: len(c.mine["notes"]) == 2)
    assert {n["text"] for n in camille.mine["notes"]} == {
        "Un calendrier partagé",
        "Une newsletter commune",
    }
    await room.until(lambda c: c.board["note_count"] == 5)
    assert room.board["notes"] == [] and camille.board["notes"] == []
    assert facilitator.board["notes"] == []

    # reveal: every screen shows every note.
    await facilitator.ok("step.next")
    for screen in (room, camille, yanis, anonymous):
        await screen.until(lambda c: len(c.board["notes"]) == 5)

    # group: themes, moves, a merge, a hidden note, a rename.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["step"]["key"] == "group"
    notes = {n["text"]: n["id"] for n in facilitator.board["notes"]}
    await facilitator.ok(
        "board.merge_notes",
        {"note_id": notes["Un agenda partagé"], "into_id": notes["Un calendrier partagé"]},
    )
    await facilitator.ok("board.add_group", {"title": "Méthode"})
    await facilitator.ok(
        "board.move_note",
        {"note_id": notes["Ne pas faire une <usine à gaz> *géante*"], "group_id": "g3"},
    )
    await facilitator.ok("board.rename_group", {"group_id": "g2", "title": "Se rencontrer"})
    answer = await facilitator.ok(
        "board.hide_note", {"note_id": notes["Une newsletter commune"], "hidden": True}
    )
    await caught_up(answer["seq"], room, facilitator)
    assert len(room.board["notes"]) == 3
    assert all(not n["hidden"] for n in room.board["notes"])
    assert any(n["hidden"] for n in facilitator.board["notes"]), "the facilitator still sees it"

    # vote: dots, counts hidden until the step closes.
    await facilitator.ok("step.next")
    calendar = notes["Un calendrier partagé"]
    breakfast = notes["Des petits déjeuners métiers"]
    await camille.ok("board.add_vote", {"note_id": calendar})
    await camille.ok("board.add_vote", {"note_id": calendar})
    refused = await camille.send("board.add_vote", {"note_id": breakfast})
    assert refused["error"]["code"] == "no_dots_left"
    assert "gommettes" in refused["error"]["message"]
    await yanis.ok("board.add_vote", {"note_id": breakfast})
    # Yanis's second dot, then taken back: 4 dots are cast for a moment with only 2 voters. Wait
    # for each of his private views (each differs from the one before), then for the last vote.
    answer = await yanis.ok("board.add_vote", {"note_id": calendar})
    await private_caught_up(answer["seq"], yanis)
    assert yanis.mine["dots_left"] == 0
    answer = await yanis.ok("board.remove_vote", {"note_id": calendar})
    await private_caught_up(answer["seq"], yanis)
    await anonymous.ok("board.add_vote", {"note_id": breakfast})
    answer = await facilitator.send("board.add_vote", {"note_id": breakfast}, on_behalf_of=jo)
    assert answer["ok"], answer
    await caught_up(answer["seq"], room, facilitator)
    assert room.board.get("votes_cast") == 5
    assert "results" not in room.board and "results" not in facilitator.board
    assert room.board["voters"] == 4
    assert yanis.mine["dots_left"] == 1
    assert yanis.mine["votes"] == {breakfast: 1}

    # results: ranked, with hands raised in the room for the last one.
    await facilitator.ok("step.next")
    gas = notes["Ne pas faire une <usine à gaz> *géante*"]
    answer = await facilitator.ok("hands.count", {"item_id": gas, "count": 2})
    await caught_up(answer["seq"], camille)
    ranked = [(r["text"], r["votes"], r["hands"], r["rank"]) for r in camille.board["results"]]
    assert ranked == [
        ("Des petits déjeuners métiers", 3, 0, 1),
        ("Un calendrier partagé", 2, 0, 2),
        ("Ne pas faire une <usine à gaz> *géante*", 0, 2, 2),
    ]

    read = await check_every_export(http, session, "board")
    rows = read["fr"]["csv"]
    kinds = [r[3] for r in rows[1:]]
    assert kinds.count("note") == 4 and kinds.count("dot") == 5 and kinds.count("hands") == 1
    # An anonymous board: no author in any row, only whether a person without a phone voted.
    assert {r[7] for r in rows[1:]} == {""}
    assert [r[8] for r in rows[1:]].count("oui") == 1
    assert read["fr"]["todos"] == [], "a board commits to nothing dated"
    for name in ("Camille", "Yanis"):
        assert name not in json.dumps(read["fr"]["csv"])

    for client in (facilitator, room, camille, yanis, anonymous):
        await client.disconnect()
