"""The board as a state machine: any sequence of commands, by anyone, keeps the invariants.

Pure engine only (no server, no database): `tests/engine_machine.py` sends each command along
the path of `SessionService.dispatch` and plays the facilitator's toolkit around the board
(steps, time-boxes that close input, lock and reveal, "I'm done", undo, a second board added,
duplicated, moved, removed and opened, people without a phone and proxy entries, anonymous,
pseudonym and named activities, show of hands, spotlight, removing and renaming people), with
its own invariants (replay, refusals, `can`, undo, closed input, anonymity). On top of those,
after every step:

- no view leaks what the step hides: notes being written (unless the facilitator revealed them
  live), hidden notes, other people's notes, vote counts before the results (unless revealed);
- the minutes render in French and English and leak nothing either; named activities' minutes
  name the authors of the notes they show;
- nobody — phone or person without a phone — has more counted dots than the board gives, and
  the results count each dot once (a proxy's dot too).

Rules either play a workshop (mostly valid commands, in the steps where they make sense, so deep
states are reached) or send anything: any board command, any actor including the room screen,
on behalf of anyone, payloads with unknown ids, empty, blank, too long or mistyped texts,
unknown keys, a stale `activity_id`.

Every text a rule writes is fresh (`note·7·`), so finding it in a JSON view or in the minutes
means exactly that this note leaked, never that another note happens to read the same.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

import formats.board
from facilitation.messages import LANGUAGES
from facilitation.protocol import ANONYMITY_LEVELS, NAMED
from facilitation.registry import Registry
from facilitation.session import step_key
from facilitation.types import Actor, Role
from facilitation.views import activity_view, session_view
from formats.board.state import BoardState
from formats.board.view import REVEALED, ranking
from formats.kit import dots
from tests.engine_machine import (
    FACILITATOR,
    PHONES,
    SCRIBE,
    STAFF,
    EngineMachine,
    Sent,
)

BOARD = formats.board.FORMAT
BOARD_TYPES = sorted(BOARD.commands)
UNKNOWN_TYPES = ["board.nope", "accelerator.add_card"]

# A fresh text is unique and cannot be read inside another one ("note·1·" is not in "note·11·");
# nothing in it is escaped by the Markdown of the minutes.
FRESH = re.compile(r"note·\d+·")

NOTE_IDS = st.sampled_from(["n1", "n2", "n3", "n4", "n5", "n6", "n99", "", "x" * 65, 7, None])
GROUP_IDS = st.sampled_from(["g1", "g2", "g3", "g4", "g99", None, "", 3])
# How a text field is filled: fresh and valid mostly, sometimes wrong in every way a client can be.
TEXTS = st.sampled_from(
    ["fresh", "fresh", "fresh", "fresh", "longest", "control", "empty", "blank", "too_long",
     "number", "none", "list", "absent"]
)  # fmt: skip
# Rules that play the workshop draw mostly valid values, so deep states are reached.
USUAL_TEXTS = st.sampled_from(["fresh"] * 6 + ["longest", "control", "empty", "too_long"])
USUAL_GROUP_IDS = st.sampled_from([None, None, None, "g1", "g2", "g3", "g99"])
# A note of the current board by position (any position wraps around); -1: a note that never was.
NOTE_PICKS = st.integers(-1, 5)
SHAPES = st.sampled_from(["plain", "plain", "plain", "extra_key", "empty"])
ACTIVITY_IDS = st.sampled_from([None, None, None, "current", "a1", "a2", "a9", 5])
# Who contributes: a phone, or a person without a phone through the facilitator or the scribe.
CONTRIBUTORS = st.sampled_from([*PHONES, "proxy by facilitator", "proxy by scribe"])
ABSENT = object()


def board_config(dots: int = 2) -> dict[str, Any]:
    return {"question": "question·0·", "columns": ["Outils", "Rencontres"], "dots": dots}


class BoardMachine(EngineMachine):
    FORMAT = BOARD
    REGISTRY = Registry([BOARD])

    def activity_config(self) -> dict[str, Any]:
        return {"question": self.fresh("question"), "dots": 1}

    def item_ids(self) -> list[str]:
        board = self.board()
        return ([n.id for n in board.notes] if board else []) + ["n99"]

    def accepted(self, sent: Sent) -> None:
        super().accepted(sent)
        if sent.type == "board.add_vote":
            # One dot, under the voter's own id (a proxy's, not the facilitator's).
            (event,) = [e for e in sent.events if e.type == "board.vote_added"]
            assert event.data["voter_id"] == sent.acting.id, event
            before = sent.before.current
            assert before is not None
            board = self.board()
            assert board is not None
            assert len(board.votes) == len(before.state.votes) + 1, "a dot counted twice"

    def contribute_something(self, pid: str, on_behalf_of: str | None) -> None:
        sender = FACILITATOR if on_behalf_of else self.phone(pid)
        if self.step() == "write":
            payload = {"text": self.fresh("note")}
            self.send(sender, "board.add_note", payload, on_behalf_of=on_behalf_of)
        elif self.step() == "vote":
            payload = {"note_id": self.pick(0)}
            self.send(sender, "board.add_vote", payload, on_behalf_of=on_behalf_of)

    # -- helpers ------------------------------------------------------------------------------

    def text(self, how: str, kind: str = "note") -> Any:
        """A value for a text field; ABSENT leaves the key out of the payload."""
        match how:
            case "fresh":
                return self.fresh(kind)
            case "longest":
                return self.fresh(kind).ljust(280, "-")
            case "control":
                return "\x07" + self.fresh(kind) + "\x00 "
            case "empty":
                return ""
            case "blank":
                return " \n\t "
            case "too_long":
                return self.fresh(kind).ljust(281, "-")
            case "number":
                return 42
            case "none":
                return None
            case "list":
                return [self.fresh(kind)]
            case "absent":
                return ABSENT
        raise AssertionError(how)

    def payload(self, command_type: str, shape: str, **fields: Any) -> dict[str, Any]:
        """A payload of the command's declared fields, filled from the drawn values."""
        spec = BOARD.commands.get(command_type)
        keys = tuple(f.key for f in spec.fields) if spec is not None else ()
        if shape == "empty":
            return {}
        payload: dict[str, Any] = {}
        for key in keys:
            value = fields[key]
            if key in ("text", "title"):
                value = self.text(value, kind="note" if key == "text" else key)
            if value is not ABSENT:
                payload[key] = value
        if shape == "extra_key":
            payload["colour"] = "yellow"
        return payload

    def contribute(self, who: str, command_type: str, payload: dict[str, Any]) -> None:
        """A participant's command from their phone, or typed for a person without a phone."""
        if who in PHONES:
            self.send(self.phone(who), command_type, payload)
            return
        by = FACILITATOR if who.endswith("facilitator") else SCRIBE
        for pid in self.proxies()[:1]:
            self.send(by, command_type, payload, on_behalf_of=pid)

    def board(self) -> BoardState | None:
        activity = self.state.current
        return None if activity is None else activity.state

    def pick(self, index: int) -> str:
        """The id of a note the current board has (hidden and merged ones too), or an unknown id."""
        board = self.board()
        if index < 0 or board is None or not board.notes:
            return "n99"
        return board.notes[index % len(board.notes)].id

    def step(self) -> str:
        activity = self.state.current
        return "" if activity is None else step_key(self.REGISTRY, activity)

    # -- rules --------------------------------------------------------------------------------

    @initialize(
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
        dots=st.integers(1, 3),
        authors=st.lists(st.sampled_from([*PHONES, "proxy by scribe"]), min_size=1, max_size=6),
        # Rules meet in every step; the results have little to play.
        steps_done=st.sampled_from([0, 0, 0, 1, 2, 2, 3, 3, 4]),
    )
    def the_workshop_is_under_way(
        self, anonymity: str, dots: int, authors: list[str], steps_done: int
    ) -> None:
        """A board with notes, in any step: rules then have time to combine in that step (the
        moves of the step would otherwise rarely stay long enough in one)."""
        self.start_activity(board_config(dots), anonymity)
        for who in authors:
            self.contribute(who, "board.add_note", {"text": self.fresh("note")})
        for _ in range(steps_done):
            self.send(FACILITATOR, "step.next", {})

    @rule(
        sender=st.sampled_from([*STAFF, *PHONES]),
        proxy=st.sampled_from([None, None, None, "first", "p1", "p9"]),
        command_type=st.sampled_from(BOARD_TYPES + UNKNOWN_TYPES),
        shape=SHAPES,
        note_id=NOTE_IDS,
        into_id=NOTE_IDS,
        group_id=GROUP_IDS,
        text=TEXTS,
        hidden=st.sampled_from([True, False, "yes", None]),
        activity_id=ACTIVITY_IDS,
        note_ids=st.one_of(st.lists(NOTE_IDS, max_size=4), NOTE_IDS),
    )
    def anyone_sends_anything(
        self,
        sender: str,
        proxy: str | None,
        command_type: str,
        shape: str,
        note_id: Any,
        into_id: Any,
        group_id: Any,
        text: str,
        hidden: Any,
        activity_id: Any,
        note_ids: Any,
    ) -> None:
        payload = self.payload(
            command_type,
            shape,
            note_id=note_id,
            note_ids=note_ids,
            into_id=into_id,
            group_id=group_id,
            text=text,
            title=text,
            hidden=hidden,
        )
        actor: Actor = STAFF[sender] if sender in STAFF else self.phone(sender)
        if proxy == "first":
            proxy = next(iter(self.proxies()), None)
        self.send(actor, command_type, payload, activity_id, on_behalf_of=proxy)

    # The rules below play a workshop: each fires in the steps where it makes sense, with mostly
    # valid values, so that deep states (votes on hidden notes…) are reached in few steps.
    # `anyone_sends_anything` covers the wrong steps, roles and payloads.

    @precondition(lambda self: self.step() == "write")
    @rule(who=CONTRIBUTORS, text=USUAL_TEXTS, group_id=USUAL_GROUP_IDS)
    def participant_writes(self, who: str, text: str, group_id: Any) -> None:
        payload = self.payload("board.add_note", "plain", text=text, group_id=group_id)
        self.contribute(who, "board.add_note", payload)

    @precondition(lambda self: self.step() == "write")
    @rule(
        who=CONTRIBUTORS,
        command_type=st.sampled_from(["board.edit_note", "board.delete_note"]),
        note=NOTE_PICKS,
        text=USUAL_TEXTS,
    )
    def participant_revises(self, who: str, command_type: str, note: int, text: str) -> None:
        """Mostly one's own note (a person without a phone: the first one's)."""
        note_id = self.pick(note)
        activity = self.state.current
        pid = who if who in PHONES else next(iter(self.proxies()), None)
        if note >= 0 and activity is not None and pid is not None:
            own = [
                n.id for n in activity.state.notes if n.author_id == self.acting_id(pid, activity)
            ]
            note_id = own[note % len(own)] if own else note_id
        payload = self.payload(command_type, "plain", note_id=note_id, text=text)
        self.contribute(who, command_type, payload)

    @precondition(lambda self: self.step() == "vote")
    @rule(
        moves=st.lists(
            st.tuples(
                st.sampled_from([*PHONES, "proxy by facilitator", "proxy by scribe", "hide"]),
                st.sampled_from(["add", "add", "add", "remove"]),
                NOTE_PICKS,
            ),
            min_size=1,
            max_size=8,
        )
    )
    def the_room_votes(self, moves: list[tuple[str, str, int]]) -> None:
        """A burst of the vote: people place and take back dots while the facilitator hides or
        shows a note (the burst lets these interleave closely, as they do in a room)."""
        for who, what, note in moves:
            if who == "hide":
                self.facilitator_hides_or_shows_a_note(note)
            else:
                command_type = "board.add_vote" if what == "add" else "board.remove_vote"
                self.contribute(who, command_type, {"note_id": self.pick(note)})

    @precondition(lambda self: self.step() in ("reveal", "group", "vote"))
    @rule(note=NOTE_PICKS)
    def facilitator_hides_or_shows(self, note: int) -> None:
        self.facilitator_hides_or_shows_a_note(note)

    def facilitator_hides_or_shows_a_note(self, note: int) -> None:
        note_id = self.pick(note)
        board = self.board()
        found = board.note(note_id) if board is not None else None
        payload = {"note_id": note_id, "hidden": found is None or not found.hidden}
        self.send(FACILITATOR, "board.hide_note", payload)

    @precondition(lambda self: self.step() in ("reveal", "group"))
    @rule(
        by=st.sampled_from([FACILITATOR, FACILITATOR, SCRIBE]),
        command_type=st.sampled_from(
            [t for t in BOARD_TYPES if BOARD.commands[t].rule.allows(Role.FACILITATOR, "group")]
        ),
        note=NOTE_PICKS,
        into=NOTE_PICKS,
        group_id=USUAL_GROUP_IDS,
        text=USUAL_TEXTS,
        hidden=st.booleans(),
        # Several notes picked at once (a wrap-around may pick one twice: refused, unchanged).
        notes=st.lists(NOTE_PICKS, min_size=1, max_size=4, unique=True),
    )
    def staff_organise(
        self,
        by: Actor,
        command_type: str,
        note: int,
        into: int,
        group_id: Any,
        text: str,
        hidden: Any,
        notes: list[int],
    ) -> None:
        payload = self.payload(
            command_type,
            "plain",
            note_id=self.pick(note),
            note_ids=[self.pick(n) for n in notes],
            into_id=self.pick(into),
            group_id=group_id,
            text=text,
            title=text,
            hidden=hidden,
        )
        self.send(by, command_type, payload)

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def views_leak_nothing(self) -> None:
        if self.checked("views_leak_nothing"):
            return
        activity = self.state.current
        assert activity is not None
        step = step_key(self.REGISTRY, activity)
        board: BoardState = activity.state
        # Notes are on the wall once the step reveals them, or live when the facilitator says.
        on_the_wall = step in REVEALED or activity.revealed
        room_may_read = seen_by_the_room(board) if on_the_wall else set()
        results_shown = step == "results" or (step == "vote" and activity.revealed)
        for role in Role:
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            shown = set(FRESH.findall(json.dumps(view, ensure_ascii=False)))
            if not on_the_wall:
                assert not shown, f"the {role} view shows notes being written: {shown}"
            elif role is not Role.FACILITATOR:
                assert shown <= room_may_read, f"the {role} view shows {shown - room_may_read}"
            if not results_shown:
                assert "results" not in view["view"], f"the {role} view shows the results"
            assert all("votes" not in note for note in view["view"]["notes"])
            display = session_view(self.state, self.REGISTRY, role, (), "")["display"]
            shown = set(FRESH.findall(json.dumps(display, ensure_ascii=False)))
            assert shown <= room_may_read, f"the room screen shows {shown - room_may_read}"
        by_person = {pid: self.acting_id(pid, activity) for pid in self.state.participants}
        for pid, private in self.private_views().items():
            own = [n for n in board.visible_notes() if n.author_id == by_person[pid]]
            assert [n["id"] for n in private["mine"]["notes"]] == [n.id for n in own], pid
            shown = set(FRESH.findall(json.dumps(private, ensure_ascii=False)))
            assert shown == {tag(n.text) for n in own}, f"{pid} sees others' notes"

    @invariant()
    def every_screen_counts_the_notes_alike(self) -> None:
        activity = self.state.current
        if activity is None or self.checked("every_screen_counts_the_notes_alike"):
            return
        board: BoardState = activity.state
        # Counted here from the notes, not with the board's own arithmetic.
        standing = len(board.visible_notes())
        merged = sum(1 for n in board.notes if n.merged_into is not None)
        for role in Role:
            view = activity_view(self.state, self.REGISTRY, role, self.at)
            assert view is not None
            counted = {k: view["view"][k] for k in ("note_count", "written_count", "merged_count")}
            assert counted == {
                "note_count": standing,
                "written_count": len(board.notes),
                "merged_count": merged,
            }, role
            assert view["view"]["hidden_count"] == len(board.notes) - standing - merged, role

    @invariant()
    def the_minutes_render_and_leak_nothing(self) -> None:
        if self.checked("the_minutes_render_and_leak_nothing"):
            return
        for lang in LANGUAGES:
            for activity, section in self.minutes_by_activity(lang):
                board: BoardState = activity.state
                step = step_key(self.REGISTRY, activity)
                written = {tag(n.text) for n in board.notes}
                forbidden = written if step == "write" else written - seen_by_the_room(board)
                leaked = set(FRESH.findall(section)) & forbidden
                assert not leaked, f"the {lang} minutes of {activity.id} show {leaked}"
                if activity.anonymity != NAMED or step == "write":
                    continue
                people = self.person_of(activity)
                for note in board.visible_notes():
                    name = self.state.participants[people[note.author_id]].name
                    assert not name or name in section, f"the minutes do not name {name}"

    @invariant()
    def nobody_spends_more_dots_than_given(self) -> None:
        if self.checked("nobody_spends_more_dots_than_given"):
            return
        for activity in self.state.activities:
            board: BoardState = activity.state
            # Counted here from the notes and the dots, not with the board's own arithmetic.
            standing = {n.id for n in board.visible_notes()}
            assert {note for _, note in board.votes} <= standing, "dots only on standing notes"
            people = self.person_of(activity)
            voters = {voter for voter, _ in board.votes}
            assert voters <= set(people), f"dots from nobody known: {voters - set(people)}"
            for voter in voters:
                used = sum(1 for v, _ in board.votes if v == voter)
                assert used <= board.dots, f"{people[voter]} has {used} dots on {activity.id}"
            # The results count each dot once, and say which were entered for someone.
            authors = self.state.authors(activity)
            results = ranking(board, activity.hands, authors)
            proxied = sum(1 for v, _ in board.votes if self.is_proxy(people[v]))
            counted = sum(r["votes"] for r in results)
            assert counted == len(board.votes), f"{len(board.votes)} dots, counted {counted}"
            entered = sum(r["proxy_votes"] for r in results)
            assert entered == proxied, f"{proxied} dots entered for someone, counted {entered}"
            assert all(r["total"] == r["votes"] + r["hands"] for r in results), results

    def is_proxy(self, pid: str) -> bool:
        return self.state.participants[pid].proxy


def tag(text: str) -> str:
    """The fresh part of a note's text (every accepted note text has exactly one)."""
    found = FRESH.findall(text)
    assert len(found) == 1, text
    return str(found[0])


def seen_by_the_room(board: BoardState) -> set[str]:
    """Tags the room may read once revealed: standing notes and what was merged into them."""
    standing = {n.id for n in board.visible_notes()}
    return {
        tag(n.text)
        for n in board.notes
        if not n.hidden and (n.id in standing or n.merged_into in standing)
    }


def dots_after_showing_a_dotted_note_again() -> int:
    """p3 has one dot; it goes on n1, n1 is hidden (the dot comes back), goes on n2, n1 is
    shown again. How many dots does p3 have standing?"""
    machine = BoardMachine()
    machine.the_workshop_is_under_way("pseudonym", dots=1, authors=["p1", "p2"], steps_done=3)
    voter = machine.phone("p3")
    machine.send(voter, "board.add_vote", {"note_id": "n1"})
    machine.send(FACILITATOR, "board.hide_note", {"note_id": "n1", "hidden": True})
    machine.send(voter, "board.add_vote", {"note_id": "n2"})
    machine.send(FACILITATOR, "board.hide_note", {"note_id": "n1", "hidden": False})
    board = machine.board()
    assert board is not None
    return dots.dots_used(board.votes, "p3")


def test_showing_a_hidden_note_again_never_overspends_dots() -> None:
    # Hiding a note gave its dot back for good: showing it again brings none back.
    assert dots_after_showing_a_dotted_note_again() == 1


BoardMachine.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=35,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_board_state_machine = BoardMachine.TestCase
