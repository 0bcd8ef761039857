"""Reading command payloads: every field is checked for type and size before anything is decided."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from facilitation.types import Rejected

ID_MAX = 64


def _clean(text: str) -> str:
    # Keep line breaks, drop other control characters, normalise so equal texts compare equal.
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


def text(payload: Mapping[str, Any], key: str, *, max_length: int, required: bool = True) -> str:
    value = payload.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Rejected("invalid_payload", field=key)
    cleaned = _clean(value)
    if required and not cleaned:
        raise Rejected("invalid_payload", field=key)
    if len(cleaned) > max_length:
        raise Rejected("too_long", field=key, max=max_length)
    return cleaned


def identifier(payload: Mapping[str, Any], key: str, *, nullable: bool = False) -> str | None:
    value = payload.get(key)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value or len(value) > ID_MAX:
        raise Rejected("invalid_payload", field=key)
    return value


def required_id(payload: Mapping[str, Any], key: str) -> str:
    value = identifier(payload, key)
    assert value is not None
    return value


def boolean(payload: Mapping[str, Any], key: str, *, default: bool | None = None) -> bool:
    value = payload.get(key, default)
    if not isinstance(value, bool):
        raise Rejected("invalid_payload", field=key)
    return value


def integer(
    payload: Mapping[str, Any], key: str, *, minimum: int, maximum: int, default: int | None = None
) -> int:
    value = payload.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("invalid_payload", field=key)
    if not minimum <= value <= maximum:
        raise Rejected("invalid_payload", field=key, min=minimum, max=maximum)
    return value


def lines(payload: Mapping[str, Any], key: str, *, max_items: int, max_length: int) -> list[str]:
    value = payload.get(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Rejected("invalid_payload", field=key)
    items = [_clean(v) for v in value]
    items = [v for v in items if v]
    if len(items) > max_items:
        raise Rejected("too_long", field=key, max=max_items)
    for item in items:
        if len(item) > max_length:
            raise Rejected("too_long", field=key, max=max_length)
    return items


def only_keys(payload: Mapping[str, Any], *allowed: str) -> None:
    """Unknown fields are refused: a typo in a client is found at once, not ignored."""
    if not isinstance(payload, Mapping):
        raise Rejected("invalid_payload", field="payload")
    for key in payload:
        if key not in allowed:
            raise Rejected("invalid_payload", field=key)
