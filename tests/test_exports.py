"""The exports' edges: a format's pictures in every version of the minutes (the check-in plugin
draws one), a format without data hooks still exporting, and archives that are refused whole."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from odf import draw
from odf.opendocument import load

from tests.support import Client, ServerProcess, caught_up, create_session, join, open_link
from tests.test_plugin_format import plugin_server

__all__ = ["plugin_server"]


async def fetch(http: httpx.AsyncClient, session_id: str, key: str, name: str) -> httpx.Response:
    response = await http.get(
        f"/api/sessions/{session_id}/{name}", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200, (name, response.text)
    return response


async def test_a_format_picture_is_in_every_version_of_the_minutes(
    plugin_server: ServerProcess,
) -> None:
    async with httpx.AsyncClient(base_url=plugin_server.url, timeout=30) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok(
            "session.add_activity", {"format": "checkin", "config": {"question": "Et toi ?"}}
        )
        phone = await join(http, session, "Awa")
        await phone.ok("checkin.share", {"text": "Curieuse <et> ravie"})
        answer = await facilitator.ok("step.next")
        await caught_up(answer["seq"], facilitator)

        md = (await fetch(http, session.id, session.key, "minutes.md")).text
        said = "Mots partagés (dans les versions HTML, PDF et ODT du compte-rendu)"
        assert f"_Figure\u00a0: {said}_" in md
        page = (await fetch(http, session.id, session.key, "minutes.html")).text
        assert '<img alt="Mots partagés" src="data:image/svg+xml;base64,' in page
        odt = (await fetch(http, session.id, session.key, "minutes.odt")).content
        assert "Pictures/figure1.svg" in zipfile.ZipFile(io.BytesIO(odt)).namelist()
        assert len(load(io.BytesIO(odt)).getElementsByType(draw.Image)) == 1
        pdf = (await fetch(http, session.id, session.key, "minutes.pdf")).content
        assert pdf.startswith(b"%PDF")
        # No data hooks: the CSV has its headings only, the calendar no task.
        rows = (await fetch(http, session.id, session.key, "data.csv")).text.splitlines()
        assert len(rows) == 1
        ics = (await fetch(http, session.id, session.key, "actions.ics")).text
        assert "BEGIN:VCALENDAR" in ics and "VTODO" not in ics
        await phone.disconnect()
        await facilitator.disconnect()


@pytest.fixture
async def archive(http: httpx.AsyncClient) -> AsyncIterator[dict]:  # type: ignore[type-arg]
    session = await create_session(http, title="Archive")
    facilitator = await session.facilitator().connect()
    await facilitator.ok(
        "session.add_activity", {"format": "board", "config": {"question": "Quoi ?"}}
    )
    phone = await join(http, session, "Lou")
    answer = await phone.ok("board.add_note", {"text": "Une idée"})
    await caught_up(answer["seq"], facilitator)
    yield json.loads((await fetch(http, session.id, session.key, "data.json")).content)
    await phone.disconnect()
    await facilitator.disconnect()


def broken(archive: dict, how: str) -> bytes:  # type: ignore[type-arg]
    changed = json.loads(json.dumps(archive))
    if how == "version":
        changed["version"] = 99
    elif how == "unknown event":
        changed["events"].append({**changed["events"][-1], "type": "board.exploded"})
    elif how == "bad data":
        changed["events"][-1]["data"] = {"nothing": 1}
    elif how == "no activity":
        changed["events"][-1]["activity_id"] = "a99"
    elif how == "second creation":
        changed["events"].append(changed["events"][0])
    elif how == "not json":
        return b"{not json"
    return json.dumps(changed).encode()


@pytest.mark.parametrize(
    ("how", "code"),
    [
        ("version", "archive_version"),
        ("unknown event", "invalid_archive"),
        ("bad data", "invalid_archive"),
        ("no activity", "invalid_archive"),
        ("second creation", "invalid_archive"),
        ("not json", "invalid_archive"),
    ],
)
async def test_a_bad_archive_is_refused_and_creates_nothing(
    http: httpx.AsyncClient,
    server: ServerProcess,
    archive: dict,
    how: str,
    code: str,  # type: ignore[type-arg]
) -> None:
    before = len(_sessions(server.database))
    response = await http.post(
        "/api/sessions/import", content=broken(archive, how), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert "Nothing was created" in error["message"]
    assert len(_sessions(server.database)) == before


async def test_an_archive_too_big_is_refused_in_french_by_default(
    http: httpx.AsyncClient,
    archive: dict,  # type: ignore[type-arg]
) -> None:
    response = await http.post("/api/sessions/import", content=b" " * (5 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.json()["error"]["message"].startswith("Ce fichier est trop gros")
    good = await http.post("/api/sessions/import", content=json.dumps(archive).encode())
    assert good.status_code == 201
    assert {"id", "join_code", "facilitator_url", "console_url"} <= set(good.json())


async def test_importing_asks_the_organiser_passphrase_when_the_server_has_one(
    tmp_path: Path,
) -> None:
    server = ServerProcess(tmp_path / "f.sqlite3", env={"ORGANISER_PASSPHRASE": "ess"}).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            refused = await http.post("/api/sessions/import", content=b"{}")
            assert refused.status_code == 403
            assert refused.json()["error"]["code"] == "passphrase_required"
            allowed = await http.post(
                "/api/sessions/import", content=b"{}", headers={"X-Organiser-Passphrase": "ess"}
            )
            assert allowed.json()["error"]["code"] == "invalid_archive"
    finally:
        server.stop()


async def test_an_imported_session_lists_none_of_the_old_team_links(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Bureau")
    facilitator = await session.facilitator().connect()
    _url, scribe = await open_link(facilitator, session, "scribe", "Awa")
    answer = await facilitator.ok("link.create", {"role": "observer", "label": "Invitée"})
    await caught_up(answer["seq"], facilitator)
    assert len(facilitator.view["session"]["links"]) == 2
    exported = await fetch(http, session.id, session.key, "data.json")
    minutes = (await fetch(http, session.id, session.key, "minutes.md")).text
    await scribe.disconnect()
    await facilitator.disconnect()

    imported = await http.post("/api/sessions/import", content=exported.content)
    assert imported.status_code == 201, imported.text
    new_id = imported.json()["id"]
    new_key = imported.json()["facilitator_url"].rsplit("/", 1)[1]
    copy = await Client(session.base_url, {"session_id": new_id, "key": new_key}).connect()
    # The links' keys stayed with the exported session: revoked in the new one, whose console
    # lists none of them; the minutes still name the scribe, word for word.
    assert copy.view["session"]["links"] == []
    assert (await fetch(http, new_id, new_key, "minutes.md")).text == minutes
    log = json.loads((await fetch(http, new_id, new_key, "data.json")).content)["events"]
    assert [e["data"]["link_id"] for e in log if e["type"] == "link.revoked"] == ["l1", "l2"]
    await copy.disconnect()


def _sessions(database: Path) -> list[dict]:  # type: ignore[type-arg]
    import sqlite3

    with sqlite3.connect(database) as connection:
        return list(connection.execute("SELECT id FROM sessions").fetchall())


async def test_without_pango_the_pdf_says_so_and_the_rest_is_served(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # What WeasyPrint does on a server without Debian's libpango: it raises at import.
    fake = tmp_path_factory.mktemp("no-pango")
    (fake / "weasyprint").mkdir()
    (fake / "weasyprint" / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n"
    )
    path = os.pathsep.join(p for p in (str(fake), os.environ.get("PYTHONPATH", "")) if p)
    database = tmp_path_factory.mktemp("no-pango-db") / "fabrique.sqlite3"
    server = ServerProcess(database, env={"PYTHONPATH": path}).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            session = await create_session(http, title="Sans PDF")
            auth = {"Authorization": f"Bearer {session.key}"}
            url = f"/api/sessions/{session.id}/minutes"
            for lang, said in (("fr", "ne sait pas produire de PDF"), ("en", "cannot make PDFs")):
                pdf = await http.get(f"{url}.pdf", params={"lang": lang}, headers=auth)
                assert pdf.status_code == 503
                assert pdf.json()["error"]["code"] == "pdf_unavailable"
                assert said in pdf.json()["error"]["message"]
            for extension in ("md", "html", "odt"):
                assert (await http.get(f"{url}.{extension}", headers=auth)).status_code == 200
    finally:
        server.stop()
