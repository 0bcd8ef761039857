"""Upgrades keep data (issue 15, promise 10): a database written by the previous release opens in
this one, is migrated forward at start-up, and its sessions replay to the same minutes.

`tests/fixtures/previous-release.sqlite3` is a whole session written by release 0003 of the
schema (its Alembic revision, stored in the file's `alembic_version` table): every format
(board, accelerator, cartography, consent, review) taken through all its steps, with phones, a
scribe and format roles. Beside it, the minutes that release gave for it
(`previous-release.minutes.md`) and the session's facilitator key (`previous-release.json`).
A release that changes the schema adds a migration (`facilitation/migrations/versions/`), keeps
this file as it is (it is what a host's database looks like), and this test proves the host's
sessions survive the upgrade. Rebuild the fixture only for a new "previous release":
`python -m tests.test_upgrades` (then review the minutes' diff).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import httpx
from alembic.script import ScriptDirectory

from facilitation.contract import Phone, Seen
from facilitation.schema import alembic_config
from tests.support import Client, ServerProcess, caught_up, create_session, join, open_link

FIXTURES = Path(__file__).parent / "fixtures"
DATABASE = FIXTURES / "previous-release.sqlite3"
MINUTES = FIXTURES / "previous-release.minutes.md"
KEYS = FIXTURES / "previous-release.json"
FORMATS = ("board", "accelerator", "cartography", "consent", "review")


def revision(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def head() -> str:
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


async def minutes(http: httpx.AsyncClient, session_id: str, key: str) -> str:
    response = await http.get(
        f"/api/sessions/{session_id}/minutes.md",
        params={"lang": "fr"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.text
    return response.text


async def test_a_database_of_the_previous_release_migrates_and_replays_to_the_same_minutes(
    tmp_path: Path, figure: Any
) -> None:
    keys = json.loads(KEYS.read_text(encoding="utf-8"))
    database = tmp_path / "fabrique.sqlite3"
    shutil.copyfile(DATABASE, database)
    written_by = revision(database)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        events_before = connection.execute("SELECT count(*) FROM events").fetchone()[0]

    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=15) as http:
            text = await minutes(http, keys["session_id"], keys["key"])
            # The session goes on after the upgrade: a phone of that release comes back as itself.
            phone = await Client(server.url, {"token": keys["phone_token"]}).connect()
            await phone.until(lambda c: bool(c.private))
            assert phone.private["me"]["name"] == "Awa"
            await phone.disconnect()
    finally:
        server.stop()
    with contextlib.closing(sqlite3.connect(database)) as connection:
        events_after = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    golden = MINUTES.read_text(encoding="utf-8")
    figure(
        "upgrades keep data",
        written_by_revision=written_by,
        migrated_to=revision(database),
        events=events_after,
        events_lost=events_before - events_after,
        minutes_same=text == golden,
    )
    assert revision(database) == head()
    assert events_after == events_before
    assert integrity == "ok"
    assert text == golden


# -- building the fixture (once per release whose database must keep opening) -------------------


async def _build(folder: Path) -> dict[str, Any]:
    from tests.test_permissions import REGISTRY, SCENARIOS, settings_for

    server = ServerProcess(folder / "fabrique.sqlite3").start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=15) as http:
            session = await create_session(http, title="Assemblée de printemps")
            facilitator = await session.facilitator().connect()
            _, scribe = await open_link(facilitator, session, "scribe", "Secrétariat")
            phones = [await join(http, session, name) for name in ("Awa", "Marc", "Inès", "Jo")]
            everyone = [facilitator, scribe, *phones]
            staff = {"facilitator": facilitator, "scribe": scribe}

            async def ok(client: Client, type_: str, payload: dict[str, Any]) -> None:
                answer = await client.ok(type_, payload)
                await caught_up(answer["seq"], *everyone)
                await asyncio.sleep(0.05)  # the private views of that moment

            for fmt_name in FORMATS:
                fmt = REGISTRY[fmt_name]
                scenario = SCENARIOS[fmt_name]
                await ok(
                    facilitator,
                    "session.add_activity",
                    {"format": fmt_name, "title": "", "config": settings_for(fmt)},
                )
                activity_id = facilitator.view["session"]["activities"][-1]["id"]
                if facilitator.activity["id"] != activity_id:
                    await ok(facilitator, "session.open_activity", {"activity_id": activity_id})
                # As in the permission walk: two plain phones, then those holding the roles.
                holders = phones[2:]
                for role in fmt.roles:
                    for holder in holders:
                        pid = holder.private["me"]["participant_id"]
                        await ok(
                            facilitator,
                            "participant.assign_role",
                            {"participant_id": pid, "role": role, "assigned": True},
                        )
                for index, step in enumerate(fmt.steps):
                    for seed in scenario.seed:
                        if seed.step != step.key:
                            continue
                        seen = Seen(
                            activity_id=activity_id,
                            step=step.key,
                            facilitator=facilitator.view,
                            phones=[
                                Phone(
                                    c.private["me"]["participant_id"],
                                    frozenset(fmt.roles) if c in holders else frozenset(),
                                    c.private.get("mine", {}),
                                )
                                for c in phones
                            ],
                        )
                        payload = (
                            seed.payload(scenario.ids(seen) | {"activity_id": activity_id})
                            if callable(seed.payload)
                            else dict(seed.payload)
                        )
                        sender = phones[seed.by] if isinstance(seed.by, int) else staff[seed.by]
                        await ok(sender, seed.type, payload)
                    if index < len(fmt.steps) - 1:
                        await ok(facilitator, "step.next", {})
            text = await minutes(http, session.id, session.key)
            for client in everyone:
                await client.disconnect()
            return {
                "session_id": session.id,
                "key": session.key,
                "phone_token": phones[0].token,  # type: ignore[attr-defined]
                "formats": list(FORMATS),
                "minutes": text,
            }
    finally:
        server.stop()


def build() -> None:
    """Write the fixture from this release: the database, its minutes, its keys."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        made = asyncio.run(_build(Path(folder)))
        source = Path(folder) / "fabrique.sqlite3"
        with contextlib.closing(sqlite3.connect(source)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute("VACUUM")
        FIXTURES.mkdir(exist_ok=True)
        shutil.copyfile(source, DATABASE)
    MINUTES.write_text(made.pop("minutes"), encoding="utf-8")
    KEYS.write_text(json.dumps(made, indent=1) + "\n", encoding="utf-8")
    print(f"written: {DATABASE} (revision {revision(DATABASE)})", file=sys.stderr)


if __name__ == "__main__":
    build()
