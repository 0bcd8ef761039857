"""Publishing the minutes to a real WebDAV folder and a Mattermost-style webhook: set per server
(environment) or per session (from the console, write-only), retried after a failure, and never
naming anyone from an anonymous activity."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import httpx

from tests.publish_servers import DAV_PASSWORD, DAV_USER, Receiver
from tests.support import (
    ServerProcess,
    add_board,
    caught_up,
    create_session,
    eventually,
    join,
    record,
)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def finished(statuses: list[Any], number: int) -> dict[str, Any]:
    await eventually(
        lambda: any(s["number"] == number and s["state"] in ("done", "failed") for s in statuses),
        timeout=30,
    )
    last: dict[str, Any] = [s for s in statuses if s["number"] == number][-1]
    return last


async def test_the_minutes_reach_the_folder_and_the_channel_after_two_failures(
    publishing_server: ServerProcess, dav_root: Path, receiver: Receiver
) -> None:
    async with httpx.AsyncClient(base_url=publishing_server.url, timeout=10) as http:
        session = await create_session(http, title="Assemblée générale")
        facilitator = await session.facilitator().connect()
        statuses = record(facilitator, "publication")
        await add_board(facilitator, question="Nos priorités ?", anonymity="anonymous")
        awa = await join(http, session, "Awanui")
        await awa.ok("board.add_note", {"text": "Un local accessible"})
        await facilitator.ok("step.next")
        summary = await facilitator.ok("minutes.summary", {"text": "Deux priorités retenues."})
        await caught_up(summary["seq"], facilitator)

        started = await http.post(f"/api/sessions/{session.id}/publish", headers=auth(session.key))
        assert started.status_code == 202, started.text
        last = await finished(statuses, started.json()["number"])

    # The console heard of each failure (what, why, when it would try again), then of success.
    retrying = [s for s in statuses if s["state"] == "retrying"]
    assert len(retrying) == 2
    for status in retrying:
        failed = status["targets"]["mattermost"]
        assert (failed["state"], failed["code"], failed["status"]) == ("failed", "http_status", 500)
        assert status["next_retry_at"] > failed["at"]
        assert status["targets"]["webdav"]["state"] == "done"
    assert last["state"] == "done" and last["attempt"] == 3

    folder = dav_root / DAV_USER / "Comptes-rendus" / "2026"
    files = sorted(p.name for p in folder.iterdir())
    day = files[0][len("compte-rendu-") :][:10]
    stem = f"compte-rendu-{day}-assemblee-generale"
    assert files == [f"{stem}.{ext}" for ext in ("html", "md", "odt", "pdf")]
    markdown = (folder / f"{stem}.md").read_text(encoding="utf-8")
    assert "## Synthèse\n\nDeux priorités retenues." in markdown
    assert "Un local accessible" in markdown
    page = (folder / f"{stem}.html").read_text(encoding="utf-8")
    assert "<h2>Synthèse</h2>" in page
    # The same documents as the console's exports, under the same names.
    assert (folder / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (folder / f"{stem}.odt").read_bytes().startswith(b"PK")

    (post,) = receiver.posts
    html_url = last["targets"]["webdav"]["url"]
    assert html_url.endswith(f"/{DAV_USER}/Comptes-rendus/2026/{stem}.html")
    assert post["text"].startswith("**Compte-rendu — Assemblée générale**")
    assert "Deux priorités retenues." in post["text"]
    assert f"[Lire le compte-rendu]({html_url})" in post["text"]
    # Anonymous activity: nobody's name in anything published.
    for published in (markdown, page, post["text"]):
        assert "Awanui" not in published


async def test_a_session_sets_its_own_targets_write_only_and_retries_by_hand(
    publishing_server: ServerProcess, dav_root: Path, receiver: Receiver
) -> None:
    receiver.fail_first = 0
    async with httpx.AsyncClient(base_url=publishing_server.url, timeout=10) as http:
        session = await create_session(http, title="Bureau")
        facilitator = await session.facilitator().connect()
        statuses = record(facilitator, "publication")
        url = f"/api/sessions/{session.id}/publishing"
        wrong = "not-the-password"
        server_dav = publishing_server.env["PUBLISH_WEBDAV_URL"].rsplit("/", 2)[0]
        answer = await http.put(
            url,
            headers=auth(session.key),
            json={"webdav_url": f"{server_dav}/Bureau", "webdav_password": wrong},
        )
        assert answer.status_code == 200
        assert answer.json() == {
            "targets": {
                "webdav_url": "session",
                "webdav_user": "server",
                "webdav_password": "session",
                "webhook_url": "server",
            }
        }
        refused = await http.put(url, headers=auth(session.key), json={"webhook_url": "ftp://x"})
        assert refused.status_code == 400
        assert refused.json()["error"]["field"] == "webhook_url"
        assert refused.json()["error"]["message"] == (
            "Cette demande est incomplète ou mal formée (webhook_url)."
        )

        first = await http.post(f"/api/sessions/{session.id}/publish", headers=auth(session.key))
        last = await finished(statuses, first.json()["number"])
        assert last["state"] == "failed" and last["attempt"] == last["attempts"] == 4
        webdav = last["targets"]["webdav"]
        assert (webdav["code"], webdav["status"]) == ("refused", 401)
        # The post waits for the documents, so that its link leads somewhere.
        assert last["targets"]["mattermost"] == {"state": "waiting"}
        assert receiver.posts == []

        # The right password, then "retry": a new attempt.
        await http.put(url, headers=auth(session.key), json={"webdav_password": DAV_PASSWORD})
        second = await http.post(f"/api/sessions/{session.id}/publish", headers=auth(session.key))
        assert second.json()["number"] == first.json()["number"] + 1
        last = await finished(statuses, second.json()["number"])
        assert last["state"] == "done"
        shown = (await http.get(url, headers=auth(session.key))).json()
        assert shown["publication"]["state"] == "done"
    assert [p.name for p in (dav_root / DAV_USER / "Bureau").iterdir()]
    assert len(receiver.posts) == 1
    # Credentials are never in the log, nor in anything the console reads back.
    with sqlite3.connect(publishing_server.database) as db:
        log = " ".join(row[0] for row in db.execute("SELECT data FROM events"))
    assert DAV_PASSWORD not in log and wrong not in log
    assert wrong not in str(shown) and DAV_PASSWORD not in str(statuses)


async def test_publishing_needs_a_target_and_the_team(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    answer = await http.post(f"/api/sessions/{session.id}/publish", headers=auth(session.key))
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "nothing_to_publish"
    phone = await join(http, session, "Awa")
    token = phone.token  # type: ignore[attr-defined]
    for method, path in (("POST", "publish"), ("PUT", "publishing"), ("GET", "publishing")):
        refused = await http.request(
            method, f"/api/sessions/{session.id}/{path}", headers=auth(token), json={}
        )
        assert refused.status_code == 403
