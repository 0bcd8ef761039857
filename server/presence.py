"""Presence: who is connected to a session right now. Not part of the log (someone who drops
shows as away, never removed), so it lives beside the sockets.

A small interface on purpose (`arrived`, `left`, `connected`, `everyone`). With several server
processes (`server/scale_out.py`), each keeps its own phones here and tells the `cluster`, which
knows everyone on every process: `connected` is this process's phones (the private views it
sends), `everyone` all of them (the counts on the screens). Each phone's alias seed stays with
the process that holds its socket (it is derived from the token the phone sent at connect, and
never leaves memory).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from facilitation.concerns import alias_owners
from facilitation.session import SessionState

if TYPE_CHECKING:
    from server.cluster import RedisCluster

_EMPTY: Counter[str] = Counter()


class Presence:
    def __init__(self) -> None:
        # Sockets per participant (a phone may have two tabs open), per session.
        self._here: dict[str, Counter[str]] = {}
        # What each connected phone's alias derives from (see facilitation/anonymity.py).
        self._seeds: dict[str, dict[str, str]] = {}
        # alias -> participant id in the current anonymous activity, per session, made once
        # per set of phones and activity: (activity id, number of arrivals and departures seen).
        self._owners: dict[str, tuple[str, int, dict[str, str]]] = {}
        self._moves: Counter[str] = Counter()
        # With several processes: who is connected to the others (None: this one is alone).
        self.cluster: RedisCluster | None = None

    def arrived(self, session_id: str, participant_id: str, seed: str) -> None:
        self._seeds.setdefault(session_id, {})[participant_id] = seed
        self._here.setdefault(session_id, Counter())[participant_id] += 1
        self._moves[session_id] += 1
        if self.cluster is not None:
            self.cluster.arrived(session_id, participant_id)

    def left(self, session_id: str, participant_id: str) -> bool:
        """True when that was the participant's last socket here."""
        here = self._here.get(session_id)
        if here is None or participant_id not in here:
            return False
        if self.cluster is not None:
            self.cluster.left(session_id, participant_id)
        self._moves[session_id] += 1
        here[participant_id] -= 1
        if here[participant_id] > 0:
            return False
        del here[participant_id]
        self._seeds[session_id].pop(participant_id, None)
        if not here:
            del self._here[session_id], self._seeds[session_id], self._moves[session_id]
            self._owners.pop(session_id, None)
        return True

    def connected(self, session_id: str) -> Collection[str]:
        """The participant ids with at least one socket open here (a live view, not a copy)."""
        return self._here.get(session_id, _EMPTY).keys()

    def everyone(self, session_id: str) -> Collection[str]:
        """The participant ids with a socket open on any process."""
        if self.cluster is None:
            return self.connected(session_id)
        return self.cluster.connected(session_id)

    def seeds(self, session_id: str) -> Mapping[str, str]:
        return self._seeds.get(session_id, {})

    def owners(self, state: SessionState) -> Mapping[str, str]:
        """alias -> participant id for the connected phones, in the current activity when it is
        anonymous (see facilitation/concerns.py); kept until someone comes or goes."""
        activity_id = state.current_activity_id or ""
        moves = self._moves[state.id]
        kept = self._owners.get(state.id)
        if kept is not None and kept[0] == activity_id and kept[1] == moves:
            return kept[2]
        owners = alias_owners(state, self.seeds(state.id))
        self._owners[state.id] = (activity_id, moves, owners)
        return owners
