"""Mesh codes at national scale: mesh_neighbors vs libpysal, to_mesh vs jismesh.

Run: python benchmarks/bench_mesh.py [--quick] [--repeat N]

1. ``mesh_neighbors`` (queen, by arithmetic on the codes) on every 1 km cell that touches
   Japan's land (about 380,000), against libpysal ``Graph.build_contiguity`` on
   ``mesh_polygons`` of the same cells (polygons built beforehand, not timed); the two
   graphs are checked to be identical (same ids, same non-zero entries).
2. ``to_mesh`` on 5,000,000 random points in Japan's bounding box at 1 km (and 125 m),
   against ``jismesh.utils.to_meshcode`` (which returns integers) on the same points; a
   sample of the codes is checked to agree.

``--quick`` uses Kanto only and 500,000 points. Best of ``--repeat`` (default 3) for jregion,
one run for the peers.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import shapely

import jregion


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def land_cells(quick: bool) -> pd.Index:
    """Codes of the 1 km cells whose centre or a corner lies on land (web boundaries)."""
    prefs = jregion.load_prefectures(resolution="web")
    if quick:
        prefs = prefs.loc[["08", "09", "10", "11", "12", "13", "14"]]
    land = shapely.union_all(prefs.geometry.to_numpy())
    shapely.prepare(land)
    lon0, lat0, lon1, lat1 = land.bounds
    rows = np.arange(int(lat0 * 120), int(lat1 * 120) + 1)
    cols = np.arange(int((lon0 - 100) * 80), int((lon1 - 100) * 80) + 1)
    r, c = (a.ravel() for a in np.meshgrid(rows, cols, indexing="ij"))
    touches = np.zeros(r.size, dtype=bool)
    for fy, fx in ((0.5, 0.5), (0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)):
        todo = ~touches
        touches[todo] = shapely.contains_xy(
            land, 100 + (c[todo] + fx) / 80, (r[todo] + fy) / 120
        )
    lat, lon = (r[touches] + 0.5) / 120, 100 + (c[touches] + 0.5) / 80
    codes = jregion.to_mesh(lat, lon, 3)
    return codes[np.random.default_rng(0).permutation(len(codes))]


def bench_neighbors(quick: bool, repeat: int) -> None:
    from libpysal.graph import Graph

    t = time.perf_counter()
    codes = land_cells(quick)
    built = time.perf_counter() - t
    print(f"cells: {len(codes):,} 1 km cells touching land (built in {built:.1f} s)")
    jregion.mesh_neighbors(codes[:1000])  # warm-up: imports
    t_ours, graph = best_of(repeat, lambda: jregion.mesh_neighbors(codes, kind="queen"))
    t = time.perf_counter()
    polygons = jregion.mesh_polygons(codes)
    t_poly = time.perf_counter() - t
    t = time.perf_counter()
    peer = Graph.build_contiguity(polygons, rook=False)
    t_peer = time.perf_counter() - t
    same_ids = list(peer.unique_ids) == list(graph.unique_ids)
    diff = (graph.sparse != peer.sparse).nnz if same_ids else -1
    print(f"mesh_neighbors (queen, {graph.csr.nnz:,} links): {t_ours:.3f} s (best of {repeat})")
    print(
        f"libpysal Graph.build_contiguity on mesh_polygons: {t_peer:.2f} s "
        f"(+ {t_poly:.2f} s to build the polygons); ratio {t_peer / t_ours:.0f}x "
        f"(goal >= 20x); identical neighbours: {same_ids and diff == 0}"
    )
    t_rook, rook = best_of(repeat, lambda: jregion.mesh_neighbors(codes, kind="rook"))
    print(f"mesh_neighbors (rook, {rook.csr.nnz:,} links): {t_rook:.3f} s")


def bench_to_mesh(quick: bool, repeat: int) -> None:
    n = 500_000 if quick else 5_000_000
    rng = np.random.default_rng(19)
    lat = rng.uniform(24.0, 45.5, n)
    lon = rng.uniform(123.0, 146.0, n)
    from jregion.mesh._compiled import COMPILED_MIN_POINTS, to_mesh_kernel

    print(f"numba kernel: {'yes' if to_mesh_kernel() is not None else 'no (numpy path)'}")
    jregion.to_mesh(lat[:COMPILED_MIN_POINTS], lon[:COMPILED_MIN_POINTS])  # warm-up: kernel
    t_ours, codes = best_of(repeat, lambda: jregion.to_mesh(lat, lon, 3))
    t_fine, _ = best_of(repeat, lambda: jregion.to_mesh(lat, lon, 6))
    print(f"to_mesh on {n:,} points, 1 km: {t_ours:.3f} s (best of {repeat}; goal < 0.2 s)")
    print(f"to_mesh on {n:,} points, 125 m: {t_fine:.3f} s")
    t_numpy, plain = best_of(1, lambda: jregion.to_mesh(lat, lon, 3, compiled=False))
    same = bool((plain.to_numpy() == codes.to_numpy()).all())
    print(f"to_mesh numpy path (compiled=False), 1 km: {t_numpy:.3f} s; same codes: {same}")
    try:
        from jismesh.utils import to_meshcode
    except ImportError:
        print("jismesh not installed (pip install jismesh): no peer timing")
        return
    t = time.perf_counter()
    peer = to_meshcode(lat, lon, 3)
    t_peer = time.perf_counter() - t
    sample = rng.choice(n, 100_000, replace=False)
    agree = (codes[sample].to_numpy(dtype=str) == np.asarray(peer)[sample].astype(str)).mean()
    print(
        f"jismesh.utils.to_meshcode (integers out), 1 km: {t_peer:.3f} s; "
        f"ratio {t_peer / t_ours:.1f}x; codes agree on {agree:.2%} of a 100,000-point sample"
    )


def machine_load() -> None:
    """Print a reference operation, to read the timings on a shared machine."""
    x = np.random.default_rng(0).random(5_000_000)
    t, _ = best_of(5, lambda: x * 960.0)
    print(f"reference: one numpy pass (x * 960) over 5,000,000 floats: {t * 1000:.1f} ms")


def main() -> None:
    machine_load()
    quick = "--quick" in sys.argv
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    bench_to_mesh(quick, repeat)
    bench_neighbors(quick, repeat)


if __name__ == "__main__":
    main()
