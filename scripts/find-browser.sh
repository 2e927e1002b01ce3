#!/usr/bin/env bash
# Finds the Chrome or Chromium a CI runner already has and exports it as CHROME_PATH (through
# $GITHUB_ENV) for the browser tests: $CHROME_PATH if it is set, else google-chrome (GitHub's Ubuntu
# images ship it), google-chrome-stable or chromium on PATH. Only when none exists does it
# install Debian's `chromium` package (Ubuntu's chromium-browser is a snap wrapper: never used).
set -euo pipefail

found=""
for candidate in "${CHROME_PATH:-}" "$(command -v google-chrome || true)" "$(command -v google-chrome-stable || true)" \
  "$(command -v chromium || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    found="$candidate"
    break
  fi
done

if [ -z "$found" ]; then
  echo "No Chrome or Chromium found; installing Debian's chromium package."
  sudo apt-get update -qq
  sudo apt-get install -y -qq chromium
  found=/usr/bin/chromium
fi

echo "Browser for the tests: $found"
if [ -n "${GITHUB_ENV:-}" ]; then echo "CHROME_PATH=$found" >> "$GITHUB_ENV"; fi
