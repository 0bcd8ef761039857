"""The cartography as a state machine: any sequence of commands, by anyone, keeps the invariants.

Pure engine only (no server, no database): `tests/engine_machine.py` sends each command along
the path of `SessionService.dispatch` and plays the facilitator's toolkit around the activity
(steps, time-boxes, lock and reveal, "I'm done", undo, other activities, people without a phone,
anonymity levels, show of hands, spotlight), with its own invariants (replay, refusals, `can`,
undo, closed input, anonymity). On top of those, after every step:

- the map's layout never lets a label cover another label or a mark, and draws (or counts as
  overflowing) every tool the list view names; every screen gets the same map;
- organisations count once per tool and purpose, whoever of their members answered;
- no view shows hidden stakes (but the facilitator's) nor results before their time;
- nobody has more dots of a kind than the activity gives;
- the minutes, the CSV rows and the picture render in French and English;
- the CSV rows read back (`cartography.import_csv`) into a new activity give the same map and
  the same impact averages: that is what merging workshops relies on.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

import formats.cartography
from facilitation.fields import parse
from facilitation.hooks import data_rows, pictures
from facilitation.messages import LANGUAGES
from facilitation.protocol import ANONYMITY_LEVELS, MinutesContext, ViewContext
from facilitation.registry import Registry
from facilitation.session import step_key
from facilitation.types import Actor, Role
from facilitation.views import activity_view
from formats.cartography import tally
from formats.cartography.csv_import import read_csv
from formats.cartography.events import RowsImported
from formats.cartography.layout import boxes_overlap, mark_box
from formats.cartography.state import KINDS, CartographyState
from tests.engine_machine import FACILITATOR, PHONES, SCRIBE, STAFF, EngineMachine

CARTOGRAPHY = formats.cartography.FORMAT
TYPES = sorted(CARTOGRAPHY.commands)
FRESH = re.compile(r"stake·\d+·")
FIELDS: dict[str, tuple[str, ...]] = {
    t: tuple(f.key for f in spec.fields) for t, spec in CARTOGRAPHY.commands.items()
}
ORGANISATIONS = ["Asso X", "asso x ", "ASSO  X", "Créasol", "creasol", "La Palette", "Hiéro"]
TOOLS = ["Facebook", "facebook", "HelloAsso", "Nextcloud", "Framadate", "Google Drive", "Signal"]
ZONES = ["z1", "z2", "z3", "z9", "z10", "z99"]
MESSY: dict[str, st.SearchStrategy[Any]] = {
    "name": st.sampled_from([*ORGANISATIONS, "", " ", "x" * 81, None, 3]),
    "tool": st.sampled_from([*TOOLS, "", "x" * 61, None]),
    "purpose_ids": st.sampled_from([["z1"], ["z1", "z2"], [], ["z99"], ["z1", "z1"], "z1", None]),
    "why": st.sampled_from(["necessity", "choice", "mixed", "", None]),
    "use_id": st.sampled_from(["u1", "u2", "u3", "u9", "", None]),
    "organisation_id": st.sampled_from(["o1", "o2", "o3", "o9", None]),
    "tool_id": st.sampled_from(["t1", "t2", "t3", "t9", None]),
    "into_id": st.sampled_from(["o1", "o2", "t1", "t2", "x"]),
    "title": st.sampled_from(["Formation", "formation", "Comptabilité", "", "x" * 61, None]),
    "purpose_id": st.sampled_from([*ZONES, None, ""]),
    "dimension_id": st.sampled_from(["d1", "d2", "d5", "d9", None, ""]),
    "value": st.sampled_from([-2, -1, 0, 1, 2, 3, -3, None, "1", 1.5, True]),
    "csv": st.sampled_from(["", "format\r\n", "garbage", None]),
    "kind": st.sampled_from(["stake", "criterion", "idea", None]),
    "text": st.sampled_from(["fresh", "", " ", "x" * 281, None, 5]),
    "stake_id": st.sampled_from(["s1", "s2", "s3", "s9", "", None]),
    "hidden": st.sampled_from([True, False, None, "yes"]),
}
CONTRIBUTORS = st.sampled_from([*PHONES, "proxy by facilitator", "proxy by scribe"])


def map_of(state: CartographyState) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """The map as text: purpose title -> tool name (case-blind) -> counts."""
    view = CARTOGRAPHY.view(state, ViewContext("map", "room"))
    return {
        p["title"]["fr"]: {
            t["name"].casefold(): (t["organisations"], t["necessity"], t["choice"], t["mixed"])
            for t in p["tools"]
        }
        for p in view["list"]
        if p["tools"]
    }


def averages_of(state: CartographyState) -> dict[tuple[str, str], float]:
    names = {t.id: t.name.casefold() for t in state.tools}
    dims = {d.id: d.key or d.title for d in state.dimensions}
    return {
        (names[tool_id], dims[dim_id]): value
        for tool_id, values in tally.averages(state).items()
        for dim_id, value in values.items()
        if value is not None
    }


def as_csv(state: CartographyState) -> str:
    """The activity's rows as the session's CSV writes them (exports/data.py)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["n°", "activité", "format", "type", "id", "texte", "thème", "auteur",
                     "saisi", "à propos de", "valeur", "détail"])  # fmt: skip
    for row in CARTOGRAPHY.data_rows(state, MinutesContext("results", "fr")):  # type: ignore[attr-defined]
        writer.writerow(["1", "Carte", "cartography", row.kind, row.id, row.text, row.theme, "",
                         "", row.about, row.value, row.detail])  # fmt: skip
    return "\ufeff" + out.getvalue()


class CartographyMachine(EngineMachine):
    FORMAT = CARTOGRAPHY
    REGISTRY = Registry([CARTOGRAPHY])

    def activity_config(self) -> dict[str, Any]:
        return {"dots": 1}

    def item_ids(self) -> list[str]:
        state = self.carto()
        return ([s.id for s in state.stakes] if state else []) + ["s99"]

    def carto(self) -> CartographyState | None:
        activity = self.state.current
        return None if activity is None else activity.state

    def step(self) -> str:
        activity = self.state.current
        return "" if activity is None else step_key(self.REGISTRY, activity)

    def contribute(self, who: str, command_type: str, payload: dict[str, Any]) -> None:
        if who in PHONES:
            self.send(self.phone(who), command_type, payload)
            return
        by = FACILITATOR if who.endswith("facilitator") else SCRIBE
        for pid in self.proxies()[:1]:
            self.send(by, command_type, payload, on_behalf_of=pid)

    def contribute_something(self, pid: str, on_behalf_of: str | None) -> None:
        sender = FACILITATOR if on_behalf_of else self.phone(pid)
        step = self.step()
        if step in ("inventory", "map", "impacts"):
            payload = {"name": ORGANISATIONS[self.counter % len(ORGANISATIONS)]}
            self.send(sender, "cartography.set_organisation", payload, on_behalf_of=on_behalf_of)
        elif step == "stakes":
            payload = {"kind": "stake", "text": self.fresh("stake")}
            self.send(sender, "cartography.add_stake", payload, on_behalf_of=on_behalf_of)

    # -- rules --------------------------------------------------------------------------------

    @initialize(
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
        people=st.lists(
            st.tuples(
                st.sampled_from([*PHONES, "proxy by scribe"]),
                st.sampled_from(ORGANISATIONS),
                st.sampled_from(TOOLS),
                st.sampled_from([["z1"], ["z1", "z2"], ["z3"]]),
                st.sampled_from(["necessity", "choice"]),
            ),
            min_size=1,
            max_size=5,
        ),
        steps_done=st.sampled_from([0, 0, 1, 2, 2, 3, 3, 4, 5]),
    )
    def the_workshop_is_under_way(
        self, anonymity: str, people: list[tuple[str, str, str, list[str], str]], steps_done: int
    ) -> None:
        self.start_activity({"dots": 2}, anonymity)
        for who, org, tool, purposes, why in people:
            self.contribute(who, "cartography.set_organisation", {"name": org})
            payload = {"tool": tool, "purpose_ids": purposes, "why": why}
            self.contribute(who, "cartography.add_use", payload)
        for step in range(steps_done):
            if step == 2:
                for who, *_ in people:
                    payload = {"tool_id": "t1", "dimension_id": "d1", "value": 1}
                    self.contribute(who, "cartography.rate", payload)
            if step == 3:
                for who, *_ in people:
                    payload = {"kind": "criterion", "text": self.fresh("stake")}
                    self.contribute(who, "cartography.add_stake", payload)
            self.send(FACILITATOR, "step.next", {})

    @rule(
        sender=st.sampled_from([*STAFF, *PHONES]),
        proxy=st.sampled_from([None, None, None, "first", "p9"]),
        command_type=st.sampled_from([*TYPES, "cartography.nope"]),
        data=st.data(),
        extra=st.sampled_from([False, False, False, True]),
    )
    def anyone_sends_anything(
        self, sender: str, proxy: str | None, command_type: str, data: Any, extra: bool
    ) -> None:
        payload: dict[str, Any] = {}
        for key in FIELDS.get(command_type, ()):
            if data.draw(st.integers(0, 9)) == 0:
                continue  # left out
            value = data.draw(MESSY[key])
            payload[key] = self.fresh("stake") if value == "fresh" else value
        if extra:
            payload["colour"] = "red"
        actor: Actor = STAFF[sender] if sender in STAFF else self.phone(sender)
        if proxy == "first":
            proxy = next(iter(self.proxies()), None)
        self.send(actor, command_type, payload, on_behalf_of=proxy)

    @precondition(lambda self: self.step() in ("inventory", "map", "impacts"))
    @rule(
        who=CONTRIBUTORS,
        org=st.sampled_from(ORGANISATIONS),
        tool=st.sampled_from(TOOLS),
        purposes=st.sampled_from([["z1"], ["z2", "z4"], ["z9"]]),
        why=st.sampled_from(["necessity", "choice"]),
        also=st.sampled_from(["nothing", "edit", "remove"]),
    )
    def participant_lists_a_tool(
        self, who: str, org: str, tool: str, purposes: list[str], why: str, also: str
    ) -> None:
        self.contribute(who, "cartography.set_organisation", {"name": org})
        payload = {"tool": tool, "purpose_ids": purposes, "why": why}
        self.contribute(who, "cartography.add_use", payload)
        state = self.carto()
        if also != "nothing" and state is not None and state.uses:
            use = state.uses[-1].id
            if also == "edit":
                payload = {"use_id": use, "why": "choice" if why == "necessity" else "necessity"}
                self.contribute(who, "cartography.edit_use", payload)
            else:
                self.contribute(who, "cartography.remove_use", {"use_id": use})

    @precondition(lambda self: self.step() in ("inventory", "map", "impacts"))
    @rule(
        what=st.sampled_from(["organisations", "tools"]),
        a=st.integers(1, 4),
        b=st.integers(1, 4),
    )
    def facilitator_merges(self, what: str, a: int, b: int) -> None:
        if what == "organisations":
            payload = {"organisation_id": f"o{a}", "into_id": f"o{b}"}
            self.send(FACILITATOR, "cartography.merge_organisations", payload)
        else:
            self.send(
                FACILITATOR, "cartography.merge_tools", {"tool_id": f"t{a}", "into_id": f"t{b}"}
            )

    @precondition(lambda self: self.step() == "impacts")
    @rule(
        who=CONTRIBUTORS,
        tool=st.integers(1, 4),
        dimension=st.sampled_from(["d1", "d2", "d5"]),
        value=st.sampled_from([-2, -1, 0, 1, 2, None]),
        shown=st.sampled_from([None, "d1", "d2", "keep"]),
    )
    def participant_rates(
        self, who: str, tool: int, dimension: str, value: int | None, shown: str | None
    ) -> None:
        payload = {"tool_id": f"t{tool}", "dimension_id": dimension, "value": value}
        self.contribute(who, "cartography.rate", payload)
        if shown != "keep":
            self.send(FACILITATOR, "cartography.show_dimension", {"dimension_id": shown})

    @precondition(lambda self: self.step() in ("inventory", "map", "impacts"))
    @rule(rows=st.sampled_from(["own", "tiny"]))
    def facilitator_imports_a_csv(self, rows: str) -> None:
        state = self.carto()
        assert state is not None
        text = (
            as_csv(state)
            if rows == "own"
            else (
                "n,a,format,k,i,t,th,au,pr,ab,v,d\r\n"
                "1,A,cartography,use,x,Signal,Communication interne,,,internal,choice,Hiéro\r\n"
                "1,A,cartography,rating,x,Signal,Coût,,,cost,-1.5,Hiéro\r\n"
            )
        )
        self.send(FACILITATOR, "cartography.import_csv", {"csv": text})

    @precondition(lambda self: self.step() in ("stakes", "vote"))
    @rule(
        moves=st.lists(
            st.tuples(
                st.sampled_from([*PHONES, "proxy by facilitator", "hide", "write"]),
                st.sampled_from(["stake", "criterion"]),
                st.integers(-1, 4),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def the_room_writes_and_votes(self, moves: list[tuple[str, str, int]]) -> None:
        for who, kind, pick in moves:
            state = self.carto()
            assert state is not None
            stake_id = (
                state.stakes[pick % len(state.stakes)].id if state.stakes and pick >= 0 else "s99"
            )
            if who == "hide":
                found = state.stake(stake_id)
                payload = {"stake_id": stake_id, "hidden": found is None or not found.hidden}
                self.send(FACILITATOR, "cartography.hide_stake", payload)
            elif who == "write" or self.step() == "stakes":
                payload = {"kind": kind, "text": self.fresh("stake")}
                self.contribute(who if who in PHONES else "p1", "cartography.add_stake", payload)
            else:
                command = "cartography.add_vote" if pick % 3 else "cartography.remove_vote"
                self.contribute(who, command, {"stake_id": stake_id})

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def the_map_is_drawn_without_overlaps_and_alike_for_everyone(self) -> None:
        activity = self.state.current
        if activity is None or self.checked("the_map_is_drawn"):
            return
        state: CartographyState = activity.state
        views = [activity_view(self.state, self.REGISTRY, role, self.at) for role in Role]
        maps = [json.dumps(v["view"]["map"], sort_keys=True) for v in views if v is not None]
        assert len(set(maps)) == 1, "every screen gets the same map"
        view = views[0]
        assert view is not None
        drawn = view["view"]["map"]
        boxes = [m["label_box"] for m in drawn["marks"]] + [mark_box(m) for m in drawn["marks"]]
        for a, b in itertools.combinations(boxes, 2):
            assert not boxes_overlap(a, b), (a, b)
        listed = sum(len(p["tools"]) for p in view["view"]["list"])
        overflow = sum(z["overflow"] for z in drawn["zones"])
        assert len(drawn["marks"]) + overflow == listed
        # Organisations count once: as many as have a member who listed the tool there.
        for purpose in view["view"]["list"]:
            for tool in purpose["tools"]:
                whys = tally.org_whys(state)
                orgs = {
                    o for (o, t, z) in whys if t == tool["tool_id"] and z == purpose["purpose_id"]
                }
                assert tool["organisations"] == len(orgs)
                assert tool["necessity"] + tool["choice"] + tool["mixed"] == len(orgs)

    @invariant()
    def hidden_stakes_and_early_results_show_nowhere(self) -> None:
        activity = self.state.current
        if activity is None or self.checked("hidden_stakes"):
            return
        state: CartographyState = activity.state
        step = step_key(self.REGISTRY, activity)
        hidden = {
            FRESH.findall(s.text)[0] for s in state.stakes if s.hidden and FRESH.search(s.text)
        }
        for role in Role:
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            if role is not Role.FACILITATOR:
                shown = set(FRESH.findall(json.dumps(view, ensure_ascii=False)))
                assert not shown & hidden, f"the {role} view shows hidden {shown & hidden}"
            if not (step == "results" or (step == "vote" and activity.revealed)):
                assert "results" not in view["view"]

    @invariant()
    def nobody_has_more_dots_of_a_kind_than_given(self) -> None:
        if self.checked("dots"):
            return
        for activity in self.state.activities:
            state: CartographyState = activity.state
            kinds = {s.id: s.kind for s in state.stakes}
            standing = {s.id for s in state.visible_stakes()}
            assert {sid for _, sid in state.votes} <= standing
            for voter in {v for v, _ in state.votes}:
                for kind in KINDS:
                    used = sum(1 for v, s in state.votes if v == voter and kinds[s] == kind)
                    assert used <= state.dots, (voter, kind, used)

    @invariant()
    def minutes_rows_and_picture_render_in_every_language(self) -> None:
        activity = self.state.current
        if activity is None or self.checked("documents"):
            return
        step = step_key(self.REGISTRY, activity)
        for lang in LANGUAGES:
            ctx = MinutesContext(step, lang)
            assert CARTOGRAPHY.minutes(activity.state, ctx).endswith("\n")
            data_rows(CARTOGRAPHY, activity.state, ctx)
            for picture in pictures(CARTOGRAPHY, activity.state, ctx):
                assert picture.svg.startswith("<svg")

    @invariant()
    def the_csv_read_back_gives_the_same_map(self) -> None:
        activity = self.state.current
        if activity is None or self.checked("csv_roundtrip"):
            return
        state: CartographyState = activity.state
        if not state.uses and not state.ratings:
            return
        fresh = CARTOGRAPHY.initial_state(parse(CARTOGRAPHY.config_fields, {}))
        try:
            uses, ratings = read_csv(as_csv(state))
        except Exception as refused:  # only when nothing is there to read
            assert not tally.org_whys(state) and not tally.org_ratings(state), refused
            return
        merged = RowsImported(uses, ratings).apply(fresh)
        assert map_of(merged) == map_of(state)
        before, after = averages_of(state), averages_of(merged)
        assert before.keys() == after.keys()
        for key, value in before.items():
            assert abs(after[key] - value) <= 0.011, (key, value, after[key])


CartographyMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_cartography_state_machine = CartographyMachine.TestCase
