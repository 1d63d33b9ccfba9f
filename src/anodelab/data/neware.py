"""Neware BTS files (``.nda`` old binary, ``.ndax`` zipped) through NewareNDA (BSD-3-Clause).

NewareNDA returns one row per record with ``Time`` (s), ``Voltage`` (V),
``Current(mA)`` (mA; negative in discharge steps), ``Charge_Capacity(mAh)``, ``Discharge_Capacity(mAh)``,
``Cycle``, ``Step``, ``Status`` (``CC_Chg``, ``CC_DChg``, ``Rest`` …), ``Timestamp`` and auxiliary
temperatures ``T1``, ``T2`` … (°C). ``Time`` is the test time when it never decreases (BTS 8/9 files);
else the timestamps (seconds since the first record) are used when they increase, else the running sum
of the step times (files whose ``Time`` restarts in each step).
"""

from __future__ import annotations

import logging
import warnings
import zipfile

import numpy as np

from ..errors import AnodeLabError
from .model import checked_cycling


def _read_frame(path: str):
    try:
        import NewareNDA
    except ImportError:  # pragma: no cover - a core dependency
        raise AnodeLabError("reading Neware files needs the NewareNDA package (pip install NewareNDA)",
                            file=path) from None
    log = logging.getLogger("newarenda")
    level = log.level
    try:
        with warnings.catch_warnings():
            # NewareNDA 2026.6 calls pandas' deprecated inplace= keywords (Pandas4Warning); harmless for us
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)
            try:
                from pandas.errors import Pandas4Warning

                warnings.simplefilter("ignore", Pandas4Warning)
            except ImportError:  # older pandas
                pass
            df = NewareNDA.read(path, log_level="CRITICAL")
            try:
                meta = NewareNDA.read_metadata(path)
            except Exception:  # metadata is optional; the data already read
                meta = {}
    except zipfile.BadZipFile:
        raise AnodeLabError("not a complete .ndax file (the zip container is damaged or truncated)", file=path) from None
    except (ValueError, KeyError, IndexError, TypeError, OSError, EOFError, NotImplementedError, AttributeError) as exc:
        msg = str(exc).replace(path, "").strip(" :") or type(exc).__name__
        if "empty file" in msg:
            msg = "the file is empty"
        elif "seek out of range" in msg or "out of range" in msg:
            msg = "the file ends inside its header (truncated)"
        raise AnodeLabError(f"cannot read as a Neware file: {msg}", file=path) from None
    finally:
        log.setLevel(level)
    return df, meta


def _plain(meta, depth=0):
    """Metadata to JSON-ready plain values (nested dicts kept, two levels deep)."""
    if isinstance(meta, dict) and depth < 3:
        return {str(k): _plain(v, depth + 1) for k, v in meta.items()}
    if isinstance(meta, (int, float, str, bool)) or meta is None:
        return meta
    return str(meta)


def read_neware(path: str, sha: str, raw: bytes):
    """Read a Neware ``.nda``/``.ndax`` file into a :class:`CyclingMeasurement` (SI units)."""
    if not raw:
        raise AnodeLabError("the file is empty", file=path)
    df, meta = _read_frame(path)
    needed = ("Time", "Voltage", "Current(mA)", "Cycle", "Step")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise AnodeLabError(f"Neware data without column(s) {missing}", file=path)
    if len(df) < 2:
        raise AnodeLabError(f"holds {len(df)} record(s); nothing to show (truncated or empty test?)", file=path)
    step = df["Step"].to_numpy(dtype=np.int64)
    t_step = df["Time"].to_numpy(dtype=float)
    t = None
    if np.all(np.diff(t_step) >= 0):  # BTS 8/9 files: 'Time' is already the test time
        t = t_step
    elif "Timestamp" in df.columns and not df["Timestamp"].isna().any():
        ts = df["Timestamp"]
        sec = (ts - ts.iloc[0]).dt.total_seconds().to_numpy(dtype=float)
        if np.all(np.diff(sec) >= 0):
            t = sec
    if t is None:  # 'Time' restarts in each step: add each step's last time to the following steps
        new_step = np.flatnonzero(np.diff(step) != 0) + 1
        offsets = np.zeros(t_step.size)
        offsets[new_step] = t_step[new_step - 1]
        t = t_step + np.cumsum(offsets)
    cap = None
    if "Charge_Capacity(mAh)" in df.columns and "Discharge_Capacity(mAh)" in df.columns:
        cap = (df["Charge_Capacity(mAh)"].to_numpy(float) - df["Discharge_Capacity(mAh)"].to_numpy(float)) * 1e-3
    temps = [c for c in df.columns if str(c).startswith("T") and str(c)[1:].isdigit()]
    temperature = None
    if temps:
        tv = df[temps[0]].to_numpy(dtype=float)
        tv = tv[np.isfinite(tv) & (tv > -100)]
        temperature = float(np.mean(tv)) if tv.size else None
    labels = {}
    if "Status" in df.columns:
        first = np.unique(step, return_index=True)[1]
        status = df["Status"].astype(str).to_numpy()
        labels = {int(step[i]): str(status[i]) for i in first}
    meta = _plain(meta)
    meta["current_sign"] = "Neware: positive = charge step, negative = discharge step"
    meta["columns"] = [str(c) for c in df.columns]
    return checked_cycling(
        path, "Neware " + ("ndax" if path.lower().endswith(".ndax") else "nda"), sha,
        time_s=t, current_A=df["Current(mA)"].to_numpy(dtype=float) * 1e-3, voltage_V=df["Voltage"].to_numpy(dtype=float),
        cycle=df["Cycle"].to_numpy(), step=step, capacity_Ah=cap, temperature_C=temperature, step_label=labels,
        metadata=meta)
