"""Every export of a session, checked the same way for every format: the minutes in Markdown,
HTML, PDF and ODT against each other and their golden files, the CSV and the calendar read by
standard readers, and the archive imported again into a new session with the same minutes."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import httpx
import pypdfium2
from icalendar import Calendar
from odf import table, teletype, text
from odf.opendocument import load

from tests.support import ROOT, Session, assert_golden

ARTIFACTS = ROOT / "tests" / "artifacts" / "exports"
EXPORTS = {
    "minutes.md": "text/markdown; charset=utf-8",
    "minutes.html": "text/html; charset=utf-8",
    "minutes.pdf": "application/pdf",
    "minutes.odt": "application/vnd.oasis.opendocument.text",
    "data.csv": "text/csv; charset=utf-8",
    "data.json": "application/json",
    "actions.ics": "text/calendar; charset=utf-8",
}


MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
DAYS = re.compile(
    rf"\d{{2}}/\d{{2}}/\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"  # ISO, in file names and data
    rf"|\b\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}"  # 3 décembre 2026, 1er mars 2027
    rf"|\b(?:{MONTHS})\s+\d{{1,2}},\s+\d{{4}}"  # December 3, 2026
)
TIMES = re.compile(r"\b\d{1,2}:\d{2}\s?[AP]M\b|\b\d{1,2} h \d{2}\b|\b\d{2}:\d{2}\b")


def undated(document: str) -> str:
    """Days and times change with each run: golden files keep DATE and TIME."""
    return TIMES.sub("TIME", DAYS.sub("DATE", document))


async def fetch(http: httpx.AsyncClient, session: Session, name: str, lang: str) -> httpx.Response:
    response = await http.get(
        f"/api/sessions/{session.id}/{name}",
        params={"lang": lang},
        headers={"Authorization": f"Bearer {session.key}"},
    )
    assert response.status_code == 200, (name, response.text)
    assert response.headers["content-type"] == EXPORTS[name], name
    return response


def markdown_headings(markdown: str) -> list[str]:
    """The headings as a reader sees them (Markdown's backslash escapes dropped)."""
    found = re.findall(r"^#{1,4} (.+)$", markdown, re.M)
    return [re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", h) for h in found]


def odt_outline(content: bytes) -> tuple[list[str], str]:
    """The ODT's headings, and its whole outline as text (heading levels, paragraphs)."""
    doc = load(io.BytesIO(content))
    headings = [teletype.extractText(h) for h in doc.getElementsByType(text.H)]
    lines = []
    for element in doc.text.childNodes:
        kind = element.qname[1]
        said = teletype.extractText(element)
        if kind == "h":
            lines.append("#" * int(element.getAttribute("outlinelevel")) + " " + said)
        elif kind == "list":
            lines += [f"- {teletype.extractText(p)}" for p in element.getElementsByType(text.P)]
        elif kind == "table":
            for row in element.getElementsByType(table.TableRow):
                cells = [teletype.extractText(c) for c in row.getElementsByType(table.TableCell)]
                lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append(said)
    return headings, "\n".join(lines) + "\n"


def pdf_text_and_picture(content: bytes, name: str) -> str:
    """The PDF's text, and its first page drawn to a PNG in artifacts/ (to look at)."""
    pdf = pypdfium2.PdfDocument(content)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf[0].render(scale=1.2).to_pil().save(ARTIFACTS / f"{name}.png")
    said = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    return said


async def check_every_export(
    http: httpx.AsyncClient, session: Session, format_name: str
) -> dict[str, Any]:
    """Returns, per language, the CSV rows and the calendar's tasks, for the caller's checks."""
    read: dict[str, Any] = {}
    for lang in ("fr", "en"):
        md = (await fetch(http, session, "minutes.md", lang)).text
        assert_golden(format_name, f"session.{lang}.md", undated(md))
        assert "&lt;" not in md and "&amp;" not in md, "the .md reads as plain text"
        page = await fetch(http, session, "minutes.html", lang)
        assert_golden(format_name, f"session.{lang}.html", undated(page.text))
        headings = markdown_headings(md)

        odt = await fetch(http, session, "minutes.odt", lang)
        odt_headings, outline = odt_outline(odt.content)
        assert odt_headings == headings, "the ODT holds the Markdown's headings"
        assert_golden(format_name, f"session.{lang}.odt.txt", undated(outline))

        pdf = await fetch(http, session, "minutes.pdf", lang)
        assert pdf.content.startswith(b"%PDF")
        said = " ".join(pdf_text_and_picture(pdf.content, f"{format_name}-{lang}").split())
        for heading in headings:
            assert " ".join(heading.split()) in said, heading

        data = await fetch(http, session, "data.csv", lang)
        rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
        assert len({len(r) for r in rows}) == 1, "every row has every column"
        ics = await fetch(http, session, "actions.ics", lang)
        calendar = Calendar.from_ical(ics.content)
        read[lang] = {"csv": rows, "todos": list(calendar.walk("VTODO")), "md": md}

        disposition = pdf.headers["content-disposition"]
        prefix = "compte-rendu" if lang == "fr" else "minutes"
        assert re.fullmatch(
            rf'attachment; filename="{prefix}-\d{{4}}-\d{{2}}-\d{{2}}-[a-z0-9-]+\.pdf"', disposition
        )

    archive = await fetch(http, session, "data.json", "fr")
    assert "attachment" in archive.headers["content-disposition"]
    imported = await http.post("/api/sessions/import", content=archive.content)
    assert imported.status_code == 201, imported.text
    key = imported.json()["facilitator_url"].rsplit("/", 1)[1]
    copy = Session(imported.json()["id"], "", "", "", key, session.base_url)
    for lang in ("fr", "en"):
        again = (await fetch(http, copy, "minutes.md", lang)).text
        assert again == read[lang]["md"], "the imported session has the same minutes"
    read["archive"] = json.loads(archive.content)
    return read
