"""Dot votes: each person places a number of dots, several on one item if they like, and may take
one back. A dot is `(voter_id, item_id)`; dots only ever sit on standing items: hiding an item
gives its dots back, merging carries them to the item that stays."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from facilitation.protocol import Authors

Dot = tuple[str, str]


class Votable(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


def dots_used(votes: Sequence[Dot], voter_id: str) -> int:
    return sum(1 for voter, _ in votes if voter == voter_id)


def placed(votes: tuple[Dot, ...], voter_id: str, item_id: str) -> tuple[Dot, ...]:
    return (*votes, (voter_id, item_id))


def taken_back(votes: tuple[Dot, ...], voter_id: str, item_id: str) -> tuple[Dot, ...]:
    i = votes.index((voter_id, item_id))
    return votes[:i] + votes[i + 1 :]


def given_back(votes: tuple[Dot, ...], item_id: str) -> tuple[Dot, ...]:
    """An item hidden gives its dots back for good: showing it again brings none back, so
    nobody can end up with more dots than the vote gives."""
    return tuple(v for v in votes if v[1] != item_id)


def carried(votes: tuple[Dot, ...], item_id: str, into_id: str) -> tuple[Dot, ...]:
    """Merged duplicates add up: the absorbed item's dots go to the one that stays."""
    return tuple((voter, into_id if item == item_id else item) for voter, item in votes)


def mine(votes: Sequence[Dot], voter_ids: Sequence[str] | set[str]) -> dict[str, dict[str, int]]:
    """Each voter's dots by item (for their own phone)."""
    wanted = set(voter_ids)
    found: dict[str, dict[str, int]] = {pid: {} for pid in wanted}
    for voter, item_id in votes:
        if voter in wanted:
            found[voter][item_id] = found[voter].get(item_id, 0) + 1
    return found


def ranking(
    items: Sequence[Votable],
    votes: Sequence[Dot],
    hands: Mapping[str, int] | None = None,
    authors: Authors | None = None,
) -> list[dict[str, Any]]:
    """Items by dots plus any show of hands, most first; equal totals share a rank (1, 2, 2, 4).
    Dots placed for a person without a phone count once, like anyone's, and are counted apart
    (`proxy_votes`) so the minutes can say so."""
    hands = hands or {}
    authors = authors or Authors()
    counts: dict[str, int] = {}
    proxied: dict[str, int] = {}
    for voter, item_id in votes:
        counts[item_id] = counts.get(item_id, 0) + 1
        if authors.is_proxy(voter):
            proxied[item_id] = proxied.get(item_id, 0) + 1

    def total(item: Votable) -> int:
        return counts.get(item.id, 0) + hands.get(item.id, 0)

    results: list[dict[str, Any]] = []
    for position, item in enumerate(sorted(items, key=lambda i: -total(i)), 1):
        score = total(item)
        rank = results[-1]["rank"] if results and results[-1]["total"] == score else position
        results.append(
            {
                "id": item.id,
                "text": item.text,
                "votes": counts.get(item.id, 0),
                "proxy_votes": proxied.get(item.id, 0),
                "hands": hands.get(item.id, 0),
                "total": score,
                "rank": rank,
            }
        )
    return results
