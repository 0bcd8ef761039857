"""Consent decisions: a proposal, versioned; clarification, reactions, objection rounds whose
objections are integrated; adopted when no reasoned objection remains."""

from __future__ import annotations

from facilitation.protocol import Format
from formats.consent.format import Consent

# Typed as the protocol so that mypy checks the consent format really is a Format.
FORMAT: Format = Consent()

__all__ = ["FORMAT", "Consent"]
