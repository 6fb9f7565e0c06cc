"""GraphLike and as_graph: the one place where every accepted weights form becomes a SparseGraph.

Every statistic, regression and LQ function takes ``graph: GraphLike`` and calls
:func:`as_graph` first, so that each accepts the same inputs and says the same thing when
given something else:

* a :class:`~jregion.weights.SparseGraph` (returned as it is);
* a :class:`libpysal.graph.Graph` (ids: ``unique_ids``);
* a legacy :class:`libpysal.weights.W` (ids: ``id_order``; its current transform is kept);
* a scipy sparse matrix or array with its ids, as a ``(matrix, ids)`` pair (so it can pass
  through a statistic's single ``graph`` argument) or as ``as_graph(matrix, ids=ids)``.
  A matrix without ids is refused: rows matched by position to a table's rows would be a
  silent mistake whenever the table is in another order.

libpysal is never imported here: an object can only be a libpysal Graph or W if libpysal is
already loaded, so the check looks in :data:`sys.modules`.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Sequence
from typing import Any, Protocol, TypeAlias, runtime_checkable

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion.errors import UnmatchedKeyError
from jregion.weights._csr import CSRWeights
from jregion.weights._links import INDEX_NAME_ATTR, LINKS_ATTR
from jregion.weights._sparse import SparseGraph

__all__ = ["GraphLike", "LibpysalGraphLike", "LibpysalWLike", "SparseMatrixLike", "as_graph"]


@runtime_checkable
class SparseMatrixLike(Protocol):
    """What jregion reads from a scipy sparse matrix or array."""

    @property
    def shape(self) -> tuple[int, ...]: ...

    def tocsr(self) -> Any: ...


@runtime_checkable
class LibpysalGraphLike(Protocol):
    """What jregion reads from a :class:`libpysal.graph.Graph`."""

    @property
    def unique_ids(self) -> Any: ...

    @property
    def sparse(self) -> Any: ...


@runtime_checkable
class LibpysalWLike(Protocol):
    """What jregion reads from a legacy :class:`libpysal.weights.W`."""

    @property
    def id_order(self) -> Any: ...

    @property
    def sparse(self) -> Any: ...


#: Anything a statistic accepts as spatial weights; :func:`as_graph` converts it.
GraphLike: TypeAlias = (
    SparseGraph
    | LibpysalGraphLike
    | LibpysalWLike
    | tuple[SparseMatrixLike | CSRWeights, pd.Index | Sequence[Hashable]]
)


def _is_scipy(obj: object) -> bool:
    sp = sys.modules.get("scipy.sparse")
    return sp is not None and bool(sp.issparse(obj))


def _libpysal_class(obj: object) -> str | None:
    """'Graph' or 'W' if ``obj`` is one of libpysal's (without importing libpysal)."""
    graph_mod, w_mod = sys.modules.get("libpysal.graph"), sys.modules.get("libpysal.weights")
    if graph_mod is not None and isinstance(obj, graph_mod.Graph):
        return "Graph"
    if w_mod is not None and isinstance(obj, w_mod.W):
        return "W"
    return None


def _canonical_adjacency(adjacency: pd.Series) -> tuple[pd.Index, CSRWeights] | None:
    """Read a libpysal Graph's ids and weights from its adjacency's codes, or give None.

    libpysal keeps the adjacency in canonical order: focal by focal and, within a focal,
    neighbour by neighbour, both in the order of the ids, which are also the order of both
    MultiIndex levels. Then the level codes are the CSR positions: reading them takes about
    1 ms at 90,000 units, where the first ``Graph.unique_ids`` and ``Graph.sparse`` take
    about 60 ms. Anything else (levels that differ, rows out of order, a repeated pair, a
    missing label) gives None, and the caller reads the adjacency by its labels.
    """
    index = adjacency.index
    if not isinstance(index, pd.MultiIndex) or index.nlevels != 2 or index.size == 0:
        return None
    ids = index.levels[0]
    if not index.levels[1].equals(ids):
        return None
    focal, neighbor = (np.asarray(codes, dtype=np.int64) for codes in index.codes)
    step = np.diff(focal)
    in_order = (
        focal[0] == 0
        and focal[-1] == len(ids) - 1
        and bool(((step == 0) | (step == 1)).all())  # every id is a focal, in id order
        and not bool(((step == 0) & (np.diff(neighbor) <= 0)).any())  # sorted, no repeats
        and int(neighbor.min()) >= 0  # -1 codes a missing label
    )
    if not in_order:
        return None
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(focal, minlength=len(ids)), out=indptr[1:])
    return ids, CSRWeights(indptr=indptr, indices=neighbor, data=adjacency.to_numpy(np.float64))


def _labelled_adjacency(adjacency: pd.Series) -> tuple[pd.Index, CSRWeights]:
    """Read a libpysal Graph's adjacency in any order, by its labels.

    The ids are the focal labels in order of first appearance (libpysal's ``unique_ids``);
    each link's row and column are looked up by label. (libpysal's own ``sparse`` follows
    the level codes instead, so a Graph built with ``is_sorted=True`` on an adjacency that
    was not sorted paired the ids with the wrong rows.)
    """
    check_unique(adjacency.index, what="the libpysal Graph's adjacency",
                 kind="(focal, neighbor) pairs", fix="keep one row per pair")
    focal = adjacency.index.get_level_values(0)
    neighbor = adjacency.index.get_level_values(1)
    ids = focal.unique()
    cols = ids.get_indexer(neighbor)
    if (cols < 0).any():
        stray = neighbor[cols < 0].unique()[:5].tolist()
        raise UnmatchedKeyError(
            f"the libpysal Graph links to {stray}, which are not focal ids; libpysal needs "
            "every id as a focal (an isolate as a zero-weight self-link): rebuild the Graph "
            "with one of its constructors"
        )
    csr = CSRWeights.from_coo(ids.get_indexer(focal), cols, adjacency.to_numpy(np.float64),
                              n=len(ids))
    return ids, csr


def as_graph(
    graph: GraphLike | SparseMatrixLike, *, ids: pd.Index | Sequence[Hashable] | None = None
) -> SparseGraph:
    """Convert any accepted weights form to a :class:`SparseGraph` (the ids stay as given).

    Parameters
    ----------
    graph : SparseGraph, libpysal Graph or W, or (scipy sparse matrix, ids)
        The weights. A scipy matrix needs its ids: pass ``(matrix, ids)`` or ``ids=``.
    ids : pandas.Index or sequence, optional
        Ids of the rows of a scipy matrix given alone; refused with any other form (those
        carry their ids).

    Returns
    -------
    SparseGraph
        The same object for a SparseGraph; otherwise a new one (weights copied, as they were,
        untransformed; a libpysal W keeps the weights of its current ``transform``).

    Raises
    ------
    TypeError
        For any other object, or a scipy matrix without ids.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from jregion.weights import as_graph
    >>> g = as_graph((sp.csr_array([[0, 1], [1, 0]]), ["a", "b"]))
    >>> g.neighbors("a")
    ('b',)
    >>> as_graph(sp.csr_array([[0, 1], [1, 0]]))
    Traceback (most recent call last):
    ...
    TypeError: a scipy sparse matrix needs its ids: pass (matrix, ids) or as_graph(matrix, ids=ids)
    """
    if isinstance(graph, SparseGraph) and ids is None:
        return graph
    if isinstance(graph, tuple) and len(graph) == 2 and ids is None:
        matrix, pair_ids = graph
        if isinstance(matrix, CSRWeights) or _is_scipy(matrix):
            return SparseGraph(pd.Index(list(pair_ids)), matrix)
    if isinstance(graph, CSRWeights) or _is_scipy(graph):
        if ids is None:
            raise TypeError(
                "a scipy sparse matrix needs its ids: pass (matrix, ids) or "
                "as_graph(matrix, ids=ids)"
            )
        return SparseGraph(ids if isinstance(ids, pd.Index) else pd.Index(list(ids)), graph)
    if ids is not None:
        raise TypeError(
            f"ids= is for a scipy sparse matrix only; a {type(graph).__name__} carries its ids"
        )
    kind = _libpysal_class(graph)
    if kind == "Graph":
        g: Any = graph
        adjacency = g.adjacency
        read = _canonical_adjacency(adjacency)
        unique_ids, csr = read if read is not None else _labelled_adjacency(adjacency)
        name = getattr(g, INDEX_NAME_ATTR, unique_ids.name)
        # libpysal stores an isolate as a zero-weight self-link; a SparseGraph stores nothing
        return SparseGraph(pd.Index(unique_ids, name=name), csr.select(csr.data != 0),
                           links=getattr(g, LINKS_ATTR, ()))
    if kind == "W":
        w: Any = graph
        return SparseGraph(pd.Index(list(w.id_order)), w.sparse)
    raise TypeError(
        f"spatial weights must be a jregion SparseGraph, a libpysal Graph or W, or a "
        f"(scipy sparse matrix, ids) pair, got {type(graph).__name__}; build one with "
        "jregion.weights.build_weights(gdf) or jregion.weights.prefecture_graph()"
    )
