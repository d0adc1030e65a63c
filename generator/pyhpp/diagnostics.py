"""Diagnostics shared by every stage: warnings collected on the way, errors that stop the run.

Standard library only and importable on Python 3.8: the introspection child makes its
diagnostics with this module too and sends them to the generator as JSON records
(`to_record` / `from_record`), so a diagnostic keeps its type and location end to end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from .ir.model import Location

SEVERITIES = ("note", "warning", "error")


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "note" (never fails a run, even with --strict), "warning" or "error"
    message: str
    location: Optional[Location] = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message}"

    def to_record(self) -> Dict[str, Any]:
        """Plain JSON data: {"severity", "message", "location": {"file", "line"} or null}."""
        location = None if self.location is None else {
            "file": self.location.file, "line": self.location.line}
        return {"severity": self.severity, "message": self.message, "location": location}

    @classmethod
    def from_record(cls, record: Any) -> "Diagnostic":
        """The Diagnostic of a `to_record` result; ValueError for anything else."""
        if not isinstance(record, dict) or set(record) != {"severity", "message", "location"}:
            raise ValueError(f"not a diagnostic record: {record!r}")
        severity, message, where = record["severity"], record["message"], record["location"]
        if severity not in SEVERITIES or not isinstance(message, str):
            raise ValueError(f"not a diagnostic record: {record!r}")
        if where is None:
            return cls(severity, message)
        if not (isinstance(where, dict) and set(where) == {"file", "line"}
                and isinstance(where["file"], str) and type(where["line"]) is int):
            raise ValueError(f"not a diagnostic location: {where!r}")
        return cls(severity, message, Location(where["file"], where["line"]))


class GenerationError(Exception):
    """A failure that stops generation; no file is written. str() is the one-line diagnostic."""

    def __init__(self, message: str, location: Optional[Location] = None) -> None:
        self.diagnostic = Diagnostic("error", message, location)
        super().__init__(str(self.diagnostic))
