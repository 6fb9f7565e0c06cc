"""Theil index and its between/within decomposition: hand-worked example, exactness, schemes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import jregion

CODES = list(jregion.PREFECTURE_CODES)

# non-negative amounts: zero or between 1e-6 and 1e6 (subnormals make the O(n^2)
# reference formula itself lose precision)
COUNTS = st.one_of(st.just(0.0), st.floats(1e-6, 1e6))


def test_theil_hand_worked_1234() -> None:
    # Theil (1967), Economics and Information Theory: T = (1/n) sum (y_i/mu) ln(y_i/mu).
    # y = (1, 2, 3, 4), mu = 2.5: y/mu = (0.4, 0.8, 1.2, 1.6); terms -0.366516, -0.178515,
    # 0.218786, 0.752006; sum 0.425761; / 4 = 0.106440.
    expected = (0.4 * math.log(0.4) + 0.8 * math.log(0.8) + 1.2 * math.log(1.2)
                + 1.6 * math.log(1.6)) / 4
    assert expected == pytest.approx(0.106440, abs=1e-6)
    assert jregion.theil(pd.Series([1, 2, 3, 4])) == pytest.approx(expected, abs=1e-15)


def test_theil_decomposition_hand_worked() -> None:
    # Groups A = {1, 2}, B = {3, 4} of y = (1, 2, 3, 4), unweighted (Shorrocks 1980):
    # S_A = 3/10, S_B = 7/10, P_A = P_B = 1/2.
    # between = 0.3 ln(0.6) + 0.7 ln(1.4)
    # T_A = 1/3 ln(2/3) + 2/3 ln(4/3); T_B = 3/7 ln(6/7) + 4/7 ln(8/7)
    # within = 0.3 T_A + 0.7 T_B
    between = 0.3 * math.log(0.6) + 0.7 * math.log(1.4)
    t_a = (1 / 3) * math.log(2 / 3) + (2 / 3) * math.log(4 / 3)
    t_b = (3 / 7) * math.log(6 / 7) + (4 / 7) * math.log(8 / 7)
    x = pd.Series([1.0, 2.0, 3.0, 4.0], index=list("abcd"), name="x")
    groups = pd.Series(["A", "A", "B", "B"], index=list("abcd"))
    d = jregion.theil_decomposition(x, groups=groups)
    assert d.between["x"] == pytest.approx(between, abs=1e-15)
    assert d.within["x"] == pytest.approx(0.3 * t_a + 0.7 * t_b, abs=1e-15)
    assert d.theil_by_group.loc["A", "x"] == pytest.approx(t_a, abs=1e-15)
    assert d.theil_by_group.loc["B", "x"] == pytest.approx(t_b, abs=1e-15)
    assert d.total["x"] == pytest.approx(jregion.theil(x), abs=1e-15)
    assert abs(d.total["x"] - d.between["x"] - d.within["x"]) <= 1e-12
    f = d.to_frame()
    assert f.columns.tolist() == ["total", "between", "within", "between_share"]
    assert d.reference_share.tolist() == [0.5, 0.5]


def test_weighted_theil_hand_worked() -> None:
    # With reference shares p: T = sum s_i ln(s_i / p_i). s = (1/2, 1/2), p = (3/4, 1/4):
    # T = 1/2 ln(2/3) + 1/2 ln(2) = 1/2 ln(4/3)
    x = pd.Series([1.0, 1.0])
    pop = pd.Series([3.0, 1.0])
    assert jregion.theil(x, reference=pop) == pytest.approx(0.5 * math.log(4 / 3), abs=1e-15)


@given(arrays(np.float64, 47, elements=COUNTS),
       arrays(np.float64, 47, elements=st.floats(1, 1e6)),
       st.sampled_from(["eight", "nine", "meti", "tokaido", "pacific_belt"]))
@settings(max_examples=40, deadline=None)
def test_decomposition_sums_to_total_1e12(x: np.ndarray, pop: np.ndarray, scheme: str) -> None:
    if x.sum() <= 0:
        return
    s = pd.Series(x, index=CODES, name="v")
    ref = pd.Series(pop, index=CODES)
    for reference in (None, ref):
        d = jregion.theil_decomposition(s, groups=scheme, reference=reference)
        assert abs(d.total["v"] - (d.between["v"] + d.within["v"])) <= 1e-12
        assert d.total["v"] == pytest.approx(jregion.theil(s, reference=reference), abs=1e-12)
        assert d.between["v"] >= -1e-15 and d.within["v"] >= -1e-15
        assert d.within_by_group["v"].sum() == pytest.approx(d.within["v"], abs=1e-15)


@given(arrays(np.float64, st.integers(2, 30), elements=COUNTS))
@settings(max_examples=60, deadline=None)
def test_theil_bounds_scale_population_principle(x: np.ndarray) -> None:
    if x.sum() <= 0:
        return
    t = jregion.theil(pd.Series(x))
    assert -1e-12 <= t <= math.log(len(x)) + 1e-12
    assert jregion.theil(pd.Series(x * 13.0)) == pytest.approx(t, abs=1e-12)
    assert jregion.theil(pd.Series(np.tile(x, 3))) == pytest.approx(t, abs=1e-12)


def test_decomposition_eight_regions_order_and_many_columns() -> None:
    rng = np.random.default_rng(3)
    df = pd.DataFrame(rng.poisson(50, (47, 6)).astype(float), index=CODES,
                      columns=[f"i{k}" for k in range(6)])
    d = jregion.theil_decomposition(df, groups="eight")
    assert d.within_by_group.index.tolist() == [
        "Hokkaido", "Tohoku", "Kanto", "Chubu", "Kinki", "Chugoku", "Shikoku", "Kyushu"]
    np.testing.assert_allclose(d.total, d.between + d.within, rtol=0, atol=1e-12)
    # Hokkaido is a one-prefecture region: nothing within it
    assert (d.theil_by_group.loc["Hokkaido"] == 0).all()
    # tokaido scheme: two groups; shuffled rows give identical numbers
    cols = ["total", "between", "within"]
    a = jregion.theil_decomposition(df, groups="tokaido").to_frame()[cols]
    b = jregion.theil_decomposition(df.sample(frac=1, random_state=1), groups="tokaido")
    pd.testing.assert_frame_equal(a, b.to_frame()[cols], atol=1e-14, rtol=0)


def test_integer_codes_and_user_mapping() -> None:
    df = pd.DataFrame({"v": np.arange(1, 48, dtype=float)}, index=range(1, 48))
    a = jregion.theil_decomposition(df, groups="tokaido")
    b = jregion.theil_decomposition(df.set_axis(CODES), groups="tokaido")
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    mapping = {c: ("East" if int(c) <= 23 else "West") for c in CODES}
    m = jregion.theil_decomposition(df, groups=mapping)
    assert m.within_by_group.index.tolist() == ["East", "West"]


def test_municipality_level() -> None:
    idx = ["13101", "13102", "27100", "01100"]
    s = pd.Series([10.0, 30.0, 20.0, 5.0], index=idx, name="v")
    with pytest.raises(jregion.CoverageError, match="covers 3 of 47 prefectures"):
        jregion.theil_decomposition(s, groups="eight", level="municipality")
    d = jregion.theil_decomposition(s, groups="eight", level="municipality", coverage="partial")
    assert d.total.attrs["jregion_coverage"]["prefectures"] == ["01", "13", "27"]
    assert d.within_by_group.index.tolist() == ["Hokkaido", "Kanto", "Kinki"]
    assert abs(d.total["v"] - d.between["v"] - d.within["v"]) <= 1e-12
    with pytest.raises(jregion.UnknownCodeError, match="level='municipality'"):
        jregion.theil_decomposition(s, groups="eight")
    with pytest.raises(jregion.UnknownCodeError, match="5- or 6-digit"):
        jregion.theil_decomposition(s.set_axis(["1", "2", "3", "4"]), groups="eight",
                                    level="municipality")


def test_equal_shares_give_exactly_nonnegative_parts() -> None:
    # Hypothesis found equal values where rounding left a part at -1.004e-15
    s = pd.Series(np.full(47, 195084.55937166), index=CODES, name="v")
    ref = pd.Series(np.full(47, 381300.52486361), index=CODES)
    for scheme in ("eight", "nine", "meti", "tokaido", "pacific_belt"):
        for reference in (None, ref):
            d = jregion.theil_decomposition(s, groups=scheme, reference=reference)
            assert d.total["v"] >= 0 and d.between["v"] >= 0 and d.within["v"] >= 0
            assert d.total["v"] == pytest.approx(0.0, abs=1e-12)
