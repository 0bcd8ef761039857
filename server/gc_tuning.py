"""Python's cyclic garbage collector, tuned for a server that holds thousands of sockets.

Every object a socket keeps alive (its Engine.IO and Socket.IO state, its tasks and queues) is
scanned again at each full collection: with 1000+ sockets a full collection pauses the server
for hundreds of milliseconds, a delay every screen sees. Reference counting frees nearly all
the server's garbage anyway (views, patches, messages: no cycles), so:

- collections run less often (the thresholds below, instead of CPython's 700 / 10 / 10);
- the survivors of start-up, then of each wave of arrivals (a room scanning the QR code), are
  frozen (`gc.freeze`): full collections no longer scan them; a wave has ended when no phone
  arrived for `QUIET` seconds;
- when half of the phones frozen with a wave have gone, what is frozen is unfrozen and collected
  once, so the cycles of sockets that left are freed (a moment where fewer people wait).
"""

from __future__ import annotations

import asyncio
import gc

# Allocations between two young collections, young collections between two middle ones,
# middle ones between two full ones.
THRESHOLDS = (20_000, 20, 20)
# Seconds without an arrival that end a wave of arrivals.
QUIET = 1.0


class GcTuning:
    def __init__(self) -> None:
        self.phones = 0
        self._frozen_with = 0
        self._wave: asyncio.TimerHandle | None = None

    def start(self) -> None:
        """At start-up: what the server has made so far lives as long as it does."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)

    def arrival(self) -> None:
        self.phones += 1
        if self._wave is not None:
            self._wave.cancel()
        self._wave = asyncio.get_running_loop().call_later(QUIET, self._end_of_wave)

    def departure(self) -> None:
        self.phones -= 1
        if self._frozen_with and self.phones <= self._frozen_with // 2:
            # Cycles among frozen objects are never collected: free those of the sockets gone.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._frozen_with = self.phones

    def _end_of_wave(self) -> None:
        self._wave = None
        gc.freeze()
        self._frozen_with = self.phones
