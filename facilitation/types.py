"""The vocabulary every part of the engine speaks: roles, actors, events, rejections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    # The lead facilitator and co-facilitators alike (a co-facilitator's link gives this role).
    FACILITATOR = "facilitator"
    # Writes the minutes and enters contributions for people without a phone.
    SCRIBE = "scribe"
    # Follows the session (console read-only), sends nothing.
    OBSERVER = "observer"
    PARTICIPANT = "participant"
    # The projector: sees what the room may see, never sends a command.
    ROOM = "room"


@dataclass(frozen=True)
class Actor:
    """Who sends a command. Facilitator, scribe, observer and room screen have no participant id.

    `alias` replaces the participant id in an anonymous activity: the format, the log and every
    view then see an id that nobody can tie back to the person (see facilitation/anonymity.py).
    `proxy_by` names who typed a contribution for a participant without a phone. `link_id` is the
    team link a staff screen came in with (None for the facilitator's own key): revoking it
    stops its commands.
    """

    role: Role
    participant_id: str | None = None
    alias: str | None = None
    proxy_by: str | None = None
    link_id: str | None = None
    # Derived from the participant's own token at connect; never stored (see anonymity.py).
    alias_seed: str | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.alias or self.participant_id or self.role.value


@dataclass(frozen=True)
class Event:
    """What happened, as stored in the log. `data` holds JSON values only."""

    type: str
    data: Mapping[str, Any] = field(default_factory=dict)
    activity_id: str | None = None
    actor_id: str | None = None
    at: str = ""


class Rejected(Exception):
    """A command that may not happen. Nothing is written; the person reads `code` in their words."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
