"""Gini, Lorenz curve, HHI, CRn, Hoover, CV and Williamson: hand-worked examples and invariants."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import jregion
from jregion.concentration import InvalidDataError

# non-negative amounts: zero or between 1e-6 and 1e6 (subnormals make the O(n^2)
# reference formula itself lose precision)
COUNTS = st.one_of(st.just(0.0), st.floats(1e-6, 1e6))


def _pairwise_gini(x: np.ndarray, p: np.ndarray | None = None) -> float:
    """The defining double sum (Gini's mean difference), O(n^2), as an independent check."""
    w = np.full(len(x), 1 / len(x)) if p is None else p / p.sum()
    y = x / (np.ones(len(x)) if p is None else p)
    ybar = (w * y).sum()
    return float((w[:, None] * w[None, :] * np.abs(y[:, None] - y[None, :])).sum() / (2 * ybar))


# --- Gini -------------------------------------------------------------------------------


def test_gini_hand_worked_1234() -> None:
    # Sen (1973), On Economic Inequality, ch. 2: G = 1/(2 n^2 mu) sum_i sum_j |y_i - y_j|.
    # y = (1, 2, 3, 4): sum over ordered pairs = 2 * (1+2+3+1+2+1) = 20; n = 4; mu = 2.5
    # G = 20 / (2 * 16 * 2.5) = 0.25
    assert jregion.gini(pd.Series([1.0, 2.0, 3.0, 4.0])) == pytest.approx(0.25, abs=1e-15)


def test_gini_all_in_one_unit_is_n_minus_1_over_n() -> None:
    # complete concentration: G = (n - 1) / n (Sen 1973), here 3/4
    assert jregion.gini(pd.Series([0, 0, 0, 7])) == pytest.approx(0.75, abs=1e-15)
    assert jregion.gini(pd.Series([5, 5, 5, 5])) == 0.0


def test_weighted_gini_hand_worked() -> None:
    # Two regions, population (3, 1) and activity (1, 1): population shares p = (3/4, 1/4),
    # activity per head y = (1/3, 1), national mean per head = 3/4*1/3 + 1/4*1 = 1/2.
    # G = sum_ij p_i p_j |y_i - y_j| / (2 ybar) = 2 * 3/4 * 1/4 * 2/3 / (2 * 1/2) = 1/4.
    # Lorenz: (0,0), (3/4, 1/2), (1, 1); area 3/16 + 3/16 = 3/8; 1 - 2 * 3/8 = 1/4.
    x = pd.Series([1.0, 1.0], index=["a", "b"])
    pop = pd.Series([3.0, 1.0], index=["a", "b"])
    assert jregion.gini(x, reference=pop) == pytest.approx(0.25, abs=1e-15)
    lc = jregion.lorenz_curve(x, reference=pop)
    np.testing.assert_allclose(lc.population_share, [0, 0.75, 1])
    np.testing.assert_allclose(lc.activity_share, [0, 0.5, 1])
    assert lc.order.tolist() == ["a", "b"]
    assert lc.weighted


@given(arrays(np.float64, st.integers(2, 30), elements=COUNTS),
       st.floats(0.001, 1e6))
@settings(max_examples=60, deadline=None)
def test_gini_matches_double_sum_and_invariants(x: np.ndarray, scale: float) -> None:
    if x.sum() <= 0:
        return
    n = len(x)
    g = jregion.gini(pd.Series(x))
    assert g == pytest.approx(_pairwise_gini(x), abs=1e-9)
    assert 0.0 <= g <= (n - 1) / n + 1e-12 < 1.0
    # scale invariance
    assert jregion.gini(pd.Series(x * scale)) == pytest.approx(g, abs=1e-9)
    # population principle (Dalton): replicating every unit k times leaves G unchanged
    assert jregion.gini(pd.Series(np.tile(x, 3))) == pytest.approx(g, abs=1e-9)


@given(arrays(np.float64, st.integers(2, 20), elements=COUNTS),
       arrays(np.float64, 20, elements=st.floats(0.5, 1e4)))
@settings(max_examples=60, deadline=None)
def test_weighted_gini_matches_double_sum(x: np.ndarray, pop: np.ndarray) -> None:
    if x.sum() <= 0:
        return
    p = pop[: len(x)]
    g = jregion.gini(pd.Series(x), reference=pd.Series(p))
    assert g == pytest.approx(_pairwise_gini(x, p), abs=1e-9)
    assert 0.0 <= g < 1.0


def test_lorenz_curve_contract() -> None:
    s = pd.Series([0.0, 0.0, 0.0, 1.0], index=list("abcd"), name="labs")
    lc = jregion.lorenz_curve(s)
    np.testing.assert_allclose(lc.population_share, [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(lc.activity_share, [0, 0, 0, 0, 1])
    assert lc.population_share[0] == 0.0 and lc.activity_share[-1] == 1.0
    assert lc.gini == pytest.approx(0.75)
    assert lc.name == "labs" and lc.order[-1] == "d"
    f = lc.to_frame()
    assert f.columns.tolist() == ["unit", "population_share", "activity_share"]
    assert len(f) == 5 and pd.isna(f["unit"].iloc[0])
    with pytest.raises(TypeError, match="Series"):
        jregion.lorenz_curve(s.to_frame())  # type: ignore[arg-type]


def test_vectorised_equals_per_column() -> None:
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.poisson(20, (40, 5)).astype(float), columns=list("abcde"))
    ref = pd.Series(rng.uniform(1, 10, 40))
    for func in (jregion.gini, jregion.herfindahl, jregion.hoover,
                 jregion.coefficient_of_variation):
        out = func(df)
        assert isinstance(out, pd.Series) and out.index.tolist() == list("abcde")
        for c in df:
            assert out[c] == pytest.approx(func(df[c]), abs=1e-14)
    out = jregion.gini(df, reference=ref)
    for c in df:
        assert out[c] == pytest.approx(jregion.gini(df[c], reference=ref), abs=1e-14)
    w = jregion.williamson(df, population=ref)
    assert w["c"] == pytest.approx(jregion.williamson(df["c"], population=ref), abs=1e-14)


def test_nullable_int_input_and_no_mutation() -> None:
    s = pd.Series([1, 2, 3, 4], dtype="Int64")
    before = s.copy()
    assert jregion.gini(s) == pytest.approx(0.25)
    pd.testing.assert_series_equal(s, before)


# --- HHI and CRn ------------------------------------------------------------------------


def test_hhi_hand_worked_merger_guidelines() -> None:
    # US DOJ/FTC Horizontal Merger Guidelines (2010), section 5.3: four firms with shares
    # 30, 30, 20, 20 percent have an HHI of 2,600 (30^2 + 30^2 + 20^2 + 20^2); here on 0-1.
    s = pd.Series([30, 30, 20, 20])
    assert jregion.herfindahl(s) == pytest.approx(0.26, abs=1e-15)
    # normalised: (0.26 - 1/4) / (1 - 1/4) = 0.01 / 0.75
    assert jregion.herfindahl(s, normalize=True) == pytest.approx(0.01 / 0.75, abs=1e-15)
    assert jregion.concentration_ratio(s, n=2) == pytest.approx(0.6)
    assert jregion.concentration_ratio(s, n=4) == pytest.approx(1.0)
    assert jregion.concentration_ratio(pd.DataFrame({"a": s}), n=1).name == "cr1"


@given(arrays(np.float64, st.integers(1, 30), elements=COUNTS))
@settings(max_examples=60, deadline=None)
def test_hhi_bounds_and_scale(x: np.ndarray) -> None:
    if x.sum() <= 0:
        return
    n = len(x)
    h = jregion.herfindahl(pd.Series(x))
    assert 1 / n - 1e-12 <= h <= 1 + 1e-12
    assert jregion.herfindahl(pd.Series(x * 7.5)) == pytest.approx(h, rel=1e-12)
    # CRn is increasing in n and CR_n = 1 at n = number of units
    crs = [jregion.concentration_ratio(pd.Series(x), n=k) for k in range(1, n + 1)]
    assert all(a <= b + 1e-12 for a, b in itertools.pairwise(crs))
    assert crs[-1] == pytest.approx(1.0)


def test_concentration_ratio_bad_n() -> None:
    s = pd.Series([1, 2, 3])
    for bad in (0, 4, 2.5, True):
        with pytest.raises(InvalidDataError, match="from 1 to 3"):
            jregion.concentration_ratio(s, n=bad)  # type: ignore[arg-type]


# --- Hoover, CV, Williamson -------------------------------------------------------------


def test_hoover_hand_worked() -> None:
    # Hoover (1936): H = 1/2 sum |s_i - p_i|. s = (1/2, 3/10, 1/5), p = 1/3 each:
    # |1/6| + |-1/30| + |-2/15| = 10/30, halved = 1/6.
    s = pd.Series([50, 30, 20])
    assert jregion.hoover(s) == pytest.approx(1 / 6, abs=1e-15)
    # with a reference equal to the activity the index is 0
    assert jregion.hoover(s, reference=s.astype(float)) == pytest.approx(0.0, abs=1e-15)


def test_cv_hand_worked() -> None:
    # (2, 4, 4, 4, 5, 5, 7, 9): mean 5, population standard deviation 2, CV = 0.4
    s = pd.Series([2, 4, 4, 4, 5, 5, 7, 9])
    assert jregion.coefficient_of_variation(s) == pytest.approx(0.4, abs=1e-15)
    # per reference unit: dividing by a constant reference changes nothing
    ref = pd.Series(np.full(8, 3.0))
    assert jregion.coefficient_of_variation(s, reference=ref) == pytest.approx(0.4)


def test_williamson_hand_worked() -> None:
    # Williamson (1965): V_w = sqrt(sum (f_i/F)(y_i - Y)^2) / Y. Population (1, 3), income
    # (2, 3): y = (2, 1), Y = 5/4, variance = 1/4 * (3/4)^2 + 3/4 * (1/4)^2 = 3/16,
    # V_w = sqrt(3)/4 / (5/4) = sqrt(3)/5.
    inc = pd.Series([2.0, 3.0], index=["01", "02"])
    pop = pd.Series([1.0, 3.0], index=["01", "02"])
    assert jregion.williamson(inc, population=pop) == pytest.approx(math.sqrt(3) / 5, abs=1e-15)
    # equal income per head -> 0
    assert jregion.williamson(pop * 2, population=pop) == pytest.approx(0.0, abs=1e-15)


def test_population_principle_cv_hoover() -> None:
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    for func in (jregion.coefficient_of_variation, jregion.hoover):
        assert func(pd.Series(np.tile(x, 4))) == pytest.approx(func(pd.Series(x)), abs=1e-14)


def test_gini_near_the_float_limit_is_computed_in_scaled_form() -> None:
    # the plain total 1e308 + 1e308 + 1 overflows to inf, so every share was 0 and G was 0.0;
    # shares are (1/2, 1/2, ~0): G = 2 * (1*0 + 2*0.5 + 3*0.5) / 3 - 4/3 = 1/3 (hand-worked)
    assert jregion.gini(pd.Series([1e308, 1e308, 1.0])) == pytest.approx(1 / 3)
    assert jregion.herfindahl(pd.Series([1e308, 1e308, 1.0])) == pytest.approx(0.5)
    # the same distribution at an ordinary scale gives the same answer
    assert jregion.gini(pd.Series([1e308, 1e308, 1.0])) == pytest.approx(
        jregion.gini(pd.Series([1.0, 1.0, 1e-308]))
    )
