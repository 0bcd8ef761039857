"""How long each text of the accelerator may be (characters), and how many people a round holds.

The screens read the same numbers from the format's documentation (formats/accelerator/protocol.md).
"""

from __future__ import annotations

PROJECT = 120
PROBLEM = 300
PRESENTATION = 4000
POINT = 200
QUESTION = 280
ANSWER = 1000
REQUEST = 500
CONTRIBUTION = 500
THEME = 80
SYNTHESIS = 4000
ACTION_WHAT = 200
ACTION_WHO = 80
ACTION_WHEN = 40
TAKEAWAY = 280
NAME = 40
ROUND = 200
