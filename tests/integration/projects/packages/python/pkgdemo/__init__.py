"""A package whose public API is what its submodules define, re-exported here."""

from pkgdemo.core import Color, Widget, make_widget
from pkgdemo.errors import DemoError
from pkgdemo.shapes import Circle
from pkgdemo.shapes import Square as Box

VERSION = "1.0"
