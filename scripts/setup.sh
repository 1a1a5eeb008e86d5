#!/usr/bin/env bash
# Installs what the product and its tests need outside NuGet. Idempotent: a second run
# only checks. Called by scripts/start.sh and scripts/test.sh; safe to run by hand.
set -euo pipefail

packages=(chromium poppler-utils fonts-liberation2 fonts-croscore curl jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
