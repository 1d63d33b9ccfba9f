#!/usr/bin/env bash
# Set up (first run) and run the whole test suite. Extra arguments go to pytest.
# Exits non-zero when a test fails or when no test ran (pytest's exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
