"""Errors a user sees. Each names where the problem is (file, layer or entry, field) and what is allowed.

Every message is one line of plain text of bounded length: control characters (newlines, ANSI escape
sequences, bidi overrides) taken from a file are shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``), and a
message longer than :data:`MAX_MESSAGE_CHARS` keeps its head and tail with the number of characters
left out in between (the allowed range usually sits at the end).
"""

from __future__ import annotations

import unicodedata

#: Longest message an AnodeLabError carries (characters); longer ones are cut in the middle.
MAX_MESSAGE_CHARS = 1000
#: Longest echo of a value from a file inside a message (characters).
MAX_ECHO_CHARS = 80
#: Longest file / entry / field name inside a message (characters).
MAX_WHERE_CHARS = 240

_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def escape_controls(text: str) -> str:
    """``text`` with every control character (Unicode Cc, bidi controls) written as an escape."""
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        o = ord(ch)
        if o in _BIDI or (unicodedata.category(ch) == "Cc"):
            if ch == "\n":
                out.append("\\n")
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\r":
                out.append("\\r")
            elif o < 0x100:
                out.append(f"\\x{o:02x}")
            else:
                out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def cap_text(text: str, limit: int) -> str:
    """``text`` cut to at most about ``limit`` characters: head … [n characters left out] … tail."""
    if len(text) <= limit:
        return text
    tail = limit // 3
    head = limit - tail - 40
    return f"{text[:head]} …[{len(text) - head - tail:,} characters left out]… {text[-tail:]}"


def terminal_safe(text: str, limit: int | None = None) -> str:
    """Text from a file made safe to print on a terminal (escapes; optionally capped)."""
    text = escape_controls(text)
    return cap_text(text, limit) if limit else text


def shown(value, limit: int = MAX_ECHO_CHARS) -> str:
    """A short ``repr`` of a value read from a file, for an error message."""
    try:
        text = repr(value)
    except Exception:  # pragma: no cover - exotic objects
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = f"{text[: limit - 30]}… ({type(value).__name__} of {_size(value)})"
    return escape_controls(text)


def _size(value) -> str:
    try:
        return f"{len(value):,} items" if not isinstance(value, str) else f"{len(value):,} characters"
    except TypeError:
        return "unknown size"


def summarise_names(names, limit: int = 8) -> str:
    """``['a', 'b', …]`` of at most ``limit`` names, each shortened, with the count of the rest."""
    names = list(names)
    head = ", ".join(shown(n, 40) for n in names[:limit])
    more = f", … and {len(names) - limit:,} more" if len(names) > limit else ""
    return f"[{head}{more}]"


class AnodeLabError(ValueError):
    """Bad input: a file, a material, a design value or a setting. The message is for the user."""

    def __init__(self, message: str, *, file: str | None = None, entry: str | None = None, field: str | None = None):
        self.file = file
        self.entry = entry
        self.field = field
        self.detail = cap_text(escape_controls(message), MAX_MESSAGE_CHARS)
        where = [cap_text(escape_controls(w), MAX_WHERE_CHARS) for w in (file, entry, field) if w]
        text = ("%s: %s" % (": ".join(where), self.detail)) if where else self.detail
        super().__init__(cap_text(text, MAX_MESSAGE_CHARS + 3 * MAX_WHERE_CHARS))
