#!/usr/bin/env bash
# Install R and the packages that regenerate the R reference fixtures under
# tests/fixtures/spdep_*/ (the tests read the committed CSVs and do not need R):
#   Rscript scripts/r/spdep_regression.R tests/fixtures/spdep_regression
#   Rscript scripts/r/spdep_diagnostics.R tests/fixtures/spdep_regression
set -euo pipefail
if command -v Rscript >/dev/null && Rscript -e 'library(spatialreg); library(lmtest); library(sandwich); library(tseries)' >/dev/null 2>&1; then
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  r-base-core r-cran-spdep r-cran-spatialreg r-cran-lmtest r-cran-sandwich r-cran-tseries
