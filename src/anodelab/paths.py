"""Where AnodeLab finds its installed resources and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The installed ``resources/`` folder (material library, literature tables, examples).

    Looked up in order: ``$ANODELAB_RESOURCES``; a PyInstaller bundle; ``anodelab/resources``
    inside an installed wheel; the repository's top-level ``resources/`` (editable installs).
    """
    env = os.environ.get("ANODELAB_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "resources").is_dir():
        return Path(bundle) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parents[1] / "resources"):
        if (candidate / "materials").is_dir():
            return candidate
    raise FileNotFoundError("AnodeLab resources folder not found; set ANODELAB_RESOURCES")


def user_data_dir() -> Path:
    """The user's data folder (user material library, autosave). ``$ANODELAB_USER_DIR`` overrides."""
    env = os.environ.get("ANODELAB_USER_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir as _udd

    return Path(_udd("AnodeLab", "AnodeLab"))


def user_library_dir() -> Path:
    """Folder of the user's own material files (same format as ``resources/materials``)."""
    return user_data_dir() / "materials"


def examples_dir() -> Path:
    return resources_dir() / "examples"
