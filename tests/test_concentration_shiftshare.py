"""Shift-share, share change, region shares and primacy ratios."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import jregion

CODES = list(jregion.PREFECTURE_CODES)

# Hand-worked example (two regions, two industries):
#   start: A (100, 200), B (300, 400)  -> national 1000; ind1 400, ind2 600
#   end:   A (120, 190), B (330, 420)  -> national 1060; ind1 450, ind2 610
START = pd.DataFrame({"ind1": [100, 300], "ind2": [200, 400]}, index=["A", "B"])
END = pd.DataFrame({"ind1": [120, 330], "ind2": [190, 420]}, index=["A", "B"])


def test_shift_share_hand_worked() -> None:
    # Dunn (1960); Stevens and Moore (1980). g = 0.06, g1 = 50/400 = 0.125, g2 = 10/600 = 1/60.
    # A: NS = 300 * 0.06 = 18
    #    IM = 100 (0.125 - 0.06) + 200 (1/60 - 0.06) = 6.5 - 26/3 = -13/6
    #    RS = (120 - 112.5) + (190 - 200 * 61/60) = 7.5 - 40/3 = -35/6
    #    NS + IM + RS = 10 = 310 - 300
    # B: NS = 42, IM = 13/6, RS = 35/6, total 50
    ss = jregion.shift_share(START, END)
    assert ss.national_growth == pytest.approx(0.06, abs=1e-15)
    np.testing.assert_allclose(ss.industry_growth.to_numpy(), [0.125, 1 / 60], atol=1e-15)
    np.testing.assert_allclose(ss.national.to_numpy(), [18, 42], atol=1e-12)
    np.testing.assert_allclose(ss.industry_mix.to_numpy(), [-13 / 6, 13 / 6], atol=1e-12)
    np.testing.assert_allclose(ss.regional_share.to_numpy(), [-35 / 6, 35 / 6], atol=1e-12)
    np.testing.assert_allclose(ss.change.to_numpy(), [10, 50])
    f = ss.to_frame()
    np.testing.assert_allclose(f["national"] + f["industry_mix"] + f["regional_share"],
                               f["change"], atol=1e-12)
    assert ss.regional_share_by_industry.loc["A", "ind1"] == pytest.approx(7.5)


def test_share_change_hand_worked() -> None:
    # s0_A = 0.3, s1_A = 310/1060; change = (IM + RS) / X1 = (-13/6 - 35/6) / 1060 = -8/1060
    sc = jregion.share_change(START, END)
    assert sc.share_start["A"] == pytest.approx(0.3)
    assert sc.change["A"] == pytest.approx(310 / 1060 - 0.3, abs=1e-15)
    assert sc.change["A"] == pytest.approx(-8 / 1060, abs=1e-15)
    assert sc.industry_mix["A"] == pytest.approx(-13 / 6 / 1060, abs=1e-15)
    assert sc.regional_share["A"] == pytest.approx(-35 / 6 / 1060, abs=1e-15)
    f = sc.to_frame()
    np.testing.assert_allclose(f["industry_mix"] + f["regional_share"], f["change"], atol=1e-15)
    assert sc.growth["A"] == pytest.approx(10 / 300)
    assert f["change"].sum() == pytest.approx(0.0, abs=1e-15)


def test_single_activity_has_no_mix() -> None:
    # with one activity: change = s0 (g_r - g) / (1 + g)
    a = pd.Series([100.0, 300.0], index=["A", "B"], name=1990)
    b = pd.Series([90.0, 330.0], index=["A", "B"], name=2005)
    sc = jregion.share_change(a, b)
    assert (sc.industry_mix == 0).all()
    g, g_a = 20 / 400, -0.1
    assert sc.change["A"] == pytest.approx(0.25 * (g_a - g) / (1 + g), abs=1e-15)


def test_shift_share_grouped_by_scheme_equals_pre_aggregated() -> None:
    rng = np.random.default_rng(5)
    s0 = pd.DataFrame(rng.integers(50, 500, (47, 3)), index=CODES, columns=list("xyz"))
    s1 = pd.DataFrame(rng.integers(50, 500, (47, 3)), index=CODES, columns=list("xyz"))
    regions = jregion.region_of(s0.index, scheme="meti").to_numpy()
    agg0 = s0.groupby(regions, observed=True).sum()
    agg1 = s1.groupby(regions, observed=True).sum()
    a = jregion.shift_share(s0, s1, groups="meti").to_frame()
    b = jregion.shift_share(agg0, agg1).to_frame()
    b.index = b.index.astype(str).rename("region")
    pd.testing.assert_frame_equal(a, b.loc[a.index])
    assert a.index.tolist()[:3] == ["Hokkaido", "Tohoku", "Kanto"]


def test_shift_share_errors() -> None:
    with pytest.raises(jregion.UnmatchedKeyError, match="different columns"):
        jregion.shift_share(START, END.rename(columns={"ind2": "other"}))
    with pytest.raises(jregion.UnmatchedKeyError, match="different index"):
        jregion.shift_share(START, END.set_axis(["A", "C"]))
    with pytest.raises(TypeError, match="both be Series"):
        jregion.shift_share(START, END["ind1"])
    with pytest.raises(jregion.InvalidDataError, match="sum to zero"):
        jregion.shift_share(START.assign(ind3=0), END.assign(ind3=5))


# --- region shares and primacy ------------------------------------------------------------


def test_region_shares_uniform() -> None:
    # one unit per prefecture: each region's share is its number of prefectures / 47
    ones = pd.Series(1.0, index=CODES, name="v")
    eight = jregion.region_shares(ones)
    assert eight["Kanto"] == pytest.approx(7 / 47)
    assert eight.sum() == pytest.approx(1.0)
    meti = jregion.region_shares(ones, scheme="meti")  # METI Kanto bureau: 1 metropolis + 10
    assert meti["Kanto"] == pytest.approx(11 / 47)
    df = pd.DataFrame({2000: ones, 2005: ones * 2})
    out = jregion.region_shares(df, scheme="tokaido")
    assert out.loc["Tokaido belt"].tolist() == pytest.approx([9 / 47, 9 / 47])


def test_region_set_share_and_primacy() -> None:
    ones = pd.Series(1.0, index=CODES)
    assert jregion.region_set_share(ones, ["Kanto", "kansai"]) == pytest.approx(14 / 47)
    s = jregion.region_set_share(pd.DataFrame({"a": ones}), "Kinki")
    assert s.name == "Kinki" and s["a"] == pytest.approx(7 / 47)
    # eight regions: Kanto 7, Kinki 7, Chubu 9 prefectures
    p = jregion.primacy_ratio(ones)
    assert p.to_dict() == pytest.approx({"Kanto/Kinki": 1.0, "Kanto/Chubu": 7 / 9})
    # METI: Kanto 11, Kinki 7, Chubu 5
    pm = jregion.primacy_ratio(pd.DataFrame({2000: ones}), scheme="meti",
                               denominators=["Kansai", "Chubu"])
    assert pm.loc[2000].tolist() == pytest.approx([11 / 7, 11 / 5])
    with pytest.raises(jregion.SchemeError, match="did you mean 'Kanto'"):
        jregion.primacy_ratio(ones, numerator="Kantoo")
    with pytest.raises(jregion.SchemeError, match="unknown region"):
        jregion.region_set_share(ones, ["Okinawa"])  # not a region of "eight"
    with pytest.raises(jregion.InvalidDataError, match="empty"):
        jregion.region_set_share(ones, [])


def test_shares_reject_unknown_keys() -> None:
    bad = pd.Series(1.0, index=[*CODES[:-1], "48"])
    with pytest.raises(jregion.UnknownCodeError):
        jregion.region_shares(bad)
