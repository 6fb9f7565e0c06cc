"""Spatial regression: against spreg itself and against R (spdep + spatialreg).

R reference values: tests/fixtures/spdep_regression/spdep_results.csv, made by

    python tests/fixtures/spdep_regression/make_regression_inputs.py
    Rscript scripts/r/spdep_regression.R tests/fixtures/spdep_regression

with R 4.2.2, spdep 1.2-7 and spatialreg 1.2-6 (Debian packages r-cran-spdep, r-cran-spatialreg).
spdep 1.2-7 names the LM tests function lm.LMtests; spdep >= 1.3-1 calls it lm.RStests (same
statistics). Data: the bundled prefectures with geometry-derived variables (log area, latitude,
log perimeter: test data, not an economic model) on queen contiguity + the Japan fixed links,
and a synthetic 9 x 9 rook lattice drawn from a lag model (seeded). Tolerances per estimator
are explained where they are set.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd
import pytest
import spreg

import jregion
from _spdep_regression import FIXTURES, FORMULAS, LM_NAMES, read_reference
from _spdep_regression import load as _load
from _spdep_regression import reference as _ref
from jregion.errors import (
    DisconnectedGraphWarning,
    DuplicateKeyError,
    MissingValueError,
    UnmatchedKeyError,
)
from jregion.regression import (
    FormulaError,
    RegressionResult,
    compare_models,
    fit,
    parse_formula,
)
from jregion.weights import build_weights

MODELS = {"ols": ("ols", "ml"), "ml_lag": ("lag", "ml"), "ml_error": ("error", "ml"),
          "gm_lag": ("lag", "gm"), "gm_error": ("error", "gm")}


@pytest.fixture(scope="module")
def r_ref() -> pd.DataFrame:
    return read_reference("spdep_results.csv")


@pytest.fixture(scope="module")
def fits() -> dict[tuple[str, str], RegressionResult]:
    out = {}
    for name, formula in FORMULAS.items():
        data, graph = _load(name)
        for key, (model, method) in MODELS.items():
            out[(name, key)] = fit(formula, data, model=model, method=method,  # type: ignore[arg-type]
                                   weights=graph)
    return out


def test_fixture_inputs_match_bundled_data(prefs: gpd.GeoDataFrame) -> None:
    data, _ = _load("prefectures")
    ea = prefs.to_crs(jregion.EQUAL_AREA_CRS)
    assert data.index.tolist() == prefs.index.tolist()
    np.testing.assert_allclose(data["log_area"], np.log(ea.area / 1e6), rtol=1e-12)
    np.testing.assert_allclose(data["log_perimeter"], np.log(ea.length / 1e3), rtol=1e-12)
    np.testing.assert_allclose(data["lat"], prefs.representative_point().y, rtol=1e-12)
    edges = pd.read_csv(FIXTURES / "prefectures_edges.csv", dtype=str)
    adj = build_weights(prefs, links="japan").adjacency
    assert set(zip(edges["focal"], edges["neighbor"], strict=True)) == set(adj[adj != 0].index)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_ols_and_lm_tests_against_spdep(name: str, fits: dict, r_ref: pd.DataFrame) -> None:
    res = fits[(name, "ols")]
    for q, col in (("estimate", "estimate"), ("std_error", "std_error")):
        ref = _ref(r_ref, name, "ols", q)
        np.testing.assert_allclose(res.coefficients.loc[ref.index, col], ref, rtol=1e-10)
    assert res.fit["r2"] == pytest.approx(_ref(r_ref, name, "ols", "r2").iloc[0], rel=1e-12)
    # spdep lm.LMtests vs spreg: same formulas; traces are computed differently (~1e-10).
    for q in ("statistic", "p_value"):
        ref = _ref(r_ref, name, "ols", q).drop("moran", errors="ignore")
        mine = res.diagnostics.loc[[LM_NAMES[t] for t in ref.index], q]
        np.testing.assert_allclose(mine, ref, rtol=1e-8)
    moran = res.diagnostics.loc["Moran's I (residuals)"]
    assert moran["statistic"] == pytest.approx(_ref(r_ref, name, "ols", "I")["moran"], rel=1e-10)
    assert moran["z"] == pytest.approx(_ref(r_ref, name, "ols", "z")["moran"], rel=1e-10)
    assert moran["p_value"] == pytest.approx(
        _ref(r_ref, name, "ols", "p_value")["moran"], rel=1e-9)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_ml_models_against_spatialreg(name: str, fits: dict, r_ref: pd.DataFrame) -> None:
    # Both maximise the same concentrated likelihood with different 1-D optimisers (spreg:
    # bounded Brent, tolerance 1e-7; spatialreg: optimize() on eigenvalues), so rho and lambda
    # agree to ~1e-5 relative, the betas to ~1e-6 and the log-likelihood to ~1e-10.
    for model in ("ml_lag", "ml_error"):
        res = fits[(name, model)]
        for q in ("estimate", "std_error"):
            ref = _ref(r_ref, name, model, q)
            np.testing.assert_allclose(res.coefficients.loc[ref.index, q], ref, rtol=2e-5)
        assert res.fit["log_likelihood"] == pytest.approx(
            _ref(r_ref, name, model, "log_likelihood").iloc[0], rel=1e-9)
    imp = fits[(name, "ml_lag")].impacts
    assert imp is not None
    for q in ("direct", "indirect", "total"):
        ref = _ref(r_ref, name, "ml_lag", q)
        np.testing.assert_allclose(imp.loc[ref.index, q], ref, rtol=1e-6)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_gm_models_against_spatialreg(name: str, fits: dict, r_ref: pd.DataFrame) -> None:
    lag = fits[(name, "gm_lag")]
    ref = _ref(r_ref, name, "gm_lag", "estimate")
    np.testing.assert_allclose(lag.coefficients.loc[ref.index, "estimate"], ref, rtol=1e-10)
    # stsls estimates sigma2 with divisor n - k, spreg's GM_Lag (default) with n.
    n, k = lag.n, len(ref)
    se = _ref(r_ref, name, "gm_lag", "std_error") * np.sqrt((n - k) / n)
    np.testing.assert_allclose(lag.coefficients.loc[se.index, "std_error"], se, rtol=1e-10)
    err = fits[(name, "gm_error")]
    ref = _ref(r_ref, name, "gm_error", "estimate")
    # Kelejian-Prucha moments solved by different optimisers: lambda to ~2e-6 relative.
    np.testing.assert_allclose(err.coefficients.loc[ref.index, "estimate"], ref, rtol=1e-5)
    se = _ref(r_ref, name, "gm_error", "std_error")
    np.testing.assert_allclose(err.coefficients.loc[se.index, "std_error"], se, rtol=1e-3)
    assert np.isnan(err.coefficients.loc["lambda", "std_error"])


def test_against_spreg_directly() -> None:
    """The wrapper passes spreg the same arrays and a row-standardised W in row order."""
    data, graph = _load("lattice")
    neighbours = {i: list(graph[i].index) for i in data.index}
    w = libpysal.weights.W(neighbours, id_order=list(data.index))
    w.transform = "r"
    y = data[["y"]].to_numpy()
    x = data[["x1", "x2"]].to_numpy()
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        direct = {
            ("ols", "ml"): spreg.OLS(y, x, w=w, spat_diag=True, moran=True),
            ("lag", "ml"): spreg.ML_Lag(y, x, w, method="lu", spat_impacts="full"),
            ("error", "ml"): spreg.ML_Error(y, x, w, method="lu"),
            ("lag", "gm"): spreg.GM_Lag(y, x, w=w),
            ("error", "gm"): spreg.GM_Error(y, x, w),
        }
    shuffled = data.sample(frac=1.0, random_state=3)
    for (model, method), sp in direct.items():
        res = fit("y ~ x1 + x2", data, model=model, method=method,  # type: ignore[arg-type]
                  weights=graph)
        np.testing.assert_allclose(res.coefficients["estimate"], sp.betas.ravel(), rtol=1e-13)
        np.testing.assert_allclose(res.residuals, sp.u.ravel(), rtol=1e-13, atol=1e-14)
        # Shuffled rows: the same model; sums run in another order, so the ML optimisers stop
        # elsewhere inside their tolerance (spreg's epsilon=1e-7 on rho/lambda).
        res = fit("y ~ x1 + x2", shuffled, model=model, method=method,  # type: ignore[arg-type]
                  weights=graph)
        assert res.residuals.index.equals(shuffled.index)
        np.testing.assert_allclose(res.coefficients["estimate"], sp.betas.ravel(), rtol=1e-6)
        np.testing.assert_allclose(res.residuals.reindex(data.index), sp.u.ravel(),
                                   rtol=1e-6, atol=1e-6)
    ols = direct[("ols", "ml")]
    res = fit("y ~ x1 + x2", data, weights=graph)
    assert res.diagnostics.loc["LM lag", "statistic"] == pytest.approx(ols.lm_lag[0], rel=1e-13)
    assert res.diagnostics.loc["Robust LM error", "statistic"] == pytest.approx(
        ols.rlm_error[0], rel=1e-13)


def test_formula_parser() -> None:
    # formulaic reads the formula: functions, I(), C() and interactions are terms now.
    assert parse_formula("y ~ a + `b c` + 1") == ("y", ("a", "b c"))
    assert parse_formula("np.log(y) ~ np.log(a) + I(a**2) + C(r) + a:b") == (
        "np.log(y)", ("np.log(a)", "I(a ** 2)", "C(r)", "a:b"))
    assert parse_formula("y ~ a - 1") == parse_formula("y ~ a + 0") == ("y", ("a",))
    for bad, msg in [("y = a", "'~'"),
                     ("y ~ y", "both sides"), ("y ~ 1", "no expl"), ("y ~ a +", "cannot read")]:
        with pytest.raises(FormulaError, match=msg):
            parse_formula(bad)


def test_bad_data() -> None:
    data, graph = _load("lattice")
    gap = data.copy()
    gap.loc[["c0_3", "c4_4"], "x2"] = np.nan
    gap.loc["c8_8", "y"] = np.inf
    with pytest.raises(MissingValueError, match=r"3 of 81 rows .* 'x2' in rows \['c0_3', "
                                                r"'c4_4'\]; 'y' in rows \['c8_8'\]"):
        fit("y ~ x1 + x2", gap, weights=graph)
    with pytest.raises(FormulaError, match="not columns of the data"):
        fit("y ~ x3", data)
    with pytest.raises(TypeError, match="one numeric variable"):
        fit("name ~ x1", data.assign(name="a"))
    with pytest.raises(ValueError, match="collinear"):
        fit("y ~ x1 + x1b", data.assign(x1b=2 * data["x1"]))
    with pytest.raises(ValueError, match="needs weights"):
        fit("y ~ x1", data, model="lag")
    with pytest.raises(UnmatchedKeyError, match="c8_8"):
        fit("y ~ x1", data.drop(index="c8_8"), weights=graph)
    with pytest.raises(DuplicateKeyError, match=r"the data has duplicated ids 'c0_3'"):
        fit("y ~ x1", pd.concat([data, data.loc[["c0_3"]]]))
    before = data.copy()
    fit("y ~ x1 + x2", data, model="error", weights=graph)
    pd.testing.assert_frame_equal(data, before)


def test_disconnected_weights_warn(prefs: gpd.GeoDataFrame) -> None:
    data, _ = _load("prefectures")
    with pytest.warns(DisconnectedGraphWarning, match="isolates"):
        fit("log_area ~ lat", data, weights=build_weights(prefs))


def test_compare_models(fits: dict) -> None:
    results = [fits[("prefectures", k)] for k in ("ols", "ml_lag", "ml_error", "gm_error")]
    cmp = compare_models(results)
    table = cmp.to_frame()
    assert table.columns.tolist() == ["OLS", "Lag (ML)", "Error (ML)", "Error (GM)"]
    assert table.loc[("lat", "estimate"), "Lag (ML)"] == results[1].coefficients.loc[
        "lat", "estimate"]
    assert np.isnan(table.loc[("rho", "estimate"), "OLS"])
    assert table.loc[("n", "value")].tolist() == [47.0] * 4
    md = cmp.to_markdown(digits=2).splitlines()
    assert md[0] == "|  | OLS | Lag (ML) | Error (ML) | Error (GM) |"
    est = results[0].coefficients.loc["log_perimeter"]
    assert md[6].startswith(f"| log_perimeter | {est['estimate']:.2f}***")
    assert md[7].startswith(f"|  | ({est['std_error']:.2f})")
    tex = cmp.to_latex(caption="Area & latitude", label="tab:area")
    assert r"log\_perimeter & " in tex and r"\caption{Area \& latitude}" in tex
    assert r"\label{tab:area}" in tex and tex.count(r"\midrule") == 2
    twice = compare_models([results[0], results[0]]).to_frame()
    assert twice.columns.tolist() == ["OLS [1]", "OLS [2]"]
    with pytest.raises(ValueError, match="names has 1"):
        compare_models(results[:2], names=["a"])
    with pytest.raises(TypeError, match="compare_models"):
        compare_models([results[0].coefficients])  # type: ignore[list-item]


@pytest.mark.parametrize("name", list(FORMULAS))
def test_ml_error_lambda_is_the_likelihood_maximum(name: str, fits: dict) -> None:
    # Independent of spreg and R: the concentrated log-likelihood of the error model,
    # -n/2 log(e'e/n) + sum(log(1 - lambda * eig(W))), with e from OLS on the filtered data,
    # maximised by golden-section search to 1e-12. Prefectures: lambda 0.15842502 (spreg's
    # dense "full" objective gave 0.15842777 under spreg 1.9, R's eigen method 0.15842446).
    from scipy.optimize import minimize_scalar

    data, graph = _load(name)
    w = graph.sparse.toarray()
    w = w / w.sum(axis=1, keepdims=True)
    eig = np.linalg.eigvals(w).real
    y_name, rhs = FORMULAS[name].split(" ~ ")
    y = data[y_name].to_numpy()
    x = np.column_stack([np.ones(len(y))] + [data[c].to_numpy() for c in rhs.split(" + ")])

    def negative_loglik(lam: float) -> float:
        a = np.eye(len(y)) - lam * w
        ys, xs = a @ y, a @ x
        e = ys - xs @ np.linalg.lstsq(xs, ys, rcond=None)[0]
        return float(len(y) / 2 * np.log(e @ e / len(y)) - np.sum(np.log(1 - lam * eig)))

    best = minimize_scalar(negative_loglik, bracket=(-0.5, 0.2, 0.9), method="golden",
                           options={"xtol": 1e-12})
    got = fits[(name, "ml_error")].coefficients.loc["lambda", "estimate"]
    assert got == pytest.approx(best.x, rel=2e-6)
