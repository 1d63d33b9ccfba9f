"""Liquid-electrolyte transport that depends on concentration (issue 13, item 2).

``forms`` holds the equations (Casteel–Amis σ(c), ln-quadratic D(c), linear t₊(c)), ``parameterisations`` the
typed parameter sets with DOI, fit and validity, ``resolve`` the hook by which a design's resolved electrolyte
takes σ, D, t₊ from its ``transport_model`` at its concentration. The temperature law is the scorer's Arrhenius factor.
"""

from .parameterisations import NO_MODEL, PARAMETERISATIONS, TransportParameterisation, concentration_problem

__all__ = ["NO_MODEL", "PARAMETERISATIONS", "TransportParameterisation", "concentration_problem"]
