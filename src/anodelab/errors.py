"""Errors a user sees. Each names where the problem is (file, layer or entry, field) and what is allowed."""

from __future__ import annotations


class AnodeLabError(ValueError):
    """Bad input: a file, a material, a design value or a setting. The message is for the user."""

    def __init__(self, message: str, *, file: str | None = None, entry: str | None = None, field: str | None = None):
        self.file = file
        self.entry = entry
        self.field = field
        self.detail = message
        where = []
        if file:
            where.append(str(file))
        if entry:
            where.append(entry)
        if field:
            where.append(field)
        super().__init__(("%s: %s" % (": ".join(where), message)) if where else message)
