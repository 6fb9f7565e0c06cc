#!/usr/bin/env bash
# Install everything the test suite needs (Python packages, Debian packages, npm packages)
# and run it: ruff, mypy --strict, then pytest (unit tests, doctests, browser test).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup_browser.sh  # Chromium, chromedriver, selenium when missing
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev]"

ruff check .
mypy --strict src
python3 -m pytest -n 2 -q "$@"
