"""A view that follows the open design and redraws only while it is visible.

Every edit of the document (``doc.changed``) marks the view dirty; a visible view redraws at once, a hidden one
when it is next shown, so that an edit never pays for tabs nobody looks at. The view provides
``set_design(design)``; it calls :meth:`follow_design` once at the end of its ``__init__``.
"""

from __future__ import annotations


class FollowsDesign:
    """Mixin for a QWidget with ``set_design(design)``: follow ``parent.doc`` or show one given design."""

    _design = None
    _dirty = False

    def follow_design(self, parent, design=None) -> None:
        """Connect to ``parent.doc.changed`` when the parent has a document, else draw ``design`` (if any)."""
        self.doc = getattr(parent, "doc", None)
        if self.doc is not None:
            self.doc.changed.connect(self._changed)
            self._changed(self.doc.design)
        elif design is not None:
            self.set_design(design)

    def _changed(self, design) -> None:
        self._design, self._dirty = design, True
        if self.isVisible():
            self.set_design(design)

    def result_for(self, design):
        """The score of ``design``: the document's own result when it is the open design (scored once per edit
        by :class:`DesignDocument`), else a fresh ``score(design)`` (a view showing a design of its own)."""
        doc = self.doc if hasattr(self, "doc") else None
        if doc is not None and doc.design is design:
            return doc.result
        from ..scoring import score

        return score(design)

    def showEvent(self, event) -> None:  # redraw what changed while hidden
        super().showEvent(event)
        if self._dirty and self._design is not None:
            self.set_design(self._design)
