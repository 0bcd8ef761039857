"""How long each text may be and how many of each thing there may be: the commands check them,
the settings declare them, and protocol.md gives the same numbers to the screens."""

from __future__ import annotations

TITLE_MAX = 120
TEXT_MAX = 280
AXIS_MAX = 80
AXES_MAX = 8
OWNER_MAX = 120
CRITERION_MAX = 500
# The years the frieze may start at (0 in the settings: not set yet).
YEAR_MIN = 1950
YEAR_MAX = 2100
DOTS_MAX = 10
