"""pytest setup for the golden tests: makes the tests' `discovery` helpers (tests/support)
importable."""

import os
import sys

SUPPORT_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "support"))
if SUPPORT_DIR not in sys.path:
    sys.path.insert(0, SUPPORT_DIR)
