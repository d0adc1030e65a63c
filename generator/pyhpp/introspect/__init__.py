"""Introspection: runs inside the target interpreter (runner.py) and starts it (launch.py)."""
