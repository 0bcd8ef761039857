"""The check-in's state: each person's words, by author."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckinState:
    question: str
    # Author id -> their words (one share each; sharing again replaces it).
    words: Mapping[str, str] = field(default_factory=dict)
