"""Tests of the package: a recursive run leaves them out unless INCLUDE names them."""

import pkgdemo


def test_widget() -> None:
    assert pkgdemo.Widget(2).size() == 2
