"""A SQLite log's appends, written in one trip each (facilitation/sqlite_log.py), keep the log's
promises: a seq or a client id taken once is refused the second time, and a refused append
writes nothing of itself, not even its first rows."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from facilitation.store import EventStore, NewCredential, Revocation, SeqConflict, open_engine
from facilitation.types import Event


def _note(text: str) -> Event:
    return Event("board.note_added", {"text": text}, "a1", "p1", "2026-12-03T10:00:00+00:00")


@pytest.fixture
async def stores(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'log.sqlite3'}"
    first, second = EventStore(open_engine(url)), EventStore(open_engine(url))
    await first.create_schema()
    created = Event("session.created", {"title": "AG"}, None, None, "2026-12-03T09:00:00+00:00")
    await first.create_session(
        "s1", "ABCDEFGH", "2026", [created], NewCredential("h0", "facilitator")
    )
    yield first, second
    await first.close()
    await second.close()


async def test_two_writers_at_one_seq_keep_one_and_refuse_the_other(stores) -> None:
    first, second = stores
    assert await first.append("s1", 1, [_note("une")], actor_id="p1", client_id="c1") == 2
    with pytest.raises(SeqConflict):
        await second.append("s1", 1, [_note("autre")], actor_id="p2", client_id="c9")
    assert [e.data["text"] for _, e in await second.load("s1", 1)] == ["une"]
    # The refused append wrote nothing: its client id is still free.
    assert await second.command_seq("s1", "p2", "c9") is None


async def test_a_resent_client_id_is_refused_and_its_events_are_not_kept(stores) -> None:
    first, second = stores
    await first.append("s1", 1, [_note("une")], actor_id="p1", client_id="c1")
    with pytest.raises(SeqConflict):
        # Its events go in first, then its client id is found taken: all of it is undone.
        await second.append(
            "s1", 2, [_note("encore"), _note("et encore")], actor_id="p1", client_id="c1"
        )
    assert await first.last_seq("s1") == 2
    assert await first.append("s1", 2, [_note("deux")], actor_id="p1", client_id="c2") == 3
    assert [e.data["text"] for _, e in await first.load("s1", 1)] == ["une", "deux"]


async def test_joins_and_revocations_go_in_with_their_events(stores) -> None:
    first, _ = stores
    joined = Event("participant.joined", {"participant_id": "p1", "name": "Ana"}, None, None, "t")
    await first.append("s1", 1, [joined], credential=NewCredential("h1", "participant", "p1"))
    found = await first.credential("h1")
    assert found is not None and found.participant_id == "p1"
    removed = Event("participant.removed", {"participant_id": "p1"}, None, None, "t")
    await first.append("s1", 2, [removed], revoke=[Revocation(participant_id="p1")])
    assert await first.credential("h1") is None
    assert await first.credential("h0") is not None  # the facilitator's link is untouched


async def test_an_append_right_after_a_checkpoint_is_committed(stores) -> None:
    """The checkpoint's answer (a row) was left unread: its statement stayed in progress until
    the event loop let go of it, and an append the log's thread ran meanwhile failed to commit
    ("SQL statements in progress"): a command refused with a server error after a session was
    deleted (issue 15, found by the soak)."""
    first, _ = stores
    log = first._log
    assert log is not None
    for n in range(20):
        await asyncio.gather(
            log.checkpoint(),
            first.append("s1", n + 1, [_note(f"n{n}")], actor_id="p1", client_id=f"c{n}"),
        )
    assert await first.last_seq("s1") == 21
