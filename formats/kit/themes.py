"""Themes: titled groups that contributions are sorted into."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from facilitation.types import Rejected


@dataclass(frozen=True)
class Theme:
    id: str
    title: str


def theme(themes: Iterable[Theme], theme_id: str) -> Theme | None:
    return next((t for t in themes if t.id == theme_id), None)


def existing(themes: Iterable[Theme], theme_id: str | None) -> str | None:
    """A theme id the payload names (None: no theme); refused when there is no such theme."""
    if theme_id is not None and theme(themes, theme_id) is None:
        raise Rejected("not_found")
    return theme_id


def renamed(themes: tuple[Theme, ...], theme_id: str, title: str) -> tuple[Theme, ...]:
    return tuple(replace(t, title=title) if t.id == theme_id else t for t in themes)
