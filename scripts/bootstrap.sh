#!/usr/bin/env bash
# Set up everything jixiao needs on a fresh Debian machine; safe to run twice.
#   scripts/bootstrap.sh          Python venv + run-time system packages
#   scripts/bootstrap.sh --test   also the test-only system packages (PostgreSQL, chromium)
# System packages are installed only when running as root; otherwise we say what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Debian packages: CJK fonts for PDFs and charts, poppler-utils for pdffonts/pdftoppm.
pkgs=(python3-venv fonts-noto-cjk poppler-utils)
if [ "$want_test" = 1 ]; then
  pkgs+=(postgresql chromium)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "jixiao: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "jixiao: please install these Debian packages (as root): apt-get install ${missing[*]}" >&2
    echo "jixiao: 请以 root 身份安装以下软件包：apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

# Python virtual environment; reinstall only when pyproject.toml changed.
PY=${PYTHON:-python3}
# A half-made venv (ensurepip failed on an earlier run) has python but no pip: remake it.
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
  "$PY" -m venv .venv
fi
extras="."
[ "$want_test" = 1 ] && extras=".[dev]"
stamp=".venv/.jixiao-installed-$(sha256sum pyproject.toml | cut -c1-16)-$want_test"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e "$extras"
  rm -f .venv/.jixiao-installed-*
  touch "$stamp"
fi
