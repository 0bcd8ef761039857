"""Formats load through one path: built-ins and plugins of the `fabrique.formats` group."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from facilitation.registry import Registry, builtin_registry, default_registry
from formats.board import FORMAT as BOARD


def test_built_ins_include_the_board_the_accelerator_the_cartography_consent_and_review() -> None:
    names = [fmt.name for fmt in builtin_registry()]
    assert names == ["board", "accelerator", "cartography", "consent", "review"]


def test_an_installed_plugin_is_registered_beside_the_built_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real installed distribution: a module and its dist-info with an entry point.
    (tmp_path / "retro_format.py").write_text(
        textwrap.dedent(
            """
            from formats.board.format import Board

            class Retro(Board):
                name = "retro"

            FORMAT = Retro()
            """
        )
    )
    info = tmp_path / "retro_format-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: retro-format\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[fabrique.formats]\nretro = retro_format:FORMAT\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        names = [fmt.name for fmt in default_registry()]
    finally:
        sys.modules.pop("retro_format", None)
    assert names == ["board", "accelerator", "cartography", "consent", "review", "retro"]


def test_two_formats_cannot_share_a_name() -> None:
    with pytest.raises(ValueError, match="board"):
        Registry([BOARD, BOARD])
