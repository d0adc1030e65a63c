"""pytest setup for the generator tests: makes `import pyhpp` (from a checkout) and the tests'
`discovery` helpers (tests/support) importable."""

import os
import sys

TESTS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
for directory in (os.path.join(TESTS_DIR, "..", "generator"), os.path.join(TESTS_DIR, "support")):
    directory = os.path.abspath(directory)
    if directory not in sys.path:
        sys.path.insert(0, directory)
