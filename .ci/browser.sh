#!/usr/bin/env bash
# What the browser tests need from Debian: Chromium (driven by Playwright through its
# executable path; Playwright never downloads a browser here) and the Noto CJK fonts, so
# that Chinese labels render as glyphs, not empty boxes.
#
#   .ci/browser.sh   install chromium and fonts-noto-cjk with apt-get when absent
#
# Idempotent and quiet when everything is there; needs root only to install.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk)

log() { echo "browser.sh: $*" >&2; }

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    log "missing ${missing[*]} and installing needs root"
    exit 1
fi
log "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
install=(apt-get install -y -q --no-install-recommends
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}")
if ! "${install[@]}" >&2; then
    apt-get update -q >&2
    "${install[@]}" >&2
fi
