#!/usr/bin/env bash
# Build the documentation site offline into docs/_build/html, warnings as errors.
# Installs the `docs` extra first; the user-guide pages and notebooks are executed during the build.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[docs]"
python3 -m sphinx -W --keep-going -q -b html docs docs/_build/html "$@"
echo "built docs/_build/html/index.html"
