"""The agenda from the console: add, rename, reorder, duplicate, remove, open; step moves."""

from __future__ import annotations

import httpx

from tests.support import add_board, caught_up, create_session, join


async def test_the_agenda_is_edited_and_the_room_screen_follows(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    ideas = await add_board(
        facilitator, "Nos idées", "Quelles idées ?", "pseudonym", columns=["Outils"], dots=2
    )
    priorities = await add_board(facilitator, "Priorités", "Quelles priorités ?")
    refused = await facilitator.send(
        "session.add_activity", {"format": "bingo", "title": "Bingo", "config": {}}
    )
    assert refused["ok"] is False and refused["error"]["code"] == "unknown_format"

    def agenda() -> list[tuple[str, str, bool]]:
        return [(a["id"], a["title"], a["current"]) for a in room.view["session"]["activities"]]

    # The first activity added opens by itself; the second waits in the agenda.
    await room.until(lambda c: len(c.view["session"]["activities"]) == 2)
    assert agenda() == [(ideas, "Nos idées", True), (priorities, "Priorités", False)]
    assert room.view["session"]["current_activity_id"] == ideas
    assert room.activity["id"] == ideas

    answer = await facilitator.ok(
        "session.rename_activity", {"activity_id": priorities, "title": "Nos priorités"}
    )
    await caught_up(answer["seq"], room)
    assert agenda()[1] == (priorities, "Nos priorités", False)

    answer = await facilitator.ok(
        "session.move_activity", {"activity_id": priorities, "position": 0}
    )
    await caught_up(answer["seq"], room)
    assert [a[0] for a in agenda()] == [priorities, ideas]
    assert room.activity["id"] == ideas, "moving an activity does not open it"

    # A copy lands right after its original, with the same settings and anonymity.
    answer = await facilitator.ok("session.duplicate_activity", {"activity_id": priorities})
    await caught_up(answer["seq"], room, facilitator)
    ids = [a[0] for a in agenda()]
    assert len(ids) == 3 and ids[0] == priorities and ids[2] == ideas
    copy = ids[1]
    assert copy not in (ideas, priorities)
    assert agenda()[1] == (copy, "Nos priorités", False)
    answer = await facilitator.ok("session.duplicate_activity", {"activity_id": ideas})
    await caught_up(answer["seq"], room, facilitator)
    ideas_copy = room.view["session"]["activities"][3]
    assert ideas_copy["title"] == "Nos idées" and ideas_copy["id"] not in (ideas, priorities, copy)
    assert ideas_copy["anonymity"] == "pseudonym" and ideas_copy["format"] == "board"
    original_board = {k: facilitator.board[k] for k in ("question", "dots", "groups")}
    answer = await facilitator.ok("session.open_activity", {"activity_id": ideas_copy["id"]})
    await caught_up(answer["seq"], room, facilitator)
    assert {k: facilitator.board[k] for k in ("question", "dots", "groups")} == original_board
    assert original_board == {
        "question": "Quelles idées ?",
        "dots": 2,
        "groups": [{"id": "g1", "title": "Outils"}],
    }
    assert facilitator.activity["anonymity"] == "pseudonym"

    # The current activity cannot be removed; any other can.
    refused = await facilitator.send("session.remove_activity", {"activity_id": ideas_copy["id"]})
    assert refused["ok"] is False
    assert refused["error"]["code"] == "activity_is_current"
    assert "en cours" in refused["error"]["message"]
    answer = await facilitator.ok("session.remove_activity", {"activity_id": copy})
    await caught_up(answer["seq"], room)
    assert [a[0] for a in agenda()] == [priorities, ideas, ideas_copy["id"]]
    gone = await facilitator.send("session.open_activity", {"activity_id": copy})
    assert gone["error"]["code"] == "not_found"

    # Opening another activity: the room screen says which one is current, and shows it.
    answer = await facilitator.ok("session.open_activity", {"activity_id": priorities})
    await caught_up(answer["seq"], room)
    assert agenda() == [
        (priorities, "Nos priorités", True),
        (ideas, "Nos idées", False),
        (ideas_copy["id"], "Nos idées", False),
    ]
    assert room.view["session"]["current_activity_id"] == priorities
    assert room.activity["id"] == priorities
    assert room.activity["title"] == "Nos priorités"
    assert room.board["question"] == "Quelles priorités ?"
    for client in (facilitator, room):
        await client.disconnect()


async def test_steps_go_back_and_skip_only_optional_ones(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    phone = await join(http, session, "Inès")
    await add_board(facilitator)
    await phone.until(lambda c: c.view["activity"] is not None)

    def step() -> str:
        return str(facilitator.activity["step"]["key"])

    assert "step.previous" not in facilitator.activity["can"], "nothing before the first step"
    refused = await facilitator.send("step.previous")
    assert refused["error"]["code"] == "no_previous_step"
    # Reveal is not optional: it cannot be skipped from write.
    assert "step.skip" not in facilitator.activity["can"]
    refused = await facilitator.send("step.skip")
    assert refused["error"]["code"] == "not_optional"
    assert step() == "write"

    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, phone)
    assert step() == "reveal"
    # Grouping is optional: skipping it from reveal lands on the vote, on every screen.
    assert "step.skip" in facilitator.activity["can"]
    answer = await facilitator.ok("step.skip")
    await caught_up(answer["seq"], facilitator, phone)
    assert step() == "vote" and phone.activity["step"]["key"] == "vote"
    assert phone.activity["step"]["index"] == 3
    answer = await facilitator.ok("step.previous")
    await caught_up(answer["seq"], facilitator, phone)
    assert step() == "group" and phone.activity["step"]["key"] == "group"
    assert facilitator.activity["step"]["optional"] is True
    for client in (facilitator, phone):
        await client.disconnect()
