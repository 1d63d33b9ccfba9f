"""Fast checks of the packaging files (the slow build test exercises them for real)."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import anodelab

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def test_desktop_entry_has_the_keys_menus_need():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "anodelab.desktop", encoding="utf-8")
    de = entry["Desktop Entry"]
    assert de["Type"] == "Application"
    assert de["Name"] == "AnodeLab"
    assert de["Exec"].split()[0] == "anodelab" and de["Exec"].endswith("%f")
    assert de["Icon"] == "anodelab"
    assert de["Terminal"] == "false"
    assert de["Categories"].endswith(";") and "Science" in de["Categories"].split(";")


def test_icon_is_an_svg():
    icon = REPO / "resources" / "icons" / "anodelab.svg"
    icon = icon if icon.exists() else PACKAGING / "anodelab.svg"
    text = icon.read_text(encoding="utf-8")
    assert "<svg" in text and "viewBox" in text


def test_scripts_parse():
    for script in ("build.sh", "install-desktop-entry.sh"):
        subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


def test_version_is_written_once():
    """build.sh and the spec read anodelab.__version__; no other file spells the version out."""
    version = anodelab.__version__
    for path in [*PACKAGING.iterdir(), REPO / "pyproject.toml"]:
        if path.is_file() and path.suffix in {".sh", ".spec", ".py", ".desktop", ".toml"}:
            assert version not in path.read_text(encoding="utf-8"), f"{path.name} hard-codes {version}"
    assert "anodelab.__version__" in (PACKAGING / "build.sh").read_text()
    assert "from anodelab import __version__" in (PACKAGING / "anodelab.spec").read_text()


def test_spec_ships_the_whole_resources_folder():
    spec = (PACKAGING / "anodelab.spec").read_text()
    assert 'datas=[(str(REPO / "resources"), "resources")]' in spec
    assert 'collect_submodules("anodelab")' in spec
