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

# Keys that change at every send without being news: a private view is not resent for them.
STAMPS = ("seq", "now")


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
        patch = jsonpatch.make_patch(old, doc).patch
        return {"base": base, "seq": self.seq, "patch": patch}, fresh
