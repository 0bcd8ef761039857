"""The rate limits' storage: `limits`' in-memory one, without its expiry thread.

`limits.storage.MemoryStorage` starts a thread that, 100 times a second while anything is
counted, walks every key (one per participant for commands, one per socket for resyncs). With a
thousand phones in a workshop that thread held the GIL for about a sixth of the server's time,
and each of its passes delayed the event loop. Expired entries need removing only to keep memory
bounded (a hit already ignores entries older than its window), so here they are removed inline,
at most once every `SWEEP` seconds, by the next hit.
"""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

# Seconds between two removals of expired entries: memory stays bounded by the windows of the
# limits (a minute) plus this.
SWEEP = 10.0


class SweptMemoryStorage(MemoryStorage):
    def __init__(self) -> None:
        super().__init__()
        self.timer.cancel()
        self._swept = time.monotonic()

    # `MemoryStorage` calls this before each count: it (re)started the thread.
    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now - self._swept >= SWEEP:
            self._swept = now
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]
            # It keeps the keys whose entries all expired (a socket gone, a participant idle).
            for key in [key for key, entries in self.events.items() if not entries]:
                del self.events[key]
