"""Contributions: a text with an author, and the trace moderation leaves.

Moderation never loses a person's words: when staff (the facilitator or the scribe) change a
participant's text, `original` keeps the author's own last words and `edited_by` says who
changed them; when staff remove it, it is hidden (`hidden_by`), kept in the state but out of
every view, and counted in the minutes. The author changing their text again makes the words
theirs: the trace is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, TypeVar

from facilitation.protocol import Authors
from facilitation.types import Actor, Rejected, Role

# Finding and changing a contribution among others is what every item with an id needs.
from formats.kit.items import changed as changed
from formats.kit.items import find as find

# Who typed an item when it was not a participant: the scribe or a facilitator, noting what was
# said aloud in the room (`Actor.id` of people without a participant id).
STAFF_AUTHORS = frozenset({Role.SCRIBE.value, Role.FACILITATOR.value})


@dataclass(frozen=True)
class Contribution:
    id: str
    author_id: str
    text: str
    theme_id: str | None = None
    original: str | None = None
    edited_by: str | None = None
    hidden_by: str | None = None

    @property
    def hidden(self) -> bool:
        return self.hidden_by is not None

    @property
    def edited(self) -> bool:
        return self.original is not None


C = TypeVar("C", bound=Contribution)


def check_author(author_id: str, actor: Actor) -> None:
    """A participant changes only their own items; staff moderate."""
    if actor.role is Role.PARTICIPANT and author_id != actor.id:
        raise Rejected("not_yours")


def moderator(author_id: str, actor: Actor) -> str | None:
    """Who moderates when staff change a participant's item: "scribe" or "facilitator". None
    when the author changes it (staff typing it for a person without a phone included) or when
    staff change what staff noted."""
    if actor.role is Role.PARTICIPANT or author_id in STAFF_AUTHORS:
        return None
    return actor.role.value


def edited(item: C, text: str, by: str | None) -> C:
    """The item with its new text, keeping the author's own last words when staff (`by`)
    changed them."""
    own = item.text if item.original is None else item.original
    if by is None or text == own:
        return replace(item, text=text, original=None, edited_by=None)
    return replace(item, text=text, original=own, edited_by=by)


def by_line(authors: Authors, author_id: str) -> dict[str, Any]:
    """Who wrote an item, as screens may say it."""
    return {
        "author": authors.public(author_id),
        "proxy": authors.is_proxy(author_id),
        # Typed by the scribe or a facilitator from what was said aloud.
        "noted": author_id in STAFF_AUTHORS,
    }
