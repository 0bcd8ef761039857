"""People without a phone: the scribe types their notes and dots, counted once, said so in the
minutes; and a show of hands counted into the results."""

from __future__ import annotations

import httpx

from tests.support import (
    Client,
    add_board,
    caught_up,
    create_session,
    get_minutes,
    join,
    open_link,
)


async def to_vote(facilitator: Client) -> None:
    for _ in range(3):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["step"]["key"] == "vote"


async def test_the_scribe_enters_notes_and_dots_for_someone_without_a_phone(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator, "Qui fait quoi", anonymity="named")
    _, scribe = await open_link(facilitator, session, "scribe")
    phone = await join(http, session, "Awa")

    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    people = facilitator.view["session"]["participants"]
    assert [(p["id"], p["name"], p["proxy"]) for p in people] == [
        ("p1", "Awa", False),
        ("p2", "Jo", True),
    ]
    assert facilitator.view["session"]["participant_count"] == 1, "phones only"

    jo = "p2"
    note = await scribe.send("board.add_note", {"text": "Jo prend la salle"}, on_behalf_of=jo)
    assert note["ok"], note
    await phone.ok("board.add_note", {"text": "Awa fait les courses"})
    # Only the facilitator or the scribe types for someone; only for someone without a phone.
    refused = await phone.send("board.add_note", {"text": "Pour Jo"}, on_behalf_of=jo)
    assert refused["ok"] is False and refused["error"]["code"] == "not_allowed"
    refused = await scribe.send("board.add_note", {"text": "Pour Awa"}, on_behalf_of="p1")
    assert refused["ok"] is False and refused["error"]["code"] == "not_found"
    await facilitator.until(lambda c: c.board["note_count"] == 2)

    await to_vote(facilitator)
    await room.until(lambda c: c.activity["step"]["key"] == "vote")
    notes = {n["text"]: n for n in room.board["notes"]}
    assert notes["Jo prend la salle"]["author"] == {"name": "Jo", "number": 2, "proxy": True}
    assert notes["Jo prend la salle"]["proxy"] is True
    assert notes["Awa fait les courses"]["proxy"] is False
    jo_note = notes["Jo prend la salle"]["id"]
    vote = await scribe.send("board.add_vote", {"note_id": jo_note}, on_behalf_of=jo)
    assert vote["ok"], vote
    await phone.ok("board.add_vote", {"note_id": jo_note})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], room)
    results = {r["text"]: r for r in room.board["results"]}
    assert (results["Jo prend la salle"]["votes"], results["Jo prend la salle"]["proxy_votes"]) == (
        2,
        1,
    )
    assert room.board["votes_cast"] == 2 and room.board["voters"] == 2

    minutes = await get_minutes(http, session)
    assert "- Jo prend la salle _(saisi pour Jo)_" in minutes
    assert "- Awa fait les courses — Awa" in minutes
    assert "Dont 1 gommette saisie pour une personne sans téléphone." in minutes
    english = await get_minutes(http, session, "en")
    assert "- Jo prend la salle _(entered on behalf of Jo)_" in english
    for client in (facilitator, room, scribe, phone):
        await client.disconnect()


async def test_in_an_anonymous_activity_a_proxy_note_names_nobody(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, anonymity="anonymous")
    answer = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][0]["id"]
    note = await facilitator.send("board.add_note", {"text": "Plus de pauses"}, on_behalf_of=jo)
    assert note["ok"], note
    await facilitator.ok("step.next")
    await facilitator.until(lambda c: len(c.board["notes"]) == 1)
    (shown,) = facilitator.board["notes"]
    assert shown["author"] is None and shown["proxy"] is True
    minutes = await get_minutes(http, session)
    assert "- Plus de pauses _(saisi pour une personne dans la salle)_" in minutes
    assert "Jo" not in minutes
    english = await get_minutes(http, session, "en")
    assert "- Plus de pauses _(entered on behalf of a person in the room)_" in english
    await facilitator.disconnect()


async def test_a_show_of_hands_counts_in_the_results_and_the_minutes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    _, scribe = await open_link(facilitator, session, "scribe")
    phone = await join(http, session, "Awa")
    await phone.ok("board.add_note", {"text": "Un calendrier"})
    await phone.ok("board.add_note", {"text": "Une newsletter"})
    await to_vote(facilitator)
    notes = {n["text"]: n["id"] for n in facilitator.board["notes"]}
    await phone.ok("board.add_vote", {"note_id": notes["Un calendrier"]})
    answer = await scribe.ok("hands.count", {"item_id": notes["Une newsletter"], "count": 4})
    await caught_up(answer["seq"], facilitator, phone)
    assert facilitator.activity["hands"] == [
        {"item_id": notes["Une newsletter"], "count": 4, "text": "Une newsletter"}
    ]
    missing = await scribe.send("hands.count", {"item_id": "n99", "count": 1})
    assert missing["error"]["code"] == "not_found"

    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], phone)
    ranked = [
        (r["text"], r["votes"], r["hands"], r["total"], r["rank"]) for r in phone.board["results"]
    ]
    assert ranked == [("Une newsletter", 0, 4, 4, 1), ("Un calendrier", 1, 0, 1, 2)]
    minutes = await get_minutes(http, session)
    assert "| Rang | Post-it | Gommettes | Mains levées |" in minutes
    assert "| 1 | Une newsletter | 0 | 4 |" in minutes
    assert "| 2 | Un calendrier | 1 | 0 |" in minutes
    assert "mains levées" in minutes
    for client in (facilitator, scribe, phone):
        await client.disconnect()
