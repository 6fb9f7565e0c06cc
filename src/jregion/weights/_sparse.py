"""SparseGraph: weights as a CSR matrix keyed by ids, and the bundled prefecture preset.

``libpysal.graph`` takes 2-4 s to import on a small machine (it pulls in scikit-learn and
scipy.stats). The statistics of :mod:`jregion.autocorrelation` need only ids and a sparse
matrix, so :func:`prefecture_graph` builds the prefecture preset from two bundled tables
without libpysal (or scipy), and :meth:`SparseGraph.to_graph` gives the libpysal Graph when
it is wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from jregion.errors import DuplicateKeyError
from jregion.weights._build import (
    INDEX_NAME_ATTR,
    LINKS_ATTR,
    LinkRecord,
    graph_from_edges,
    link_edges,
    resolve_links,
)
from jregion.weights._csr import CSRWeights
from jregion.weights._links import FixedLink

if TYPE_CHECKING:
    import scipy.sparse

__all__ = ["SparseGraph", "as_libpysal", "is_graph", "prefecture_graph"]

#: Statuses of data/reference/adjacency.csv that are borders on land (queen contiguity of the
#: bundled boundaries gives exactly these 87 pairs; tests/test_boundaries.py checks it).
_LAND = ("land_border", "land_border_contested_island_only")


@dataclass(frozen=True, eq=False, init=False)
class SparseGraph:
    """Spatial weights as a square sparse matrix whose rows and columns follow ``unique_ids``.

    Every jregion statistic accepts it where it accepts a :class:`libpysal.graph.Graph`;
    :meth:`to_graph` converts it (importing libpysal) for everything else. The weights are
    held in numpy (:class:`~jregion.weights.CSRWeights`), so the local statistics on a
    SparseGraph never import scipy.

    Parameters
    ----------
    unique_ids : pandas.Index or sequence
        Unit ids, unique, in matrix order.
    sparse : scipy sparse matrix or CSRWeights
        Weights, ``sparse[i, j]`` the weight of neighbour ``j`` for focal unit ``i``
        (copied; duplicate entries are summed).
    links : tuple
        What each fixed link did, as recorded by :func:`jregion.weights.build_weights`
        (:func:`~jregion.weights.connectivity_report` lists them).
    csr : CSRWeights, keyword-only
        The same, under the field's name, so that ``dataclasses.replace(graph, links=())``
        works; give ``sparse`` or ``csr``, not both.

    Attributes
    ----------
    unique_ids : pandas.Index
    csr : CSRWeights
        The weights in canonical CSR form (sorted columns, no duplicates).
    links : tuple

    Examples
    --------
    >>> from jregion.weights import prefecture_graph
    >>> g = prefecture_graph()
    >>> g.n, g.csr.nnz, g.neighbors("01")
    (47, 184, ('02',))
    """

    unique_ids: pd.Index
    csr: CSRWeights
    links: LinkRecord

    def __init__(
        self,
        unique_ids: pd.Index | Sequence[Hashable],
        sparse: Any = None,
        links: LinkRecord = (),
        *,
        csr: CSRWeights | None = None,
    ) -> None:
        ids = unique_ids if isinstance(unique_ids, pd.Index) else pd.Index(list(unique_ids))
        if (sparse is None) == (csr is None):
            raise TypeError(
                "pass the weights once, as sparse= (a scipy matrix or CSRWeights) or csr= "
                "(which dataclasses.replace uses)"
            )
        sparse = csr if sparse is None else sparse
        scipy_sparse = sys.modules.get("scipy.sparse")  # not loaded: it cannot be a scipy matrix
        if isinstance(sparse, CSRWeights):
            csr = sparse.canonical()
            if csr is sparse:  # copy, so later edits of the caller's arrays do not leak in
                csr = CSRWeights(sparse.indptr.copy(), sparse.indices.copy(), sparse.data.copy())
        elif scipy_sparse is not None and scipy_sparse.issparse(sparse):
            csr = CSRWeights.from_scipy(sparse)
        else:
            raise TypeError(
                f"sparse must be a scipy sparse matrix or a CSRWeights, got "
                f"{type(sparse).__name__}; wrap it, e.g. scipy.sparse.csr_array(dense)"
            )
        if csr.n != len(ids):
            raise ValueError(
                f"sparse must be a square matrix with one row per id ({len(ids)}), "
                f"got shape {csr.shape}"
            )
        if ids.has_duplicates:
            dup = ids[ids.duplicated()].unique()[:5].tolist()
            raise DuplicateKeyError(f"unique_ids has duplicates {dup}; one id per unit")
        object.__setattr__(self, "unique_ids", ids)
        object.__setattr__(self, "csr", csr)
        object.__setattr__(self, "links", tuple(links))

    @property
    def sparse(self) -> scipy.sparse.csr_array:
        """The weights as a new :class:`scipy.sparse.csr_array` (imports scipy).

        Each access builds a new matrix: editing it does not change the graph; build a new
        SparseGraph from the edited matrix instead.
        """
        return self.csr.to_scipy()

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.unique_ids)

    def neighbors(self, unit: Hashable) -> tuple[Hashable, ...]:
        """Ids of the units with a non-zero weight for ``unit``, in matrix order."""
        if unit not in self.unique_ids:
            first = list(self.unique_ids[:3])
            raise KeyError(f"{unit!r} is not an id of this graph (its ids start {first})")
        i = cast(int, self.unique_ids.get_loc(unit))  # an int: the ids are unique
        lo, hi = self.csr.indptr[i], self.csr.indptr[i + 1]
        cols = self.csr.indices[lo:hi][self.csr.data[lo:hi] != 0]
        return tuple(self.unique_ids[cols])

    @property
    def adjacency(self) -> pd.Series:
        """Edges as libpysal's ``Graph.adjacency``: weight indexed by (focal, neighbor).

        Units without neighbours appear once, as a self-edge of weight 0 (libpysal's
        convention for isolates).
        """
        keep = self.csr.data != 0
        rows, cols, data = self.csr.rows[keep], self.csr.indices[keep], self.csr.data[keep]
        lonely = np.setdiff1d(np.arange(self.n), rows)
        rows = np.concatenate([rows, lonely])
        cols = np.concatenate([cols, lonely])
        data = np.concatenate([data, np.zeros(len(lonely))])
        order = np.lexsort((cols, rows))
        index = pd.MultiIndex.from_arrays(
            [self.unique_ids[rows[order]], self.unique_ids[cols[order]]],
            names=["focal", "neighbor"],
        )
        return pd.Series(data[order].astype(np.float64), index=index, name="weight")

    def to_graph(self) -> Any:
        """Return the same weights as a :class:`libpysal.graph.Graph` (imports libpysal).

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> graph = prefecture_graph().to_graph()
        >>> type(graph).__name__, int(graph.n_components)
        ('Graph', 1)
        """
        adj = self.adjacency
        graph = graph_from_edges(
            pd.Index(self.unique_ids), adj.index.get_level_values("focal").tolist(),
            adj.index.get_level_values("neighbor").tolist(), adj.to_numpy(dtype=float).tolist(),
        )
        setattr(graph, LINKS_ATTR, self.links)
        setattr(graph, INDEX_NAME_ATTR, self.unique_ids.name)
        return graph


def is_graph(graph: Any) -> bool:
    """Whether ``graph`` is a SparseGraph or looks like a libpysal Graph (ids + ``sparse``).

    A SparseGraph is recognised without touching ``sparse``, which would build a scipy matrix.
    """
    return isinstance(graph, SparseGraph) or all(
        hasattr(graph, a) for a in ("unique_ids", "sparse")
    )


def as_libpysal(graph: Any) -> Any:
    """Return ``graph`` as a libpysal Graph: a :class:`SparseGraph` is converted, others kept."""
    return graph.to_graph() if isinstance(graph, SparseGraph) else graph


def prefecture_graph(
    *, links: Literal["japan"] | Sequence[FixedLink] | None = "japan"
) -> SparseGraph:
    """Queen contiguity of the 47 prefectures plus fixed links, without importing libpysal.

    The land borders come from the bundled reference table of neighbouring prefectures
    (``dataset_info("adjacency")``), which queen contiguity of the bundled boundaries reproduces
    exactly. The result has the same ids, neighbours and link record as
    ``build_weights(load_prefectures(), kind="queen", links=links)``, in a few milliseconds.

    Parameters
    ----------
    links : "japan", sequence of FixedLink, or None
        As in :func:`jregion.weights.build_weights`; default ``"japan"`` (:func:`japan_links`:
        Seikan, Kanmon, Akashi-Kaikyo/Onaruto, Seto-Ohashi, Shimanami, Okinawa-Kagoshima).
        None gives land borders only (Hokkaido and Okinawa are then isolates).

    Returns
    -------
    SparseGraph
        Binary weights over the JIS codes ``'01'``..``'47'`` (index name ``pref_code``).

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.weights import prefecture_graph
    >>> density = np.log(jregion.load_indicator("population", year=2015)["population"]
    ...                  / jregion.load_indicator("area")["area_km2"])
    >>> lisa = jregion.local_moran(density, prefecture_graph(), seed=1)
    >>> lisa.cluster["13"]
    'High-High'
    """
    from jregion._manifest import path_of
    from jregion.codes import PREFECTURE_CODES

    link_list, preset = resolve_links(links)
    ids = pd.Index(list(PREFECTURE_CODES), name="pref_code")
    table = pd.read_csv(path_of("adjacency"), dtype=str, encoding="utf-8")
    land = table[table["status"].isin(_LAND)]
    a, b = land["pref_a"].tolist(), land["pref_b"].tolist()
    edges: tuple[list[Hashable], list[Hashable], list[float]] = (
        [*a, *b], [*b, *a], [1.0] * (2 * len(a))
    )
    (focal, neighbor, weight), record = link_edges(ids, edges, link_list, preset=preset)
    rows, cols = ids.get_indexer(pd.Index(focal)), ids.get_indexer(pd.Index(neighbor))
    matrix = CSRWeights.from_coo(rows, cols, weight, n=len(ids))
    return SparseGraph(ids, matrix, links=record)
