"""What the server's log holds: no IP address and no secret.

uvicorn's access log names each client's address and each path, and paths carry secrets (a team
link's key in `/facilitate/{key}`, a join code in `/j/{code}`, Socket.IO's session ids): it is
off. Its lines about websockets (address, path and query) are dropped likewise. Our own lines say
what happened without either: a refused credential is one line, `refused <what>: <why>`
(server/credentials.py).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

# Fabrique's loggers that say what happened at INFO (refused credentials, retention).
OUR_LOGGERS = ("fabrique.access", "fabrique.retention")


class NoClientLines(logging.Filter):
    """Drops uvicorn's per-connection lines (`<address> - "WebSocket <path?query>" ...`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith('%s - "WebSocket'))


def log_config() -> dict[str, Any]:
    """uvicorn's logging, without its client lines; refusals and retention at INFO beside it.

    Each of our loggers is named: configuring a parent (`fabrique`) would reset its children's
    levels, and `fabrique.packets` must stay at ERROR (python-socketio logs whole packets,
    tokens included, at INFO)."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"no_client_lines": {"()": NoClientLines}}
    config["handlers"]["default"]["filters"] = ["no_client_lines"]
    for name in OUR_LOGGERS:
        config["loggers"][name] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
