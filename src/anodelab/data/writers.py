"""Write measurements as EC-Lab text exports (``.mpt``): for synthetic files, round-trip tests and benchmarks.

The header is the minimal one EC-Lab writes (``EC-Lab ASCII FILE``, ``Nb header lines``, the technique,
``Electrode surface area``), the columns those :mod:`anodelab.data.mpt` reads, tab-separated, Latin-1.
``decimal=","`` writes the decimal commas of a French/German Windows locale.
"""

from __future__ import annotations

import io

import numpy as np

from .model import CyclingMeasurement, ImpedanceMeasurement


def mpt_text(m, decimal: str = ".") -> str:
    """The ``.mpt`` text of a Cycling- or ImpedanceMeasurement."""
    if isinstance(m, ImpedanceMeasurement):
        technique = "Potentio Electrochemical Impedance Spectroscopy"
        cols = ["freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm", "|Z|/Ohm", "cycle number"]
        data = np.column_stack([m.frequency_Hz, m.impedance_ohm.real, -m.impedance_ohm.imag, np.abs(m.impedance_ohm),
                                np.ones(len(m))])
    elif isinstance(m, CyclingMeasurement):
        technique = "Galvanostatic Cycling with Potential Limitation"
        cols = ["mode", "time/s", "Ewe/V", "I/mA", "cycle number", "Ns"]
        data = np.column_stack([np.ones(len(m)), m.time_s, m.voltage_V, m.current_A * 1e3, m.cycle, m.step])
    else:
        raise TypeError("not a measurement")
    header = ["EC-Lab ASCII FILE", "Nb header lines : {n}", "", technique, ""]
    if m.area_cm2 is not None:
        header.append(f"Electrode surface area : {m.area_cm2:.6g} cm²".replace(".", decimal))
    if m.temperature_C is not None:
        header.append(f"Temperature : {m.temperature_C:g} °C")
    header.append("")
    n = len(header) + 1
    header[1] = header[1].format(n=n)
    buf = io.StringIO()
    buf.write("\n".join(header) + "\n")
    buf.write("\t".join(cols) + "\t\n")
    fmt = "\t".join(["%.10E"] * data.shape[1])
    body = io.StringIO()
    np.savetxt(body, data, fmt=fmt, delimiter="\t", newline="\n")
    text = body.getvalue()
    if decimal == ",":
        text = text.replace(".", ",")
    buf.write(text)
    return buf.getvalue()


def write_mpt(m, path, decimal: str = ".") -> None:
    """Write ``m`` as an EC-Lab ``.mpt`` (Latin-1, as EC-Lab on Windows)."""
    with open(path, "w", encoding="latin-1", newline="") as fh:
        fh.write(mpt_text(m, decimal))
