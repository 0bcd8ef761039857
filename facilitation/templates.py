"""Templates: a session's agenda kept to start other sessions from.

A template is a list of activities (format, title, settings, anonymity). Starting a session from
one adds each activity through the ordinary `session.add_activity` command, so its settings are
checked like any other and the log says where everything came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from facilitation.session import SessionState


def agenda_of(state: SessionState) -> list[dict[str, Any]]:
    return [
        {
            "format": a.format,
            "title": a.title,
            "config": dict(a.config),
            "anonymity": a.anonymity,
        }
        for a in state.activities
    ]


def localised(activities: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """A built-in template's activities in one language (saved ones are in one already)."""

    def pick(value: Any) -> Any:
        if isinstance(value, Mapping) and set(value) <= {"fr", "en"} and value:
            return value.get(lang) or value.get("fr")
        return value

    return [
        {
            "format": a["format"],
            "title": pick(a.get("title", "")),
            "config": pick(a.get("config", {})),
            "anonymity": a.get("anonymity"),
        }
        for a in activities
    ]
