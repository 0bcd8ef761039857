"""Anonymous stays anonymous, for every format the registry holds (a new format is scanned as it
lands, with the scenario its `contract.py` brings).

Each format's activity is added as anonymous and walked through all its steps by the screens of
the permission walk (tests/test_permissions.py): the facilitator, a scribe and an observer, the
room screen, phones (some holding the format's roles) and a person without a phone the scribe
types for. At each step, after the scenario's seed, every phone and the scribe (for the person
without a phone) send every format command the scenario has a payload for: accepted or not, each
is a chance to leak.

What a leak is: something that ties a contribution to a person, i.e. a participant's name or
participant id (`p3`) in the same document as the activity's contributions, where a reader can
put the two together. So:

- every whole view (`view`) every screen receives, each frame as the screen holds it once the
  patch is applied, minus the people list (`session.participants`: the staff see who is in the
  room, with no contribution beside it);
- every private view (`private`) every phone receives, minus `me` (the phone's own name and id,
  which it holds anyway);
- every acknowledgement of every command sent in the activity;
- every export: the minutes (Markdown, HTML, ODT), the CSV, the calendar, and in the archive
  (data.json) every event of the activity;
- every row of the SQLite log written for the activity: events whose `activity_id` is the
  activity's (or whose data names it: "I'm done"), and the commands' dedup rows of the
  activity's senders.

are scanned for each participant's name (as a word) and id (as a whole value, or a word in a
text). A name in the people list, or in the log's `participant.joined`, is not a leak: no
contribution is beside it. Nor is a role the facilitator gives a person in the activity
(`role.assigned`: who presents, who proposes), which the room sees anyway: what they contribute
carries their alias like anyone's. And the view of a person without a phone, that the team
typing for them holds (`view.proxies`), is read like a phone's own private view.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import httpx
import pytest

from facilitation.registry import builtin_registry
from facilitation.types import Role
from tests.support import Client, ServerProcess, stored_rows
from tests.test_permissions import SCENARIOS, Screens, open_screens, reach, rules

REGISTRY = builtin_registry()
PARTICIPANT = Role.PARTICIPANT.value
# The people list as the log keeps it: the facilitator gives a person a role in the activity (the
# one who presents, the one who proposes) by name, as everyone in the room sees; what they then
# contribute carries their alias.
PEOPLE_EVENTS = frozenset({"role.assigned"})
EXPORTS = ("minutes.md", "minutes.html", "minutes.odt", "data.csv", "actions.ics", "data.json")


class Scanner:
    def __init__(self, people: dict[str, str]) -> None:
        self.people = people  # participant id -> name
        names = "|".join(re.escape(n) for n in people.values() if n)
        ids = "|".join(re.escape(i) for i in people)
        self.name_pattern = re.compile(rf"\b({names})\b")
        self.id_pattern = re.compile(rf"(?<![\w-])({ids})(?![\w-])")
        self.scanned: dict[str, int] = {"frames": 0, "acks": 0, "exports": 0, "rows": 0}
        self.leaks: list[str] = []

    def value(self, what: str, found: Any, path: str = "") -> None:
        """A JSON value: ids as whole values or keys, names anywhere in a text."""
        if isinstance(found, dict):
            for key, item in found.items():
                if key in self.people:
                    self.leaks.append(f"{what}: a participant id as a key at {path}/{key}")
                self.value(what, item, f"{path}/{key}")
        elif isinstance(found, list):
            for i, item in enumerate(found):
                self.value(what, item, f"{path}/{i}")
        elif isinstance(found, str):
            if found in self.people:
                self.leaks.append(f"{what}: the participant id {found} at {path}")
            elif self.name_pattern.search(found):
                self.leaks.append(f"{what}: a name at {path}: {found[:120]!r}")

    def text(self, what: str, found: str) -> None:
        for pattern in (self.name_pattern, self.id_pattern):
            match = pattern.search(found)
            if match:
                around = found[max(0, match.start() - 60) : match.end() + 60]
                self.leaks.append(f"{what}: {match.group(0)!r} in {around!r}")


def keep_privates(client: Client) -> list[dict[str, Any]]:
    """Every private view the phone holds, each time one arrives."""
    seen: list[dict[str, Any]] = []
    handle = client._on_private

    async def kept(data: dict[str, Any]) -> None:
        await handle(data)
        seen.append(json.loads(json.dumps(client.private)))

    client.sio.on("private", kept)
    return seen


def without(document: dict[str, Any], *path: str) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(document))
    holder = copied
    for key in path[:-1]:
        holder = holder.get(key) or {}
    if isinstance(holder, dict):
        holder.pop(path[-1], None)
    return copied


async def contribute(screens: Screens, format_name: str, acks: list[dict[str, Any]]) -> None:
    """Every command of the format, from each phone whose roles allow it at this step, and from
    the scribe for the person without a phone."""
    fmt = REGISTRY[format_name]
    step = screens.facilitator.activity["step"]["key"]
    ids = await screens.read_ids(fmt)
    payloads = SCENARIOS[format_name].payloads
    senders: list[tuple[Client, frozenset[str], dict[str, Any]]] = [
        (phone, frozenset({PARTICIPANT, *roles}), {})
        for phone, roles in zip(screens.phones, screens.phone_roles, strict=True)
    ]
    senders.append((screens.scribe, frozenset({PARTICIPANT}), {"on_behalf_of": screens.proxy_id}))
    for command_type, rule in rules(fmt).items():
        for client, roles, extra in senders:
            if not rule.allows(roles, step):
                continue
            answer = await client.send(command_type, payloads[command_type](ids), **extra)
            acks.append(answer)
    for client, _, extra in senders:
        acks.append(await client.send("participant.ready", {"ready": True}, **extra))
    await screens.settle()


@pytest.mark.parametrize("format_name", [fmt.name for fmt in REGISTRY])
async def test_nothing_ties_a_contribution_to_a_person_in_an_anonymous_activity(
    http: httpx.AsyncClient, server: ServerProcess, format_name: str, figure: Any
) -> None:
    fmt = REGISTRY[format_name]
    if fmt.name not in SCENARIOS:
        pytest.skip(f"{fmt.name} has no scenario: test_every_format_has_a_contract fails")
    screens = await open_screens(http, fmt)
    clients = [screens.facilitator, screens.scribe, screens.observer, screens.room]
    privates = [keep_privates(phone) for phone in screens.phones]
    acks: list[dict[str, Any]] = []
    try:
        await reach(
            screens,
            fmt,
            len(fmt.steps) - 1,
            anonymity="anonymous",
            each_step=lambda ids: contribute(screens, format_name, acks),
        )
        activity_id = screens.activity_id
        assert screens.facilitator.activity["anonymity"] == "anonymous"
        people = {p["id"]: p["name"] for p in screens.facilitator.view["session"]["participants"]}
        assert len(people) == len(screens.phones) + 2
        scan = Scanner(people)

        for client in [*clients, *screens.phones]:
            for view in client.views:
                scan.scanned["frames"] += 1
                shown = without(view, "session", "participants")
                # What a person without a phone would see on a phone, for the team that types
                # for them: read like a phone's private view.
                for proxy in (shown.pop("proxies", None) or {}).values():
                    scan.value("a view for a person without a phone", without(proxy, "me"))
                scan.value("a view", shown)
        for kept in privates:
            for private in kept:
                scan.scanned["frames"] += 1
                scan.value("a private view", without(private, "me"))
        for ack in acks:
            scan.scanned["acks"] += 1
            scan.value("an acknowledgement", ack)

        staff = {"Authorization": f"Bearer {screens.session.key}"}
        for name in EXPORTS:
            response = await http.get(f"/api/sessions/{screens.session.id}/{name}", headers=staff)
            assert response.status_code == 200, (name, response.text)
            scan.scanned["exports"] += 1
            if name == "minutes.odt":
                with zipfile.ZipFile(io.BytesIO(response.content)) as odt:
                    scan.text(name, odt.read("content.xml").decode())
            elif name == "data.json":
                for event in response.json()["events"]:
                    if event["type"] in PEOPLE_EVENTS:
                        continue
                    if event.get("activity_id") == activity_id or (
                        isinstance(event.get("data"), dict)
                        and event["data"].get("activity_id") == activity_id
                    ):
                        scan.value(f"data.json's {event['type']}", event)
            else:
                scan.text(name, response.text)

        senders = set()
        for row in stored_rows(server.database, "events", screens.session.id):
            data = json.loads(row["data"])
            if row["type"] in PEOPLE_EVENTS:
                continue
            if row["activity_id"] == activity_id or data.get("activity_id") == activity_id:
                scan.scanned["rows"] += 1
                scan.value(f"the log's {row['type']}", {**row, "data": data})
                senders.add(row["actor_id"])
        for row in stored_rows(server.database, "commands", screens.session.id):
            if row["actor_id"] in senders:
                scan.scanned["rows"] += 1
                scan.value("a command's row", row)
        figure(
            f"anonymous stays anonymous ({format_name})",
            **scan.scanned,
            leaks=len(scan.leaks),
        )
        assert scan.scanned["rows"] > 0 and scan.scanned["acks"] > 0
        assert not scan.leaks, "\n".join(sorted(set(scan.leaks))[:60])
    finally:
        await screens.close()
