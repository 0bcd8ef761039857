"""The cartography's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from formats.kit.contributions import Contribution
from formats.kit.dots import Dot
from formats.kit.items import find

WHYS = ("necessity", "choice")
KINDS = ("stake", "criterion")
SCALE = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class Named:
    """An organisation or a tool: its first spelling, and the one it was merged into."""

    id: str
    name: str
    merged_into: str | None = None


@dataclass(frozen=True)
class Heading:
    """A purpose (a zone of the map) or an impact dimension. `key` names a default (its title
    comes from the messages, in each language); `title` is what the facilitator typed."""

    id: str
    key: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Use:
    """A tool a participant's organisation uses, for some purposes, by necessity or by choice.
    Its organisation is its author's (changing organisation carries one's uses)."""

    id: str
    author_id: str
    tool_id: str
    purpose_ids: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Rating:
    """One person's rating of a tool on a dimension (an imported organisation's average for an
    imported member)."""

    rater_id: str
    tool_id: str
    dimension_id: str
    value: float


@dataclass(frozen=True)
class Stake(Contribution):
    """A shared stake or a criterion of a good tool (`kind`)."""

    kind: str = "stake"


@dataclass(frozen=True)
class CartographyState:
    dots: int = 3
    purposes: tuple[Heading, ...] = ()
    dimensions: tuple[Heading, ...] = ()
    organisations: tuple[Named, ...] = ()
    tools: tuple[Named, ...] = ()
    # Who belongs to which organisation: (participant id or imported member id, organisation).
    members: tuple[tuple[str, str], ...] = ()
    uses: tuple[Use, ...] = ()
    ratings: tuple[Rating, ...] = ()
    stakes: tuple[Stake, ...] = ()
    votes: tuple[Dot, ...] = ()
    spotlight: str | None = None
    shown_dimension: str | None = None
    # Counters keep ids stable and readable (o1, t2, u3…) without any random source.
    organisations_created: int = 0
    tools_created: int = 0
    uses_created: int = 0
    purposes_created: int = 0
    dimensions_created: int = 0
    stakes_created: int = 0
    members_imported: int = 0

    # -- names, merges followed ----------------------------------------------------------------

    def organisation(self, org_id: str) -> Named | None:
        return _standing(self.organisations, org_id)

    def tool(self, tool_id: str) -> Named | None:
        return _standing(self.tools, tool_id)

    def standing_organisations(self) -> list[Named]:
        return [o for o in self.organisations if o.merged_into is None]

    def standing_tools(self) -> list[Named]:
        return [t for t in self.tools if t.merged_into is None]

    def organisation_of(self, member_id: str) -> str | None:
        """The (standing) organisation a participant or imported member belongs to."""
        org_id = _members(self.members).get(member_id)
        org = None if org_id is None else self.organisation(org_id)
        return None if org is None else org.id

    def tool_of(self, use: Use) -> str:
        tool = self.tool(use.tool_id)
        assert tool is not None
        return tool.id

    def purpose(self, purpose_id: str) -> Heading | None:
        return find(self.purposes, purpose_id)

    def dimension(self, dimension_id: str) -> Heading | None:
        return find(self.dimensions, dimension_id)

    def use(self, use_id: str) -> Use | None:
        return find(self.uses, use_id)

    def stake(self, stake_id: str) -> Stake | None:
        return find(self.stakes, stake_id)

    def visible_stakes(self, kind: str | None = None) -> list[Stake]:
        return [s for s in self.stakes if not s.hidden and kind in (None, s.kind)]

    def tools_of_organisation(self, org_id: str) -> list[str]:
        """The standing tools any member of an organisation listed, first listed first."""
        found: list[str] = []
        for use in self.uses:
            if self.organisation_of(use.author_id) == org_id:
                tool_id = self.tool_of(use)
                if tool_id not in found:
                    found.append(tool_id)
        return found


@lru_cache(maxsize=16)
def _members(members: tuple[tuple[str, str], ...]) -> dict[str, str]:
    # Read for every answer of every view: built once per state's list of members.
    return dict(members)


def is_imported(member_id: str) -> bool:
    """An organisation's member made by an import (`i1`…), not a person of this session."""
    return re.fullmatch(r"i\d+", member_id) is not None


def _standing(items: tuple[Named, ...], item_id: str) -> Named | None:
    """The organisation or tool an id names, or the one it was merged into (merges chain)."""
    item = find(items, item_id)
    seen = 0
    while item is not None and item.merged_into is not None and seen <= len(items):
        item = find(items, item.merged_into)
        seen += 1
    return item
