"""Widgets: multiple inheritance, and a cycle of imports with pkgdemo.shapes."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # never runs: pyhpp reads it from the source
    from pkgdemo.shapes import Circle


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Named:
    def name(self) -> str:
        return type(self).__name__.lower()


class Sized:
    def size(self) -> int:
        return getattr(self, "_size", 0)

    def doubled(self) -> int:
        return 2 * self.size()


class Widget(Named, Sized):
    """Gets name() from Named and size() from Sized."""

    def __init__(self, size: int, color: Color = Color.RED) -> None:
        self._size = size
        self.color = color

    def grow(self, by: int = 1) -> Widget:
        return Widget(self._size + by, self.color)

    def circle(self) -> Circle:
        from pkgdemo.shapes import Circle

        return Circle(float(self._size))


def make_widget(size: int) -> Widget:
    return Widget(size, Color.BLUE)
