"""A lasting guard (issue 23): no public function silently loses or invents prefectures.

Over the public functions that take a table keyed by prefecture, Hypothesis draws random
subsets of the 47 prefectures, keys written in any form (code, integer, English, kanji,
ISO), one prefecture repeated in another form, NaN, inf and empty tables. Each call must
either raise a jregion error or return a result whose coverage (the units it used) is
reported and equals the input's:

- results aligned to the units (location quotients, local statistics) have the input's keys;
- the share functions report ``attrs["jregion_coverage"]``;
- ``attach`` reports the boundaries without a row in ``attrs``;
- indices that reduce the units to one number per column (Gini, Theil, ...) use every row
  given, so they must refuse any row they could not use (NaN, inf, a duplicate) and return
  finite numbers.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jregion
from jregion.errors import JRegionError

CODES = list(jregion.PREFECTURE_CODES)
TABLE = jregion.prefecture_table()
FORMS = ("code", "int", "name_en", "name_ja", "iso")


def _key(code: str, form: str) -> object:
    row = TABLE.loc[code]
    return {
        "code": code,
        "int": int(code),
        "name_en": row["name_en"],
        "name_ja": row["name_ja"],
        "iso": row["iso"],
    }[form]


@dataclass(frozen=True)
class Case:
    table: pd.DataFrame  # two activity columns, index = keys as written
    codes: list[str]  # the prefecture of each row
    duplicate: bool  # one prefecture appears twice (in two forms)
    bad_value: str | None  # "nan", "inf" or None

    @property
    def clean(self) -> bool:
        return not self.duplicate and self.bad_value is None and len(self.table) > 0


@st.composite
def cases(draw: st.DrawFn) -> Case:
    chosen = draw(
        st.one_of(
            st.just(CODES),  # the whole country
            st.lists(st.sampled_from(CODES), unique=True, max_size=47),  # any subset, or none
        )
    )
    form = draw(st.sampled_from(FORMS))
    codes = list(chosen)
    keys = [_key(c, form) for c in codes]
    duplicate = bool(codes) and draw(st.booleans())
    if duplicate:
        c = draw(st.sampled_from(codes))
        other = draw(st.sampled_from([f for f in FORMS if f != form]))
        codes.append(c)
        keys.append(_key(c, other))
    n = len(codes)
    values = draw(
        st.lists(st.floats(min_value=1.0, max_value=1e6), min_size=2 * n, max_size=2 * n)
    )
    arr = np.asarray(values, dtype="float64").reshape(n, 2) if n else np.zeros((0, 2))
    bad_value = draw(st.sampled_from([None, "nan", "inf"])) if n else None
    if bad_value is not None:
        i = draw(st.integers(0, n - 1))
        arr[i, draw(st.integers(0, 1))] = np.nan if bad_value == "nan" else np.inf
    table = pd.DataFrame(arr, index=pd.Index(keys, dtype=object), columns=["a", "b"])
    return Case(table, codes, duplicate, bad_value)


def _canonical(case: Case) -> pd.DataFrame:
    """The case with its keys as JIS codes (for functions that need code-keyed input)."""
    return case.table.set_axis(pd.Index(case.codes, dtype=object), axis=0)


# --- how each function reports what it used ------------------------------------------------
def _scalar(result: Any, case: Case) -> None:
    values = np.asarray(
        result.to_numpy() if isinstance(result, pd.Series | pd.DataFrame) else result,
        dtype="float64",
    )
    assert np.isfinite(values).all(), result
    assert case.clean, "an unusable row was accepted by a function that reduces all rows"


def _aligned(get: Callable[[Any], pd.Index]) -> Callable[[Any, Case], None]:
    def check(result: Any, case: Case) -> None:
        assert list(get(result)) == list(case.table.index)
        assert case.clean

    return check


def _clean_a(case: Case) -> bool:
    """The autocorrelation calls take column "a" only."""
    return bool(np.isfinite(case.table["a"]).all()) and not case.duplicate


def _aligned_codes(result: Any, case: Case) -> None:
    assert list(result.to_frame().index) == case.codes
    assert _clean_a(case)


def _coverage(result: Any, case: Case) -> None:
    reported = result.attrs["jregion_coverage"]
    assert reported["prefectures"] == sorted(set(case.codes))
    assert reported["missing"] == [c for c in CODES if c not in set(case.codes)]
    assert case.clean


def _attached(result: Any, case: Case) -> None:
    unmatched = result.attrs["jregion_unmatched_boundaries"]
    assert sorted(set(CODES) - set(unmatched)) == sorted(set(case.codes))
    assert not case.duplicate and len(case.table) > 0
    # the values arrive unchanged, each under its own prefecture
    got = result.loc[case.codes, ["a", "b"]].to_numpy()
    np.testing.assert_array_equal(got, case.table.to_numpy())


GRAPH = jregion.prefecture_graph()


def _moran_check(result: Any, case: Case) -> None:
    assert np.isfinite(result.I)
    assert sorted(case.codes) == CODES and _clean_a(case)


# name -> (call, check)
FUNCTIONS: dict[str, tuple[Callable[[Case], Any], Callable[[Any, Case], None]]] = {
    "gini": (lambda c: jregion.gini(c.table), _scalar),
    "herfindahl": (lambda c: jregion.herfindahl(c.table), _scalar),
    "concentration_ratio": (lambda c: jregion.concentration_ratio(c.table, n=1), _scalar),
    "hoover": (lambda c: jregion.hoover(c.table), _scalar),
    "coefficient_of_variation": (lambda c: jregion.coefficient_of_variation(c.table), _scalar),
    "theil": (lambda c: jregion.theil(c.table), _scalar),
    "krugman_concentration": (lambda c: jregion.krugman_concentration(c.table), _scalar),
    "coagglomeration": (  # a matrix of pairs: the diagonal (a pair with itself) is NaN
        lambda c: jregion.coagglomeration(c.table).to_numpy()[[0, 1], [1, 0]],
        _scalar,
    ),
    "location_quotient": (
        lambda c: jregion.location_quotient(c.table),
        _aligned(lambda r: r.index),
    ),
    "krugman_specialisation": (
        lambda c: jregion.krugman_specialisation(c.table),
        _aligned(lambda r: r.index),
    ),
    "region_shares": (lambda c: jregion.region_shares(c.table), _coverage),
    "region_shares_partial": (
        lambda c: jregion.region_shares(c.table, coverage="partial"),
        _coverage,
    ),
    "region_set_share_partial": (
        lambda c: jregion.region_set_share(c.table, "Kanto", coverage="partial"),
        _coverage,
    ),
    "primacy_ratio": (lambda c: jregion.primacy_ratio(c.table), _coverage),
    "primacy_ratio_partial": (
        lambda c: jregion.primacy_ratio(c.table, coverage="partial"),
        _coverage,
    ),
    "corridor_membership_partial": (
        lambda c: jregion.corridor_share(c.table, method="membership", coverage="partial"),
        _coverage,
    ),
    "share_change_by_scheme": (
        lambda c: jregion.share_change(c.table, c.table * 2, groups="eight").share_start,
        _coverage,
    ),
    "share_change_by_scheme_partial": (
        lambda c: jregion.share_change(
            c.table, c.table * 2, groups="eight", coverage="partial"
        ).share_start,
        _coverage,
    ),
    "attach": (
        lambda c: jregion.attach(c.table.rename_axis("pref").reset_index(), key="pref"),
        _attached,
    ),
    "moran": (lambda c: jregion.moran(_canonical(c)["a"], GRAPH, permutations=0), _moran_check),
    "local_moran": (
        lambda c: jregion.local_moran(_canonical(c)["a"], GRAPH, permutations=0),
        _aligned_codes,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FUNCTIONS))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=cases())
def test_no_silent_loss(name: str, case: Case) -> None:
    call, check = FUNCTIONS[name]
    before = case.table.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jregion.JRegionWarning)  # unmatched rows, islands
        try:
            result = call(case)
        except JRegionError:
            pd.testing.assert_frame_equal(case.table, before)  # never mutated, even on error
            return
    pd.testing.assert_frame_equal(case.table, before)
    check(result, case)
