"""OLS diagnostics, robust standard errors, binary weights and w_lags: against R and spreg.

R reference values: tests/fixtures/spdep_regression/diagnostics_results.csv, made by

    Rscript scripts/r/spdep_diagnostics.R tests/fixtures/spdep_regression

with R 4.2.2, lmtest 0.9.40, sandwich 3.0.2, tseries 0.10.53, spdep 1.2-7, spatialreg 1.2-6
(Debian packages r-cran-lmtest, r-cran-sandwich, r-cran-tseries, r-cran-spdep,
r-cran-spatialreg), on the same inputs as tests/test_regression.py. spreg's values are computed
here by calling spreg on the same arrays.
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
from jregion.errors import FormulaError
from jregion.regression import RegressionResult, fit


@pytest.fixture(scope="module")
def r_ref() -> pd.DataFrame:
    return read_reference("diagnostics_results.csv")


def _quiet_spreg(cls: type, *args: object, **kwargs: object) -> object:
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return cls(*args, **kwargs)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_ols_diagnostics_against_r(name: str, r_ref: pd.DataFrame) -> None:
    data, graph = _load(name)
    res = fit(FORMULAS[name], data, weights=graph)
    d = res.diagnostics
    for test in ("F test", "Jarque-Bera", "Breusch-Pagan", "Koenker-Bassett", "White"):
        for q in ("statistic", "p_value"):
            assert d.loc[test, q] == pytest.approx(_ref(r_ref, name, "ols", q)[test],
                                                   rel=1e-9), (test, q)
    assert d.loc["White", "df"] == _ref(r_ref, name, "ols", "df")["White"] == 5
    assert d.loc["F test", "df"] == 2
    assert d.loc["Condition number", "statistic"] == pytest.approx(
        _ref(r_ref, name, "ols", "statistic")["Condition number"], rel=1e-9)
    white = fit(FORMULAS[name], data, robust="white")
    ref = _ref(r_ref, name, "ols", "white_std_error")
    np.testing.assert_allclose(white.coefficients.loc[ref.index, "std_error"], ref, rtol=1e-10)
    assert white.covariance.startswith("White")
    # White errors change the standard errors, not the estimates.
    np.testing.assert_allclose(white.coefficients["estimate"], res.coefficients["estimate"],
                               rtol=1e-13)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_residual_moran_moments_against_spdep(name: str) -> None:
    ref = pd.read_csv(FIXTURES / "spdep_results.csv", dtype={"term": str},
                      keep_default_na=False)
    ref = ref[(ref["dataset"] == name) & (ref["model"] == "ols") & (ref["term"] == "moran")]
    ref = ref.set_index("quantity")["value"].astype(float)
    data, graph = _load(name)
    moran = fit(FORMULAS[name], data, weights=graph).diagnostics.loc["Moran's I (residuals)"]
    assert moran["expected"] == pytest.approx(ref["expectation"], rel=1e-10)
    assert moran["variance"] == pytest.approx(ref["variance"], rel=1e-8)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_binary_weights_against_spdep(name: str, r_ref: pd.DataFrame) -> None:
    data, graph = _load(name)
    res = fit(FORMULAS[name], data, weights=graph, transformation="b")
    assert res.weights_transform == "b"
    assert "binary (b)" in res.summary()
    for q in ("statistic", "p_value"):
        ref = _ref(r_ref, name, "ols_b", q).drop("moran", errors="ignore")
        mine = res.diagnostics.loc[[LM_NAMES[t] for t in ref.index], q]
        np.testing.assert_allclose(mine, ref, rtol=1e-8)
    moran = res.diagnostics.loc["Moran's I (residuals)"]
    for mine, q in (("statistic", "I"), ("expected", "expectation"), ("variance", "variance"),
                    ("p_value", "p_value")):
        assert moran[mine] == pytest.approx(_ref(r_ref, name, "ols_b", q)["moran"], rel=1e-8)
    # GM lag on binary weights vs spatialreg::stsls (sigma2 divisor n - k there, n in spreg).
    lag = fit(FORMULAS[name], data, model="lag", method="gm", weights=graph,
              transformation="b")
    est = _ref(r_ref, name, "gm_lag_b", "estimate")
    np.testing.assert_allclose(lag.coefficients.loc[est.index, "estimate"], est, rtol=1e-10)
    se = _ref(r_ref, name, "gm_lag_b", "std_error") * np.sqrt((lag.n - len(est)) / lag.n)
    np.testing.assert_allclose(lag.coefficients.loc[se.index, "std_error"], se, rtol=1e-10)
    # Impacts from the exact inverse of (I - rho W) with binary W, computed here.
    w = graph.sparse.toarray()
    w = w[np.ix_(*[graph.unique_ids.get_indexer(data.index)] * 2)]
    inv = np.linalg.inv(np.eye(len(data)) - lag.coefficients.loc["rho", "estimate"] * w)
    assert lag.impacts is not None
    for x in lag.x_names:
        b = lag.coefficients.loc[x, "estimate"]
        assert lag.impacts.loc[x, "direct"] == pytest.approx(b * np.trace(inv) / len(data),
                                                             rel=1e-10)
        assert lag.impacts.loc[x, "total"] == pytest.approx(b * inv.sum() / len(data),
                                                            rel=1e-10)


@pytest.mark.parametrize("name", list(FORMULAS))
def test_gm_lag_w_lags_against_stsls(name: str, r_ref: pd.DataFrame) -> None:
    data, graph = _load(name)
    lag = fit(FORMULAS[name], data, model="lag", method="gm", weights=graph, w_lags=2)
    assert lag.w_lags == 2 and "w_lags=2" in lag.summary()
    est = _ref(r_ref, name, "gm_lag_w2", "estimate")
    np.testing.assert_allclose(lag.coefficients.loc[est.index, "estimate"], est, rtol=1e-10)
    se = _ref(r_ref, name, "gm_lag_w2", "std_error") * np.sqrt((lag.n - len(est)) / lag.n)
    np.testing.assert_allclose(lag.coefficients.loc[se.index, "std_error"], se, rtol=1e-10)
    one = fit(FORMULAS[name], data, model="lag", method="gm", weights=graph)
    assert one.w_lags == 1
    assert not np.allclose(one.coefficients["estimate"], lag.coefficients["estimate"])


def _spreg_w(data: pd.DataFrame, graph: object, transform: str) -> object:
    neighbours = {i: list(graph[i].index) for i in data.index}  # type: ignore[index]
    w = libpysal.weights.W(neighbours, id_order=list(data.index))
    w.transform = transform
    return w


@pytest.mark.parametrize("transform", ["r", "b"])
def test_diagnostics_against_spreg_directly(transform: str) -> None:
    data, graph = _load("lattice")
    w = _spreg_w(data, graph, transform)
    y, x = data[["y"]].to_numpy(), data[["x1", "x2"]].to_numpy()
    sp = _quiet_spreg(spreg.OLS, y, x, w=w, spat_diag=True, moran=True, white_test=True)
    mr = spreg.diagnostics_sp.MoranRes(sp, w, z=True)
    d = fit("y ~ x1 + x2", data, weights=graph, transformation=transform).diagnostics  # type: ignore[arg-type]
    expected = {
        "F test": sp.f_stat[0], "Jarque-Bera": sp.jarque_bera["jb"],  # type: ignore[attr-defined]
        "Breusch-Pagan": sp.breusch_pagan["bp"],  # type: ignore[attr-defined]
        "Koenker-Bassett": sp.koenker_bassett["kb"],  # type: ignore[attr-defined]
        "White": sp.white["wh"], "Condition number": sp.mulColli,  # type: ignore[attr-defined]
        "LM error": sp.lm_error[0], "LM lag": sp.lm_lag[0],  # type: ignore[attr-defined]
        "LM SARMA": sp.lm_sarma[0], "Moran's I (residuals)": mr.I,  # type: ignore[attr-defined]
    }
    for test, value in expected.items():
        assert d.loc[test, "statistic"] == pytest.approx(value, rel=1e-12), test
    assert d.loc["Moran's I (residuals)", "expected"] == pytest.approx(mr.eI, rel=1e-12)
    assert d.loc["Moran's I (residuals)", "variance"] == pytest.approx(mr.vI, rel=1e-12)


def _prefecture_gdf(prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    data, _ = _load("prefectures")
    return prefs[["geometry"]].join(data)


def test_hac_standard_errors(prefs: gpd.GeoDataFrame) -> None:
    """HAC against spreg with the same kernel, and against the Kelejian-Prucha formula here."""
    gdf = _prefecture_gdf(prefs)
    res = fit(FORMULAS["prefectures"], gdf, robust="hac", hac_k=6)
    assert "triangular kernel" in res.covariance and "6 nearest" in res.covariance
    pts = gdf.geometry.to_crs(jregion.EQUAL_AREA_CRS).representative_point()
    coords = np.column_stack([pts.x, pts.y])
    kernel = libpysal.weights.Kernel(coords, ids=list(gdf.index), k=6, function="triangular",
                                     fixed=False, diagonal=True)
    y = gdf[["log_area"]].to_numpy()
    x = gdf[["lat", "log_perimeter"]].to_numpy()
    sp = _quiet_spreg(spreg.OLS, y, x, robust="hac", gwk=kernel)
    np.testing.assert_allclose(res.coefficients["std_error"], sp.std_err, rtol=1e-12)  # type: ignore[attr-defined]
    # Kelejian and Prucha (2007): V = (X'X)^-1 X' Psi X (X'X)^-1, Psi_ij = K(d_ij / h_i) e_i e_j
    # with the triangular kernel K(z) = 1 - z (z < 1), h_i the distance to the 6th nearest
    # neighbour (times libpysal's eps 1.0000001), K = 1 on the diagonal.
    xc = np.column_stack([np.ones(len(y)), x])
    beta = np.linalg.lstsq(xc, y[:, 0], rcond=None)[0]
    e = y[:, 0] - xc @ beta
    dist = np.sqrt(((coords[:, None, :] - coords[None, :, :]) ** 2).sum(axis=2))
    h = np.sort(dist, axis=1)[:, 6] * 1.0000001
    z = dist / h[:, None]
    k = np.where(z < 1, 1 - z, 0.0)
    np.fill_diagonal(k, 1.0)
    xtx_inv = np.linalg.inv(xc.T @ xc)
    v = xtx_inv @ (xc.T @ (k * np.outer(e, e)) @ xc) @ xtx_inv
    np.testing.assert_allclose(res.coefficients["std_error"], np.sqrt(np.diag(v)), rtol=1e-8)
    with pytest.raises(ValueError, match="hac_k="):
        fit(FORMULAS["prefectures"], gdf, robust="hac")
    with pytest.raises(ValueError, match="from 1 to n - 1 = 46"):
        fit(FORMULAS["prefectures"], gdf, robust="hac", hac_k=47)
    with pytest.raises(TypeError, match="GeoDataFrame"):
        fit(FORMULAS["prefectures"], pd.DataFrame(gdf.drop(columns="geometry")),
            robust="hac", hac_k=6)


def test_option_errors() -> None:
    data, graph = _load("lattice")
    with pytest.raises(ValueError, match="maximum likelihood"):
        fit("y ~ x1", data, model="lag", weights=graph, transformation="b")
    with pytest.raises(ValueError, match="OLS and the GM lag"):
        fit("y ~ x1", data, model="error", method="gm", weights=graph, robust="white")
    with pytest.raises(ValueError, match="w_lags applies"):
        fit("y ~ x1", data, weights=graph, w_lags=2)
    with pytest.raises(ValueError, match="w_lags must be"):
        fit("y ~ x1", data, model="lag", method="gm", weights=graph, w_lags=0)
    with pytest.raises(ValueError, match="transformation must"):
        fit("y ~ x1", data, weights=graph, transformation="v")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="robust must"):
        fit("y ~ x1", data, robust="hc3")  # type: ignore[arg-type]


def test_robust_gm_lag_white_matches_spreg() -> None:
    data, graph = _load("lattice")
    w = _spreg_w(data, graph, "r")
    sp = _quiet_spreg(spreg.GM_Lag, data[["y"]].to_numpy(), data[["x1", "x2"]].to_numpy(),
                      w=w, w_lags=1, robust="white")
    res: RegressionResult = fit("y ~ x1 + x2", data, model="lag", method="gm", weights=graph,
                                robust="white")
    np.testing.assert_allclose(res.coefficients["std_error"], sp.std_err, rtol=1e-12)  # type: ignore[attr-defined]


def test_compare_models_exports_with_options() -> None:
    from jregion.regression import compare_models

    data, graph = _load("lattice")
    ols = fit("y ~ x1 + x2", data, weights=graph)
    lag = fit("y ~ x1 + x2", data, model="lag", weights=graph)
    cmp = compare_models([ols, lag], names=["A & B", "<lag>"])
    table = cmp.to_frame()
    assert table.loc[("LM lag", "statistic"), "A & B"] == ols.diagnostics.loc["LM lag",
                                                                              "statistic"]
    assert np.isnan(table.loc[("LM lag", "statistic"), "<lag>"])
    md = cmp.to_markdown(digits=2)
    assert "LM lag" not in md and "***" in md  # diagnostics off, stars on by default
    plain = cmp.to_markdown(digits=2, stars=False, diagnostics=True)
    assert "*" not in plain.replace("* p", "")
    jb = ols.diagnostics.loc["Jarque-Bera"]
    assert f"| Jarque-Bera | {jb['statistic']:.2f} [{jb['p_value']:.2f}] |  |" in plain
    assert plain.endswith("Diagnostics: statistic [p-value].")
    tex = cmp.to_latex(diagnostics=True)
    assert tex.count(r"\midrule") == 3 and r"Moran's I (residuals) & " in tex
    page = cmp.to_html(stars=False, diagnostics=True)
    assert "<th>A &amp; B</th>" in page and "<th>&lt;lag&gt;</th>" in page
    assert "<th style='text-align:left'>White</th>" in page and "***" not in page


@pytest.mark.parametrize("name", list(FORMULAS))
def test_ols_without_intercept_against_r(name: str, r_ref: pd.DataFrame) -> None:
    data, graph = _load(name)
    y, rhs = FORMULAS[name].split(" ~ ")
    res = fit(f"{y} ~ {rhs} - 1", data, weights=graph)
    assert "const" not in res.coefficients.index
    for q in ("estimate", "std_error"):
        ref = _ref(r_ref, name, "ols_noint", q)
        np.testing.assert_allclose(res.coefficients.loc[ref.index, q], ref, rtol=1e-10)
    for q in ("r2", "adj_r2", "log_likelihood"):
        assert res.fit[q] == pytest.approx(_ref(r_ref, name, "ols_noint", q).iloc[0], rel=1e-10)
    stat = _ref(r_ref, name, "ols_noint", "statistic")
    for test in ("F test", "Jarque-Bera", "Breusch-Pagan", "Koenker-Bassett", "White",
                 "Condition number"):
        assert res.diagnostics.loc[test, "statistic"] == pytest.approx(stat[test],
                                                                       rel=1e-9), test
    assert res.diagnostics.loc["F test", "p_value"] == pytest.approx(
        _ref(r_ref, name, "ols_noint", "p_value")["F test"], rel=1e-9)
    for t, mine in LM_NAMES.items():
        assert res.diagnostics.loc[mine, "statistic"] == pytest.approx(stat[t], rel=1e-8), t
    moran = res.diagnostics.loc["Moran's I (residuals)"]
    for mine, q in (("statistic", "I"), ("expected", "expectation"), ("variance", "variance")):
        assert moran[mine] == pytest.approx(_ref(r_ref, name, "ols_noint", q)["moran"],
                                            rel=1e-8), q
    white = fit(f"{y} ~ {rhs} - 1", data, robust="white")
    ref = _ref(r_ref, name, "ols_noint", "white_std_error")
    np.testing.assert_allclose(white.coefficients.loc[ref.index, "std_error"], ref, rtol=1e-10)
    with pytest.raises(FormulaError, match="only OLS allows"):
        fit(f"{y} ~ {rhs} - 1", data, model="lag", weights=graph)
