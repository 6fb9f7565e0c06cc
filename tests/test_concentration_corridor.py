"""Corridor shares (prefecture set, buffer for areas and points) and distance-decay profiles."""

from __future__ import annotations

import itertools
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

import jregion
from jregion.concentration import InvalidDataError

CODES = list(jregion.PREFECTURE_CODES)
GEOD = pyproj.Geod(ellps="GRS80")


def _city(name: str) -> tuple[float, float]:
    row = jregion.corridor_cities().loc[name]
    return float(row["lon"]), float(row["lat"])


def _points(coords: list[tuple[float, float]], **cols: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(cols, geometry=[shapely.Point(c) for c in coords], crs="EPSG:4326")


def test_city_table_is_sourced_and_inside_prefectures(prefs: gpd.GeoDataFrame) -> None:
    c = jregion.corridor_cities()
    assert len(c) == 49
    assert set(c["basis"]) == {"prefectural_office", "n03_point_on_surface"}
    info = jregion.dataset_info("corridor_cities")
    assert info["rows"] == 49 and "N03" in info["source_table"]
    # the seats are the prefecture table's office coordinates, unchanged
    t = jregion.prefecture_table()
    seats = c[c["basis"] == "prefectural_office"]
    np.testing.assert_allclose(seats["lat"].to_numpy(), t.loc[seats["pref_code"], "office_lat"])
    # every point lies in its own prefecture's polygon (Hamamatsu in Shizuoka, Tsukuba Ibaraki)
    for city, row in c.iterrows():
        poly = prefs.geometry.loc[row["pref_code"]]
        assert poly.contains(shapely.Point(row["lon"], row["lat"])), city
    assert c.loc["Hamamatsu", "pref_code"] == "22" and c.loc["Tsukuba", "pref_code"] == "08"


def test_corridor_line_runs_through_the_cities() -> None:
    line = jregion.corridor_line()
    assert line.crs.to_string() == "EPSG:4326"
    assert line.attrs["cities"] == list(jregion.TOKAIDO_CITIES)
    coords = np.asarray(line.iloc[0].coords)
    np.testing.assert_allclose(coords[0], _city("Tokyo"), atol=1e-9)
    np.testing.assert_allclose(coords[-1], _city("Kobe"), atol=1e-9)
    # every named city is a vertex
    for name in jregion.TOKAIDO_CITIES:
        assert np.min(np.hypot(*(coords - np.array(_city(name))).T)) < 1e-9
    # its length is the sum of the geodesic legs (straight legs in the conformal conic
    # differ from geodesics by metres)
    pts = [_city(n) for n in jregion.TOKAIDO_CITIES]
    legs = sum(GEOD.inv(*a, *b)[2] for a, b in itertools.pairwise(pts))
    lon, lat = coords.T
    assert GEOD.line_length(lon, lat) == pytest.approx(legs, rel=1e-4)


def test_city_names_any_form_and_unknown_city() -> None:
    a = jregion.corridor_line(["TOKYO", "名古屋", "Kōbe"])
    b = jregion.corridor_line(["Tokyo", "名古屋市", "kobe"])
    assert a.iloc[0].equals(b.iloc[0])
    with pytest.raises(jregion.UnknownCodeError, match="did you mean 'Hamamatsu'"):
        jregion.corridor_line(["Tokyo", "Hamamtsu"])
    with pytest.raises(jregion.UnknownCodeError, match="unknown corridor city 'Atlantis'"):
        jregion.corridor_share(_points([(139.7, 35.7)]), method="points", distance_km=10,
                               cities=["Tokyo", "Atlantis"])
    with pytest.raises(InvalidDataError, match="at least two cities"):
        jregion.corridor_line(["Tokyo"])
    with pytest.raises(TypeError, match="sequence of city names"):
        jregion.corridor_line("Tokyo")


def test_points_buffer_distance_is_exact() -> None:
    # Points due north of Nagoya: the polyline turns at Nagoya towards the south-east
    # (Hamamatsu) and the west-south-west (Kyoto), so the nearest point of the line is
    # Nagoya itself and the distance is the geodesic one.
    lon, lat = _city("Nagoya")
    dists = [49.0, 49.9, 50.1, 51.0]
    pts = [GEOD.fwd(lon, lat, 0.0, d * 1000)[:2] for d in dists]
    gdf = _points(pts, w=[1.0, 2.0, 4.0, 8.0])
    share = jregion.corridor_share(gdf, method="points", distance_km=50, columns="w")
    # 49 and 49.9 km inside, 50.1 and 51 outside: (1 + 2) / 15. In jregion's Albers
    # EQUAL_AREA_CRS north-south distances are 0.38 % too long, which would put the
    # 49.9 km point at 50.09 km, outside.
    assert share["w"] == pytest.approx(3 / 15, abs=1e-15)
    counts = jregion.corridor_share(gdf, method="points", distance_km=50)
    assert counts.index.tolist() == ["count"] and counts["count"] == pytest.approx(0.5)
    # point ids may repeat (several plants of one firm): every point still counts
    dup = gdf.set_axis([7, 7, 7, 8])
    assert jregion.corridor_share(dup, method="points", distance_km=50, columns="w")[
        "w"] == pytest.approx(3 / 15, abs=1e-15)


def test_area_buffer_share() -> None:
    buf = jregion.corridor_buffer(40)
    hokkaido = jregion.load_prefectures().geometry.loc["01"]
    lon, lat = _city("Shizuoka")
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=GRS80 +units=m")
    disc = gpd.GeoSeries([shapely.Point(0, 0).buffer(20_000)], crs=aeqd).to_crs(4326).iloc[0]
    gdf = gpd.GeoDataFrame({"v": [3.0, 1.0, 2.0]}, geometry=[buf.iloc[0], hokkaido, disc],
                           crs="EPSG:4326")
    # the buffer itself and a 20 km disc around a corridor city are wholly inside
    share = jregion.corridor_share(gdf, method="area", distance_km=40)
    assert share["v"] == pytest.approx(5 / 6, abs=1e-6)


def test_membership_and_pacific_belt() -> None:
    ones = pd.DataFrame({"v": 1.0}, index=CODES)
    assert jregion.corridor_share(ones, method="membership")["v"] == pytest.approx(9 / 47)
    pb = jregion.corridor_share(ones, method="membership", scheme="pacific_belt",
                                region="Pacific belt")
    assert pb["v"] == pytest.approx(17 / 47)
    with pytest.raises(InvalidDataError, match="not used with method='membership'"):
        jregion.corridor_share(ones, method="membership", distance_km=50)
    with pytest.raises(jregion.SchemeError, match="unknown region"):
        jregion.corridor_share(ones, method="membership", region="Kanto")


def test_area_from_prefecture_keyed_frame_matches_geodataframe(prefs: gpd.GeoDataFrame) -> None:
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"v": rng.uniform(1, 10, 47)}, index=CODES)
    a = jregion.corridor_share(df, method="area", distance_km=50)
    b = jregion.corridor_share(prefs[["geometry"]].join(df), method="area", distance_km=50)
    assert a["v"] == pytest.approx(b["v"], abs=1e-15)
    # a 50 km buffer along the Tokaido contains none of Hokkaido, Kyushu and Okinawa
    only_far = df.copy()
    only_far.loc[[c for c in CODES if c not in ("01", "40", "47")], "v"] = 0.0
    assert jregion.corridor_share(only_far, method="area", distance_km=50)["v"] == 0.0


def test_corridor_errors() -> None:
    pts = _points([(139.7, 35.7)], v=[1.0])
    with pytest.raises(InvalidDataError, match="needs distance_km"):
        jregion.corridor_share(pts, method="points")
    for bad in (0, -5, float("nan")):
        with pytest.raises(InvalidDataError, match="positive"):
            jregion.corridor_share(pts, method="points", distance_km=bad)
    with pytest.raises(InvalidDataError, match="method must be"):
        jregion.corridor_share(pts, method="circle", distance_km=5)  # type: ignore[arg-type]
    with pytest.raises(jregion.GeometryError, match="Polygon"):
        jregion.corridor_share(pts, method="area", distance_km=5)
    with pytest.raises(jregion.CRSError, match="no CRS"):
        jregion.corridor_share(pts.set_crs(None, allow_override=True), method="points",
                               distance_km=5)
    # degrees labelled with a projected CRS (metres): Tokyo would sit near the CRS's origin
    with pytest.raises(jregion.CRSError, match=r"EPSG:6677.*look like degrees"):
        jregion.corridor_share(pts.set_crs("EPSG:6677", allow_override=True), method="points",
                               distance_km=5)
    # and metres labelled lon/lat
    with pytest.raises(jregion.CRSError, match="look projected"):
        jregion.corridor_share(pts.to_crs("EPSG:6677").set_crs("EPSG:4326", allow_override=True),
                               method="points", distance_km=5)
    with pytest.raises(TypeError, match="GeoDataFrame"):
        jregion.corridor_share(pd.DataFrame({"v": [1.0]}), method="points", distance_km=5)
    with pytest.raises(KeyError, match="nope"):
        jregion.corridor_share(pts, method="points", distance_km=5, columns="nope")
    with pytest.raises(jregion.InvalidDataError, match="negative"):
        jregion.corridor_share(pts.assign(v=-1.0), method="points", distance_km=5, columns="v")


def test_distance_profile_points() -> None:
    lon, lat = _city("Tokyo")
    pts = [GEOD.fwd(lon, lat, az, d * 1000)[:2] for az, d in ((10, 10), (200, 60), (95, 120))]
    gdf = _points(pts, v=[1.0, 1.0, 2.0])
    prof = jregion.distance_profile(gdf, radii_km=[50, 100, 150], columns="v")
    assert prof.index.name == "radius_km"
    np.testing.assert_allclose(prof["v"].to_numpy(), [0.25, 0.5, 1.0])
    counts = jregion.distance_profile(gdf, radii_km=[50, 100], origin=(lon, lat))
    np.testing.assert_allclose(counts["count"].to_numpy(), [1 / 3, 2 / 3])


def test_distance_profile_area_disc(prefs: gpd.GeoDataFrame) -> None:
    # All activity in Tokyo; a 5 km disc around the Tokyo office (Shinjuku) lies inside
    # Tokyo, so the share within 5 km is pi * 25 km2 / area(Tokyo), areas in Albers.
    df = pd.DataFrame({"v": 0.0}, index=CODES)
    df.loc["13", "v"] = 1.0
    area_tokyo = prefs.to_crs(jregion.EQUAL_AREA_CRS).geometry.loc["13"].area / 1e6
    prof = jregion.distance_profile(df, radii_km=[5, 3000], method="area")
    assert prof.loc[5.0, "v"] == pytest.approx(math.pi * 25 / area_tokyo, rel=2e-4)
    assert prof.loc[3000.0, "v"] == pytest.approx(1.0, abs=1e-9)


def test_distance_profile_errors() -> None:
    pts = _points([(139.7, 35.7)])
    with pytest.raises(InvalidDataError, match="empty"):
        jregion.distance_profile(pts, radii_km=[])
    with pytest.raises(InvalidDataError, match="positive"):
        jregion.distance_profile(pts, radii_km=[10, -1])
    with pytest.raises(jregion.UnknownCodeError, match="Osaka"):
        jregion.distance_profile(pts, radii_km=[10], origin="Oosaka-shi")
    with pytest.raises(InvalidDataError, match="lon, lat"):
        jregion.distance_profile(pts, radii_km=[10], origin=(35.7, 139.7 + 100))
    with pytest.raises(InvalidDataError, match="method"):
        jregion.distance_profile(pts, radii_km=[10], method="membership")  # type: ignore[arg-type]
