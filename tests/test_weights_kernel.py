"""Kernel weights without libpysal, against libpysal's ``Graph.build_kernel`` and by hand.

Reference: libpysal 4.14.1 ``Graph.build_kernel(points, kernel=name, bandwidth=h)`` (defaults
``taper=True``, ``decay=False``) on the same centroids in km of jregion.EQUAL_AREA_CRS, run in
the test itself: the bundled prefectures with shuffled rows and string ids ('01'..'47') at
1 km (all 47 isolates), 60 km (28), 160 km (2) and 300 km (2); a 5 x 5 grid of 1 km cells
with two cells at one point and a far isolate, at bandwidths equal to grid distances (1 and
2 km: pairs exactly at the bandwidth) and between them (2.5 km). Hand-worked values on the
grid: the formulas of libpysal.kernels with z = d / h.
"""

from __future__ import annotations

import subprocess
import sys
import typing

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import shapely

import jregion
from jregion.weights import SparseGraph, build_weights
from jregion.weights._build import _KERNELS, KernelName
from jregion.weights._kernel import KERNELS


@pytest.fixture(scope="module")
def peer_graph() -> typing.Any:
    """libpysal's Graph class; only the comparisons with libpysal skip without it."""
    return pytest.importorskip("libpysal.graph").Graph

NAMES = list(typing.get_args(KernelName))


def _km_points(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    c = gdf.to_crs(jregion.EQUAL_AREA_CRS).geometry.centroid
    return gpd.GeoSeries(gpd.points_from_xy(c.x / 1000.0, c.y / 1000.0), index=gdf.index)


def _assert_same(ours: SparseGraph, peer: object) -> None:
    """Same ids in order, the same links (no more, no fewer), weights to 1e-12, isolates."""
    assert list(ours.unique_ids) == list(peer.unique_ids)  # type: ignore[attr-defined]
    a = ours.to_scipy()
    b = sp.csr_array(peer.sparse)  # type: ignore[attr-defined]
    b.eliminate_zeros()  # libpysal stores an isolate as a zero self-link
    assert a.nnz == b.nnz
    assert (a.astype(bool) != b.astype(bool)).nnz == 0
    assert abs(a - b).max() < 1e-12
    assert list(ours.isolates) == list(peer.isolates)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def shuffled(prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return prefs.sample(frac=1.0, random_state=7)


@pytest.fixture(scope="module")
def grid() -> gpd.GeoDataFrame:
    """25 cells of 1 km, a 26th on top of cell c12, a 27th 40 km away; rows shuffled."""
    xs, ys = np.meshgrid(np.arange(5) * 1000.0, np.arange(5) * 1000.0)
    x, y = np.r_[xs.ravel(), 2000.0, 40000.0], np.r_[ys.ravel(), 2000.0, 40000.0]
    return gpd.GeoDataFrame(
        geometry=shapely.box(x, y, x + 1000.0, y + 1000.0), crs=jregion.EQUAL_AREA_CRS,
        index=pd.Index([f"c{i:02d}" for i in range(len(x))], name="cell"),
    ).sample(frac=1.0, random_state=5)


def test_every_kernel_name_has_a_function() -> None:
    assert NAMES == list(_KERNELS) == list(KERNELS)


@pytest.mark.parametrize("bandwidth", [1.0, 60.0, 160.0, 300.0])
@pytest.mark.parametrize("kernel", NAMES)
def test_prefectures_equal_libpysal(
    kernel: KernelName, bandwidth: float, shuffled: gpd.GeoDataFrame, peer_graph: typing.Any
) -> None:
    ours = build_weights(shuffled, kind="kernel", kernel=kernel, bandwidth=bandwidth)
    peer = peer_graph.build_kernel(_km_points(shuffled), kernel=kernel, bandwidth=bandwidth)
    _assert_same(ours, peer)
    assert list(ours.unique_ids) == list(shuffled.index)
    assert len(ours.isolates) == {1.0: 47, 60.0: 28, 160.0: 2, 300.0: 2}[bandwidth]
    assert "47" in ours.isolates  # Okinawa: no prefecture centroid within 300 km


@pytest.mark.parametrize("bandwidth", [1.0, 2.0, 2.5])
@pytest.mark.parametrize("kernel", NAMES)
def test_grid_with_ties_and_a_shared_point_equals_libpysal(
    kernel: KernelName, bandwidth: float, grid: gpd.GeoDataFrame, peer_graph: typing.Any
) -> None:
    ours = build_weights(grid, kind="kernel", kernel=kernel, bandwidth=bandwidth)
    peer = peer_graph.build_kernel(_km_points(grid), kernel=kernel, bandwidth=bandwidth)
    _assert_same(ours, peer)
    assert "c26" in ours.isolates and ours.unique_ids.name == "cell"


def test_grid_by_hand(grid: gpd.GeoDataFrame) -> None:
    # c00 sits at (0.5, 0.5) km: c01 and c05 at 1 km, c06 at sqrt(2), c02 and c10 at 2 km.
    tri = build_weights(grid, kind="kernel", kernel="triangular", bandwidth=2.0)
    assert tri["c00"].to_dict() == pytest.approx(
        {"c01": 0.5, "c05": 0.5, "c06": 1 - np.sqrt(2) / 2}, rel=1e-15)  # K(1) = 0: no c02
    gauss = build_weights(grid, kind="kernel", bandwidth=2.0)  # gaussian is the default
    c = 1 / np.sqrt(2 * np.pi)
    assert gauss["c00"].to_dict() == pytest.approx({
        "c01": c * np.exp(-0.125), "c05": c * np.exp(-0.125), "c06": c * np.exp(-0.25),
        "c02": c * np.exp(-0.5), "c10": c * np.exp(-0.5)}, rel=1e-15)
    # cosine at z = 1 is (pi/4) cos(pi/2) = 4.8e-17 in floating point, a link as in libpysal
    cos = build_weights(grid, kind="kernel", kernel="cosine", bandwidth=2.0)
    assert 0 < cos["c00"]["c02"] < 1e-16
    box = build_weights(grid, kind="kernel", kernel="boxcar", bandwidth=2.0)
    assert box["c00"].to_dict() == {"c01": 1.0, "c05": 1.0, "c06": 1.0}  # d < h only
    # two units at one point are neighbours at K(0), and never their own
    assert tri["c12"]["c25"] == 1.0 and gauss["c25"]["c12"] == pytest.approx(c, rel=1e-15)
    assert "c12" not in tri["c12"].index
    # at 1 km every pair but the shared point is at z >= 1: triangular keeps one pair
    assert build_weights(grid, kind="kernel", kernel="triangular", bandwidth=1.0).csr.nnz == 2


def test_random_points_against_a_dense_distance_matrix() -> None:
    """The KD-tree search finds every pair within h; 400 points, 20 of them repeated."""
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 200_000.0, (400, 2))
    xy[380:] = xy[:20]
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
                           crs=jregion.EQUAL_AREA_CRS, index=[f"p{i}" for i in range(400)])
    km = xy / 1000.0
    d = np.hypot(*(km[:, None, :] - km[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    h = 15.0
    graph = build_weights(pts, kind="kernel", kernel="bisquare", bandwidth=h)
    z = np.where(d <= h, d / h, 1.0)
    expected = (15 / 16) * (1 - z**2) ** 2
    np.testing.assert_allclose(graph.to_scipy().toarray(), expected, rtol=0, atol=1e-15)
    assert graph["p0"]["p380"] == 15 / 16


def test_ties_at_the_bandwidth_decided_as_ckdtree_query_measures() -> None:
    # A common recipe: bandwidth (or threshold) = the largest nearest-neighbour distance, from
    # cKDTree.query, so that no unit is an isolate. cKDTree.query_pairs compares squared sums
    # with h**2 and missed that pair by one ulp in 63 of 300 such random layers (reviewed
    # 2026-12-06); kernel and distance band also disagreed in 56 of 300.
    from scipy.spatial import cKDTree

    from jregion.weights._build import _distance_band
    from jregion.weights._kernel import kernel_weights

    rng = np.random.default_rng(1)
    for _ in range(100):
        xy = rng.uniform(0, 500, (200, 2))
        h = float(cKDTree(xy).query(xy, k=2)[0][:, 1].max())
        kernel, band = kernel_weights(xy, "gaussian", h), _distance_band(xy, h)
        assert (np.diff(kernel.indptr) > 0).all() and (np.diff(band.indptr) > 0).all()
        assert np.array_equal(kernel.indptr, band.indptr)
        assert np.array_equal(kernel.indices, band.indices)


def test_bad_input(prefs: gpd.GeoDataFrame) -> None:
    for bad in (0, -50.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="bandwidth must be a positive number of km"):
            build_weights(prefs, kind="kernel", bandwidth=bad)
    with pytest.raises(TypeError, match="bandwidth must be a number of km, got str"):
        build_weights(prefs, kind="kernel", bandwidth="100")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"kind='kernel' needs bandwidth="):
        build_weights(prefs, kind="kernel", kernel="triangular")
    with pytest.raises(ValueError, match=r"kernel must be one of .*'epanechnikov'"):
        build_weights(prefs, kind="kernel", kernel="epanechnikov",  # type: ignore[arg-type]
                      bandwidth=100.0)
    with pytest.raises(ValueError, match="k= is not used with kind='kernel'"):
        build_weights(prefs, kind="kernel", bandwidth=100.0, k=3)
    with pytest.raises(ValueError, match="bandwidth= is not used with kind='knn'"):
        build_weights(prefs, kind="knn", k=3, bandwidth=100.0)


def test_input_not_modified(grid: gpd.GeoDataFrame) -> None:
    before = grid.copy()
    build_weights(grid, kind="kernel", kernel="exponential", bandwidth=2.0)
    pd.testing.assert_frame_equal(grid, before)


def test_kernel_weights_never_import_libpysal() -> None:
    script = (
        "import sys, jregion\n"
        "prefs = jregion.load_prefectures()\n"
        "g = jregion.build_weights(prefs, kind='kernel', kernel='triangular', bandwidth=160.0)\n"
        "print(g.csr.nnz, len(g.isolates), 'libpysal' in sys.modules, 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "296 2 False False"
