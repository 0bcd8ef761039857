"""The board's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    id: str
    title: str


@dataclass(frozen=True)
class Note:
    id: str
    author_id: str
    text: str
    group_id: str | None = None
    hidden: bool = False
    merged_into: str | None = None
    # The author's own words, when a facilitator edited the note (the trace of moderation).
    original: str | None = None


@dataclass(frozen=True)
class BoardState:
    question: str
    dots: int
    groups: tuple[Group, ...] = ()
    notes: tuple[Note, ...] = ()
    # One entry per dot placed: (voter_id, note_id). Several dots may go on the same note. Dots
    # only ever sit on standing notes: hiding a note gives its dots back, merging moves them.
    votes: tuple[tuple[str, str], ...] = ()
    # Counters keep ids stable and readable (n1, n2…) without any random source.
    notes_created: int = 0
    groups_created: int = 0

    def note(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def visible_notes(self) -> list[Note]:
        """Notes the room may see once revealed: not hidden, not merged into another."""
        return [n for n in self.notes if not n.hidden and n.merged_into is None]

    def dots_used(self, voter_id: str) -> int:
        return sum(1 for voter, _ in self.votes if voter == voter_id)
