#!/usr/bin/env bash
# Install what tests/test_explore_browser.py needs on a fresh Debian (bookworm or later) machine:
# headless Chromium and its WebDriver from apt, and Selenium from PyPI.
# Run as root (or with sudo) before the test suite; .ci/run calls it. Idempotent.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        chromium chromium-driver fonts-noto-cjk
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c "import selenium" 2>/dev/null; then
    "$PYTHON" -m pip install "selenium>=4.20"
fi

# Fail here, with the versions, rather than later inside the test.
/usr/bin/chromium --version
/usr/bin/chromedriver --version
"$PYTHON" -c "import selenium; print('selenium', selenium.__version__)"
