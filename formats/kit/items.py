"""Items with stable ids (n1, q2, ap3…) kept in a state's tuples: find one, refuse a command that
names one not there, change one, take one out. Contributions are such items, and so are a
format's own pieces (questions, key points, actions; a decision's proposals; a map's places)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import Field, replace
from typing import Any, ClassVar, Protocol, TypeVar

from facilitation.types import Rejected


class Item(Protocol):
    """A frozen dataclass with an id."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Item)


def find(items: Iterable[T], item_id: str) -> T | None:
    return next((i for i in items if i.id == item_id), None)


def found(item: T | None) -> T:
    """The item a payload names, looked up by the caller; refused when there is none."""
    if item is None:
        raise Rejected("not_found")
    return item


def changed(items: tuple[T, ...], item_id: str, **changes: Any) -> tuple[T, ...]:
    return tuple(replace(i, **changes) if i.id == item_id else i for i in items)


def without(items: tuple[T, ...], item_id: str) -> tuple[T, ...]:
    return tuple(i for i in items if i.id != item_id)
