"""The map as a picture for the printed minutes (HTML, PDF, ODT): the same layout the screens
draw, as a standalone SVG document, with the legend of numbered marks under it."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from formats.cartography.layout import CHAR_WIDTH, ellipsized, text_width

COLOURS = {"necessity": "#c0392b", "choice": "#2471a3", "mixed": "#7d3c98"}
LEGEND_FONT = 18
LEGEND_LINE = 26
LEGEND_COLUMNS = 3


def svg(drawn: dict[str, Any], lang: str, words: dict[str, str]) -> str:
    width, height = drawn["width"], drawn["height"]
    font = drawn["font_size"]
    legend = drawn["legend"]
    rows = -(-len(legend) // LEGEND_COLUMNS)
    total = height + (rows * LEGEND_LINE + 20 if legend else 0) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" '
        f'width="{width}" height="{total}" font-family="sans-serif">',
        f'<rect x="0" y="0" width="{width}" height="{total}" fill="#ffffff"/>',
    ]
    for zone in drawn["zones"]:
        x, y, w, h = zone["x"], zone["y"], zone["w"], zone["h"]
        fill = "#fdf2d0" if zone["spotlit"] else "#f4f6f7"
        out.append(
            f'<rect x="{x + 3}" y="{y + 3}" width="{w - 6}" height="{h - 6}" rx="8" '
            f'fill="{fill}" stroke="#aab7b8"/>'
        )
        box, size = zone["title_box"], zone["title_size"]
        found: dict[str, list[dict[str, Any]]] = zone["title_lines"]
        lines = found.get(lang) or next(iter(found.values()), [])
        line_h = box["h"] / max(len(lines), 1) if len(lines) > 1 else box["h"]
        for i, line in enumerate(lines):
            # The baseline: a line's box, less a fifth of the type for descenders.
            base = box["y"] + (i + 1) * line_h - (line_h - size) / 2 - size * 0.2
            out.append(_text(line["text"], box["x"] + box["w"] / 2, base, size, "bold"))
    for mark in drawn["marks"]:
        colour = COLOURS[mark["colour"]]
        out.append(
            f'<circle cx="{mark["x"]}" cy="{mark["y"]}" r="{mark["r"]}" fill="{colour}" '
            f'fill-opacity="0.8"><title>{escape(mark["name"])}</title></circle>'
        )
        box = mark["label_box"]
        size = mark.get("font_size", font)
        base = box["y"] + box["h"] - (box["h"] - size) / 2 - size * 0.2
        out.append(_text(mark["label"], box["x"] + box["w"] / 2, base, size, "bold"))
    # The key of colours, then the legend of numbered marks.
    y = height + 30
    x = 20.0
    for why in ("necessity", "choice", "mixed"):
        out.append(f'<circle cx="{x + 10}" cy="{y - 6}" r="9" fill="{COLOURS[why]}"/>')
        out.append(_text(words[why], x + 26, y, LEGEND_FONT, anchor="start"))
        x += 60 + text_width(words[why], LEGEND_FONT)
    column_w = width / LEGEND_COLUMNS
    for i, entry in enumerate(legend):
        row, col = divmod(i, LEGEND_COLUMNS)
        number = "–" if entry["number"] is None else str(entry["number"])
        text = ellipsized(f"{number}. {entry['name']}", column_w - 30, LEGEND_FONT)
        out.append(
            _text(
                text, 20 + col * column_w, y + 30 + row * LEGEND_LINE, LEGEND_FONT, anchor="start"
            )
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _text(
    text: str, x: float, y: float, size: float, weight: str = "normal", anchor: str = "middle"
) -> str:
    # Drawn exactly as wide as the layout counted, so labels can never run into each other.
    length = round(len(text) * CHAR_WIDTH * size, 1)
    return (
        f'<text x="{round(x, 1)}" y="{round(y, 1)}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" textLength="{length}" lengthAdjust="spacingAndGlyphs" '
        f'fill="#17202a">{escape(text)}</text>'
    )
