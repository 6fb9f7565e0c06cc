"""Manufacturing by JSIC middle group and prefecture (issue 10, item 2).

Reference figures are typed in here, not read from data/: the 47-prefecture column sums and
flag counts are those of the copy's own validation report
(SarthakDT/japan-manufacturing-analysis, metadata/validation_YYYY_table3-03.json, commit
3c87301c), and the hand-checked cells were read from the copy's
processed_data/manufacturing_YYYY_table3-03.csv.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

import jregion

YEARS = [2016, 2017]
VALUES = [
    "establishments",
    "persons_employed",
    "shipments_myen",
    "value_added_myen",
    "wages_myen",
    "raw_materials_myen",
    "production_myen",
    "establishments_30_99",
    "establishments_100_299",
    "establishments_300plus",
]


@pytest.fixture(scope="module")
def jsic() -> pd.DataFrame:
    return jregion.load_indicator("manufacturing_jsic")


def test_contract(jsic: pd.DataFrame) -> None:
    assert list(jsic.index.names) == ["pref_code", "year", "jsic_code"]
    assert not jsic.index.duplicated().any()
    assert sorted(set(jsic.index.get_level_values("year"))) == YEARS
    groups = [f"{i:02d}" for i in range(9, 33)]
    for _, one in jsic.groupby(level="year"):
        assert one.index.get_level_values("pref_code").nunique() == 47
        assert sorted(set(one.index.get_level_values("jsic_code"))) == groups
        assert len(one) == 47 * 24
    assert jsic.attrs["units"]["shipments_myen"] == "million yen"
    assert "30 or more" in jsic.attrs["definitions"]["threshold"]
    for col in VALUES:
        assert str(jsic[col].dtype) == "Int64"


def test_joins_to_the_47_prefectures(jsic: pd.DataFrame, prefs: gpd.GeoDataFrame) -> None:
    assert set(jsic.index.get_level_values("pref_code")) == set(prefs.index)
    totals = (
        jregion.load_indicator("manufacturing_jsic", year=2016)
        .groupby(level="pref_code")[["establishments", "persons_employed"]]
        .sum()
    )
    joined = jregion.attach(totals, key=None, how="inner")  # raises on unmatched rows
    assert len(joined) == 47


SUMS = {
    2016: [44595, 5826549, 266072783, 83705101, 27807355, 165489209, 244488502, 30899, 10294, 3402],
    2017: [45430, 5981578, 282627118, 89634027, 28483146, 178204800, 261664940, 31395, 10539, 3496],
}
FLAGS = {  # shipments_myen_flag and establishments_300plus_flag counts
    2016: ({"ok": 975, "suppressed": 109, "nil_or_na": 44}, {"ok": 650, "nil_or_na": 478}),
    2017: ({"ok": 987, "suppressed": 98, "nil_or_na": 43}, {"ok": 664, "nil_or_na": 464}),
}


@pytest.mark.parametrize("year", YEARS)
def test_sums_equal_the_copys_validation_report(jsic: pd.DataFrame, year: int) -> None:
    # For establishments, persons and the size bands these sums also equal the table's own
    # national row (全国計), as the report records; money columns fall short of it by the
    # suppressed cells (shipments national row: 2016 270,703,973; 2017 287,074,969).
    one = jsic.xs(year, level="year")
    assert [int(one[c].sum()) for c in VALUES] == SUMS[year]
    shp, big = FLAGS[year]
    assert one["shipments_myen_flag"].value_counts().to_dict() == shp
    assert one["establishments_300plus_flag"].value_counts().to_dict() == big


@pytest.mark.parametrize("year", YEARS)
def test_cross_check_against_the_4plus_census(jsic: pd.DataFrame, year: int) -> None:
    # 30+ establishments are a subset of the 4+ establishments of manufacturing_census (same
    # year convention: Y = accounts of Y, counts at 1 June Y+1).
    census = jregion.load_indicator("manufacturing", year=year)
    sub = (
        jsic.xs(year, level="year")
        .groupby(level="pref_code")[["establishments", "persons_employed", "shipments_myen"]]
        .sum()
    )
    assert (sub["establishments"] <= census["establishments"]).all()
    assert (sub["persons_employed"] <= census["persons_employed"]).all()
    both = census["shipments_myen"].notna()
    assert (sub.loc[both, "shipments_myen"] <= census.loc[both, "shipments_myen"]).all()
    # national shares, 2016 (2017): 44,595 / 191,339 (45,430 / 188,249) establishments;
    # shipments, suppressed cells excluded, 88% (91%); persons 77% (78%)
    assert 0.2 < sub["establishments"].sum() / census["establishments"].sum() < 0.25
    share = sub["shipments_myen"].sum() / census["shipments_myen"].sum()
    assert 0.85 < share < 0.95
    assert 0.7 < sub["persons_employed"].sum() / census["persons_employed"].sum() < 0.8


def test_suppressed_cells_are_missing_with_flags(jsic: pd.DataFrame) -> None:
    for col in VALUES:
        flag = jsic[f"{col}_flag"]
        assert set(flag) <= {"ok", "suppressed", "nil_or_na"}
        assert jsic.loc[flag == "ok", col].notna().all(), col
        assert jsic.loc[flag != "ok", col].isna().all(), col
    # Aomori, 19 rubber: 3 establishments, 154 persons, money suppressed
    row = jsic.loc[("02", 2016, "19")]
    assert (row["establishments"], row["persons_employed"]) == (3, 154)
    assert pd.isna(row["shipments_myen"]) and row["shipments_myen_flag"] == "suppressed"
    # Aomori, 17 petroleum: no establishment with 30+ persons; empty, not 0
    row = jsic.loc[("02", 2016, "17")]
    assert pd.isna(row["establishments"]) and row["establishments_flag"] == "nil_or_na"


def test_hand_checked_values(jsic: pd.DataFrame) -> None:
    # Hokkaido, 09 food: 610 establishments, 60,057 persons, shipments 1,794,447 million yen,
    # value added 496,015, size bands 451 / 129 / 30
    row = jsic.loc[("01", 2016, "09")]
    assert row["jsic_name"] == "食料品製造業"
    assert [int(row[c]) for c in VALUES] == [
        610,
        60057,
        1794447,
        496015,
        170710,
        1203079,
        1712447,
        451,
        129,
        30,
    ]
    # Aichi, 31 transport equipment; Osaka, 28 electronic parts (negative net value added)
    assert int(jsic.loc[("23", 2016, "31"), "shipments_myen"]) == 24976950
    assert int(jsic.loc[("27", 2016, "28"), "value_added_myen"]) == -42572
