"""Aliases: how an anonymous activity keeps no tie between a contribution and a person.

In an anonymous activity the format, the event log, the acknowledgements and every view see an
alias instead of the participant id. A phone's alias is derived from its own token (which the
server keeps only as a hash of another form), so nothing stored on the server links the alias
back to the person. A person without a phone has no token: their alias comes from a secret the
server keeps beside the session, outside the log, and starts with PROXY_PREFIX so the minutes can
say "entered on behalf of a person in the room" without naming anyone.
"""

from __future__ import annotations

import hashlib

PHONE_PREFIX = "x"
PROXY_PREFIX = "r"


def _digest(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


def seed_from_token(token: str) -> str:
    """What the server remembers of a token while the socket is open (a different hash than the
    stored credential, so the stored credential cannot be turned into it)."""
    return _digest("fabrique-alias", token)


def phone_alias(seed: str, session_id: str, activity_id: str) -> str:
    return PHONE_PREFIX + _digest(seed, session_id, activity_id)


def proxy_alias(session_secret: str, participant_id: str, activity_id: str) -> str:
    return PROXY_PREFIX + _digest(session_secret, participant_id, activity_id)
