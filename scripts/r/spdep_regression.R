# Reference values for jregion.regression from R's spdep and spatialreg.
#
#   Rscript scripts/r/spdep_regression.R tests/fixtures/spdep_regression
#
# Reads <dir>/{prefectures,lattice}_{data,edges}.csv, written by
# tests/fixtures/spdep_regression/make_regression_inputs.py, and writes <dir>/spdep_results.csv in long
# form: dataset, model, term, quantity, value (17 significant digits).
#
# Weights: binary neighbours from the edge list, row-standardised (style "W").
# Models, on y ~ x1 + x2 (prefectures: log_area ~ lat + log_perimeter):
#   ols    lm(); spdep::lm.LMtests(test = "all") (called lm.RStests from spdep 1.3-1 on;
#          Debian's spdep 1.2-7 has the older name, same statistics: LMerr, LMlag, RLMerr,
#          RLMlag, SARMA); spdep::lm.morantest (normality, two-sided p computed here)
#   ml_lag   spatialreg::lagsarlm(method = "eigen"); impacts(listw = ) (exact, dense)
#   ml_error spatialreg::errorsarlm(method = "eigen")
#   gm_lag   spatialreg::stsls(W2X = FALSE): instruments X and WX, as spreg's GM_Lag(w_lags=1)
#   gm_error spatialreg::GMerrorsar(): Kelejian-Prucha GM, as spreg's GM_Error

suppressPackageStartupMessages({
  library(spdep)
  library(spatialreg)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[[1]] else "tests/fixtures/spdep_regression"

listw_from_edges <- function(ids, edges) {
  n <- length(ids)
  m <- matrix(0, n, n, dimnames = list(ids, ids))
  m[cbind(match(edges$focal, ids), match(edges$neighbor, ids))] <- 1
  mat2listw(m, row.names = ids, style = "W")
}

rows <- list()
add <- function(dataset, model, term, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(dataset = dataset, model = model, term = term,
                                          quantity = quantity, value = as.numeric(value))
}
add_coefs <- function(dataset, model, est, se) {
  for (nm in names(est)) {
    term <- if (nm == "(Intercept)") "const" else if (nm == "Rho") "rho" else nm
    add(dataset, model, term, "estimate", est[[nm]])
    if (!is.null(se) && nm %in% names(se)) add(dataset, model, term, "std_error", se[[nm]])
  }
}

datasets <- list(
  prefectures = "log_area ~ lat + log_perimeter",
  lattice = "y ~ x1 + x2"
)

for (name in names(datasets)) {
  data <- read.csv(file.path(dir, paste0(name, "_data.csv")), colClasses = c(id = "character"))
  edges <- read.csv(file.path(dir, paste0(name, "_edges.csv")),
                    colClasses = c(focal = "character", neighbor = "character"))
  lw <- listw_from_edges(data$id, edges)
  f <- as.formula(datasets[[name]])

  ols <- lm(f, data = data)
  s <- summary(ols)$coefficients
  add_coefs(name, "ols", s[, 1], s[, 2])
  add(name, "ols", "", "r2", summary(ols)$r.squared)
  lm_tests <- lm.LMtests(ols, lw, test = "all")
  for (t in names(lm_tests)) {
    add(name, "ols", t, "statistic", lm_tests[[t]]$statistic)
    add(name, "ols", t, "p_value", lm_tests[[t]]$p.value)
  }
  mt <- lm.morantest(ols, lw, alternative = "two.sided")
  add(name, "ols", "moran", "I", mt$estimate[["Observed Moran I"]])
  add(name, "ols", "moran", "expectation", mt$estimate[["Expectation"]])
  add(name, "ols", "moran", "variance", mt$estimate[["Variance"]])
  add(name, "ols", "moran", "z", mt$statistic)
  add(name, "ols", "moran", "p_value", mt$p.value)

  lag <- lagsarlm(f, data = data, listw = lw, method = "eigen")
  sl <- summary(lag)
  add_coefs(name, "ml_lag", coef(lag), c(sl$Coef[, 2], Rho = unname(sl$rho.se)))
  add(name, "ml_lag", "", "log_likelihood", as.numeric(logLik(lag)))
  imp <- impacts(lag, listw = lw)
  for (i in seq_along(attr(imp, "bnames"))) {
    b <- attr(imp, "bnames")[[i]]
    add(name, "ml_lag", b, "direct", imp$direct[[i]])
    add(name, "ml_lag", b, "indirect", imp$indirect[[i]])
    add(name, "ml_lag", b, "total", imp$total[[i]])
  }

  err <- errorsarlm(f, data = data, listw = lw, method = "eigen")
  se <- summary(err)
  est <- c(coef(err)[names(coef(err)) != "lambda"], lambda = unname(err$lambda))
  add_coefs(name, "ml_error", est, c(se$Coef[, 2], lambda = unname(err$lambda.se)))
  add(name, "ml_error", "", "log_likelihood", as.numeric(logLik(err)))

  st <- stsls(f, data = data, listw = lw, W2X = FALSE)
  st_se <- sqrt(diag(st$var))
  names(st_se) <- names(st$coefficients)
  add_coefs(name, "gm_lag", st$coefficients, st_se)

  gm <- GMerrorsar(f, data = data, listw = lw)
  rest_se <- gm$rest.se
  names(rest_se) <- names(gm$coefficients)
  add_coefs(name, "gm_error", c(gm$coefficients, lambda = unname(gm$lambda)), rest_se)
}

out <- do.call(rbind, rows)
out$value <- formatC(out$value, digits = 17, format = "g")
write.csv(out, file.path(dir, "spdep_results.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(out), "rows to", file.path(dir, "spdep_results.csv"), "\n")
