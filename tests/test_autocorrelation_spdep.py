"""jregion's autocorrelation statistics against R's spdep.

Reference values: tests/fixtures/spdep_autocorr/*.csv, written by
    Rscript scripts/r/spdep_autocorr.R
(R 4.2.2, spdep 1.2.7; see VERSIONS.txt). The neighbour lists come from the same run, so
both sides use exactly the same graph.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jregion.autocorrelation import (
    adjust_pvalues,
    bivariate_moran,
    eb_standardise,
    geary,
    general_g,
    join_counts,
    local_g,
    local_geary,
    local_moran,
    moran,
    moran_rate,
)
from jregion.weights import graph_from_edges

FIX = Path(__file__).parent / "fixtures" / "spdep_autocorr"
TOL = 1e-10
STYLE = {"W": "r", "B": "b"}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FIX / name, dtype={"id": str, "focal": str, "neighbor": str},
                       keep_default_na=True)


def _case(case: str) -> tuple[pd.DataFrame, object]:
    values = _read(f"{case}_values.csv").set_index("id")
    edges = _read(f"{case}_edges.csv")
    graph = graph_from_edges(values.index, edges["focal"], edges["neighbor"],
                             np.ones(len(edges)))
    return values, graph


@pytest.fixture(scope="module")
def cases() -> dict[str, tuple[pd.DataFrame, object]]:
    out = {c: _case(c) for c in ("prefectures", "lattice")}
    vals, _ = out["lattice"]
    vals["g"] = vals["x"] + 2.0
    vals, _ = out["prefectures"]
    vals["x"] = vals["density"]
    vals["g"] = vals["pop_m"]
    return out


GLOBAL = _read("global.csv")


def _close(actual: float, expected: float) -> None:
    assert actual == pytest.approx(expected, rel=TOL, abs=TOL)


@pytest.mark.parametrize(
    "row", [r for _, r in GLOBAL[GLOBAL["statistic"].isin(["moran", "geary"])].iterrows()],
    ids=lambda r: f"{r['case']}-{r['statistic']}-{r['style']}-{r['variant']}",
)
def test_moran_geary_match_spdep(cases, row) -> None:
    values, graph = cases[row["case"]]
    fn = moran if row["statistic"] == "moran" else geary
    res = fn(values["x"], graph, transformation=STYLE[row["style"]], permutations=0)
    suffix = "rand" if row["variant"] == "randomisation" else "norm"
    if row["statistic"] == "moran":
        est, exp = res.I, res.expected_I
    else:
        est, exp = res.C, res.expected_C
    _close(est, row["estimate"])
    _close(exp, row["expectation"])
    _close(getattr(res, f"variance_{'I' if fn is moran else 'C'}_{suffix}"), row["variance"])
    _close(getattr(res, f"z_{suffix}"), row["z"])


@pytest.mark.parametrize(
    "row", [r for _, r in GLOBAL[GLOBAL["statistic"] == "general_g"].iterrows()],
    ids=lambda r: f"{r['case']}-{r['style']}",
)
def test_general_g_matches_spdep(cases, row) -> None:
    values, graph = cases[row["case"]]
    res = general_g(values["g"], graph, transformation=STYLE[row["style"]], permutations=0)
    _close(res.G, row["estimate"])
    _close(res.expected_G, row["expectation"])
    _close(res.variance_G, row["variance"])
    _close(res.z, row["z"])


def _glob(stat: str) -> pd.DataFrame:
    return GLOBAL[GLOBAL["statistic"] == stat]


def test_bivariate_and_eb_moran_match_spdep(cases) -> None:
    values, graph = cases["prefectures"]
    rate = np.log(values["jobs"] / values["pop"])
    bv = bivariate_moran(values["density"], rate, graph, permutations=0)
    _close(bv.I, _glob("bivariate_moran")["estimate"].iloc[0])
    ebz = _read("prefectures_eb_z.csv").set_index("id")["eb_z"]
    mine = eb_standardise(values["jobs"], values["pop"])
    np.testing.assert_allclose(mine.to_numpy(), ebz.loc[mine.index].to_numpy(), rtol=1e-12)
    eb = moran_rate(values["jobs"], values["pop"], graph, permutations=0)
    _close(eb.I, _glob("eb_moran")["estimate"].iloc[0])


def test_join_counts_match_spdep(cases) -> None:
    values, graph = cases["prefectures"]
    dense = values["density"] > values["density"].median()
    res = join_counts(dense, graph, permutations=0)
    ref = _glob("join_counts").set_index("variant")
    for label in (False, True):
        row = ref.loc[str(label).upper()]
        got = res.table.loc[label]
        _close(got["joins"], row["estimate"])
        _close(got["expected"], row["expectation"])
        _close(got["variance"], row["variance"])
        _close(got["z"], row["z"])


LOCAL = _read("local.csv")


def _local(case: str, stat: str, variant: str) -> pd.DataFrame:
    sel = LOCAL[(LOCAL["case"] == case) & (LOCAL["statistic"] == stat)
                & (LOCAL["variant"] == variant)]
    return sel.set_index("id")


@pytest.mark.parametrize("case", ["prefectures", "lattice"])
@pytest.mark.parametrize("mlvar", [True, False])
def test_local_moran_matches_spdep(cases, case, mlvar) -> None:
    values, graph = cases[case]
    ref = _local(case, "local_moran", "mlvar" if mlvar else "nomlvar")
    res = local_moran(values["x"], graph, mlvar=mlvar, permutations=0).to_frame()
    res = res.loc[ref.index]
    # Ii to the last bits (same mlvar convention), moments to 1e-10
    np.testing.assert_allclose(res["Ii"], ref["value"], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(res["expected_Ii"], ref["expectation"], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(res["variance_Ii"], ref["variance"], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(res["z_Ii"], ref["z"], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(res["p_norm"], ref["p"], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("case", ["prefectures", "lattice"])
@pytest.mark.parametrize("star", [False, True])
def test_local_g_matches_spdep(cases, case, star) -> None:
    values, graph = cases[case]
    ref = _local(case, "local_g", "gi_star" if star else "gi")
    res = local_g(values["g"], graph, star=star, permutations=0).to_frame().loc[ref.index]
    np.testing.assert_allclose(res["G"], ref["value"], rtol=TOL, atol=1e-15)
    np.testing.assert_allclose(res["expected_G"], ref["expectation"], rtol=TOL, atol=1e-15)
    np.testing.assert_allclose(res["variance_G"], ref["variance"], rtol=TOL, atol=1e-15)
    np.testing.assert_allclose(res["z"], ref["z"], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(res["p_norm"], ref["p"], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("case", ["prefectures", "lattice"])
def test_local_geary_matches_spdep(cases, case) -> None:
    values, graph = cases[case]
    ref = _local(case, "local_geary", "W")
    res = local_geary(values["x"], graph, permutations=0).C.loc[ref.index]
    np.testing.assert_allclose(res, ref["value"], rtol=TOL, atol=1e-15)


def test_adjust_matches_r_p_adjust() -> None:
    ref = _read("padjust.csv").set_index("id")
    np.testing.assert_allclose(adjust_pvalues(ref["p"], method="fdr"), ref["fdr"], rtol=1e-13)
    np.testing.assert_allclose(adjust_pvalues(ref["p"], method="bonferroni"),
                               ref["bonferroni"], rtol=1e-13)


def test_fixture_graph_equals_build_weights_japan(cases, prefs) -> None:
    from jregion.weights import build_weights

    _, ref = cases["prefectures"]
    mine = build_weights(prefs, kind="queen", links="japan")
    a = set(ref.adjacency[ref.adjacency != 0].index)
    b = set(mine.adjacency[mine.adjacency != 0].index)
    assert a == b
