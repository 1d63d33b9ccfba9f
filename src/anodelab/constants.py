"""Physical constants, once, in SI units.

Every constant states its value, unit and source. Model parameters that are
estimates or calibrations do not live here: they are in
``resources/model/parameters.toml`` with their provenance (see
:mod:`anodelab.physics.parameters`).
"""

from __future__ import annotations

import math

#: Faraday constant, C mol⁻¹ (CODATA 2018, exact).
FARADAY_C_mol = 96485.33212
#: Molar gas constant, J mol⁻¹ K⁻¹ (CODATA 2018, exact).
GAS_CONSTANT_J_mol_K = 8.314462618
#: Boltzmann constant, eV K⁻¹ (CODATA 2018, exact).
BOLTZMANN_eV_K = 8.617333262e-5
#: Elementary charge, C (CODATA 2018, exact).
ELEMENTARY_CHARGE_C = 1.602176634e-19
#: Avogadro constant, mol⁻¹ (CODATA 2018, exact).
AVOGADRO_mol = 6.02214076e23
#: Zero of the Celsius scale, K.
ZERO_CELSIUS_K = 273.15

#: Molar mass of Na, kg mol⁻¹ (IUPAC standard atomic weight 22.98976928).
NA_MOLAR_MASS_kg_mol = 22.98976928e-3
#: Density of solid Na at 20 °C, kg m⁻³ (CRC Handbook of Chemistry and Physics: 0.968 g cm⁻³).
NA_DENSITY_kg_m3 = 968.0
#: Molar volume of Na, m³ mol⁻¹ (V_m of Eqs. 2-3 of Lu et al. 2022) = M / ρ ≈ 2.375e-5.
NA_MOLAR_VOLUME_m3_mol = NA_MOLAR_MASS_kg_mol / NA_DENSITY_kg_m3
#: Molar concentration of Na atoms in the metal, mol m⁻³ (= ρ / M ≈ 4.21e4).
NA_ATOM_CONCENTRATION_mol_m3 = NA_DENSITY_kg_m3 / NA_MOLAR_MASS_kg_mol
#: Theoretical specific capacity of Na metal, C kg⁻¹ (F / M; 1166 mAh g⁻¹ as in Lu et al. 2022).
NA_SPECIFIC_CAPACITY_C_kg = FARADAY_C_mol / NA_MOLAR_MASS_kg_mol
#: Melting point of Na, K (97.8 °C; CRC Handbook).
NA_MELTING_POINT_K = 370.94
#: Shear modulus of bulk Na, Pa (3.3 GPa, as quoted by Lu et al. 2022 from Monroe & Newman,
#: J. Electrochem. Soc. 2005, 152, A396, ref [108]).
NA_SHEAR_MODULUS_Pa = 3.3e9
#: Monroe–Newman criterion: the electrolyte's shear modulus should be at least this multiple
#: of the metal's (Lu et al. 2022, section 3.2.2, refs [108], [109]).
MONROE_NEWMAN_CRITICAL_RATIO = 2.0
#: Vickers indentation constant k of Eq. 13 (Anstis et al., J. Am. Ceram. Soc. 1981, 64, 533, ref [112]).
VICKERS_K = 0.016
#: Geometry factor of a surface flaw (edge crack) in K = Y σ √(π c); Y = 1.12 (Tada, Paris & Irwin,
#: The Stress Analysis of Cracks Handbook).
EDGE_CRACK_GEOMETRY_FACTOR = 1.12

#: One electronvolt in joules.
EV_J = ELEMENTARY_CHARGE_C
PI = math.pi
