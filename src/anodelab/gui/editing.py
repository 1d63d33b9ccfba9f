"""Shared pieces of the design editor: slot/class labels and colours, error messages, applying a material."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from ..design import Layer
from ..errors import AnodeLabError
from ..materials.library import default_library
from .document import DesignDocument
from .labels import article


MIME_MATERIAL = "application/x-anodelab-material"

CLASS_LABELS = {
    "host": "Host",
    "coating": "Coating",
    "liquid_electrolyte": "Liquid electrolyte",
    "solid_electrolyte": "Solid electrolyte",
    "interlayer": "Interlayer",
    "cathode": "Cathode",
}
CLASS_TO_SLOT = {
    "host": "host",
    "coating": "coating",
    "liquid_electrolyte": "electrolyte",
    "solid_electrolyte": "electrolyte",
    "interlayer": "interlayer",
    "cathode": "cathode",
}
SLOT_LABELS = {"host": "Host", "coating": "Coating", "electrolyte": "Electrolyte", "interlayer": "Interlayer",
               "cathode": "Cathode"}
SLOT_COLOURS = {
    "host": QColor("#b87333"),
    "coating": QColor("#6a9fd4"),
    "na": QColor("#c9ccd1"),
    "interlayer": QColor("#9c7bc4"),
    "electrolyte": QColor("#8fd19e"),
    "solid_electrolyte": QColor("#e0c36c"),
    # the full cell (anodelab.cell): drawn by gui/stack_view.py when the design has a cathode
    "cathode": QColor("#4d4d4d"),
    "positive_collector": QColor("#b8bcc2"),
    "electrolyte_excess": QColor("#cfe8d4"),
}


def show_error(parent: QWidget | None, title: str, exc: Exception | str) -> None:
    """The one way the GUI reports bad input: a message box naming the file / layer / field."""
    from .plain_text import rich_message

    QMessageBox.warning(parent, title, rich_message(str(exc)))


def apply_material(doc: DesignDocument, slot: str, material_id: str, parent: QWidget | None = None) -> bool:
    """Put a library material into ``slot`` as one undoable edit. Returns False (after a message) if invalid."""
    design = doc.design
    new = design.with_layer(slot, Layer(material_id))
    try:
        shown = default_library().get(material_id).name
    except AnodeLabError:
        shown = material_id
    label = f"{SLOT_LABELS[slot]} → {shown}"
    lib = default_library()
    try:
        mat = lib.get(material_id)
        if CLASS_TO_SLOT.get(mat.cls) != slot:
            raise AnodeLabError(
                f"'{mat.name}' is {article(CLASS_LABELS[mat.cls])} {CLASS_LABELS[mat.cls].lower()}; it belongs in the "
                f"{CLASS_TO_SLOT[mat.cls]} slot, not the {slot} slot",
                entry=f"layer '{slot}'",
            )
        if slot == "interlayer" and doc.resolved.layers["electrolyte"].cls != "solid_electrolyte":
            raise AnodeLabError(
                "an interlayer sits between Na and a solid electrolyte; choose a solid electrolyte first",
                entry="layer 'interlayer'",
            )
        if mat.cls == "liquid_electrolyte" and design.interlayer is not None:
            new = new.with_layer("interlayer", None)
            label += " (interlayer removed)"
        doc.apply(new, label)
    except AnodeLabError as exc:
        show_error(parent, "Cannot use this material", exc)
        return False
    return True
