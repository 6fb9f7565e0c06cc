"""GraphLike in, conversions out: round trips against libpysal for every kind of weights.

Reference: libpysal 4.14's own builders on the same inputs (``Graph.build_contiguity`` on the
polygons; ``build_knn``, ``build_distance_band`` and ``build_kernel`` on the same centroids in
km of jregion.EQUAL_AREA_CRS), its ``Graph.to_W()``, and ``W``-based statistics run through the
same jregion functions. The prefectures have string ids ('01'..'47') and, for queen, rook,
distance bands and kernels, islands (units without neighbours); rows are shuffled.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import jregion
from jregion.errors import DuplicateKeyError
from jregion.weights import SparseGraph, as_graph, build_weights, graph_from_edges

libpysal_graph = pytest.importorskip("libpysal.graph")
Graph = libpysal_graph.Graph


@pytest.fixture(scope="module")
def shuffled(prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return prefs.sample(frac=1.0, random_state=11)


def _km_points(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    c = gdf.to_crs(jregion.EQUAL_AREA_CRS).geometry.centroid
    return gpd.GeoSeries(gpd.points_from_xy(c.x / 1000.0, c.y / 1000.0), index=gdf.index)


CASES: dict[str, tuple[dict[str, object], Callable[[gpd.GeoDataFrame], object]]] = {
    "queen": ({"kind": "queen"}, lambda g: Graph.build_contiguity(g.geometry, rook=False)),
    "rook": ({"kind": "rook"}, lambda g: Graph.build_contiguity(g.geometry, rook=True)),
    "knn": ({"kind": "knn", "k": 4}, lambda g: Graph.build_knn(_km_points(g), k=4)),
    "distance_band": (
        {"kind": "distance_band", "threshold": 150.0},
        lambda g: Graph.build_distance_band(_km_points(g), 150.0, binary=True),
    ),
    "kernel": (
        {"kind": "kernel", "kernel": "triangular", "bandwidth": 160.0},
        lambda g: Graph.build_kernel(_km_points(g), kernel="triangular", bandwidth=160.0),
    ),
}


def _assert_same(ours: SparseGraph, peer: object) -> None:
    """Same ids in the same order and the same weights (isolates included)."""
    ids = pd.Index(peer.unique_ids)  # type: ignore[attr-defined]
    assert list(ours.unique_ids) == list(ids)
    diff = abs(ours.to_scipy() - sp.csr_array(peer.sparse))  # type: ignore[attr-defined]
    assert diff.max() < 1e-12 if diff.nnz else True
    peer_isolates = list(peer.isolates)  # type: ignore[attr-defined]
    assert list(ours.isolates) == peer_isolates


@pytest.mark.parametrize("kind", list(CASES))
def test_round_trips_against_libpysal(kind: str, shuffled: gpd.GeoDataFrame) -> None:
    options, build_peer = CASES[kind]
    ours = build_weights(shuffled, **options)  # type: ignore[arg-type]
    peer = build_peer(shuffled)
    _assert_same(ours, peer)  # built the same
    if kind in ("queen", "rook", "distance_band", "kernel"):
        assert len(ours.isolates) > 0  # Hokkaido/Okinawa, or Okinawa beyond the band
    # in: libpysal Graph -> SparseGraph, exactly the peer's own matrix; binary weights are
    # then exactly ours too. Kernel weights agree to 1e-12 (_assert_same), not bit for bit:
    # libpysal measures distances through scikit-learn (|a|^2 + |b|^2 - 2ab), jregion by hypot.
    theirs = as_graph(peer)
    assert theirs.equals(SparseGraph(pd.Index(peer.unique_ids), sp.csr_array(peer.sparse)))
    assert theirs.equals(ours) or kind == "kernel"
    # out: SparseGraph -> libpysal Graph
    back = ours.to_libpysal()
    pd.testing.assert_series_equal(back.adjacency, peer.adjacency, check_dtype=False)
    assert as_graph(back).equals(ours)
    # W: the same neighbours, weights and id order as libpysal's own conversion
    w_ours, w_peer = ours.to_W(), peer.to_W()
    assert list(w_ours.id_order) == list(w_peer.id_order)
    assert w_ours.neighbors == {k: list(v) for k, v in w_peer.neighbors.items()}
    assert all(np.allclose(w_ours.weights[k], w_peer.weights[k]) for k in w_peer.weights)
    assert as_graph(w_ours).equals(ours)
    assert as_graph(w_peer).equals(theirs)
    # scipy and the adjacency list
    assert as_graph((ours.to_scipy(), ours.unique_ids)).equals(ours)
    assert as_graph(ours.sparse, ids=list(ours.unique_ids)).equals(ours)
    frame = ours.to_frame()
    assert list(frame.columns) == ["focal", "neighbor", "weight"]
    rebuilt = graph_from_edges(ours.unique_ids, frame["focal"], frame["neighbor"],
                               frame["weight"])
    assert rebuilt.equals(ours)


def test_graph_is_immutable_and_repr(prefs: gpd.GeoDataFrame) -> None:
    graph = build_weights(prefs, links="japan")
    with pytest.raises(AttributeError):
        graph.links = ()  # type: ignore[misc]
    matrix = graph.sparse
    matrix.data[:] = 5.0  # editing the scipy copy does not change the graph
    assert set(graph.csr.data) == {1.0}
    assert repr(graph).startswith("<SparseGraph of 47 units and 184 non-zero links")
    assert graph["01"].to_dict() == {"02": 1.0}


def test_transform_subgraph_and_views(prefs: gpd.GeoDataFrame) -> None:
    graph = build_weights(prefs, links="japan")
    peer = graph.to_libpysal()
    row = graph.transform("r")
    _assert_same(row, peer.transform("r"))
    pd.testing.assert_series_equal(graph.cardinalities, peer.cardinalities,
                                   check_names=False, check_index=False)
    assert graph.n_components == peer.n_components == 1
    sub = graph.subgraph(["13", "11", "12", "14", "47"])
    _assert_same(sub, peer.subgraph(["13", "11", "12", "14", "47"]))
    assert list(sub.isolates) == ["47"] and sub.links == ()  # 46-47 left the subgraph
    assert graph.asymmetry().empty
    lopsided = graph_from_edges(pd.Index(["a", "b"]), ["a"], ["b"], [1.0])
    expected = lopsided.to_libpysal().asymmetry()  # both directions, as libpysal lists them
    assert list(expected.items()) == [("a", "b"), ("b", "a")]
    pd.testing.assert_series_equal(lopsided.asymmetry(), expected, check_dtype=False)


def test_libpysal_w_works_in_moran_lisa_lq_and_fit(prefs: gpd.GeoDataFrame) -> None:
    graph = build_weights(prefs, links="japan")
    w = graph.to_W()
    pop = jregion.load_indicator("population", year=2015)["population"]
    y = np.log(pop / jregion.load_indicator("area")["area_km2"])
    ref, got = jregion.moran(y, graph, seed=1), jregion.moran(y, w, seed=1)
    assert got.I == ref.I and got.p_sim == ref.p_sim
    pd.testing.assert_frame_equal(jregion.local_moran(y, w, seed=1).to_frame(),
                                  jregion.local_moran(y, graph, seed=1).to_frame())
    pair = (graph.to_scipy(), list(graph.unique_ids))
    assert jregion.moran(y, pair, seed=1).I == ref.I
    df = prefs.assign(y=y, lat=prefs.representative_point().y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spreg's own warnings
        a = jregion.fit("y ~ lat", df, model="lag", weights=graph)
        b = jregion.fit("y ~ lat", df, model="lag", weights=w)
    pd.testing.assert_frame_equal(a.coefficients, b.coefficients)


def test_as_graph_refuses_what_it_cannot_read() -> None:
    with pytest.raises(TypeError, match=r"\(matrix, ids\)"):
        as_graph(sp.csr_array(np.eye(2)))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="SparseGraph, a libpysal Graph or W"):
        as_graph(np.eye(2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="SparseGraph, a libpysal Graph or W"):
        jregion.moran(pd.Series([1.0, 2.0]), {"a": ["b"]})  # type: ignore[arg-type]
    g = graph_from_edges(pd.Index(["a", "b"]), ["a"], ["b"], [1.0])
    with pytest.raises(TypeError, match="ids= is for a scipy"):
        as_graph(g.to_libpysal(), ids=["a", "b"])
    with pytest.raises(ValueError, match="one row per id"):
        as_graph((sp.csr_array(np.eye(3)), ["a", "b"]))


def test_adjacency_read_from_codes_equals_libpysal_properties(
    shuffled: gpd.GeoDataFrame,
) -> None:
    # as_graph reads a libpysal Graph's canonical adjacency through its MultiIndex codes; the
    # reference is libpysal's own unique_ids and sparse on the same graph
    from jregion.weights._convert import _canonical_adjacency

    graphs = [build_peer(shuffled) for _, build_peer in CASES.values()]
    graphs += [graphs[0].transform("r"), Graph.from_sparse(
        sp.csr_array(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]])), ids=[30, 10, 20]
    )]
    for peer in graphs:
        read = _canonical_adjacency(peer.adjacency)
        assert read is not None
        ids, csr = read
        pd.testing.assert_index_equal(ids, peer.unique_ids)
        assert (csr.to_scipy() != sp.csr_array(peer.sparse)).nnz == 0
    # Out of canonical order (libpysal trusts is_sorted=True): read by label. The reference is
    # the adjacency's own rows: the link 10 <-> 30, and 20 an isolate. (libpysal's unique_ids
    # with its sparse, as read before, linked 20 and 10.)
    unsorted = Graph(graphs[-1].adjacency.iloc[::-1], is_sorted=True)
    assert _canonical_adjacency(unsorted.adjacency) is None
    got = as_graph(unsorted)
    assert list(got.unique_ids) == [20, 10, 30]
    rows = [tuple(r) for r in got.to_frame().itertuples(index=False)]
    assert rows == [(20, 20, 0.0), (10, 30, 1.0), (30, 10, 1.0)]  # an isolate: a zero self-link
    assert list(got.isolates) == [20]
    # a repeated pair is not canonical either, and is refused
    twice = pd.concat([graphs[-1].adjacency, graphs[-1].adjacency.iloc[:1]])
    assert _canonical_adjacency(twice.sort_index()) is None
    with pytest.raises(DuplicateKeyError, match=r"repeated|duplicated .*pairs"):
        as_graph(Graph(twice, is_sorted=True))
