"""Plotting benchmark: the mesh raster path against geopandas.plot of the same cells.

Run: python benchmarks/bench_plotting.py [--quick]

The cells are every third-level (about 1 km) JIS X 0410 mesh cell whose centre lies on
land in the bundled prefecture polygons (about 380,000 cells, the size of Japan's
inhabited 1 km grid). Values are random: this measures drawing, not data. Both paths
draw into an 85 mm figure and save a 300 dpi PNG to memory, in the same process.
``--quick`` uses the cells of Kanto only.
"""

from __future__ import annotations

import io
import sys
import time

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import jregion


def land_cells(quick: bool) -> pd.Series:
    prefs = jregion.load_prefectures()
    if quick:
        prefs = prefs.loc[["08", "09", "10", "11", "12", "13", "14"]]
    land = shapely.union_all(prefs.geometry.to_numpy())
    shapely.prepare(land)
    lon0, lat0, lon1, lat1 = land.bounds
    rows = np.arange(int(lat0 * 120), int(lat1 * 120) + 1)
    cols = np.arange(int((lon0 - 100) * 80), int((lon1 - 100) * 80) + 1)
    r, c = (a.ravel() for a in np.meshgrid(rows, cols, indexing="ij"))
    inside = shapely.contains_xy(land, 100 + (c + 0.5) / 80, (r + 0.5) / 120)
    r, c = r[inside], c[inside]
    codes = [
        f"{a // 80:02d}{b // 80:02d}{a % 80 // 10}{b % 80 // 10}{a % 10}{b % 10}"
        for a, b in zip(r, c, strict=True)
    ]
    values = np.random.default_rng(0).lognormal(3, 1, len(codes))
    return pd.Series(values, index=pd.Index(codes, name="mesh_code"), name="value")


def cells_as_polygons(values: pd.Series) -> gpd.GeoDataFrame:
    from jregion.plotting._raster import mesh_grid

    rows, cols, _ = mesh_grid(values.index)
    lat, lon = rows / 120, 100 + cols / 80
    boxes = shapely.box(lon, lat, lon + 1 / 80, lat + 1 / 120)
    return gpd.GeoDataFrame({"value": values.to_numpy()}, geometry=boxes, crs="EPSG:4326")


def main() -> None:
    quick = "--quick" in sys.argv
    from matplotlib.figure import Figure

    from jregion.plotting import plot_mesh

    t = time.perf_counter()
    values = land_cells(quick)
    print(
        f"cells: {len(values):,} third-level mesh cells (built in {time.perf_counter() - t:.1f} s)"
    )
    plot_mesh(values.iloc[:10], k=3, raster_dpi=50)  # warm-up: font and layout caches

    t = time.perf_counter()
    fig, _ = plot_mesh(values, k=5)
    fig.savefig(io.BytesIO(), format="png", dpi=300)
    t_raster = time.perf_counter() - t

    gdf = cells_as_polygons(values).to_crs(jregion.MAP_CRS)
    t = time.perf_counter()
    fig = Figure(figsize=(85 / 25.4, 90 / 25.4))
    ax = fig.add_subplot()
    gdf.plot(column="value", scheme="quantiles", k=5, ax=ax, linewidth=0)
    fig.savefig(io.BytesIO(), format="png", dpi=300)
    t_gpd = time.perf_counter() - t
    print(f"plot_mesh (raster path, incl. classification and save): {t_raster:.2f} s")
    print(
        f"geopandas GeoDataFrame.plot of the same cells as polygons (projected beforehand): "
        f"{t_gpd:.2f} s; ratio {t_gpd / t_raster:.1f}x"
    )


if __name__ == "__main__":
    main()
