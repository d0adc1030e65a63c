"""Comments wrapped within the column limit as they are rendered, so that clang-format (which
reflows only lines past the limit) leaves them as they are, and a Python signature breaks between
parameters, never inside one."""

from __future__ import annotations

import re
from typing import List

COLUMNS = 100  # ColumnLimit of pyhpp.clang-format
SIGNATURE_INDENT = "    "  # continuation lines of a signature, inside the comment
_COMMENT = re.compile(r"^(\s*//[/!]?\s?)(.*)$")
_SIGNATURE = re.compile(r"^(Python: `)(.*)(`\.?)$")


def wrap_comments(text: str) -> str:
    out: List[str] = []
    for line in text.split("\n"):
        match = _COMMENT.match(line) if len(line) > COLUMNS else None
        out.extend(_wrap(match.group(1), match.group(2)) if match else [line])
    return "\n".join(out)


def _wrap(prefix: str, text: str) -> List[str]:
    """Lines of at most COLUMNS, but for words longer than that, which stand alone. (clang-format
    breaks a comment line only at a blank after the comment's own indentation.)"""
    signature = _SIGNATURE.match(text)
    if signature:
        head, body, tail = signature.groups()
        continuation = prefix + SIGNATURE_INDENT
        pieces: List[str] = []
        for n, piece in enumerate(_signature_pieces(head + body + tail)):
            # What no comma breaks (a long union, name or default) breaks before a `|`, or at
            # any blank when that is not enough.
            width = COLUMNS - len(prefix if n == 0 else continuation)
            for part in [piece] if len(piece) <= width else _split_union(piece):
                pieces.extend([part] if len(part) <= width else part.split())
        return _fill(prefix, pieces, continuation)
    indent = text[: len(text) - len(text.lstrip(" "))]
    words = text.split()
    words[0] = indent + words[0]
    return _fill(prefix, words, prefix + indent)


def _fill(prefix: str, pieces: List[str], continuation: str) -> List[str]:
    lines: List[str] = []
    current = prefix
    for piece in pieces:
        if current.strip(" /!") and len(current) + 1 + len(piece) > COLUMNS:
            lines.append(current)
            current = continuation + piece
        else:
            current += (" " if current.strip(" /!") else "") + piece
    lines.append(current)
    return lines


def _signature_pieces(signature: str) -> List[str]:
    """`f(a: int, b: dict[str, int] = {}) -> float` as pieces joined by single spaces: a
    parameter (with its annotation and default) is one piece, so is `-> float`; a piece longer
    than a line breaks after its own commas, the outermost first."""
    levels = _levels(signature)
    pieces = _split(signature, levels, 0, len(signature), 1, outside=True)
    merged: List[str] = []  # `->` stays with the return type, `Python:` with the name
    for piece in pieces:
        if merged and merged[-1] in ("->", "Python:"):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def _split_union(piece: str) -> List[str]:
    """`a: int | str | list[int | str]` as `a: int |`, `str |`, `list[int | str]`: split after
    the outermost `|`s."""
    levels = _levels(piece)
    bars = [i for i in range(1, len(piece) - 1) if piece[i - 1:i + 2] == " | "]
    if not bars:
        return [piece]
    outer = min(levels[i] for i in bars)
    cuts = [i + 1 for i in bars if levels[i] == outer]
    return [piece[a:b].strip() for a, b in zip([0] + cuts, cuts + [len(piece)])]


def _split(text: str, levels: List[int], start: int, end: int, depth: int,
           outside: bool = False) -> List[str]:
    """text[start:end] split at the blanks after a comma at bracket depth `depth` (and at those
    outside brackets when `outside`); pieces still too long split one level deeper."""
    cuts = [i for i in range(start, end) if text[i] == " " and (
        (outside and levels[i] == 0) or (levels[i] == depth and text[i - 1] == ","))]
    if not cuts:
        if end - start <= COLUMNS - 12 or depth > max(levels[start:end], default=0):
            return [text[start:end]]
        return _split(text, levels, start, end, depth + 1)
    pieces: List[str] = []
    for a, b in zip([start] + [c + 1 for c in cuts], cuts + [end]):
        if b - a > COLUMNS - 12:
            pieces.extend(_split(text, levels, a, b, depth + 1))
        elif b > a:
            pieces.append(text[a:b])
    return pieces


def _levels(text: str) -> List[int]:
    """The bracket depth at each character, outside quoted strings."""
    levels: List[int] = []
    level = 0
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            level += 1
        elif ch in ")]}":
            level = max(level - 1, 0)
        levels.append(level)
    return levels
