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

# PDF fonts in the four 公文 styles (宋/仿宋/楷/黑): the Fandol fonts (GPL with font
# exception) from Debian's texlive-lang-chinese. Only the five .otf files are taken (about
# 29 MB; installing the package would pull in TeX Live). docs/documents.md says why.
fandol_dir=/usr/local/share/fonts/fandol
[ "$(id -u)" = 0 ] || fandol_dir="$HOME/.local/share/fonts/fandol"
if [ ! -f "$fandol_dir/FandolFang-Regular.otf" ] && command -v apt-get >/dev/null; then
  tmp=$(mktemp -d)
  chmod 777 "$tmp"  # apt's download sandbox user must be able to write here
  if (cd "$tmp" && { apt-get download -qq texlive-lang-chinese >/dev/null 2>&1 || {
        [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1; }; }); then
    dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
    mkdir -p "$fandol_dir"
    src="$tmp/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
    for f in FandolSong-Regular FandolSong-Bold FandolFang-Regular FandolKai-Regular FandolHei-Regular; do
      cp "$src/$f.otf" "$fandol_dir/"
    done
  else
    echo "jixiao: could not download the Fandol fonts; PDFs will use Noto CJK only" >&2
  fi
  rm -rf "$tmp"
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
