"""Payload fields: what a command's payload may hold, checked once before its handler runs.

A command declares its fields (`Text("text", max_length=280)`, `Id("note_id")`…); `parse`
refuses unknown keys and every value of the wrong type or size with `Rejected`, and gives the
handler clean values: texts normalised and stripped, defaults filled in. A field left out whose
default is `ABSENT` stays out of the parsed payload, for handlers to whom "not sent" means
"keep what is there".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from facilitation.types import Rejected

ID_MAX = 64


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


# The default of a field that may be left out and then stays out of the parsed payload.
ABSENT: Any = _Absent()
# The default of a field that must be sent.
REQUIRED: Any = object()


def is_unicode(text: str) -> bool:
    """A string Python may hold but no UTF-8 encodes: a lone surrogate ("\\ud800", which JSON
    can carry as an escape). Such a text can be neither stored nor shown."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean(text: str) -> str:
    """Keep line breaks, drop other control characters, normalise so equal texts compare equal.
    The text must be valid Unicode (`is_unicode`)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


@dataclass(frozen=True)
class Field:
    """One key of a payload. Left out, it takes its `default` (REQUIRED: refused; ABSENT: stays
    out of the parsed payload). Sent, even as null, its value is read and checked."""

    key: str
    default: Any = REQUIRED
    # What the console's generic settings form draws ("text", "lines", "int"…).
    kind: ClassVar[str] = ""

    def read(self, value: Any) -> Any:
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """The field for a form: its key, kind, whether it must be filled in, its limits."""
        shown: dict[str, Any] = {
            "key": self.key,
            "type": self.kind,
            "required": self.must_be_sent(),
        }
        if self.default not in (REQUIRED, ABSENT, None) and not isinstance(self, Lines):
            shown["default"] = self.default
        return shown

    def must_be_sent(self) -> bool:
        return self.default is REQUIRED

    def missing(self) -> Any:
        if self.default is REQUIRED:
            raise self.invalid()
        return self.default

    def parse(self, payload: Mapping[str, Any], into: dict[str, Any]) -> None:
        value = self.read(payload[self.key]) if self.key in payload else self.missing()
        if value is not ABSENT:
            into[self.key] = value

    def invalid(self, **params: Any) -> Rejected:
        return Rejected("invalid_payload", field=self.key, **params)


@dataclass(frozen=True)
class Text(Field):
    """Plain text, at most `max_length` characters once cleaned. A required text may not be
    blank; an optional one, left out or null, is the empty text (unless its default says)."""

    max_length: int = 200
    required: bool = True
    kind: ClassVar[str] = "text"

    def must_be_sent(self) -> bool:
        return self.required

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "max_length": self.max_length}

    def missing(self) -> Any:
        if not self.required and self.default is REQUIRED:
            return ""
        return super().missing()

    def read(self, value: Any) -> str:
        if value is None and not self.required:
            return ""
        if not isinstance(value, str) or not is_unicode(value):
            raise self.invalid()
        cleaned = clean(value)
        if self.required and not cleaned:
            raise self.invalid()
        if len(cleaned) > self.max_length:
            raise Rejected("too_long", field=self.key, max=self.max_length)
        return cleaned


@dataclass(frozen=True)
class Id(Field):
    """The id of something the payload names (a note, an activity, a participant…). A nullable
    id, left out or null, is None ("none", "no theme")."""

    nullable: bool = False
    kind: ClassVar[str] = "id"

    def missing(self) -> Any:
        return None if self.nullable else super().missing()

    def read(self, value: Any) -> str | None:
        if value is None and self.nullable:
            return None
        if not isinstance(value, str) or not 0 < len(value) <= ID_MAX or not is_unicode(value):
            raise self.invalid()
        return value


@dataclass(frozen=True)
class Int(Field):
    minimum: int = 0
    maximum: int = 100
    kind: ClassVar[str] = "int"

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "min": self.minimum, "max": self.maximum}

    def read(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.invalid()
        if not self.minimum <= value <= self.maximum:
            raise self.invalid(min=self.minimum, max=self.maximum)
        return value


@dataclass(frozen=True)
class Bool(Field):
    kind: ClassVar[str] = "bool"

    def read(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.invalid()
        return value


@dataclass(frozen=True)
class OneOf(Field):
    """One of a few words the protocol knows ("idea", "experience", "warning"…)."""

    choices: Collection[str] = ()
    kind: ClassVar[str] = "one_of"

    def read(self, value: Any) -> str:
        # A list or an object is never one of the words (and may not even be compared to them).
        if not isinstance(value, str) or value not in self.choices:
            raise self.invalid()
        return value


@dataclass(frozen=True)
class Lines(Field):
    """A list of short texts (a string is split into lines); blank ones are dropped."""

    max_items: int = 12
    max_length: int = 200
    kind: ClassVar[str] = "lines"

    def must_be_sent(self) -> bool:
        return False

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "max_length": self.max_length, "max_items": self.max_items}

    def read(self, value: Any) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list) or not all(
            isinstance(v, str) and is_unicode(v) for v in value
        ):
            raise self.invalid()
        items = [c for c in (clean(v) for v in value) if c]
        if len(items) > self.max_items:
            raise Rejected("too_long", field=self.key, max=self.max_items)
        if any(len(item) > self.max_length for item in items):
            raise Rejected("too_long", field=self.key, max=self.max_length)
        return items

    def missing(self) -> Any:
        return []


@dataclass(frozen=True)
class Ids(Field):
    """Several distinct ids, in the order given (a round's order of speakers)."""

    max_items: int = 200
    kind: ClassVar[str] = "ids"

    def read(self, value: Any) -> list[str]:
        if (
            not isinstance(value, list)
            or len(value) > self.max_items
            or not all(isinstance(v, str) and 0 < len(v) <= ID_MAX and is_unicode(v) for v in value)
            or len(set(value)) != len(value)
        ):
            raise self.invalid()
        return list(value)


@dataclass(frozen=True)
class Settings(Field):
    """An object checked later against what it configures (an activity's settings)."""

    kind: ClassVar[str] = "settings"

    def read(self, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.invalid()
        return value


def only_keys(payload: Any, allowed: Collection[str]) -> Mapping[str, Any]:
    """Unknown fields are refused: a typo in a client is found at once, not ignored."""
    if not isinstance(payload, Mapping):
        raise Rejected("invalid_payload", field="payload")
    for key in payload:
        if key not in allowed:
            # The key is named back in the error message: only if it can be shown.
            shown = str(key)[:ID_MAX] if is_unicode(str(key)) else "payload"
            raise Rejected("invalid_payload", field=shown)
    return payload


def parse(fields: Sequence[Field], payload: Any) -> dict[str, Any]:
    """The payload as the handler reads it, or `Rejected` naming the first field at fault."""
    checked = only_keys(payload, [f.key for f in fields])
    parsed: dict[str, Any] = {}
    for f in fields:
        f.parse(checked, parsed)
    return parsed
