"""aggregate_mesh and mesh_share on the real e-Stat mesh files (tests/fixtures/estat_mesh)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import jregion
from jregion.meshstats import assign_cells

FIXTURES = Path(__file__).parent / "fixtures" / "estat_mesh"
POP, YOUNG, ADULT = "T001101001", "T001101004", "T001101007"  # total (own), 0-14, 15+ (pooled)


def cell_boxes(codes: list[str]) -> gpd.GeoSeries:
    b = jregion.mesh_bounds(codes)
    return gpd.GeoSeries(
        shapely.box(b["west"], b["south"], b["east"], b["north"]), index=b.index, crs=4326
    )


def test_parent_cells_hand_worked(census: pd.DataFrame) -> None:
    # From the file: 50310011 holds 503100111 (merged into 503100112; total 5) and its
    # receiving cell 503100112 (total 13; 0-14: 1, 15+: 24, which include 503100111,
    # 503100212 and 503100222). 50310021 holds only 503100212 (merged; total 4) and
    # 50310022 only 503100222 (merged; total 3).
    agg = jregion.aggregate_mesh(census, level="1km")
    v = agg.values
    assert v.loc["50310011", [POP, YOUNG, ADULT]].tolist() == [18, 1, 24]
    assert v.loc["50310021", POP] == 4 and np.isnan(v.loc["50310021", YOUNG])
    assert v.loc["50310022", POP] == 3 and np.isnan(v.loc["50310022", YOUNG])
    assert agg.cells["50310011"] == 2
    assert agg.merged_in["50310011"] >= 2  # 503100212 and 503100222 come in
    assert agg.merged_out["50310021"] == 1 and agg.merged_out["50310022"] == 1
    assert agg.merged_out["50310011"] == 0
    assert agg.by_nearest.sum() == 0
    assert agg.to_frame().loc["50310011", "cells"] == 2


def raw_sums(path: Path, key_len: int) -> dict[str, dict[str, float]]:
    """Independent reference: the csv module on the raw text, '*' skipped, summed by prefix."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"))))
    header, data = rows[0], [r for r in rows[2:] if r]
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in data:
        for col, cell in zip(header[4:], r[4:], strict=True):
            if cell != "*":
                sums[r[0][:key_len]][col] += float(cell)
    return sums


@pytest.mark.parametrize(("level", "digits"), [(1, 4), (2, 6), ("1km", 8)])
def test_parent_sums_match_the_raw_file(census: pd.DataFrame, level: object, digits: int) -> None:
    ref = raw_sums(FIXTURES / "tblT001101H5031_extract.txt", digits)
    agg = jregion.aggregate_mesh(census, level=level)  # type: ignore[arg-type]
    expected = pd.DataFrame.from_dict({p: dict(c) for p, c in ref.items()}, orient="index")
    got = agg.values.loc[expected.index, expected.columns]
    pd.testing.assert_frame_equal(got, expected, check_names=False, check_exact=True)
    assert len(agg.values) == len(ref)
    merged = census["HTKSYORI"] == 2
    across = census.index[merged].str[:digits] != census.loc[merged, "HTKSAKI"].str[:digits]
    assert agg.merged_across == int(np.sum(across))
    assert agg.merged_in.sum() == agg.merged_out.sum()


def test_every_figure_counted_once(census: pd.DataFrame) -> None:
    columns = census.columns[3:]
    for to in ("prefecture", "eight", "meti"):
        agg = jregion.aggregate_mesh(census, to=to)
        np.testing.assert_allclose(agg.values[columns].sum(), census[columns].sum())
        assert agg.cells.sum() == len(census)
        assert agg.unassigned.empty


def test_prefectures_and_regions_of_the_5031_extract(census: pd.DataFrame) -> None:
    by_pref = jregion.aggregate_mesh(census, to="prefecture")
    assert list(by_pref.values.index) == ["35", "40", "44"]  # Yamaguchi, Fukuoka, Oita
    assert by_pref.values.index.name == "pref_code"
    by_region = jregion.aggregate_mesh(census, to="eight")
    assert list(by_region.values.index) == ["Chugoku", "Kyushu"]  # scheme order
    assert by_region.values.at["Chugoku", POP] == by_pref.values.at["35", POP]
    assert by_region.values.at["Kyushu", POP] == by_pref.values.loc[["40", "44"], POP].sum()
    # the cells' own area by centre, checked one by one against the prefecture polygons
    area, nearest = assign_cells(census.index, "prefecture")
    prefs = jregion.load_prefectures()
    centres = jregion.mesh_centres(census.index)
    for code in census.index[::37]:
        point = shapely.Point(centres.at[code, "lon"], centres.at[code, "lat"])
        inside = [p for p, g in prefs.geometry.items() if g.contains(point)]
        if nearest[code]:
            assert inside == []
        else:
            assert inside == [area[code]]
    # merges across prefecture lines are reported, cell by cell
    merged = census[census["HTKSYORI"] == 2]
    crossing = (area[merged.index].to_numpy() != area[merged["HTKSAKI"]].to_numpy()).sum()
    assert by_pref.merged_across == crossing
    assert by_pref.merged_out.sum() == by_pref.merged_in.sum() == crossing


def test_breakdown_counts_in_the_receiving_cells_area(census: pd.DataFrame) -> None:
    # zone "A" = the receiving cell 503100112 and 503100111; zone "B" = 503100212 alone
    boxes = cell_boxes(["503100111", "503100112", "503100212"])
    zones = gpd.GeoDataFrame(
        geometry=[shapely.union(boxes.iloc[0], boxes.iloc[1]), boxes.iloc[2]],
        index=pd.Index(["A", "B"], name="zone"),
        crs=4326,
    )
    agg = jregion.aggregate_mesh(census, to=zones)
    assert agg.values.loc["A", [POP, YOUNG, ADULT]].tolist() == [18, 1, 24]
    assert agg.values.at["B", POP] == 4 and np.isnan(agg.values.at["B", YOUNG])
    assert agg.merged_out.to_dict() == {"A": 0, "B": 1}
    # 503100212 (in B) and 503100222 (in no zone) are counted in A's breakdowns
    assert agg.merged_in.to_dict() == {"A": 2, "B": 0}
    assert agg.merged_across == 2
    assert len(agg.unassigned) == len(census) - 3
    assert agg.by_nearest.sum() == 0
    assert "unassigned" in agg.rule


def test_merged_group_totals_match_its_breakdown(census: pd.DataFrame) -> None:
    # qgis-japan-mesh#26: a merged group's total must include the merged cells' own totals.
    # The group of 503100112 as one zone: population 13 + 5 + 4 + 3 = 25, and its age
    # breakdown (held by the receiving cell) 0-14: 1 + 15 and over: 24 = 25.
    group = ["503100112", "503100111", "503100212", "503100222"]
    zone = gpd.GeoDataFrame(
        geometry=[shapely.union_all(cell_boxes(group).to_numpy())], index=["group"], crs=4326
    )
    agg = jregion.aggregate_mesh(census, to=zone)
    assert agg.values.loc["group", [POP, YOUNG, ADULT]].tolist() == [25, 1, 24]
    assert agg.merged_across == 0 and agg.cells["group"] == 4


def test_zones_in_another_crs_give_the_same_result(census: pd.DataFrame) -> None:
    prefs = jregion.load_prefectures()
    a = jregion.aggregate_mesh(census, to=prefs.to_crs(jregion.EQUAL_AREA_CRS))
    b = jregion.aggregate_mesh(census, to=prefs)
    pd.testing.assert_frame_equal(a.values, b.values)


def test_receiver_missing_is_reported(census: pd.DataFrame) -> None:
    agg = jregion.aggregate_mesh(census.drop(index="503100112"), level=1)
    assert set(agg.receivers_missing) == {"503100111", "503100212", "503100222"}


def test_economic_census_without_flags(okinawa: pd.DataFrame) -> None:
    agg = jregion.aggregate_mesh(okinawa, to="prefecture")
    assert list(agg.values.index) == ["47"]
    pd.testing.assert_series_equal(
        agg.values.loc["47"], okinawa.sum().rename("47"), check_names=False
    )
    assert agg.merged_across == 0 and agg.receivers_missing.empty


def test_input_not_mutated_and_row_order_irrelevant(census: pd.DataFrame) -> None:
    before = census.copy()
    shuffled = census.sample(frac=1.0, random_state=3)
    a = jregion.aggregate_mesh(shuffled, level=3)
    pd.testing.assert_frame_equal(census, before)
    b = jregion.aggregate_mesh(census, level=3)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())


def test_bad_arguments(census: pd.DataFrame) -> None:
    with pytest.raises(TypeError, match="exactly one of level"):
        jregion.aggregate_mesh(census)
    with pytest.raises(TypeError, match="exactly one of level"):
        jregion.aggregate_mesh(census, level=3, to="prefecture")
    with pytest.raises(jregion.SchemeError, match="unknown output area 'Kantou'"):
        jregion.aggregate_mesh(census, to="Kantou")
    with pytest.raises(jregion.MeshCodeError, match="finer"):
        jregion.aggregate_mesh(census, level=5)
    mixed = pd.DataFrame({"x": [1.0, 2.0]}, index=["533946111", "53394611"])
    with pytest.raises(jregion.MeshCodeError):
        jregion.aggregate_mesh(mixed, level=1)
    no_crs = gpd.GeoDataFrame(geometry=[shapely.box(131, 33, 132, 34)])
    with pytest.raises(jregion.CRSError, match="no CRS"):
        jregion.aggregate_mesh(census, to=no_crs)
    with pytest.raises(jregion.InvalidDataError, match="cannot be summed"):
        jregion.aggregate_mesh(census, level=1, columns=["HTKSAKI"])


def test_by_municipality(okinawa: pd.DataFrame) -> None:
    agg = jregion.aggregate_mesh(okinawa, to="municipality")
    munis = jregion.load_municipalities()
    assert agg.values.index.name == "muni_code"
    assert set(munis.loc[agg.values.index, "pref_code"]) == {"47"}
    np.testing.assert_allclose(agg.values.sum(), okinawa.sum())
    assert agg.cells.sum() == len(okinawa)
    # each cell whose centre is inside a municipality is assigned to it, checked by shapely
    centres = jregion.mesh_centres(okinawa.index)
    for code in okinawa.index[::20]:
        point = shapely.Point(centres.at[code, "lon"], centres.at[code, "lat"])
        inside = [m for m, g in munis.geometry.items() if g.contains(point)]
        if inside:
            assert agg.assignment[code] == inside[0]


# ---------------------------------------------------------------- mesh_share


def test_share_refuses_receiving_cells(census: pd.DataFrame) -> None:
    n = int((census["HTKSYORI"] == 1).sum())
    with pytest.raises(jregion.MissingValueError, match=rf"wrong in {n} receiving cells"):
        jregion.mesh_share(census, YOUNG, POP)
    with pytest.raises(jregion.MissingValueError, match="'T001101004' includes merged cells"):
        jregion.mesh_share(census, POP, YOUNG)  # the other way round too


def test_share_missing_and_group(census: pd.DataFrame) -> None:
    plain = census[YOUNG] / census[POP]
    missing = jregion.mesh_share(census, YOUNG, POP, receiving="missing")
    receiving = census["HTKSYORI"] == 1
    assert missing[receiving].isna().all()
    pd.testing.assert_series_equal(missing[~receiving], plain[~receiving], check_names=False)
    assert missing.name == f"{YOUNG}/{POP}"
    group = jregion.mesh_share(census, YOUNG, POP, receiving="group")
    # 503100112: 0-14 of the merged group = 1, group population 13 + 5 + 4 + 3 = 25
    assert group["503100112"] == pytest.approx(1 / 25)
    assert np.isnan(group["503100111"])  # merged cell: its children are in the receiver
    pd.testing.assert_series_equal(group[~receiving], plain[~receiving], check_names=False)


def test_share_of_same_kind_columns_is_computed(census: pd.DataFrame) -> None:
    pooled = jregion.mesh_share(census, YOUNG, ADULT)  # both breakdowns: consistent
    pd.testing.assert_series_equal(pooled, (census[YOUNG] / census[ADULT]), check_names=False)
    own = jregion.mesh_share(census, "T001101002", POP)  # male / total: both own
    assert own.notna().all()


def test_share_without_merged_cells_cannot_tell_kinds(census: pd.DataFrame) -> None:
    receivers_only = census[census["HTKSYORI"] != 2]
    with pytest.raises(jregion.MissingValueError, match="none of their merged cells"):
        jregion.mesh_share(receivers_only, YOUNG, POP)
    out = jregion.mesh_share(receivers_only, YOUNG, POP, receiving="missing")
    assert out[receivers_only["HTKSYORI"] == 1].isna().all()


def test_share_without_flags_is_plain_division(okinawa: pd.DataFrame) -> None:
    share = jregion.mesh_share(okinawa, "T000918024", "T000918020")
    pd.testing.assert_series_equal(
        share, okinawa["T000918024"] / okinawa["T000918020"], check_names=False
    )


def test_group_share_needs_gassan(census: pd.DataFrame) -> None:
    with pytest.raises(jregion.MissingValueError, match="needs the GASSAN column"):
        jregion.mesh_share(census.drop(columns="GASSAN"), YOUNG, POP, receiving="group")


def test_two_files_concatenated(census: pd.DataFrame) -> None:
    other = jregion.read_estat_mesh(FIXTURES / "tblT001101H5130.txt")
    both = pd.concat([census, other])
    agg = jregion.aggregate_mesh(both, to="prefecture")
    one = jregion.aggregate_mesh(census, to="prefecture").values
    two = jregion.aggregate_mesh(other, to="prefecture").values
    expected = one.add(two, fill_value=0)
    pd.testing.assert_frame_equal(agg.values, expected.loc[agg.values.index], check_names=False)
    assert agg.cells.sum() == len(census) + len(other)


def test_centre_on_a_shared_edge_goes_to_the_first_zone(census: pd.DataFrame) -> None:
    c = jregion.mesh_centres(["503100112"]).iloc[0]
    left = shapely.box(c["lon"] - 0.01, c["lat"] - 0.01, c["lon"], c["lat"] + 0.01)
    right = shapely.box(c["lon"], c["lat"] - 0.01, c["lon"] + 0.01, c["lat"] + 0.01)
    one = census.loc[["503100112"]]
    for first, second in (("L", "R"), ("R", "L")):
        geoms = {"L": left, "R": right}
        zones = gpd.GeoDataFrame(
            geometry=[geoms[first], geoms[second]], index=[first, second], crs=4326
        )
        agg = jregion.aggregate_mesh(one, to=zones)
        assert agg.assignment["503100112"] == first
        assert agg.cells.to_dict() == {first: 1}  # areas without cells are not listed


_CENSUS = jregion.read_estat_mesh(FIXTURES / "tblT001101H5031_extract.txt")


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    share=st.floats(0.02, 1.0),
    level=st.sampled_from([1, 2, 3]),
)
def test_property_figures_kept_and_merges_balanced(seed: int, share: float, level: int) -> None:
    keep = np.random.default_rng(seed).random(len(_CENSUS)) < share
    subset = _CENSUS[keep]
    if subset.empty:
        return
    agg = jregion.aggregate_mesh(subset, level=level)  # type: ignore[arg-type]
    columns = subset.columns[3:]
    # every figure is summed exactly once, whatever cells are missing
    np.testing.assert_allclose(agg.values[columns].sum(), subset[columns].sum())
    assert agg.cells.sum() == len(subset)
    # every merge whose two cells are both present moves out of one parent and into another
    assert agg.merged_in.sum() == agg.merged_out.sum() == agg.merged_across
    merged = subset[subset["HTKSYORI"] == 2]
    assert set(agg.receivers_missing) == set(merged.index[~merged["HTKSAKI"].isin(subset.index)])
