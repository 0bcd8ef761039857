"""The sticky-note board: write in private, reveal, group by theme, dot-vote, ranked results."""

from __future__ import annotations

from formats.board.format import Board

FORMAT = Board()

__all__ = ["FORMAT", "Board"]
