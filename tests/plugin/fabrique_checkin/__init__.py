"""A check-in ("la météo"): each person says in a word or two how they arrive, then the room
reads everyone's words. A small format installed as a plugin, screens included."""

from __future__ import annotations

from fabrique_checkin.format import Checkin
from facilitation.protocol import Format

FORMAT: Format = Checkin()
