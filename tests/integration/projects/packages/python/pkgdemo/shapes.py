"""Shapes, which refer back to pkgdemo.core."""

from __future__ import annotations

import math
from typing import List

from pkgdemo.core import Widget


class Shape:
    def area(self) -> float:
        return 0.0

    def describe(self) -> str:
        return f"{type(self).__name__} of area {self.area():.2f}"


class Circle(Shape):
    def __init__(self, radius: float) -> None:
        self.radius = radius

    def area(self) -> float:
        return math.pi * self.radius ** 2

    def widget(self) -> Widget:
        return Widget(int(self.radius))

    def scaled(self, factor: float = 2.0) -> Circle:
        return Circle(self.radius * factor)


class Square(Shape):
    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side ** 2


def biggest(shapes: List[Shape]) -> Shape:
    return max(shapes, key=lambda shape: shape.area())
