#!/usr/bin/env bash
# Set up (first run) and start AnodeLab on the bundled example design (or on the file you give).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-app: no display found; starting offscreen (set DISPLAY to see the window)" >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec .venv/bin/anodelab-gui "${@:-resources/examples/na_cunw_diglyme.toml}"
