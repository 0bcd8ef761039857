"""The board's events: what the log keeps, and how each changes the board."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import EventTable, FormatEvent
from formats.board.state import BoardState, Note
from formats.kit import contributions, dots, themes
from formats.kit.themes import Theme

Event = FormatEvent[BoardState]


def _author(state: BoardState, note_id: str) -> tuple[str, ...] | None:
    """Whose phone lists a note (a note's author never changes); None once the note is gone."""
    note = state.note(note_id)
    return None if note is None else (note.author_id,)


@dataclass(frozen=True)
class NoteAdded(Event):
    type = "board.note_added"
    note_id: str
    author_id: str
    text: str
    group_id: str | None = None

    def apply(self, state: BoardState) -> BoardState:
        note = Note(self.note_id, self.author_id, self.text, self.group_id)
        return replace(state, notes=(*state.notes, note), notes_created=state.notes_created + 1)

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return (self.author_id,)


@dataclass(frozen=True)
class NoteEdited(Event):
    type = "board.note_edited"
    note_id: str
    text: str
    # The facilitator's edit: the author's words stay in the state, the minutes say it.
    moderated: bool = False

    def apply(self, state: BoardState) -> BoardState:
        note = state.note(self.note_id)
        assert note is not None
        by = "facilitator" if self.moderated else None
        new = contributions.edited(note, self.text, by)
        return replace(state, notes=tuple(new if n.id == note.id else n for n in state.notes))

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return _author(state, self.note_id)


@dataclass(frozen=True)
class NoteDeleted(Event):
    type = "board.note_deleted"
    note_id: str

    def apply(self, state: BoardState) -> BoardState:
        return replace(state, notes=tuple(n for n in state.notes if n.id != self.note_id))

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return _author(state, self.note_id)  # gone by then: anyone's


@dataclass(frozen=True)
class GroupAdded(Event):
    type = "board.group_added"
    group_id: str
    title: str

    def apply(self, state: BoardState) -> BoardState:
        groups = (*state.groups, Theme(self.group_id, self.title))
        return replace(state, groups=groups, groups_created=state.groups_created + 1)

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class GroupRenamed(Event):
    type = "board.group_renamed"
    group_id: str
    title: str

    def apply(self, state: BoardState) -> BoardState:
        return replace(state, groups=themes.renamed(state.groups, self.group_id, self.title))

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class NoteMoved(Event):
    type = "board.note_moved"
    note_id: str
    group_id: str | None

    def apply(self, state: BoardState) -> BoardState:
        notes = contributions.changed(state.notes, self.note_id, theme_id=self.group_id)
        return replace(state, notes=notes)

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return _author(state, self.note_id)


@dataclass(frozen=True)
class NotesMerged(Event):
    type = "board.notes_merged"
    note_id: str
    into_id: str

    def apply(self, state: BoardState) -> BoardState:
        # Whatever was merged into the absorbed note, and its dots, follow it into the
        # survivor: duplicates add up.
        source, into = self.note_id, self.into_id
        notes = tuple(
            replace(n, merged_into=into) if source in (n.id, n.merged_into) else n
            for n in state.notes
        )
        return replace(state, notes=notes, votes=dots.carried(state.votes, source, into))


@dataclass(frozen=True)
class NoteHidden(Event):
    type = "board.note_hidden"
    note_id: str
    hidden: bool

    def undo_detail(self) -> str:
        return "hidden" if self.hidden else "shown"

    def apply(self, state: BoardState) -> BoardState:
        by = "facilitator" if self.hidden else None
        notes = contributions.changed(state.notes, self.note_id, hidden_by=by)
        votes = dots.given_back(state.votes, self.note_id) if self.hidden else state.votes
        return replace(state, notes=notes, votes=votes)

    def concerns(self, state: BoardState) -> Collection[str] | None:
        # Hiding gives the note's dots back to whoever had placed them: not known afterwards.
        return None if self.hidden else _author(state, self.note_id)


@dataclass(frozen=True)
class VoteAdded(Event):
    type = "board.vote_added"
    note_id: str
    voter_id: str

    def apply(self, state: BoardState) -> BoardState:
        return replace(state, votes=dots.placed(state.votes, self.voter_id, self.note_id))

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return (self.voter_id,)


@dataclass(frozen=True)
class VoteRemoved(Event):
    type = "board.vote_removed"
    note_id: str
    voter_id: str

    def apply(self, state: BoardState) -> BoardState:
        return replace(state, votes=dots.taken_back(state.votes, self.voter_id, self.note_id))

    def concerns(self, state: BoardState) -> Collection[str] | None:
        return (self.voter_id,)


EVENTS: EventTable[FormatEvent[BoardState]] = EventTable(
    NoteAdded,
    NoteEdited,
    NoteDeleted,
    GroupAdded,
    GroupRenamed,
    NoteMoved,
    NotesMerged,
    NoteHidden,
    VoteAdded,
    VoteRemoved,
)
