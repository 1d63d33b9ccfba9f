"""Liquid-electrolyte transport that depends on concentration (issue 13, item 2).

``forms`` holds the equations (Casteel–Amis σ(c), ln-quadratic D(c), linear t₊(c)), ``parameterisations`` the
typed parameter sets with DOI, fit and validity, ``columns`` the hook that fills a batch's σ, D, t₊ columns
from a material's ``transport_model`` at its concentration. The temperature law is the scorer's Arrhenius factor.
"""

from .parameterisations import NO_MODEL, PARAMETERISATIONS, TransportParameterisation, concentration_problem

__all__ = ["NO_MODEL", "PARAMETERISATIONS", "TransportParameterisation", "concentration_problem"]
