"""Millions of establishment points: assign, count, location quotients, and the dask path.

Run: python examples/establishments_at_scale.py [--scale 1.0] [--seed 0] [--no-dask]

THE POINTS ARE SYNTHETIC. No establishment-level data ship with jregion (Economic Census
microdata are not public). The script makes a plausible stand-in from bundled totals:

- one point per manufacturing establishment counted in 2019 (``--scale`` multiplies the
  number): per prefecture as many as jregion.load_indicator("manufacturing") counts
  (establishments with 4 or more persons, 181,877 in all);
- each point's industry drawn from that prefecture's establishments by JSIC middle group
  (jregion.load_indicator("manufacturing_jsic_4plus"), 2019; the 10 suppressed cells
  count as zero);
- its employees drawn as 4 + a geometric number with the mean establishment size of
  that prefecture and industry (persons employed / establishments; invented spread);
- its location inside the prefecture's polygon: 60 % near the prefectural office
  (normal, 15 km), 40 % uniform over the prefecture (rejection sampling, so every
  point lies inside its prefecture). Real establishments cluster more tightly.

Then: assign prefecture, region and 1 km mesh codes; count establishments and
employees; location quotients by prefecture and by 1 km mesh; and the same counts by
prefecture through dask on a local 2-worker cluster, checked equal to memory.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import jregion
from jregion.crs import EQUAL_AREA_CRS

YEAR = 2019
SYNTHETIC = "SYNTHETIC establishments (generated from 2019 prefecture totals; not real firms)"


def _sample_in(geom: shapely.Geometry, n: int, centre: tuple[float, float],
               rng: np.random.Generator) -> np.ndarray:
    """n points inside geom: 60 % normal around centre (sd 15 km), 40 % uniform by area."""
    out = np.empty((0, 2))
    shapely.prepare(geom)
    parts = np.asarray(shapely.get_parts(geom))
    areas = gpd.GeoSeries(parts, crs=4326).to_crs(EQUAL_AREA_CRS).area.to_numpy()
    n_near = round(0.6 * n)
    sd_deg = np.array([15 / (111.32 * np.cos(np.radians(centre[1]))), 15 / 110.57])
    tries = 0
    while len(out) < n and tries < 200:
        tries += 1
        need = n - len(out)
        if len(out) < n_near:
            cand = rng.normal(centre, sd_deg, size=(2 * need, 2))
        else:
            k = rng.choice(parts.size, size=2 * need, p=areas / areas.sum())
            b = shapely.bounds(parts[k])
            cand = rng.uniform(b[:, :2], b[:, 2:])
        keep = shapely.contains_xy(geom, cand[:, 0], cand[:, 1])
        out = np.vstack([out, cand[keep][: (n_near - len(out)) if len(out) < n_near else need]])
    return out[:n]


def synthetic_establishments(scale: float, seed: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    totals = jregion.load_indicator("manufacturing").xs(YEAR, level="year")["establishments"]
    by_jsic = jregion.load_indicator("manufacturing_jsic_4plus").xs(YEAR, level="year")
    est = by_jsic["establishments"].astype("float").fillna(0.0)
    size = (by_jsic["persons_employed"] / by_jsic["establishments"]).astype("float")
    national_size = (
        by_jsic["persons_employed"].groupby(level="jsic_code").sum()
        / by_jsic["establishments"].groupby(level="jsic_code").sum()
    ).astype("float")
    prefs = jregion.load_prefectures()
    offices = jregion.prefecture_table()
    frames = []
    for code in prefs.index:
        n = round(int(totals.loc[code]) * scale)
        if n == 0:
            continue
        mix = est.loc[code]
        jsic = rng.choice(mix.index.to_numpy(), size=n, p=(mix / mix.sum()).to_numpy())
        mean = size.loc[code].reindex(jsic).fillna(national_size.reindex(jsic)).to_numpy()
        employees = 4 + rng.geometric(1.0 / np.maximum(mean - 3.0, 1.0)) - 1
        centre = (float(offices.loc[code, "office_lon"]), float(offices.loc[code, "office_lat"]))
        xy = _sample_in(prefs.geometry.loc[code], n, centre, rng)
        frames.append(pd.DataFrame({"lon": xy[:, 0], "lat": xy[:, 1], "jsic": jsic,
                                    "employees": employees, "true_pref": code}))
    df = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=seed)
    df.index = pd.RangeIndex(len(df), name="establishment")
    gdf = gpd.GeoDataFrame(df.drop(columns=["lon", "lat"]),
                           geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    gdf.attrs["note"] = SYNTHETIC
    return gdf


def run_dask(points: gpd.GeoDataFrame, expected: pd.DataFrame) -> None:
    import dask_geopandas
    import distributed

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "establishments"
        dask_geopandas.from_geopandas(points, npartitions=4, sort=False).to_parquet(folder)
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            # to use an existing cluster instead: distributed.Client("tcp://host:8786")
            print(f"dask: {client.scheduler_info()['address']} with 2 workers")
            t = time.perf_counter()
            lazy = jregion.assign(str(folder / "*.parquet"), "prefecture")
            got = jregion.count_by(lazy, "prefecture", by="jsic", weight="employees")
            print(f"dask: {len(points):,} points in {lazy.npartitions} GeoParquet partitions "
                  f"counted in {time.perf_counter() - t:.1f} s")
    try:
        pd.testing.assert_frame_equal(got, expected)
        same = True
    except AssertionError as err:
        print(err)
        same = False
    print(f"dask: employees by prefecture x JSIC equal to the in-memory result: {same}")
    if not same:
        raise SystemExit("the dask path differs from memory")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    t = time.perf_counter()
    points = synthetic_establishments(args.scale, args.seed)
    print(f"{SYNTHETIC}: {len(points):,} points in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    assigned = jregion.assign(points, "region")
    assigned = jregion.assign(assigned, "mesh3")
    print(f"assigned prefecture, region and 1 km mesh in {time.perf_counter() - t:.2f} s")
    agree = (assigned["pref_code"].astype(str) == assigned["true_pref"]).mean()
    print(f"points assigned to the prefecture they were drawn in: {agree:.2%}")

    counts = jregion.count_by(assigned, "prefecture", by="jsic")
    employees = jregion.count_by(assigned, "prefecture", by="jsic", weight="employees")
    print("establishments per region:",
          jregion.count_by(assigned, "region")["count"].to_dict())

    lq = jregion.location_quotient(counts.loc[:, counts.sum() > 0])
    names = (
        jregion.load_indicator("manufacturing_jsic_4plus")
        .xs(YEAR, level="year")["jsic_name"]
        .groupby(level="jsic_code")
        .first()
    )
    for jsic in jregion.jsic_groups("high_technology"):  # JSIC 28 and 30
        if jsic in lq.columns:
            top = lq[jsic].nlargest(5).round(2)
            print(f"LQ by prefecture, JSIC {jsic} {names.get(jsic, '')}: {top.to_dict()}")

    mesh = jregion.count_by(assigned, "mesh3", by="jsic")  # reuses the mesh_code column
    busy = mesh.loc[mesh.sum(axis=1) >= 20]
    busy = busy.loc[:, busy.sum() > 0]
    if len(busy) >= 2 and busy.shape[1] >= 2:
        mesh_lq = jregion.location_quotient(busy, stabilise="empirical_bayes")
        col = "28" if "28" in mesh_lq.columns else mesh_lq.columns[0]
        print(f"{len(mesh):,} occupied 1 km cells; EB-stabilised LQ of JSIC {col} in the "
              f"{len(busy):,} cells with 20+ establishments, top 5: "
              f"{mesh_lq[col].nlargest(5).round(2).to_dict()}")
    else:
        print(f"{len(mesh):,} occupied 1 km cells; too few with 20+ establishments for LQs")

    if not args.no_dask:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            run_dask(points, employees)


if __name__ == "__main__":
    main()
