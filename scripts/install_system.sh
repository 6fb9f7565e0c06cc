#!/usr/bin/env bash
# System packages the test suite needs on a fresh Debian machine (installed only when missing):
# headless Chromium and ChromeDriver for the browser test, and selenium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_browser.sh
