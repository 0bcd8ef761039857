"""Which formats this server runs: built-ins and plugins load through the same path."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from facilitation.protocol import Format

ENTRY_POINT_GROUP = "fabrique.formats"
# Built-ins are named like plugins ("module:attribute") and loaded the same way.
BUILTIN_FORMATS: tuple[str, ...] = (
    "formats.board:FORMAT",
    "formats.accelerator:FORMAT",
    "formats.cartography:FORMAT",
    "formats.consent:FORMAT",
    "formats.review:FORMAT",
)


class UnknownFormat(KeyError):
    pass


class Registry:
    def __init__(self, formats: Iterable[Format]) -> None:
        self._formats: dict[str, Format] = {}
        for fmt in formats:
            if fmt.name in self._formats:
                raise ValueError(f"two formats are named {fmt.name!r}")
            self._formats[fmt.name] = fmt

    def __getitem__(self, name: str) -> Format:
        try:
            return self._formats[name]
        except KeyError:
            raise UnknownFormat(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._formats

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())


def _load(spec: str) -> Format:
    module, _, attribute = spec.partition(":")
    fmt: Format = getattr(import_module(module), attribute or "FORMAT")
    return fmt


def builtin_registry() -> Registry:
    return Registry(_load(spec) for spec in BUILTIN_FORMATS)


def default_registry() -> Registry:
    """Built-ins plus whatever is installed under the `fabrique.formats` entry-point group."""
    plugins = [ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)]
    return Registry([*(_load(spec) for spec in BUILTIN_FORMATS), *plugins])


def folder_of(fmt: Format) -> Path:
    """The folder a format lives in (its declaration's package): its screens, protocol page,
    test contract and golden minutes are there."""
    module = sys.modules[type(fmt).__module__]
    assert module.__file__ is not None
    return Path(module.__file__).parent
