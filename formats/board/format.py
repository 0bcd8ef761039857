"""The board's rules: who may do what at which step, and what each role sees."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from facilitation import payloads
from facilitation.formats import (
    ANONYMOUS,
    Authors,
    ConfigField,
    MinutesContext,
    Rule,
    Step,
    StepContext,
    ViewContext,
)
from facilitation.types import Command, Event, Rejected, Role
from formats.board.messages import MESSAGES
from formats.board.minutes import board_minutes
from formats.board.state import BoardState, Group, Note

NOTE_MAX = 280
GROUP_TITLE_MAX = 80

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT
REVEALED = ("reveal", "group", "vote", "results")


class Board:
    name = "board"
    version = 1
    web: Path | None = Path(__file__).parent / "web"
    steps: tuple[Step, ...] = (
        Step("write", 5, ready=True, private=True),
        Step("reveal", 3),
        Step("group", 10, optional=True),
        Step("vote", 5, ready=True),
        Step("results", 5),
    )
    roles: tuple[str, ...] = ()
    anonymity = ANONYMOUS
    permissions: Mapping[str, Rule] = {
        "board.add_note": Rule.of(PARTICIPANT, steps=["write"]),
        # Authors fix their own notes while writing; the facilitator moderates once revealed.
        "board.edit_note": Rule.of(PARTICIPANT, steps=["write"])
        | Rule.of(FACILITATOR, steps=["reveal", "group"]),
        "board.delete_note": Rule.of(PARTICIPANT, steps=["write"]),
        "board.add_group": Rule.of(FACILITATOR, SCRIBE, steps=["reveal", "group"]),
        "board.rename_group": Rule.of(FACILITATOR, SCRIBE, steps=["reveal", "group"]),
        "board.move_note": Rule.of(FACILITATOR, SCRIBE, steps=["reveal", "group"]),
        "board.merge_notes": Rule.of(FACILITATOR, steps=["reveal", "group"]),
        "board.hide_note": Rule.of(FACILITATOR, steps=["reveal", "group", "vote"]),
        "board.add_vote": Rule.of(PARTICIPANT, steps=["vote"]),
        "board.remove_vote": Rule.of(PARTICIPANT, steps=["vote"]),
    }
    events: frozenset[str] = frozenset(
        {
            "board.note_added",
            "board.note_edited",
            "board.note_deleted",
            "board.group_added",
            "board.group_renamed",
            "board.note_moved",
            "board.notes_merged",
            "board.note_hidden",
            "board.vote_added",
            "board.vote_removed",
        }
    )
    config_fields: tuple[ConfigField, ...] = (
        ConfigField("question", "text", required=True, max_length=200),
        ConfigField("columns", "lines", max_items=8, max_length=GROUP_TITLE_MAX),
        ConfigField("dots", "int", default=3, min=1, max=10),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES

    def initial_state(self, config: Mapping[str, Any]) -> BoardState:
        columns = tuple(Group(f"g{i}", title) for i, title in enumerate(config["columns"], 1))
        return BoardState(
            question=config["question"],
            dots=config["dots"],
            groups=columns,
            groups_created=len(columns),
        )

    # -- deciding -------------------------------------------------------------------------

    def handle(self, state: BoardState, cmd: Command, ctx: StepContext) -> list[Event]:
        p = cmd.payload
        actor = cmd.actor
        match cmd.type:
            case "board.add_note":
                payloads.only_keys(p, "text", "group_id")
                text = payloads.text(p, "text", max_length=NOTE_MAX)
                group_id = self._existing_group(
                    state, payloads.identifier(p, "group_id", nullable=True)
                )
                return [
                    Event(
                        "board.note_added",
                        {
                            "note_id": f"n{state.notes_created + 1}",
                            "author_id": actor.id,
                            "text": text,
                            "group_id": group_id,
                        },
                    )
                ]
            case "board.edit_note":
                payloads.only_keys(p, "note_id", "text")
                note = self._note(state, p)
                text = payloads.text(p, "text", max_length=NOTE_MAX)
                self._check_author(note, cmd)
                # A facilitator's edit leaves a trace: the author's words stay in the state.
                moderated = actor.role is not PARTICIPANT
                return [
                    Event(
                        "board.note_edited",
                        {"note_id": note.id, "text": text, "moderated": moderated},
                    )
                ]
            case "board.delete_note":
                payloads.only_keys(p, "note_id")
                note = self._note(state, p)
                self._check_author(note, cmd)
                return [Event("board.note_deleted", {"note_id": note.id})]
            case "board.add_group":
                payloads.only_keys(p, "title")
                title = payloads.text(p, "title", max_length=GROUP_TITLE_MAX)
                group_id = f"g{state.groups_created + 1}"
                return [Event("board.group_added", {"group_id": group_id, "title": title})]
            case "board.rename_group":
                payloads.only_keys(p, "group_id", "title")
                group_id = self._existing_group(state, payloads.required_id(p, "group_id"))
                title = payloads.text(p, "title", max_length=GROUP_TITLE_MAX)
                return [Event("board.group_renamed", {"group_id": group_id, "title": title})]
            case "board.move_note":
                payloads.only_keys(p, "note_id", "group_id")
                note = self._note(state, p)
                group_id = self._existing_group(
                    state, payloads.identifier(p, "group_id", nullable=True)
                )
                return [Event("board.note_moved", {"note_id": note.id, "group_id": group_id})]
            case "board.merge_notes":
                payloads.only_keys(p, "note_id", "into_id")
                note = self._note(state, p)
                into = self._note(state, p, key="into_id")
                if note.id == into.id:
                    raise Rejected("merge_self")
                return [Event("board.notes_merged", {"note_id": note.id, "into_id": into.id})]
            case "board.hide_note":
                payloads.only_keys(p, "note_id", "hidden")
                note = self._note(state, p, include_hidden=True)
                hidden = payloads.boolean(p, "hidden", default=True)
                return [Event("board.note_hidden", {"note_id": note.id, "hidden": hidden})]
            case "board.add_vote":
                payloads.only_keys(p, "note_id")
                note = self._note(state, p)
                if state.dots_used(actor.id) >= state.dots:
                    raise Rejected("no_dots_left")
                return [Event("board.vote_added", {"note_id": note.id, "voter_id": actor.id})]
            case "board.remove_vote":
                payloads.only_keys(p, "note_id")
                note = self._note(state, p)
                if (actor.id, note.id) not in state.votes:
                    raise Rejected("no_vote_here")
                return [Event("board.vote_removed", {"note_id": note.id, "voter_id": actor.id})]
        raise Rejected("unknown_command")

    def _note(
        self,
        state: BoardState,
        p: Mapping[str, Any],
        key: str = "note_id",
        include_hidden: bool = False,
    ) -> Note:
        note = state.note(payloads.required_id(p, key))
        if note is None or note.merged_into is not None or (note.hidden and not include_hidden):
            raise Rejected("not_found")
        return note

    def _existing_group(self, state: BoardState, group_id: str | None) -> str | None:
        if group_id is not None and state.group(group_id) is None:
            raise Rejected("not_found")
        return group_id

    def _check_author(self, note: Note, cmd: Command) -> None:
        if cmd.actor.role is PARTICIPANT and note.author_id != cmd.actor.id:
            raise Rejected("not_yours")

    # -- applying -------------------------------------------------------------------------

    def apply(self, state: BoardState, event: Event) -> BoardState:
        d = event.data
        match event.type:
            case "board.note_added":
                note = Note(d["note_id"], d["author_id"], d["text"], d["group_id"])
                return replace(
                    state, notes=(*state.notes, note), notes_created=state.notes_created + 1
                )
            case "board.note_edited":
                edited = state.note(d["note_id"])
                assert edited is not None
                original = edited.original
                if d.get("moderated") and original is None:
                    original = edited.text
                return _change_note(state, d["note_id"], text=d["text"], original=original)
            case "board.note_deleted":
                return replace(state, notes=tuple(n for n in state.notes if n.id != d["note_id"]))
            case "board.group_added":
                group = Group(d["group_id"], d["title"])
                return replace(
                    state, groups=(*state.groups, group), groups_created=state.groups_created + 1
                )
            case "board.group_renamed":
                return replace(
                    state,
                    groups=tuple(
                        replace(g, title=d["title"]) if g.id == d["group_id"] else g
                        for g in state.groups
                    ),
                )
            case "board.note_moved":
                return _change_note(state, d["note_id"], group_id=d["group_id"])
            case "board.notes_merged":
                # Whatever was merged into the absorbed note, and its dots, follow it into the
                # survivor: duplicates add up.
                source, into = d["note_id"], d["into_id"]
                return replace(
                    state,
                    notes=tuple(
                        replace(n, merged_into=into)
                        if n.id == source or n.merged_into == source
                        else n
                        for n in state.notes
                    ),
                    votes=tuple((v, into if n == source else n) for v, n in state.votes),
                )
            case "board.note_hidden":
                # A hidden note gives its dots back for good: showing it again brings no dot
                # back, so nobody can end up with more dots than the board gives.
                hidden = _change_note(state, d["note_id"], hidden=d["hidden"])
                if not d["hidden"]:
                    return hidden
                return replace(hidden, votes=tuple(v for v in state.votes if v[1] != d["note_id"]))
            case "board.vote_added":
                return replace(state, votes=(*state.votes, (d["voter_id"], d["note_id"])))
            case "board.vote_removed":
                dot = (d["voter_id"], d["note_id"])
                i = state.votes.index(dot)
                return replace(state, votes=state.votes[:i] + state.votes[i + 1 :])
        raise ValueError(f"the board has no event {event.type!r}")

    # -- showing --------------------------------------------------------------------------

    def view(self, state: BoardState, ctx: ViewContext) -> dict[str, Any]:
        # "Reveal" during writing shows the notes as they come (a live wall).
        revealed = ctx.step in REVEALED or ctx.revealed
        notes: list[dict[str, Any]] = []
        if revealed:
            shown = state.notes if ctx.role == FACILITATOR else state.visible_notes()
            for n in shown:
                if n.merged_into is not None:
                    continue
                notes.append(
                    {
                        "id": n.id,
                        "text": n.text,
                        "group_id": n.group_id,
                        "hidden": n.hidden,
                        "merged": _merged_texts(state, n.id),
                        "edited": n.original is not None,
                        "author": ctx.authors.public(n.author_id),
                        "proxy": ctx.authors.is_proxy(n.author_id),
                    }
                )
        view: dict[str, Any] = {
            "question": state.question,
            "dots": state.dots,
            "groups": [{"id": g.id, "title": g.title} for g in state.groups],
            "note_count": len(state.visible_notes()),
            "notes": notes,
        }
        if ctx.step in ("vote", "results"):
            counted = state.votes
            view["votes_cast"] = len(counted)
            view["voters"] = len({voter for voter, _ in counted})
        # Votes stay hidden until the results step, or until the facilitator reveals them.
        if ctx.step == "results" or (ctx.step == "vote" and ctx.revealed):
            view["results"] = ranking(state, ctx.hands, ctx.authors)
        return view

    def item_text(self, state: BoardState, item_id: str) -> str | None:
        note = state.note(item_id)
        if note is None or note.hidden or note.merged_into is not None:
            return None
        return note.text

    def private_views(
        self, state: BoardState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        wanted = set(participant_ids)
        notes: dict[str, list[dict[str, Any]]] = {pid: [] for pid in wanted}
        for n in state.notes:
            if n.author_id in wanted and not n.hidden and n.merged_into is None:
                notes[n.author_id].append({"id": n.id, "text": n.text, "group_id": n.group_id})
        votes: dict[str, dict[str, int]] = {pid: {} for pid in wanted}
        for voter, note_id in state.votes:
            if voter in wanted:
                votes[voter][note_id] = votes[voter].get(note_id, 0) + 1
        return {
            pid: {
                "notes": notes[pid],
                "votes": votes[pid],
                "dots_left": state.dots - sum(votes[pid].values()),
            }
            for pid in wanted
        }

    def minutes(self, state: BoardState, ctx: MinutesContext) -> str:
        return board_minutes(state, ctx, ranking(state, ctx.hands, ctx.authors))


def _change_note(state: BoardState, note_id: str, **changes: Any) -> BoardState:
    return replace(
        state, notes=tuple(replace(n, **changes) if n.id == note_id else n for n in state.notes)
    )


def _merged_texts(state: BoardState, note_id: str) -> list[str]:
    return [n.text for n in state.notes if n.merged_into == note_id and not n.hidden]


def ranking(
    state: BoardState,
    hands: Mapping[str, int] | None = None,
    authors: Authors | None = None,
) -> list[dict[str, Any]]:
    """Standing notes by dots (plus any show of hands), most first; equal totals share a rank
    (1, 2, 2, 4). Dots placed for a person without a phone count once, like anyone's."""
    hands = hands or {}
    authors = authors or Authors()
    counts: dict[str, int] = {}
    proxied: dict[str, int] = {}
    for voter, note_id in state.votes:
        counts[note_id] = counts.get(note_id, 0) + 1
        if authors.is_proxy(voter):
            proxied[note_id] = proxied.get(note_id, 0) + 1

    def total(n: Note) -> int:
        return counts.get(n.id, 0) + hands.get(n.id, 0)

    notes = sorted(state.visible_notes(), key=lambda n: -total(n))
    results: list[dict[str, Any]] = []
    for position, n in enumerate(notes, 1):
        score = total(n)
        rank = results[-1]["rank"] if results and results[-1]["total"] == score else position
        results.append(
            {
                "id": n.id,
                "text": n.text,
                "group_id": n.group_id,
                "votes": counts.get(n.id, 0),
                "proxy_votes": proxied.get(n.id, 0),
                "hands": hands.get(n.id, 0),
                "total": score,
                "rank": rank,
                "merged": _merged_texts(state, n.id),
            }
        )
    return results
