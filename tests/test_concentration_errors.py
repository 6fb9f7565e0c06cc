"""Every bad-input path of the concentration toolkit gives a clear jregion error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.concentration import InvalidDataError
from jregion.regions import region_order

CODES = list(jregion.PREFECTURE_CODES)
GOOD = pd.DataFrame({"a": np.arange(1.0, 48.0), "b": np.arange(47.0, 0.0, -1)}, index=CODES)
POP = pd.Series(np.full(47, 2.0), index=CODES)

# every function that takes a table of counts, called with its required options
TABLE_FUNCS: dict[str, Callable[[Any], object]] = {
    "gini": lambda d: jregion.gini(d),
    "gini_weighted": lambda d: jregion.gini(d, reference=POP),
    "herfindahl": lambda d: jregion.herfindahl(d),
    "cr4": lambda d: jregion.concentration_ratio(d),
    "hoover": lambda d: jregion.hoover(d),
    "cv": lambda d: jregion.coefficient_of_variation(d),
    "williamson": lambda d: jregion.williamson(d, population=POP),
    "theil": lambda d: jregion.theil(d),
    "theil_decomposition": lambda d: jregion.theil_decomposition(d, groups="eight"),
    "location_quotient": lambda d: jregion.location_quotient(d),
    "krugman_specialisation": lambda d: jregion.krugman_specialisation(d),
    "krugman_concentration": lambda d: jregion.krugman_concentration(d),
    "ellison_glaeser": lambda d: jregion.ellison_glaeser(
        d, plant_herfindahl=pd.Series(0.01, index=d.columns)),
    "coagglomeration": lambda d: jregion.coagglomeration(d),
    "shift_share": lambda d: jregion.shift_share(d, d),
    "share_change": lambda d: jregion.share_change(d, d),
    "region_shares": lambda d: jregion.region_shares(d),
    "region_set_share": lambda d: jregion.region_set_share(d, "Kanto"),
    "primacy_ratio": lambda d: jregion.primacy_ratio(d),
    "corridor_membership": lambda d: jregion.corridor_share(d, method="membership"),
    "bootstrap": lambda d: jregion.bootstrap_inequality(d, index="gini", n_boot=5, seed=0),
    "lq_interval": lambda d: jregion.lq_interval(d, n_sim=5, seed=0),
}
FUNCS = pytest.mark.parametrize("func", list(TABLE_FUNCS.values()), ids=list(TABLE_FUNCS))


@FUNCS
def test_good_input_runs_and_is_not_mutated(func: Callable[[Any], object]) -> None:
    data = GOOD.copy()
    func(data)
    pd.testing.assert_frame_equal(data, GOOD)


@FUNCS
def test_negative_counts(func: Callable[[Any], object]) -> None:
    bad = GOOD.copy()
    bad.loc["13", "b"] = -3.0
    with pytest.raises(InvalidDataError, match=r"negative value.*'13'.*'b'"):
        func(bad)


@FUNCS
def test_all_zero_column(func: Callable[[Any], object]) -> None:
    with pytest.raises(InvalidDataError, match=r"column\(s\) 'b' sum to zero"):
        func(GOOD.assign(b=0.0))


@FUNCS
def test_nan(func: Callable[[Any], object]) -> None:
    bad = GOOD.copy()
    bad.loc["27", "a"] = np.nan
    with pytest.raises(jregion.MissingValueError, match=r"missing value.*'27'"):
        func(bad)


@FUNCS
def test_pandas_na_in_nullable_ints(func: Callable[[Any], object]) -> None:
    bad = GOOD.astype("Int64")
    bad.loc["01", "a"] = pd.NA
    with pytest.raises(jregion.MissingValueError):
        func(bad)


@FUNCS
def test_infinite(func: Callable[[Any], object]) -> None:
    with pytest.raises(InvalidDataError, match="infinite"):
        func(GOOD.assign(a=np.inf))


@FUNCS
def test_duplicated_keys(func: Callable[[Any], object]) -> None:
    with pytest.raises(jregion.DuplicateKeyError, match="duplicated index keys '01'"):
        func(GOOD.set_axis(["01", *CODES[:-1]]))


@FUNCS
def test_non_numeric_column(func: Callable[[Any], object]) -> None:
    with pytest.raises(TypeError, match="not numeric"):
        func(GOOD.assign(b="x"))


def test_not_a_table() -> None:
    with pytest.raises(TypeError, match="DataFrame or Series"):
        jregion.gini([1, 2, 3])  # type: ignore[call-overload]
    with pytest.raises(InvalidDataError, match="0 row"):
        jregion.gini(pd.Series([], dtype=float))
    with pytest.raises(InvalidDataError, match="no columns"):
        jregion.theil(pd.DataFrame(index=CODES))


SCHEME_FUNCS: dict[str, Callable[[Any], object]] = {
    "theil_decomposition": lambda d: jregion.theil_decomposition(d, groups="meti"),
    "region_shares": lambda d: jregion.region_shares(d),
    "primacy_ratio": lambda d: jregion.primacy_ratio(d),
    "corridor_membership": lambda d: jregion.corridor_share(d, method="membership"),
    "shift_share_grouped": lambda d: jregion.shift_share(d, d, groups="eight"),
}


@pytest.mark.parametrize("func", list(SCHEME_FUNCS.values()), ids=list(SCHEME_FUNCS))
def test_key_not_in_scheme(func: Callable[[Any], object]) -> None:
    with pytest.raises(jregion.UnknownCodeError, match="not a prefecture of the scheme"):
        func(GOOD.set_axis([*CODES[:-1], "Atlantis"]))


def test_unknown_scheme() -> None:
    with pytest.raises(jregion.SchemeError, match="unknown region scheme"):
        jregion.theil_decomposition(GOOD, groups="seven")  # type: ignore[arg-type]
    with pytest.raises(jregion.SchemeError, match="unknown region scheme"):
        jregion.region_shares(GOOD, scheme="seven")  # type: ignore[arg-type]


def test_groups_series_must_cover_rows() -> None:
    with pytest.raises(jregion.UnmatchedKeyError, match="no group"):
        jregion.theil_decomposition(GOOD, groups=pd.Series("x", index=CODES[:-1]))
    labels = pd.Series("x", index=CODES, dtype=object)
    labels.iloc[3] = None
    with pytest.raises(jregion.MissingValueError, match="missing for"):
        jregion.theil_decomposition(GOOD, groups=labels)


REF_FUNCS: dict[str, Callable[[pd.Series], object]] = {
    "gini": lambda r: jregion.gini(GOOD, reference=r),
    "theil": lambda r: jregion.theil(GOOD, reference=r),
    "hoover": lambda r: jregion.hoover(GOOD, reference=r),
    "cv": lambda r: jregion.coefficient_of_variation(GOOD, reference=r),
    "williamson": lambda r: jregion.williamson(GOOD, population=r),
    "location_quotient": lambda r: jregion.location_quotient(GOOD, reference=r),
    "ellison_glaeser": lambda r: jregion.ellison_glaeser(
        GOOD, plant_herfindahl=pd.Series(0.0, index=["a", "b"]), reference=r),
    "bootstrap": lambda r: jregion.bootstrap_inequality(GOOD, index="theil", reference=r,
                                                        n_boot=3, seed=0),
}
REFS = pytest.mark.parametrize("func", list(REF_FUNCS.values()), ids=list(REF_FUNCS))


@REFS
def test_mismatched_reference_index(func: Callable[[pd.Series], object]) -> None:
    with pytest.raises(jregion.UnmatchedKeyError, match=r"not in .*'47'"):
        func(POP.iloc[:-1])
    # integer keys do not silently match string codes
    with pytest.raises(jregion.UnmatchedKeyError, match="same key type"):
        func(POP.set_axis(range(1, 48)))


@REFS
def test_bad_reference_values(func: Callable[[pd.Series], object]) -> None:
    with pytest.raises(InvalidDataError, match="positive"):
        func(POP.where(POP.index != "05", 0.0))
    with pytest.raises(jregion.MissingValueError):
        func(POP.where(POP.index != "05", np.nan))
    with pytest.raises(TypeError, match="Series"):
        func(POP.to_numpy())  # type: ignore[arg-type]


# --- hardening (issue 23): a partial table is not the whole country -------------------------
SHARE_FUNCS: dict[str, Callable[..., Any]] = {
    "region_shares": lambda d, **kw: jregion.region_shares(d, **kw),
    "region_set_share": lambda d, **kw: jregion.region_set_share(d, ["Kanto", "Kinki"], **kw),
    "primacy_ratio": lambda d, **kw: jregion.primacy_ratio(d, **kw),
    "corridor_membership": lambda d, **kw: jregion.corridor_share(d, method="membership", **kw),
    "corridor_area": lambda d, **kw: jregion.corridor_share(
        d, method="area", distance_km=50, **kw),
}
SHARES = pytest.mark.parametrize("func", list(SHARE_FUNCS.values()), ids=list(SHARE_FUNCS))


@SHARES
def test_partial_table_raises_unless_partial_coverage_is_asked(func: Callable[..., Any]) -> None:
    # reproduced on main: 30 of 47 prefectures gave shares with regions silently absent
    part = GOOD.iloc[:30]
    with pytest.raises(jregion.CoverageError, match=r"covers 30 of 47.*coverage='partial'"):
        func(part)
    out = func(part, coverage="partial")
    assert out.attrs["jregion_coverage"]["prefectures"] == CODES[:30]
    assert out.attrs["jregion_coverage"]["missing"] == CODES[30:]
    full = func(GOOD)
    assert full.attrs["jregion_coverage"] == {"prefectures": CODES, "missing": []}
    with pytest.raises(jregion.OptionError, match="coverage must be"):
        func(GOOD, coverage="some")


@SHARES
def test_same_prefecture_in_two_forms_raises(func: Callable[..., Any]) -> None:
    # reproduced on main: "01" and "Hokkaido" were summed into Hokkaido
    dup = pd.concat([GOOD, GOOD.iloc[:1].rename(index={"01": "Hokkaido"})])
    with pytest.raises(jregion.DuplicateKeyError, match=r"01 more than once, as '01', 'Hokkaido'"):
        func(dup)


def test_partial_shares_mark_regions_without_rows_missing() -> None:
    # Tokyo (Kanto) and Osaka (Kinki) only. On main Kanto/Kinki was 0.0 when Kanto was
    # missing and Kanto/Chubu inf when Chubu was: an absent region is unknown, not zero
    s = pd.Series([1.0, 2.0], index=["13", "27"])
    ratio = jregion.primacy_ratio(s, coverage="partial")
    assert ratio["Kanto/Kinki"] == pytest.approx(0.5)
    assert np.isnan(ratio["Kanto/Chubu"])
    ratio = jregion.primacy_ratio(pd.Series([2.0], index=["27"]), coverage="partial")
    assert np.isnan(ratio["Kanto/Kinki"])
    shares = jregion.region_shares(s, coverage="partial")
    assert shares.index.tolist() == region_order("eight")
    assert shares["Kanto"] == pytest.approx(1 / 3) and np.isnan(shares["Tohoku"])
    assert np.isnan(jregion.region_set_share(s, ["Kanto", "Chubu"], coverage="partial"))
    # a denominator region whose rows sum to zero is a true zero: inf, as documented
    z = GOOD["a"].copy()
    z[[c for c in CODES if jregion.region_of([c]).iloc[0] == "Chubu"]] = 0.0
    assert np.isinf(jregion.primacy_ratio(z)["Kanto/Chubu"])


def test_duplicate_column_labels_are_named() -> None:
    df = pd.DataFrame([[1, 2, 3], [4, 5, 6]], columns=["a", "a", "b"], index=["01", "02"])
    with pytest.raises(jregion.DuplicateKeyError, match="duplicated column labels"):
        jregion.gini(df)


def test_share_change_by_scheme_needs_the_whole_country() -> None:
    # on main 30 prefectures gave regional shares of a "national" total that was not one
    part = GOOD.iloc[:30]
    with pytest.raises(jregion.CoverageError, match="covers 30 of 47"):
        jregion.share_change(part, part * 2, groups="eight")
    sc = jregion.share_change(part, part * 2, groups="eight", coverage="partial")
    assert sc.share_start.attrs["jregion_coverage"]["prefectures"] == CODES[:30]
    # without a scheme the rows are the whole (any units), as documented
    jregion.share_change(part, part * 2)


def test_shift_share_and_theil_by_scheme_need_the_whole_country() -> None:
    # on main 30 prefectures were decomposed with Chugoku, Shikoku and Kyushu silently
    # absent and Kinki taken as its covered prefectures only
    part = GOOD.iloc[:30]
    missing = r"missing '31', '32', '33', '34', '35', '36', '37', '38' and 9 more"
    calls: dict[str, Callable[..., Any]] = {
        "shift_share": lambda d, **kw: jregion.shift_share(d, d * 2, groups="eight", **kw),
        "theil_decomposition": lambda d, **kw: jregion.theil_decomposition(
            d, groups="eight", **kw),
    }
    for name, call in calls.items():
        match = rf"covers 30 of 47 prefectures; {missing}"
        with pytest.raises(jregion.CoverageError, match=match) as err:
            call(part)
        assert "coverage='partial'" in str(err.value), name
        assert "decomposition by the regions of a scheme" in str(err.value), name
        with pytest.raises(jregion.OptionError, match="coverage must be"):
            call(GOOD, coverage="some")
    # partial coverage: the covered rows, grouped by their regions, and the report
    labels = pd.Series(jregion.region_of(part.index).astype(str).to_numpy(), index=part.index)
    ss = jregion.shift_share(part, part * 2, groups="eight", coverage="partial")
    by_labels = jregion.shift_share(part, part * 2, groups=labels)
    pd.testing.assert_frame_equal(ss.to_frame(), by_labels.to_frame())
    assert ss.to_frame().index.tolist() == ["Hokkaido", "Tohoku", "Kanto", "Chubu", "Kinki"]
    assert ss.start.attrs["jregion_coverage"]["missing"] == CODES[30:]
    assert ss.start["Kinki"] == GOOD.loc[["24", "25", "26", "27", "28", "29", "30"]].sum().sum()
    td = jregion.theil_decomposition(part, groups="eight", coverage="partial")
    pd.testing.assert_frame_equal(
        td.to_frame(), jregion.theil_decomposition(part, groups=labels).to_frame()
    )
    assert td.total.attrs["jregion_coverage"]["prefectures"] == CODES[:30]
    # the whole country passes, with an empty missing list; own labels are taken as given
    full = jregion.theil_decomposition(GOOD, groups="eight")
    assert full.between.attrs["jregion_coverage"] == {"prefectures": CODES, "missing": []}
    assert jregion.shift_share(GOOD, GOOD * 2, groups="eight").change.attrs[
        "jregion_coverage"]["missing"] == []
