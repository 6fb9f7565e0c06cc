"""SparseGraph, jregion's one spatial-weights type, and the bundled prefecture preset.

``libpysal.graph`` takes 2-4 s to import on a small machine (it pulls in scikit-learn and
scipy.stats). The statistics of :mod:`jregion.autocorrelation` need only ids and a sparse
matrix, so every jregion builder returns a SparseGraph (ids + CSR arrays in numpy + the
record of fixed links) and nothing here imports libpysal or scipy until a conversion out
(:meth:`SparseGraph.to_libpysal`, :meth:`~SparseGraph.to_W`, :meth:`~SparseGraph.to_scipy`)
is asked for. :func:`prefecture_graph` builds the prefecture preset from two bundled tables.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion.weights._csr import CSRWeights
from jregion.weights._links import (
    INDEX_NAME_ATTR,
    LINKS_ATTR,
    FixedLink,
    LinkRecord,
    link_edges,
    resolve_links,
)

if TYPE_CHECKING:
    import scipy.sparse

__all__ = ["SparseGraph", "prefecture_graph"]

#: Statuses of data/reference/adjacency.csv that are borders on land (queen contiguity of the
#: bundled boundaries gives exactly these 87 pairs; tests/test_boundaries.py checks it).
_LAND = ("land_border", "land_border_contested_island_only")


@dataclass(frozen=True, eq=False, init=False)
class SparseGraph:
    """Spatial weights as a square sparse matrix whose rows and columns follow ``unique_ids``.

    jregion's one weights type: :func:`~jregion.weights.build_weights`,
    :func:`~jregion.weights.prefecture_graph` and the other builders return it, and every
    statistic takes it (or any other :data:`~jregion.weights.GraphLike`, converted by
    :func:`~jregion.weights.as_graph`). Immutable: :meth:`transform` and :meth:`subgraph`
    return new graphs. Out: :meth:`to_libpysal` (a libpysal ``Graph``), :meth:`to_W`,
    :meth:`to_scipy` and :meth:`to_frame` (the adjacency list). The weights are held in numpy
    (:class:`~jregion.weights.CSRWeights`), so the local statistics on a SparseGraph never
    import scipy.

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
        check_unique(ids, what="unique_ids", kind="ids", fix="one id per unit")
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
        i = self._position(unit)
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

    # -- libpysal-style views -------------------------------------------------------------

    def __getitem__(self, unit: Hashable) -> pd.Series:
        """Weights of ``unit``'s neighbours, indexed by neighbour id (as ``Graph[unit]``)."""
        i = self._position(unit)
        lo, hi = self.csr.indptr[i], self.csr.indptr[i + 1]
        keep = self.csr.data[lo:hi] != 0
        return pd.Series(
            self.csr.data[lo:hi][keep],
            index=pd.Index(self.unique_ids[self.csr.indices[lo:hi][keep]], name="neighbor"),
            name="weight",
        )

    def __repr__(self) -> str:
        first = ", ".join(repr(i) for i in self.unique_ids[:5])
        more = ", ..." if self.n > 5 else ""
        return (f"<SparseGraph of {self.n} units and {int((self.csr.data != 0).sum())} non-zero "
                f"links, ids [{first}{more}]>")

    def _position(self, unit: Hashable) -> int:
        if unit not in self.unique_ids:
            first = list(self.unique_ids[:3])
            raise KeyError(f"{unit!r} is not an id of this graph (its ids start {first})")
        return cast(int, self.unique_ids.get_loc(unit))  # an int: the ids are unique

    @property
    def cardinalities(self) -> pd.Series:
        """Number of neighbours (non-zero weights) of each unit, indexed by id."""
        nonzero = np.bincount(self.csr.rows[self.csr.data != 0], minlength=self.n)
        return pd.Series(nonzero.astype(np.int64), index=self.unique_ids, name="cardinalities")

    @property
    def isolates(self) -> pd.Index:
        """Ids of the units without neighbours, in graph order."""
        lonely: pd.Index = self.unique_ids[self.cardinalities.to_numpy() == 0]
        return lonely

    @property
    def component_labels(self) -> pd.Series:
        """Connected component of each unit (0, 1, ... by first appearance), indexed by id."""
        labels = self.csr.select(self.csr.data != 0).component_labels()
        return pd.Series(labels, index=self.unique_ids, name="component labels")

    @property
    def n_components(self) -> int:
        """Number of connected components (an isolate is one)."""
        return int(self.component_labels.max()) + 1 if self.n else 0

    def transform(self, how: Literal["r", "b"]) -> SparseGraph:
        """Return the graph with row-standardised (``"r"``) or binary (``"b"``) weights.

        The ids and the link record are kept; isolates keep no weight.

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> prefecture_graph().transform("r")["13"].round(2).to_dict()
        {'11': 0.25, '12': 0.25, '14': 0.25, '19': 0.25}
        """
        w = self.csr.select(self.csr.data != 0)
        if how == "b":
            data = np.ones(w.nnz)
        elif how == "r":
            sums = w.row_sums()
            data = w.data / sums[w.rows]
        else:
            raise ValueError(f"how must be 'r' (row-standardised) or 'b' (binary), got {how!r}")
        return SparseGraph(self.unique_ids, csr=w.with_data(data), links=self.links)

    def asymmetry(self) -> pd.Series:
        """Links whose reverse link has a different weight (empty when symmetric).

        Returns the ``(focal, neighbor)`` pairs, as libpysal's ``Graph.asymmetry()``.
        """
        w = self.csr.select(self.csr.data != 0)
        fwd = pd.Series(w.data, index=pd.MultiIndex.from_arrays([w.rows, w.indices]))
        back = pd.Series(w.data, index=pd.MultiIndex.from_arrays([w.indices, w.rows]))
        both = fwd.index.union(back.index)
        diff = fwd.reindex(both, fill_value=0.0) != back.reindex(both, fill_value=0.0)
        bad = both[diff.to_numpy()]
        return pd.Series(
            self.unique_ids[bad.get_level_values(1)],
            index=pd.Index(self.unique_ids[bad.get_level_values(0)], name="focal"),
            name="neighbor",
        )

    def subgraph(self, ids: pd.Index | Sequence[Hashable]) -> SparseGraph:
        """Return the graph over ``ids`` only, in that order (links to others are dropped).

        Also reorders: ``graph.subgraph(df.index)`` aligns a graph to a table's rows. Fixed
        links with both ends kept stay in the record.

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> kyushu = prefecture_graph().subgraph(["40", "41", "42", "43", "44", "45", "46", "47"])
        >>> kyushu.n, kyushu.n_components, [lk.name for lk, *_ in kyushu.links]
        (8, 1, ['Okinawa-Kagoshima (nearest neighbour)'])
        """
        keep = pd.Index(ids)
        pos = self.unique_ids.get_indexer(keep)
        if (pos < 0).any() or keep.has_duplicates:
            missing = keep[pos < 0][:5].tolist()
            raise KeyError(f"ids must be unique ids of this graph; not in it: {missing}")
        new_of_old = np.full(self.n, -1, dtype=np.int64)
        new_of_old[pos] = np.arange(len(keep))
        r, c = new_of_old[self.csr.rows], new_of_old[self.csr.indices]
        inside = (r >= 0) & (c >= 0)
        csr = CSRWeights.from_coo(r[inside], c[inside], self.csr.data[inside], n=len(keep))
        kept = set(keep)
        links = tuple(rec for rec in self.links if rec[2] in kept and rec[3] in kept)
        return SparseGraph(keep.rename(self.unique_ids.name), csr=csr, links=links)

    def equals(self, other: SparseGraph) -> bool:
        """Return whether ``other`` has the same ids, in the same order, and the same weights.

        Stored zeros (such as libpysal's zero self-link of an isolate) are not links.
        """
        if not isinstance(other, SparseGraph) or not self.unique_ids.equals(other.unique_ids):
            return False
        a = self.csr.select(self.csr.data != 0)
        b = other.csr.select(other.csr.data != 0)
        return all(np.array_equal(x, y) for x, y in (
            (a.indptr, b.indptr), (a.indices, b.indices), (a.data, b.data)))

    # -- conversions out -----------------------------------------------------------------------

    def to_scipy(self) -> scipy.sparse.csr_array:
        """Return the weights as a new :class:`scipy.sparse.csr_array` (rows in id order)."""
        return self.csr.to_scipy()

    def to_frame(self) -> pd.DataFrame:
        """Return the adjacency list: columns ``focal``, ``neighbor``, ``weight``.

        One row per non-zero link, in graph order; an isolate appears once as a self-link of
        weight 0 (libpysal's convention), so every id is listed and ``as_graph`` of the frame
        (with the same ids) gives the graph back.

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> prefecture_graph(links=None).to_frame().head(3)
          focal neighbor  weight
        0    01       01     0.0
        1    02       03     1.0
        2    02       05     1.0
        """
        return self.adjacency.reset_index()

    def to_libpysal(self) -> Any:
        """Return the same weights as a :class:`libpysal.graph.Graph` (imports libpysal).

        The ids keep their order; isolates stay (as libpysal's zero self-links).

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> graph = prefecture_graph().to_libpysal()
        >>> type(graph).__name__, int(graph.n_components)
        ('Graph', 1)
        """
        from libpysal.graph import Graph

        adj = self.adjacency
        graph = Graph.from_arrays(
            adj.index.get_level_values("focal").to_numpy(),
            adj.index.get_level_values("neighbor").to_numpy(),
            adj.to_numpy(dtype=float),
        )
        setattr(graph, LINKS_ATTR, self.links)
        setattr(graph, INDEX_NAME_ATTR, self.unique_ids.name)
        return graph

    def to_graph(self) -> Any:
        """Alias of :meth:`to_libpysal`, kept for code written before it."""
        return self.to_libpysal()

    def to_W(self) -> Any:  # noqa: N802 (libpysal's name)
        """Return the same weights as a legacy :class:`libpysal.weights.W` (imports libpysal).

        ``id_order`` is the graph's id order; isolates are kept with no neighbours.

        Examples
        --------
        >>> from jregion.weights import prefecture_graph
        >>> w = prefecture_graph().to_W()
        >>> w.n, w.neighbors["01"]
        (47, ['02'])
        """
        import warnings

        from libpysal.weights import W

        neighbors: dict[Hashable, list[Hashable]] = {i: [] for i in self.unique_ids}
        weights: dict[Hashable, list[float]] = {i: [] for i in self.unique_ids}
        keep = self.csr.data != 0
        for r, c, d in zip(self.unique_ids[self.csr.rows[keep]],
                           self.unique_ids[self.csr.indices[keep]],
                           self.csr.data[keep].tolist(), strict=True):
            neighbors[r].append(c)
            weights[r].append(d)
        with warnings.catch_warnings():  # W warns about islands; connectivity_report says it
            warnings.simplefilter("ignore")
            return W(neighbors, weights, id_order=list(self.unique_ids), silence_warnings=True)


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
