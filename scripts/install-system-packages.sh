#!/usr/bin/env bash
# Install the Debian packages the app (Pango for WeasyPrint, fonts for the PDF) or the tests
# (Chromium; nginx for the scale-out test) need.
# Usage: scripts/install-system-packages.sh run|test
# Idempotent: installs only what is missing. Needs root (or sudo) when something is missing.
set -euo pipefail

RUN_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-wqy-microhei fonts-noto-core
              fonts-symbola fonts-noto-color-emoji)
TEST_PACKAGES=(chromium nginx)

wanted=("${RUN_PACKAGES[@]}")
if [ "${1:-run}" = "test" ]; then
  wanted+=("${TEST_PACKAGES[@]}")
fi

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Not root: please run 'apt-get install -y ${missing[*]}' as root." >&2
    exit 0
  fi
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
