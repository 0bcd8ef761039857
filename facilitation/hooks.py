"""What a format gives the exports beyond its minutes: its data rows, its dated items and its
pictures. Each hook is optional: a format without it still exports (no rows of its own, nothing
dated, no picture), so a new format gets every export by writing the hooks it needs.

```python
class Checkin:
    def data_rows(self, state, ctx: MinutesContext) -> Sequence[DataRow]: ...
    def dated_items(self, state, ctx: MinutesContext) -> Sequence[DatedItem]: ...
    def pictures(self, state, ctx: MinutesContext) -> Sequence[Picture]: ...
    def decisions(self, state, ctx: MinutesContext) -> Sequence[DecisionEntry]: ...
```

The exports name people, never the format: a row gives its author's id, and the CSV says who it
is only where the activity's anonymity lets the minutes or the screens say it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from facilitation.protocol import MinutesContext


@dataclass(frozen=True)
class DataRow:
    """One line of the session's CSV: a contribution, a vote, a position…

    `kind` says what it is in the format's words (a key of its messages: `data.kind.{kind}`);
    `author_id` is whoever the format knows (an alias when anonymous: the export then names
    nobody); `about` is the id of the item a vote or an answer is about; `value` a count, a
    status or a typed date, as text; `detail` a second text (who an action is for)."""

    kind: str
    id: str
    text: str = ""
    author_id: str | None = None
    theme: str = ""
    about: str = ""
    value: str = ""
    detail: str = ""


@dataclass(frozen=True)
class DatedItem:
    """Something someone commits to do by a time (an action of a plan, a commitment): `when` is
    what was typed ("mars", "avant l'été", "15/04"); the calendar export reads what it can."""

    id: str
    what: str
    who: str = ""
    when: str = ""


@dataclass(frozen=True)
class Picture:
    """A figure of the minutes (a map, a matrix), as a standalone SVG document. Participant text
    inside must be escaped for XML by the format. Placed after the activity's minutes."""

    title: str
    svg: str


@dataclass(frozen=True)
class DecisionEntry:
    """One decision the activity took (or put to the group): the session's decision register
    lists them together, in the minutes and in the data export. `outcome` is a word of the
    format's own (a key of its messages: `outcome.{outcome}`), empty while undecided; `at` the
    ISO time it was decided."""

    title: str
    text: str
    outcome: str = ""
    at: str = ""
    # How many versions the text went through, objections raised, concerns recorded.
    versions: int = 1
    objections: int = 0
    concerns: tuple[str, ...] = ()


class ExportHooks(Protocol):
    """The optional hooks, as a format writes them (see the module's docstring)."""

    def data_rows(self, state: Any, ctx: MinutesContext) -> Sequence[DataRow]:
        """Every contribution, vote and position of the activity, in order."""
        ...

    def dated_items(self, state: Any, ctx: MinutesContext) -> Sequence[DatedItem]:
        """Every action or commitment with a time to do it by (typed or not)."""
        ...

    def pictures(self, state: Any, ctx: MinutesContext) -> Sequence[Picture]:
        """Figures the printed minutes show after the activity's text."""
        ...

    def decisions(self, state: Any, ctx: MinutesContext) -> Sequence[DecisionEntry]:
        """The decisions the activity took, for the session's decision register."""
        ...


def data_rows(fmt: object, state: Any, ctx: MinutesContext) -> list[DataRow]:
    hook = getattr(fmt, "data_rows", None)
    return list(hook(state, ctx)) if hook else []


def dated_items(fmt: object, state: Any, ctx: MinutesContext) -> list[DatedItem]:
    hook = getattr(fmt, "dated_items", None)
    return list(hook(state, ctx)) if hook else []


def pictures(fmt: object, state: Any, ctx: MinutesContext) -> list[Picture]:
    hook = getattr(fmt, "pictures", None)
    return list(hook(state, ctx)) if hook else []


def decisions(fmt: object, state: Any, ctx: MinutesContext) -> list[DecisionEntry]:
    hook = getattr(fmt, "decisions", None)
    return list(hook(state, ctx)) if hook else []
