#!/usr/bin/env bash
# Set up everything AnodeLab needs on a fresh Linux machine, idempotently:
#   1. the system libraries Qt needs (Debian/Ubuntu; installed with apt-get when run as root,
#      otherwise printed for you to install),
#   2. a virtual environment in .venv with AnodeLab and its GUI and test dependencies.
# Used by scripts/run-app.sh and scripts/run-tests.sh; safe to run again (it skips what is done).
set -euo pipefail
cd "$(dirname "$0")/.."

# Offscreen Qt with readable text needs these; a real display (xcb) needs the second list too.
QT_LIBS="libglib2.0-0 libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libx11-6 fonts-dejavu-core"
XCB_LIBS="libwayland-cursor0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
TOOLS="poppler-utils"   # pdftotext/pdfimages, used by the report tests

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in $QT_LIBS $XCB_LIBS $TOOLS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
      echo "bootstrap: installing system libraries: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "bootstrap: these system libraries are missing; install them with:" >&2
      echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    fi
  fi
else
  echo "bootstrap: not a Debian-like system; make sure OpenGL/EGL, fontconfig, xkbcommon and dbus libraries are installed" >&2
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "bootstrap: AnodeLab needs Python >= 3.11 ($PY is $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.anodelab-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: installing AnodeLab and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[gui,test,package]"
  echo "$want" > "$stamp"
fi
