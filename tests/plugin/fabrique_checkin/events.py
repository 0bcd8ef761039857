"""The check-in's one event."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fabrique_checkin.state import CheckinState
from facilitation.protocol import EventTable, FormatEvent


@dataclass(frozen=True)
class WordsShared(FormatEvent[CheckinState]):
    type = "checkin.words_shared"
    author_id: str
    text: str

    def apply(self, state: CheckinState) -> CheckinState:
        return replace(state, words={**state.words, self.author_id: self.text})


EVENTS: EventTable[FormatEvent[CheckinState]] = EventTable(WordsShared)
