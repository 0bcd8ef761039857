"""What a room was last sent, so the next send is a patch (RFC 6902) against it.

A channel is one room's stream of one kind of document: a role's `view`, or one person's
`private`. Every socket of the room holds the channel's last document, except the `fresh` ones
(just connected, or out of step): they get the next document whole, and then follow the patches
like the others. A patch carries the seq of the document it applies to (`base`): a socket that
holds another one asks for the whole document (`resync`) instead of applying it.
"""

from __future__ import annotations

from typing import Any

import jsonpatch
from jsonpointer import JsonPointer

# Keys that change at every send without being news: a private view is not resent for them.
STAMPS = ("seq", "now")
# Scalars whose equality, between two of the same type, is equality of their JSON.
EXACT = (str, int, bool, type(None))


class _Diff(jsonpatch.DiffBuilder):  # type: ignore[misc]
    """jsonpatch's diff, the same operations, without its costly steps where nothing changed.

    jsonpatch compares two scalars through two `json.dumps`, and two lists element by element in
    Python: on the staff's list of a thousand participants, most of a flush. Here the same
    object, two equal scalars of one type whose JSON is the same (not floats: -0.0 == 0.0), or
    two equal lists (compared in C; jsonpatch compares their elements with `==` too) make no
    operation, as jsonpatch would find; anything else is walked as jsonpatch walks it.
    """

    def _compare_values(self, path: str, key: Any, src: Any, dst: Any) -> None:
        if src is dst:
            return
        kind = type(src)
        if kind is type(dst) and (kind in EXACT or kind is list) and src == dst:
            return
        super()._compare_values(path, key, src, dst)


def make_patch(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The RFC 6902 operations from `old` to `new`: those of `jsonpatch.make_patch`."""
    builder = _Diff(old, new, pointer_cls=JsonPointer)
    builder._compare_values("", None, old, new)
    return [op for op in builder.execute()]


class Channel:
    __slots__ = ("doc", "fresh", "seq")

    def __init__(self) -> None:
        self.doc: dict[str, Any] | None = None
        self.seq = -1
        # Sockets of the room that do not hold `doc`: the next document goes to them whole.
        self.fresh: set[str] = set()

    def unchanged(self, doc: dict[str, Any]) -> bool:
        """Whether `doc` says what the last document said (its stamps aside)."""
        old = self.doc
        if old is None or len(old) != len(doc):
            return False
        return all(k in STAMPS or old.get(k) == v for k, v in doc.items())

    def advance(self, doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The message for the room's sockets in step (a patch, or `doc` whole when the room had
        nothing yet), and the fresh sockets to send `doc` whole; `doc` becomes the base."""
        old, base = self.doc, self.seq
        fresh = list(self.fresh)
        self.fresh.clear()
        self.doc, self.seq = doc, int(doc["seq"])
        if old is None:
            return doc, []  # whole to the room: the fresh sockets too
        patch = make_patch(old, doc)
        return {"base": base, "seq": self.seq, "patch": patch}, fresh
