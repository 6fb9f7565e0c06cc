"""Weights and regression benchmark: jregion's wrappers next to libpysal and spreg called directly.

Run: python benchmarks/bench_weights.py [--quick]

The wrappers validate input, keep the caller's row order, add links and align weights; this
measures what that costs against the peer call in the same run, and checks that neighbours
and coefficients are identical. Data: the 47 bundled prefectures, and a synthetic grid of
square cells (120 x 120 = 14,400; 40 x 40 with --quick) in EQUAL_AREA_CRS.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
import warnings

import numpy as np


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _pairs(graph) -> set:  # type: ignore[no-untyped-def]
    adj = graph.adjacency
    return set(adj[adj != 0].index)


def main() -> None:
    quick = "--quick" in sys.argv
    import geopandas as gpd
    import shapely
    import spreg
    from libpysal.graph import Graph

    import jregion
    from jregion.regression import fit
    from jregion.weights import build_weights

    prefs = jregion.load_prefectures()
    side = 40 if quick else 120
    xs, ys = np.meshgrid(np.arange(side) * 1000.0, np.arange(side) * 1000.0)
    boxes = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + 1000.0, ys.ravel() + 1000.0)
    grid = gpd.GeoDataFrame(geometry=boxes, crs=jregion.EQUAL_AREA_CRS,
                            index=[f"g{i:05d}" for i in range(side * side)])

    rows = []
    for label, gdf in (("prefectures (47)", prefs), (f"grid ({side * side:,})", grid)):
        ours = build_weights(gdf, kind="queen")
        peer = Graph.build_contiguity(gdf.geometry, rook=False)
        same = _pairs(ours) == _pairs(peer)
        t_ours = _best(lambda g=gdf: build_weights(g, kind="queen"))
        t_peer = _best(lambda g=gdf: Graph.build_contiguity(g.geometry, rook=False))
        rows.append((f"queen, {label}", t_ours, t_peer, same))

        if label.startswith("pref"):
            # The peer does what a user would: project, take centroids in km, build.
            def peer_knn(g=gdf):  # type: ignore[no-untyped-def]
                pts = g.to_crs(jregion.EQUAL_AREA_CRS).geometry.centroid
                return Graph.build_knn(
                    gpd.GeoSeries(shapely.points(pts.x / 1000, pts.y / 1000), index=g.index),
                    k=6)

            same = _pairs(build_weights(gdf, kind="knn", k=6)) == _pairs(peer_knn())
            t_ours = _best(lambda g=gdf: build_weights(g, kind="knn", k=6))
            t_peer = _best(peer_knn)
            rows.append((f"knn k=6, {label}", t_ours, t_peer, same))

    t_links = _best(lambda: build_weights(prefs, links="japan"))

    # Regression on the prefectures (geometry-derived variables, test data only).
    ea = prefs.to_crs(jregion.EQUAL_AREA_CRS)
    df = prefs.assign(log_area=np.log(ea.area / 1e6), lat=prefs.representative_point().y,
                      log_perimeter=np.log(ea.length / 1e3))
    graph = build_weights(prefs, links="japan")
    w = graph.transform("r").to_W()
    y = df[["log_area"]].to_numpy()
    x = df[["lat", "log_perimeter"]].to_numpy()

    def peer_lag():  # type: ignore[no-untyped-def]
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return spreg.ML_Lag(y, x, w, method="lu", spat_impacts="full")  # as jregion calls it

    ours_fit = fit("log_area ~ lat + log_perimeter", df, model="lag", weights=graph)
    same = bool(np.allclose(ours_fit.coefficients["estimate"], peer_lag().betas.ravel(),
                            rtol=1e-12))
    t_ours = _best(lambda: fit("log_area ~ lat + log_perimeter", df, model="lag",
                               weights=graph))
    t_peer = _best(peer_lag)
    rows.append(("ML lag fit, prefectures (47)", t_ours, t_peer, same))

    print(f"{'task':40s} {'jregion':>10s} {'peer':>10s} {'ratio':>7s}  identical")
    for name, a, b, same in rows:
        print(f"{name:40s} {a * 1000:8.1f}ms {b * 1000:8.1f}ms {a / b:7.2f}  {same}")
    print(f"build_weights(prefs, links='japan'): {t_links * 1000:.1f} ms (no peer: libpysal "
          "has no fixed-link preset)")
    print("peers: libpysal.graph.Graph.build_contiguity/build_knn, spreg.ML_Lag; "
          "ratio = jregion / peer (lower is better)")


if __name__ == "__main__":
    main()
