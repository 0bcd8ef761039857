"""Grouping a big wall over real Socket.IO: several notes moved in one command, a group made
from the notes picked, all or nothing, one step for undo; and counts every screen agrees on."""

from __future__ import annotations

import httpx

from tests.support import Client, Session, add_board, caught_up, create_session, join


async def wall(http: httpx.AsyncClient, count: int) -> tuple[Session, Client, Client, list[str]]:
    """A board of `count` notes at the group step: the session, its console, its room screen
    and the notes' ids, oldest first."""
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator, "Nos idées", columns=["Outils", "Rencontres"])
    phone = await join(http, session, "Camille")
    for i in range(1, count + 1):
        await phone.ok("board.add_note", {"text": f"Idée {i}"})
    await phone.disconnect()
    for _ in range(2):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, room)
    assert facilitator.activity["step"]["key"] == "group"
    return session, facilitator, room, [n["id"] for n in facilitator.board["notes"]]


def groups(client: Client) -> dict[str, str | None]:
    return {n["id"]: n["group_id"] for n in client.board["notes"]}


async def test_several_notes_move_in_one_command_and_one_undo_puts_them_back(
    http: httpx.AsyncClient,
) -> None:
    _, facilitator, room, ids = await wall(http, 6)
    answer = await facilitator.ok("board.move_notes", {"note_ids": ids[:2], "group_id": "g1"})
    answer = await facilitator.ok("board.move_notes", {"note_ids": ids[1:5], "group_id": "g2"})
    await caught_up(answer["seq"], facilitator, room)
    expected = {ids[0]: "g1", **dict.fromkeys(ids[1:5], "g2"), ids[5]: None}
    assert groups(room) == groups(facilitator) == expected
    assert facilitator.activity["undo"] == {"label": "board.move_notes", "detail": ""}

    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], facilitator, room)
    assert groups(room) == {ids[0]: "g1", ids[1]: "g1", **dict.fromkeys(ids[2:], None)}


async def test_a_group_is_made_with_the_notes_picked_for_it(http: httpx.AsyncClient) -> None:
    _, facilitator, room, ids = await wall(http, 4)
    answer = await facilitator.ok(
        "board.add_group", {"title": "Méthode", "note_ids": [ids[3], ids[1]]}
    )
    await caught_up(answer["seq"], facilitator, room)
    assert room.board["groups"][-1] == {"id": "g3", "title": "Méthode"}
    assert groups(room) == {ids[0]: None, ids[1]: "g3", ids[2]: None, ids[3]: "g3"}
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], room)
    assert [g["id"] for g in room.board["groups"]] == ["g1", "g2"]
    assert set(groups(room).values()) == {None}


async def test_a_move_with_one_note_that_cannot_move_moves_none(http: httpx.AsyncClient) -> None:
    session, facilitator, room, ids = await wall(http, 4)
    phone = await join(http, session, "Yanis")
    merged = await facilitator.ok("board.merge_notes", {"note_id": ids[3], "into_id": ids[2]})
    for payload in (
        {"note_ids": [ids[0], "n99"], "group_id": "g1"},
        {"note_ids": [ids[0], ids[3]], "group_id": "g1"},  # merged into another
        {"note_ids": [ids[0]], "group_id": "g9"},
    ):
        refused = await facilitator.send("board.move_notes", payload)
        assert refused["error"]["code"] == "not_found", refused
        assert refused["error"]["message"], refused
    refused = await facilitator.send("board.move_notes", {"note_ids": [], "group_id": "g1"})
    assert refused["error"]["code"] == "invalid_payload", refused
    refused = await facilitator.send("board.add_group", {"title": "X", "note_ids": ["n99"]})
    assert refused["error"]["code"] == "not_found", refused
    refused = await phone.send("board.move_notes", {"note_ids": [ids[0]], "group_id": "g1"})
    assert refused["error"]["code"] == "not_allowed", refused
    # Nothing was written: the next move (its undo checkpoint, then itself) follows the merge.
    answer = await facilitator.ok("board.move_notes", {"note_ids": [ids[0]], "group_id": "g1"})
    assert answer["seq"] == merged["seq"] + 2
    await caught_up(answer["seq"], room)
    assert groups(room) == {ids[0]: "g1", ids[1]: None, ids[2]: None}
    await phone.disconnect()


async def test_every_screen_counts_the_notes_written_merged_and_hidden_alike(
    http: httpx.AsyncClient,
) -> None:
    session, facilitator, room, ids = await wall(http, 6)
    phone = await join(http, session, "Yanis")
    await facilitator.ok("board.merge_notes", {"note_id": ids[1], "into_id": ids[0]})
    await facilitator.ok("board.merge_notes", {"note_id": ids[2], "into_id": ids[0]})
    answer = await facilitator.ok("board.hide_note", {"note_id": ids[5], "hidden": True})
    await caught_up(answer["seq"], facilitator, room, phone)
    for screen in (facilitator, room, phone):
        board = screen.board
        counted = [board[k] for k in ("note_count", "written_count", "merged_count")]
        assert counted == [3, 6, 2], screen.auth
        assert board["hidden_count"] == 1
    assert len(room.board["notes"]) == 3
    await phone.disconnect()


async def test_done_counts_people_without_a_phone_as_the_vote_does(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator, "Nos idées")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    answer = await facilitator.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][-1]["id"]
    await camille.ok("board.add_note", {"text": "Un calendrier partagé"})
    for _ in range(3):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], room)
    assert room.activity["step"]["key"] == "vote"
    (note_id,) = [n["id"] for n in room.board["notes"]]
    await camille.ok("board.add_vote", {"note_id": note_id})
    await yanis.ok("board.add_vote", {"note_id": note_id})
    answer = await facilitator.send("board.add_vote", {"note_id": note_id}, on_behalf_of=jo)
    assert answer["ok"], answer
    await caught_up(answer["seq"], room, camille)
    assert room.board["voters"] == 3
    for screen in (room, camille, facilitator):
        assert (screen.activity["ready_count"], screen.activity["ready_total"]) == (0, 3)
    for client in (camille, yanis):
        await client.disconnect()
