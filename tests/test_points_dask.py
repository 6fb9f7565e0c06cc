"""The dask path of assign/count_by on a real 2-worker LocalCluster: equal to in memory."""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.errors import MissingDependencyError, PointsOutsideWarning


def test_missing_dask_geopandas_names_the_scale_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask_geopandas", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "jregion\[scale\]"'):
        jregion.assign("establishments/*.parquet")
    with pytest.raises(MissingDependencyError, match=r'pip install "jregion\[scale\]"'):
        jregion.count_by("establishments/*.parquet")


dgpd = pytest.importorskip("dask_geopandas")
distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def points() -> gpd.GeoDataFrame:
    """30,000 points over Honshu and the sea around it, shuffled integer ids, two bad rows."""
    rng = np.random.default_rng(2026)
    n = 30_000
    lon = rng.uniform(130.0, 141.5, n)
    lat = rng.uniform(33.0, 37.5, n)
    geom = gpd.points_from_xy(lon, lat)
    geom[5] = None  # a failed geocode
    gdf = gpd.GeoDataFrame(
        {
            "jsic": rng.choice([9, 24, 26, 32], n),  # JSIC middle groups as integers
            "employees": rng.integers(1, 300, n),
        },
        geometry=geom,
        crs=4326,
        index=pd.Index(rng.permutation(n) * 3 + 1, name="establishment"),
    )
    return gdf


def _memory(points: gpd.GeoDataFrame, level: str, **kw: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PointsOutsideWarning)
        return jregion.assign(points, level, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("level", "kw"),
    [
        ("prefecture", {}),
        ("region", {"scheme": "meti"}),
        ("prefecture", {"snap_km": 5.0}),
        ("municipality", {}),
        ("mesh3", {}),
    ],
)
def test_assign_on_the_cluster_equals_memory(
    client: Any, points: gpd.GeoDataFrame, level: str, kw: dict[str, Any]
) -> None:
    ddf = dgpd.from_geopandas(points, npartitions=4, sort=False)
    assert ddf.npartitions == 4
    lazy = jregion.assign(ddf, level, **kw)  # type: ignore[arg-type]
    assert hasattr(lazy, "dask")  # lazy: nothing computed yet
    got = lazy.compute()
    expected = _memory(points, level, **kw)
    pd.testing.assert_frame_equal(got, expected)
    assert got.index.equals(points.index)


def test_geoparquet_glob_on_the_cluster_equals_memory(
    client: Any, points: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    dgpd.from_geopandas(points, npartitions=3, sort=False).to_parquet(tmp_path / "firms")
    files = sorted((tmp_path / "firms").glob("*.parquet"))
    assert len(files) == 3
    lazy = jregion.assign(str(tmp_path / "firms" / "*.parquet"), "region")
    assert lazy.npartitions == 3
    got = lazy.compute()
    pd.testing.assert_frame_equal(got, _memory(points, "region"))


@pytest.mark.parametrize(
    ("level", "by", "weight"),
    [("prefecture", None, None), ("region", "jsic", "employees"), ("mesh2", "jsic", None)],
)
def test_count_by_on_the_cluster_equals_memory(
    client: Any, points: gpd.GeoDataFrame, level: str, by: str | None, weight: str | None
) -> None:
    # a string category too: dask's groupby returns groups unsorted, count_by sorts them
    names = {9: "food", 24: "metal products", 26: "machinery", 32: "other"}
    points = points.assign(sector=points["jsic"].map(names))
    by = "sector" if by == "jsic" and level == "mesh2" else by
    ddf = dgpd.from_geopandas(points, npartitions=4, sort=False)
    with pytest.warns(PointsOutsideWarning) as rec_lazy:
        got = jregion.count_by(ddf, level, by=by, weight=weight)  # type: ignore[arg-type]
    with pytest.warns(PointsOutsideWarning) as rec_mem:
        expected = jregion.count_by(points, level, by=by, weight=weight)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs
    if by is not None:
        assert list(got.columns) == sorted(points[by].unique())
    assert [str(w.message) for w in rec_lazy] == [str(w.message) for w in rec_mem]
    # every located point is counted once, or sits in the one warning
    total = int(got.to_numpy().sum()) if weight is None else None
    if total is not None:
        assert total + got.attrs["jregion_unplaced"] == len(points)


def test_plain_dask_dataframe_with_lon_lat_columns(client: Any, points: gpd.GeoDataFrame) -> None:
    import dask.dataframe as dd

    table = pd.DataFrame(
        {"lon": points.geometry.x, "lat": points.geometry.y, "jsic": points["jsic"]},
        index=points.index,
    )
    lazy = jregion.assign(dd.from_pandas(table, npartitions=3, sort=False), "region")
    pd.testing.assert_frame_equal(lazy.compute(), _memory(table, "region"))


@pytest.mark.parametrize(("level", "code"), [("prefecture", "pref_code"), ("mesh3", "mesh_code")])
def test_lazy_assign_keeps_unplaced_rows_and_count_by_reports_them(
    client: Any, points: gpd.GeoDataFrame, level: str, code: str
) -> None:
    # assign on a dask frame is lazy: it cannot know at call time how many points fall
    # outside, so it does not warn; count_by computes and reports them. On main the
    # report said "outside every polygon" and suggested snap_km= for a mesh level too
    far = gpd.GeoDataFrame(  # the Pacific at 160E 10N: outside every prefecture and mesh
        {"jsic": [9, 9], "employees": [1, 1]},
        geometry=gpd.points_from_xy([160.0, 160.0], [10.0, 10.0]),
        crs=4326,
        index=pd.Index([-1, -2], name="establishment"),
    )
    pts = pd.concat([points, far])
    with pytest.warns(PointsOutsideWarning) as rec_mem:
        expected = jregion.assign(pts, level)  # type: ignore[arg-type]
    unplaced = int(expected[code].isna().sum())
    parts = re.findall(r"([\d,]+) (?:lie outside|have no location)", str(rec_mem[0].message))
    assert sum(int(p.replace(",", "")) for p in parts) == unplaced > 2
    ddf = dgpd.from_geopandas(pts, npartitions=4, sort=False)
    with warnings.catch_warnings(record=True) as at_call:
        warnings.simplefilter("always")
        lazy = jregion.assign(ddf, level)  # type: ignore[arg-type]
    assert [w for w in at_call if issubclass(w.category, PointsOutsideWarning)] == []
    got = lazy.compute()
    assert len(got) == len(pts) and int(got[code].isna().sum()) == unplaced  # rows kept
    with pytest.warns(PointsOutsideWarning) as rec_lazy:
        counts = jregion.count_by(lazy, level)  # type: ignore[arg-type]
    assert counts.attrs["jregion_unplaced"] == unplaced
    assert int(counts["count"].sum()) == len(pts) - unplaced
    assert len(rec_lazy) == 1
    message = str(rec_lazy[0].message)
    assert message.startswith(f"{unplaced:,} of {len(pts):,} points have no {code} (")
    if level == "mesh3":
        assert "outside Japan's mesh range or without a location" in message
        assert "snap_km" not in message
    else:
        assert "outside every prefecture or without a location" in message
        assert "assign(..., snap_km=)" in message
