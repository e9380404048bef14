#!/usr/bin/env bash
# The README's test command: set up everything on a fresh machine, start PostgreSQL,
# run every test. Safe to run twice. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
export PLAYWRIGHT_CHROMIUM_EXECUTABLE="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
exec .venv/bin/python -m pytest -n 2 "$@"
