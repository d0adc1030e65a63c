"""Fixtures of the build-integration tests: the tools under test, from ctest's environment."""

from __future__ import annotations

import pytest

from build_support import Toolchain


@pytest.fixture(scope="session")
def toolchain() -> Toolchain:
    return Toolchain.from_environment()
