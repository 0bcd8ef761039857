"""Reading back the cartography rows of a session's CSV export (see data.py), so that the maps
of several workshops merge into one. The whole file is checked before anything is imported."""

from __future__ import annotations

import csv
import math
from typing import Any

from facilitation.types import Rejected

NAME = "cartography"
# The export's columns, in order (exports/data.py): number, activity, format, kind, id, text,
# theme, author, proxy, about, value, detail.
COLUMNS = 12
FORMAT, KIND, TEXT, THEME, ABOUT, VALUE, DETAIL = 2, 3, 5, 6, 9, 10, 11
ROWS_MAX = 5000
NAME_MAX = 80
WHYS = ("necessity", "choice", "mixed")
SCALE_MIN, SCALE_MAX = -2.0, 2.0


def read_csv(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The uses and ratings of every cartography row, or `Rejected` naming the first line at
    fault (`csv_invalid`) or saying there is none (`csv_empty`)."""
    reader = csv.reader(text.lstrip("\ufeff").splitlines())
    uses: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    header = next(reader, None)
    if header is None or len(header) != COLUMNS or header[FORMAT].strip() != "format":
        raise Rejected("csv_invalid", line=1)
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != COLUMNS:
            raise Rejected("csv_invalid", line=line)
        if row[FORMAT] != NAME or row[KIND] not in ("use", "rating"):
            continue
        if len(uses) + len(ratings) >= ROWS_MAX:
            raise Rejected("csv_invalid", line=line)
        organisation, tool, heading = (row[i].strip() for i in (DETAIL, TEXT, THEME))
        key = row[ABOUT].strip() or None
        if not all(0 < len(t) <= NAME_MAX for t in (organisation, tool, heading)):
            raise Rejected("csv_invalid", line=line)
        if row[KIND] == "use":
            why = row[VALUE].strip()
            if why not in WHYS:
                raise Rejected("csv_invalid", line=line)
            uses.append(
                {
                    "organisation": organisation,
                    "tool": tool,
                    "purpose": heading,
                    "purpose_key": key,
                    "why": why,
                }
            )
        else:
            try:
                value = float(row[VALUE].strip().replace(",", "."))
            except ValueError:
                raise Rejected("csv_invalid", line=line) from None
            if not math.isfinite(value) or not SCALE_MIN <= value <= SCALE_MAX:
                raise Rejected("csv_invalid", line=line)
            ratings.append(
                {
                    "organisation": organisation,
                    "tool": tool,
                    "dimension": heading,
                    "dimension_key": key,
                    "value": value,
                }
            )
    if not uses and not ratings:
        raise Rejected("csv_empty")
    return uses, ratings
