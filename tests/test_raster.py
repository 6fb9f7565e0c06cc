"""mesh_to_raster and zonal_stats (rasterio), on the real e-Stat mesh fixtures."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import jregion
from jregion.meshstats import assign_cells

rasterio = pytest.importorskip("rasterio")
from affine import Affine  # noqa: E402  (installed with rasterio)

FIXTURES = Path(__file__).parent / "fixtures" / "estat_mesh"


def test_geotiff_on_the_native_grid(census: pd.DataFrame, tmp_path: Path) -> None:
    series = census["T001101004"].rename("age_0_14")
    path = jregion.mesh_to_raster(series, tmp_path / "young.tif", nodata=-1.0)
    bounds = jregion.mesh_bounds(series.index)
    with rasterio.open(path) as ds:
        assert ds.count == 1 and ds.crs.to_epsg() == 4326 and ds.nodata == -1.0
        # 500 m cells: 22.5" of longitude by 15" of latitude, exactly
        assert ds.transform.a == 1 / 160 and ds.transform.e == -1 / 240
        assert ds.transform.b == ds.transform.d == 0
        assert ds.transform.c == bounds["west"].min() and ds.transform.f == bounds["north"].max()
        tags = ds.tags()
        assert tags["variable"] == "age_0_14"
        assert tags["source"] == "tblT001101H5031_extract.txt"
        assert tags["mesh_level"] == "4"
        assert ds.descriptions == ("age_0_14",)
        data = ds.read(1)
        for code, value in series.items():
            b = bounds.loc[code]
            row, col = ds.index((b.west + b.east) / 2, (b.south + b.north) / 2)
            # the pixel's edges are the cell's edges
            t = ds.transform
            west, north = t.c + col * t.a, t.f + row * t.e
            east, south = t.c + (col + 1) * t.a, t.f + (row + 1) * t.e
            assert (west, south, east, north) == pytest.approx(
                (b.west, b.south, b.east, b.north), abs=1e-12
            )
            assert data[row, col] == (-1.0 if np.isnan(value) else value), code
        # cells not in the series are nodata
        assert (data != -1.0).sum() == series.notna().sum()


def test_source_tag_and_name_defaults(okinawa: pd.DataFrame, tmp_path: Path) -> None:
    s = okinawa["T000918024"].rename(None)
    s.attrs = {}
    path = jregion.mesh_to_raster(s, tmp_path / "m.tif", source="e-Stat T000918 (2016)")
    with rasterio.open(path) as ds:
        assert ds.tags()["variable"] == "value"
        assert ds.tags()["source"] == "e-Stat T000918 (2016)"


@pytest.mark.parametrize("column", ["T001101001", "T001101004", "T001101050"])
def test_zonal_sums_equal_aggregate_mesh_by_prefecture(
    census: pd.DataFrame, column: str, tmp_path: Path
) -> None:
    path = jregion.mesh_to_raster(census[column], tmp_path / "c.tif")
    zonal = jregion.zonal_stats(path, zones="prefecture", stats=("sum", "count"))
    # a pixel counts where its centre is in the polygon: aggregate_mesh's rule, except that
    # aggregate_mesh gives cells whose centre is at sea to the nearest prefecture
    _, nearest = assign_cells(census.index, "prefecture")
    agg = jregion.aggregate_mesh(census[~nearest.to_numpy()], to="prefecture")
    got = zonal.loc[zonal["count"] > 0, "sum"]
    pd.testing.assert_series_equal(got, agg.values[column].dropna(), check_names=False)


def test_zonal_sums_equal_aggregate_mesh_on_aligned_1km_zones(
    census: pd.DataFrame, tmp_path: Path
) -> None:
    # 1 km cells as zones: every 500 m cell lies wholly inside one, so all cells count
    parents = pd.Index(sorted(set(jregion.mesh_parent(census.index, 3))))
    b = jregion.mesh_bounds(parents)
    zones = gpd.GeoDataFrame(
        geometry=shapely.box(b["west"], b["south"], b["east"], b["north"]),
        index=pd.Index(parents, name="mesh_code"),
        crs=4326,
    )
    for column in ("T001101001", "T001101007"):
        path = jregion.mesh_to_raster(census[column], tmp_path / f"{column}.tif")
        zonal = jregion.zonal_stats(path, zones=zones, stats=("sum", "count"))
        agg = jregion.aggregate_mesh(census, level=3)
        pd.testing.assert_series_equal(
            zonal["sum"], agg.values[column].reindex(zonal.index), check_names=False
        )
        assert (zonal["count"] == census[column].notna().groupby(agg.assignment).sum()).all()


def test_okinawa_zonal_sum_by_region(okinawa: pd.DataFrame, tmp_path: Path) -> None:
    path = jregion.mesh_to_raster(okinawa["T000918024"], tmp_path / "manuf.tif")
    _, nearest = assign_cells(okinawa.index, "prefecture")
    expected = okinawa.loc[~nearest.to_numpy(), "T000918024"].sum()
    region = jregion.zonal_stats(path, zones="region", stats=("sum",))
    assert region.at["Kyushu", "sum"] == expected  # Okinawa is in Kyushu in the eight regions
    meti = jregion.zonal_stats(path, zones="meti", stats=("sum",))
    assert meti.at["Okinawa", "sum"] == expected


def band_area_km2(south: float, north: float, width_deg: float) -> float:
    """Area of a lon/lat quadrangle on the GRS80 ellipsoid (closed form, authalic q)."""
    a, f = 6378137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    e = math.sqrt(e2)

    def q(phi: float) -> float:
        s = math.sin(math.radians(phi))
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    b2 = (a * (1 - f)) ** 2
    return math.radians(width_deg) * b2 / 2 * (q(north) - q(south)) / 1e6


def test_area_weighting_on_lon_lat_pixels() -> None:
    # 1 km mesh pixels (45" x 30") of density 1 over one square zone at 35.5-36.0 N
    t = Affine(1 / 80, 0, 139.0, 0, -1 / 120, 36.0)
    grid = np.ones((60, 80))
    zone = gpd.GeoDataFrame(geometry=[shapely.box(139.0, 35.5, 140.0, 36.0)], crs=4326)
    out = jregion.zonal_stats(
        grid,
        transform=t,
        crs="EPSG:4326",
        zones=zone,
        stats=("sum", "count", "area_km2"),
        weight="area",
    )
    expected = band_area_km2(35.5, 36.0, 1.0)
    assert out.iloc[0]["count"] == 60 * 80
    assert out.iloc[0]["area_km2"] == pytest.approx(expected, rel=1e-9)
    assert out.iloc[0]["sum"] == pytest.approx(expected, rel=1e-9)
    # a density that doubles in the north half: the area-weighted mean leans north,
    # because southern pixels are larger
    grid[:30] = 2.0
    w = jregion.zonal_stats(grid, transform=t, crs=4326, zones=zone, stats=("mean",), weight="area")
    u = jregion.zonal_stats(grid, transform=t, crs=4326, zones=zone, stats=("mean",))
    north, south = band_area_km2(35.75, 36.0, 1.0), band_area_km2(35.5, 35.75, 1.0)
    assert u.iloc[0]["mean"] == 1.5
    assert w.iloc[0]["mean"] == pytest.approx((2 * north + south) / (north + south), rel=1e-9)


def test_all_touched_and_array_input() -> None:
    t = Affine(0.1, 0, 130.0, 0, -0.1, 34.0)
    grid = np.arange(100, dtype=float).reshape(10, 10)
    grid[0, 0] = -5.0
    zone = gpd.GeoDataFrame(
        geometry=[shapely.box(130.25, 33.25, 130.75, 33.75)], index=["z"], crs=4326
    )
    centre = jregion.zonal_stats(grid, transform=t, crs=4326, zones=zone, stats=("count",))
    touched = jregion.zonal_stats(
        grid,
        transform=t,
        crs=4326,
        zones=zone,
        stats=("count", "min", "max", "median", "std"),
        all_touched=True,
    )
    assert centre.at["z", "count"] == 25  # pixel centres 130.25..130.65 by 33.35..33.75
    assert touched.at["z", "count"] == 36
    inner = grid[2:8, 2:8]
    assert touched.loc["z", ["min", "max"]].tolist() == [inner.min(), inner.max()]
    assert touched.at["z", "median"] == np.median(inner)
    assert touched.at["z", "std"] == pytest.approx(inner.std())
    nodata = jregion.zonal_stats(
        grid,
        transform=t,
        crs=4326,
        zones=gpd.GeoDataFrame(geometry=[shapely.box(130.0, 33.8, 130.2, 34.0)], crs=4326),
        stats=("count",),
        nodata=-5.0,
    )
    assert nodata.iloc[0]["count"] == 3


def test_zone_outside_the_raster(okinawa: pd.DataFrame, tmp_path: Path) -> None:
    path = jregion.mesh_to_raster(okinawa["T000918001"], tmp_path / "e.tif")
    out = jregion.zonal_stats(path, zones="prefecture", stats=("sum", "count"))
    assert out.at["01", "count"] == 0 and np.isnan(out.at["01", "sum"])
    assert len(out) == 47 and out.index.name == "pref_code"


def test_bad_input(okinawa: pd.DataFrame, tmp_path: Path) -> None:
    s = okinawa["T000918001"]
    with pytest.raises(jregion.InvalidDataError, match=r"nodata=1\.0"):
        jregion.mesh_to_raster(s, tmp_path / "x.tif", nodata=1.0)
    with pytest.raises(jregion.InvalidDataError, match="NaN"):
        jregion.mesh_to_raster(s, tmp_path / "x.tif", nodata=float("nan"))
    with pytest.raises(jregion.MeshCodeError):
        jregion.mesh_to_raster(pd.Series([1.0], index=["12345"]), tmp_path / "x.tif")
    path = jregion.mesh_to_raster(s, tmp_path / "ok.tif")
    with pytest.raises(jregion.InvalidDataError, match="unknown statistics"):
        jregion.zonal_stats(path, stats=("total",))  # type: ignore[arg-type]
    with pytest.raises(jregion.SchemeError, match="unknown zones"):
        jregion.zonal_stats(path, zones="wards")
    twice = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1)] * 2, index=["a", "a"], crs=4326)
    with pytest.raises(jregion.DuplicateKeyError, match="'a' occurs twice"):
        jregion.zonal_stats(path, zones=twice)
    with pytest.raises(jregion.CRSError, match="transform= and crs="):
        jregion.zonal_stats(np.ones((2, 2)))
    two = tmp_path / "two.tif"
    with rasterio.open(
        two,
        "w",
        driver="GTiff",
        width=2,
        height=2,
        count=2,
        dtype="float64",
        crs="EPSG:4326",
        transform=Affine(1, 0, 130, 0, -1, 35),
    ) as ds:
        ds.write(np.ones((2, 2, 2)))
    with pytest.raises(jregion.InvalidDataError, match="2 bands; pass band="):
        jregion.zonal_stats(two)
    assert jregion.zonal_stats(two, band=2, stats=("count",))["count"].sum() >= 0


def test_missing_rasterio_names_the_extra(
    okinawa: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rasterio", None)
    with pytest.raises(jregion.MissingDependencyError, match=r'pip install "jregion\[raster\]"'):
        jregion.mesh_to_raster(okinawa["T000918001"], tmp_path / "x.tif")
    with pytest.raises(jregion.MissingDependencyError, match=r'pip install "jregion\[raster\]"'):
        jregion.zonal_stats(np.ones((2, 2)), transform=Affine(1, 0, 0, 0, -1, 0), crs=4326)


def test_zonal_sums_equal_aggregate_mesh_by_municipality(
    okinawa: pd.DataFrame, tmp_path: Path
) -> None:
    column = "T000918020"  # persons engaged, all industries
    path = jregion.mesh_to_raster(okinawa[column], tmp_path / "persons.tif")
    zonal = jregion.zonal_stats(path, zones="municipality", stats=("sum", "count"))
    _, nearest = assign_cells(okinawa.index, "municipality")
    agg = jregion.aggregate_mesh(okinawa[~nearest.to_numpy()], to="municipality")
    got = zonal.loc[zonal["count"] > 0, "sum"]
    assert got.index.name == "muni_code"
    pd.testing.assert_series_equal(got, agg.values[column], check_names=False)
