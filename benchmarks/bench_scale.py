"""Points at scale: jregion.assign vs geopandas.sjoin, mesh codes, and the dask path's memory.

Run: python benchmarks/bench_scale.py [--n 5000000] [--only sjoin|mesh|dask] [--dask-n 1000000]

- sjoin: ``--n`` random points, uniform over 129-146 E, 31-45.5 N (the four main islands
  and the sea around them; about 15 % fall inside a prefecture), assigned to the 47
  prefectures by ``jregion.assign`` (first call in the process, which builds the cell
  index, and a second call) and by ``geopandas.sjoin(predicate="within")`` in the same
  run. The codes must be identical for every point (checked; the script fails if not).
  Then the same for points around the 47 prefectural offices (normal, sd 0.3 degree;
  mostly on land, many near borders and coasts); the index is already built for them.
- mesh: the same points to 1 km mesh codes with ``assign(level="mesh3")`` (goal < 0.2 s).
- dask: GeoParquet files of ``--dask-n`` and 10x as many points (250,000 per file) are
  counted per prefecture by ``count_by(path)`` on a ``LocalCluster`` (2 worker processes,
  1 thread each), each in a fresh driver process that samples its resident memory
  (psutil, every 10 ms) during the call and prints the peak next to the value before.
  The driver should stay flat while the input grows 10x: only the per-prefecture
  partial counts come back to it. The smaller run is checked equal to the in-memory path.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

PER_FILE = 250_000


def _points(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"lon": rng.uniform(129.0, 146.0, n), "lat": rng.uniform(31.0, 45.5, n)})


def _near_offices(n: int, seed: int = 0) -> pd.DataFrame:
    """Points around the 47 prefectural offices (normal, sd 0.3 degree): mostly on land."""
    import jregion

    offices = jregion.prefecture_table()[["office_lon", "office_lat"]].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    xy = offices[rng.integers(0, len(offices), n)] + rng.normal(0.0, 0.3, (n, 2))
    return pd.DataFrame({"lon": xy[:, 0], "lat": xy[:, 1]})


def _quiet(fn, *args, **kw):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kw)


def bench_sjoin(n: int, *, near_offices: bool = False) -> None:
    import geopandas as gpd

    import jregion

    df = _near_offices(n) if near_offices else _points(n)
    t = time.perf_counter()
    first = _quiet(jregion.assign, df)
    t_first = time.perf_counter() - t
    t = time.perf_counter()
    again = _quiet(jregion.assign, df)
    t_warm = time.perf_counter() - t
    prefs = jregion.load_prefectures()
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    t = time.perf_counter()
    joined = gpd.sjoin(gdf, prefs[["geometry"]], predicate="within", how="left")
    t_sjoin = time.perf_counter() - t
    if joined.index.has_duplicates or not joined.index.equals(df.index):
        raise SystemExit("sjoin returned duplicated or reordered rows")
    ref = joined["pref_code"].astype(object).where(joined["pref_code"].notna(), None)
    mine = first["pref_code"].astype(object).where(first["pref_code"].notna(), None)
    same = bool((ref.to_numpy() == mine.to_numpy()).all())
    same &= bool(first["pref_code"].equals(again["pref_code"]))
    inside = int(first["pref_code"].notna().sum())
    where = "around the offices" if near_offices else "uniform over 129-146 E, 31-45.5 N"
    print(f"assign vs sjoin, {n:,} points {where} ({inside:,} inside a prefecture)")
    first_label = "first call:                        " if near_offices else (
        "first call (builds the cell index):")
    print(f"  jregion.assign, {first_label} {t_first:6.2f} s")
    print(f"  jregion.assign, second call:                        {t_warm:6.2f} s")
    print(f"  geopandas.sjoin(predicate='within'):                {t_sjoin:6.2f} s")
    print(f"  speed-up: {t_sjoin / t_first:.1f}x (first call), {t_sjoin / t_warm:.1f}x (second)")
    print(f"  identical codes for every point: {same}")
    if not same:
        raise SystemExit("jregion.assign differs from geopandas.sjoin")


def bench_mesh(n: int) -> None:
    import jregion

    df = _points(n)
    _quiet(jregion.assign, df.iloc[:10], "mesh3")  # import the mesh module
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        out = _quiet(jregion.assign, df, "mesh3")
        best = min(best, time.perf_counter() - t)
    t_to_mesh = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        jregion.to_mesh(df["lat"].to_numpy(), df["lon"].to_numpy(), level=3)
        t_to_mesh = min(t_to_mesh, time.perf_counter() - t)
    print(f"mesh3 codes of {n:,} points: assign {best:.2f} s (best of 3; goal < 0.2 s), "
          f"jregion.to_mesh alone {t_to_mesh:.2f} s (best of 3); "
          f"{out['mesh_code'].nunique():,} cells")


_DRIVER = """
import json, sys, threading, time, warnings
import distributed, psutil
import jregion
path = sys.argv[1]
proc = psutil.Process()
peak = [0]
done = threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], proc.memory_info().rss)
        time.sleep(0.01)
with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, distributed.Client(cluster):
    before = proc.memory_info().rss
    sampler = threading.Thread(target=sample)
    sampler.start()
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = jregion.count_by(path, "prefecture")
    seconds = time.perf_counter() - t
    done.set()
    sampler.join()
print(json.dumps({"seconds": seconds, "before": before, "peak": max(peak[0], before),
                  "counts": counts["count"].tolist(),
                  "unplaced": counts.attrs["jregion_unplaced"]}))
"""


def _write_parquet(folder: Path, n: int) -> None:
    import geopandas as gpd

    folder.mkdir(parents=True)
    for k, start in enumerate(range(0, n, PER_FILE)):
        df = _points(min(PER_FILE, n - start), seed=1000 + k)
        gdf = gpd.GeoDataFrame(
            df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326
        ).drop(columns=["lon", "lat"])
        gdf.index = pd.RangeIndex(start, start + len(gdf))
        gdf.to_parquet(folder / f"part.{k:04d}.parquet")


def bench_dask(n: int) -> None:
    import jregion

    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in (n, 10 * n):
            folder = Path(tmp) / f"points_{size}"
            _write_parquet(folder, size)
            glob = str(folder / "*.parquet")
            proc = subprocess.run([sys.executable, "-c", _DRIVER, glob], capture_output=True,
                                  text=True, check=True)
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            results[size] = res
            files = len(list(folder.glob("*.parquet")))
            print(f"dask count_by, {size:,} points in {files} GeoParquet files: "
                  f"{res['seconds']:.1f} s; driver RSS peak {res['peak'] / 2**20:.0f} MiB during "
                  f"count_by, {res['before'] / 2**20:.0f} MiB before it")
            if size == n:
                import geopandas as gpd

                frame = pd.concat([gpd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))])
                mem = _quiet(jregion.count_by, frame, "prefecture")
                same = mem["count"].tolist() == res["counts"]
                print(f"  equal to the in-memory count_by: {same}")
                if not same:
                    raise SystemExit("dask count_by differs from memory")
        growth = [results[k]["peak"] - results[k]["before"] for k in (n, 10 * n)]
        print(f"  driver growth during count_by: {growth[0] / 2**20:.0f} MiB for {n:,} points, "
              f"{growth[1] / 2**20:.0f} MiB for {10 * n:,}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5_000_000)
    parser.add_argument("--dask-n", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["sjoin", "mesh", "dask"])
    args = parser.parse_args()
    if args.only in (None, "sjoin"):
        bench_sjoin(args.n)
        bench_sjoin(args.n, near_offices=True)  # the cell index is built already here
    if args.only in (None, "mesh"):
        bench_mesh(args.n)
    if args.only in (None, "dask"):
        bench_dask(args.dask_n)


if __name__ == "__main__":
    main()
