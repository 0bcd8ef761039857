"""The public HTTP contract: sessions, formats, joining, QR codes, minutes, health."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from server.lan import only_this_computer
from tests.support import ROOT, ServerProcess, create_session, join


async def test_creating_a_session_returns_its_links(
    http: httpx.AsyncClient, server: ServerProcess
) -> None:
    response = await http.post(
        "/api/sessions",
        json={"title": "Bilan de l'année", "facilitator_name": "Nadia", "language": "fr"},
    )
    assert response.status_code == 201
    data = response.json()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", data["join_code"])
    assert data["join_url"] == f"{server.url}/j/{data['join_code'].replace('-', '')}"
    assert data["facilitator_url"].startswith(f"{server.url}/facilitate/")
    assert data["id"] and data["room_url"].endswith(f"/s/{data['id']}/room")


async def test_a_session_without_a_title_is_refused_with_a_clear_message(
    http: httpx.AsyncClient,
) -> None:
    for body, field in (
        ({"facilitator_name": "Nadia", "language": "fr"}, "title"),
        ({"title": "x" * 500, "language": "fr"}, "title"),
        ({"title": "Atelier", "language": "de"}, "language"),
    ):
        response = await http.post("/api/sessions", json=body)
        assert response.status_code == 400, body
        error = response.json()["error"]
        assert error["field"] == field and error["message"]
    response = await http.post("/api/sessions", content=b"not json")
    assert response.status_code == 400


async def test_formats_are_listed_with_their_steps_in_the_asked_language(
    http: httpx.AsyncClient,
) -> None:
    formats = (await http.get("/api/formats")).json()
    board = next(f for f in formats if f["name"] == "board")
    assert board["title"] == "Mur de post-it"
    assert [s["key"] for s in board["steps"]] == ["write", "reveal", "group", "vote", "results"]
    assert board["steps"][0]["title"] == "Écrire"
    assert {c["key"] for c in board["config"]} == {"question", "columns", "dots"}
    english = (await http.get("/api/formats", params={"lang": "en"})).json()
    assert next(f for f in english if f["name"] == "board")["steps"][3]["title"] == "Vote"


async def test_the_join_qr_code_is_an_svg_of_the_join_link(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    response = await http.get(f"{session.join_url}/qr.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.lstrip().startswith("<?xml") and "<svg" in response.text
    assert "<path" in response.text
    missing = await http.get("/j/ZZZZZZZZ/qr.svg")
    assert missing.status_code == 404


async def test_a_typed_code_is_forgiving_about_case_dashes_and_look_alikes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Charte du réseau")
    typed = session.join_code.lower().replace("0", "o").replace("1", "l")
    found = await http.get(f"/api/join/{typed}")
    assert found.status_code == 200
    assert found.json()["title"] == "Charte du réseau"
    page = await http.get(f"/j/{session.join_code}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


async def test_minutes_need_the_facilitator_key(http: httpx.AsyncClient) -> None:
    session = await create_session(http, title="Atelier")
    other = await create_session(http, title="Autre atelier")
    url = f"/api/sessions/{session.id}/minutes.md"
    assert (await http.get(url)).status_code == 401
    wrong = await http.get(url, headers={"Authorization": f"Bearer {other.key}"})
    assert wrong.status_code == 403
    participant = await join(http, session, "Léa")
    as_participant = await http.get(url, headers={"Authorization": f"Bearer {participant.token}"})  # type: ignore[attr-defined]
    assert as_participant.status_code == 403
    await participant.disconnect()
    ok = await http.get(url, headers={"Authorization": f"Bearer {session.key}"})
    assert ok.status_code == 200
    assert ok.text.startswith("# Compte-rendu — Atelier")
    assert "attachment" in ok.headers["content-disposition"]
    assert ".md" in ok.headers["content-disposition"]


async def test_the_facilitator_link_sets_a_cookie_that_opens_console_room_and_minutes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    assert (await http.get(f"/s/{session.id}/console")).status_code == 403
    response = await http.get(f"/facilitate/{session.key}")
    assert response.status_code == 303
    assert response.headers["location"] == f"/s/{session.id}/console"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    for path in ("console", "room"):
        page = await http.get(f"/s/{session.id}/{path}")
        assert page.status_code == 200 and "<html" in page.text
    printable = await http.get(f"/api/sessions/{session.id}/minutes.html")
    assert printable.status_code == 200 and "<h1>" in printable.text
    assert (await http.get("/facilitate/not-a-key")).status_code == 403


async def test_the_printable_minutes_never_carry_markup_from_participants(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="<script>alert(1)</script> Atelier")
    facilitator = await session.facilitator().connect()
    await facilitator.ok(
        "session.add_activity",
        {"format": "board", "config": {"question": "<img src=x onerror=alert(1)>?"}},
    )
    person = await join(http, session, "<b>Zoé</b>")
    await person.ok("board.add_note", {"text": "[clic](javascript:alert(1)) <iframe>"})
    await facilitator.ok("step.next")
    page = await http.get(
        f"/api/sessions/{session.id}/minutes.html",
        headers={"Authorization": f"Bearer {session.key}"},
    )
    body = page.text.split("<main>", 1)[1]
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", body))
    assert tags <= {"h1", "h2", "h3", "h4", "p", "ul", "li", "em", "strong", "blockquote"}, tags
    assert "=" not in "".join(re.findall(r"<[^>]*>", body)), "no attribute at all"
    assert "[clic](javascript:alert(1)) &lt;iframe&gt;" in body, "the note reads as typed"
    for client in (facilitator, person):
        await client.disconnect()


async def test_health_says_ready(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_an_organiser_passphrase_guards_session_creation(database: Path) -> None:
    server = ServerProcess(database, env={"ORGANISER_PASSPHRASE": "tisserands"}).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            body = {"title": "Atelier", "facilitator_name": "Nadia", "language": "fr"}
            refused = await http.post("/api/sessions", json=body)
            assert refused.status_code == 403
            assert refused.json()["error"]["code"] == "passphrase_required"
            accepted = await http.post("/api/sessions", json={**body, "passphrase": "tisserands"})
            assert accepted.status_code == 201
    finally:
        server.stop()


async def test_static_assets_and_npm_libraries_are_served_locally(http: httpx.AsyncClient) -> None:
    for path in (
        "/vendor/lit/index.js",
        "/vendor/socket.io-client/dist/socket.io.esm.min.js",
        "/static/i18n/fr.json",
        "/static/i18n/en.json",
    ):
        response = await http.get(path)
        assert response.status_code == 200, path
    home = await http.get("/")
    assert home.status_code == 200
    assert "http://" not in home.text.replace("http://www.w3.org", ""), "no CDN on the home page"


async def test_each_format_s_screens_are_served_from_its_folder(http: httpx.AsyncClient) -> None:
    """/formats/{name}/ is the format's web folder; files without a version in their URL are
    revalidated before use (an upgrade is seen at once, an unchanged file costs a 304)."""
    for path, kind in (
        ("/formats/board/participant.js", "javascript"),
        ("/formats/board/style.css", "text/css"),
        ("/formats/board/i18n/en.json", "json"),
        ("/formats/accelerator/room.js", "javascript"),
        ("/static/js/kit.js", "javascript"),
    ):
        response = await http.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"], path
        assert response.headers["cache-control"] == "no-cache", path
        again = await http.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304, path
    assert (await http.get("/formats/board/%2e%2e/format.py")).status_code == 404
    assert (await http.get("/formats/nothing/participant.js")).status_code == 404


def test_on_a_loopback_address_the_server_warns_that_phones_cannot_join(
    server: ServerProcess,
) -> None:
    """HOST=127.0.0.1 (as here): the address leads to this computer only."""
    banner = server.log_text()
    assert f"Ouvrez / Open: http://127.0.0.1:{server.port}/" in banner
    assert "Les téléphones ne pourront pas rejoindre" in banner
    assert "Phones cannot join the session" in banner
    assert "PUBLIC_URL=" in banner, "it says how to give an address phones reach"
    assert "█" not in banner and "▀" not in banner, "no QR code that phones could not use"


def test_which_addresses_lead_to_this_computer_only() -> None:
    for url in (
        "http://127.0.0.1:8000",
        "http://127.1.2.3",
        "http://localhost:8000",
        "http://[::1]:80",
    ):
        assert only_this_computer(url), url
    for url in ("http://192.168.1.20:8000", "http://10.0.0.5", "https://fabrique.example.org"):
        assert not only_this_computer(url), url


async def test_the_server_prints_a_qr_code_of_an_address_phones_reach(database: Path) -> None:
    server = ServerProcess(database, env={"PUBLIC_URL": "http://192.0.2.20:8000"}).start()
    server.stop()
    banner = server.log_text()
    assert "Ouvrez / Open: http://192.0.2.20:8000/" in banner
    assert "Phones on the same Wi-Fi network can scan this code:" in banner
    assert "█" in banner or "▀" in banner, "a QR code drawn in the terminal"
    assert "Phones cannot join" not in banner


# `import … from 'x'`, `} from 'x'` (the end of a long import), `export … from 'x'`, `import 'x'`.
IMPORT = re.compile(
    r"""^(?:(?:import|export|\})[^'"\n]*\bfrom\s+|import\s+)['"]([^'"./][^'"]*)['"]""", re.M
)


def bare_imports() -> set[str]:
    """Every bare specifier ("lit/…", "fabrique/kit.js") the pages and the formats' screens
    import."""
    sources = [
        *(ROOT / "frontend" / "js").glob("*.js"),
        *(ROOT / "formats").glob("*/web/**/*.js"),
    ]
    found = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        found |= set(IMPORT.findall(text))
    return found


def resolve(imports: dict[str, str], specifier: str) -> str:
    """What a browser does with an import map: the exact entry, else the longest prefix."""
    if specifier in imports:
        return imports[specifier]
    prefixes = [p for p in imports if p.endswith("/") and specifier.startswith(p)]
    assert prefixes, f"{specifier} is not in the import map"
    prefix = max(prefixes, key=len)
    return imports[prefix] + specifier[len(prefix) :]


async def test_the_one_page_shell_maps_every_import_to_a_file_we_serve(
    http: httpx.AsyncClient,
) -> None:
    """One shell, one import map (it must be inline): every page is served from it, and every
    library and kit module the screens import resolves through it to a served file."""
    pages = {
        "/": "static/js/home.js",
        "/j/K7QM3XD9": "static/js/participant.js",
    }
    for path, entry in pages.items():
        page = await http.get(path)
        # The entry module, bundled and versioned (the page's assets map says where it is).
        assets = re.search(
            r'<script type="application/json" id="fabrique-assets">(.*?)<', page.text
        )
        served = json.loads(assets[1])[entry] if assets else f"/{entry}"
        assert page.status_code == 200 and f'src="{served}"' in page.text, path
    assert list((ROOT / "frontend").glob("*.html")) == [ROOT / "frontend" / "shell.html"]
    shell = (ROOT / "frontend" / "shell.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="importmap">(.*?)</script>', shell, re.S)
    assert found, "the shell has an inline import map"
    imports: dict[str, str] = json.loads(found[1])["imports"]
    assert imports["fabrique/"] == "/static/js/"
    used = bare_imports()
    assert {"lit", "fabrique/kit.js"} <= used, "the look-up found the screens' imports"
    targets = {target for target in imports.values() if not target.endswith("/")}
    for target in sorted(targets | {resolve(imports, specifier) for specifier in used}):
        response = await http.get(target)
        assert response.status_code == 200, target
        assert "javascript" in response.headers["content-type"], target
