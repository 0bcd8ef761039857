"""The minutes for LibreOffice: the sanitised HTML of the printable page (exports/html.py),
walked tag by tag into an OpenDocument text. Headings are real headings (LibreOffice's navigator
and table of contents see them), tables real tables, pictures embedded SVG."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

from odf.draw import Frame, Image
from odf.opendocument import OpenDocumentText
from odf.style import (
    GraphicProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P, Span

from exports.minutes import PICTURE_SCHEME, Figures

# Containers text may go into as it is; elsewhere a paragraph is opened for it.
INLINE = {"p", "h", "span"}
SPANS = {"strong": "Strong", "em": "Emphasis", "code": "Code"}
CLOSES = {
    **{f"h{n}": "h" for n in range(1, 5)},
    "p": "p",
    "ul": "list",
    "ol": "list",
    "li": "li",
    "table": "table",
    "tr": "tr",
    "td": "cell",
    "th": "cell",
    **{tag: "span" for tag in SPANS},
}
SVG_SIZE = re.compile(r'<svg[^>]*?\bwidth="([\d.]+)(?:px)?"[^>]*?\bheight="([\d.]+)(?:px)?"', re.S)
# A picture's widest, in centimetres: an A4 page's text width.
PICTURE_WIDTH = 16.0


def _styles(doc: OpenDocumentText) -> dict[str, Any]:
    made: dict[str, Any] = {}

    def style(name: str, family: str, *props: object, auto: bool = False) -> Any:
        s = Style(name=name, family=family)
        for p in props:
            s.addElement(p)
        (doc.automaticstyles if auto else doc.styles).addElement(s)
        made[name] = s
        return s

    sizes = {1: "20pt", 2: "16pt", 3: "13pt", 4: "11pt"}
    for level, size in sizes.items():
        style(
            f"Heading_20_{level}",
            "paragraph",
            TextProperties(fontsize=size, fontweight="bold"),
            ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"),
        ).setAttribute("displayname", f"Heading {level}")
    style("Standard", "paragraph", ParagraphProperties(marginbottom="0.2cm"))
    style(
        "Quotations",
        "paragraph",
        ParagraphProperties(marginleft="0.6cm", borderleft="0.1cm solid #444444", padding="0.1cm"),
    )
    style("Strong", "text", TextProperties(fontweight="bold"), auto=True)
    style("Emphasis", "text", TextProperties(fontstyle="italic"), auto=True)
    style("Code", "text", TextProperties(fontfamily="monospace"), auto=True)
    style(
        "Cell",
        "table-cell",
        TableCellProperties(border="0.5pt solid #777777", padding="0.1cm"),
        auto=True,
    )
    style("Heading_Cell", "paragraph", TextProperties(fontweight="bold"), auto=True)
    style("Picture", "graphic", GraphicProperties(anchortype="as-char"), auto=True)
    return made


class _Walker(HTMLParser):
    def __init__(self, doc: OpenDocumentText, figures: Figures | None) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.figures = figures
        self.styles = _styles(doc)
        # Where text goes: the open containers, each with what it is ("doc", "p", "list"…).
        self.stack: list[tuple[str, Any]] = [("doc", doc.text)]
        self.quote = 0
        self.pictures = 0

    @property
    def kind(self) -> str:
        return self.stack[-1][0]

    def _push(self, kind: str, element: Any) -> Any:
        self.stack[-1][1].addElement(element)
        self.stack.append((kind, element))
        return element

    def _paragraph(self) -> Any:
        """The paragraph text goes into, opened if the container holds none (a list item)."""
        if self.kind not in INLINE:
            self._push("p", P(stylename=self.styles["Quotations" if self.quote else "Standard"]))
        return self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4"):
            level = int(tag[1])
            self._push("h", H(outlinelevel=level, stylename=self.styles[f"Heading_20_{level}"]))
        elif tag == "p":
            self._push("p", P(stylename=self.styles["Quotations" if self.quote else "Standard"]))
        elif tag in ("ul", "ol"):
            if self.kind == "p":
                self.stack.pop()
            self._push("list", List())
        elif tag == "li":
            self._push("li", ListItem())
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "table":
            self._push("table", Table())
        elif tag == "tr":
            self._push("tr", TableRow())
        elif tag in ("td", "th"):
            self._push("cell", TableCell(stylename=self.styles["Cell"], valuetype="string"))
            self._push("p", P(stylename=self.styles["Heading_Cell" if tag == "th" else "Standard"]))
        elif tag in SPANS:
            self._paragraph()
            self._push("span", Span(stylename=self.styles[SPANS[tag]]))
        elif tag == "img":
            self._picture(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.quote -= 1
        elif tag in CLOSES:
            self._close(CLOSES[tag])

    def _close(self, kind: str) -> None:
        while len(self.stack) > 1:
            closed, element = self.stack.pop()
            if closed == "table":
                # OpenDocument declares a table's columns before its rows.
                rows = element.getElementsByType(TableRow)
                count = len(rows[0].getElementsByType(TableCell)) if rows else 1
                first = element.firstChild
                column = TableColumn(numbercolumnsrepeated=count)
                if first is not None:
                    element.insertBefore(column, first)
                else:
                    element.addElement(column)
            if closed == kind:
                break

    def handle_data(self, data: str) -> None:
        if self.kind in ("table", "tr") or (not data.strip() and self.kind not in INLINE):
            return
        self._paragraph().addText(data)

    def _picture(self, attrs: dict[str, str | None]) -> None:
        src = attrs.get("src") or ""
        if self.figures is None or not src.startswith(f"{PICTURE_SCHEME}:"):
            return
        number = int(src.split(":", 1)[1])
        if not 0 < number <= len(self.figures.items):
            return
        svg = self.figures.items[number - 1].svg
        width, height = PICTURE_WIDTH, PICTURE_WIDTH * 0.6
        if size := SVG_SIZE.search(svg):
            w, h = float(size[1]), float(size[2])
            if w > 0 and h > 0:
                height = PICTURE_WIDTH * h / w
        self.pictures += 1
        href = self.doc.addPicture(
            f"Pictures/figure{self.pictures}.svg", "image/svg+xml", svg.encode()
        )
        frame = Frame(
            stylename=self.styles["Picture"],
            width=f"{width:.2f}cm",
            height=f"{height:.2f}cm",
            anchortype="as-char",
            name=attrs.get("alt") or f"figure{self.pictures}",
        )
        frame.addElement(Image(href=href))
        self._paragraph().addElement(frame)


def minutes_odt(body: str, title: str, figures: Figures | None = None) -> bytes:
    """`body`: the sanitised HTML of the minutes (exports.html.minutes_body)."""
    doc = OpenDocumentText()
    doc.meta.addElement(_title(title))
    walker = _Walker(doc, figures)
    walker.feed(body)
    walker.close()
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _title(title: str) -> object:
    from odf.dc import Title

    element = Title()
    element.addText(title)
    return element
