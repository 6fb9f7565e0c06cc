"""build_weights: contiguity, k-nearest, distance-band and kernel graphs, plus fixed links.

Every kind returns a :class:`~jregion.weights.SparseGraph` over the GeoDataFrame's index.
Queen and rook contiguity are computed here with shapely and numpy
(:mod:`jregion.weights._contiguity`, libpysal's rule), k-nearest neighbours and distance bands
with scipy's cKDTree, and kernel weights with the cKDTree's pairs within the bandwidth
(:mod:`jregion.weights._kernel`, libpysal's ``Graph.build_kernel`` rule without its dense
n x n distance matrix); benchmarks/bench_weights.py measures each against libpysal. No kind
imports libpysal.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from numbers import Real
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion._keys import check_unique
from jregion.crs import EQUAL_AREA_CRS, check_projected_not_degrees
from jregion.errors import CRSError, GeometryError, UnmatchedKeyError
from jregion.weights._csr import CSRWeights
from jregion.weights._kernel import kernel_weights, pairs_within
from jregion.weights._links import FixedLink, LinkRecord, link_edges, resolve_links
from jregion.weights._sparse import SparseGraph

__all__ = ["build_weights", "graph_from_edges"]

WeightsKind = Literal["queen", "rook", "knn", "distance_band", "kernel"]
KernelName = Literal[
    "gaussian", "triangular", "parabolic", "bisquare", "cosine", "boxcar", "exponential"
]

_KINDS = ("queen", "rook", "knn", "distance_band", "kernel")
_KERNELS = ("gaussian", "triangular", "parabolic", "bisquare", "cosine", "boxcar", "exponential")
_AREAL = {"Polygon", "MultiPolygon", "LineString", "MultiLineString"}


def _check_frame(gdf: Any) -> Any:
    import geopandas as gpd

    if isinstance(gdf, gpd.GeoSeries):
        gdf = gpd.GeoDataFrame(geometry=gdf)
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(
            f"build_weights needs a GeoDataFrame or GeoSeries, got {type(gdf).__name__}; "
            "load boundaries with jregion.load_prefectures() or geopandas.read_file()"
        )
    if len(gdf) < 2:
        raise ValueError(f"build_weights needs at least 2 rows, got {len(gdf)}")
    check_unique(
        gdf.index,
        what="the index",
        kind="ids",
        fix="a spatial graph needs one row per unit: aggregate (dissolve) or drop the "
        "duplicates first",
    )
    geom = gdf.geometry
    bad = gdf.index[geom.isna() | geom.is_empty]
    if len(bad):
        raise GeometryError(
            f"rows {list(bad[:10])} have missing or empty geometries; drop or fix them first"
        )
    invalid = gdf.index[~geom.is_valid]
    if len(invalid):
        raise GeometryError(
            f"rows {list(invalid[:10])} have invalid geometries (e.g. self-intersections), which "
            "give wrong centroids and neighbours; repair them first, e.g. "
            "gdf.geometry = shapely.make_valid(gdf.geometry.values)"
        )
    return gdf


def _check_areal(gdf: Any, kind: str) -> None:
    types = gdf.geometry.geom_type
    wrong = ~types.isin(list(_AREAL))
    if wrong.any():
        rows = gdf.index[wrong.to_numpy()][:5].tolist()
        found = sorted(set(types[wrong]))
        raise GeometryError(
            f"kind={kind!r} needs polygons (or lines) that can share borders, but rows {rows} "
            f"are {found}; for points use kind='knn' (with k=) or kind='distance_band' "
            "(with threshold= in km)"
        )


def _points_km(gdf: Any) -> npt.NDArray[np.float64]:
    """Centroids (n x 2) in km of a projected CRS (EQUAL_AREA_CRS for geographic input)."""
    if gdf.crs is None:
        raise CRSError(
            "the GeoDataFrame has no CRS, so distances cannot be measured; set it first, "
            "for example gdf.set_crs('EPSG:4326') for longitude/latitude"
        )
    if gdf.crs.is_geographic:
        minx, miny, maxx, maxy = gdf.total_bounds
        if not (minx >= -180.0 and maxx <= 360.0 and miny >= -90.0 and maxy <= 90.0):
            raise CRSError(
                f"the CRS {gdf.crs.to_string()!r} says longitude/latitude, but the coordinates "
                f"reach x {minx:.6g}..{maxx:.6g}, y {miny:.6g}..{maxy:.6g}, which are not "
                "degrees (projected metres?). Label them with their real CRS, e.g. "
                "gdf.set_crs(jregion.EQUAL_AREA_CRS, allow_override=True), not to_crs"
            )
        projected = gdf.to_crs(EQUAL_AREA_CRS)
    else:
        check_projected_not_degrees(gdf.crs, gdf.total_bounds, what="the GeoDataFrame")
        projected = gdf
        unit = projected.crs.axis_info[0].unit_name if projected.crs.axis_info else ""
        if unit not in ("metre", "meter"):
            raise CRSError(
                f"the projected CRS has units {unit!r}, not metres; reproject first, for "
                "example gdf.to_crs(jregion.EQUAL_AREA_CRS)"
            )
    cent = projected.geometry.centroid
    xy = np.column_stack([cent.x.to_numpy(), cent.y.to_numpy()]) / 1000.0
    if not np.isfinite(xy).all():
        rows = gdf.index[~np.isfinite(xy).all(axis=1)][:5].tolist()
        raise CRSError(
            f"rows {rows} have no finite position in {EQUAL_AREA_CRS} (coordinates outside "
            "the CRS's area of use?); check gdf.crs against the coordinates"
        )
    return np.asarray(xy, dtype=np.float64)


def _positive(name: str, value: float | None, kind: str) -> float:
    if value is None:
        raise ValueError(f"kind={kind!r} needs {name}= (in km)")
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"{name} must be a number of km, got {type(value).__name__} {value!r}; "
            f"pass e.g. {name}=100.0"
        )
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number of km, got {value!r}")
    return float(value)


def _check_unused(kind: str, **given: Any) -> None:
    used = {"knn": {"k"}, "distance_band": {"threshold"}, "kernel": {"bandwidth", "kernel"}}
    for name, value in given.items():
        if value is not None and name not in used.get(kind, set()):
            raise ValueError(f"{name}= is not used with kind={kind!r}; remove it")


def graph_from_edges(
    ids: pd.Index, focal: Sequence[Hashable], neighbor: Sequence[Hashable], weight: Sequence[float]
) -> SparseGraph:
    """Build a graph over ``ids`` (in that order) from edges; units without edges are isolates.

    Parameters
    ----------
    ids : pandas.Index
        All unit ids, in the order the graph should keep.
    focal, neighbor : sequence
        Ids at both ends of each directed edge (repeated edges are summed; a self-edge of
        weight 0, libpysal's mark of an isolate, is dropped).
    weight : sequence of float
        Weight of each edge.

    Returns
    -------
    SparseGraph
        The graph, with every id of ``ids``.

    Raises
    ------
    UnmatchedKeyError
        If an edge names an id that is not in ``ids``.

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.weights import graph_from_edges
    >>> g = graph_from_edges(pd.Index(["b", "a", "c"]), ["a", "b"], ["b", "a"], [1.0, 1.0])
    >>> list(g.unique_ids), list(g.isolates)
    (['b', 'a', 'c'], ['c'])
    """
    index = ids if isinstance(ids, pd.Index) else pd.Index(ids)
    rows = index.get_indexer(pd.Index(list(focal)))
    cols = index.get_indexer(pd.Index(list(neighbor)))
    unknown = [*np.asarray(list(focal), dtype=object)[rows < 0][:3],
               *np.asarray(list(neighbor), dtype=object)[cols < 0][:3]]
    if unknown:
        raise UnmatchedKeyError(f"edges name ids that are not in ids: {unknown}")
    w = np.asarray(weight, dtype=np.float64)
    keep = (rows != cols) | (w != 0)
    csr = CSRWeights.from_coo(rows[keep], cols[keep], w[keep], n=len(index))
    return SparseGraph(index, csr)


def _knn(xy: npt.NDArray[np.float64], k: int, index: pd.Index) -> CSRWeights:
    from scipy.spatial import cKDTree

    n = len(xy)
    _, first = np.unique(xy, axis=0, return_index=True)
    if len(first) < n:
        dup = index[np.setdiff1d(np.arange(n), first)][:5].tolist()
        raise GeometryError(
            f"rows {dup} have the same centroid as another row, so their nearest neighbours "
            "are not defined; merge them (dissolve) or use kind='distance_band'"
        )
    _, nbr = cKDTree(xy).query(xy, k=k + 1)
    nbr = np.asarray(nbr, dtype=np.int64)
    not_self = nbr != np.arange(n)[:, None]
    # each row has itself once (no duplicate points); keep the k others in distance order
    cols = nbr[not_self].reshape(n, k)
    return CSRWeights.from_coo(np.repeat(np.arange(n), k), cols.ravel(), np.ones(n * k), n=n)


def _distance_band(xy: npt.NDArray[np.float64], threshold: float) -> CSRWeights:
    a, b, _ = pairs_within(xy, threshold)
    return CSRWeights.from_coo(np.r_[a, b], np.r_[b, a], np.ones(2 * len(a)), n=len(xy))


def build_weights(
    gdf: Any,
    *,
    kind: WeightsKind = "queen",
    k: int | None = None,
    threshold: float | None = None,
    bandwidth: float | None = None,
    kernel: KernelName | None = None,
    links: Literal["japan"] | Sequence[FixedLink] | None = None,
) -> SparseGraph:
    """Build a spatial graph (weights) over the rows of a GeoDataFrame.

    Ids are the GeoDataFrame's index (the JIS code for prefectures), in its order. Contiguity
    uses the geometries as they are. Distance-based kinds use polygon centroids in a projected
    CRS and measure in km: a geographic CRS (longitude/latitude, as bundled data) is reprojected
    to :data:`jregion.EQUAL_AREA_CRS`, a projected CRS in metres is used as it is. Weights are
    binary (1) except for ``kind="kernel"``; every statistic applies the transformation it
    needs (``graph.transform("r")`` gives row-standardised weights). The input is not modified.
    No kind imports libpysal; ``graph.to_libpysal()`` and ``graph.to_W()`` convert the result
    when a PySAL function needs it.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or geopandas.GeoSeries
        The units, one row each (unique index, no missing or empty geometry).
    kind : {"queen", "rook", "knn", "distance_band", "kernel"}
        Queen (shared vertex) or rook (shared edge) contiguity; ``k`` nearest neighbours;
        every unit within ``threshold`` km; or kernel weights with a fixed ``bandwidth`` in km.
    k : int, optional
        Number of neighbours, for ``kind="knn"`` only (``1 <= k < n``).
    threshold : float, optional
        Distance in km, for ``kind="distance_band"`` only: pairs at d <= threshold are
        linked. Units beyond it from all others become isolates. Distances are computed as
        ``scipy.spatial.cKDTree.query`` computes them, so the largest nearest-neighbour
        distance it reports, used as the threshold (or a kernel's bandwidth), leaves no unit
        an isolate.
    bandwidth : float, optional
        Kernel bandwidth in km, for ``kind="kernel"`` only: the same for every unit. Units
        with no other unit within it become isolates.
    kernel : str, optional
        Kernel function for ``kind="kernel"``; default ``"gaussian"``. These are libpysal's
        kernels of z = d / bandwidth, and the weights equal libpysal's
        ``Graph.build_kernel(points, kernel=kernel, bandwidth=bandwidth)`` on the same km
        centroids: ``"triangular"`` 1 - z, ``"parabolic"`` 3/4 (1 - z²), ``"bisquare"``
        15/16 (1 - z²)², ``"cosine"`` pi/4 cos(pi z / 2), ``"gaussian"`` exp(-z²/2) / sqrt(2 pi),
        ``"exponential"`` exp(-z), ``"boxcar"`` 1 for d < bandwidth. Every pair with
        d <= bandwidth is a link unless its weight is 0 (triangular, parabolic, bisquare and
        boxcar at d = bandwidth); pairs beyond get none (the gaussian and exponential are cut
        there). A unit is not its own neighbour; two units at the same point are neighbours.
        A pair at the bandwidth up to rounding is linked exactly as by ``kind="distance_band"``
        with that threshold; libpysal, whose distances come from scikit-learn, may decide such
        a tie the other way.
    links : "japan", sequence of FixedLink, or None
        Fixed links to add as binary neighbours in both directions. ``"japan"`` adds
        :func:`japan_links` (prefecture ids; integer ids 1..47 are matched too; a link with a
        prefecture absent from ``gdf`` is skipped and reported). Your own list of
        :class:`FixedLink` must use ids of the index (or prefecture codes on a prefecture
        index). Links are refused with ``kind="kernel"``, whose weights are not binary.
        Default None: no links. :func:`connectivity_report` lists what each link did. With
        ``kind="knn"`` a linked unit has more than ``k`` neighbours.

    Returns
    -------
    SparseGraph
        The graph, ids in the order of ``gdf.index`` (its name kept); units without neighbours
        are isolates; ``graph.links`` records what each fixed link did.

    Raises
    ------
    CRSError
        For distance-based kinds, if ``gdf`` has no CRS, a projected CRS not in metres, or a
        longitude/latitude CRS whose coordinates are not degrees.
    DuplicateKeyError
        If the index has duplicates.
    GeometryError
        If a geometry is missing, empty or invalid (the rows are named), if queen or rook is
        asked of points, or if knn meets two units with the same centroid.
    UnmatchedKeyError
        If a link of your own names an id that is not in the index.
    ValueError
        For a missing, invalid or unused parameter (for example a bandwidth that is not a
        positive number of km, or an unknown kernel name).
    TypeError
        If ``gdf`` is not a GeoDataFrame or GeoSeries, or ``threshold`` or ``bandwidth`` is not
        a number.

    Examples
    --------
    >>> import jregion
    >>> from jregion.weights import build_weights
    >>> prefs = jregion.load_prefectures()
    >>> queen = build_weights(prefs)
    >>> queen
    <SparseGraph of 47 units and 174 non-zero links, ids ['01', '02', '03', '04', '05', ...]>
    >>> queen.n_components, list(queen.isolates)
    (4, ['01', '47'])
    >>> linked = build_weights(prefs, links="japan")
    >>> linked.n_components, linked.neighbors("01")
    (1, ('02',))
    >>> knn = build_weights(prefs, kind="knn", k=3)
    >>> int(knn.cardinalities.max())
    3
    >>> tri = build_weights(prefs, kind="kernel", kernel="triangular", bandwidth=160.0)
    >>> list(tri.isolates), round(float(tri["13"]["14"]), 3)
    (['01', '47'], 0.699)
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    _check_unused(kind, k=k, threshold=threshold, bandwidth=bandwidth, kernel=kernel)
    gdf = _check_frame(gdf)
    ids = gdf.index
    link_list, preset = resolve_links(links)

    if kind in ("queen", "rook"):
        from jregion.weights._contiguity import contiguity_pairs

        _check_areal(gdf, kind)
        focal, neighbor = contiguity_pairs(gdf.geometry.to_numpy(), rook=kind == "rook")
        indptr = np.zeros(len(ids) + 1, dtype=np.int64)  # pairs come sorted and unique
        np.cumsum(np.bincount(focal, minlength=len(ids)), out=indptr[1:])
        csr = CSRWeights(indptr=indptr, indices=neighbor, data=np.ones(len(focal)))
    elif kind == "knn":
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k < len(gdf):
            raise ValueError(f"kind='knn' needs an integer k with 1 <= k < {len(gdf)}, got {k!r}")
        csr = _knn(_points_km(gdf), int(k), ids)
    elif kind == "distance_band":
        csr = _distance_band(_points_km(gdf), _positive("threshold", threshold, kind))
    else:
        if kernel is not None and kernel not in _KERNELS:
            raise ValueError(f"kernel must be one of {_KERNELS}, got {kernel!r}")
        if links is not None:
            raise ValueError(
                "links= adds binary neighbours and cannot be mixed with kernel weights; "
                "use kind='knn' or 'distance_band', or add the link weights yourself"
            )
        csr = kernel_weights(_points_km(gdf), kernel or "gaussian",
                             _positive("bandwidth", bandwidth, kind))
    record: LinkRecord = ()
    if link_list:
        edges = (list(ids[csr.rows]), list(ids[csr.indices]), csr.data.tolist())
        (f, nb, w), record = link_edges(ids, edges, link_list, preset=preset)
        rows, cols = ids.get_indexer(pd.Index(f)), ids.get_indexer(pd.Index(nb))
        csr = CSRWeights.from_coo(rows, cols, w, n=len(ids))
    return SparseGraph(ids, csr, links=record)
