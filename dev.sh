#!/usr/bin/env bash
# One entry point for a fresh Debian machine (run as root or with sudo):
#   ./dev.sh build   install what is missing, then build the sites into site/
#   ./dev.sh test    install what is missing, then run the whole test suite
#   ./dev.sh hooks   make git check the guide before each commit (installs nothing)
# Both are idempotent: a second run installs nothing and only builds or tests.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages. Build: Python's venv; Pango and HarfBuzz for WeasyPrint;
# the Noto fonts that cover every script of the guide (embedded in the PDFs);
# Ghostscript for the opt-in CMYK PDFs. Tests: Chromium (driven by
# Playwright), poppler-utils (pdffonts, pdftotext, pdftoppm), zbar-tools
# (zbarimg reads the QR codes back), nginx with Debian's brotli_static module
# (tests/serving start deploy/nginx.conf on a free port themselves; on a
# machine with systemd, apt also starts Debian's nginx service on port 80:
# `systemctl disable --now nginx` if unwanted) and curl.
BUILD_PACKAGES=(python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
                fonts-noto-core fonts-noto-cjk ghostscript)
TEST_PACKAGES=(chromium poppler-utils zbar-tools qpdf nginx libnginx-mod-http-brotli-static curl)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_python() {
  # A venv in .venv/ with the exact versions of requirements.lock; reinstalled
  # only when the lock file or pyproject.toml changed.
  local stamp
  stamp=$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ "$(cat .venv/.guidebook-stamp 2>/dev/null)" != "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.lock
    .venv/bin/python -m pip install --quiet --no-deps -e .
    echo "$stamp" > .venv/.guidebook-stamp
  fi
}

install_node() {
  # The browser libraries the site vendors (package.json / package-lock.json:
  # qrcode-generator for the forms' QR codes), into node_modules/; the build
  # copies them into the site with their licence and downloads nothing.
  if ! command -v npm >/dev/null; then
    install_debian nodejs npm
  fi
  local stamp
  stamp=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
  if [ "$(cat node_modules/.guidebook-stamp 2>/dev/null)" != "$stamp" ]; then
    npm ci --ignore-scripts --no-audit --no-fund --omit=dev --loglevel=error
    echo "$stamp" > node_modules/.guidebook-stamp
  fi
}

case "${1:-}" in
  build)
    shift
    install_debian "${BUILD_PACKAGES[@]}"
    install_python
    install_node
    exec .venv/bin/guidebook build "$@"
    ;;
  test)
    shift
    install_debian "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_python
    install_node
    exec .venv/bin/python -m pytest "$@"
    ;;
  hooks)
    # A plain git hook (no pre-commit framework to install, which a stock
    # Debian's pip refuses): a commit that changes the data, the pages, the
    # catalogs or mkdocs.yml runs `guidebook check` first and stops on errors.
    hook="$(git rev-parse --git-path hooks)/pre-commit"
    mkdir -p "$(dirname "$hook")"
    cat > "$hook" <<'HOOK'
#!/bin/sh
# Written by ./dev.sh hooks: check the guide before a commit that changes its inputs.
git diff --cached --quiet -- data content translations mkdocs.yml && exit 0
if [ ! -x .venv/bin/guidebook ]; then
  echo "Run ./dev.sh build once first (it makes .venv/). 먼저 ./dev.sh build를 한 번 실행하세요." >&2
  exit 1
fi
.venv/bin/guidebook check && exit 0
echo "The commit was stopped: fix the problems above, then commit again." >&2
echo "커밋을 멈췄습니다. 위의 문제를 고친 뒤 다시 커밋하세요." >&2
exit 1
HOOK
    chmod +x "$hook"
    echo "git now runs guidebook check before each commit of data/, content/, translations/ or mkdocs.yml."
    echo "이제 커밋할 때마다 guidebook check가 먼저 실행됩니다."
    ;;
  *)
    echo "usage: ./dev.sh build | test [pytest arguments] | hooks" >&2
    exit 2
    ;;
esac
