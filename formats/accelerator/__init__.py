"""The project accelerator: a holder brings a problem, the group helps in six time-boxed steps."""

from __future__ import annotations

from facilitation.protocol import Format
from formats.accelerator.format import Accelerator

# Typed as the protocol so that mypy checks the accelerator really is a Format.
FORMAT: Format = Accelerator()

__all__ = ["FORMAT", "Accelerator"]
