"""The sticky-note board: write in private, reveal, group by theme, dot-vote, ranked results."""

from __future__ import annotations

from facilitation.protocol import Format
from formats.board.format import Board

# Typed as the protocol so that mypy checks the board really is a Format.
FORMAT: Format = Board()

__all__ = ["FORMAT", "Board"]
