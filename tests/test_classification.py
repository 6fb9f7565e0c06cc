"""Tests for jregion.classification: bins against hand-worked examples, bad input, extras."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.classification import (
    SCHEMES,
    Classification,
    ClassificationError,
    NonNumericError,
    classify,
)
from jregion.errors import MissingDependencyError


def test_equal_interval_hand_worked() -> None:
    # range 0..12 in 3 equal classes: upper bounds 4, 8, 12
    s = pd.Series([0.0, 3.0, 4.0, 5.0, 12.0, np.nan], index=list("abcdef"), name="x")
    c = classify(s, scheme="equal_interval", k=3)
    assert c.bins == (4.0, 8.0, 12.0)
    # value equal to a bound belongs to the lower class (v <= bin)
    assert c.yb.tolist() == [0, 0, 0, 1, 2, -1]
    assert c.yb.index.tolist() == list("abcdef")
    assert c.yb.name == "x"
    assert c.counts == (3, 1, 1)
    assert c.n_missing == 1
    assert c.k == 3
    # whole numbers: each label lists the integers its class holds
    assert c.legend_labels == ("0–4", "5–8", "9–12")
    assert classify(s / 2, scheme="equal_interval", k=3).legend_labels == ("0–2", "2–4", "4–6")


def test_fisher_jenks_two_obvious_groups() -> None:
    # two well-separated groups: the optimal 2-class split is between 3 and 10
    c = classify(pd.Series([1.0, 2.0, 3.0, 10.0, 11.0, 12.0]), scheme="fisher_jenks", k=2)
    assert c.bins == (3.0, 12.0)
    assert c.counts == (3, 3)


def test_quantiles_match_numpy_percentiles() -> None:
    values = pd.Series(np.arange(1.0, 101.0))
    c = classify(values, scheme="quantiles", k=4)
    expected = np.percentile(values, [25, 50, 75, 100])
    np.testing.assert_allclose(c.bins, expected)
    assert c.counts == (25, 25, 25, 25)


def test_user_bins_and_open_top() -> None:
    c = classify(pd.Series([1, 5, 50, 500]), bins=[10, 100, np.inf])
    assert c.scheme == "user_defined"
    assert c.yb.tolist() == [0, 0, 1, 2]
    assert c.legend_labels == ("1–10", "11–100", "≥ 101")
    halves = classify(pd.Series([1.5, 5, 50, 500]), bins=[10, 100, np.inf])
    assert halves.legend_labels == ("1.5–10.0", "10.0–100.0", "> 100.0")


def test_to_frame_and_frozen() -> None:
    c = classify(pd.Series([1.0, 2.0, 3.0, 4.0]), bins=[2, 4])
    frame = c.to_frame()
    assert frame["lower"].tolist() == [1.0, 2.0]
    assert frame["upper"].tolist() == [2.0, 4.0]
    assert frame["count"].tolist() == [2, 2]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.k = 3  # type: ignore[misc]


def test_input_not_mutated() -> None:
    s = pd.Series([3.0, np.nan, 1.0, 2.0])
    before = s.copy()
    classify(s, scheme="quantiles", k=3)
    pd.testing.assert_series_equal(s, before)


def test_fisher_jenks_sampled_at_47_falls_back_to_exact(prefs_area: pd.Series) -> None:
    # mapclassify.FisherJenksSampled fails here: a 10 % sample of 47 is 4 values.
    mc = pytest.importorskip("mapclassify")
    with pytest.raises(ValueError, match="Fewer unique values"):
        mc.FisherJenksSampled(prefs_area.to_numpy(), k=5)
    c = classify(prefs_area, scheme="fisher_jenks_sampled", k=5)
    exact = classify(prefs_area, scheme="fisher_jenks", k=5)
    assert c.scheme == "fisher_jenks"
    assert c.bins == exact.bins
    assert sum(c.counts) == 47


def test_fisher_jenks_sampled_large_is_seeded() -> None:
    rng = np.random.default_rng(1)
    # two groups of small integers with a gap: any 600-value sample holds each group's max
    y = pd.Series(np.concatenate([rng.integers(0, 3, 3000), rng.integers(20, 23, 3000)]))
    a = classify(y, scheme="fisher_jenks_sampled", k=2, seed=7)
    b = classify(y, scheme="fisher_jenks_sampled", k=2, seed=7)
    assert a.scheme == "fisher_jenks_sampled"
    assert a.bins == b.bins
    assert a.counts == (3000, 3000)  # the gap between the groups is found from a sample


@pytest.mark.parametrize("scheme", [s for s in SCHEMES if s != "user_defined"])
def test_every_scheme_runs_on_prefectures(scheme: str, prefs_area: pd.Series) -> None:
    c = classify(prefs_area, scheme=scheme, k=4)  # type: ignore[arg-type]
    assert isinstance(c, Classification)
    assert sum(c.counts) == 47
    assert c.yb.between(0, c.k - 1).all()
    assert len(c.legend_labels) == c.k == len(c.bins)
    # reproducible, including the random schemes
    assert classify(prefs_area, scheme=scheme, k=4).bins == c.bins  # type: ignore[arg-type]


def test_random_scheme_leaves_global_rng_alone(prefs_area: pd.Series) -> None:
    np.random.seed(123)  # noqa: NPY002
    classify(prefs_area, scheme="natural_breaks", k=4)
    after = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    assert after == np.random.random()  # noqa: NPY002


# --- bad input -----------------------------------------------------------------------


def test_non_numeric_column() -> None:
    with pytest.raises(NonNumericError, match=r"column 'name'.*to_numeric"):
        classify(pd.Series(["a", "b"], name="name"))
    with pytest.raises(TypeError):  # also a TypeError
        classify(pd.Series([True, False]))


def test_all_nan() -> None:
    with pytest.raises(jregion.MissingValueError, match="all 3 values are missing"):
        classify(pd.Series([np.nan, np.nan, np.nan]))


def test_more_classes_than_unique_values() -> None:
    with pytest.raises(ClassificationError, match=r"k=5 .* only 2 distinct values; use k=2"):
        classify(pd.Series([1.0, 1.0, 2.0, 2.0, 2.0]), scheme="fisher_jenks", k=5)


def test_quantile_ties_are_an_error_not_silent() -> None:
    # 8 zeros and 4 distinct values: quartile bounds collapse at 0
    s = pd.Series([0.0] * 8 + [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ClassificationError, match="only 3 distinct class bounds for k=4"):
        classify(s, scheme="quantiles", k=4)


def test_unknown_scheme_and_bad_k() -> None:
    with pytest.raises(ClassificationError, match="unknown scheme 'jenks'"):
        classify(pd.Series([1.0, 2.0]), scheme="jenks")  # type: ignore[arg-type]
    with pytest.raises(ClassificationError, match="k must be a positive integer"):
        classify(pd.Series([1.0, 2.0]), k=0)


def test_bad_bins() -> None:
    with pytest.raises(ClassificationError, match="strictly increasing"):
        classify(pd.Series([1.0, 2.0]), bins=[3, 2])
    with pytest.raises(ClassificationError, match=r"1 value.* exceed the last bin bound 5"):
        classify(pd.Series([1.0, 9.0]), bins=[2, 5])


def test_infinite_values() -> None:
    with pytest.raises(ClassificationError, match="inf"):
        classify(pd.Series([1.0, np.inf]))


def test_missing_mapclassify_names_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only mapclassify is made unimportable (None in sys.modules): failing every
    # importlib.import_module also failed lazy_loader's import of jregion.errors for
    # jregion.MissingDependencyError when this file ran alone
    monkeypatch.setitem(sys.modules, "mapclassify", None)
    with pytest.raises(
        MissingDependencyError, match=r"'mapclassify' is required.*pip install \"jregion\[maps\]\""
    ):
        classify(pd.Series([1.0, 2.0, 3.0]), scheme="quantiles", k=2)


@pytest.fixture(scope="module")
def prefs_area() -> pd.Series:
    prefs = jregion.load_prefectures()
    area: pd.Series = (prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6).rename("area_km2")
    return area


@pytest.mark.parametrize("bins", [[10, np.nan], [np.nan, 10], [1, np.nan, 20]])
def test_bins_with_nan_raise(bins: list[float]) -> None:
    # reproduced on main: accepted, with a class labelled "11–nan"
    with pytest.raises(jregion.ClassificationError, match="bins hold NaN"):
        classify(pd.Series([1.0, 5.0, 9.0]), bins=bins)


def test_bins_that_are_not_numbers_raise() -> None:
    with pytest.raises(jregion.ClassificationError, match="bins must be numbers"):
        classify(pd.Series([1.0, 5.0, 9.0]), bins=["a", "b"])  # type: ignore[list-item]
