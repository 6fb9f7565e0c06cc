"""Formulas through formulaic, jregion's missing-value rules, degenerate input, array input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jregion.errors import (
    ConstantValueError,
    FormulaError,
    MissingValueError,
    TooFewObservationsError,
    UnmatchedKeyError,
)
from jregion.regression import fit
from jregion.weights import graph_from_edges

FIXTURES = Path(__file__).parent / "fixtures" / "spdep_regression"


@pytest.fixture(scope="module")
def lattice() -> tuple[pd.DataFrame, object]:
    data = pd.read_csv(FIXTURES / "lattice_data.csv", dtype={"id": str}).set_index("id")
    edges = pd.read_csv(FIXTURES / "lattice_edges.csv", dtype=str)
    graph = graph_from_edges(data.index, edges["focal"], edges["neighbor"],
                             np.ones(len(edges)))
    # positive variables and a three-level group, derived from the fixture
    data = data.assign(p=np.exp(data["x1"]), q=data["x2"] + 5.0,
                       region=np.array(["a", "b", "c"])[np.arange(len(data)) % 3])
    return data, graph


def test_transforms_equal_precomputed_columns(lattice: tuple[pd.DataFrame, object]) -> None:
    data, graph = lattice
    by_formula = fit("np.log(q) ~ np.log(p) + I(x2**2) + x1:x2", data, weights=graph)
    pre = data.assign(lq=np.log(data["q"]), lp=np.log(data["p"]), x2sq=data["x2"] ** 2,
                      x1x2=data["x1"] * data["x2"])
    by_hand = fit("lq ~ lp + x2sq + x1x2", pre, weights=graph)
    assert by_formula.x_names == ("np.log(p)", "I(x2 ** 2)", "x1:x2")
    assert by_formula.y_name == "np.log(q)"
    np.testing.assert_allclose(by_formula.coefficients.to_numpy(),
                               by_hand.coefficients.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(by_formula.diagnostics.to_numpy(),
                               by_hand.diagnostics.to_numpy(), rtol=1e-10, equal_nan=True)
    assert by_formula.residuals.index.equals(data.index)


def test_categorical_and_interaction(lattice: tuple[pd.DataFrame, object]) -> None:
    data, _ = lattice
    res = fit("y ~ x1 * C(region)", data)
    names = ("x1", "C(region)[T.b]", "C(region)[T.c]", "x1:C(region)[T.b]",
             "x1:C(region)[T.c]")
    assert res.x_names == names
    # same as least squares on explicit treatment dummies (reference level "a")
    b, c = (data["region"] == "b").astype(float), (data["region"] == "c").astype(float)
    xmat = np.column_stack([np.ones(len(data)), data["x1"], b, c, data["x1"] * b,
                            data["x1"] * c])
    beta = np.linalg.lstsq(xmat, data["y"].to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(res.coefficients["estimate"], beta, rtol=1e-10)
    # a string column used bare is categorical, as in R
    bare = fit("y ~ x1 + region", data)
    np.testing.assert_allclose(bare.coefficients["estimate"],
                               fit("y ~ x1 + C(region)", data).coefficients["estimate"])


def test_rows_are_never_dropped(lattice: tuple[pd.DataFrame, object]) -> None:
    data, graph = lattice
    gap = data.copy()
    gap.loc["c2_2", "region"] = None
    with pytest.raises(MissingValueError, match=r"1 of 81 rows .*'region' in rows \['c2_2'\]"):
        fit("y ~ C(region)", gap)
    zero = data.copy()
    zero.loc[["c0_0", "c1_1"], "p"] = 0.0
    # np.log(0) = -inf after evaluation: named by the evaluated column, rows counted
    with pytest.raises(MissingValueError, match=r"2 of 81 rows .*'np.log\(p\)' in rows "
                                                r"\['c0_0', 'c1_1'\]"):
        fit("y ~ np.log(p)", zero, weights=graph)
    before = data.copy()
    fit("np.log(q) ~ np.log(p) + C(region)", data)
    pd.testing.assert_frame_equal(data, before)


def test_formula_errors(lattice: tuple[pd.DataFrame, object]) -> None:
    data, graph = lattice
    with pytest.raises(FormulaError, match=r"uses \['nope'\], which are not columns"):
        fit("y ~ x1 + nope", data)
    with pytest.raises(FormulaError, match="only OLS allows"):
        fit("y ~ x1 - 1", data, model="error", weights=graph)
    with pytest.raises(FormulaError, match="cannot evaluate"):
        fit("y ~ np.nosuch(x1)", data)
    with pytest.raises(ValueError, match=r"\['k'\] are constant"):
        fit("y ~ x1 + k", data.assign(k=2.0))


def test_constant_y_and_too_few_rows(lattice: tuple[pd.DataFrame, object]) -> None:
    data, _ = lattice
    # issue 23 item 8: constant y gave t = 5e15; 2 rows gave NaN standard errors
    with pytest.raises(ConstantValueError, match="'c' is constant"):
        fit("c ~ x1", data.assign(c=3.0))
    with pytest.raises(TooFewObservationsError, match="n = 2 rows for k = 2 parameters"):
        fit("y ~ x1", data.iloc[:2])
    with pytest.raises(TooFewObservationsError, match="n = 3 rows for k = 3 parameters"):
        fit("y ~ x1 + x2", data.iloc[:3])
    assert fit("y ~ x1 + x2", data.iloc[:4]).n == 4
    # the lag model has one more parameter (rho)
    small = data.iloc[:3]
    sub = graph_from_edges(small.index, ["c0_0", "c0_1", "c0_1", "c0_2"],
                           ["c0_1", "c0_0", "c0_2", "c0_1"], np.ones(4))
    with pytest.raises(TooFewObservationsError, match="n = 3 rows for k = 3 parameters"):
        fit("y ~ x1", small, model="lag", method="gm", weights=sub)


def test_arrays_and_lists(lattice: tuple[pd.DataFrame, object]) -> None:
    data, graph = lattice
    arrays = {"y": data["y"].to_numpy(), "x1": data["x1"].tolist()}
    res = fit("y ~ x1", arrays)
    assert res.residuals.index.equals(pd.RangeIndex(81))
    np.testing.assert_allclose(res.coefficients["estimate"],
                               fit("y ~ x1", data).coefficients["estimate"], rtol=1e-13)
    positional = graph_from_edges(pd.RangeIndex(81),
                                  data.index.get_indexer(graph.adjacency.index.get_level_values(0)),  # type: ignore[attr-defined]
                                  data.index.get_indexer(graph.adjacency.index.get_level_values(1)),  # type: ignore[attr-defined]
                                  np.ones(len(graph.adjacency)))  # type: ignore[attr-defined]
    lag = fit("y ~ x1", arrays, model="lag", weights=positional)
    np.testing.assert_allclose(
        lag.coefficients["estimate"],
        fit("y ~ x1", data, model="lag", weights=graph).coefficients["estimate"], rtol=1e-12)
    with pytest.raises(UnmatchedKeyError, match=r"positions 0..n-1: pass a DataFrame indexed"):
        fit("y ~ x1", arrays, weights=graph)
    with pytest.raises(ValueError, match="different lengths"):
        fit("y ~ x1", {"y": [1.0, 2.0, 3.0], "x1": [1.0, 2.0]})
    with pytest.raises(TypeError, match="1-D"):
        fit("y ~ x1", {"y": np.ones(4), "x1": np.ones((4, 2))})
    with pytest.raises(TypeError, match="dict of equal-length arrays"):
        fit("y ~ x1", np.ones((4, 2)))
