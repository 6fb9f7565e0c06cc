"""Location quotients (raw, empirical Bayes, spatial lag), Krugman indices, Ellison-Glaeser."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import jregion
from jregion.concentration import InvalidDataError

# A two-region, two-industry table worked by hand below.
#            ind1  ind2 | total
#   A          20    80 |  100
#   B          30    70 |  100
#   total      50   150 |  200
TABLE = pd.DataFrame({"ind1": [20, 30], "ind2": [80, 70]}, index=["A", "B"])


def test_lq_hand_worked() -> None:
    # Isard (1960), Methods of Regional Analysis, ch. 7: LQ_rj = (x_rj / x_r.) / (x_.j / x_..)
    # A, ind1: (20/100) / (50/200) = 0.8; B, ind1: 0.3 / 0.25 = 1.2
    # A, ind2: 0.8 / 0.75 = 16/15;        B, ind2: 0.7 / 0.75 = 14/15
    lq = jregion.location_quotient(TABLE)
    expected = pd.DataFrame({"ind1": [0.8, 1.2], "ind2": [16 / 15, 14 / 15]}, index=["A", "B"])
    pd.testing.assert_frame_equal(lq, expected, atol=1e-15, rtol=0)
    # single activity with an explicit base gives the same column
    one = jregion.location_quotient(TABLE["ind1"], reference=TABLE.sum(axis=1))
    assert one.name == "ind1"
    np.testing.assert_allclose(one, [0.8, 1.2], atol=1e-15)


@given(arrays(np.float64, (6, 4), elements=st.floats(1, 1e5)), st.floats(0.01, 100))
@settings(max_examples=50, deadline=None)
def test_lq_invariants(x: np.ndarray, c: float) -> None:
    df = pd.DataFrame(x, columns=list("abcd"))
    lq = jregion.location_quotient(df)
    # scale invariance
    pd.testing.assert_frame_equal(jregion.location_quotient(df * c), lq, rtol=1e-9)
    # the base-weighted mean of each column is 1: sum_r (b_r/B) LQ_rj = 1
    b = x.sum(axis=1) / x.sum()
    np.testing.assert_allclose((lq.to_numpy() * b[:, None]).sum(axis=0), 1.0, rtol=1e-12)
    # population principle: duplicating every unit leaves each LQ unchanged
    twice = jregion.location_quotient(pd.concat([df, df], ignore_index=True))
    np.testing.assert_allclose(twice.to_numpy()[:6], lq.to_numpy(), rtol=1e-12)


def test_lq_aligned_to_shuffled_input() -> None:
    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.poisson(30, (47, 3)) + 1, index=list(jregion.PREFECTURE_CODES),
                      columns=["x", "y", "z"])
    shuffled = df.sample(frac=1, random_state=2)
    out = jregion.location_quotient(shuffled)
    assert out.index.equals(shuffled.index)
    pd.testing.assert_frame_equal(out.loc[df.index], jregion.location_quotient(df))


def test_empirical_bayes_matches_esda() -> None:
    # esda.smoothing.Empirical_Bayes implements Marshall (1991) for rates e/b; with
    # e = observed counts and b = expected counts, the rate is the LQ.
    from esda.smoothing import Empirical_Bayes

    x = pd.DataFrame({"v": [2, 30, 5, 60, 1, 12], "w": [50, 40, 60, 45, 55, 52]})
    ref = pd.Series([100.0, 150.0, 80.0, 200.0, 30.0, 90.0])
    eb = jregion.location_quotient(x, reference=ref, stabilise="empirical_bayes")
    for col in x:
        expected = ref / ref.sum() * x[col].sum()
        r = Empirical_Bayes(x[col].to_numpy(float), expected.to_numpy()).r.ravel()
        np.testing.assert_allclose(eb[col].to_numpy(), r, rtol=1e-12)
    # shrinkage moves every LQ towards 1, most where little is expected
    raw = jregion.location_quotient(x, reference=ref)
    assert ((eb["v"] - 1).abs() <= (raw["v"] - 1).abs() + 1e-15).all()


def test_empirical_bayes_truncates_negative_prior_variance() -> None:
    # Marshall (1991): if s^2 < m / mean(E) the prior variance is set to 0 and every
    # estimate is the global mean (here LQ = 1). esda does not truncate; jregion does.
    x = pd.Series([10, 11, 9, 10], dtype=float, name="v")
    ref = pd.Series([1.0, 1.0, 1.0, 1.0])
    eb = jregion.location_quotient(x, reference=ref, stabilise="empirical_bayes")
    np.testing.assert_allclose(eb, 1.0)
    with pytest.raises(ValueError, match="stabilise"):
        jregion.location_quotient(x, reference=ref, stabilise="bayes")  # type: ignore[arg-type]


def test_lq_errors() -> None:
    with pytest.raises(InvalidDataError, match="reference="):
        jregion.location_quotient(TABLE["ind1"])
    with pytest.raises(InvalidDataError, match="no activity in any column"):
        jregion.location_quotient(pd.DataFrame({"a": [0, 1], "b": [0, 2]}))
    with pytest.raises(jregion.UnmatchedKeyError, match="not in reference"):
        jregion.location_quotient(TABLE, reference=pd.Series([1.0, 2.0], index=["A", "C"]))
    with pytest.raises(InvalidDataError, match="positive"):
        jregion.location_quotient(TABLE, reference=pd.Series([1.0, 0.0], index=["A", "B"]))


def test_spatial_lq_is_neighbour_mean() -> None:
    from libpysal.graph import Graph

    # a path a - b - c: row-standardised lag of LQ is (LQ_b, (LQ_a + LQ_c)/2, LQ_b)
    df = pd.DataFrame({"x": [10.0, 20.0, 30.0], "y": [30.0, 20.0, 10.0]}, index=list("abc"))
    g = Graph.from_dicts({"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    lq = jregion.location_quotient(df)
    slq = jregion.spatial_location_quotient(df, g)
    assert slq.loc["a", "x"] == pytest.approx(lq.loc["b", "x"])
    assert slq.loc["b", "x"] == pytest.approx((lq.loc["a", "x"] + lq.loc["c", "x"]) / 2)
    s = jregion.spatial_location_quotient(df["x"], g, reference=df.sum(axis=1))
    np.testing.assert_allclose(s.to_numpy(), slq["x"].to_numpy())
    g2 = Graph.from_dicts({"a": ["b"], "b": ["a"]})
    with pytest.raises(jregion.UnmatchedKeyError, match="graph ids"):
        jregion.spatial_location_quotient(df, g2)
    with pytest.raises(TypeError, match="libpysal"):
        jregion.spatial_location_quotient(df, {"a": ["b"]})


def test_krugman_hand_worked() -> None:
    # Krugman (1991), Geography and Trade, appendix D: sum_j |s_rj - s_j|.
    # A's structure (0.2, 0.8) vs nation (0.25, 0.75): 0.05 + 0.05 = 0.1; B likewise 0.1.
    k = jregion.krugman_specialisation(TABLE)
    np.testing.assert_allclose(k.to_numpy(), [0.1, 0.1], atol=1e-15)
    # vs the rest of the country: A (0.2, 0.8) vs B (0.3, 0.7) = 0.2
    kr = jregion.krugman_specialisation(TABLE, versus="rest")
    np.testing.assert_allclose(kr.to_numpy(), [0.2, 0.2], atol=1e-15)
    # concentration: ind1 over regions (0.4, 0.6) vs all activity (0.5, 0.5) = 0.2;
    # ind2 (80/150, 70/150) vs (0.5, 0.5) = 1/30 + 1/30 = 1/15
    c = jregion.krugman_concentration(TABLE)
    np.testing.assert_allclose(c.to_numpy(), [0.2, 1 / 15], atol=1e-15)
    assert c.name == "krugman_concentration" and c.index.tolist() == ["ind1", "ind2"]
    # concentration vs the other industries: ind1 (0.4, 0.6) vs ind2 (80/150, 70/150)
    cr = jregion.krugman_concentration(TABLE, versus="rest")
    np.testing.assert_allclose(cr.to_numpy(), [2 * (8 / 15 - 0.4)] * 2, atol=1e-15)
    with pytest.raises(InvalidDataError, match="two industry"):
        jregion.krugman_specialisation(TABLE[["ind1"]])
    with pytest.raises(TypeError, match="DataFrame"):
        jregion.krugman_concentration(TABLE["ind1"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="versus"):
        jregion.krugman_concentration(TABLE, versus="world")  # type: ignore[arg-type]


@given(arrays(np.float64, (5, 4), elements=st.floats(0.1, 1e4)))
@settings(max_examples=40, deadline=None)
def test_krugman_bounds(x: np.ndarray) -> None:
    df = pd.DataFrame(x)
    for k in (jregion.krugman_specialisation(df), jregion.krugman_concentration(df)):
        assert ((k >= 0) & (k < 2)).all()


# --- Ellison-Glaeser ----------------------------------------------------------------------

EG = pd.DataFrame({"ind1": [80, 20], "ind2": [20, 80]}, index=["A", "B"])


def test_ellison_glaeser_hand_worked() -> None:
    # Ellison and Glaeser (1997), eq. 5. Row totals (100, 100): x = (0.5, 0.5),
    # 1 - sum x^2 = 0.5. ind1: s = (0.8, 0.2), G = 0.3^2 + 0.3^2 = 0.18.
    # H = 0.1: gamma = (0.18 - 0.5 * 0.1) / (0.5 * 0.9) = 0.13 / 0.45 = 13/45.
    # ind2: same G, H = 0: gamma = 0.18 / 0.5 = 0.36.
    h = pd.Series({"ind2": 0.0, "ind1": 0.1})
    g = jregion.ellison_glaeser(EG, plant_herfindahl=h)
    np.testing.assert_allclose(g.to_numpy(), [13 / 45, 0.36], atol=1e-15)
    assert g.name == "ellison_glaeser"
    # an explicit aggregate (reference) replaces the row totals
    g2 = jregion.ellison_glaeser(EG[["ind1"]], plant_herfindahl=h[["ind1"]],
                                 reference=pd.Series([1.0, 1.0], index=["A", "B"]))
    assert g2["ind1"] == pytest.approx(13 / 45, abs=1e-15)


def test_ellison_glaeser_zero_when_industry_mirrors_aggregate() -> None:
    # s = x gives G = 0 and gamma = -H / (1 - H)
    df = pd.DataFrame({"a": [10, 30, 60], "b": [20, 60, 120]})
    g = jregion.ellison_glaeser(df, plant_herfindahl=pd.Series({"a": 0.2, "b": 0.0}))
    np.testing.assert_allclose(g.to_numpy(), [-0.2 / 0.8, 0.0], atol=1e-15)


def test_ellison_glaeser_errors() -> None:
    with pytest.raises(jregion.UnmatchedKeyError, match="one value per industry"):
        jregion.ellison_glaeser(EG, plant_herfindahl=pd.Series({"ind1": 0.1}))
    with pytest.raises(InvalidDataError, match=r"\[0, 1\)"):
        jregion.ellison_glaeser(EG, plant_herfindahl=pd.Series({"ind1": 1.0, "ind2": 0.1}))
    with pytest.raises(jregion.MissingValueError):
        jregion.ellison_glaeser(EG, plant_herfindahl=pd.Series({"ind1": np.nan, "ind2": 0.1}))
    with pytest.raises(TypeError, match="Series indexed by industry"):
        jregion.ellison_glaeser(EG, plant_herfindahl={"ind1": 0.1})  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="reference="):
        jregion.ellison_glaeser(EG[["ind1"]], plant_herfindahl=pd.Series({"ind1": 0.1}))


def test_coagglomeration_hand_worked() -> None:
    # Ellison, Glaeser and Kerr (2010), eq. 2: sum_r (s_ri - x_r)(s_rj - x_r) / (1 - sum x^2)
    # ind1 - x = (0.3, -0.3), ind2 - x = (-0.3, 0.3): (-0.09 - 0.09) / 0.5 = -0.36
    c = jregion.coagglomeration(EG)
    assert c.loc["ind1", "ind2"] == pytest.approx(-0.36, abs=1e-15)
    assert c.loc["ind2", "ind1"] == c.loc["ind1", "ind2"]
    assert np.isnan(c.loc["ind1", "ind1"])
    with pytest.raises(InvalidDataError, match="at least two"):
        jregion.coagglomeration(EG[["ind1"]], reference=pd.Series([1.0, 1.0], index=["A", "B"]))


def test_group_coagglomeration_hand_worked() -> None:
    # Ellison and Glaeser (1997), section 5. EG table: group totals (100, 100) = x, so G = 0;
    # w = (1/2, 1/2); H = 1/4 * 0.1 + 1/4 * 0 = 0.025; gamma = (13/45, 0.36);
    # sum gamma_j w_j^2 (1 - H_j) = 1/4 * 13/45 * 0.9 + 1/4 * 0.36 = 0.065 + 0.09 = 0.155;
    # gamma^c = (0 - 0.025 - 0.155) / (1 - 1/2) = -0.36, the pairwise EGK value.
    h = pd.Series({"ind1": 0.1, "ind2": 0.0})
    gc = jregion.group_coagglomeration(EG, plant_herfindahl=h)
    assert gc == pytest.approx(-0.36, abs=1e-15)
    assert gc == pytest.approx(jregion.coagglomeration(EG).loc["ind1", "ind2"], abs=1e-15)
    with pytest.raises(InvalidDataError, match="at least two"):
        jregion.group_coagglomeration(EG[["ind1"]], plant_herfindahl=h[["ind1"]],
                                      reference=pd.Series([1.0, 1.0], index=["A", "B"]))


@given(arrays(np.float64, (6, 2), elements=st.floats(1, 1e4)),
       arrays(np.float64, 6, elements=st.floats(1, 1e4)))
@settings(max_examples=40, deadline=None)
def test_group_of_two_equals_pairwise(x: np.ndarray, ref: np.ndarray) -> None:
    # With two industries the EG (1997) group index reduces algebraically to the pairwise
    # formula of Ellison, Glaeser and Kerr (2010), whatever the plant Herfindahls: the
    # H terms cancel. Checked here on random tables.
    df = pd.DataFrame(x, columns=["a", "b"])
    r = pd.Series(ref)
    h = pd.Series({"a": 0.3, "b": 0.05})
    pair = jregion.coagglomeration(df, reference=r).loc["a", "b"]
    assert jregion.group_coagglomeration(df, plant_herfindahl=h, reference=r) == pytest.approx(
        pair, abs=1e-9)
