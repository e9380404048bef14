#!/usr/bin/env bash
# The README's run command: set up everything on a fresh machine (safe to run twice),
# score and check the Baoshan example, then serve the web application with demo data
# on http://127.0.0.1:8000/ (embedded SQLite under var/). Extra arguments go to serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
# Exit code 1 only means the example has findings; show them and go on.
.venv/bin/jixiao score examples/baoshan-2022-rent-property.yaml || [ $? -eq 1 ]
exec .venv/bin/jixiao serve --demo "$@"
