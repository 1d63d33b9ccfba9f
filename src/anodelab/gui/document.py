"""The window's one current design, its score and its undo history.

Widgets never change a design themselves: they build the edited (frozen) :class:`Design` and call
:meth:`DesignDocument.apply`, which validates it with the engine and pushes an undo command.
Every view observes :attr:`DesignDocument.changed` and redraws from ``doc.design`` / ``doc.result``.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..design import Design, ResolvedDesign, load_design, resolve, save_design
from ..errors import AnodeLabError
from ..materials.library import default_library
from ..scoring import ScoreResult, score
from .labels import auto_design_name


def _layers(design: Design) -> tuple:
    return (design.host, design.coating, design.interlayer, design.electrolyte)


#: seconds without an edit that end an edit burst (typing and stepping one field is one burst)
BURST_S = 2.0


class EditDesignCommand(QUndoCommand):
    """Replace the document's design by ``new`` (undo puts ``old`` back).

    Consecutive edits with the same ``merge_key`` (e.g. stepping one spin box) *within one burst*
    merge into one undo step, so the history reads like the user's intent and not like key presses.
    A burst ends after :data:`BURST_S` without an edit or on :meth:`DesignDocument.break_merge`
    (the window calls it when the user switches tabs): two separate visits to a field are two steps.
    """

    _ids: dict[str, int] = {}

    def __init__(self, doc: "DesignDocument", old: Design, new: Design, label: str, merge_key: str | None = None,
                 burst: int = 0):
        super().__init__(label)
        self._doc = doc
        self.old = old
        self.new = new
        self._merge_key = merge_key
        self.burst = burst
        self.old_auto = self.new_auto = doc.auto_named  # whether the name follows the layers, before / after

    def id(self) -> int:  # noqa: A003 - Qt API
        if self._merge_key is None:
            return -1
        return self._ids.setdefault(self._merge_key, len(self._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, EditDesignCommand) or other._merge_key != self._merge_key or other.burst != self.burst:
            return False
        self.new = other.new
        self.new_auto = other.new_auto
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self._doc.auto_named = self.new_auto
        self._doc._set(self.new)

    def undo(self) -> None:
        self._doc.auto_named = self.old_auto
        self._doc._set(self.old)


class DesignDocument(QObject):
    """Current design + score + file path + undo stack."""

    #: emitted after every change of the design (edit, undo, redo, open, new); argument: the design
    changed = Signal(object)
    #: emitted when the file path changes (Save As, Open, New); argument: str path or ''
    pathChanged = Signal(str)

    def __init__(self, design: Design, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._burst = 0
        self._last_edit = float("-inf")
        #: the design's name is the descriptive default and follows its layers (until the user names it)
        self.auto_named = False
        self.path: Path | None = None
        self.design: Design = design
        self.resolved: ResolvedDesign = resolve(design, default_library())
        self.result: ScoreResult = score(design)

    # ------------------------------------------------------------------ state
    def _set(self, design: Design) -> None:
        self.resolved = resolve(design, default_library())
        self.result = score(design)
        self.design = design
        self.changed.emit(design)

    def record(self) -> dict:
        return self.result.record(0)

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------------ edits
    def validate(self, design: Design) -> None:
        """Raise AnodeLabError if the engine would reject ``design``."""
        resolve(design, default_library())

    def apply(self, design: Design, label: str, merge_key: str | None = None) -> None:
        """Validate ``design`` and make it current as one undoable step (AnodeLabError if invalid)."""
        if design == self.design:
            return
        self.validate(design)
        if self.auto_named and design.name == self.design.name and _layers(design) != _layers(self.design):
            design = replace(design, name=auto_design_name(resolve(design, default_library())))
        self._push(design, label, merge_key, self.auto_named)

    def _push(self, design: Design, label: str, merge_key: str | None, new_auto: bool) -> None:
        now = time.monotonic()
        if now - self._last_edit > BURST_S:
            self._burst += 1
        self._last_edit = now
        cmd = EditDesignCommand(self, self.design, design, label, merge_key, self._burst)
        cmd.new_auto = new_auto
        self.undo_stack.push(cmd)

    def rename(self, name: str) -> None:
        """Name the design (one undo step per burst of typing). An empty name goes back to the
        descriptive default, which then follows the layers again."""
        name = " ".join(str(name).split())
        if len(name) > 200:
            raise AnodeLabError(f"must be at most 200 characters, got {len(name)}", field="design name")
        auto = not name
        if auto:
            name = auto_design_name(self.resolved)
        if name == self.design.name and auto == self.auto_named:
            return
        self._push(replace(self.design, name=name), f"Name → {name}", "design:name", auto)

    def set_notes(self, text: str) -> None:
        """The design's notes (its ``description`` in the file)."""
        text = str(text).strip()
        if text != self.design.description:
            self._push(replace(self.design, description=text), "Edit notes", "design:notes", self.auto_named)

    def break_merge(self) -> None:
        """End the current edit burst: the next edit is a new undo step even for the same field."""
        self._burst += 1

    def rescore(self) -> None:
        """Re-resolve and re-score after the library changed (not an edit of the design)."""
        self._set(self.design)

    # ------------------------------------------------------------------ files
    def replace(self, design: Design, path: Path | None, auto_named: bool | None = None) -> None:
        """Start afresh on ``design`` (New / Open / recovery): clears the history. ``auto_named``: the name
        follows the layers (default: only if it is the descriptive default already)."""
        self.validate(design)
        if auto_named is None:
            auto_named = design.name == auto_design_name(resolve(design, default_library()))
        self.auto_named = bool(auto_named)
        self.undo_stack.clear()
        self._set(design)
        self.path = Path(path) if path else None
        self.undo_stack.setClean()
        self.pathChanged.emit(str(self.path or ""))

    def open(self, path: str | Path) -> None:
        """Load a design file; on AnodeLabError the current design is untouched."""
        design = load_design(path, default_library())
        self.replace(design, Path(path))

    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically to ``path`` (or the current path) and mark the document clean."""
        target = Path(path) if path else self.path
        if target is None:
            raise AnodeLabError("no file name: use Save As")
        from .project_files import is_shipped

        if is_shipped(target):
            raise AnodeLabError("is a file shipped with AnodeLab and is never overwritten; use Save As", file=str(target))
        try:
            save_design(self.design, target)
        except OSError as exc:
            raise AnodeLabError(f"cannot write ({exc.strerror or exc})", file=str(target)) from None
        self.undo_stack.setClean()
        if self.path != target:
            self.path = target
            self.pathChanged.emit(str(target))
        return target
