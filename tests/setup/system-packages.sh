#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing, so `npm test` works
# on a fresh machine (it runs as npm's `pretest`): Chromium for the browser tests (never
# a downloaded browser), CJK fonts for it, ffmpeg and sox to measure audio, espeak-ng
# for the speech benchmark's baseline, curl for the kiosk launcher, PostgreSQL for the
# PostgreSQL backend's tests (they start a throwaway cluster of their own; no server needs
# to run), xmllint (libxml2-utils) to validate CAP documents against the OASIS schema.
# The app itself needs none of them.
set -euo pipefail

PACKAGES=(ca-certificates chromium fonts-noto-cjk ffmpeg sox libsox-fmt-mp3 espeak-ng curl postgresql libxml2-utils)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing the Debian packages the tests use: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
