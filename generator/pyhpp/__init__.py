"""pyhpp: generates typed C++ wrappers for Python modules (this package imports nothing heavy)."""

__version__ = "0.1.0"
