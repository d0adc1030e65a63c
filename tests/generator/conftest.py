"""pytest setup for the generator tests: makes `import pyhpp` work from a checkout."""

import os
import sys

GENERATOR_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "generator"))
if GENERATOR_DIR not in sys.path:
    sys.path.insert(0, GENERATOR_DIR)
