"""The three-year review: a shared look back at the last three years (a timeline, what we are
proud of, regret and learned), then the project for the next three (objectives by axis, rated
on importance and feasibility, turned into commitments with success criteria)."""

from __future__ import annotations

from facilitation.protocol import Format
from formats.review.format import Review

# Typed as the protocol so that mypy checks the review really is a Format.
FORMAT: Format = Review()

__all__ = ["FORMAT", "Review"]
