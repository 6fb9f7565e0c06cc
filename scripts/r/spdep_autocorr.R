# Reference values of jregion's autocorrelation statistics, computed with R's spdep.
#
# Run from the repository root (needs r-base-core and r-cran-spdep from Debian):
#   Rscript scripts/r/spdep_autocorr.R
# Writes tests/fixtures/spdep_autocorr/*.csv (committed; CI does not run R).
#
# Two cases:
#   prefectures: the 47 prefectures of data/boundaries/prefectures.fgb, queen contiguity
#     (spdep::poly2nb, planar GEOS) plus jregion's six fixed links (Seikan 01-02, Kanmon
#     35-40, Akashi/Onaruto 28-36, Seto-Ohashi 33-37, Shimanami 34-38, Okinawa 46-47).
#     Variables from data/: log population density 2015 (census population / GSI area),
#     population 2015 in millions, manufacturing persons employed 2015.
#   lattice: a 7 x 9 rook lattice (spdep::cell2nb), variable
#     x_i = sin(i) + 0.1 * i + (i %% 5), i = 1..63 (row-major cell order).
# The neighbour lists are written out so the Python tests use exactly the same graph.
suppressMessages({library(sf); library(spdep)})
sf_use_s2(FALSE)
out <- "tests/fixtures/spdep_autocorr"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
wcsv <- function(df, name) {
  num <- vapply(df, is.numeric, logical(1))
  df[num] <- lapply(df[num], fmt)
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}

# ---- prefectures --------------------------------------------------------------------
pr <- st_read("data/boundaries/prefectures.fgb", quiet = TRUE)
pr <- pr[order(pr$pref_code), ]
ids <- pr$pref_code
nb <- poly2nb(pr, queen = TRUE, row.names = ids)
links <- rbind(c("01", "02"), c("35", "40"), c("28", "36"), c("33", "37"),
               c("34", "38"), c("46", "47"))
for (k in seq_len(nrow(links))) {
  a <- match(links[k, 1], ids); b <- match(links[k, 2], ids)
  nb[[a]] <- sort(unique(c(nb[[a]][nb[[a]] > 0], b)))
  nb[[b]] <- sort(unique(c(nb[[b]][nb[[b]] > 0], a)))
}
stopifnot(n.comp.nb(nb)$nc == 1)
pop <- read.csv("data/indicators/population_census.csv", colClasses = c(pref_code = "character"))
pop <- pop[pop$year == 2015, ]
area <- read.csv("data/reference/area_gsi.csv", colClasses = c(pref_code = "character"))
man <- read.csv("data/indicators/manufacturing_census.csv", colClasses = c(pref_code = "character"))
man <- man[man$year == 2015, ]
P <- pop$population[match(ids, pop$pref_code)]
A <- area$area_km2[match(ids, area$pref_code)]
J <- man$persons_employed[match(ids, man$pref_code)]
stopifnot(!anyNA(P), !anyNA(A), !anyNA(J))
pref <- data.frame(id = ids, density = log(P / A), pop_m = P / 1e6, jobs = J, pop = P)

# ---- lattice -----------------------------------------------------------------------
lnb <- cell2nb(7, 9, type = "rook")
i <- seq_len(63)
lat <- data.frame(id = sprintf("c%02d", i), x = sin(i) + 0.1 * i + (i %% 5))
attr(lnb, "region.id") <- lat$id

edges <- function(nb, ids) {
  f <- rep(ids, card(nb)); n <- ids[unlist(nb[card(nb) > 0])]
  data.frame(focal = f, neighbor = n)
}
wcsv(edges(nb, ids), "prefectures_edges.csv")
wcsv(edges(lnb, lat$id), "lattice_edges.csv")
wcsv(pref, "prefectures_values.csv")
wcsv(lat, "lattice_values.csv")

# ---- global statistics -------------------------------------------------------------
glob <- list()
add <- function(case, stat, style, variant, h) {
  glob[[length(glob) + 1]] <<- data.frame(
    case = case, statistic = stat, style = style, variant = variant,
    estimate = unname(h$estimate[1]), expectation = unname(h$estimate[2]),
    variance = unname(h$estimate[3]), z = unname(h$statistic))
}
cases <- list(
  prefectures = list(nb = nb, x = pref$density, g = pref$pop_m),
  lattice = list(nb = lnb, x = lat$x, g = lat$x + 2)  # G needs non-negative values
)
for (cn in names(cases)) {
  cs <- cases[[cn]]
  for (style in c("W", "B")) {
    lw <- nb2listw(cs$nb, style = style)
    for (rnd in c(TRUE, FALSE)) {
      v <- if (rnd) "randomisation" else "normality"
      add(cn, "moran", style, v, moran.test(cs$x, lw, randomisation = rnd))
      add(cn, "geary", style, v, geary.test(cs$x, lw, randomisation = rnd))
    }
    add(cn, "general_g", style, "randomisation", globalG.test(cs$g, lw))
  }
}
# bivariate Moran (statistic only: moran_bv bootstraps) and EB Moran, prefectures, style W
lw <- nb2listw(nb, style = "W")
set.seed(1)
bv <- moran_bv(pref$density, log(pref$jobs / pref$pop), lw, nsim = 9)
glob[[length(glob) + 1]] <- data.frame(case = "prefectures", statistic = "bivariate_moran",
  style = "W", variant = "statistic", estimate = unname(bv$t0), expectation = NA,
  variance = NA, z = NA)
set.seed(1)
eb <- suppressMessages(EBImoran.mc(pref$jobs, pref$pop, lw, nsim = 9))
glob[[length(glob) + 1]] <- data.frame(case = "prefectures", statistic = "eb_moran",
  style = "W", variant = "statistic", estimate = unname(eb$statistic), expectation = NA,
  variance = NA, z = NA)
wcsv(data.frame(id = ids, eb_z = eb$z), "prefectures_eb_z.csv")
# join counts: density above the median, binary weights
dense <- factor(pref$density > median(pref$density), levels = c(FALSE, TRUE))
jc <- joincount.test(dense, nb2listw(nb, style = "B"))
for (k in seq_along(jc)) {
  glob[[length(glob) + 1]] <- data.frame(case = "prefectures", statistic = "join_counts",
    style = "B", variant = levels(dense)[k], estimate = unname(jc[[k]]$estimate[1]),
    expectation = unname(jc[[k]]$estimate[2]), variance = unname(jc[[k]]$estimate[3]),
    z = unname(jc[[k]]$statistic))
}
wcsv(do.call(rbind, glob), "global.csv")

# ---- local statistics --------------------------------------------------------------
loc <- list()
for (cn in names(cases)) {
  cs <- cases[[cn]]
  idv <- if (cn == "prefectures") ids else lat$id
  lw <- nb2listw(cs$nb, style = "W")
  for (ml in c(TRUE, FALSE)) {
    lm <- localmoran(cs$x, lw, mlvar = ml, conditional = TRUE, alternative = "two.sided")
    loc[[length(loc) + 1]] <- data.frame(case = cn, statistic = "local_moran", variant =
      ifelse(ml, "mlvar", "nomlvar"), id = idv, value = lm[, 1], expectation = lm[, 2],
      variance = lm[, 3], z = lm[, 4], p = lm[, 5])
  }
  lwb <- nb2listw(cs$nb, style = "B")
  g <- localG(cs$g, lwb, return_internals = TRUE)
  gi <- attr(g, "internals")
  loc[[length(loc) + 1]] <- data.frame(case = cn, statistic = "local_g", variant = "gi",
    id = idv, value = gi[, 1], expectation = gi[, 2], variance = gi[, 3], z = gi[, 4],
    p = gi[, 5])
  lws <- nb2listw(include.self(cs$nb), style = "B")
  gs <- localG(cs$g, lws, return_internals = TRUE)
  gsi <- attr(gs, "internals")
  loc[[length(loc) + 1]] <- data.frame(case = cn, statistic = "local_g", variant = "gi_star",
    id = idv, value = gsi[, 1], expectation = gsi[, 2], variance = gsi[, 3], z = gsi[, 4],
    p = gsi[, 5])
  lc <- localC(cs$x, lw)
  loc[[length(loc) + 1]] <- data.frame(case = cn, statistic = "local_geary", variant = "W",
    id = idv, value = as.numeric(lc), expectation = NA, variance = NA, z = NA, p = NA)
}
wcsv(do.call(rbind, loc), "local.csv")

# ---- p-value adjustment ------------------------------------------------------------
lm <- localmoran(pref$density, nb2listw(nb, style = "W"))
p <- lm[, 5]
wcsv(data.frame(id = ids, p = p, fdr = p.adjust(p, "BH"), bonferroni = p.adjust(p, "bonferroni")),
     "padjust.csv")
writeLines(c(R.version.string, paste("spdep", packageVersion("spdep")),
             paste("sf", packageVersion("sf"))), file.path(out, "VERSIONS.txt"))
