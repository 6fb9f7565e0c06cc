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
from jregion.errors import DuplicateKeyError

YEARS = [2016, 2017, 2018, 2019]
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


def _assert_full_grid(df: pd.DataFrame, years: list[int]) -> None:
    """One row per prefecture, year and JSIC middle group 09-32, no more, no less."""
    assert list(df.index.names) == ["pref_code", "year", "jsic_code"]
    assert not df.index.duplicated().any()
    assert sorted(set(df.index.get_level_values("year"))) == years
    groups = [f"{i:02d}" for i in range(9, 33)]
    for _, one in df.groupby(level="year"):
        assert one.index.get_level_values("pref_code").nunique() == 47
        assert sorted(set(one.index.get_level_values("jsic_code"))) == groups
        assert len(one) == 47 * 24


def test_contract(jsic: pd.DataFrame) -> None:
    _assert_full_grid(jsic, YEARS)
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
    2018: [45997, 6092805, 295459281, 90301222, 29498277, 189621534, 273513509, 31648, 10804, 3545],
    2019: [45636, 6061711, 285972393, 86631414, 29561497, 183533923, 263921365, 31366, 10726, 3544],
}
FLAGS = {  # shipments_myen_flag and establishments_300plus_flag counts
    2016: ({"ok": 975, "suppressed": 109, "nil_or_na": 44}, {"ok": 650, "nil_or_na": 478}),
    2017: ({"ok": 987, "suppressed": 98, "nil_or_na": 43}, {"ok": 664, "nil_or_na": 464}),
    2018: ({"ok": 983, "suppressed": 101, "nil_or_na": 44}, {"ok": 670, "nil_or_na": 458}),
    2019: (
        {"ok": 976, "suppressed": 105, "absent_from_source": 47},
        {"ok": 669, "absent_from_source": 459},
    ),
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
    # cell by cell: every 30+ figure is at most the 4+ figure of table 3-01 for the same
    # prefecture and middle group (where both are published)
    four = jregion.load_indicator("manufacturing_jsic_4plus", year=year)
    thirty = jsic.xs(year, level="year")
    for col in ("establishments", "persons_employed", "shipments_myen"):
        both = thirty[col].notna() & four[col].notna()
        assert both.sum() > 900, col
        assert (thirty.loc[both, col] <= four.loc[both, col]).all(), col
        # a group with 30+ establishments can never be nil in the 4+ table
        assert not (thirty[col].notna() & (four[f"{col}_flag"] != "ok")
                    & (four[f"{col}_flag"] != "suppressed")).any(), col


def test_suppressed_cells_are_missing_with_flags(jsic: pd.DataFrame) -> None:
    for col in VALUES:
        flag = jsic[f"{col}_flag"]
        assert set(flag) <= {"ok", "suppressed", "nil_or_na", "absent_from_source"}
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


# --- establishments with 4 or more persons (table 3-01), 2016-2019 ---------------------------
# Reference sums and flag counts typed from the copy's metadata/validation_YYYY_table3-01.json
# (SarthakDT/japan-manufacturing-analysis @3c87301c): sum_of_47_prefectures and flag_counts;
# the national rows (national_control_row) are METI's own 全国計 of e-Stat 0003325921,
# 0003389992, 0003432907, 0003448119.
VALUES_4 = [
    "establishments",
    "persons_employed",
    "shipments_myen",
    "value_added_myen",
    "wages_myen",
    "raw_materials_myen",
]
SUMS_4 = {
    2016: [191339, 7571369, 302042266, 97292034, 33643605, 185905082],
    2017: [188249, 7697321, 318952158, 103376649, 34350219, 199000702],
    2018: [185116, 7778124, 331729957, 104267668, 35423792, 210313154],
    2019: [181877, 7717646, 322394871, 100205760, 35445421, 204523402],
}
SHIPMENT_FLAGS_4 = {
    2016: {"ok": 1091, "suppressed": 29, "nil_or_na": 8},
    2017: {"ok": 1095, "suppressed": 24, "nil_or_na": 9},
    2018: {"ok": 1092, "suppressed": 29, "nil_or_na": 7},
    2019: {"ok": 1093, "suppressed": 25, "absent_from_source": 10},
}
NATIONAL_SHIPMENTS = {2016: 302185204, 2017: 319035840, 2018: 331809377, 2019: 322533418}


@pytest.fixture(scope="module")
def jsic4() -> pd.DataFrame:
    return jregion.load_indicator("manufacturing_jsic_4plus")


def test_4plus_contract(jsic4: pd.DataFrame) -> None:
    _assert_full_grid(jsic4, [2016, 2017, 2018, 2019])
    assert "4 or more" in jsic4.attrs["definitions"]["threshold"]
    assert "粗付加価値額" in jsic4.attrs["definitions"]["value_added_myen"]
    for col in VALUES_4:
        assert str(jsic4[col].dtype) == "Int64"
        flag = jsic4[f"{col}_flag"]
        assert jsic4.loc[flag == "ok", col].notna().all()
        assert jsic4.loc[flag != "ok", col].isna().all()


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_4plus_sums_equal_the_copys_validation_report(jsic4: pd.DataFrame, year: int) -> None:
    one = jsic4.xs(year, level="year")
    assert [int(one[c].sum()) for c in VALUES_4] == SUMS_4[year]
    assert one["shipments_myen_flag"].value_counts().to_dict() == SHIPMENT_FLAGS_4[year]


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_4plus_equals_the_census_copies(jsic4: pd.DataFrame, year: int) -> None:
    # Two independent routes to the same census: manufacturing_census (dataPZ.xlsx and
    # 00550010_industrial.csv) and table 3-01 (e-Stat API). Establishments and persons agree in
    # every prefecture; the census's shipments give METI's national row to rounding, and no
    # prefecture's published groups exceed its total by more than rounding.
    census = jregion.load_indicator("manufacturing", year=year)
    by_pref = jsic4.xs(year, level="year").groupby(level="pref_code")[VALUES_4].sum()
    for col in ("establishments", "persons_employed"):
        assert (by_pref[col] == census[col]).all(), col
    assert abs(int(census["shipments_myen"].sum()) - NATIONAL_SHIPMENTS[year]) <= 5
    assert (by_pref["shipments_myen"] - census["shipments_myen"]).max() <= 24


def test_4plus_hand_checked_cells(jsic4: pd.DataFrame) -> None:
    # read in processed_data/manufacturing_2018_table3-01.csv of the copy
    row = jsic4.loc[("01", 2018, "09")]
    assert [int(row[c]) for c in VALUES_4] == [1747, 79096, 2210705, 605311, 220222, 1515095]
    row = jsic4.loc[("02", 2018, "20")]  # Aomori leather: 1 establishment, money suppressed
    assert (int(row["establishments"]), int(row["persons_employed"])) == (1, 26)
    assert pd.isna(row["shipments_myen"]) and row["shipments_myen_flag"] == "suppressed"
    row = jsic4.loc[("02", 2018, "30")]
    assert (int(row["establishments"]), int(row["persons_employed"])) == (8, 701)
    # 2019 leaves out cells instead of printing "-": empty, never 0
    row = jsic4.loc[("47", 2019, "30")]
    assert pd.isna(row["establishments"]) and row["establishments_flag"] == "absent_from_source"


# --- technology classes and aggregation ------------------------------------------------------


def test_technology_classes() -> None:
    tech = jregion.load_indicator("jsic_technology")
    assert list(tech.index) == list(jregion.JSIC_MIDDLE_GROUPS)
    assert set(tech["oecd_class"]) <= {"high", "medium-high", "medium", "medium-low", "mixed"}
    assert jregion.jsic_groups() == ["28", "30"]
    assert jregion.jsic_groups("high_or_medium_high") == [
        "16", "25", "26", "27", "28", "29", "30", "31"
    ]
    # the pharmaceuticals and aircraft inside broader groups are named, not hidden
    assert "165" in tech.loc["16", "high_detail"] and "314" in tech.loc["31", "high_detail"]
    assert "Galindo-Rueda" in tech.attrs["source"]
    with pytest.raises(ValueError, match="unknown definition 'hightech'"):
        jregion.jsic_groups("hightech")  # type: ignore[arg-type]


def _toy() -> pd.DataFrame:
    idx = pd.MultiIndex.from_tuples(
        [("01", "28"), ("01", "30"), ("01", "09"), ("02", "28"), ("02", "30"), ("03", "28")],
        names=["pref_code", "jsic_code"],
    )
    return pd.DataFrame(
        {"n": pd.array([2, 3, 100, 5, pd.NA, 7], dtype="Int64"),
         "flag": ["ok", "ok", "ok", "ok", "suppressed", "ok"]},
        index=idx,
    )


def test_aggregate_jsic_hand_worked() -> None:
    out = jregion.aggregate_jsic(_toy(), groups=["28", "30"])
    # 01: 2 + 3; 02: 30 is suppressed -> missing, 1 missing cell; 03: no row for 30 -> missing
    assert out["n"].tolist()[0] == 5
    assert out["n"].isna().tolist() == [False, True, True]
    assert out["n_missing"].tolist() == [0, 1, 1]
    assert out["n_groups"].tolist() == [2, 2, 1]
    assert list(out.columns) == ["n", "n_missing", "n_groups"]  # text columns are left out
    assert out.attrs["groups"] == ["28", "30"]
    one = jregion.aggregate_jsic(_toy(), groups=["09"])
    assert one["n"].tolist()[0] == 100 and one["n"].isna().tolist() == [False, True, True]


def test_aggregate_jsic_bundled(jsic4: pd.DataFrame) -> None:
    # Tokyo 2019: 28 has 246 and 30 has 113 establishments (copy, 2019 table 3-01)
    out = jregion.aggregate_jsic(jsic4, columns=["establishments"])
    assert list(out.index.names) == ["pref_code", "year"]
    assert int(out.loc[("13", 2019), "establishments"]) == 246 + 113
    assert pd.isna(out.loc[("47", 2019), "establishments"])  # Okinawa 30 not published
    assert int(out.loc[("47", 2019), "establishments_missing"]) == 1


def test_aggregate_jsic_errors() -> None:
    toy = _toy()
    with pytest.raises(ValueError, match="unknown JSIC middle groups \\['33'\\]"):
        jregion.aggregate_jsic(toy, groups=["28", "33"])
    with pytest.raises(ValueError, match="unknown JSIC middle groups \\['9'\\]"):
        jregion.aggregate_jsic(toy, groups=[9])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="lists a code twice"):
        jregion.aggregate_jsic(toy, groups=["28", "28"])
    with pytest.raises(ValueError, match="needs a 'jsic_code' index level"):
        jregion.aggregate_jsic(toy.reset_index())
    with pytest.raises(DuplicateKeyError, match=r"df has duplicated keys .*aggregate them first"):
        jregion.aggregate_jsic(pd.concat([toy, toy]))
    with pytest.raises(ValueError, match="not numeric"):
        jregion.aggregate_jsic(toy, columns=["flag"])
    ints = toy.set_axis(
        toy.index.set_levels(toy.index.levels[1].astype(int), level="jsic_code")
    )
    with pytest.raises(ValueError, match="must hold two-digit strings"):
        jregion.aggregate_jsic(ints)
    with pytest.raises(ValueError, match="not in df"):
        jregion.aggregate_jsic(toy, columns=["shipments"])


def test_4plus_joins_to_the_47_prefectures(jsic4: pd.DataFrame) -> None:
    totals = jsic4.xs(2019, level="year").groupby(level="pref_code")[["establishments"]].sum()
    joined = jregion.attach(totals, key=None, how="inner")  # raises on unmatched rows
    assert len(joined) == 47


# --- 2014 (e-Stat 0003144102, 市区町村編; money in 万円) ----------------------------------------


def test_2014_table() -> None:
    j = jregion.load_indicator("manufacturing_jsic_2014")
    _assert_full_grid(j, [2014])
    assert j.attrs["units"]["shipments_10kyen"] == "10,000 yen (万円)"
    # flag counts of the copy's metadata/validation_2014_tablemuni3-01.json
    assert j["shipments_10kyen_flag"].value_counts().to_dict() == {
        "ok": 1093, "suppressed": 28, "nil_or_na": 7
    }
    assert j["establishments_300plus_flag"].value_counts().to_dict() == {
        "ok": 644, "nil_or_na": 484
    }
    # hand-checked, Hokkaido 09 food (read in the copy): 1,890 establishments, 75,567 persons,
    # shipments 198,458,420 万円; Hokkaido 17 petroleum: gross value added -5,891,769 万円
    row = j.loc[("01", 2014, "09")]
    assert (int(row["establishments"]), int(row["persons_employed"])) == (1890, 75567)
    assert int(row["shipments_10kyen"]) == 198458420
    assert int(j.loc[("01", 2014, "17"), "gross_value_added_10kyen"]) == -5891769
    # the same census by another route: counts equal manufacturing_census 2014 in every
    # prefecture, and shipments / 100 give its million yen where no cell is suppressed
    census = jregion.load_indicator("manufacturing", year=2014)
    by_pref = j.groupby(level="pref_code").sum(numeric_only=True)
    assert (by_pref["establishments"] == census["establishments"]).all()
    assert (by_pref["persons_employed"] == census["persons_employed"]).all()
    complete = (j["shipments_10kyen_flag"] == "ok").groupby(level="pref_code").all()
    gap = (by_pref["shipments_10kyen"] / 100 - census["shipments_myen"])[complete].abs()
    assert len(gap) == 31 and gap.max() < 0.5
    # aggregate_jsic works on it as on the other years
    ht = jregion.aggregate_jsic(j, columns=["establishments"])
    assert list(ht.index.names) == ["pref_code", "year"]
