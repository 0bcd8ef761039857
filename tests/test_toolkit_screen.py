"""The room screen: what it shows (activity, QR code, pause, one spotlighted note) is what
every screen is told."""

from __future__ import annotations

import httpx

from tests.support import add_board, caught_up, create_session, join, open_link


async def test_the_room_screen_mode_reaches_every_role(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    _, scribe = await open_link(facilitator, session, "scribe")
    _, observer = await open_link(facilitator, session, "observer")
    phone = await join(http, session, "Awa")
    screens = (facilitator, room, scribe, observer, phone)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": True,
            "contrast": False,
        }

    for mode in ("qr", "pause", "activity"):
        answer = await facilitator.ok("screen.show", {"mode": mode})
        await caught_up(answer["seq"], *screens)
        for screen in screens:
            assert screen.view["session"]["display"] == {
                "mode": mode,
                "join_box": True,
                "contrast": False,
            }, mode
    refused = await facilitator.send("screen.show", {"mode": "disco"})
    assert refused["error"]["code"] == "invalid_payload"
    for client in screens:
        await client.disconnect()


async def test_a_spotlight_shows_one_note_until_it_is_hidden(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    await phone.ok("board.add_note", {"text": "Un calendrier partagé"})
    await phone.ok("board.add_note", {"text": "Hors sujet"})
    await facilitator.ok("step.next")
    await facilitator.until(lambda c: len(c.board["notes"]) == 2)
    notes = {n["text"]: n["id"] for n in facilitator.board["notes"]}
    screens = (facilitator, room, phone)

    answer = await facilitator.ok("screen.spotlight", {"item_id": notes["Un calendrier partagé"]})
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "spotlight",
            "activity_id": facilitator.activity["id"],
            "item_id": notes["Un calendrier partagé"],
            "text": "Un calendrier partagé",
            "join_box": True,
            "contrast": False,
        }

    # A hidden note cannot be put in the spotlight.
    hidden = await facilitator.ok(
        "board.hide_note", {"note_id": notes["Hors sujet"], "hidden": True}
    )
    refused = await facilitator.send("screen.spotlight", {"item_id": notes["Hors sujet"]})
    assert refused["ok"] is False and refused["error"]["code"] == "not_found"
    missing = await facilitator.send("screen.spotlight", {"item_id": "n99"})
    assert missing["error"]["code"] == "not_found"
    # The facilitator's own view of the hiding may not have come yet: wait for its ack's seq.
    await caught_up(hidden["seq"], room)
    assert room.view["session"]["display"]["text"] == "Un calendrier partagé"

    # Hiding the note in the spotlight: the room goes back to the activity.
    answer = await facilitator.ok(
        "board.hide_note", {"note_id": notes["Un calendrier partagé"], "hidden": True}
    )
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": True,
            "contrast": False,
        }
    assert "Un calendrier partagé" not in str(room.view)

    # Shown again, it does not jump back onto the projector by itself.
    answer = await facilitator.ok(
        "board.hide_note", {"note_id": notes["Un calendrier partagé"], "hidden": False}
    )
    await caught_up(answer["seq"], *screens)
    assert [n["text"] for n in room.board["notes"]] == ["Un calendrier partagé"]
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": True,
            "contrast": False,
        }

    # Spotlighted again on purpose, then the spotlight is put out.
    await facilitator.ok("screen.spotlight", {"item_id": notes["Un calendrier partagé"]})
    await room.until(lambda c: c.view["session"]["display"]["mode"] == "spotlight")
    answer = await facilitator.ok("screen.spotlight", {"item_id": None})
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": True,
            "contrast": False,
        }
    for client in screens:
        await client.disconnect()


async def test_the_facilitator_hides_the_join_corner_and_undo_shows_it_again(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    _, scribe = await open_link(facilitator, session, "scribe")
    phone = await join(http, session, "Awa")
    screens = (facilitator, room, scribe, phone)

    answer = await facilitator.ok("screen.show_join", {"shown": False})
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": False,
            "contrast": False,
        }
    assert facilitator.activity["undo"] == {"label": "screen.show_join", "detail": "hidden"}

    # What the room screen shows next keeps the choice.
    answer = await facilitator.ok("screen.show", {"mode": "pause"})
    await caught_up(answer["seq"], room)
    assert room.view["session"]["display"] == {
        "mode": "pause",
        "join_box": False,
        "contrast": False,
    }

    # Nobody else may change it; a malformed payload changes nothing.
    for client in (room, scribe, phone):
        refused = await client.send("screen.show_join", {"shown": True})
        assert refused["ok"] is False and refused["error"]["code"] == "not_allowed"
    refused = await facilitator.send("screen.show_join", {"shown": "oui"})
    assert refused["error"]["code"] == "invalid_payload"

    # Undo takes back one action at a time: the pause, then the hidden corner.
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], room)
    assert room.view["session"]["display"] == {
        "mode": "activity",
        "join_box": False,
        "contrast": False,
    }
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"] == {
            "mode": "activity",
            "join_box": True,
            "contrast": False,
        }
    for client in screens:
        await client.disconnect()


async def test_the_facilitator_turns_the_room_screen_to_high_contrast(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    screens = (facilitator, room, phone)

    answer = await facilitator.ok("screen.contrast", {"on": True})
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        assert screen.view["session"]["display"]["contrast"] is True
    assert facilitator.activity["undo"] == {"label": "screen.contrast", "detail": "on"}

    # The theme stays whatever the room screen shows next.
    answer = await facilitator.ok("screen.show", {"mode": "qr"})
    await caught_up(answer["seq"], room)
    assert room.view["session"]["display"] == {"mode": "qr", "join_box": True, "contrast": True}

    for client in (room, phone):
        refused = await client.send("screen.contrast", {"on": False})
        assert refused["ok"] is False and refused["error"]["code"] == "not_allowed"
    refused = await facilitator.send("screen.contrast", {"on": "oui"})
    assert refused["error"]["code"] == "invalid_payload"

    for _ in range(2):
        answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], room)
    assert room.view["session"]["display"]["contrast"] is False
    for client in screens:
        await client.disconnect()
