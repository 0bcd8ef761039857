"""Publishing the minutes, and trying again: each attempt is recorded apart from the log (the
minutes themselves come from the log, so a failure never loses them), retried with a growing
delay a few times, then left for the console's "retry" button. Every change of an attempt is
told to the team's consoles (`notify`).

Where to publish is set per server (the settings) or per session (from the console, kept in a
table of their own: credentials, never in the log, never read back).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from exports import publish
from exports.publish import TARGET_KEYS, Failure, Minutes, Targets
from facilitation.store import READ_ONLY, EventStore
from facilitation.tables import publications, publish_targets

# Tries per publication before the console's "retry" button takes over.
ATTEMPTS = 4

Notify = Callable[[str, dict[str, Any]], Awaitable[None]]


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class Publisher:
    def __init__(
        self, store: EventStore, server_targets: Targets, retry_seconds: float, notify: Notify
    ) -> None:
        self.store = store
        self.server_targets = server_targets
        self.retry_seconds = retry_seconds
        self.notify = notify
        self._running: dict[str, asyncio.Task[None]] = {}

    # -- where -----------------------------------------------------------------------------

    async def session_targets(self, session_id: str) -> Targets:
        async with self.store.engine.connect() as conn:
            conn = await conn.execution_options(**{READ_ONLY: True})
            row = await conn.execute(
                sa.select(publish_targets.c.settings).where(
                    publish_targets.c.session_id == session_id
                )
            )
            stored = row.scalar_one_or_none()
        return Targets.of(json.loads(stored)) if stored else Targets()

    async def targets(self, session_id: str) -> Targets:
        return (await self.session_targets(session_id)).over(self.server_targets)

    async def set_targets(self, session_id: str, changes: dict[str, str]) -> None:
        """Change the session's own values; a key left out keeps its value, "" clears it."""
        current = await self.session_targets(session_id)
        values = {**vars(current), **changes}
        row = {"settings": json.dumps(values), "updated_at": _iso(_now())}
        async with self.store.engine.begin() as conn:
            updated = await conn.execute(
                publish_targets.update()
                .where(publish_targets.c.session_id == session_id)
                .values(**row)
            )
            if updated.rowcount == 0:
                await conn.execute(publish_targets.insert().values(session_id=session_id, **row))

    async def describe(self, session_id: str) -> dict[str, Any]:
        """Which values are set, and where (session or server): never the values."""
        own = await self.session_targets(session_id)
        return {
            key: (
                "session"
                if getattr(own, key)
                else "server"
                if getattr(self.server_targets, key)
                else None
            )
            for key in TARGET_KEYS
        }

    # -- attempts --------------------------------------------------------------------------

    async def latest(self, session_id: str) -> dict[str, Any] | None:
        async with self.store.engine.connect() as conn:
            conn = await conn.execution_options(**{READ_ONLY: True})
            row = await conn.execute(
                sa.select(publications.c.status)
                .where(publications.c.session_id == session_id)
                .order_by(publications.c.number.desc())
                .limit(1)
            )
            stored = row.scalar_one_or_none()
        if stored is None:
            return None
        status: dict[str, Any] = json.loads(stored)
        if status["state"] in ("sending", "retrying") and session_id not in self._running:
            # The server stopped while it was trying: nothing is trying any more.
            status = {**status, "state": "failed", "next_retry_at": None, "interrupted": True}
        return status

    async def start(self, session_id: str, minutes: Minutes) -> dict[str, Any]:
        """Publish now (or say what is already under way)."""
        if session_id in self._running:
            latest = await self.latest(session_id)
            assert latest is not None
            return latest
        targets = await self.targets(session_id)
        previous = await self.latest(session_id)
        status: dict[str, Any] = {
            "number": (previous or {}).get("number", 0) + 1,
            "state": "sending",
            "attempt": 1,
            "attempts": ATTEMPTS,
            "next_retry_at": None,
            "started_at": _iso(_now()),
            "finished_at": None,
            "targets": {name: {"state": "pending"} for name in targets.used()},
        }
        async with self.store.engine.begin() as conn:
            await conn.execute(
                publications.insert().values(
                    session_id=session_id,
                    number=status["number"],
                    status=json.dumps(status),
                    started_at=status["started_at"],
                )
            )
        task = asyncio.create_task(self._run(session_id, status, minutes, targets))
        self._running[session_id] = task
        task.add_done_callback(lambda _t: self._running.pop(session_id, None))
        await self.notify(session_id, status)
        return status

    async def _save(self, session_id: str, status: dict[str, Any]) -> None:
        async with self.store.engine.begin() as conn:
            await conn.execute(
                publications.update()
                .where(
                    publications.c.session_id == session_id,
                    publications.c.number == status["number"],
                )
                .values(status=json.dumps(status))
            )
        await self.notify(session_id, status)

    async def _run(
        self, session_id: str, status: dict[str, Any], minutes: Minutes, targets: Targets
    ) -> None:
        done: dict[str, str] = {}
        async with publish.client() as http:
            for attempt in range(1, ATTEMPTS + 1):
                status = {**status, "attempt": attempt, "state": "sending", "next_retry_at": None}
                results = await self._try(http, targets, minutes, done)
                status["targets"] = results
                if all(r["state"] == "done" for r in results.values()):
                    status |= {"state": "done", "finished_at": _iso(_now())}
                    await self._save(session_id, status)
                    return
                if attempt == ATTEMPTS:
                    break
                delay = self.retry_seconds * 2 ** (attempt - 1)
                status |= {
                    "state": "retrying",
                    "next_retry_at": _iso(_now() + timedelta(seconds=delay)),
                }
                await self._save(session_id, status)
                await asyncio.sleep(delay)
        status |= {"state": "failed", "finished_at": _iso(_now())}
        await self._save(session_id, status)

    async def _try(
        self, http: Any, targets: Targets, minutes: Minutes, done: dict[str, str]
    ) -> dict[str, dict[str, Any]]:
        """One attempt at every target not reached yet. The post waits for the documents, so
        that its link leads somewhere."""
        results: dict[str, dict[str, Any]] = {}
        for name in targets.used():
            if name in done:
                results[name] = {"state": "done", "url": done[name]}
                continue
            if name == "mattermost" and "webdav" in results and "webdav" not in done:
                results[name] = {"state": "waiting"}
                continue
            try:
                if name == "webdav":
                    url = await publish.put_documents(http, targets, minutes)
                else:
                    link = done.get("webdav") or minutes.link
                    await publish.post_summary(
                        http, targets.webhook_url, publish.post_text(minutes, link)
                    )
                    url = ""
            except Failure as failure:
                results[name] = {
                    "state": "failed",
                    "code": failure.code,
                    "status": failure.status,
                    "at": _iso(_now()),
                }
                continue
            done[name] = url
            results[name] = {"state": "done", "url": url}
        return results

    async def stop(self, session_id: str) -> None:
        """Stop publishing a session's minutes (the session was deleted)."""
        task = self._running.pop(session_id, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def close(self) -> None:
        for task in list(self._running.values()):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
