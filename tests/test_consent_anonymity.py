"""An anonymous consent decision: nothing shown, acknowledged, exported or logged ties a person
to a position, and before the positions are open every screen gets the count of answers only."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import httpx

from tests.support import (
    Client,
    ServerProcess,
    caught_up,
    create_session,
    join,
    open_link,
    stored_rows,
)

NAMES = ("Camille", "Yanis", "Lou", "Jo")
SECRETS = {
    "Camille": ("objection", "Trop tôt le matin pour les parents."),
    "Yanis": ("concern", "La salle est petite."),
    "Lou": ("consent", ""),
    "Jo": ("objection", "Pas de bus avant neuf heures."),
}


def consent(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


def keep_privates(client: Client) -> list[dict[str, Any]]:
    """Every private view the phone shows, as it arrives (whole, patches applied)."""
    seen: list[dict[str, Any]] = []
    handle = client._on_private

    async def kept(data: dict[str, Any]) -> None:
        await handle(data)
        seen.append(json.loads(json.dumps(client.private)))

    client.sio.on("private", kept)
    return seen


async def test_an_anonymous_round_ties_no_position_to_anyone(
    http: httpx.AsyncClient, server: ServerProcess
) -> None:
    session = await create_session(http, title="Horaires des permanences")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    _, scribe = await open_link(facilitator, session, "scribe", "Nicolas")
    phones = {name: await join(http, session, name) for name in ("Camille", "Yanis", "Lou")}
    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    people = set(ids.values())
    privates = {name: keep_privates(client) for name, client in phones.items()}
    screens: list[Client] = [facilitator, room, scribe, *phones.values()]
    acks: list[dict[str, Any]] = []

    answer = await facilitator.ok(
        "session.add_activity",
        {
            "format": "consent",
            "title": "Permanences à 8 h",
            "anonymity": "anonymous",
            "config": {"proposal": "Les permanences ouvrent à 8 h."},
        },
    )
    await caught_up(answer["seq"], *screens)
    assert facilitator.activity["anonymity"] == "anonymous"
    for _ in range(4):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], *screens)
    assert room.activity["step"]["key"] == "objections"

    # Three answers out of four: counts only, for every screen.
    for name in ("Camille", "Yanis", "Lou"):
        position, text = SECRETS[name]
        acks.append(
            await phones[name].ok("consent.give_position", {"position": position, "text": text})
        )
    await caught_up(acks[-1]["seq"], *screens)
    hidden = {text for _, text in SECRETS.values() if text}
    for client in screens:
        for frame in client.views:
            said = json.dumps(frame, ensure_ascii=False)
            assert not [t for t in hidden if t in said], "a frame shows a position before all"
        round_ = consent(client)["round"]
        assert (round_["answered"], round_["eligible"], round_["positions"]) == (3, 4, [])
        assert round_["counts"] is None
    for name, seen in privates.items():
        own = SECRETS[name][1]
        others = hidden - {own}
        for private in seen:
            said = json.dumps(private, ensure_ascii=False)
            assert not [t for t in others if t in said], f"{name} sees another's position"
        assert phones[name].mine["position"]["position"] == SECRETS[name][0]

    # Jo answers through the scribe: every position is open, and names nobody.
    position, text = SECRETS["Jo"]
    jo = await scribe.send(
        "consent.give_position", {"position": position, "text": text}, on_behalf_of=ids["Jo"]
    )
    assert jo["ok"], jo
    acks.append(jo)
    await caught_up(jo["seq"], *screens)
    open_round = consent(room)["round"]
    assert open_round["shown"] and open_round["counts"] == {
        "consent": 1,
        "concern": 1,
        "objection": 2,
    }
    assert all(p["author"] is None for p in open_round["positions"])
    # Sorted by position then text: the order of answers tells nothing.
    assert [p["position"] for p in open_round["positions"]] == [
        "consent",
        "concern",
        "objection",
        "objection",
    ]
    assert [p["proxy"] for p in open_round["positions"]] == [False, False, True, False]
    # What the staff see of Jo's own view says he answered, not what.
    jo_seen = facilitator.view["proxies"][ids["Jo"]]["mine"]
    assert jo_seen["position"] == {"position": "given", "text": ""}
    assert jo_seen["objections"] == []

    # Each withdraws their own objection; Jo says aloud which one is his.
    objections = {o["reason"]: o["id"] for o in consent(room)["objections"]}
    camille_s = objections[SECRETS["Camille"][1]]
    refused = await phones["Yanis"].send("consent.withdraw_objection", {"objection_id": camille_s})
    assert refused["error"]["code"] == "not_yours"
    acks.append(
        await phones["Camille"].ok("consent.withdraw_objection", {"objection_id": camille_s})
    )
    withdrawn = await scribe.send(
        "consent.withdraw_objection",
        {"objection_id": objections[SECRETS["Jo"][1]]},
        on_behalf_of=ids["Jo"],
    )
    assert withdrawn["ok"], withdrawn
    acks.append(withdrawn)
    answer = await facilitator.ok("step.next")
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], *screens)
    assert consent(facilitator)["can_adopt"] is True
    acks.append(await facilitator.ok("consent.decide", {"outcome": "adopted"}))
    await caught_up(acks[-1]["seq"], *screens)

    # No frame names anyone or holds a participant id in the activity; no ack either.
    for client in screens:
        for frame in client.views:
            said = json.dumps(frame.get("activity"), ensure_ascii=False)
            assert not any(name in said for name in NAMES), "an activity view names someone"
            assert not re.search(r'"p[1-4]"', said), "an activity view holds a participant id"
            for pid, shown in (frame.get("proxies") or {}).items():
                told = json.dumps(shown["mine"], ensure_ascii=False)
                assert not [t for t in hidden if t in told], f"{pid}'s position on a staff screen"
    for ack in acks:
        told = json.dumps(ack, ensure_ascii=False)
        assert not any(name in told for name in NAMES) and not re.search(r'"p[1-4]"', told), ack

    # The log: aliases, never the people.
    activity = facilitator.activity["id"]
    rows = [
        r
        for r in stored_rows(server.database, "events", session.id)
        if r["type"].startswith("consent.") and r["activity_id"] == activity
    ]
    assert any(r["type"] == "consent.position_given" for r in rows)
    for row in rows:
        assert row["actor_id"] not in people, row
        data = json.loads(row["data"])
        assert not {v for v in data.values() if isinstance(v, str)} & people, row
        assert not any(name in row["data"] for name in NAMES), row
    commands = stored_rows(server.database, "commands", session.id)
    assert not {c["actor_id"] for c in commands} & people

    # Exports: the minutes, the CSV and the archive name nobody.
    documents = {}
    for name in ("minutes.md", "minutes.html", "data.csv", "data.json"):
        response = await http.get(
            f"/api/sessions/{session.id}/{name}",
            headers={"Authorization": f"Bearer {session.key}"},
        )
        assert response.status_code == 200, name
        documents[name] = response.text
    for name, text in documents.items():
        if name != "data.json":  # the archive holds who joined: its activity's events follow
            assert SECRETS["Yanis"][1] in text, name
            assert not any(who in text for who in NAMES), name
    rows_csv = list(csv.reader(io.StringIO(documents["data.csv"].lstrip("\ufeff"))))
    assert {r[7] for r in rows_csv[1:]} == {""}, "no author column filled"
    archived = json.loads(documents["data.json"])
    for event in archived["events"]:
        if event["activity_id"] == activity:
            assert event["actor_id"] not in people
            assert not any(who in json.dumps(event, ensure_ascii=False) for who in NAMES)
            assert not {v for v in event["data"].values() if isinstance(v, str)} & people
    assert archived["register"][0]["outcome"] == "adopted"
    register = json.dumps(archived["register"], ensure_ascii=False)
    assert not any(who in register for who in NAMES)
    for client in screens:
        await client.disconnect()
