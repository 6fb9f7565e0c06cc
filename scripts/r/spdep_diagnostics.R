# Reference values for jregion.regression's OLS diagnostics, robust errors, binary weights
# and GM-lag instrument lags, from R (lmtest, sandwich, tseries, spdep, spatialreg).
#
#   bash scripts/setup_r.sh   # R 4.2.2 and the Debian r-cran-* packages below
#   Rscript scripts/r/spdep_diagnostics.R tests/fixtures/spdep_regression
#
# Reads <dir>/{prefectures,lattice}_{data,edges}.csv (written by
# tests/fixtures/spdep_regression/make_regression_inputs.py) and writes
# <dir>/diagnostics_results.csv in long form: dataset, model, term, quantity, value.
#
# Models, on y ~ x1 + x2 (prefectures: log_area ~ lat + log_perimeter):
#   ols        F test (summary.lm), Jarque-Bera (tseries::jarque.bera.test on the residuals),
#              Breusch-Pagan (lmtest::bptest, studentize = FALSE) and Koenker-Bassett
#              (studentize = TRUE), both on the squared regressors x1^2, x2^2 (spreg's
#              default variables, as in GeoDa), White (bptest, studentized, on x1, x2, x1^2, x2^2, x1:x2),
#              condition number (kappa(exact = TRUE) of X with unit-length columns),
#              White standard errors (sandwich::vcovHC, type = "HC1": spreg's OLS scales
#              White's matrix by n / (n - k), its sig2n_k default)
#   ols_noint  the model without intercept (- 1): coefficients, HC1 errors, R2, F, JB, BP,
#              KB, White, condition number, LM tests, residual Moran's I
#   ols_b      binary weights (style "B"): spdep::lm.LMtests and lm.morantest
#   gm_lag_b   spatialreg's tsls on binary weights with instruments X and WX (stsls itself
#              adds W 1 for non-row-standardised weights; spreg does not)
#   gm_lag_w2  spatialreg::stsls(W2X = TRUE) on row-standardised weights: instruments WX and
#              W^2X, as spreg's GM_Lag(w_lags = 2)

suppressPackageStartupMessages({
  library(spdep)
  library(spatialreg)
  library(lmtest)
  library(sandwich)
  library(tseries)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[[1]] else "tests/fixtures/spdep_regression"

listw_from_edges <- function(ids, edges, style) {
  n <- length(ids)
  m <- matrix(0, n, n, dimnames = list(ids, ids))
  m[cbind(match(edges$focal, ids), match(edges$neighbor, ids))] <- 1
  mat2listw(m, row.names = ids, style = style)
}

rows <- list()
add <- function(dataset, model, term, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(dataset = dataset, model = model, term = term,
                                          quantity = quantity, value = as.numeric(value))
}

datasets <- list(
  prefectures = c("log_area", "lat", "log_perimeter"),
  lattice = c("y", "x1", "x2")
)

for (name in names(datasets)) {
  v <- datasets[[name]]
  data <- read.csv(file.path(dir, paste0(name, "_data.csv")), colClasses = c(id = "character"))
  edges <- read.csv(file.path(dir, paste0(name, "_edges.csv")),
                    colClasses = c(focal = "character", neighbor = "character"))
  lw <- listw_from_edges(data$id, edges, "W")
  lb <- listw_from_edges(data$id, edges, "B")
  f <- as.formula(paste(v[1], "~", v[2], "+", v[3]))
  ols <- lm(f, data = data)

  fs <- summary(ols)$fstatistic
  add(name, "ols", "F test", "statistic", fs[["value"]])
  add(name, "ols", "F test", "p_value",
      pf(fs[["value"]], fs[["numdf"]], fs[["dendf"]], lower.tail = FALSE))
  jb <- jarque.bera.test(residuals(ols))
  add(name, "ols", "Jarque-Bera", "statistic", jb$statistic)
  add(name, "ols", "Jarque-Bera", "p_value", jb$p.value)
  sq <- as.formula(sprintf("~ I(%s^2) + I(%s^2)", v[2], v[3]))
  bp <- bptest(ols, sq, data = data, studentize = FALSE)
  add(name, "ols", "Breusch-Pagan", "statistic", bp$statistic)
  add(name, "ols", "Breusch-Pagan", "p_value", bp$p.value)
  kb <- bptest(ols, sq, data = data, studentize = TRUE)
  add(name, "ols", "Koenker-Bassett", "statistic", kb$statistic)
  add(name, "ols", "Koenker-Bassett", "p_value", kb$p.value)
  wf <- as.formula(sprintf("~ %s * %s + I(%s^2) + I(%s^2)", v[2], v[3], v[2], v[3]))
  wh <- bptest(ols, wf, data = data, studentize = TRUE)
  add(name, "ols", "White", "statistic", wh$statistic)
  add(name, "ols", "White", "df", wh$parameter)
  add(name, "ols", "White", "p_value", wh$p.value)
  X <- model.matrix(ols)
  add(name, "ols", "Condition number", "statistic",
      kappa(sweep(X, 2, sqrt(colSums(X^2)), "/"), exact = TRUE))
  hc0 <- sqrt(diag(vcovHC(ols, type = "HC1")))
  for (nm in names(hc0)) {
    add(name, "ols", if (nm == "(Intercept)") "const" else nm, "white_std_error", hc0[[nm]])
  }

  # The same model without intercept (y ~ x1 + x2 - 1): summary.lm's uncentered R2 and F;
  # the auxiliary regressions of bptest keep their own intercept.
  m0 <- lm(as.formula(paste(v[1], "~", v[2], "+", v[3], "- 1")), data = data)
  s0 <- summary(m0)
  for (nm in rownames(s0$coefficients)) {
    add(name, "ols_noint", nm, "estimate", s0$coefficients[nm, 1])
    add(name, "ols_noint", nm, "std_error", s0$coefficients[nm, 2])
  }
  hc1 <- sqrt(diag(vcovHC(m0, type = "HC1")))
  for (nm in names(hc1)) add(name, "ols_noint", nm, "white_std_error", hc1[[nm]])
  add(name, "ols_noint", "", "r2", s0$r.squared)
  add(name, "ols_noint", "", "adj_r2", s0$adj.r.squared)
  add(name, "ols_noint", "", "log_likelihood", as.numeric(logLik(m0)))
  f0 <- s0$fstatistic
  add(name, "ols_noint", "F test", "statistic", f0[["value"]])
  add(name, "ols_noint", "F test", "p_value",
      pf(f0[["value"]], f0[["numdf"]], f0[["dendf"]], lower.tail = FALSE))
  jb0 <- jarque.bera.test(residuals(m0))
  add(name, "ols_noint", "Jarque-Bera", "statistic", jb0$statistic)
  bp0 <- bptest(m0, sq, data = data, studentize = FALSE)
  add(name, "ols_noint", "Breusch-Pagan", "statistic", bp0$statistic)
  kb0 <- bptest(m0, sq, data = data, studentize = TRUE)
  add(name, "ols_noint", "Koenker-Bassett", "statistic", kb0$statistic)
  wh0 <- bptest(m0, wf, data = data, studentize = TRUE)
  add(name, "ols_noint", "White", "statistic", wh0$statistic)
  X0 <- model.matrix(m0)
  add(name, "ols_noint", "Condition number", "statistic",
      kappa(sweep(X0, 2, sqrt(colSums(X0^2)), "/"), exact = TRUE))
  lm0 <- lm.LMtests(m0, lw, test = "all")
  for (t in names(lm0)) add(name, "ols_noint", t, "statistic", lm0[[t]]$statistic)
  mt0 <- lm.morantest(m0, lw, alternative = "two.sided")
  add(name, "ols_noint", "moran", "I", mt0$estimate[["Observed Moran I"]])
  add(name, "ols_noint", "moran", "expectation", mt0$estimate[["Expectation"]])
  add(name, "ols_noint", "moran", "variance", mt0$estimate[["Variance"]])

  lmb <- lm.LMtests(ols, lb, test = "all")
  for (t in names(lmb)) {
    add(name, "ols_b", t, "statistic", lmb[[t]]$statistic)
    add(name, "ols_b", t, "p_value", lmb[[t]]$p.value)
  }
  mt <- lm.morantest(ols, lb, alternative = "two.sided")
  add(name, "ols_b", "moran", "I", mt$estimate[["Observed Moran I"]])
  add(name, "ols_b", "moran", "expectation", mt$estimate[["Expectation"]])
  add(name, "ols_b", "moran", "variance", mt$estimate[["Variance"]])
  add(name, "ols_b", "moran", "p_value", mt$p.value)

  for (case in list(list("gm_lag_b", lb, FALSE), list("gm_lag_w2", lw, TRUE))) {
    if (case[[1]] == "gm_lag_b") {
      # stsls adds W 1 (the neighbour counts) as an instrument when the weights are not
      # row-standardised; spreg does not, so call spatialreg's tsls with WX alone.
      X <- model.matrix(ols)
      Wy <- matrix(lag.listw(lb, data[[v[1]]]), ncol = 1, dimnames = list(NULL, "Rho"))
      WX <- cbind(lag.listw(lb, data[[v[2]]]), lag.listw(lb, data[[v[3]]]))
      st <- spatialreg:::tsls(y = data[[v[1]]], yend = Wy, X = X, Zinst = WX)
    } else {
      st <- stsls(f, data = data, listw = case[[2]], W2X = case[[3]])
    }
    se <- sqrt(diag(st$var))
    names(se) <- names(st$coefficients)
    for (nm in names(st$coefficients)) {
      term <- if (nm == "(Intercept)") "const" else if (nm == "Rho") "rho" else nm
      add(name, case[[1]], term, "estimate", st$coefficients[[nm]])
      add(name, case[[1]], term, "std_error", se[[nm]])
    }
  }
}

out <- do.call(rbind, rows)
out$value <- formatC(out$value, digits = 17, format = "g")
write.csv(out, file.path(dir, "diagnostics_results.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(out), "rows to", file.path(dir, "diagnostics_results.csv"), "\n")
