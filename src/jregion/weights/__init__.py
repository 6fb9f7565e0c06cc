"""Spatial weights: contiguity, distance and kernel graphs with Japan's fixed links.

:func:`build_weights` returns a :class:`libpysal.graph.Graph` whose ids are the
GeoDataFrame's index. By land, Hokkaido, Kyushu and Okinawa are cut off from Honshu (Shikoku
touches it only on Ishima island); ``links="japan"`` adds the documented fixed links
(:func:`japan_links`). :func:`prefecture_graph` gives that preset for the 47 prefectures as a
:class:`SparseGraph` from bundled tables, without importing libpysal (which takes seconds);
every statistic accepts either. A SparseGraph holds its weights in numpy
(:class:`CSRWeights`), so a local statistic on it does not import scipy.
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
from jregion.weights._csr import CSRWeights
from jregion.weights._links import FixedLink, japan_links
from jregion.weights._sparse import SparseGraph, as_libpysal, prefecture_graph

__all__ = [
    "CSRWeights",
    "ConnectivityReport",
    "FixedLink",
    "SparseGraph",
    "as_libpysal",
    "build_weights",
    "check_connectivity",
    "connectivity_report",
    "graph_from_edges",
    "japan_links",
    "prefecture_graph",
]
