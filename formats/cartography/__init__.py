"""The cartography of digital usages: who uses which tools, for what, by necessity or by
choice; their impacts; the shared stakes and the criteria of a good tool."""

from __future__ import annotations

from facilitation.protocol import Format
from formats.cartography.format import Cartography

# Typed as the protocol so that mypy checks the cartography really is a Format.
FORMAT: Format = Cartography()

__all__ = ["FORMAT", "Cartography"]
