"""The three-year review as a state machine: any sequence of commands, by anyone, keeps the
invariants.

Pure engine only (`tests/engine_machine.py` plays the facilitator's toolkit around it: steps,
reveal, undo, time-boxes, people without a phone and proxies, show of hands, anonymity levels,
people removed). On top of its invariants (replay equals live, a refused command changes
nothing, refusals in every language, `can`, anonymity):

- every accepted format command is one its declared rule allows to the sender's roles in that
  step, and what a person adds, places or rates is theirs (their own id, or alias);
- nobody has more dots than the allowance, and dots sit only on standing lessons;
- a rating is 1–4 on each scale (or not given), never neither, one per person and objective;
- the frieze holds each standing event exactly once, in its year, and nothing removed or merged;
- the objectives are ranked: scores never rise down the list, unrated ones last;
- no shared view holds the id of a person (so no individual rating or dot can be read there);
- the minutes render in French and English and name people only in a named activity.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from xml.etree import ElementTree

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

import formats.review
from facilitation import hooks
from facilitation.permissions import roles_of
from facilitation.protocol import ANONYMITY_LEVELS, ANONYMOUS, MinutesContext
from facilitation.registry import Registry
from facilitation.session import step_key
from facilitation.types import Role
from facilitation.views import activity_view
from formats.kit.dots import dots_used
from formats.review import priorities
from formats.review.state import LESSONS, ReviewState
from tests.engine_machine import FACILITATOR, PHONES, SCRIBE, EngineMachine, Sent, strings

REVIEW = formats.review.FORMAT
STEPS = [s.key for s in REVIEW.steps]
GROUP = st.sampled_from([*PHONES, "proxy", "facilitator", "scribe"])
STAFF_ONLY = st.sampled_from(["facilitator", "scribe", "p1", "proxy"])
TEXTS = st.sampled_from(["fresh", "fresh", "fresh", "empty", "too_long", "number"])
YEARS = st.sampled_from([0, 1, 2, 2, 3, -1, "1"])
PICKS = st.integers(-1, 6)
SCALE = st.sampled_from([1, 2, 3, 4, 4, 0, 5, None, "absent", "absent"])
# Who placed or wrote what: the id fields of the review's events.
OWNED = ("author_id", "voter_id", "rater_id")


class ReviewMachine(EngineMachine):
    FORMAT = REVIEW
    REGISTRY = Registry([REVIEW])

    def activity_config(self) -> dict[str, Any]:
        return {"title": self.fresh("title"), "first_year": 0, "axes": [], "dots": 2}

    def review(self) -> ReviewState:
        activity = self.state.current
        assert activity is not None
        state: ReviewState = activity.state
        return state

    def step(self) -> str:
        activity = self.state.current
        return "" if activity is None else step_key(self.REGISTRY, activity)

    def item_ids(self) -> list[str]:
        if self.state.current is None:
            return ["t99"]
        r = self.review()
        ids = [e.id for e in r.events] + [x.id for x in r.reflections]
        ids += [o.id for o in r.objectives] + [c.id for c in r.commitments]
        return [*ids, "t99"]

    def text(self, how: str, limit: int = 280) -> Any:
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

    def pick(self, items: list[str], index: int, missing: str) -> str:
        return items[index % len(items)] if items and index >= 0 else missing

    def as_member(self, who: str, command_type: str, payload: dict[str, Any]) -> None:
        if who == "facilitator":
            self.send(FACILITATOR, command_type, payload)
        elif who == "scribe":
            self.send(SCRIBE, command_type, payload)
        elif who == "proxy" or who not in PHONES:
            proxies = self.proxies()
            if proxies:
                self.send(SCRIBE, command_type, payload, on_behalf_of=proxies[0])
        else:
            self.send(self.phone(who), command_type, payload)

    def contribute_something(self, pid: str, on_behalf_of: str | None) -> None:
        step = self.step()
        sender = SCRIBE if on_behalf_of else self.phone(pid)
        text = self.fresh("text")
        if step == "timeline":
            payload: dict[str, Any] = {"year": 1, "kind": "success", "text": text}
            self.send(sender, "review.add_event", payload, None, on_behalf_of)
        elif step == "looking_back":
            payload = {"column": "learned", "text": text}
            self.send(sender, "review.add_reflection", payload, None, on_behalf_of)
        elif step == "aspirations":
            payload = {"year": 0, "axis_id": "a1", "text": text}
            self.send(sender, "review.propose", payload, None, on_behalf_of)

    def accepted(self, sent: Sent) -> None:
        super().accepted(sent)
        before = sent.before.current
        if before is None or sent.type not in REVIEW.commands:
            return
        roles = roles_of(sent.before, sent.acting)
        step = step_key(self.REGISTRY, before)
        rule_ = REVIEW.commands[sent.type].rule
        assert rule_.allows(roles, step), f"{sent.type} by {sorted(roles)} at {step}"
        for event in sent.events:
            for key in OWNED:
                if key in event.data:
                    assert event.data[key] == sent.acting.id, event

    # -- the review, step by step ----------------------------------------------------------

    @initialize(
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
        steps_done=st.sampled_from([0, 1, 1, 2, 3, 3, 4, 4]),
        years=st.booleans(),
    )
    def the_review_is_under_way(self, anonymity: str, steps_done: int, years: bool) -> None:
        self.start_activity(self.activity_config(), anonymity)
        if years:
            self.send(FACILITATOR, "review.set_years", {"first_year": 2024})
        for key in STEPS[: steps_done + 1]:
            self.fill(key)
            if key != STEPS[steps_done]:
                self.send(FACILITATOR, "step.next", {})

    def fill(self, step: str) -> None:
        if step == "timeline":
            for who, year in (("p1", 0), ("p2", 0), ("proxy", 2)):
                payload = {"year": year, "kind": "success", "text": self.fresh("event")}
                self.as_member(who, "review.add_event", payload)
        elif step == "looking_back":
            for who, column in (("p1", "proud"), ("p2", "learned"), ("proxy", "learned")):
                payload = {"column": column, "text": self.fresh("reflection")}
                self.as_member(who, "review.add_reflection", payload)
            lessons = [x.id for x in self.review().standing_reflections(LESSONS)]
            for who in ("p1", "p1", "proxy"):
                self.as_member(who, "review.vote", {"reflection_id": lessons[0]})
        elif step == "aspirations":
            for who, year in (("p1", 0), ("p3", 1), ("proxy", 2)):
                payload = {"year": year, "axis_id": "a2", "text": self.fresh("objective")}
                self.as_member(who, "review.propose", payload)
        elif step == "priorities":
            for o in self.review().standing_objectives()[:2]:
                for who in ("p1", "p2", "proxy"):
                    payload = {"objective_id": o.id, "importance": 3, "feasibility": 2}
                    self.as_member(who, "review.rate", payload)

    @rule(by=st.sampled_from(["facilitator", "scribe", "p1"]), year=st.sampled_from([2024, 1949]))
    def the_years_are_set(self, by: str, year: int) -> None:
        self.as_member(by, "review.set_years", {"first_year": year})

    @precondition(lambda self: self.step() == "timeline")
    @rule(who=GROUP, year=YEARS, kind=st.sampled_from(["success", "lesson", "nope"]), text=TEXTS)
    def someone_adds_an_event(self, who: str, year: Any, kind: str, text: str) -> None:
        payload = {"year": year, "kind": kind, "text": self.text(text)}
        self.as_member(who, "review.add_event", payload)

    @precondition(lambda self: self.step() in ("timeline", "looking_back"))
    @rule(
        who=GROUP,
        action=st.sampled_from(["edit", "edit_kind", "remove", "move", "move_last", "merge"]),
        pick=PICKS,
        other=PICKS,
        year=YEARS,
    )
    def the_frieze_is_tidied(self, who: str, action: str, pick: int, other: int, year: Any) -> None:
        events = [e.id for e in self.review().events]
        event_id = self.pick(events, pick, "t99")
        if action == "edit":
            payload: dict[str, Any] = {"event_id": event_id, "text": self.fresh("text")}
            self.as_member(who, "review.edit_event", payload)
        elif action == "edit_kind":
            payload = {"event_id": event_id, "kind": "turning_point"}
            self.as_member(who, "review.edit_event", payload)
        elif action == "remove":
            self.as_member(who, "review.remove_event", {"event_id": event_id})
        elif action == "move":
            payload = {"event_id": event_id, "year": year, "index": max(other, 0)}
            self.as_member(who, "review.move_event", payload)
        elif action == "move_last":
            self.as_member(who, "review.move_event", {"event_id": event_id, "year": year})
        else:
            into = self.pick(events, other, "t98")
            self.as_member(who, "review.merge_events", {"event_id": event_id, "into_id": into})

    @precondition(lambda self: self.step() == "looking_back")
    @rule(
        who=GROUP,
        column=st.sampled_from(["proud", "regret", "learned", "learned", "nope"]),
        text=TEXTS,
    )
    def someone_looks_back(self, who: str, column: str, text: str) -> None:
        payload = {"column": column, "text": self.text(text)}
        self.as_member(who, "review.add_reflection", payload)

    @precondition(lambda self: self.step() == "looking_back")
    @rule(who=GROUP, action=st.sampled_from(["vote", "vote", "unvote", "remove"]), pick=PICKS)
    def someone_places_or_takes_a_dot(self, who: str, action: str, pick: int) -> None:
        reflections = [x.id for x in self.review().reflections]
        reflection_id = self.pick(reflections, pick, "r99")
        command = {"vote": "review.vote", "unvote": "review.unvote"}.get(
            action, "review.remove_reflection"
        )
        self.as_member(who, command, {"reflection_id": reflection_id})

    @rule(who=STAFF_ONLY, rename=st.booleans(), pick=PICKS, text=TEXTS)
    def the_axes_change(self, who: str, rename: bool, pick: int, text: str) -> None:
        if self.state.current is None:
            return
        if rename:
            axes = [a.id for a in self.review().axes]
            payload = {"axis_id": self.pick(axes, pick, "a99"), "title": self.text(text, 80)}
            self.as_member(who, "review.rename_axis", payload)
        else:
            self.as_member(who, "review.add_axis", {"title": self.text(text, 80)})

    @precondition(lambda self: self.step() in ("aspirations", "priorities"))
    @rule(who=GROUP, year=YEARS, pick=PICKS, text=TEXTS, remove=st.booleans())
    def someone_proposes_or_removes_an_objective(
        self, who: str, year: Any, pick: int, text: str, remove: bool
    ) -> None:
        r = self.review()
        if remove:
            objectives = [o.id for o in r.objectives]
            payload: dict[str, Any] = {"objective_id": self.pick(objectives, pick, "o99")}
            self.as_member(who, "review.remove_objective", payload)
        else:
            axis_id = self.pick([a.id for a in r.axes], pick, "a99")
            payload = {"year": year, "axis_id": axis_id, "text": self.text(text)}
            self.as_member(who, "review.propose", payload)

    @precondition(lambda self: self.step() == "priorities")
    @rule(who=GROUP, pick=PICKS, importance=SCALE, feasibility=SCALE)
    def someone_rates(self, who: str, pick: int, importance: Any, feasibility: Any) -> None:
        objectives = [o.id for o in self.review().objectives]
        payload: dict[str, Any] = {"objective_id": self.pick(objectives, pick, "o99")}
        if importance != "absent":
            payload["importance"] = importance
        if feasibility != "absent":
            payload["feasibility"] = feasibility
        self.as_member(who, "review.rate", payload)

    @precondition(lambda self: self.step() == "commitments")
    @rule(
        who=STAFF_ONLY,
        action=st.sampled_from(["commit", "commit", "free", "edit", "remove"]),
        pick=PICKS,
        year=YEARS,
        text=TEXTS,
    )
    def commitments_are_made(self, who: str, action: str, pick: int, year: Any, text: str) -> None:
        r = self.review()
        if action == "commit":
            objectives = [o.id for o in r.objectives]
            payload: dict[str, Any] = {
                "objective_id": self.pick(objectives, pick, "o99"),
                "owner": self.fresh("owner"),
                "year": year,
                "collective": self.fresh("criterion"),
            }
            self.as_member(who, "review.commit", payload)
        elif action == "free":
            payload = {"text": self.text(text), "owner": self.fresh("owner"), "year": year}
            self.as_member(who, "review.commit", payload)
        else:
            commitment_id = self.pick([c.id for c in r.commitments], pick, "c99")
            if action == "edit":
                payload = {"commitment_id": commitment_id, "year": year, "owner": self.text(text)}
                self.as_member(who, "review.edit_commitment", payload)
            else:
                self.as_member(who, "review.remove_commitment", {"commitment_id": commitment_id})

    # -- invariants -------------------------------------------------------------------------

    def reviews(self) -> list[ReviewState]:
        return [a.state for a in self.state.activities if a.format == REVIEW.name]

    @invariant()
    def nobody_has_more_dots_than_the_allowance(self) -> None:
        for r in self.reviews():
            lessons = {x.id for x in r.standing_reflections(LESSONS)}
            for voter, reflection_id in r.votes:
                assert dots_used(r.votes, voter) <= r.dots, f"{voter} has too many dots"
                assert reflection_id in lessons, f"a dot on {reflection_id}, not a standing lesson"

    @invariant()
    def ratings_are_one_to_four_one_each(self) -> None:
        for r in self.reviews():
            for rating in r.ratings:
                given = (rating.importance, rating.feasibility)
                assert given != (None, None), rating
                assert all(v is None or v in (1, 2, 3, 4) for v in given), rating
            pairs = Counter((x.rater_id, x.objective_id) for x in r.ratings)
            assert max(pairs.values(), default=1) == 1, "two ratings from one person"

    @invariant()
    def the_frieze_holds_each_standing_event_once(self) -> None:
        for r in self.reviews():
            placed = [i for ids in r.frieze for i in ids]
            assert len(placed) == len(set(placed)), "an event twice on the frieze"
            standing = {e.id: e for e in r.events if e.standing}
            assert set(placed) == set(standing), "the frieze and the standing events differ"
            for year, ids in enumerate(r.frieze):
                assert all(standing[i].year == year for i in ids), "an event in another year"

    @invariant()
    def objectives_are_ranked(self) -> None:
        for r in self.reviews():
            ranked = priorities.ranked(r)
            scores = [x.score for x in ranked]
            rated = [s for s in scores if s is not None]
            assert rated == sorted(rated, reverse=True), scores
            assert scores[: len(rated)] == rated, "an unrated objective above a rated one"
            for x in ranked:
                both = x.importance.count and x.feasibility.count
                assert (x.score is None) == (not both), x

    @invariant()
    def no_shared_view_holds_a_person_s_id(self) -> None:
        if self.checked("no_shared_view_holds_a_person_s_id"):
            return
        activity = self.state.current
        if activity is None:
            return
        r: ReviewState = activity.state
        people = {x.rater_id for x in r.ratings} | {v for v, _ in r.votes}
        people |= set(self.state.participants)
        for role in (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.ROOM, Role.PARTICIPANT):
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            held = people & set(strings(view["view"]))
            assert not held, f"the {role} view holds {held}"
            text = json.dumps(view["view"])
            assert '"rater_id' not in text and '"voter_id' not in text, role

    @invariant()
    def anonymous_entries_carry_no_participant_id(self) -> None:
        ids = set(self.state.participants)
        for activity in self.state.activities:
            if activity.anonymity != ANONYMOUS:
                continue
            r: ReviewState = activity.state
            authors = {x.author_id for x in (*r.events, *r.reflections, *r.objectives)}
            authors |= {x.rater_id for x in r.ratings} | {v for v, _ in r.votes}
            assert not authors & ids, "an entry of an anonymous activity names its author"


ReviewMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_review_machine = ReviewMachine.TestCase


def _machine_at(step: str, anonymity: str = "named") -> ReviewMachine:
    machine = ReviewMachine()
    machine.start_activity(machine.activity_config(), anonymity)
    for key in STEPS[: STEPS.index(step) + 1]:
        machine.fill(key)
        if key != step:
            machine.send(FACILITATOR, "step.next", {})
    return machine


def test_removing_a_lesson_gives_its_dots_back() -> None:
    machine = _machine_at("looking_back")
    r = machine.review()
    (lesson, _) = r.standing_reflections(LESSONS)
    assert dots_used(r.votes, "p1") == 2
    refused = machine.send(machine.phone("p1"), "review.vote", {"reflection_id": lesson.id})
    assert refused is None and "no_dots_left" in machine.rejected_codes
    machine.send(SCRIBE, "review.remove_reflection", {"reflection_id": lesson.id})
    assert dots_used(machine.review().votes, "p1") == 0
    assert machine.private_views()["p1"]["mine"]["dots_left"] == 2


def test_a_rating_sent_on_one_scale_keeps_the_other() -> None:
    machine = _machine_at("priorities")
    objective = machine.review().standing_objectives()[0]
    machine.send(
        machine.phone("p1"), "review.rate", {"objective_id": objective.id, "importance": 1}
    )
    mine = machine.private_views()["p1"]["mine"]["ratings"][objective.id]
    assert mine == {"importance": 1, "feasibility": 2}


def test_a_merged_event_leaves_the_frieze_with_its_text_kept() -> None:
    machine = _machine_at("timeline")
    first, second, _ = (e.id for e in machine.review().events)
    machine.send(FACILITATOR, "review.merge_events", {"event_id": second, "into_id": first})
    r = machine.review()
    assert r.frieze[0] == (first,)
    into = r.event(first)
    merged = next(e for e in r.events if e.id == second)
    assert into is not None and into.also == (merged.text,)
    machine.send(SCRIBE, "review.move_event", {"event_id": first, "year": 2, "index": 0})
    assert machine.review().frieze == ((), (), (first, machine.review().frieze[2][1]))


def test_commitments_are_dated_by_their_target_year_once_the_years_are_set() -> None:
    machine = _machine_at("priorities")
    machine.send(FACILITATOR, "step.next", {})
    objective = machine.review().standing_objectives()[0]
    payload = {"objective_id": objective.id, "owner": "Le CA", "year": 1}
    machine.send(FACILITATOR, "review.commit", payload)
    activity = machine.state.current
    assert activity is not None
    ctx = MinutesContext("commitments", "fr")
    (undated,) = hooks.dated_items(REVIEW, activity.state, ctx)
    assert (undated.what, undated.who, undated.when) == (objective.text, "Le CA", "")
    machine.send(FACILITATOR, "review.set_years", {"first_year": 2024})
    activity = machine.state.current
    assert activity is not None
    (dated,) = hooks.dated_items(REVIEW, activity.state, ctx)
    assert dated.when == "2028"


def test_the_matrix_is_a_well_formed_svg_with_participant_text_escaped() -> None:
    machine = _machine_at("priorities")
    objective = machine.review().standing_objectives()[0]
    machine.send(FACILITATOR, "step.previous", {})
    risky = 'A <b>bold</b> & "quoted" aim'
    machine.send(machine.phone("p2"), "review.propose", {"year": 0, "axis_id": "a1", "text": risky})
    machine.send(FACILITATOR, "step.next", {})
    added = machine.review().standing_objectives()[-1]
    for who in ("p1", "p2"):
        payload = {"objective_id": added.id, "importance": 4, "feasibility": 4}
        machine.send(machine.phone(who), "review.rate", payload)
    activity = machine.state.current
    assert activity is not None
    for lang in ("fr", "en"):
        (picture,) = hooks.pictures(REVIEW, activity.state, MinutesContext("priorities", lang))
        root = ElementTree.fromstring(picture.svg)
        said = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert any(risky in line for line in said), "the objective's text, as typed"
        assert "<b>" not in picture.svg
        words = " ".join(said)
        quadrants = ("Priorité", "Grand chantier", "Gain rapide", "Plus tard")
        if lang == "en":
            quadrants = ("Priority", "Major project", "Quick win", "Later")
        assert all(q in said for q in quadrants), said
        assert ("Importance" in words) and ("Faisabilité" in words or "Feasibility" in words)
        numbers = [t for t in said if t.isdigit()]
        assert {"1", "2"} <= set(numbers), "numbered points"
    assert objective.id != added.id


def test_a_mean_of_two_and_a_half_is_high_on_either_scale() -> None:
    assert priorities.quadrant(2.5, 2.5) == "priority"
    assert priorities.quadrant(2.5, 2.49) == "major_project"
    assert priorities.quadrant(2.49, 2.5) == "quick_win"
    assert priorities.quadrant(2.49, 2.49) == "later"
    assert priorities.quadrant(None, 3.0) is None
