"""Sessions are kept no longer than the host's retention (`RETENTION_DAYS`): those with no activity
for longer are deleted with their whole log when the server starts, then once a day while it runs
(the `python -m server purge` command does the same from outside, e.g. from cron)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from facilitation.service import SessionService

log = logging.getLogger("fabrique.retention")

# How often a running server looks for sessions past their retention.
EVERY_SECONDS = 24 * 60 * 60


async def delete_idle_sessions(service: SessionService, days: int) -> int:
    deleted = await service.delete_idle_sessions(days)
    if deleted:
        log.info("%d session(s) with no activity for %d days deleted", len(deleted), days)
    return len(deleted)


class Retention:
    """The daily deletion of a running server's idle sessions (the first one runs at start)."""

    def __init__(self, service: SessionService, days: int) -> None:
        self.service = service
        self.days = days
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self.days <= 0:
            return
        await delete_idle_sessions(self.service, self.days)
        self._task = asyncio.create_task(self._daily())

    async def _daily(self) -> None:
        while True:
            await asyncio.sleep(EVERY_SECONDS)
            try:
                await delete_idle_sessions(self.service, self.days)
            except Exception:  # the database is away: the next day tries again
                log.exception("deleting idle sessions failed")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
