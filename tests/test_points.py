"""assign and count_by in memory, checked against geopandas.sjoin and hand-worked cases."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import jregion
from jregion.crs import EQUAL_AREA_CRS
from jregion.errors import (
    CRSError,
    GeometryError,
    InvalidDataError,
    MissingValueError,
    NonNumericError,
    PointsOutsideWarning,
)


def _random_points(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"lon": rng.uniform(129.0, 146.0, n), "lat": rng.uniform(31.0, 45.5, n)})
    df.index = pd.Index([f"firm{i}" for i in rng.permutation(n)], name="firm_id")
    return df


def _quiet_assign(points: pd.DataFrame, level: str = "prefecture", **kw: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PointsOutsideWarning)
        return jregion.assign(points, level, **kw)  # type: ignore[arg-type]


def _sjoin_codes(points: pd.DataFrame, polys: gpd.GeoDataFrame) -> pd.Series:
    gdf = gpd.GeoDataFrame(
        points, geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs=4326
    )
    joined = gpd.sjoin(gdf, polys[["geometry"]], predicate="within", how="left")
    assert not joined.index.duplicated().any()
    return joined[polys.index.name].reindex(points.index)


def _as_list(s: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in s]


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return _random_points(60_000, seed=7)


def test_prefecture_equals_sjoin_within(sample: pd.DataFrame, prefs: gpd.GeoDataFrame) -> None:
    out = _quiet_assign(sample)
    expected = _sjoin_codes(sample, prefs)
    got = out["pref_code"].astype(object)
    assert got.notna().sum() > 8_000  # the sample reaches inland, not only sea
    assert _as_list(got) == _as_list(expected)


def test_same_rows_order_index_and_input_untouched(sample: pd.DataFrame) -> None:
    before = sample.copy()
    out = _quiet_assign(sample, "region")
    pd.testing.assert_frame_equal(sample, before)
    assert out.index.equals(sample.index)
    assert list(out.columns) == ["lon", "lat", "pref_code", "region"]
    pd.testing.assert_frame_equal(out[["lon", "lat"]], sample)


def test_region_is_the_prefectures_region(sample: pd.DataFrame) -> None:
    out = _quiet_assign(sample, "region", scheme="meti")
    placed = out["pref_code"].notna()
    expected = jregion.region_of(out.loc[placed, "pref_code"].astype(str), scheme="meti")
    assert out.loc[placed, "region"].astype(str).tolist() == expected.astype(str).tolist()
    assert out.loc[~placed, "region"].isna().all()
    # Niigata is Kanto in METI's scheme
    niigata = out["pref_code"] == "15"
    assert niigata.any()
    assert set(out.loc[niigata, "region"].astype(str)) == {"Kanto"}


def test_known_places() -> None:
    places = pd.DataFrame(
        {
            "lon": [139.7671, 135.4959, 136.8815, 141.3544, 127.6809, 139.6380],
            "lat": [35.6812, 34.7025, 35.1709, 43.0687, 26.2124, 35.4437],
        },
        index=["Tokyo Sta.", "Osaka Sta.", "Nagoya Sta.", "Sapporo Sta.", "Naha", "Yokohama"],
    )
    out = jregion.assign(places, "municipality")
    assert out["muni_code"].astype(str).tolist() == [
        "13101",  # Chiyoda
        "27100",  # Osaka city
        "23100",  # Nagoya city
        "01100",  # Sapporo city
        "47201",  # Naha
        "14100",  # Yokohama city
    ]
    pref = jregion.assign(places)["pref_code"].astype(str).tolist()
    assert pref == ["13", "27", "23", "01", "47", "14"]


def _shared_vertices(prefs: gpd.GeoDataFrame, a: str, b: str) -> np.ndarray:
    ca = shapely.get_coordinates(prefs.geometry.loc[a].boundary)
    cb = shapely.get_coordinates(prefs.geometry.loc[b].boundary)
    common = {tuple(p) for p in ca} & {tuple(p) for p in cb}
    return np.array(sorted(common))


@pytest.mark.parametrize(("a", "b"), [("13", "14"), ("14", "22"), ("27", "28")])
def test_points_on_a_shared_border_get_the_lowest_code(
    prefs: gpd.GeoDataFrame, a: str, b: str
) -> None:
    xy = _shared_vertices(prefs, a, b)
    assert len(xy) >= 3
    pts = pd.DataFrame({"lon": xy[:, 0], "lat": xy[:, 1]})
    # sjoin 'within' assigns these points to no prefecture
    assert _sjoin_codes(pts, prefs).isna().all()
    out = jregion.assign(pts, "region")
    # expected: the lowest code among every prefecture the vertex touches (a tripoint such
    # as Kyoto-Osaka-Hyogo touches three), by a plain shapely test over all 47
    touching = [
        sorted(prefs.index[prefs.geometry.intersects(shapely.Point(x, y))]) for x, y in xy
    ]
    assert all(len(t) >= 2 for t in touching)
    expected = [t[0] for t in touching]
    assert out["pref_code"].astype(str).tolist() == expected
    assert expected.count(min(a, b)) >= len(xy) - 2


def test_a_coastline_vertex_belongs_to_its_only_prefecture(prefs: gpd.GeoDataFrame) -> None:
    # Okinawa touches no other prefecture: every boundary vertex is coast
    xy = shapely.get_coordinates(prefs.geometry.loc["47"].boundary)[:50]
    pts = pd.DataFrame({"lon": xy[:, 0], "lat": xy[:, 1]})
    out = jregion.assign(pts)
    assert (out["pref_code"] == "47").all()


def test_outside_points_warn_once_with_their_count() -> None:
    pts = pd.DataFrame(
        {"lon": [139.7671, 140.0, 160.0, np.nan], "lat": [35.6812, 30.0, 10.0, 35.0]},
        index=[10, 20, 30, 40],
    )
    with pytest.warns(PointsOutsideWarning) as rec:
        out = jregion.assign(pts)
    assert len(rec) == 1
    msg = str(rec[0].message)
    assert "of 4 points, 2 lie outside every prefecture" in msg
    assert "1 have no location" in msg
    assert out["pref_code"].isna().tolist() == [False, True, True, True]
    assert out.index.tolist() == [10, 20, 30, 40]


def test_snap_km_assigns_the_nearest_prefecture_within_the_distance(
    prefs: gpd.GeoDataFrame,
) -> None:
    # off the coast: Tokyo Bay near Kawasaki/Chiba, the Seto Inland Sea, far out in the Pacific
    pts = pd.DataFrame({"lon": [139.85, 133.70, 134.05, 145.0], "lat": [35.50, 34.30, 34.50, 30.0]})
    gdf = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts.lon, pts.lat), crs=4326)
    # independent reference: geopandas distances in the equal-area CRS
    ea_prefs = prefs.to_crs(EQUAL_AREA_CRS)
    ea_pts = gdf.to_crs(EQUAL_AREA_CRS)
    dist_km = np.array([ea_prefs.distance(p).to_numpy() / 1000 for p in ea_pts.geometry])
    nearest = prefs.index[dist_km.argmin(axis=1)].tolist()
    best = dist_km.min(axis=1)
    assert (best[:3] > 0).all()
    assert (best[:3] < 15).all()
    assert best[3] > 100
    with pytest.warns(PointsOutsideWarning, match="1 lie outside every prefecture.*3 were snapped"):
        out = jregion.assign(gdf, snap_km=20)
    assert out["pref_code"].astype(object).tolist()[:3] == nearest[:3]
    assert pd.isna(out["pref_code"].iloc[3])
    assert out["snapped"].tolist() == [True, True, True, False]
    np.testing.assert_allclose(out["snap_distance_km"].to_numpy()[:3], best[:3], rtol=1e-9)
    assert np.isnan(out["snap_distance_km"].iloc[3])
    # a distance shorter than the gap leaves the point unassigned
    short = float(best[0]) * 0.5
    with pytest.warns(PointsOutsideWarning):
        again = jregion.assign(gdf.iloc[:1], snap_km=short)
    assert not again["snapped"].iloc[0]


def test_inside_points_are_never_snapped() -> None:
    pts = pd.DataFrame({"lon": [139.7671], "lat": [35.6812]})
    out = jregion.assign(pts, snap_km=50)
    assert out["pref_code"].iloc[0] == "13"
    assert not out["snapped"].iloc[0]
    assert np.isnan(out["snap_distance_km"].iloc[0])


def test_geodataframe_in_a_projected_crs_is_transformed(prefs: gpd.GeoDataFrame) -> None:
    pts = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy([139.7671, 135.4959], [35.6812, 34.7025]), crs=4326
    ).to_crs(6677)  # JGD2011 plane rectangular IX
    out = jregion.assign(pts)
    assert out["pref_code"].astype(str).tolist() == ["13", "27"]
    assert out.crs.to_epsg() == 6677


def test_missing_geometry_is_a_missing_code() -> None:
    gdf = gpd.GeoDataFrame(
        geometry=[shapely.Point(139.7671, 35.6812), None, shapely.Point()], crs=4326
    )
    with pytest.warns(PointsOutsideWarning, match="2 have no location"):
        out = jregion.assign(gdf)
    assert out["pref_code"].isna().tolist() == [False, True, True]


def test_bad_inputs_raise_clear_errors(prefs: gpd.GeoDataFrame) -> None:
    pts = pd.DataFrame({"lon": [139.7671], "lat": [35.6812]})
    with pytest.raises(CRSError, match="no CRS"):
        jregion.assign(gpd.GeoDataFrame(geometry=gpd.points_from_xy([139.7], [35.6])))
    metres = gpd.GeoDataFrame(geometry=gpd.points_from_xy([-5000.0], [-35000.0]), crs=4326)
    with pytest.raises(CRSError, match="look projected"):
        jregion.assign(metres)
    with pytest.raises(CRSError, match="swapped"):
        jregion.assign(pts.rename(columns={"lon": "lat", "lat": "lon"}))
    with pytest.raises(GeometryError, match=r"47 MultiPolygon.*representative_point"):
        jregion.assign(prefs)
    with pytest.raises(InvalidDataError, match="no rows"):
        jregion.assign(pts.iloc[:0])
    with pytest.raises(InvalidDataError, match="name the coordinate columns with lon="):
        jregion.assign(pts.rename(columns={"lon": "x"}))
    with pytest.raises(NonNumericError, match="'lat'"):
        jregion.assign(pts.assign(lat=["35.6"]))
    with pytest.raises(InvalidDataError, match="level must be one of"):
        jregion.assign(pts, "county")  # type: ignore[call-overload]
    with pytest.raises(InvalidDataError, match="already has column"):
        jregion.assign(pts.assign(pref_code="13"))
    with pytest.raises(InvalidDataError, match="positive distance"):
        jregion.assign(pts, snap_km=-1)
    with pytest.raises(TypeError, match="GeoDataFrame of points"):
        jregion.assign([(139.7, 35.6)])  # type: ignore[call-overload]
    out = jregion.assign(pts.rename(columns={"lon": "x", "lat": "y"}), lon="x", lat="y")
    assert out["pref_code"].iloc[0] == "13"


def test_degrees_labelled_with_a_projected_crs_raise() -> None:
    # reproduced on main: lon/lat labelled EPSG:6677 (JGD2011 zone IX, metres) were taken
    # as metres from the zone's origin (139.83E 36N), so every point became Chiba ("12")
    tokyo_osaka = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy([139.7671, 135.4959], [35.6812, 34.7025]), crs=6677
    )
    with pytest.raises(
        CRSError,
        match=r"labelled EPSG:6677 .*x 135\.496\.\.139\.767, y 34\.7025\.\.35\.6812.*look "
        r"like degrees.*set_crs\(\"EPSG:4326\", allow_override=True\)",
    ):
        jregion.assign(tokyo_osaka)
    fixed = tokyo_osaka.set_crs("EPSG:4326", allow_override=True).to_crs(6677)
    assert jregion.assign(fixed)["pref_code"].astype(str).tolist() == ["13", "27"]


def test_municipality_equals_sjoin_within() -> None:
    munis = jregion.load_municipalities()
    pts = _random_points(20_000, seed=3)
    # keep the sample on land-ish boxes around Kanto and Kinki so most points fall inside
    rng = np.random.default_rng(5)
    pts["lon"] = np.where(rng.random(len(pts)) < 0.5, 139.0, 135.0) + rng.uniform(0, 1.5, len(pts))
    pts["lat"] = np.where(pts["lon"] > 138, 35.2, 34.3) + rng.uniform(0, 1.0, len(pts))
    out = _quiet_assign(pts, "municipality")
    expected = _sjoin_codes(pts, munis)
    got = out["muni_code"].astype(object)
    assert got.notna().mean() > 0.6
    assert _as_list(got) == _as_list(expected)


FIRMS = pd.DataFrame(
    {
        "lon": [139.70, 139.75, 139.60, 135.50, 135.52, 136.90, 140.5],
        "lat": [35.65, 35.70, 35.45, 34.70, 34.68, 35.17, 30.0],
        "industry": ["IT", "IT", "metal", "metal", "IT", "metal", "IT"],
        "employees": [10, 30, 5, 50, 20, 15, 99],
    },
    index=list("abcdefg"),
)


def test_count_by_hand_worked() -> None:
    with pytest.warns(PointsOutsideWarning, match="1 of 7 points have no pref_code"):
        counts = jregion.count_by(FIRMS)
    assert counts.index.name == "pref_code"
    assert len(counts) == 47
    assert counts["count"].dtype == np.int64
    assert counts.loc[["13", "14", "23", "27"], "count"].tolist() == [2, 1, 1, 2]
    assert counts["count"].sum() == 6
    assert counts.attrs["jregion_unplaced"] == 1

    with pytest.warns(PointsOutsideWarning):
        by = jregion.count_by(FIRMS, by="industry", weight="employees")
    assert by.columns.tolist() == ["IT", "metal"]
    assert by.columns.name == "industry"
    assert by.loc["13"].tolist() == [40, 0]
    assert by.loc["27"].tolist() == [20, 50]
    assert by.loc["14"].tolist() == [0, 5]
    assert by.to_numpy().sum() == 130

    with pytest.warns(PointsOutsideWarning):
        regions = jregion.count_by(FIRMS, "region", scheme="tokaido")
    assert regions.index.name == "region"
    assert regions["count"].to_dict() == {"Tokaido belt": 6, "Rest of Japan": 0}


def test_count_by_feeds_location_quotient_and_attach() -> None:
    with pytest.warns(PointsOutsideWarning):
        by = jregion.count_by(FIRMS, by="industry")
    table = by.loc[by.sum(axis=1) > 0]
    lq = jregion.location_quotient(table)
    # hand-worked: IT share nationally 3/6; Tokyo 2/2 -> LQ 2; Osaka 1/2 -> LQ 1
    assert lq.loc["13", "IT"] == pytest.approx(2.0)
    assert lq.loc["27", "IT"] == pytest.approx(1.0)
    gdf = jregion.attach(by, key=None)
    assert gdf.loc["27", "metal"] == 1
    assert len(gdf) == 47


def test_count_by_reuses_an_assigned_column_and_checks_arguments() -> None:
    assigned = _quiet_assign(FIRMS.iloc[:6])
    counts = jregion.count_by(assigned)  # no warning: all placed
    assert counts["count"].sum() == 6
    with pytest.raises(InvalidDataError, match="not a column"):
        jregion.count_by(assigned, by="sector")
    with pytest.raises(NonNumericError, match="must be numeric"):
        jregion.count_by(assigned, weight="industry")
    with pytest.raises(MissingValueError, match="missing values"):
        jregion.count_by(
            assigned.assign(industry=[None, "IT", "IT", "IT", "IT", "IT"]), by="industry"
        )
    with pytest.raises(MissingValueError, match="1 missing value"):
        jregion.count_by(assigned.assign(employees=[np.nan, 1, 2, 3, 4, 5]), weight="employees")


def test_count_by_municipality_lists_occurring_codes() -> None:
    with pytest.warns(PointsOutsideWarning):
        counts = jregion.count_by(FIRMS, "municipality")
    assert counts.index.name == "muni_code"
    assert counts["count"].sum() == 6
    assert counts.index.is_monotonic_increasing
    assert (counts["count"] > 0).all()


def test_mesh_levels_are_to_mesh_codes_with_missing_outside_the_range() -> None:
    pts = pd.DataFrame(
        {"lon": [139.7671, 127.6792, 170.0, np.nan], "lat": [35.6812, 26.2124, 35.0, 35.0]},
        index=["tokyo_station", "naha", "mid_pacific", "no_location"],
    )
    with pytest.warns(PointsOutsideWarning, match="1 lie outside Japan's mesh range.*1 have no"):
        out = jregion.assign(pts, "mesh3")
    # Tokyo Station's 1 km cell, as in jpmesh's and jismesh's documentation
    assert out["mesh_code"].iloc[0] == "53394611"
    assert out["mesh_code"].iloc[1] == jregion.to_mesh(26.2124, 127.6792, level=3)
    assert out["mesh_code"].iloc[2:].isna().all()
    with pytest.warns(PointsOutsideWarning):
        fine = jregion.assign(pts, "mesh6")
    assert fine["mesh_code"].iloc[0].startswith("53394611")
    assert len(fine["mesh_code"].iloc[0]) == 11


def test_mesh_codes_equal_to_mesh_on_random_points() -> None:
    pts = _random_points(20_000, seed=11)
    out = jregion.assign(pts, "mesh5")
    expected = jregion.to_mesh(pts["lat"], pts["lon"], level=5)
    assert out["mesh_code"].tolist() == expected.tolist()


def test_count_by_mesh_reuses_only_a_column_of_the_same_level() -> None:
    placed = FIRMS.iloc[:6]
    assigned = jregion.assign(placed, "mesh3")
    counts = jregion.count_by(assigned, "mesh3")
    assert counts.index.name == "mesh_code"
    assert counts["count"].sum() == 6
    assert counts.index.tolist() == sorted(assigned["mesh_code"].unique())
    with pytest.raises(InvalidDataError, match="mesh_code column of level 3, not mesh6"):
        jregion.count_by(assigned, "mesh6")
    assert jregion.count_by(placed, "mesh1")["count"].to_dict() == {
        "5339": 3, "5235": 2, "5236": 1
    }


def test_count_by_refuses_reused_codes_it_does_not_know() -> None:
    placed = FIRMS.iloc[:6]
    assigned = jregion.assign(placed, "region", scheme="meti")
    with pytest.raises(InvalidDataError, match=r"not regions of this scheme.*'Kinki'"):
        jregion.count_by(assigned, "region", scheme="tokaido")
    as_ints = placed.assign(pref_code=[13, 13, 14, 27, 27, 23])
    with pytest.raises(InvalidDataError, match=r"not JIS prefecture codes.*to_codes"):
        jregion.count_by(as_ints)
    as_codes = placed.assign(pref_code=jregion.to_codes(as_ints["pref_code"]))
    assert jregion.count_by(as_codes)["count"].loc[["13", "27"]].tolist() == [2, 2]


@pytest.mark.parametrize("level", ["region", "mesh3", "municipality"])
def test_duplicated_index_labels_keep_their_rows(level: str) -> None:
    pts = pd.DataFrame(
        {"lon": [139.7671, 135.4959, 139.7671], "lat": [35.6812, 34.7025, 35.6812]},
        index=["a", "a", "b"],
    )
    out = jregion.assign(pts, level)  # type: ignore[arg-type]
    assert out.index.tolist() == ["a", "a", "b"]
    codes = out.iloc[:, 2].astype(str).tolist()
    assert codes[0] == codes[2] != codes[1]
