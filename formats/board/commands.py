"""The board's commands: who may send each in which step, its payload, and what it decides."""

from __future__ import annotations

from facilitation.fields import ABSENT, Bool, Id, Ids, Text
from facilitation.protocol import CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Rejected, Role
from formats.board import events as e
from formats.board.state import BoardState, Note
from formats.kit import contributions, dots, themes

NOTE_MAX = 280
GROUP_TITLE_MAX = 80
# Every note of a big wall may be moved in one go.
MOVE_MAX = 200

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT
# Themes are made and sorted once the notes are on the wall.
SORTING = Rule.of(FACILITATOR, SCRIBE, steps=["reveal", "group"])

COMMANDS: CommandTable[BoardState, StepContext] = CommandTable()
Decided = list[TypedEvent]


def _note(state: BoardState, note_id: str, include_hidden: bool = False) -> Note:
    note = state.note(note_id)
    if note is None or note.merged_into is not None or (note.hidden and not include_hidden):
        raise Rejected("not_found")
    return note


@COMMANDS.command(
    "board.add_note",
    Rule.of(PARTICIPANT, steps=["write"]),
    Text("text", max_length=NOTE_MAX),
    Id("group_id", nullable=True),
)
def add_note(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    group_id = themes.existing(state.groups, p["group_id"])
    note_id = f"n{state.notes_created + 1}"
    return [e.NoteAdded(note_id, ctx.actor.id, p["text"], group_id)]


@COMMANDS.command(
    "board.edit_note",
    # Authors fix their own notes while writing; the facilitator moderates once revealed.
    Rule.of(PARTICIPANT, steps=["write"]) | Rule.of(FACILITATOR, steps=["reveal", "group"]),
    Id("note_id"),
    Text("text", max_length=NOTE_MAX),
)
def edit_note(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    contributions.check_author(note.author_id, ctx.actor)
    # A facilitator's edit leaves a trace: the author's words stay in the state.
    moderated = ctx.actor.role is not PARTICIPANT
    return [e.NoteEdited(note.id, p["text"], moderated)]


@COMMANDS.command("board.delete_note", Rule.of(PARTICIPANT, steps=["write"]), Id("note_id"))
def delete_note(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    contributions.check_author(note.author_id, ctx.actor)
    return [e.NoteDeleted(note.id)]


@COMMANDS.command(
    "board.add_group",
    SORTING,
    Text("title", max_length=GROUP_TITLE_MAX),
    # The notes the facilitator picked go into the new group at once: naming a theme is how
    # grouping usually starts ("these five go together").
    Ids("note_ids", max_items=MOVE_MAX, default=ABSENT),
)
def add_group(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    group_id = f"g{state.groups_created + 1}"
    notes = [_note(state, note_id) for note_id in p.get("note_ids", ())]
    return [e.GroupAdded(group_id, p["title"]), *(e.NoteMoved(n.id, group_id) for n in notes)]


@COMMANDS.command(
    "board.rename_group",
    SORTING,
    Id("group_id"),
    Text("title", max_length=GROUP_TITLE_MAX),
)
def rename_group(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    group_id = themes.existing(state.groups, p["group_id"])
    assert group_id is not None
    return [e.GroupRenamed(group_id, p["title"])]


@COMMANDS.command("board.move_note", SORTING, Id("note_id"), Id("group_id", nullable=True))
def move_note(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    return [e.NoteMoved(note.id, themes.existing(state.groups, p["group_id"]))]


@COMMANDS.command(
    "board.move_notes",
    SORTING,
    Ids("note_ids", max_items=MOVE_MAX),
    Id("group_id", nullable=True),
)
def move_notes(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    """Several notes into one group (or out of any): all of them or, if one cannot move, none.
    One command makes one acknowledgement and one step for undo, however many notes it moves;
    its events are the single move's, so the log reads the same either way."""
    if not p["note_ids"]:
        raise Rejected("invalid_payload", field="note_ids")
    notes = [_note(state, note_id) for note_id in p["note_ids"]]
    group_id = themes.existing(state.groups, p["group_id"])
    return [e.NoteMoved(n.id, group_id) for n in notes if n.theme_id != group_id]


@COMMANDS.command(
    "board.merge_notes",
    Rule.of(FACILITATOR, steps=["reveal", "group"]),
    Id("note_id"),
    Id("into_id"),
)
def merge_notes(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    into = _note(state, p["into_id"])
    if note.id == into.id:
        raise Rejected("merge_self")
    return [e.NotesMerged(note.id, into.id)]


@COMMANDS.command(
    "board.hide_note",
    Rule.of(FACILITATOR, steps=["reveal", "group", "vote"]),
    Id("note_id"),
    Bool("hidden", default=True),
)
def hide_note(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"], include_hidden=True)
    return [e.NoteHidden(note.id, p["hidden"])]


@COMMANDS.command("board.add_vote", Rule.of(PARTICIPANT, steps=["vote"]), Id("note_id"))
def add_vote(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    if dots.dots_used(state.votes, ctx.actor.id) >= state.dots:
        raise Rejected("no_dots_left")
    return [e.VoteAdded(note.id, ctx.actor.id)]


@COMMANDS.command("board.remove_vote", Rule.of(PARTICIPANT, steps=["vote"]), Id("note_id"))
def remove_vote(state: BoardState, p: Payload, ctx: StepContext) -> Decided:
    note = _note(state, p["note_id"])
    if (ctx.actor.id, note.id) not in state.votes:
        raise Rejected("no_vote_here")
    return [e.VoteRemoved(note.id, ctx.actor.id)]
