#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core downloads no browser). Installs it when
# missing and we may (root with apt-get); otherwise says what to do. CHROMIUM_PATH overrides.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$bin" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium; once, about a minute)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "Chromium installed: $("$bin" --version)"
  exit 0
fi
echo "The browser tests need Chromium at $bin. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
