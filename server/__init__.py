"""Transport only: the ASGI app, HTTP routes, the Socket.IO namespace, settings, the CLI."""

from server.app import build_app
from server.settings import Settings

__all__ = ["Settings", "build_app"]
