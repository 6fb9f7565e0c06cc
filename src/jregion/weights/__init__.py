"""Spatial weights: contiguity, distance and kernel graphs with Japan's fixed links.

One type holds spatial weights: :class:`SparseGraph` (ids + a CSR matrix in numpy + the
record of fixed links), immutable. :func:`build_weights` returns it over a GeoDataFrame's
index (queen, rook, knn and distance bands without importing libpysal), and
:func:`prefecture_graph` gives the 47-prefecture preset from bundled tables. By land,
Hokkaido, Kyushu and Okinawa are cut off from Honshu (Shikoku touches it only on Ishima
island); ``links="japan"`` adds the documented fixed links (:func:`japan_links`).

Every statistic takes a :data:`GraphLike`: a SparseGraph, a libpysal ``Graph`` or ``W``, or
a ``(scipy sparse matrix, ids)`` pair; :func:`as_graph` is the one conversion they all call.
Out: ``graph.to_libpysal()``, ``graph.to_W()``, ``graph.to_scipy()`` (or ``.sparse``) and
``graph.to_frame()`` (the adjacency list).
:func:`connectivity_report` says what is connected, and :func:`check_connectivity` is the
warning every statistic raises on a disconnected graph.

Examples
--------
>>> import jregion
>>> from jregion.weights import build_weights, connectivity_report
>>> graph = build_weights(jregion.load_prefectures(), kind="queen", links="japan")
>>> connectivity_report(graph).is_connected
True
"""

from __future__ import annotations

from jregion.weights._build import build_weights, graph_from_edges
from jregion.weights._connectivity import (
    ConnectivityReport,
    check_connectivity,
    connectivity_report,
)
from jregion.weights._convert import GraphLike, as_graph
from jregion.weights._csr import CSRWeights
from jregion.weights._links import FixedLink, japan_links
from jregion.weights._sparse import SparseGraph, prefecture_graph

__all__ = [
    "CSRWeights",
    "ConnectivityReport",
    "FixedLink",
    "GraphLike",
    "SparseGraph",
    "as_graph",
    "build_weights",
    "check_connectivity",
    "connectivity_report",
    "graph_from_edges",
    "japan_links",
    "prefecture_graph",
]
