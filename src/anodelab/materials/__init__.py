"""Materials library: loading, schema validation and provenance."""

from .library import Library, Material, Property, default_library, load_file, load_library
from .schema import CLASSES, PROPERTIES, REQUIRED, SLOT_CLASSES

__all__ = [
    "CLASSES",
    "PROPERTIES",
    "REQUIRED",
    "SLOT_CLASSES",
    "Library",
    "Material",
    "Property",
    "default_library",
    "load_file",
    "load_library",
]
