"""'I'm done' signals, locking input, and revealing what a step keeps hidden."""

from __future__ import annotations

import asyncio

import httpx

from tests.support import Client, add_board, caught_up, create_session, join


async def test_ready_signals_in_a_named_activity(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, anonymity="named")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    assert facilitator.activity["step"]["asks_ready"] is True
    assert "participant.ready" in camille.private["me"]["can"]

    answer = await camille.ok("participant.ready", {"ready": True})
    await caught_up(answer["seq"], facilitator, camille)
    await camille.until(lambda c: c.private["me"]["ready"] is True)
    assert facilitator.activity["ready_count"] == 1
    assert camille.activity["ready_count"] == 1
    people = {p["name"]: p["ready"] for p in facilitator.view["session"]["participants"]}
    assert people == {"Camille": True, "Yanis": False}
    assert yanis.private["me"]["ready"] is False

    # Taking it back.
    answer = await yanis.ok("participant.ready", {"ready": True})
    await caught_up(answer["seq"], facilitator)
    answer = await camille.ok("participant.ready", {"ready": False})
    await caught_up(answer["seq"], facilitator)
    people = {p["name"]: p["ready"] for p in facilitator.view["session"]["participants"]}
    assert people == {"Camille": False, "Yanis": True}
    assert facilitator.activity["ready_count"] == 1

    # Reveal does not ask: refused, and not offered.
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, yanis)
    assert facilitator.activity["step"]["asks_ready"] is False
    await yanis.until(lambda c: "participant.ready" not in c.private["me"]["can"])
    refused = await yanis.send("participant.ready", {"ready": True})
    assert refused["ok"] is False and refused["error"]["code"] == "wrong_step"
    # A new step starts with nobody done.
    assert facilitator.activity["ready_count"] == 0
    assert not any(p["ready"] for p in facilitator.view["session"]["participants"])
    assert yanis.private["me"]["ready"] is False

    answer = await facilitator.ok("step.skip")  # to the vote, which asks again
    await caught_up(answer["seq"], facilitator, yanis)
    assert facilitator.activity["step"]["key"] == "vote"
    assert facilitator.activity["ready_count"] == 0
    await yanis.ok("participant.ready", {"ready": True})
    await facilitator.until(lambda c: c.activity["ready_count"] == 1)
    for client in (facilitator, camille, yanis):
        await client.disconnect()


async def test_ready_signals_in_an_anonymous_activity_are_counted_not_named(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    scribe_link = await facilitator.ok("link.create", {"role": "scribe", "label": "Prise de notes"})
    await add_board(facilitator, anonymity="anonymous")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    key = scribe_link["result"]["url"].rsplit("/", 1)[1]
    scribe = await Client(session.base_url, {"session_id": session.id, "key": key}).connect()

    await camille.ok("participant.ready", {"ready": True})
    await yanis.ok("participant.ready", {"ready": True})
    await yanis.ok("participant.ready", {"ready": True})  # twice: still one person
    await facilitator.until(lambda c: c.activity["ready_count"] == 2)
    await scribe.until(lambda c: c.activity["ready_count"] == 2)
    await camille.until(lambda c: c.private["me"]["ready"] is True)
    for staff in (facilitator, scribe):
        people = staff.view["session"]["participants"]
        assert [p["name"] for p in people] == ["Camille", "Yanis"]
        assert [p["ready"] for p in people] == [False, False], "who is done is not told"
    for client in (facilitator, scribe, camille, yanis):
        await client.disconnect()


async def test_locked_input_refuses_notes_until_unlocked(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    answer = await facilitator.ok("step.lock_input", {"locked": True})
    # The facilitator's view may still be on its way: read the seq once it has come.
    await caught_up(answer["seq"], phone, facilitator)
    assert phone.activity["input"] == {"open": False, "reason": "input_locked", "locked": True}
    await phone.until(lambda c: "board.add_note" not in c.private["me"]["can"])
    seq = facilitator.view["seq"]
    assert seq == answer["seq"]
    refused = await phone.send("board.add_note", {"text": "Bloquée"})
    assert refused["ok"] is False and refused["error"]["code"] == "input_locked"
    assert "fermée" in refused["error"]["message"]
    await asyncio.sleep(0.1)
    assert facilitator.view["seq"] == seq and facilitator.board["note_count"] == 0

    answer = await facilitator.ok("step.lock_input", {"locked": False})
    await caught_up(answer["seq"], phone)
    assert phone.activity["input"] == {"open": True, "reason": None, "locked": False}
    await phone.ok("board.add_note", {"text": "Ouverte"})
    await facilitator.until(lambda c: c.board["note_count"] == 1)
    for client in (facilitator, phone):
        await client.disconnect()


async def test_reveal_shows_notes_live_while_writing(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    await camille.ok("board.add_note", {"text": "Un calendrier"})
    await room.until(lambda c: c.board["note_count"] == 1)
    assert room.board["notes"] == [] and yanis.board["notes"] == [], "written in private"

    answer = await facilitator.ok("step.reveal", {"revealed": True})
    await caught_up(answer["seq"], room, yanis)
    assert room.activity["revealed"] is True
    assert room.activity["step"]["key"] == "write"
    assert [n["text"] for n in room.board["notes"]] == ["Un calendrier"]
    assert [n["text"] for n in yanis.board["notes"]] == ["Un calendrier"]
    # Still writing: new notes appear on every screen as they come.
    assert "board.add_note" in yanis.private["me"]["can"]
    await yanis.ok("board.add_note", {"text": "Une newsletter"})
    await room.until(lambda c: len(c.board["notes"]) == 2)
    await camille.until(lambda c: len(c.board["notes"]) == 2)

    answer = await facilitator.ok("step.reveal", {"revealed": False})
    await caught_up(answer["seq"], room, camille)
    assert room.board["notes"] == [] and camille.board["notes"] == []
    for client in (facilitator, room, camille, yanis):
        await client.disconnect()


async def test_vote_counts_stay_hidden_until_revealed(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    await camille.ok("board.add_note", {"text": "Un calendrier"})
    await yanis.ok("board.add_note", {"text": "Une newsletter"})
    for _ in range(3):
        await facilitator.ok("step.next")
    await camille.until(lambda c: c.activity["step"]["key"] == "vote")
    notes = {n["text"]: n["id"] for n in camille.board["notes"]}
    await camille.ok("board.add_vote", {"note_id": notes["Un calendrier"]})
    answer = await yanis.ok("board.add_vote", {"note_id": notes["Un calendrier"]})
    await caught_up(answer["seq"], room, camille, facilitator)

    for screen in (room, camille, facilitator):
        assert "results" not in screen.board
        assert all("votes" not in n for n in screen.board["notes"])
        assert screen.board["votes_cast"] == 2
    # One's own dots, always.
    await camille.until(lambda c: c.mine["votes"] == {notes["Un calendrier"]: 1})

    answer = await facilitator.ok("step.reveal", {"revealed": True})
    await caught_up(answer["seq"], room, camille)
    for screen in (room, camille):
        ranked = [(r["text"], r["votes"], r["rank"]) for r in screen.board["results"]]
        assert ranked == [("Un calendrier", 2, 1), ("Une newsletter", 0, 2)]
    # Voting goes on, the counts follow live.
    await camille.ok("board.add_vote", {"note_id": notes["Une newsletter"]})
    await room.until(lambda c: [r["votes"] for r in c.board["results"]] == [2, 1], timeout=5)
    for client in (facilitator, room, camille, yanis):
        await client.disconnect()
