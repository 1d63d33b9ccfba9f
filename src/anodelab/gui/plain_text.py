"""Text from files is data: helpers that keep Qt from reading it as rich text.

Qt widgets (QLabel, QMessageBox, tool tips) guess whether a string is HTML (``Qt.mightBeRichText``)
and, if so, render it: an ``<img src=…>`` in a layer name would be loaded as a resource (a name
pointing at ``/dev/zero`` exhausts memory, one pointing at a FIFO freezes the window). Every text
that comes from a design, library or screen file goes through :func:`rich_escape` before it meets
rich text, or into a widget set to ``Qt.PlainText`` (:func:`plain_label`).
"""

from __future__ import annotations

import html

from ..errors import escape_controls

#: Longest file text shown in a title, dialog or tool tip (characters); the rest is cut with "…".
MAX_SHOWN_CHARS = 300


def shorten(text, limit: int = MAX_SHOWN_CHARS) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rich_escape(text, limit: int = MAX_SHOWN_CHARS) -> str:
    """``text`` (from a file) as a fragment of rich text that displays exactly the characters."""
    return html.escape(escape_controls(shorten(text, limit)), quote=False)


def rich_message(text, limit: int = 4000) -> str:
    """A whole message (may hold file text) as rich text that shows it verbatim; newlines kept."""
    body = html.escape(shorten(text, limit), quote=False).replace("\n", "<br>")
    return f"<p>{body}</p>"


def plain_label(label):
    """Set a QLabel to plain text (no HTML, no resource loading) and return it."""
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
