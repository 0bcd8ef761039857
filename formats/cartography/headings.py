"""Purposes (the map's zones) and impact dimensions: the defaults, their titles in every
language, and finding one by its title or its default's key."""

from __future__ import annotations

from dataclasses import replace

from facilitation.messages import LANGUAGES, translate
from formats.cartography import names
from formats.cartography.messages import DIMENSION_KEYS, MESSAGES, PURPOSE_KEYS
from formats.cartography.state import CartographyState, Heading

PURPOSE = "purpose"
DIMENSION = "dimension"


def defaults(kind: str, typed: list[str]) -> tuple[Heading, ...]:
    """The settings' lines, or the defaults when none were given."""
    prefix = "z" if kind == PURPOSE else "d"
    if typed:
        return tuple(Heading(f"{prefix}{i}", None, t) for i, t in enumerate(typed, 1))
    keys = PURPOSE_KEYS if kind == PURPOSE else DIMENSION_KEYS
    return tuple(Heading(f"{prefix}{i}", k, "") for i, k in enumerate(keys, 1))


def title(kind: str, heading: Heading, lang: str) -> str:
    if heading.title or heading.key is None:
        return heading.title
    return translate(MESSAGES, f"{kind}.{heading.key}", lang)


def titles(kind: str, heading: Heading) -> dict[str, str]:
    return {lang: title(kind, heading, lang) for lang in LANGUAGES}


def find(kind: str, found: tuple[Heading, ...], text: str, key: str | None) -> Heading | None:
    """The heading a title names (in any language, for a default) or a default's key does."""
    wanted = names.key(text)
    for h in found:
        if key and h.key == key:
            return h
    for h in found:
        if wanted and any(names.key(t) == wanted for t in titles(kind, h).values()):
            return h
    return None


def purpose_for(
    state: CartographyState, text: str, key: str | None
) -> tuple[CartographyState, str]:
    """The purpose a title names, added when there is none (an import's own purposes)."""
    found = find(PURPOSE, state.purposes, text, key)
    if found is not None:
        return state, found.id
    new = _new(PURPOSE, f"z{state.purposes_created + 1}", text, key)
    return replace(
        state, purposes=(*state.purposes, new), purposes_created=state.purposes_created + 1
    ), new.id


def dimension_for(
    state: CartographyState, text: str, key: str | None
) -> tuple[CartographyState, str]:
    found = find(DIMENSION, state.dimensions, text, key)
    if found is not None:
        return state, found.id
    new = _new(DIMENSION, f"d{state.dimensions_created + 1}", text, key)
    return replace(
        state,
        dimensions=(*state.dimensions, new),
        dimensions_created=state.dimensions_created + 1,
    ), new.id


def _new(kind: str, heading_id: str, text: str, key: str | None) -> Heading:
    known = PURPOSE_KEYS if kind == PURPOSE else DIMENSION_KEYS
    # A default of this version keeps its titles in every language; anything else is typed.
    if key in known:
        return Heading(heading_id, key, "")
    return Heading(heading_id, None, names.tidy(text))
