"""The board's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

from dataclasses import dataclass

from formats.kit.contributions import Contribution, find
from formats.kit.dots import Dot
from formats.kit.themes import Theme


@dataclass(frozen=True)
class Note(Contribution):
    """A sticky note. Its theme is its column or group; hidden by the facilitator, it keeps its
    text (the minutes count it); merged into another, its text follows that note's."""

    merged_into: str | None = None


@dataclass(frozen=True)
class BoardState:
    question: str
    dots: int
    groups: tuple[Theme, ...] = ()
    notes: tuple[Note, ...] = ()
    # One entry per dot placed (see formats/kit/dots.py).
    votes: tuple[Dot, ...] = ()
    # Counters keep ids stable and readable (n1, n2…) without any random source.
    notes_created: int = 0
    groups_created: int = 0

    def note(self, note_id: str) -> Note | None:
        return find(self.notes, note_id)

    def visible_notes(self) -> list[Note]:
        """Notes the room may see once revealed: not hidden, not merged into another."""
        return [n for n in self.notes if not n.hidden and n.merged_into is None]

    def merged_texts(self, note_id: str) -> list[str]:
        """The texts merged into a note ("also: …")."""
        return [n.text for n in self.notes if n.merged_into == note_id and not n.hidden]
