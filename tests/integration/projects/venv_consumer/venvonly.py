"""Installed by the test into a venv's site-packages only: importable nowhere else."""


def greet(name: str) -> str:
    """A greeting that says where it comes from."""
    return f"hello from the venv, {name}"
