"""Bad input gets a clear error in the person's language, and changes nothing."""

from __future__ import annotations

import httpx

from tests.support import Client, caught_up, create_session, join

BOARD = {"format": "board", "config": {"question": "Quels outils utilisez-vous ?", "dots": 2}}


async def refused(client: Client, type_: str, payload: object, code: str, **extra: object) -> str:
    seq = client.view["seq"]
    answer = await client.sio.call(
        "command", {"type": type_, "payload": payload, "client_id": f"bad-{code}", **extra}
    )
    assert answer["ok"] is False, answer
    assert answer["error"]["code"] == code, answer
    assert answer["error"]["message"] and not answer["error"]["message"].startswith("error.")
    # A rejected command is not stored: the same client id is accepted afterwards.
    assert client.view["seq"] == seq
    message: str = answer["error"]["message"]
    return message


async def test_every_kind_of_bad_command_is_answered_and_nothing_is_written(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    person = await join(http, session, "Paul")
    # `refused` compares the seq a screen shows before and after: the facilitator's view of
    # Paul's joining must have come first.
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 1)

    await refused(person, "board.add_note", {"text": "Trop tôt"}, "no_activity")
    await refused(facilitator, "session.add_activity", {"format": "kanban"}, "unknown_format")
    await refused(
        facilitator, "session.add_activity", {"format": "board", "config": {}}, "invalid_payload"
    )
    answer = await facilitator.ok("session.add_activity", BOARD)
    await person.until(lambda c: c.view["activity"] is not None)
    await caught_up(answer["seq"], facilitator, person)
    seq = facilitator.view["seq"]

    await refused(person, "board.add_note", {"text": 42}, "invalid_payload")
    await refused(person, "board.add_note", {"text": "   "}, "invalid_payload")
    message = await refused(person, "board.add_note", {"text": "x" * 281}, "too_long")
    assert "280" in message
    await refused(person, "board.add_note", {"text": "ok", "colour": "red"}, "invalid_payload")
    await refused(person, "board.add_note", ["not", "a", "dict"], "invalid_payload")
    await refused(person, "board.add_note", {"text": "ok", "group_id": "g99"}, "not_found")
    await refused(person, "board.add_vote", {"note_id": "n1"}, "wrong_step")
    await refused(person, "step.next", {}, "not_allowed")
    await refused(person, "session.add_activity", BOARD, "not_allowed")
    await refused(person, "board.launch_rocket", {}, "unknown_command")
    await refused(facilitator, "board.add_group", {"title": "Thème"}, "wrong_step")
    await refused(person, "board.add_note", {"text": "ok"}, "activity_changed", activity_id="a9")
    answer = await person.sio.call("command", "just a string")
    assert answer["error"]["code"] == "invalid_payload"
    assert facilitator.view["seq"] == seq

    # Another participant's note is not mine to change.
    await person.ok("board.add_note", {"text": "La mienne"})
    other = await join(http, session, "Rita")
    await refused(other, "board.edit_note", {"note_id": "n1", "text": "pirate"}, "not_yours")
    await refused(other, "board.delete_note", {"note_id": "n1"}, "not_yours")
    for client in (facilitator, person, other):
        await client.disconnect()


async def test_errors_speak_the_language_of_the_screen(http: httpx.AsyncClient) -> None:
    session = await create_session(http, language="fr")
    response = await http.post(f"/api/join/{session.join_code}", json={"name": "Sam"})
    token = response.json()["token"]
    french = await Client(session.base_url, {"token": token}).connect()
    english = await Client(session.base_url, {"token": token, "lang": "en"}).connect()
    fr = await refused(french, "step.next", {}, "not_allowed")
    en = await refused(english, "step.next", {}, "not_allowed")
    assert fr == "Votre rôle ne permet pas cette action."
    assert en == "Your role does not allow this action."
    for client in (french, english):
        await client.disconnect()


async def test_the_room_screen_cannot_act(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    room = await session.facilitator("room").connect()
    await refused(room, "session.add_activity", BOARD, "not_allowed")
    await room.disconnect()


async def test_an_oversized_message_is_refused_without_losing_the_connection(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await facilitator.ok("session.add_activity", BOARD)
    person = await join(http, session, "Hugo")
    await refused(person, "board.add_note", {"text": "é" * 5000}, "too_long")
    await person.ok("board.add_note", {"text": "Toujours là"})
    for client in (facilitator, person):
        await client.disconnect()


async def test_a_participant_who_floods_is_slowed_down(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await facilitator.ok("session.add_activity", BOARD)
    person = await join(http, session, "Robot")
    codes = set()
    for n in range(70):
        answer = await person.send("board.add_note", {"text": f"n{n}"})
        codes.add("ok" if answer["ok"] else answer["error"]["code"])
    assert codes == {"ok", "rate_limited"}
    neighbour = await join(http, session, "Voisine")
    await neighbour.ok("board.add_note", {"text": "Je ne suis pas ralentie"})
    for client in (facilitator, person, neighbour):
        await client.disconnect()
