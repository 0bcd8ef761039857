"""The figures the reliability tests measure (acked, lost, doubled, leaks…), printed at the end
of the run under "reliability figures" and written to `tests/artifacts/figures.json`, so that
`docs/reliability.md` quotes what a run really measured.

A test takes the `figure` fixture and calls it once per promise it checks:

    figure("nothing acknowledged is lost (SQLite)", acked=504, found=504, lost=0)

A figure is recorded before the test's assertions on it, so a failing run still prints what it
measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ARTIFACT = Path(__file__).parent / "artifacts" / "figures.json"


@dataclass
class Figures:
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def record(self, promise: str, **values: Any) -> None:
        self.rows.append((promise, values))

    def lines(self) -> list[str]:
        return [
            f"{promise}: " + ", ".join(f"{name} {value}" for name, value in values.items())
            for promise, values in self.rows
        ]

    def write(self) -> None:
        ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
        data = [{"promise": promise, **values} for promise, values in self.rows]
        ARTIFACT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


FIGURES = Figures()
