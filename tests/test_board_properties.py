"""The board as a state machine: any sequence of commands, by anyone, keeps the invariants.

Pure engine only (no server, no database): commands go through the same path as in
`SessionService.dispatch` — `authorise`, then the engine's or the format's `handle` — and accepted
events are folded with `apply_event`. After every step:

- replaying the whole log from scratch gives the live state;
- a rejected command changed nothing, and its code has a message in every language;
- no view leaks what its role must not see (notes before the reveal, hidden notes, other
  people's notes, per-note counts during the vote);
- the minutes render in French and English and leak nothing either;
- nobody ever has more counted dots than the board gives;
- `can` in each view offers only commands `authorise` lets that role send, and leaves out only
  step moves that would be refused anyway.

Rules either play a workshop (mostly valid commands, in the steps where they make sense, so deep
states are reached) or send anything: any command type, any actor including the room screen,
payloads with unknown ids, empty, blank, too long or mistyped texts, unknown keys, a stale
`activity_id`.

Every text a rule writes is fresh (`note·7·`), so finding it in a JSON view or in the minutes
means exactly that this note leaked, never that another note happens to read the same.
"""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import formats.board
from exports.minutes import compose_minutes
from facilitation.messages import ENGINE, LANGUAGES
from facilitation.permissions import allowed_now, authorise
from facilitation.registry import Registry
from facilitation.session import (
    ENGINE_PERMISSIONS,
    SessionState,
    apply_event,
    handle_engine_command,
    handle_format_command,
    join_event,
    step_key,
)
from facilitation.types import Actor, Command, Event, Rejected, Role
from facilitation.views import activity_view, private_view
from formats.board.state import BoardState

REGISTRY = Registry([formats.board.FORMAT])
BOARD = formats.board.FORMAT
AT = "2025-03-14T09:30:00.000+00:00"

PARTICIPANTS = ("p1", "p2", "p3")
ACTORS = {
    "facilitator": Actor(Role.FACILITATOR),
    "room": Actor(Role.ROOM),
    **{pid: Actor(Role.PARTICIPANT, pid) for pid in PARTICIPANTS},
}

ENGINE_TYPES = sorted(ENGINE_PERMISSIONS)
BOARD_TYPES = sorted(BOARD.permissions)
ABSENT = object()
UNKNOWN_TYPES = ["board.nope", "session.close", "", "step", "accelerator.add_card"]

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


def board_states(state: SessionState) -> list[tuple[str, str, BoardState]]:
    """(activity id, step key, board state) of every board of the session."""
    return [(a.id, step_key(REGISTRY, a), a.state) for a in state.activities]


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.counter = 0
        self.log: list[Event] = []
        self.state = SessionState(id="s1")
        self.rejected_codes: set[str] = set()
        self.record(
            Event(
                "session.created",
                {
                    "title": "Atelier",
                    "facilitator_name": "Stéphanie",
                    "language": "fr",
                    "join_code": "K7QM3XD9",
                },
                actor_id="facilitator",
                at=AT,
            )
        )
        for name, remote in (("Camille", False), ("Yanis", True), ("", False)):
            event = join_event(self.state, name, remote)
            self.record(replace(event, actor_id=event.data["participant_id"], at=AT))

    # -- the path every command takes -----------------------------------------------------

    def record(self, event: Event) -> None:
        self.state = apply_event(self.state, event, REGISTRY, self.state.seq + 1)
        self.log.append(event)

    def fresh(self, kind: str = "note") -> str:
        self.counter += 1
        return f"{kind}·{self.counter}·"

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

    def submit(
        self, actor: Actor, command_type: str, payload: dict[str, Any], activity_id: Any = None
    ) -> None:
        """Exactly what `SessionService.dispatch` does, minus the store and the clock."""
        if activity_id == "current":
            activity_id = self.state.current_activity_id
        before = pickle.dumps(self.state)
        payload_before = pickle.dumps(payload)
        try:
            if not isinstance(activity_id, str | None):
                raise Rejected("invalid_payload", field="activity_id")
            authorise(self.state, REGISTRY, actor, command_type)
            cmd = Command(command_type, payload, actor, at=AT, client_id=f"c{len(self.log)}")
            if command_type in ENGINE_PERMISSIONS:
                decided = handle_engine_command(self.state, cmd, REGISTRY)
            else:
                decided = handle_format_command(self.state, cmd, REGISTRY, activity_id)
        except Rejected as rejected:
            assert pickle.dumps(self.state) == before, f"refusing {command_type} changed the state"
            assert pickle.dumps(payload) == payload_before, f"refusing {command_type} changed it"
            self.rejected_codes.add(rejected.code)
            return
        assert pickle.dumps(self.state) == before, f"deciding {command_type} changed the state"
        for event in decided:
            self.record(replace(event, actor_id=actor.id, at=AT))

    def payload(self, command_type: str, shape: str, **fields: Any) -> dict[str, Any]:
        """A payload of the command's own shape, filled from the drawn fields."""
        keys = {
            "board.add_note": ("text", "group_id"),
            "board.edit_note": ("note_id", "text"),
            "board.delete_note": ("note_id",),
            "board.add_group": ("title",),
            "board.rename_group": ("group_id", "title"),
            "board.move_note": ("note_id", "group_id"),
            "board.merge_notes": ("note_id", "into_id"),
            "board.hide_note": ("note_id", "hidden"),
            "board.add_vote": ("note_id",),
            "board.remove_vote": ("note_id",),
            "session.add_activity": ("format", "title", "config"),
            "session.open_activity": ("activity_id",),
            "participant.rename": ("name",),
        }.get(command_type, ())
        if shape == "empty":
            return {}
        payload: dict[str, Any] = {}
        for key in keys:
            value = fields[key]
            if key in ("text", "title", "name"):
                value = self.text(value, kind="note" if key == "text" else key)
            if value is not ABSENT:
                payload[key] = value
        if shape == "extra_key":
            payload["colour"] = "yellow"
        return payload

    # -- rules ----------------------------------------------------------------------------

    @rule(
        actor=st.sampled_from(sorted(ACTORS)),
        command_type=st.sampled_from(ENGINE_TYPES + BOARD_TYPES + UNKNOWN_TYPES),
        shape=SHAPES,
        note_id=NOTE_IDS,
        into_id=NOTE_IDS,
        group_id=GROUP_IDS,
        text=TEXTS,
        hidden=st.sampled_from([True, False, "yes", None]),
        opened=st.sampled_from(["a1", "a2", "a9", "", None, 1]),
        activity_id=ACTIVITY_IDS,
    )
    def anyone_sends_anything(
        self,
        actor: str,
        command_type: str,
        shape: str,
        note_id: Any,
        into_id: Any,
        group_id: Any,
        text: str,
        hidden: Any,
        opened: Any,
        activity_id: Any,
    ) -> None:
        payload = self.payload(
            command_type,
            shape,
            note_id=note_id,
            into_id=into_id,
            group_id=group_id,
            text=text,
            title=text,
            name=text,
            hidden=hidden,
            format="board",
            config={"question": self.fresh("question"), "dots": 1},
            activity_id=opened,
        )
        self.submit(ACTORS[actor], command_type, payload, activity_id)

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
        return "" if activity is None else step_key(REGISTRY, activity)

    # The rules below play a workshop: each fires in the steps where it makes sense, with mostly
    # valid values, so that deep states (votes on hidden notes…) are reached in few steps.
    # `anyone_sends_anything` covers the wrong steps, roles and payloads.

    @initialize(
        dots=st.integers(1, 3),
        authors=st.lists(st.sampled_from(PARTICIPANTS), max_size=6),
        # Most rules meet in the vote: start there more often.
        steps_done=st.sampled_from([0, 1, 2, 3, 3, 3, 4]),
    )
    def the_workshop_is_under_way(self, dots: int, authors: list[str], steps_done: int) -> None:
        """A board with notes, in any step: rules then have time to combine in that step (the
        moves of the step would otherwise rarely stay long enough in one)."""
        config = {"question": "question·0·", "columns": ["Outils", "Rencontres"], "dots": dots}
        self.record(
            Event(
                "activity.added",
                {"activity_id": "a1", "format": "board", "title": "Idées", "config": config},
                actor_id="facilitator",
                at=AT,
            )
        )
        self.record(Event("activity.opened", {"activity_id": "a1"}, actor_id="facilitator", at=AT))
        for pid in authors:
            self.submit(ACTORS[pid], "board.add_note", {"text": self.fresh()})
        for _ in range(steps_done):
            self.submit(ACTORS["facilitator"], "step.next", {})

    @precondition(lambda self: self.step() == "write")
    @rule(pid=st.sampled_from(PARTICIPANTS), text=USUAL_TEXTS, group_id=USUAL_GROUP_IDS)
    def participant_writes(self, pid: str, text: str, group_id: Any) -> None:
        payload = self.payload("board.add_note", "plain", text=text, group_id=group_id)
        self.submit(ACTORS[pid], "board.add_note", payload)

    @precondition(lambda self: self.step() == "write")
    @rule(
        pid=st.sampled_from(PARTICIPANTS),
        command_type=st.sampled_from(["board.edit_note", "board.delete_note"]),
        note=NOTE_PICKS,
        text=USUAL_TEXTS,
    )
    def participant_revises(self, pid: str, command_type: str, note: int, text: str) -> None:
        payload = self.payload(command_type, "plain", note_id=self.pick(note), text=text)
        self.submit(ACTORS[pid], command_type, payload)

    @precondition(lambda self: self.step() == "vote")
    @rule(
        moves=st.lists(
            st.tuples(
                st.sampled_from([*PARTICIPANTS, "facilitator"]),
                st.sampled_from(["add", "add", "remove"]),
                NOTE_PICKS,
            ),
            min_size=1,
            max_size=6,
        )
    )
    def the_room_votes(self, moves: list[tuple[str, str, int]]) -> None:
        """A burst of the vote: people place and take back dots while the facilitator hides or
        shows a note (the burst lets these interleave closely, as they do in a room)."""
        for who, what, note in moves:
            if who == "facilitator":
                self.facilitator_hides_or_shows_a_note(note)
            else:
                command_type = "board.add_vote" if what == "add" else "board.remove_vote"
                self.submit(ACTORS[who], command_type, {"note_id": self.pick(note)})

    @precondition(lambda self: self.step() in ("reveal", "group", "vote"))
    @rule(note=NOTE_PICKS)
    def facilitator_hides_or_shows(self, note: int) -> None:
        self.facilitator_hides_or_shows_a_note(note)

    def facilitator_hides_or_shows_a_note(self, note: int) -> None:
        note_id = self.pick(note)
        board = self.board()
        found = board.note(note_id) if board is not None else None
        payload = {"note_id": note_id, "hidden": found is None or not found.hidden}
        self.submit(ACTORS["facilitator"], "board.hide_note", payload)

    @precondition(lambda self: self.step() in ("reveal", "group", "vote"))
    @rule(
        command_type=st.sampled_from(
            [t for t in BOARD_TYPES if BOARD.permissions[t].allows(Role.FACILITATOR, "group")]
        ),
        note=NOTE_PICKS,
        into=NOTE_PICKS,
        group_id=USUAL_GROUP_IDS,
        text=USUAL_TEXTS,
        hidden=st.booleans(),
    )
    def facilitator_organises(
        self, command_type: str, note: int, into: int, group_id: Any, text: str, hidden: Any
    ) -> None:
        payload = self.payload(
            command_type,
            "plain",
            note_id=self.pick(note),
            into_id=self.pick(into),
            group_id=group_id,
            text=text,
            title=text,
            hidden=hidden,
        )
        self.submit(ACTORS["facilitator"], command_type, payload)

    @rule(
        move=st.sampled_from(["forward"] * 6 + ["back"] * 2 + ["open", "add"]),
        open_one=st.sampled_from(["a1", "a2", "a9"]),
        question=TEXTS,
        columns=st.sampled_from([[], ["A", "B"], "Une\nDeux", [1], ["x" * 81], None]),
        dots=st.sampled_from([1, 2, 3, 0, 11, "2", True, None]),
        title=st.sampled_from(["fresh", "none", "too_long", "number"]),
        fmt=st.sampled_from(["board", "board", "accelerator", None]),
    )
    def facilitator_moves_on(
        self,
        move: str,
        open_one: str,
        question: str,
        columns: Any,
        dots: Any,
        title: str,
        fmt: Any,
    ) -> None:
        """The next or previous step (one rule with the agenda: in a workshop the facilitator
        moves on far less often than people write, vote and sort), another activity, a new board
        (opened only if it is the first)."""
        facilitator = ACTORS["facilitator"]
        if move in ("forward", "back"):
            if self.step() == BOARD.steps[-1].key:
                move = "back" if move == "forward" else "forward"  # sometimes refused
            self.submit(facilitator, "step.next" if move == "forward" else "step.previous", {})
        elif move == "open":
            self.submit(facilitator, "session.open_activity", {"activity_id": open_one})
        else:
            config: dict[str, Any] = {"question": self.text(question, "question")}
            if config["question"] is ABSENT:
                del config["question"]
            config["columns"] = columns
            if dots is not None:
                config["dots"] = dots
            payload = {"format": fmt, "title": self.text(title, "title"), "config": config}
            self.submit(facilitator, "session.add_activity", payload)

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def replaying_the_log_gives_the_live_state(self) -> None:
        replayed = SessionState(id="s1")
        for seq, event in enumerate(self.log, 1):
            replayed = apply_event(replayed, event, REGISTRY, seq)
        assert replayed == self.state, "replaying the log does not give the live state"
        assert self.state.seq == len(self.log)

    @invariant()
    def every_refusal_speaks_every_language(self) -> None:
        # Looked up per language: `translate` would quietly fall back to French.
        for code in self.rejected_codes:
            for lang in LANGUAGES:
                catalogs = (ENGINE.get(lang, {}), BOARD.messages.get(lang, {}))
                assert any(f"error.{code}" in c for c in catalogs), f"no {lang} words for {code}"

    @invariant()
    def views_leak_nothing(self) -> None:
        activity = self.state.current
        assert activity is not None
        step = step_key(REGISTRY, activity)
        board: BoardState = activity.state
        written = {tag(n.text) for n in board.notes}
        unseen = written if step == "write" else written - seen_by_the_room(board)
        for role in Role:
            view = activity_view(self.state, REGISTRY, role)
            assert view is not None
            shown = set(FRESH.findall(json.dumps(view, ensure_ascii=False)))
            if step == "write":
                assert not shown, f"the {role} view shows notes being written: {shown}"
            if role is not Role.FACILITATOR:
                assert not shown & unseen, f"the {role} view shows {shown & unseen}"
            if step != "results":
                assert "results" not in view["view"]
            if step == "vote":
                assert all("votes" not in note for note in view["view"]["notes"])
        for pid in PARTICIPANTS:
            private = private_view(self.state, REGISTRY, pid)
            own = [n for n in board.notes if n.author_id == pid and n in board.visible_notes()]
            assert [n["id"] for n in private["mine"]["notes"]] == [n.id for n in own], pid
            shown = set(FRESH.findall(json.dumps(private, ensure_ascii=False)))
            assert shown == {tag(n.text) for n in own}, f"{pid} sees others' notes"

    @invariant()
    def the_minutes_render_and_leak_nothing(self) -> None:
        forbidden: set[str] = set()
        for _, step, board in board_states(self.state):
            written = {tag(n.text) for n in board.notes}
            forbidden |= written if step == "write" else written - seen_by_the_room(board)
        for lang in LANGUAGES:
            minutes = compose_minutes(self.state, REGISTRY, lang)
            leaked = set(FRESH.findall(minutes)) & forbidden
            assert not leaked, f"the {lang} minutes show {leaked}"

    @invariant()
    def nobody_spends_more_dots_than_given(self) -> None:
        for activity_id, _, board in board_states(self.state):
            # Counted here from the notes and the dots, not with the board's own arithmetic.
            standing = {n.id for n in board.notes if not n.hidden and n.merged_into is None}
            assert {note for _, note in board.votes} <= standing, "dots only on standing notes"
            for pid in PARTICIPANTS:
                used = sum(1 for voter, note in board.votes if voter == pid and note in standing)
                assert used <= board.dots, f"{pid} has {used} dots on {activity_id}"

    @invariant()
    def can_lists_what_authorise_lets_through(self) -> None:
        """`can` offers only what `authorise` accepts, and leaves out only step moves that
        would be refused anyway (there is no next step after the last one)."""
        everything = ENGINE_TYPES + [t for fmt in REGISTRY for t in fmt.permissions]
        for actor in (ACTORS["facilitator"], ACTORS["room"], ACTORS["p1"]):
            allowed = set()
            for command_type in everything:
                try:
                    authorise(self.state, REGISTRY, actor, command_type)
                except Rejected:
                    continue
                allowed.add(command_type)
            can = allowed_now(self.state, REGISTRY, actor.role)
            assert can == sorted(can) and set(can) <= allowed, (actor.role, can, allowed)
            for command_type in allowed - set(can):
                assert command_type in ("step.next", "step.previous"), (actor.role, command_type)
                move = Command(command_type, {}, actor, at=AT)
                with pytest.raises(Rejected):
                    handle_engine_command(self.state, move, REGISTRY)


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
    machine.the_workshop_is_under_way(dots=1, authors=["p1", "p2"], steps_done=3)
    facilitator, voter = ACTORS["facilitator"], ACTORS["p3"]
    machine.submit(voter, "board.add_vote", {"note_id": "n1"})
    machine.submit(facilitator, "board.hide_note", {"note_id": "n1", "hidden": True})
    machine.submit(voter, "board.add_vote", {"note_id": "n2"})
    machine.submit(facilitator, "board.hide_note", {"note_id": "n1", "hidden": False})
    board = machine.board()
    assert board is not None
    return board.dots_used("p3")


def test_showing_a_hidden_note_again_never_overspends_dots() -> None:
    # Hiding a note gave its dot back for good: showing it again brings none back.
    assert dots_after_showing_a_dotted_note_again() == 1


BoardMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_board_state_machine = BoardMachine.TestCase
