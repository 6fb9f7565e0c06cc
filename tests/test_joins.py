from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import jregion

CODES = list(jregion.PREFECTURE_CODES)


def _table(key_form: str, *, shuffle: bool = False) -> pd.DataFrame:
    t = jregion.prefecture_table().reset_index()
    keys = {
        "code_str": t["pref_code"],
        "code_int": t["pref_code"].astype(int),
        "name_en": t["name_en"],
        "name_ja": t["name_ja"],
        "iso": t["iso"],
    }[key_form]
    df = pd.DataFrame({"pref": keys, "value": np.arange(47, dtype=float) * 10})
    if shuffle:
        df = df.sample(frac=1.0, random_state=3).reset_index(drop=True)
    return df


@pytest.mark.parametrize("key_form", ["code_str", "code_int", "name_en", "name_ja", "iso"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_attach_any_key_form(key_form: str, shuffle: bool) -> None:
    table = _table(key_form, shuffle=shuffle)
    before = table.copy()
    gdf = jregion.attach(table, key="pref")
    pd.testing.assert_frame_equal(table, before)  # input untouched
    assert gdf.index.tolist() == CODES
    assert gdf.loc["13", "value"] == 120.0 and gdf.loc["47", "value"] == 460.0
    assert gdf.columns.tolist() == ["name_en", "name_ja", "value", "geometry"]
    assert gdf.crs.to_epsg() == 4326
    assert gdf.attrs["jregion_unmatched_boundaries"] == []


def test_attach_index_key() -> None:
    table = pd.DataFrame({"v": range(47)}, index=[f"JP-{c}" for c in CODES])
    assert jregion.attach(table, key=None).loc["02", "v"] == 1


def test_missing_prefectures_kept_or_dropped_and_reported() -> None:
    table = _table("name_en").iloc[:45]
    with pytest.warns(jregion.UnmatchedRowsWarning, match="2 pref codes?.*kept.*46, 47"):
        left = jregion.attach(table, key="pref")
    assert len(left) == 47 and left.loc[["46", "47"], "value"].isna().all()
    assert left.attrs["jregion_unmatched_boundaries"] == ["46", "47"]
    with pytest.warns(jregion.UnmatchedRowsWarning, match="dropped"):
        inner = jregion.attach(table, key="pref", how="inner")
    assert len(inner) == 45 and inner.attrs["jregion_unmatched_boundaries"] == ["46", "47"]


def test_duplicate_key_raises_or_aggregates() -> None:
    table = pd.DataFrame({"pref": ["Tokyo", "東京都", *CODES[:-1]], "v": [1.0, 2.0, *range(46)]})
    with pytest.raises(jregion.DuplicateKeyError, match=r"\['13'\].*aggregate='sum'"):
        jregion.attach(table, key="pref")
    with pytest.warns(jregion.UnmatchedRowsWarning):
        out = jregion.attach(table, key="pref", aggregate="sum")
    assert out.loc["13", "v"] == 1.0 + 2.0 + 12.0


def test_unknown_and_missing_keys() -> None:
    table = pd.DataFrame({"pref": ["Tokyo", "Hyougo-x"], "v": [1, 2]})
    with pytest.raises(jregion.UnknownCodeError, match="did you mean 'Hyogo'"):
        jregion.attach(table, key="pref")
    with pytest.raises(jregion.MissingValueError):
        jregion.attach(pd.DataFrame({"pref": ["Tokyo", None], "v": [1, 2]}), key="pref")
    with pytest.raises(KeyError, match="key column 'prefecture' not in the table"):
        jregion.attach(table, key="prefecture")
    with pytest.raises(TypeError, match="DataFrame"):
        jregion.attach([1, 2], key="pref")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="how must be"):
        jregion.attach(table, key="pref", how="outer")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="would overwrite"):
        jregion.attach(pd.DataFrame({"pref": CODES, "name_en": CODES}), key="pref")


def test_attach_regions_with_alias() -> None:
    table = pd.DataFrame({"region": ["kanto", "Kansai", "Chubu"], "jobs": [3.0, 2.0, 1.0]})
    with pytest.warns(jregion.UnmatchedRowsWarning, match="6 regions?"):
        gdf = jregion.attach(table, key="region", level="region", scheme="nine")
    assert gdf.loc["Kinki", "jobs"] == 2.0 and gdf.index.name == "region"
    with pytest.raises(jregion.UnmatchedKeyError, match="did you mean 'Kanto'"):
        jregion.attach(pd.DataFrame({"region": ["Kantoo"], "v": [1]}), key="region", level="region")


# --- hardening (issue 23) -------------------------------------------------------------------




def test_aggregate_sum_propagates_missing_values() -> None:
    # reproduced on main: ["01", "北海道", "13"] with [NaN, NaN, 3] gave Hokkaido 0.0
    t = pd.DataFrame({"pref": ["01", "北海道", "13"], "v": [np.nan, np.nan, 3.0]})
    with pytest.warns(jregion.UnmatchedRowsWarning):
        out = jregion.attach(t, key="pref", aggregate="sum")
    assert np.isnan(out.loc["01", "v"]) and out.loc["13", "v"] == 3.0
    # (5, NaN) gave 5: a total over a suppressed row is not the total
    t = pd.DataFrame({"pref": ["13", "東京都"], "v": [5.0, np.nan]})
    with pytest.warns(jregion.UnmatchedRowsWarning):
        out = jregion.attach(t, key="pref", aggregate="sum")
    assert np.isnan(out.loc["13", "v"])
    # Int64 <NA> + <NA> gave 0
    t = pd.DataFrame({"pref": ["01", "Hokkaido"], "v": pd.array([pd.NA, pd.NA], dtype="Int64")})
    with pytest.warns(jregion.UnmatchedRowsWarning):
        out = jregion.attach(t, key="pref", aggregate="sum")
    assert pd.isna(out.loc["01", "v"])
    # mean, max and first also see the missing value
    t = pd.DataFrame({"pref": ["13", "東京都"], "v": [np.nan, 4.0]})
    for agg in ("mean", "max", "first"):
        with pytest.warns(jregion.UnmatchedRowsWarning):
            assert np.isnan(jregion.attach(t, key="pref", aggregate=agg).loc["13", "v"])


def test_aggregate_skipna_is_explicit_and_counted() -> None:
    t = pd.DataFrame(
        {"pref": ["13", "東京都", "Tokyo", "01", "北海道"], "v": [5.0, np.nan, 2.0, np.nan, np.nan]}
    )
    with (
        pytest.warns(jregion.SkippedValuesWarning, match=r"skipped 1 missing value"),
        pytest.warns(jregion.UnmatchedRowsWarning),
    ):
        out = jregion.attach(t, key="pref", aggregate="sum", skipna=True)
    assert out.loc["13", "v"] == 7.0
    assert np.isnan(out.loc["01", "v"])  # all rows missing: missing, never 0


@pytest.mark.parametrize("agg", ["foo", "size", "count", "SUM", len])
def test_aggregate_outside_the_documented_set_raises(agg: object) -> None:
    # "foo" gave a raw AttributeError, "size" a pandas error, "count" replaced values by counts
    t = pd.DataFrame({"pref": ["13", "東京都"], "v": [5.0, 6.0]})
    with pytest.raises(jregion.OptionError, match="aggregate must be one of 'sum'"):
        jregion.attach(t, key="pref", aggregate=agg)  # type: ignore[arg-type]


def test_multiindex_columns_raise_a_jregion_error() -> None:
    t = pd.DataFrame([[v, 1.0] for v in CODES])
    t.columns = pd.MultiIndex.from_tuples([("pref", ""), ("v", "2005")])
    with pytest.raises(jregion.LayoutError, match=r"MultiIndex columns.*flatten"):
        jregion.attach(t, key=("pref", ""))  # type: ignore[arg-type]


@pytest.mark.parametrize("label", ["全国", "合計", "00000", "Japan", "総数"])
def test_national_total_row_raises_with_a_hint_or_is_dropped(label: str) -> None:
    t = pd.DataFrame({"pref": [label, *CODES], "v": [47.0, *([1.0] * 47)]})
    with pytest.raises(jregion.UnknownCodeError, match=r"national total.*national='drop'"):
        jregion.attach(t, key="pref")
    out = jregion.attach(t, key="pref", national="drop")
    assert out.attrs["jregion_dropped_national"] == [label]
    assert out.index.tolist() == CODES and (out["v"] == 1.0).all()
    with pytest.raises(jregion.OptionError, match="national must be"):
        jregion.attach(t, key="pref", national="keep")  # type: ignore[arg-type]


def test_empty_table_raises() -> None:
    # reproduced on main: only a warning that 47 codes have no row
    with pytest.raises(jregion.InvalidDataError, match="empty"):
        jregion.attach(pd.DataFrame({"pref": [], "v": []}), key="pref")
    with pytest.raises(jregion.InvalidDataError, match="only national-total rows"):
        jregion.attach(pd.DataFrame({"pref": ["全国"], "v": [1]}), key="pref", national="drop")


def test_attach_refuses_to_sum_text_columns() -> None:
    table = pd.DataFrame({"pref": ["Tokyo", "東京都"], "label": ["a", "b"], "v": [1, 2]})
    with pytest.raises(TypeError, match=r"\['label'\] are not"):
        jregion.attach(table, key="pref", aggregate="sum")
