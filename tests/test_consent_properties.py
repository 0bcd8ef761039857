"""The consent decision as a state machine: any sequence of commands, by anyone, keeps the
invariants.

Pure engine only (`tests/engine_machine.py` plays the facilitator's toolkit around it: steps,
reveal, undo, time-boxes, people without a phone and proxies, show of hands, anonymity levels,
people removed). On top of its invariants (replay equals live, refusals in every language,
`can`, anonymity):

- never adopted while an objection is open or reasoned: an accepted adoption found none, and an
  adopted proposal keeps none;
- every accepted format command is one its declared rule allows to the sender's roles in that
  step, and what a person gives is theirs (their own id, or alias);
- before a round's positions are open, no view of any role and no phone's own view but the
  author's holds a position or an objection of that round: only the count of answers;
- the minutes render in French and English and name people only in a named activity.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

import formats.consent
from facilitation.permissions import roles_of
from facilitation.protocol import ANONYMITY_LEVELS, ANONYMOUS, ViewContext
from facilitation.registry import Registry
from facilitation.session import step_key
from facilitation.types import Role
from facilitation.views import activity_view
from formats.consent import rules
from formats.consent.state import ConsentState
from tests.engine_machine import FACILITATOR, PHONES, SCRIBE, EngineMachine, Sent

CONSENT = formats.consent.FORMAT
STEPS = [s.key for s in CONSENT.steps]
GROUP = st.sampled_from([*PHONES, "proxy", "proposer"])
POSITIONS = st.sampled_from(
    ["consent", "consent", "concern", "objection", "objection", "nope", None]
)
TEXTS = st.sampled_from(["fresh", "fresh", "fresh", "empty", "too_long", "number"])
PICKS = st.integers(-1, 5)


class ConsentMachine(EngineMachine):
    FORMAT = CONSENT
    REGISTRY = Registry([CONSENT])

    def activity_config(self) -> dict[str, Any]:
        return {"title": self.fresh("title"), "quorum": 3}

    def consent(self) -> ConsentState:
        activity = self.state.current
        assert activity is not None
        state: ConsentState = activity.state
        return state

    def item_ids(self) -> list[str]:
        c = self.consent()
        ids = [q.id for q in c.questions] + [r.id for r in c.reactions]
        hands = [rules.hand_item(r, "objection") for r in c.rounds]
        return [*ids, *hands, "q99", "o9-consent"]

    def step(self) -> str:
        activity = self.state.current
        return "" if activity is None else step_key(self.REGISTRY, activity)

    def proposers(self) -> list[str]:
        activity = self.state.current
        if activity is None:
            return []
        return sorted(pid for pid, roles in activity.roles.items() if "proposer" in roles)

    def text(self, how: str, limit: int = 500) -> Any:
        match how:
            case "fresh":
                return self.fresh("text")
            case "empty":
                return ""
            case "too_long":
                return self.fresh("text").ljust(limit + 1, "-")
            case "number":
                return 42
        raise AssertionError(how)

    def as_member(self, who: str, command_type: str, payload: dict[str, Any]) -> None:
        if who == "proposer":
            found = self.proposers()
            if not found:
                self.send(FACILITATOR, command_type, payload)
                return
            who = found[0]
        if who == "proxy" or who not in PHONES:
            proxies = self.proxies()
            person = who if who in proxies else (proxies[0] if proxies else None)
            if person is not None:
                self.send(SCRIBE, command_type, payload, on_behalf_of=person)
            return
        self.send(self.phone(who), command_type, payload)

    def pick(self, items: list[str], index: int, missing: str) -> str:
        return items[index % len(items)] if items and index >= 0 else missing

    def contribute_something(self, pid: str, on_behalf_of: str | None) -> None:
        step = self.step()
        sender = SCRIBE if on_behalf_of else self.phone(pid)
        if step == "clarification":
            self.send(sender, "consent.ask", {"text": self.fresh("text")}, None, on_behalf_of)
        elif step == "reactions":
            self.send(sender, "consent.react", {"text": self.fresh("text")}, None, on_behalf_of)
        elif step == "objections":
            payload = {"position": "concern", "text": self.fresh("text")}
            self.send(sender, "consent.give_position", payload, None, on_behalf_of)

    # -- checks after each accepted command ---------------------------------------------------

    def accepted(self, sent: Sent) -> None:
        super().accepted(sent)
        before = sent.before.current
        if before is None or sent.type not in CONSENT.commands:
            return
        roles = roles_of(sent.before, sent.acting)
        step = step_key(self.REGISTRY, before)
        rule_ = CONSENT.commands[sent.type].rule
        assert rule_.allows(roles, step), f"{sent.type} by {sorted(roles)} at {step}"
        for event in sent.events:
            if "author_id" in event.data:
                assert event.data["author_id"] == sent.acting.id, event
        for event in sent.events:
            if event.type == "consent.decided" and event.data["outcome"] == "adopted":
                old: ConsentState = before.state
                assert not old.blocking, f"adopted with {old.blocking}"
                assert old.current_round is not None, "adopted with no round on the version"
                assert sent.sender.role is Role.FACILITATOR

    # -- the decision -------------------------------------------------------------------------

    @initialize(
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
        proposer=st.sampled_from(["p1", "p2", None]),
        steps_done=st.sampled_from([0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 6, 6]),
        integrate=st.sampled_from(["amend", "withdraw", "set_aside", "reasoned", "none"]),
    )
    def the_decision_is_under_way(
        self, anonymity: str, proposer: str | None, steps_done: int, integrate: str = "none"
    ) -> None:
        self.integrate = integrate
        self.start_activity(self.activity_config(), anonymity)
        if proposer is not None:
            payload = {"participant_id": proposer, "role": "proposer", "assigned": True}
            self.send(FACILITATOR, "participant.assign_role", payload)
        for key in STEPS[: steps_done + 1]:
            self.fill(key)
            if key != STEPS[steps_done]:
                self.send(FACILITATOR, "step.next", {})

    def fill(self, step: str) -> None:
        if step == "proposal":
            self.send(FACILITATOR, "consent.write_proposal", {"text": self.fresh("text")})
        elif step == "clarification":
            self.as_member("p2", "consent.ask", {"text": self.fresh("text")})
            self.send(SCRIBE, "consent.answer", {"question_id": "q1", "text": self.fresh("t")})
        elif step == "reactions":
            self.as_member("p2", "consent.react", {"text": self.fresh("text")})
            self.as_member("proxy", "consent.react", {"text": self.fresh("text")})
        elif step == "amendment":
            self.send(FACILITATOR, "consent.amend", {"text": self.fresh("text")})
        elif step == "objections":
            self.as_member("p1", "consent.give_position", {"position": "consent"})
            objection = {"position": "objection", "text": self.fresh("text")}
            self.as_member("p2", "consent.give_position", objection)
        elif step == "integration":
            objections = [o.id for o in self.consent().objections]
            if not objections:
                return
            if self.integrate == "withdraw":
                self.as_member("p2", "consent.withdraw_objection", {"objection_id": objections[0]})
                return
            reasoned = {"objection_id": objections[0], "reasoned": self.integrate != "set_aside"}
            self.send(FACILITATOR, "consent.examine_objection", {**reasoned, "note": "n"})
            if self.integrate == "amend":
                payload = {"text": self.fresh("text"), "objection_ids": objections[:1]}
                self.send(FACILITATOR, "consent.amend", payload)
                # The new round, on the new version: everyone consents.
                self.send(FACILITATOR, "step.previous", {})
                for who in ("p1", "p2", "proxy"):
                    self.as_member(who, "consent.give_position", {"position": "consent"})
                self.send(FACILITATOR, "step.next", {})

    @precondition(lambda self: self.step() == "proposal")
    @rule(by=st.sampled_from(["proposer", "scribe", "facilitator"]), text=TEXTS)
    def the_proposal_is_written(self, by: str, text: str) -> None:
        payload = {"text": self.text(text, 4000), "title": self.fresh("title")}
        if by == "proposer":
            self.as_member("proposer", "consent.write_proposal", payload)
        else:
            self.send(SCRIBE if by == "scribe" else FACILITATOR, "consent.write_proposal", payload)

    @precondition(lambda self: self.step() == "clarification")
    @rule(who=GROUP, text=TEXTS, answer=st.booleans(), pick=PICKS)
    def the_group_asks_and_is_answered(self, who: str, text: str, answer: bool, pick: int) -> None:
        self.as_member(who, "consent.ask", {"text": self.text(text, 280)})
        if answer:
            questions = [q.id for q in self.consent().questions]
            payload = {"question_id": self.pick(questions, pick, "q99"), "text": self.fresh("a")}
            self.as_member("proposer", "consent.answer", payload)

    @precondition(lambda self: self.step() == "reactions")
    @rule(who=GROUP, text=TEXTS)
    def each_reacts(self, who: str, text: str) -> None:
        self.as_member(who, "consent.react", {"text": self.text(text, 280)})

    @precondition(lambda self: self.step() in ("amendment", "integration"))
    @rule(
        by=st.sampled_from(["proposer", "facilitator", "scribe"]),
        integrates=st.lists(PICKS, max_size=2),
        same=st.booleans(),
        back=st.booleans(),
    )
    def the_proposal_is_amended(
        self, by: str, integrates: list[int], same: bool, back: bool
    ) -> None:
        c = self.consent()
        version = c.version
        text = version.text if same and version else self.fresh("text")
        objections = [o.id for o in c.objections]
        ids = [self.pick(objections, i, "j99") for i in integrates]
        payload = {"text": text, "reason": self.fresh("why"), "objection_ids": ids}
        if by == "proposer":
            self.as_member("proposer", "consent.amend", payload)
        else:
            self.send(SCRIBE if by == "scribe" else FACILITATOR, "consent.amend", payload)
        if back and self.step() == "integration":
            # A new round on the new version.
            self.send(FACILITATOR, "step.previous", {})

    @precondition(lambda self: self.step() == "objections")
    @rule(who=GROUP, position=POSITIONS, text=TEXTS)
    def each_gives_a_position(self, who: str, position: Any, text: str) -> None:
        payload = {"position": position, "text": self.text(text)}
        self.as_member(who, "consent.give_position", payload)

    @precondition(lambda self: self.step() in ("objections", "integration"))
    @rule(pick=PICKS, reasoned=st.booleans(), note=TEXTS)
    def the_facilitator_examines(self, pick: int, reasoned: bool, note: str) -> None:
        objections = [o.id for o in self.consent().objections]
        payload = {
            "objection_id": self.pick(objections, pick, "j99"),
            "reasoned": reasoned,
            "note": self.text(note),
        }
        self.send(FACILITATOR, "consent.examine_objection", payload)

    @precondition(lambda self: self.step() in ("objections", "integration", "decision"))
    @rule(who=GROUP, pick=PICKS)
    def an_author_withdraws(self, who: str, pick: int) -> None:
        objections = [o.id for o in self.consent().objections]
        payload = {"objection_id": self.pick(objections, pick, "j99")}
        self.as_member(who, "consent.withdraw_objection", payload)

    @precondition(lambda self: self.step() == "decision")
    @rule(
        by=st.sampled_from(["facilitator", "facilitator", "proposer", "scribe"]),
        outcome=st.sampled_from(["adopted", "adopted", "postponed", "withdrawn", "nope"]),
    )
    def the_decision_is_taken(self, by: str, outcome: str) -> None:
        payload = {"outcome": outcome, "note": self.fresh("note")}
        if by == "proposer":
            self.as_member("proposer", "consent.decide", payload)
        else:
            self.send(SCRIBE if by == "scribe" else FACILITATOR, "consent.decide", payload)

    @rule(count=st.sampled_from([0, 1, 4]), kind=st.sampled_from(["consent", "objection"]))
    def hands_are_counted(self, count: int, kind: str) -> None:
        r = self.consent().round if self.state.current else None
        if r is not None:
            payload = {"item_id": rules.hand_item(r, kind), "count": count}
            self.send(FACILITATOR, "hands.count", payload)

    # -- invariants -------------------------------------------------------------------------

    @invariant()
    def never_adopted_while_an_objection_stands(self) -> None:
        for activity in self.state.activities:
            c: ConsentState = activity.state
            if c.outcome is not None and c.outcome.kind == "adopted":
                assert not c.blocking, f"adopted while {c.blocking} stand"

    @invariant()
    def hidden_positions_reach_nobody(self) -> None:
        if self.checked("hidden_positions_reach_nobody"):
            return
        activity = self.state.current
        if activity is None:
            return
        c: ConsentState = activity.state
        r = c.round
        people = sum(1 for p in self.state.participants.values() if not p.removed)
        if r is None or rules.shown(
            c, r, step_key(self.REGISTRY, activity), activity.revealed, people
        ):
            return
        secrets = {p.text for p in r.positions if p.text}
        hidden = {o.id for o in c.objections if o.round_id == r.id}
        for role in (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.ROOM, Role.PARTICIPANT):
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            shown = view["view"]["round"]
            assert shown["positions"] == [] and shown["counts"] is None, role
            text = json.dumps(view, ensure_ascii=False)
            leaked = [s for s in secrets | hidden if s in text]
            assert not leaked, f"the {role} view shows {leaked} before the reveal"

    @invariant()
    def the_view_says_what_adoption_would_say(self) -> None:
        if self.checked("the_view_says_what_adoption_would_say"):
            return
        activity = self.state.current
        if activity is None or step_key(self.REGISTRY, activity) != "decision":
            return
        c: ConsentState = activity.state
        ctx = ViewContext(step="decision", role=Role.FACILITATOR)
        view = CONSENT.view(c, ctx)
        assert view["can_adopt"] == (rules.adopt_refusal(c) is None)

    @invariant()
    def anonymous_positions_carry_no_participant_id(self) -> None:
        for activity in self.state.activities:
            if activity.anonymity != ANONYMOUS:
                continue
            c: ConsentState = activity.state
            ids = set(self.state.participants)
            authors = {p.author_id for r in c.rounds for p in r.positions}
            authors |= {o.author_id for o in c.objections}
            assert not authors & ids, "a position in an anonymous activity names its author"


ConsentMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_consent_machine = ConsentMachine.TestCase


def _machine_at_the_objections(anonymity: str = "pseudonym") -> ConsentMachine:
    """A decision played to its objection round, with no proposer (the facilitator writes)."""
    machine = ConsentMachine()
    machine.integrate = "none"
    machine.start_activity(machine.activity_config(), anonymity)
    for key in STEPS[: STEPS.index("objections") + 1]:
        machine.fill(key)
        if key != "objections":
            machine.send(FACILITATOR, "step.next", {})
    return machine


def test_once_the_round_is_shown_no_phone_is_offered_a_position() -> None:
    """`can` says what the handler says: one rule (`positions_shown`) for both."""
    machine = _machine_at_the_objections()
    people = [*machine.present_phones(), *machine.proxies()]
    assert "consent.give_position" in machine.private_views()["p3"]["me"]["can"]
    for who in people[2:]:
        machine.as_member(who, "consent.give_position", {"position": "consent"})
    c = machine.consent()
    assert c.current_round is not None and len(c.current_round.positions) == len(people)
    privates = machine.private_views()
    for who in people:
        assert "consent.give_position" not in privates[who]["me"]["can"], who
    again = {"position": "concern", "text": "Finalement, non"}
    assert not machine.tried(machine.phone("p1"), "consent.give_position", again)
    assert machine.send(machine.phone("p1"), "consent.give_position", again) is None
    assert "positions_shown" in machine.rejected_codes


def test_after_an_amendment_the_view_has_no_round_until_a_position_on_the_new_version() -> None:
    machine = _machine_at_the_objections()
    machine.send(FACILITATOR, "step.next", {})
    (objection,) = machine.consent().objections
    amended = {"text": "Version 3", "objection_ids": [objection.id]}
    machine.send(FACILITATOR, "consent.amend", amended)
    machine.send(FACILITATOR, "step.previous", {})
    view = activity_view(machine.state, machine.REGISTRY, Role.ROOM, machine.at)
    assert view is not None
    consent = view["view"]
    assert consent["version"]["number"] == 3
    assert consent["round"] is None, "no answer yet on the new version"
    (earlier,) = consent["rounds"]
    assert earlier["version"] == 2 and earlier["shown"] and earlier["answered"] == 2
    assert "consent.give_position" in machine.private_views()["p1"]["me"]["can"]
    machine.as_member("p1", "consent.give_position", {"position": "consent"})
    view = activity_view(machine.state, machine.REGISTRY, Role.ROOM, machine.at)
    assert view is not None
    current = view["view"]["round"]
    assert (current["number"], current["version"], current["answered"]) == (2, 3, 1)
    assert not current["shown"] and len(view["view"]["rounds"]) == 2
