"""Queen and rook contiguity without libpysal, against libpysal and hand-worked layers.

Reference: ``libpysal.graph.Graph.build_contiguity(geometry, rook=..., strict=False)``
(libpysal 4.14, the default rule: exactly equal vertices for queen, exactly equal edges of one
part for rook), run in the same test on the same geometries; and, for the hand-made layers,
neighbours worked out by hand from the drawings in the comments.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

import jregion
from jregion.errors import CRSError, GeometryError
from jregion.weights import build_weights
from jregion.weights._contiguity import contiguity_pairs

libpysal_graph = pytest.importorskip("libpysal.graph")


def _pairs(graph: object) -> set[tuple[object, object]]:
    adj = graph.adjacency  # type: ignore[attr-defined]
    return set(adj[adj != 0].index)


def _peer(gdf: gpd.GeoDataFrame, rook: bool) -> set[tuple[object, object]]:
    return _pairs(libpysal_graph.Graph.build_contiguity(gdf.geometry, rook=rook))


def _undirected(pairs: set[tuple[object, object]]) -> set[frozenset[object]]:
    return {frozenset(p) for p in pairs}


def _hand_layer() -> gpd.GeoDataFrame:
    """Ten units: corner touches, a T-junction, a donut and its core, a two-part unit, an island.

    ::

        y=2 +---+---+               a [0,1]x[1,2], b [1,2]x[1,2]: edge x=1 (rook)
            | a | b |               c [2,3]x[0,1]: corner (2,1) with b (queen only)
        y=1 +---+---+---+           h [1,2]x[-1,0]: corner (2,0) with c (queen only)
                    | c |           j [2,3]x[-1,0]: edge y=0 with c (rook); its side x=2 has
        y=0     +---+---+               an extra vertex (2,-0.5), so no edge equals h's side
                | h | j |               (2,-1)-(2,0): h-j is queen only (shared corners)
        y=-1 +--+---+---+           g [1,2]x[-3,-1]: edge y=-1 with h (rook), corner (2,-1)
             |f'| g |                   with j (queen)
        y=-2 +--+   |               f = f' [0,1]x[-2,-1] + f'' [8,9]x[0,1]: f' meets g along
                +---+                   x=1 but on no equal edge, at vertex (1,-1) (queen with
                                        g and h); f'' meets d at vertex (8,0) only (d's side
        d [4,8]x[0,4] with a hole [5,7]x[1,3]   is (8,0)-(8,4))
        e = the core [5,7]x[1,3], filling the hole: it shares the hole's ring (rook with d)
        i [100,101]x[100,101]: an island
    """
    a, b = box(0, 1, 1, 2), box(1, 1, 2, 2)
    c = box(2, 0, 3, 1)
    d = Polygon(box(4, 0, 8, 4).exterior.coords, [box(5, 1, 7, 3).exterior.coords[::-1]])
    e = box(5, 1, 7, 3)
    f = MultiPolygon([box(8, 0, 9, 1), box(0, -2, 1, -1)])
    g = box(1, -3, 2, -1)
    h = box(1, -1, 2, 0)
    i = box(100, 100, 101, 101)
    j = Polygon([(2, -1), (3, -1), (3, 0), (2, 0), (2, -0.5)])
    ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    return gpd.GeoDataFrame(geometry=[a, b, c, d, e, f, g, h, i, j], index=ids)


def test_hand_layer_by_hand_and_against_libpysal() -> None:
    layer = _hand_layer()
    queen = _undirected(_pairs(build_weights(layer, kind="queen")))
    rook = _undirected(_pairs(build_weights(layer, kind="rook")))
    by_hand_rook = {frozenset(p) for p in ("ab", "cj", "de", "gh")}
    corner_only = ("bc", "ch", "hj", "gj", "fg", "fh", "df")
    by_hand_queen = by_hand_rook | {frozenset(p) for p in corner_only}
    assert rook == by_hand_rook
    assert queen == by_hand_queen
    assert _undirected(_peer(layer, rook=True)) == rook
    assert _undirected(_peer(layer, rook=False)) == queen
    graph = build_weights(layer, kind="queen")
    assert list(graph.isolates) == ["i"]


def test_negative_zero_is_zero() -> None:
    # -0.0 and 0.0 are one coordinate, as in libpysal's tuple keys.
    left = Polygon([(-1, 0), (-0.0, 0), (-0.0, 1), (-1, 1)])
    right = Polygon([(0, 0), (1, 0), (1, 1), (0.0, 1)])
    layer = gpd.GeoDataFrame(geometry=[left, right], index=["l", "r"])
    assert _pairs(build_weights(layer, kind="rook")) == {("l", "r"), ("r", "l")}
    assert _pairs(build_weights(layer, kind="rook")) == _peer(layer, rook=True)


@pytest.mark.parametrize("kind", ["queen", "rook"])
def test_prefectures_shuffled_equal_libpysal(kind: str, prefs: gpd.GeoDataFrame) -> None:
    shuffled = prefs.sample(frac=1.0, random_state=3)
    ours = build_weights(shuffled, kind=kind)  # type: ignore[arg-type]
    assert list(ours.unique_ids) == list(shuffled.index)
    assert _pairs(ours) == _peer(shuffled, rook=kind == "rook")


def _libpysal_polygon_layers() -> list[Path]:
    """Polygon layers shipped inside the installed libpysal package (no download)."""
    root = Path(libpysal_graph.__file__).parents[1] / "examples"
    found = []
    for shp in sorted(root.glob("*/*.shp")):
        types = set(gpd.read_file(shp).geom_type)
        if types and types <= {"Polygon", "MultiPolygon"}:
            found.append(shp)
    return found


@pytest.mark.slow
def test_libpysal_example_layers() -> None:
    layers = _libpysal_polygon_layers()
    assert len(layers) >= 10  # columbus, sids2, us48, Chicago77, tokyomet262, ...
    for shp in layers:
        gdf = gpd.read_file(shp)
        for rook in (False, True):
            focal, neighbor = contiguity_pairs(gdf.geometry.to_numpy(), rook=rook)
            ours = set(zip(gdf.index[focal], gdf.index[neighbor], strict=True))
            assert ours == _peer(gdf, rook=rook), (shp.name, rook)


def test_random_grid_with_holes_and_shuffled_rows() -> None:
    rng = np.random.default_rng(0)
    xs, ys = np.meshgrid(np.arange(12.0), np.arange(9.0))
    cells = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + 1, ys.ravel() + 1)
    keep = rng.random(cells.size) > 0.25  # drop a quarter: gaps, islands, corner-only touches
    layer = gpd.GeoDataFrame(geometry=cells[keep], index=[f"c{i}" for i in np.flatnonzero(keep)])
    layer = layer.sample(frac=1.0, random_state=1)
    for kind, rook in (("queen", False), ("rook", True)):
        assert _pairs(build_weights(layer, kind=kind)) == _peer(layer, rook=rook)  # type: ignore[arg-type]


def test_points_get_a_clear_error() -> None:
    pts = gpd.GeoDataFrame(geometry=[Point(0, 0), Point(1, 1), Point(2, 0)],
                           index=["p", "q", "r"], crs=jregion.EQUAL_AREA_CRS)
    with pytest.raises(GeometryError, match=r"kind='knn'.*distance_band"):
        build_weights(pts, kind="queen")
    with pytest.raises(GeometryError, match=r"\['p', 'q', 'r'\]"):
        build_weights(pts, kind="rook")
    assert _pairs(build_weights(pts, kind="knn", k=1)) >= {("p", "q")}


def test_lonlat_label_on_projected_coordinates(prefs: gpd.GeoDataFrame) -> None:
    wrong = prefs.to_crs(jregion.EQUAL_AREA_CRS).set_crs("EPSG:4326", allow_override=True)
    for kind, opts in (("knn", {"k": 3}), ("distance_band", {"threshold": 100.0})):
        with pytest.raises(CRSError, match="not degrees"):
            build_weights(wrong, kind=kind, **opts)  # type: ignore[arg-type]


def test_projected_label_on_lonlat_coordinates(prefs: gpd.GeoDataFrame) -> None:
    # reproduced on main: degrees taken as metres put all 47 within 0.1 km of each other
    wrong = prefs.set_crs(jregion.EQUAL_AREA_CRS, allow_override=True)
    for kind, opts in (("knn", {"k": 3}), ("distance_band", {"threshold": 100.0})):
        with pytest.raises(CRSError, match=r"look like degrees.*set_crs\(\"EPSG:4326\""):
            build_weights(wrong, kind=kind, **opts)  # type: ignore[arg-type]
    # the real projected layer is accepted: Tokyo's 3 nearest neighbours
    right = prefs.to_crs(jregion.EQUAL_AREA_CRS)
    w = build_weights(right, kind="knn", k=3)
    assert sorted(w.neighbors("13")) == ["11", "12", "14"]


def test_invalid_geometry_names_the_row(prefs: gpd.GeoDataFrame) -> None:
    bad = prefs.copy()
    bad.loc["27", "geometry"] = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # a bow tie
    with pytest.raises(GeometryError, match=r"rows \['27'\].*make_valid"):
        build_weights(bad)


def test_queen_and_lisa_never_import_libpysal(tmp_path: Path, prefs: gpd.GeoDataFrame) -> None:
    """The user's path: read polygons from a file, build queen weights, run a LISA."""
    path = tmp_path / "prefs.gpkg"
    prefs.reset_index().to_file(path, driver="GPKG")
    script = (
        "import sys, numpy as np, geopandas as gpd, jregion\n"
        f"gdf = gpd.read_file({str(path)!r}).set_index('pref_code')\n"
        "pop = jregion.load_indicator('population', year=2015)['population']\n"
        "y = np.log(pop / jregion.load_indicator('area')['area_km2'])\n"
        "g = jregion.build_weights(gdf, kind='queen', links='japan')\n"
        "res = jregion.local_moran(y, g, permutations=999, seed=1)\n"
        "print(res.cluster['13'], 'libpysal' in sys.modules, 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "High-High False False"


def test_input_not_modified_and_index_name_kept(prefs: gpd.GeoDataFrame) -> None:
    before = prefs.copy()
    graph = build_weights(prefs, kind="rook")
    pd.testing.assert_frame_equal(prefs, before)
    assert graph.unique_ids.name == "pref_code"
