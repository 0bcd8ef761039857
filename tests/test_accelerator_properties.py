"""The project accelerator as a state machine: any sequence of commands, by anyone, keeps the
invariants.

Pure engine only (no server, no database): `tests/engine_machine.py` sends each command along
the path of `SessionService.dispatch` and plays the facilitator's toolkit around the accelerator
(steps, time-boxes that close input, lock, "I'm done", undo, a second accelerator added and
opened, people without a phone and proxy entries, anonymous, pseudonym and named activities,
show of hands and spotlight on questions and contributions, removing and renaming people), with
its own invariants (replay, refusals, `can`, undo, closed input, anonymity). The holder role
comes and goes (`participant.assign_role`). On top of those:

- every accepted command is one its declared rule allows to the roles the sender held, in the
  step it was sent: the holder never asks, contributes or changes a contribution, only the
  facilitator moves steps; what a person writes is theirs (their own id, or alias);
- the closing round stays coherent: one place per person, the speaker is in the round;
- no view leaks: the participants' and the room's views hold no participant id (only the staff
  order the round by id); each phone's own view lists only what that person wrote and their own
  place; a holder's phone reads the holder's instructions;
- nothing the group wrote and that still stands is kept from anyone: the room shows it;
- moderation leaves a trace: staff edits never lose the author's original words (after any
  command, each participant's contribution still holds the words its author last wrote, as its
  text or, once the scribe or a facilitator changed them, as `original`; only the author's own
  edit changes them and only the author's own removal takes them away); an edited contribution
  says so on the room screen and in the minutes, the author's words never show; a contribution
  staff removed is hidden, shown nowhere, and counted in the minutes;
- the minutes render in French and English, show only the steps reached, and name authors only
  in a named activity.

Every text a rule writes is fresh (`text·7·`), so finding it in a view or in the minutes means
exactly that this text is there.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

import formats.accelerator
from facilitation.messages import translate
from facilitation.permissions import roles_of
from facilitation.protocol import ANONYMITY_LEVELS, ANONYMOUS
from facilitation.registry import Registry
from facilitation.session import step_key
from facilitation.types import Actor, Role
from facilitation.views import activity_view, private_views
from formats.accelerator.minutes import staff_words, text_block
from formats.accelerator.state import CONTRIBUTION_KINDS as KINDS
from formats.accelerator.state import AcceleratorState, Contribution
from formats.kit.contributions import STAFF_AUTHORS
from tests.engine_machine import FACILITATOR, PHONES, SCRIBE, STAFF, EngineMachine, Sent

ACCELERATOR = formats.accelerator.FORMAT
TYPES = sorted(ACCELERATOR.commands)
STEPS = [s.key for s in ACCELERATOR.steps]
FRESH = re.compile(r"text·\d+·")
ABSENT = object()
MODERATORS = ("scribe", "facilitator")

# The payload fields each command declares: what `anyone_sends_any_accelerator_command` fills.
FIELDS: dict[str, tuple[str, ...]] = {
    t: tuple(f.key for f in spec.fields) for t, spec in ACCELERATOR.commands.items()
}
TEXT_FIELDS = {"text", "problem", "title", "what", "who", "when", "name"}
ID_VALUES = ["q1", "q2", "c3", "c4", "k1", "g5", "g6", "ap7", "t2", "t9", "", None, 7, "x" * 65]
MESSY: dict[str, st.SearchStrategy[Any]] = {
    "status": st.sampled_from(["open", "answered", "skipped", "done", None, 1]),
    "kind": st.sampled_from(["idea", "experience", "warning", "advice", None, []]),
    "participant_ids": st.sampled_from(
        [["p1", "p2"], ["p2", "p1", "p4"], ["p1", "p1"], ["p9"], [], "p1", None, [1]]
    ),
    "count": st.sampled_from([0, 1, 3, 201, -1, "2", True, None]),
    # Who said aloud what staff type: people here, a holder, someone unknown, nonsense.
    "said_by": st.sampled_from(["p1", "p2", "p3", "p4", "p9", None, "", 5]),
}
TEXTS = st.sampled_from(
    ["fresh", "fresh", "fresh", "empty", "blank", "too_long", "number", "none", "absent"]
)
USUAL_TEXTS = st.sampled_from(["fresh"] * 8 + ["empty", "too_long"])
PICKS = st.integers(-1, 6)
# Who takes part: a phone, a person without a phone (typed by the scribe), or the holder.
GROUP = st.sampled_from([*PHONES, "proxy", "holder"])


class AcceleratorMachine(EngineMachine):
    FORMAT = ACCELERATOR
    REGISTRY = Registry([ACCELERATOR])

    def activity_config(self) -> dict[str, Any]:
        return {"project": self.fresh("title"), "problem": self.fresh("text")}

    def accelerator(self) -> AcceleratorState:
        activity = self.state.current
        assert activity is not None
        state: AcceleratorState = activity.state
        return state

    def item_ids(self) -> list[str]:
        a = self.accelerator()
        ids = [q.id for q in a.questions] + [c.id for c in a.contributions]
        return [*ids, *(p.id for p in a.points), "q99", "ap1"]

    def step(self) -> str:
        activity = self.state.current
        return "" if activity is None else step_key(self.REGISTRY, activity)

    def holders(self) -> list[str]:
        activity = self.state.current
        if activity is None:
            return []
        return sorted(pid for pid, roles in activity.roles.items() if "holder" in roles)

    def text(self, how: str, limit: int = 280) -> Any:
        match how:
            case "fresh":
                return self.fresh("text")
            case "empty":
                return ""
            case "blank":
                return " \n\t "
            case "too_long":
                return self.fresh("text").ljust(limit + 1, "-")
            case "number":
                return 42
            case "none":
                return None
            case "absent":
                return ABSENT
        raise AssertionError(how)

    def as_member(self, who: str, command_type: str, payload: dict[str, Any]) -> None:
        """A member of the group sends it: a phone, a person without a phone through the scribe,
        or whoever holds the project."""
        if who == "holder":
            holders = self.holders()
            if not holders:
                return
            who = holders[0]
        if who == "proxy" or (who not in PHONES):
            proxies = self.proxies()
            person = who if who in proxies else (proxies[0] if proxies else None)
            if person is not None:
                self.send(SCRIBE, command_type, payload, on_behalf_of=person)
            return
        self.send(self.phone(who), command_type, payload)

    def pick(self, items: list[str], index: int, missing: str) -> str:
        return items[index % len(items)] if items and index >= 0 else missing

    # -- checks after each accepted command ---------------------------------------------------

    def accepted(self, sent: Sent) -> None:
        super().accepted(sent)
        self.check_the_authors_words_are_kept(sent)
        before = sent.before.current
        if sent.type.startswith("step."):
            assert sent.sender.role is Role.FACILITATOR, f"{sent.sender} moved the step"
        if before is None or sent.type not in ACCELERATOR.commands:
            return
        roles = roles_of(sent.before, sent.acting)
        step = step_key(self.REGISTRY, before)
        rule_ = ACCELERATOR.commands[sent.type].rule
        assert rule_.allows(roles, step), f"{sent.type} by {sorted(roles)} at {step}"
        if sent.type in (
            "accelerator.ask",
            "accelerator.contribute",
            "accelerator.edit_contribution",
            "accelerator.remove_contribution",
        ):
            assert "holder" not in roles, f"the holder sent {sent.type} at {step}"
        for event in sent.events:
            if "author_id" in event.data:
                assert event.data["author_id"] == sent.acting.id, event
        if sent.type == "accelerator.say_takeaway":
            (said,) = [e for e in sent.events if e.type == "accelerator.takeaway_said"]
            turn = self.accelerator().round.turn(said.data["turn_id"])
            assert turn is not None and turn.person_id == sent.acting.id, "not their own place"

    def check_the_authors_words_are_kept(self, sent: Sent) -> None:
        """Staff edits never lose the author's original words: whatever the command (moderation,
        undo, a step move, someone removed…), every participant's contribution of an activity
        still there holds the words its author last wrote, hidden or not. Only the author's own
        edit changes them (and the words are then theirs: no trace); only the author's own
        removal takes them away."""
        for activity in self.state.activities:
            earlier = sent.before.activity(activity.id)
            if earlier is None:
                continue
            now = {c.id: c for c in activity.state.contributions}
            for c in earlier.state.contributions:
                if c.author_id in STAFF_AUTHORS:
                    continue
                after = now.get(c.id)
                theirs = sent.acting.role is Role.PARTICIPANT and sent.acting.id == c.author_id
                touched = {
                    e.type
                    for e in sent.events
                    if e.activity_id == activity.id and e.data.get("contribution_id") == c.id
                }
                if after is None:
                    assert theirs and touched == {"accelerator.contribution_removed"}, (
                        f"{sent.type} by {sent.acting} lost {c.id}"
                    )
                elif theirs and "accelerator.contribution_edited" in touched:
                    assert after.original is None and after.edited_by is None, after
                else:
                    assert own_words(after) == own_words(c), (
                        f"{sent.type} by {sent.acting} lost the author's words of {c.id}"
                    )

    # -- the workshop -------------------------------------------------------------------------

    @initialize(
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
        holder=st.sampled_from(["p1", "p2", "p4", None]),
        steps_done=st.sampled_from([0, 1, 1, 1, 2, 3, 3, 3, 4, 4, 5, 5, 5]),
        moderated=st.booleans(),
    )
    def the_workshop_is_under_way(
        self, anonymity: str, holder: str | None, steps_done: int, moderated: bool = False
    ) -> None:
        """An accelerator with a holder and something in each step passed, in any step; the
        exchanges moderated or not."""
        self.start_activity(self.activity_config(), anonymity)
        if holder is not None:
            payload = {"participant_id": holder, "role": "holder", "assigned": True}
            self.send(FACILITATOR, "participant.assign_role", payload)
        for key in STEPS[: steps_done + 1]:
            self.fill(key)
            if key == "exchanges" and moderated:
                self.moderate()
            if key != STEPS[steps_done]:
                self.send(FACILITATOR, "step.next", {})

    def moderate(self) -> None:
        """A phone's contribution more; then the scribe rewords the group's first, and a
        facilitator removes its last."""
        self.as_member("p3", "accelerator.contribute", {"text": self.fresh("text")})
        a = self.accelerator()
        theirs = [c.id for c in a.visible_contributions if c.author_id not in STAFF_AUTHORS]
        if theirs:
            payload = {"contribution_id": theirs[0], "text": self.fresh("text")}
            self.send(SCRIBE, "accelerator.edit_contribution", payload)
        if len(theirs) > 1:
            payload = {"contribution_id": theirs[-1]}
            self.send(FACILITATOR, "accelerator.remove_contribution", payload)

    def fill(self, step: str) -> None:
        """Something in a step, as the scribe notes it (anyone may hold the project)."""
        text = {"text": self.fresh("text")}
        if step == "presentation":
            self.send(SCRIBE, "accelerator.write_presentation", text)
            self.send(SCRIBE, "accelerator.add_point", {"text": self.fresh("text")})
        elif step == "questions":
            self.send(SCRIBE, "accelerator.ask", text)
            self.send(SCRIBE, "accelerator.ask", {"text": self.fresh("text")})
        elif step == "request":
            self.send(SCRIBE, "accelerator.set_request", text)
        elif step == "exchanges":
            self.send(SCRIBE, "accelerator.contribute", {**text, "kind": "warning"})
            self.as_member("p2", "accelerator.contribute", {"text": self.fresh("text")})
            self.send(SCRIBE, "accelerator.add_theme", {"title": self.fresh("text")})
        elif step == "synthesis":
            self.send(SCRIBE, "accelerator.add_action", {"what": self.fresh("text")})
        else:
            activity = self.state.current
            assert activity is not None
            if activity.anonymity == ANONYMOUS:
                self.send(SCRIBE, "accelerator.set_round", {"count": 3})
            else:
                self.send(SCRIBE, "accelerator.set_round", {"participant_ids": ["p2", "p4", "p1"]})

    @precondition(lambda self: self.step() in ("presentation", "questions"))
    @rule(
        by=st.sampled_from(["holder", "scribe", "facilitator"]),
        problem=TEXTS,
        text=TEXTS,
        point=st.sampled_from(["add", "remove", "none"]),
        pick=PICKS,
    )
    def the_presentation_is_written(
        self, by: str, problem: str, text: str, point: str, pick: int
    ) -> None:
        payload = {"problem": self.text(problem, 300), "text": self.text(text, 4000)}
        payload = {k: v for k, v in payload.items() if v is not ABSENT}
        sender = STAFF.get(by)
        if sender is None:
            self.as_member("holder", "accelerator.write_presentation", payload)
        else:
            self.send(sender, "accelerator.write_presentation", payload)
        if point == "add":
            self.send(SCRIBE, "accelerator.add_point", {"text": self.fresh("text")})
        elif point == "remove":
            points = [p.id for p in self.accelerator().points]
            self.send(
                SCRIBE, "accelerator.remove_point", {"point_id": self.pick(points, pick, "k9")}
            )

    @precondition(lambda self: self.step() == "questions")
    @rule(who=GROUP, text=USUAL_TEXTS)
    def the_group_asks(self, who: str, text: str) -> None:
        self.as_member(who, "accelerator.ask", {"text": self.text(text)})

    @precondition(lambda self: self.step() == "questions")
    @rule(
        by=st.sampled_from(["holder", "holder", "scribe", "facilitator"]),
        what=st.sampled_from(["answer", "answer", "skipped", "open", "answered", "remove"]),
        who=GROUP,
        pick=PICKS,
        text=USUAL_TEXTS,
    )
    def questions_are_answered(self, by: str, what: str, who: str, pick: int, text: str) -> None:
        question_id = self.pick([q.id for q in self.accelerator().questions], pick, "q99")
        if what == "remove":
            self.as_member(who, "accelerator.remove_question", {"question_id": question_id})
        elif what == "answer":
            payload = {"question_id": question_id, "text": self.text(text, 1000)}
            if by == "holder":
                self.as_member("holder", "accelerator.answer", payload)
            else:
                self.send(STAFF[by], "accelerator.answer", payload)
        else:
            payload = {"question_id": question_id, "status": what}
            self.send(STAFF.get(by, FACILITATOR), "accelerator.mark_question", payload)

    @precondition(lambda self: self.step() == "request")
    @rule(by=st.sampled_from(["holder", "holder", "scribe"]), text=USUAL_TEXTS, again=st.booleans())
    def the_request_is_worded(self, by: str, text: str, again: bool) -> None:
        words = self.accelerator().request if again else self.text(text, 500)
        payload = {"text": words}
        if by == "holder":
            self.as_member("holder", "accelerator.set_request", payload)
        else:
            self.send(SCRIBE, "accelerator.set_request", payload)

    @precondition(lambda self: self.step() == "exchanges")
    @rule(
        who=GROUP,
        what=st.sampled_from(["add", "add", "add", "edit", "remove"]),
        kind=st.sampled_from(["idea", "experience", "warning"]),
        pick=PICKS,
        text=USUAL_TEXTS,
    )
    def the_group_contributes(self, who: str, what: str, kind: str, pick: int, text: str) -> None:
        """The holder is drawn too: every attempt of theirs must be refused."""
        if what == "add":
            payload = {"text": self.text(text, 500), "kind": kind}
            self.as_member(who, "accelerator.contribute", payload)
            return
        ids = [c.id for c in self.accelerator().contributions]
        contribution_id = self.pick(ids, pick, "c99")
        if what == "edit":
            payload = {"contribution_id": contribution_id, "text": self.text(text, 500)}
            self.as_member(who, "accelerator.edit_contribution", payload)
        else:
            payload = {"contribution_id": contribution_id}
            self.as_member(who, "accelerator.remove_contribution", payload)

    @precondition(lambda self: self.step() == "exchanges")
    @rule(
        by=st.sampled_from([SCRIBE, FACILITATOR]),
        what=st.sampled_from(["edit", "edit", "kind", "words_back", "remove"]),
        pick=PICKS,
        kind=st.sampled_from(KINDS),
    )
    def staff_moderate_the_exchanges(self, by: Actor, what: str, pick: int, kind: str) -> None:
        """The scribe or a facilitator rewords a contribution (a participant's or a staff
        note), changes only its kind, puts the author's own words back, or removes it."""
        shown = self.accelerator().visible_contributions
        c = shown[pick % len(shown)] if shown and pick >= 0 else None
        contribution_id = c.id if c else "c99"
        if what == "remove":
            self.send(by, "accelerator.remove_contribution", {"contribution_id": contribution_id})
            return
        text = self.fresh("text")
        if c is not None and what == "kind":
            text = c.text
        elif c is not None and what == "words_back":
            text = own_words(c)
        payload = {"contribution_id": contribution_id, "text": text, "kind": kind}
        self.send(by, "accelerator.edit_contribution", payload)

    @precondition(lambda self: self.step() in ("exchanges", "synthesis"))
    @rule(
        by=st.sampled_from([SCRIBE, FACILITATOR]),
        what=st.sampled_from(["add", "rename", "sort", "sort", "unsort"]),
        pick=PICKS,
        into=PICKS,
    )
    def contributions_are_grouped(self, by: Actor, what: str, pick: int, into: int) -> None:
        a = self.accelerator()
        themes = [t.id for t in a.themes]
        if what == "add":
            self.send(by, "accelerator.add_theme", {"title": self.fresh("text")})
        elif what == "rename":
            payload = {"theme_id": self.pick(themes, pick, "g99"), "title": self.fresh("text")}
            self.send(by, "accelerator.rename_theme", payload)
        else:
            payload = {
                "contribution_id": self.pick([c.id for c in a.contributions], pick, "c99"),
                "theme_id": None if what == "unsort" else self.pick(themes, into, "g99"),
            }
            self.send(by, "accelerator.set_theme", payload)

    @precondition(lambda self: self.step() == "synthesis")
    @rule(
        by=st.sampled_from(["holder", "scribe"]),
        what=st.sampled_from(["synthesis", "add", "add", "edit", "remove"]),
        pick=PICKS,
        text=USUAL_TEXTS,
    )
    def the_plan_is_written(self, by: str, what: str, pick: int, text: str) -> None:
        actions = [x.id for x in self.accelerator().actions]
        command_type, payload = {
            "synthesis": ("accelerator.write_synthesis", {"text": self.text(text, 4000)}),
            "add": ("accelerator.add_action", {"what": self.text(text, 200), "when": "mars"}),
            "edit": (
                "accelerator.edit_action",
                {"action_id": self.pick(actions, pick, "ap9"), "what": self.fresh("text")},
            ),
            "remove": ("accelerator.remove_action", {"action_id": self.pick(actions, pick, "ap9")}),
        }[what]
        if by == "holder":
            self.as_member("holder", command_type, payload)
        else:
            self.send(SCRIBE, command_type, payload)

    @precondition(lambda self: self.step() == "closing")
    @rule(
        by=st.sampled_from([FACILITATOR, SCRIBE]),
        order=st.permutations(["p1", "p2", "p3", "p4", "p5", "p6"]),
        size=st.integers(0, 6),
    )
    def the_round_is_ordered(self, by: Actor, order: list[str], size: int) -> None:
        activity = self.state.current
        assert activity is not None
        if activity.anonymity == ANONYMOUS:
            self.send(by, "accelerator.set_round", {"count": size})
            return
        known = [pid for pid in order if pid in self.state.participants][:size]
        self.send(by, "accelerator.set_round", {"participant_ids": known})

    @precondition(lambda self: self.step() == "closing")
    @rule(
        who=st.sampled_from([*PHONES, "proxy", "holder", "scribe", "facilitator", "next", "jump"]),
        pick=PICKS,
        text=USUAL_TEXTS,
    )
    def the_round_goes_on(self, who: str, pick: int, text: str) -> None:
        a = self.accelerator()
        turns = [t.id for t in a.round.turns]
        if who == "next":
            self.send(FACILITATOR, "accelerator.give_turn", {})
        elif who == "jump":
            self.send(SCRIBE, "accelerator.give_turn", {"turn_id": self.pick(turns, pick, "t99")})
        elif who in STAFF:
            payload = {"turn_id": self.pick(turns, pick, "t99"), "text": self.text(text)}
            self.send(STAFF[who], "accelerator.note_takeaway", payload)
        else:
            self.as_member(who, "accelerator.say_takeaway", {"text": self.text(text)})

    @rule(
        moves=st.lists(
            st.tuples(st.integers(0, 99), GROUP, PICKS, USUAL_TEXTS), min_size=1, max_size=8
        )
    )
    def the_step_is_worked(self, moves: list[tuple[int, str, int, str]]) -> None:
        """A burst of the current step's work, as it goes in a room: people write while the
        scribe notes, answers, sorts and moves the round on (the rules above, in quick turns,
        so that each step sees much of its work before the facilitator moves on)."""
        for n, who, pick, text in moves:
            step = self.step()
            if step == "presentation":
                by = ("holder", "scribe", "facilitator")[n % 3]
                point = ("add", "remove", "none")[n % 3]
                self.the_presentation_is_written(by, "fresh", "fresh", point, pick)
            elif step == "questions" and n % 3 == 0:
                self.the_group_asks(who, text)
            elif step == "questions":
                by = ("holder", "holder", "scribe", "facilitator")[n % 4]
                what = ("answer", "answer", "skipped", "open", "answered", "remove")[n % 6]
                self.questions_are_answered(by, what, who, pick, text)
            elif step == "request":
                self.the_request_is_worded(("holder", "holder", "scribe")[n % 3], text, n % 5 == 0)
            elif step == "exchanges" and n % 3 == 0:
                what = ("add", "rename", "sort", "sort", "unsort")[n % 5]
                self.contributions_are_grouped((SCRIBE, FACILITATOR)[n % 2], what, pick, n % 7)
            elif step == "exchanges" and n % 6 == 1:
                what = ("edit", "edit", "kind", "words_back", "remove")[n // 6 % 5]
                by = (SCRIBE, FACILITATOR)[n // 6 % 2]
                self.staff_moderate_the_exchanges(by, what, pick, KINDS[n // 6 % 3])
            elif step == "exchanges":
                what = ("add", "add", "add", "edit", "remove")[n % 5]
                self.the_group_contributes(who, what, KINDS[n % 3], pick, text)
            elif step == "synthesis":
                what = ("synthesis", "add", "add", "edit", "remove")[n % 5]
                self.the_plan_is_written(("holder", "scribe")[n % 2], what, pick, text)
            elif step == "closing" and n % 7 == 0:
                order = ["p1", "p2", "p3", "p4", "p5", "p6"]
                turned = order[n % 6 :] + order[: n % 6]
                self.the_round_is_ordered((FACILITATOR, SCRIBE)[n % 2], turned, n % 7)
            elif step == "closing":
                choices = (*PHONES, "proxy", "holder", "scribe", "facilitator", "next", "jump")
                self.the_round_goes_on(choices[n % len(choices)], pick, text)

    @rule(
        by=st.sampled_from([SCRIBE, FACILITATOR]), how=st.sampled_from(["fresh", "empty", "long"])
    )
    def the_scribe_signs(self, by: Actor, how: str) -> None:
        name = {"fresh": self.fresh("scribe"), "empty": "", "long": "x" * 41}[how]
        self.send(by, "accelerator.sign", {"name": name})

    @rule(
        pid=st.sampled_from(["p1", "p2", "p3", "p4", "p9"]),
        assigned=st.sampled_from([True, True, False]),
    )
    def the_holder_changes(self, pid: str, assigned: bool) -> None:
        payload = {"participant_id": pid, "role": "holder", "assigned": assigned}
        self.send(FACILITATOR, "participant.assign_role", payload)

    @rule(
        sender=st.sampled_from([*STAFF, *PHONES, "proxy"]),
        command_type=st.sampled_from([*TYPES, "accelerator.nope", "accelerator.add_card"]),
        shape=st.sampled_from(["plain", "plain", "plain", "extra_key", "not_a_dict"]),
        activity_id=st.sampled_from([None, None, "current", "a1", "a2", 5]),
        data=st.data(),
    )
    def anyone_sends_any_accelerator_command(
        self, sender: str, command_type: str, shape: str, activity_id: Any, data: st.DataObject
    ) -> None:
        payload: Any = {}
        for key in FIELDS.get(command_type, ()):
            if key in TEXT_FIELDS:
                value = self.text(data.draw(TEXTS))
            elif key in MESSY:
                value = data.draw(MESSY[key])
            else:
                value = data.draw(st.sampled_from([*self.item_ids(), *ID_VALUES]))
            if value is not ABSENT and data.draw(st.integers(0, 4)) > 0:
                payload[key] = value
        if shape == "extra_key":
            payload["colour"] = "yellow"
        elif shape == "not_a_dict":
            payload = [payload]
        if sender == "proxy":
            for person in self.proxies()[:1]:
                self.send(SCRIBE, command_type, payload, activity_id, on_behalf_of=person)
        else:
            actor = STAFF[sender] if sender in STAFF else self.phone(sender)
            self.send(actor, command_type, payload, activity_id)

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def the_round_is_coherent(self) -> None:
        for activity in self.state.activities:
            a: AcceleratorState = activity.state
            ids = [t.id for t in a.round.turns]
            people = [t.person_id for t in a.round.turns if t.person_id is not None]
            assert len(set(ids)) == len(ids), "two places share an id"
            assert len(set(people)) == len(people), "someone has two places"
            assert a.round.current is None or a.round.current in ids, "the speaker is not in it"
            if activity.anonymity == ANONYMOUS:
                assert not people, "an anonymous round names people"
            everything = [
                *(q.id for q in a.questions),
                *(c.id for c in a.contributions),
                *(p.id for p in a.points),
                *(t.id for t in a.themes),
                *(x.id for x in a.actions),
                *ids,
            ]
            assert len(set(everything)) == len(everything), "two items share an id"

    @invariant()
    def views_leak_nothing_and_hide_nothing(self) -> None:
        activity = self.state.current
        assert activity is not None
        a: AcceleratorState = activity.state
        standing = {
            tag
            for item in (*a.questions, *a.visible_contributions)
            for tag in FRESH.findall(item.text)
        }
        room = activity_view(self.state, self.REGISTRY, Role.ROOM, self.at)
        assert room is not None
        shown = json.dumps(room, ensure_ascii=False)
        hidden = {tag for tag in standing if tag not in shown}
        assert not hidden, f"the room does not show {hidden}"
        for role in (Role.PARTICIPANT, Role.ROOM):
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            for turn in view["view"]["round"]["turns"]:
                assert "participant_id" not in turn, f"the {role} view ties places to ids"
        phones = self.present_phones()
        privates = private_views(self.state, self.REGISTRY, phones, self.seeds, self.at)
        step = step_key(self.REGISTRY, activity)
        holder_words = translate(ACCELERATOR.messages, f"step.{step}.instructions.holder", "fr")
        for pid, private in privates.items():
            mine = private["mine"]
            me = self.acting_id(pid, activity)
            assert mine["questions"] == [q.id for q in a.questions if q.author_id == me], pid
            assert mine["contributions"] == [
                c.id for c in a.visible_contributions if c.author_id == me
            ], pid
            turn = a.round.turn_of(me)
            assert mine["turn_id"] == (turn.id if turn else None), pid
            holds = "holder" in activity.roles.get(pid, frozenset())
            if holds and f"step.{step}.instructions.holder" in ACCELERATOR.messages["fr"]:
                assert private["me"]["instructions"]["fr"] == holder_words, pid
            elif not holds:
                assert private["me"]["instructions"] is None, pid

    @invariant()
    def moderation_shows_and_hides_what_it_should(self) -> None:
        activity = self.state.current
        assert activity is not None
        a: AcceleratorState = activity.state
        for c in a.contributions:
            assert c.edited_by in (None, *MODERATORS) and c.hidden_by in (None, *MODERATORS), c
            assert (c.original is None) == (c.edited_by is None), c
            assert c.original != c.text, "a trace of no change"
            if c.author_id in STAFF_AUTHORS:
                assert c.original is None and c.hidden_by is None, "a trace on a staff note"
        for role in (Role.ROOM, Role.PARTICIPANT, Role.FACILITATOR):
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            shown = view["view"]["contributions"]
            assert [c["id"] for c in shown] == [c.id for c in a.visible_contributions], role
            for item, c in zip(shown, a.visible_contributions, strict=True):
                assert item["edited"] == (c.original is not None), (role, c)
                assert item["edited_by"] == c.edited_by, (role, c)
            words = json.dumps(view, ensure_ascii=False)
            for c in a.contributions:
                kept = FRESH.findall(c.original or "") + FRESH.findall(
                    c.text if c.hidden_by else ""
                )
                assert not [tag for tag in kept if tag in words], f"the {role} view shows {c}"

    @invariant()
    def the_minutes_show_the_steps_reached(self) -> None:
        for lang in ("fr", "en"):
            for activity, section in self.minutes_by_activity(lang):
                reached = activity.step_index + 1
                headings = re.findall(r"^### (?:Étape|Step) (\d)", section, flags=re.MULTILINE)
                assert headings == [str(n) for n in range(1, reached + 1)], (lang, headings)
                if reached > STEPS.index("exchanges"):
                    self.the_minutes_say_what_moderation_did(activity.state, section, lang)

    def the_minutes_say_what_moderation_did(
        self, a: AcceleratorState, section: str, lang: str
    ) -> None:
        """Edited contributions say so; hidden ones are counted, never quoted; the author's
        words that staff replaced are not written."""
        for role in MODERATORS:
            count = sum(1 for c in a.contributions if c.hidden_by == role)
            words = translate(ACCELERATOR.messages, f"minutes.hidden.{role}", lang, count=count)
            assert (f"_{words}_" in section) == bool(count), (lang, role, count)
        lines = section.splitlines()
        markers = {role: f"_({staff_words(a, 'edited', role, lang)})_" for role in MODERATORS}
        for c in a.contributions:
            for tag in FRESH.findall(c.original or ""):
                assert tag not in section, f"the minutes quote the author's replaced words {c}"
            for tag in FRESH.findall(c.text):
                quoted = [line for line in lines if tag in line]
                if c.hidden_by:
                    assert not quoted, f"the minutes quote a hidden contribution {c}"
                    continue
                assert len(quoted) == 1, (c, quoted)
                said = [role for role, marker in markers.items() if marker in quoted[0]]
                assert said == ([c.edited_by] if c.edited_by else []), (c, quoted)


def own_words(c: Contribution) -> str:
    """The words the author last wrote: the text, unless staff changed it since."""
    return c.text if c.original is None else c.original


AcceleratorMachine.TestCase.settings = settings(
    max_examples=80,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_accelerator_machine = AcceleratorMachine.TestCase


def test_an_anonymous_round_is_numbered_places_that_name_nobody() -> None:
    machine = AcceleratorMachine()
    machine.the_workshop_is_under_way(anonymity=ANONYMOUS, holder="p1", steps_done=5)
    refused = machine.send(FACILITATOR, "accelerator.set_round", {"participant_ids": ["p1"]})
    assert refused is None and "invalid_payload" in machine.rejected_codes
    said = machine.send(machine.phone("p2"), "accelerator.say_takeaway", {"text": "Merci"})
    assert said is None and "not_in_round" in machine.rejected_codes
    a = machine.accelerator()
    first = a.round.turns[0].id
    machine.send(SCRIBE, "accelerator.note_takeaway", {"turn_id": first, "text": "Merci"})
    room = activity_view(machine.state, machine.REGISTRY, Role.ROOM)
    assert room is not None
    assert [t["name"] for t in room["view"]["round"]["turns"]] == [None, None, None]
    assert room["view"]["holders"] == [] and room["view"]["holder_count"] == 1
    (_, section), *_ = machine.minutes_by_activity("fr")
    assert "- Merci\n" in section
    assert "_Personnes sans phrase notée\u00a0: 2._" in section


def test_typed_text_stays_text_in_the_minutes() -> None:
    typed = "# Pas un titre\n1. pas une liste numérotée\n---\n- une vraie liste\n<b>gras</b> *non*"
    assert text_block(typed) == [
        "\\# Pas un titre",
        "",
        "1\\. pas une liste numérotée",
        "",
        "\\---",
        "",
        "- une vraie liste",
        "",
        "\\<b>gras\\</b> \\*non\\*",
        "",
    ]
