"""Diagnostics shared by every stage: warnings collected on the way, errors that stop the run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .ir.model import Location


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "note" (never fails a run, even with --strict), "warning" or "error"
    message: str
    location: Optional[Location] = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message}"


class GenerationError(Exception):
    """A failure that stops generation; no file is written. str() is the one-line diagnostic."""

    def __init__(self, message: str, location: Optional[Location] = None) -> None:
        self.diagnostic = Diagnostic("error", message, location)
        super().__init__(str(self.diagnostic))
