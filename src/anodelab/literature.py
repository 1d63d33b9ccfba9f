"""The records of Lu et al. 2022 (Energy Technol., doi:10.1002/ente.202200149), Tables 1-2, and the one
record → design builder used by the validation (:mod:`anodelab.validation`), the calibrations and the
simulated Table 1 rows.

Validation and calibration use the *installed* library only (:func:`installed_library`): a user
library entry overriding e.g. ``nzsp`` changes the user's own designs, never the published figures.
"""

from __future__ import annotations

import math

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol
from .design import Conditions, Design, Layer, resolve
from .errors import AnodeLabError
from .materials.library import Library, load_library
from .paths import resources_dir

TABLE_FILES = ("table1_liquid.toml", "table2_solid.toml")

#: Na inventory beyond the cycled capacity assumed for a record's electrodes where it is not known [mAh cm⁻²]
#: (every Table 2 record; Table 1 records with Na pre-plated into a host, :func:`record_na_excess_mAh_cm2`). An
#: assumption: neither Table 1 nor Table 2 reports how much Na the Na@host electrodes held. Electrochemically
#: pre-plated Na@host electrodes typically carry a few mAh cm⁻² beyond the cycled capacity; molten-infused
#: or rolled electrodes hold far more. 5 mAh cm⁻² is a round value of the pre-plated kind, the value with
#: which the README's figures were stated. It does not enter the overpotential, CE, ASR or CCD, so those
#: validation rows do not depend on it; it sets the inventory-exhaustion
#: time of the simulated symmetric cells, hence the simulated lifetime rows.
ASSUMED_NA_EXCESS_mAh_cm2 = 5.0

#: Where a Table 1 (liquid) record's working electrode gets its Na (``[record.electrode] na_inventory``):
#: see :func:`record_na_excess_mAh_cm2`.
NA_INVENTORY_KINDS = ("foil", "pore_volume", "pre_plated")

#: Charge of Na metal per volume, F / V_m = F ρ / M   [C m⁻³] (4.0625e9 C m⁻³ = 1128.5 mAh cm⁻³):
#: 500 µm of Na foil hold 0.05 cm × 0.968 g cm⁻³ / 22.99 g mol⁻¹ × 26801 mAh mol⁻¹ = 56.4 mAh cm⁻².
NA_CHARGE_PER_VOLUME_C_m3 = FARADAY_C_mol / NA_MOLAR_VOLUME_m3_mol

#: Number of cycles in the record designs (the score card's default; the simulated lifetime is the
#: failure onset ``predicted_lifetime_h``, which does not depend on it). The validation's lifetime-vs-risk row does
#: not use it either: it takes the risk within a time in hours (:func:`anodelab.validation.core.risk_within_h`),
#: since the records' cycles last 0.2-10 h.
RECORD_CYCLES = 100


@dataclass(frozen=True)
class Record:
    id: str
    table: int
    reference: int
    strategy: str
    layers: dict[str, str]
    temperature_C: float
    stack_pressure_MPa: float
    data: dict = field(default_factory=dict)
    notes: str = ""
    file: str = ""


@lru_cache(maxsize=1)
def installed_library() -> Library:
    """The installed materials library without the user's folder (loaded once per process)."""
    return load_library(include_user=False)


def load_records(folder: Path | None = None) -> list[Record]:
    """Read both literature tables. Raises AnodeLabError naming file and record on bad content."""
    folder = folder or resources_dir() / "literature"
    out = []
    for name in TABLE_FILES:
        path = folder / name
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise AnodeLabError(f"cannot read the literature table ({exc})", file=str(path)) from None
        for raw in data.get("record", []):
            rid = raw.get("id", "?")
            try:
                out.append(Record(
                    id=str(raw["id"]), table=int(raw["table"]), reference=int(raw["reference"]),
                    strategy=str(raw.get("strategy", "")),
                    layers={s: raw.get(s, "") for s in ("host", "coating", "electrolyte", "interlayer")},
                    temperature_C=float(raw.get("temperature_C", 25.0)),
                    stack_pressure_MPa=float(raw.get("stack_pressure_MPa", 0.0)),
                    data={k: v for k, v in raw.items() if isinstance(v, dict)},
                    notes=str(raw.get("notes", "")), file=str(path),
                ))
            except (KeyError, TypeError, ValueError) as exc:
                raise AnodeLabError(f"bad record ({exc})", file=str(path), entry=f"record '{rid}'") from None
    return out


def record_na_inventory_mAh_cm2(rec: Record, library: Library | None = None) -> float | None:
    """Na held by a Table 1 record's working electrode before cycling [mAh cm⁻²] (``[record.electrode]``), or
    None where the default applies (a Table 2 record, a record without that table, or ``pre_plated``
    without a stated amount).

    * ``foil``: a Na foil, Q_Na = t_foil F / V_m, t_foil = ``na_foil_thickness_um`` or the library's ``na-foil``
      ``thickness_um`` (500 µm ⇒ 56.4 mAh cm⁻²);
    * ``pore_volume``: Na filling the host (molten infusion, rolling, a Na-rich composite), Q_Na = t_host ε F / V_m
      with the host's library ``thickness_um`` and ``porosity`` (carbon felt 1000 µm × 0.9 ⇒ 101.6 mAh cm⁻²);
    * ``pre_plated``: Na electroplated into a host (Cu, Al, carbon), only what was plated: ``na_inventory_mAh_cm2``
      where the paper states it, else None.

    ``na_inventory_mAh_cm2`` given with any kind wins (a stated amount). Raises AnodeLabError naming the record.
    """
    el = rec.data.get("electrode", {}) if rec.table == 1 else {}
    if not el:
        return None
    where = dict(file=rec.file, entry=f"record '{rec.id}'")
    kind = el.get("na_inventory", "")
    if kind not in NA_INVENTORY_KINDS:
        raise AnodeLabError(f"na_inventory must be one of {NA_INVENTORY_KINDS}", field="electrode.na_inventory", **where)
    if "na_inventory_mAh_cm2" in el:
        return float(el["na_inventory_mAh_cm2"])
    if kind == "pre_plated":
        return None
    library = library or installed_library()
    um, mAh_cm2 = 1e-6, 3.6e4  # 1 mAh cm⁻² = 3.6e4 C m⁻²
    if kind == "foil":
        t_um = el.get("na_foil_thickness_um", library.get("na-foil").properties["thickness_um"].value)
        return float(t_um) * um * NA_CHARGE_PER_VOLUME_C_m3 / mAh_cm2
    host = library.get(rec.layers["host"]).properties
    return host["thickness_um"].value * um * host["porosity"].value * NA_CHARGE_PER_VOLUME_C_m3 / mAh_cm2


def record_na_excess_mAh_cm2(rec: Record, areal_capacity_mAh_cm2: float, library: Library | None = None) -> float:
    """Na excess beyond the cycled capacity of a record's design [mAh cm⁻²]: the electrode's inventory
    (:func:`record_na_inventory_mAh_cm2`) less the capacity Q cycled per half cycle, which comes out of it
    (≥ 0); :data:`ASSUMED_NA_EXCESS_mAh_cm2` where no inventory is known (pre-plated hosts, every Table 2 record).
    Example: 500 µm Na foil cycled at 1 mAh cm⁻² ⇒ 56.43 − 1 = 55.43 mAh cm⁻²."""
    inventory = record_na_inventory_mAh_cm2(rec, library)
    if inventory is None:
        return ASSUMED_NA_EXCESS_mAh_cm2
    return max(inventory - float(areal_capacity_mAh_cm2), 0.0)


def record_design(rec: Record, library: Library | None = None, **conditions) -> Design:
    """The record's materials at its temperature and stack pressure (with its separator's thickness where the record
    gives one, ``[record.separator] electrode_gap_um``), its Na excess
    (:func:`record_na_excess_mAh_cm2`: the electrode's Na for Table 1 records that state it, else
    :data:`ASSUMED_NA_EXCESS_mAh_cm2`) and :data:`RECORD_CYCLES`, with ``conditions`` (user units) on top;
    validated against ``library`` (default: :func:`installed_library`)."""
    library = library or installed_library()
    lay = {s: (Layer(m) if m else None) for s, m in rec.layers.items()}
    sep = rec.data.get("separator", {})
    if sep and lay["electrolyte"] is not None and "electrode_gap_um" in sep:
        # the record's own separator (``[record.separator]``: its thickness and where it is stated), a build input
        lay["electrolyte"] = Layer(lay["electrolyte"].material, overrides={"electrode_gap_um": sep["electrode_gap_um"]},
                                   sources={"electrode_gap_um": str(sep.get("source", ""))})
    cond = dict(temperature_C=rec.temperature_C, stack_pressure_MPa=rec.stack_pressure_MPa, cycles=RECORD_CYCLES)
    cond.update(conditions)
    if "na_excess_mAh_cm2" not in cond:
        q = cond.get("areal_capacity_mAh_cm2", Conditions().areal_capacity_mAh_cm2)
        cond["na_excess_mAh_cm2"] = record_na_excess_mAh_cm2(rec, q, library)
    d = Design(name=f"{rec.id} ({rec.strategy})", host=lay["host"], electrolyte=lay["electrolyte"],
               coating=lay["coating"], interlayer=lay["interlayer"], conditions=Conditions(**cond))
    resolve(d, library, file=f"{rec.file}: record '{rec.id}'")
    return d


def symmetric_conditions(rec: Record) -> dict:
    """Current density and capacity per half cycle of the record's Table 1 symmetric cell ({} if none)."""
    sym = rec.data.get("symmetric", {})
    if not sym:
        return {}
    return dict(current_density_mA_cm2=sym["current_density_mA_cm2"], areal_capacity_mAh_cm2=sym["areal_capacity_mAh_cm2"])


def table1_symmetric_lifetimes(records: list[Record] | None = None, library: Library | None = None
                               ) -> list[tuple[Record, Design]]:
    """The Table 1 records that report a symmetric-cell lifetime, each with its design
    (:func:`record_design` at :func:`symmetric_conditions`)."""
    records = load_records() if records is None else records
    return [(rec, record_design(rec, library, **symmetric_conditions(rec))) for rec in records
            if rec.table == 1 and "lifetime_h" in rec.data.get("symmetric", {})]


# --- solid-state model v2 (issue 12): measured Na | SSE data beyond Table 2 -------------------------------
SOLID_STATE_FILE = "solid_state.toml"
SOLID_ROLES = ("train", "input", "test")
SOLID_QUANTITIES = ("ccd_mA_cm2", "ccd_stripping_mA_cm2", "ccd_penetration_mA_cm2", "ccd_activation_eV", "asr_ratio",
                    "interfacial_asr_ohm_cm2")


@dataclass(frozen=True)
class SolidRecord:
    """One measurement of ``resources/literature/solid_state.toml`` (see the file's header for the fields)."""

    id: str
    doi: str
    citation: str
    quantity: str
    value: float
    role: str
    layers: dict[str, str]
    temperature_C: float
    stack_pressure_MPa: float
    t_low_C: float = float("nan")
    t_high_C: float = float("nan")
    notes: str = ""
    file: str = ""
    flag: str = ""  # a known reason why the model misses this record (shown by `anodelab validate`)
    stack_pressure_stated: bool = True  # False: the paper's pressure is not known here (stack_pressure_MPa assumed)
    #: stripped (plated) capacity per half cycle of the measurement [mAh cm⁻²]; NaN: not given (the design default)
    areal_capacity_mAh_cm2: float = float("nan")
    #: "equal" (the measured value), "at_least" (a lower bound: the cell sustained it) or "at_most" (an upper bound:
    #: the cell already failed there); bounds are for test records only (a fit needs values)
    comparison: str = "equal"


SOLID_COMPARISONS = ("equal", "at_least", "at_most")


def load_solid_state_records(path: Path | None = None) -> list[SolidRecord]:
    """Read the solid-state records; AnodeLabError naming file, record and field on bad content."""
    path = path or resources_dir() / "literature" / SOLID_STATE_FILE
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the solid-state literature records ({exc})", file=str(path)) from None
    out = []
    for raw in data.get("record", []):
        rid = raw.get("id", "?")
        where = dict(file=str(path), entry=f"record '{rid}'")
        try:
            rec = SolidRecord(
                id=str(raw["id"]), doi=str(raw["doi"]), citation=str(raw.get("citation", "")),
                quantity=str(raw["quantity"]), value=float(raw["value"]), role=str(raw["role"]),
                layers={s: raw.get(s, "") for s in ("host", "coating", "electrolyte", "interlayer")},
                temperature_C=float(raw.get("temperature_C", 25.0)),
                stack_pressure_MPa=float(raw.get("stack_pressure_MPa", 0.0)),
                t_low_C=float(raw.get("t_low_C", float("nan"))), t_high_C=float(raw.get("t_high_C", float("nan"))),
                notes=str(raw.get("notes", "")), file=str(path), flag=str(raw.get("flag", "")),
                stack_pressure_stated=bool(raw.get("stack_pressure_stated", True)),
                areal_capacity_mAh_cm2=float(raw.get("areal_capacity_mAh_cm2", float("nan"))),
                comparison=str(raw.get("comparison", "equal")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AnodeLabError(f"bad record ({exc})", **where) from None
        if rec.role not in SOLID_ROLES:
            raise AnodeLabError(f"role must be one of {SOLID_ROLES}", field="role", **where)
        if rec.quantity not in SOLID_QUANTITIES:
            raise AnodeLabError(f"quantity must be one of {SOLID_QUANTITIES}", field="quantity", **where)
        if not rec.doi:
            raise AnodeLabError("every record needs its DOI", field="doi", **where)
        if rec.comparison not in SOLID_COMPARISONS:
            raise AnodeLabError(f"comparison must be one of {SOLID_COMPARISONS}", field="comparison", **where)
        if rec.comparison != "equal" and rec.role != "test":
            raise AnodeLabError("a bound (at_least / at_most) can only be a test record", field="comparison", **where)
        out.append(rec)
    return out


def load_solid_state_flags(path: Path | None = None) -> dict[str, str]:
    """``[flags]`` of solid_state.toml: record id (of Table 2) → a known reason why the model misses it."""
    path = path or resources_dir() / "literature" / SOLID_STATE_FILE
    try:
        with open(path, "rb") as fh:
            flags = tomllib.load(fh).get("flags", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the solid-state literature records ({exc})", file=str(path)) from None
    if not isinstance(flags, dict) or not all(isinstance(v, str) for v in flags.values()):
        raise AnodeLabError("[flags] must map record ids to reason strings", file=str(path), field="flags")
    return dict(flags)


def solid_record_design(rec: SolidRecord, library: Library | None = None, *, without_interlayer: bool = False,
                        **conditions) -> Design:
    """The solid record's materials at its temperature and stack pressure (plus ``conditions``, user units)."""
    library = library or installed_library()
    lay = {s: (Layer(m) if m else None) for s, m in rec.layers.items()}
    if without_interlayer:
        lay["interlayer"] = None
    cond = dict(temperature_C=rec.temperature_C, stack_pressure_MPa=rec.stack_pressure_MPa,
                na_excess_mAh_cm2=ASSUMED_NA_EXCESS_mAh_cm2, cycles=RECORD_CYCLES,
                current_density_mA_cm2=0.1, areal_capacity_mAh_cm2=0.1)
    if math.isfinite(rec.areal_capacity_mAh_cm2):  # the measurement's capacity per half cycle (CCD falls with it)
        cond["areal_capacity_mAh_cm2"] = rec.areal_capacity_mAh_cm2
    cond.update(conditions)
    d = Design(name=f"{rec.id} ({rec.citation})", host=lay["host"], electrolyte=lay["electrolyte"],
               coating=lay["coating"], interlayer=lay["interlayer"], conditions=Conditions(**cond))
    resolve(d, library, file=f"{rec.file}: record '{rec.id}'")
    return d
