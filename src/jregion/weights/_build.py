"""build_weights: contiguity, k-nearest, distance-band and kernel graphs, plus fixed links."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from jregion.crs import EQUAL_AREA_CRS
from jregion.errors import CRSError, DuplicateKeyError, GeometryError, UnmatchedKeyError
from jregion.weights._links import FixedLink, japan_links

__all__ = [
    "INDEX_NAME_ATTR", "LINKS_ATTR", "LinkRecord", "build_weights", "graph_from_edges",
    "link_edges", "resolve_links",
]

WeightsKind = Literal["queen", "rook", "knn", "distance_band", "kernel"]
KernelName = Literal[
    "gaussian", "triangular", "parabolic", "bisquare", "cosine", "boxcar", "exponential"
]

#: What each fixed link did: (link, status, id_a, id_b), status "added", "already_adjacent"
#: or "skipped_missing_unit".
LinkRecord = tuple[tuple[FixedLink, str, Hashable, Hashable], ...]

#: Attribute of a Graph returned by build_weights that records its links and their status.
LINKS_ATTR = "_jregion_links"
#: Attribute that records the name of the GeoDataFrame's index (libpysal names it "focal").
INDEX_NAME_ATTR = "_jregion_index_name"

_KINDS = ("queen", "rook", "knn", "distance_band", "kernel")
_KERNELS = ("gaussian", "triangular", "parabolic", "bisquare", "cosine", "boxcar", "exponential")


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
    dup = gdf.index[gdf.index.duplicated()].unique()
    if len(dup):
        raise DuplicateKeyError(
            f"the index has duplicate ids {list(dup[:10])}; a spatial graph needs one row per "
            "unit: aggregate (dissolve) or drop the duplicates first"
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


def _points_km(gdf: Any) -> Any:
    """Centroids in kilometres of a projected CRS (EQUAL_AREA_CRS for geographic input)."""
    import geopandas as gpd
    import shapely

    if gdf.crs is None:
        raise CRSError(
            "the GeoDataFrame has no CRS, so distances cannot be measured; set it first, "
            "for example gdf.set_crs('EPSG:4326') for longitude/latitude"
        )
    projected = gdf.to_crs(EQUAL_AREA_CRS) if gdf.crs.is_geographic else gdf
    if not gdf.crs.is_geographic:
        unit = projected.crs.axis_info[0].unit_name if projected.crs.axis_info else ""
        if unit not in ("metre", "meter"):
            raise CRSError(
                f"the projected CRS has units {unit!r}, not metres; reproject first, for "
                "example gdf.to_crs(jregion.EQUAL_AREA_CRS)"
            )
    cent = projected.geometry.centroid
    pts = shapely.points(cent.x.to_numpy() / 1000.0, cent.y.to_numpy() / 1000.0)
    return gpd.GeoSeries(pts, index=gdf.index)


def _positive(name: str, value: float | None, kind: str) -> float:
    if value is None:
        raise ValueError(f"kind={kind!r} needs {name}= (in km)")
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
) -> Any:
    """Build a Graph over ``ids`` (in that order) from edges; units without edges are isolates.

    Parameters
    ----------
    ids : pandas.Index
        All unit ids, in the order the graph should keep.
    focal, neighbor : sequence
        Ids at both ends of each directed edge.
    weight : sequence of float
        Weight of each edge.

    Returns
    -------
    libpysal.graph.Graph
        The graph, with every id of ``ids``.

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.weights import graph_from_edges
    >>> g = graph_from_edges(pd.Index(["b", "a", "c"]), ["a", "b"], ["b", "a"], [1.0, 1.0])
    >>> list(g.unique_ids), list(g.isolates)
    (['b', 'a', 'c'], ['c'])
    """
    from libpysal.graph import Graph

    pos = pd.Series(np.arange(len(ids)), index=ids)
    edges = pd.DataFrame({"focal": list(focal), "neighbor": list(neighbor),
                          "weight": np.asarray(weight, dtype=float)})
    edges = edges[(edges["focal"] != edges["neighbor"]) | (edges["weight"] != 0)]
    lonely = ids.difference(pd.Index(edges["focal"]), sort=False)
    if len(lonely):
        edges = pd.concat(
            [edges, pd.DataFrame({"focal": lonely, "neighbor": lonely, "weight": 0.0})],
            ignore_index=True,
        )
    edges["_f"] = pos.loc[edges["focal"]].to_numpy()
    edges["_n"] = pos.loc[edges["neighbor"]].to_numpy()
    edges = edges.sort_values(["_f", "_n"], kind="stable")
    return Graph.from_arrays(
        edges["focal"].to_numpy(), edges["neighbor"].to_numpy(), edges["weight"].to_numpy()
    )


def _resolve(end: Hashable, ids: pd.Index, code_to_id: dict[str, Hashable]) -> Hashable | None:
    if end in ids:
        return end
    if isinstance(end, str) and end in code_to_id:
        return code_to_id[end]
    return None


def _code_map(ids: pd.Index) -> dict[str, Hashable]:
    """Map prefecture codes to the ids of the index, when the index is prefecture-like."""
    from jregion.codes import to_code

    out: dict[str, Hashable] = {}
    for i in ids:
        try:
            out[to_code(i)] = i
        except (ValueError, TypeError):
            return {}
    return out


def resolve_links(
    links: Literal["japan"] | Sequence[FixedLink] | None,
) -> tuple[list[FixedLink], bool]:
    """Check a ``links=`` argument; return the links and whether they are the Japan preset."""
    if links is None:
        return [], False
    if isinstance(links, str):
        if links != "japan":
            raise ValueError(f"links must be 'japan', a list of FixedLink or None, got {links!r}")
        return list(japan_links()), True
    bad = [x for x in links if not isinstance(x, FixedLink)]
    if bad:
        raise TypeError(
            f"links must hold FixedLink objects, got {type(bad[0]).__name__}; "
            "build them with jregion.weights.FixedLink(name, pair, kind, source)"
        )
    return list(links), False


def link_edges(
    ids: pd.Index,
    edges: tuple[list[Hashable], list[Hashable], list[float]],
    links: Sequence[FixedLink],
    *,
    preset: bool,
) -> tuple[tuple[list[Hashable], list[Hashable], list[float]], LinkRecord]:
    """Add fixed links to directed edge lists ``(focal, neighbor, weight)``; record each link."""
    code_to_id = _code_map(ids) if any(e not in ids for lk in links for e in lk.pair) else {}
    if preset and not code_to_id and any(e not in ids for lk in links for e in lk.pair):
        raise UnmatchedKeyError(
            "links='japan' needs an index of prefecture codes ('01'..'47' or 1..47); "
            f"this index starts {list(ids[:3])}. Set the index to the JIS code first"
        )
    focal, neighbor, weight = list(edges[0]), list(edges[1]), list(edges[2])
    present = {(f, n) for f, n, w in zip(focal, neighbor, weight, strict=True) if w != 0}
    record = []
    for link in links:
        a, b = (_resolve(e, ids, code_to_id) for e in link.pair)
        if a is None or b is None:
            missing = [e for e, r in zip(link.pair, (a, b), strict=True) if r is None]
            if not preset:
                raise UnmatchedKeyError(
                    f"link {link.name!r} joins {missing} which are not in the index; "
                    "use ids of the GeoDataFrame's index"
                )
            record.append((link, "skipped_missing_unit", a, b))
            continue
        if (a, b) in present and (b, a) in present:
            record.append((link, "already_adjacent", a, b))
            continue
        for f, n in ((a, b), (b, a)):
            if (f, n) not in present:
                focal.append(f)
                neighbor.append(n)
                weight.append(1.0)
                present.add((f, n))
        record.append((link, "added", a, b))
    return (focal, neighbor, weight), tuple(record)


def build_weights(
    gdf: Any,
    *,
    kind: WeightsKind = "queen",
    k: int | None = None,
    threshold: float | None = None,
    bandwidth: float | None = None,
    kernel: KernelName | None = None,
    links: Literal["japan"] | Sequence[FixedLink] | None = None,
) -> Any:
    """Build a spatial graph (weights) over the rows of a GeoDataFrame.

    Ids are the GeoDataFrame's index (the JIS code for prefectures), in its order. Contiguity
    uses the geometries as they are. Distance-based kinds use polygon centroids in a projected
    CRS and measure in km: a geographic CRS (longitude/latitude, as bundled data) is reprojected
    to :data:`jregion.EQUAL_AREA_CRS`, a projected CRS in metres is used as it is. Weights are
    binary (1) except for ``kind="kernel"``; transform them (``graph.transform("r")``) as the
    statistic needs. The input is not modified.

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
        Distance in km, for ``kind="distance_band"`` only. Units beyond it from all others
        become isolates.
    bandwidth : float, optional
        Kernel bandwidth in km, for ``kind="kernel"`` only.
    kernel : str, optional
        Kernel function for ``kind="kernel"``; default ``"gaussian"``. These are libpysal's
        kernels of z = d / bandwidth (``"triangular"`` is 1 - z, ``"gaussian"`` is
        exp(-z²/2) / sqrt(2 pi)); a unit is not its own neighbour.
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
    libpysal.graph.Graph
        The graph, ids in the order of ``gdf.index``; units without neighbours are isolates.

    Raises
    ------
    CRSError
        For distance-based kinds, if ``gdf`` has no CRS or a projected CRS not in metres.
    DuplicateKeyError
        If the index has duplicates.
    GeometryError
        If a geometry is missing or empty.
    UnmatchedKeyError
        If a link of your own names an id that is not in the index.
    ValueError
        For a missing, invalid or unused parameter.

    Examples
    --------
    >>> import jregion
    >>> from jregion.weights import build_weights
    >>> prefs = jregion.load_prefectures()
    >>> queen = build_weights(prefs)
    >>> int(queen.n_components), list(queen.isolates)
    (4, ['01', '47'])
    >>> linked = build_weights(prefs, links="japan")
    >>> int(linked.n_components), sorted(linked["01"].index)
    (1, ['02'])
    >>> knn = build_weights(prefs, kind="knn", k=3)
    >>> int(knn.cardinalities.max())
    3
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    _check_unused(kind, k=k, threshold=threshold, bandwidth=bandwidth, kernel=kernel)
    gdf = _check_frame(gdf)
    ids = gdf.index
    link_list, preset = resolve_links(links)
    from libpysal.graph import Graph

    if kind in ("queen", "rook"):
        graph = Graph.build_contiguity(gdf.geometry, rook=kind == "rook")
    elif kind == "knn":
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k < len(gdf):
            raise ValueError(f"kind='knn' needs an integer k with 1 <= k < {len(gdf)}, got {k!r}")
        graph = Graph.build_knn(_points_km(gdf), k=int(k))
    elif kind == "distance_band":
        graph = Graph.build_distance_band(
            _points_km(gdf), _positive("threshold", threshold, kind), binary=True
        )
    else:
        if kernel is not None and kernel not in _KERNELS:
            raise ValueError(f"kernel must be one of {_KERNELS}, got {kernel!r}")
        if links is not None:
            raise ValueError(
                "links= adds binary neighbours and cannot be mixed with kernel weights; "
                "use kind='knn' or 'distance_band', or add the link weights yourself"
            )
        graph = Graph.build_kernel(
            _points_km(gdf), kernel=kernel or "gaussian",
            bandwidth=_positive("bandwidth", bandwidth, kind),
        )
    # Keep the caller's row order whatever the builder did.
    if not pd.Index(graph.unique_ids).equals(ids):
        adj = graph.adjacency
        graph = graph_from_edges(
            ids, adj.index.get_level_values("focal"), adj.index.get_level_values("neighbor"),
            adj.to_numpy(dtype=float),
        )
    record: LinkRecord = ()
    if link_list:
        adj = graph.adjacency
        edges = (list(adj.index.get_level_values("focal")),
                 list(adj.index.get_level_values("neighbor")), list(adj.to_numpy(dtype=float)))
        edges, record = link_edges(ids, edges, link_list, preset=preset)
        graph = graph_from_edges(ids, *edges)
    setattr(graph, LINKS_ATTR, record)
    setattr(graph, INDEX_NAME_ATTR, ids.name)
    return graph
