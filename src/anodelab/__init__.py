"""AnodeLab: design and screen sodium-metal anodes.

Python API::

    import anodelab
    design = anodelab.load_design("resources/examples/na_cunw_diglyme.toml")
    result = anodelab.score(design)          # or a list of designs, or a DesignBatch
    result.record(0)["sand_time_s"]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .batch import DesignBatch, batch_from_designs
from .design import Conditions, Design, Layer, load_design, save_design
from .errors import AnodeLabError
from .scoring import ScoreResult, score

__all__ = [
    "AnodeLabError",
    "Conditions",
    "Design",
    "DesignBatch",
    "Layer",
    "ScoreResult",
    "__version__",
    "batch_from_designs",
    "load_design",
    "save_design",
    "score",
]
