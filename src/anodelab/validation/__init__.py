"""Literature validation: predictions vs the records of Lu et al. 2022 Tables 1-2, and the CCD calibration.

>>> from anodelab.validation import validate, calibrate
>>> report = validate()          # per-quantity n, Spearman ρ, median fold error + scatter points
>>> cal = calibrate()            # fit of the two CCD parameters with leave-one-out errors
"""

from .calibration import PARAMS as CALIBRATED_PARAMETERS
from .calibration import calibrate, load_calibration_report, write_calibration
from .core import QUANTITIES, Point, QuantityStats, ValidationReport, median_fold_error, spearman, validate
from .records import Comparison, Record, comparisons, load_records, record_design

__all__ = [
    "CALIBRATED_PARAMETERS", "calibrate", "load_calibration_report", "write_calibration", "QUANTITIES", "Point",
    "QuantityStats", "ValidationReport", "median_fold_error", "spearman", "validate", "Comparison", "Record",
    "comparisons", "load_records", "record_design",
]
