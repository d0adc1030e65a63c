"""pyhpp's own layout of generated C++, used when clang-format 14 is not installed: lays out the
constructs the templates produce the way clang-format does with pyhpp.clang-format (short
functions and template heads joined, argument and parameter lists bin-packed and aligned after
the open parenthesis), within 100 columns. Comments come wrapped from comments.py."""

from __future__ import annotations

from typing import List, Optional, Tuple

COLUMNS = 100
CONTINUATION = 4  # clang-format's ContinuationIndentWidth
_OPEN = "([{<"
_CLOSE = ")]}>"


_SPECIFIERS = {"explicit", "static", "inline", "virtual", "constexpr", "friend"}
_NOT_FUNCTIONS = ("if ", "if(", "for ", "while ", "switch ", "else", "do ", "namespace ", "try",
                  "catch", "struct ", "class ", "union ", "enum ", "return ", "case ", "#", "//")


def layout(text: str) -> str:
    out: List[str] = []
    for line in _join(text.split("\n")):
        out.extend(_layout_line(line))
    return "\n".join(out)


def _join(lines: List[str]) -> List[str]:
    """Joins what clang-format puts on one line when it fits: a template head and its
    declaration, a constructor and its initializer list, a function of one statement or none
    (AllowShortFunctionsOnASingleLine: All), an empty class."""
    out: List[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is not None and following.startswith(indent) and (
                (stripped.startswith("template <") and stripped.endswith(">")
                 and following[len(indent):len(indent) + 1] not in (" ", "")
                 and following.endswith(("{", ";")))
                or (stripped.endswith(")") and following.strip().startswith(": ")
                    and following.endswith("{"))):
            joined = line + " " + following.strip()
            if len(joined) <= COLUMNS:
                lines[i + 1] = joined
                i += 1
                continue
        if line.endswith("{") and following is not None:
            if following == indent + "}" or following == indent + "};":
                head = line[:-1].rstrip()
                if _function_head(stripped) or stripped.startswith(("struct ", "class ")):
                    out.append(head + " {}" + following.strip()[1:])
                    i += 2
                    continue
            after = lines[i + 2] if i + 2 < len(lines) else None
            body = following.strip()
            if (after == indent + "}" and _function_head(stripped)
                    and following.startswith(indent + "    ") and body.endswith(";")
                    and not body.startswith(("//", "#"))):
                joined = f"{line} {body} }}"
                if len(joined) <= COLUMNS:
                    out.append(joined)
                    i += 3
                    continue
        out.append(line)
        i += 1
    return out


def _function_head(stripped: str) -> bool:
    """Whether `stripped`, ending with `{`, opens a function's body."""
    if stripped.startswith(_NOT_FUNCTIONS) or "(" not in stripped:
        return False
    head = stripped[:-1].rstrip()
    if "=" in head[: head.find("(")]:
        return False  # a lambda or an initializer
    return head.endswith(")") or head.endswith((" const", " noexcept", " override", " final"))


def _layout_line(line: str) -> List[str]:
    if len(line) <= COLUMNS:
        return [line]
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if stripped.startswith("//"):
        return [line]  # wrapped by the renderer; what is left is one word
    literal = _split_literal(line, indent) or _string_initializer(line, indent)
    if literal:
        return literal
    if stripped.startswith("if ("):
        return _condition(line, len(indent) + len("if ("), 1)
    if stripped.startswith("return ") and (" || " in line or " && " in line):
        return _condition(line, len(indent) + len("return "), 0)
    template = _template_call(line, indent)
    if template:
        return template
    brace = line.find(" = {")
    if brace > 0 and line.endswith("};") and "(" not in line[:brace]:
        # A braced initializer list: aligned after the brace, or broken after it.
        packed = _bin_pack(line, opening=brace + 3)
        if packed:
            return packed
    split = _return_type_split(line, indent)
    if split is not None:
        # A declaration: parameters aligned after the parenthesis, or the return type on a line
        # of its own when that takes fewer lines; failing both, a break after the parenthesis.
        aligned = _bin_pack(line, aligned_only=True)
        rest = indent + line[split + 1:]
        below = [rest] if len(rest) <= COLUMNS else _bin_pack(rest, aligned_only=True)
        if below is not None and (aligned is None or len(below) + 2 < len(aligned)):
            return [line[:split]] + below
        if aligned:
            return aligned
    lines = _after_assignment(line, indent)
    if lines:
        return lines
    packed = _bin_pack(line)
    return [part for piece in packed for part in _call_tail(piece)] if packed else [line]


def _call_tail(line: str) -> List[str]:
    """An argument still too long, `f<T>::g(x),`: a break after its last call's parenthesis,
    when the head then fits."""
    if len(line) <= COLUMNS:
        return [line]
    stripped = line.lstrip()
    column = len(line) - len(stripped) + CONTINUATION
    paren = line.rfind("(")
    if paren < 0 or paren + 1 > COLUMNS or line[paren + 1:paren + 2] == ")":
        return [line]
    rest = " " * column + line[paren + 1:]
    if len(rest) > COLUMNS or "(" in rest or line[:paren].count("(") != line[:paren].count(")"):
        return [line]
    return [line[: paren + 1], rest]


def _condition(line: str, opening: int, level: int) -> List[str]:
    """`if (a && b(c, d))` or `return a || b`: the operands of `&&` and `||` at bracket depth
    `level` packed and aligned at column `opening`, then each line that is still too long with
    its call's arguments aligned after its parenthesis."""
    marks = [(i, ch) for i, ch in _scan(line) if ch in "()[]{}"]
    code = _code(line)
    cuts = []
    for at in range(opening, len(line) - 3):
        if line[at:at + 4] in (" && ", " || "):
            depth = sum(1 if ch in "([{" else -1 for i, ch in marks if i < at)
            if depth == level and code[at]:
                cuts.append(at + 3)
    pieces = [line[a:b].strip() for a, b in zip([opening] + cuts, cuts + [len(line)])]
    lines: List[str] = []
    current = line[:opening] + pieces[0]
    for piece in pieces[1:]:
        if len(current) + 1 + len(piece) <= COLUMNS:
            current += " " + piece
        else:
            lines.append(current)
            current = " " * opening + piece
    lines.append(current)
    out: List[str] = []
    for n, text in enumerate(lines):
        packed = None
        if len(text) > COLUMNS:
            packed = _bin_pack(text, after=opening if n == 0 else 0)
        out.extend(packed or [text])
    return out


def _template_call(line: str, indent: str) -> Optional[List[str]]:
    """`return f<T<U>>(args);` whose `f<T<U>>(` does not fit: a break after the outermost `<`
    that leaves the rest of the template arguments on one line, then the arguments on the next
    line when they fit there."""
    paren = _first_paren(line)
    if paren is None or line[paren - 1] != ">" or paren + 1 <= COLUMNS:
        return None
    column = len(indent) + CONTINUATION
    at = len(indent)
    while True:
        lt = line.find("<", at, paren)
        if lt < 0:
            return None
        if column + paren + 1 - (lt + 1) <= COLUMNS:
            break
        at = lt + 1
    arguments = " " * column + line[paren + 1:].lstrip()
    if len(arguments) > COLUMNS:
        return None
    return [line[: lt + 1], " " * column + line[lt + 1: paren + 1], arguments]


def _string_initializer(line: str, indent: str) -> Optional[List[str]]:
    """`name = "long text";`: a break after `=`, and the string split after blanks into pieces
    that fit (clang-format's BreakStringLiterals)."""
    at = line.find(' = "')
    if at < 0 or not line.endswith('";') or '"' in line[:at] or '"' in line[at + 4:-2]:
        return None
    column = len(indent) + CONTINUATION
    text = line[at + 4:-2]
    lines = [line[: at + 2]]
    while len(text) + column + 3 > COLUMNS:
        room = COLUMNS - column - 2
        cut = text.rfind(" ", 0, room) + 1
        if cut <= 0:
            break
        lines.append(" " * column + '"' + text[:cut] + '"')
        text = text[cut:]
    lines.append(" " * column + '"' + text + '";')
    return lines


def _split_literal(line: str, indent: str) -> Optional[List[str]]:
    """`name{"a,b,c"};` with a long literal: the literal in comma-ended pieces, aligned after
    the brace when they fit there, else on their own lines."""
    brace = line.find('{"')
    if brace < 0 or not line.endswith('"};') or '"' in line[brace + 2: -3]:
        return None
    head = line[: brace + 1]
    whole = " " * (len(indent) + CONTINUATION) + line[brace + 1:]
    if len(whole) <= COLUMNS:
        return [head, whole]  # clang-format breaks a string only when nothing else fits
    words = line[brace + 2: -3].split(",")
    pieces = [w + ("," if n < len(words) - 1 else "") for n, w in enumerate(words)]
    aligned = _fill(pieces, head, len(head))
    if all(len(x) <= COLUMNS for x in aligned):
        return aligned
    return [head] + _fill(pieces, "", len(indent) + CONTINUATION)


def _fill(pieces: List[str], head: str, column: int) -> List[str]:
    lines: List[str] = []
    current = ""
    for n, piece in enumerate(pieces):
        closing = 3 if n == len(pieces) - 1 else 1  # `"};` or `"`
        start = len(head) if not lines else column
        if current and start + 1 + len(current) + len(piece) + closing > COLUMNS:
            lines.append((head if not lines else " " * column) + f'"{current}"')
            current = ""
        current += piece
    lines.append((head if not lines else " " * column) + f'"{current}"}};')
    return lines


def _first_paren(line: str) -> Optional[int]:
    """The first "(" that opens a parameter or argument list: `decltype(...)` is a type, the
    `()` of `operator()` a name, a "(" inside template arguments part of a type."""
    skipping = 0
    angle = 0
    for i, ch in _scan(line):
        if skipping:
            skipping += (ch == "(") - (ch == ")")
        elif ch == "<" and line[i - 1:i].isidentifier() and line[i + 1:i + 2] != "<":
            angle += 1
        elif ch == ">" and angle and line[i - 1:i] != "-":
            angle -= 1
        elif angle:
            continue
        elif ch == "(" and line[:i].endswith("decltype"):
            skipping = 1
        elif ch == "(" and line[:i].endswith("operator") and line[i + 1:i + 2] == ")":
            skipping = 1
        elif ch == "(":
            return i
    return None


def _return_type_split(line: str, indent: str) -> Optional[int]:
    """Where a declaration's return type ends (the space before its name), or None."""
    stripped = line.lstrip()
    if stripped.startswith(("return ", "template ", "namespace ", "if ", "for ", "while ")):
        return None
    paren = _first_paren(line)
    if paren is None or "=" in line[:paren]:
        return None
    head = line[:paren]
    depth = 0
    split = None
    for i, ch in enumerate(head):
        depth += ch == "<"
        depth -= ch == ">"
        if ch == " " and depth == 0 and i >= len(indent):
            split = i
    if split is not None and set(line[:split].split()) <= _SPECIFIERS:
        return None  # `explicit`, `static`: not a return type
    return split


def _after_assignment(line: str, indent: str) -> Optional[List[str]]:
    """`x = call(...)` breaks after `=` when the right-hand side then fits on one line."""
    paren = _first_paren(line)
    at = line.find(" = ")
    if paren is None or at < 0 or at > paren or line.lstrip().startswith("return "):
        return None
    rhs = line[at + 3:]
    continuation = " " * (len(indent) + CONTINUATION)
    if len(continuation) + len(rhs) > COLUMNS:
        return None
    return [line[: at + 2], continuation + rhs]


def _code(line: str) -> List[bool]:
    """For each character of `line`: whether it is outside string and character literals."""
    code = []
    quote: Optional[str] = None
    escaped = False
    for ch in line:
        if quote:
            code.append(False)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
        else:
            code.append(ch not in "\"'")
            if ch in "\"'":
                quote = ch
    return code


def _scan(line: str) -> List[Tuple[int, str]]:
    """(index, char) of the structural characters outside string literals."""
    code = _code(line)
    return [(i, ch) for i, ch in enumerate(line) if code[i] and ch in "()[]{}<>,"]


def _bin_pack(line: str, aligned_only: bool = False, after: int = 0,
              opening: Optional[int] = None) -> Optional[List[str]]:
    """Splits the first parenthesised list of `line` (from column `after`), or the list that
    opens at `opening`, at its top-level commas."""
    marks = _scan(line)
    start = opening
    if start is None:
        start = _first_paren(line[after:])
        if start is not None:
            start += after
    if start is None:
        return None
    closing = ")" if line[start] == "(" else "}"
    depth = 0
    commas: List[int] = []
    end = None
    for i, ch in marks:
        if i <= start:
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0 and ch == closing:
                end = i
                break
            depth -= 1
        elif ch == "<" and line[i - 1] not in " <" and line[i + 1] != "<":
            depth += 1  # a template argument list, not a comparison or shift
        elif ch == ">" and depth > 0 and line[i - 1] not in " -" and line[i + 1:i + 2] != "=":
            depth -= 1
        elif ch == "," and depth == 0:
            commas.append(i)
    if end is None or not commas and end - start < 2:
        return None
    head = line[: start + 1]
    pieces = []
    previous = start + 1
    for c in commas:
        pieces.append(line[previous:c].strip())
        previous = c + 1
    pieces.append(line[previous:end].strip())
    tail = line[end:]
    indent = len(line) - len(line.lstrip())
    aligned: Optional[List[str]] = _pack(pieces, tail, [], head, len(head))
    if any(len(a.rstrip()) > COLUMNS for a in aligned):
        aligned = None
    if aligned_only:
        return aligned
    broken = _pack(pieces, tail, [head], "", indent + CONTINUATION)
    # Like clang-format: align after the parenthesis unless breaking after it saves lines.
    if aligned is not None and len(aligned) <= len(broken):
        return aligned
    return broken


def _pack(pieces: List[str], tail: str, lines: List[str], current: str,
          column: int) -> List[str]:
    lines = list(lines)
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        text = piece + (tail if last else ",")
        separator = "" if current.endswith(("(", "{")) or not current.strip() else " "
        if current and len(current) + len(separator) + len(text) <= COLUMNS:
            current += separator + text
        else:
            if current:
                lines.append(current)
            current = " " * column + text
    lines.append(current)
    return [line.rstrip() for line in lines]
