"""CSRWeights: a square sparse weights matrix in compressed-row form, in numpy alone.

``import scipy.sparse`` costs about 0.2 s with scipy 1.17 (most of it scipy's array-API
layer importing numpy.f2py and numpy.testing). The local statistics on a bundled graph need
only a few row-wise operations (lags, row sums, the links as coordinates), so they run on
this type and a short script never imports scipy. :meth:`CSRWeights.to_scipy` gives the
scipy matrix for everything else (global statistics, regression, graph algorithms).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse

__all__ = ["PYTHON_COMPONENTS_MAX_LINKS", "CSRWeights", "weak_component_labels"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Up to this many stored links, components are found by a union-find in Python (about 20 ms
#: at the limit); above it, by scipy.sparse.csgraph, whose import alone costs about 0.25 s,
#: more than a small check and a 47-prefecture LISA together.
PYTHON_COMPONENTS_MAX_LINKS = 20_000


def weak_component_labels(indptr: npt.ArrayLike, indices: npt.ArrayLike) -> IntArray:
    """Label the weakly connected components of a CSR graph by union-find in Python.

    Labels run 0, 1, ... in the order in which each component's first unit appears.
    """
    ptr = np.asarray(indptr, dtype=np.int64)
    n = len(ptr) - 1
    parent = list(range(n))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]  # path halving
            a = parent[a]
        return a

    rows = np.repeat(np.arange(n), np.diff(ptr))
    for a, b in zip(rows.tolist(), np.asarray(indices).tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    return _by_first_appearance(np.array([root(a) for a in range(n)], dtype=np.int64))


def _by_first_appearance(labels: npt.ArrayLike) -> IntArray:
    """Renumber labels 0, 1, ... in the order in which each first appears."""
    _, first, inverse = np.unique(np.asarray(labels), return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse.ravel()]


@dataclass(frozen=True, eq=False)
class CSRWeights:
    """An ``n x n`` weights matrix in canonical CSR form (sorted, no duplicate entries).

    Build it with :meth:`from_coo` or :meth:`from_scipy`, which sum duplicate entries and
    sort the columns of each row; the constructor itself checks the shapes only
    (:meth:`canonical` sorts and sums afterwards, and :class:`SparseGraph` calls it).

    Attributes
    ----------
    indptr : numpy.ndarray
        ``n + 1`` row offsets into ``indices`` and ``data``.
    indices : numpy.ndarray
        Column of each stored entry.
    data : numpy.ndarray
        Weight of each stored entry (float64).

    Examples
    --------
    >>> w = CSRWeights.from_coo([0, 1, 1, 2], [1, 0, 2, 1], [1.0, 1.0, 1.0, 1.0], n=3)
    >>> w.n, w.nnz, w.row_sums().tolist()
    (3, 4, [1.0, 2.0, 1.0])
    >>> w.lag(np.array([1.0, 2.0, 3.0])).tolist()
    [2.0, 4.0, 2.0]
    """

    indptr: IntArray
    indices: IntArray
    data: FloatArray

    def __post_init__(self) -> None:
        for name, dtype in (("indptr", np.int64), ("indices", np.int64), ("data", np.float64)):
            object.__setattr__(self, name, np.ascontiguousarray(getattr(self, name), dtype=dtype))
        if self.indptr.ndim != 1 or self.indptr.size == 0 or self.indptr[0] != 0:
            raise ValueError("indptr must be a 1-D array of n + 1 offsets starting at 0")
        if (np.diff(self.indptr) < 0).any():
            raise ValueError("indptr must not decrease (row i holds indptr[i]:indptr[i + 1])")
        if self.indices.shape != self.data.shape or self.indices.size != self.indptr[-1]:
            raise ValueError(
                f"indices ({self.indices.size}) and data ({self.data.size}) must both hold "
                f"indptr[-1] = {int(self.indptr[-1])} entries"
            )
        if self.indices.size and (self.indices.min() < 0 or self.indices.max() >= self.n):
            raise ValueError(f"column indices must lie in 0..{self.n - 1}")

    @classmethod
    def from_coo(
        cls, rows: npt.ArrayLike, cols: npt.ArrayLike, data: npt.ArrayLike, *, n: int
    ) -> CSRWeights:
        """Build from coordinates; entries at the same (row, col) are summed, as in scipy."""
        raw_r, raw_c = np.asarray(rows), np.asarray(cols)
        for name, arr in (("rows", raw_r), ("cols", raw_c)):
            if arr.size and not np.issubdtype(arr.dtype, np.integer):
                raise TypeError(
                    f"{name} must hold integer positions, got dtype {arr.dtype}; convert ids "
                    "to positions first, e.g. ids.get_indexer(labels)"
                )
        r = raw_r.astype(np.int64)
        c = raw_c.astype(np.int64)
        d = np.asarray(data, dtype=np.float64)
        if not r.shape == c.shape == d.shape or r.ndim != 1:
            raise ValueError("rows, cols and data must be 1-D arrays of the same length")
        if r.size and (min(r.min(), c.min()) < 0 or max(r.max(), c.max()) >= n):
            raise ValueError(f"row and column indices must lie in 0..{n - 1}")
        order = np.lexsort((c, r))
        r, c, d = r[order], c[order], d[order]
        if r.size:
            first = np.ones(r.size, dtype=bool)
            first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
            starts = np.flatnonzero(first)
            d = np.add.reduceat(d, starts)
            r, c = r[starts], c[starts]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
        return cls(indptr=indptr, indices=c, data=d)

    @classmethod
    def from_scipy(cls, matrix: Any) -> CSRWeights:
        """Build from any square scipy sparse matrix or array (copied, made canonical)."""
        import scipy.sparse as sp

        # float64 before any summing: repeats of a small integer dtype would overflow
        csr = sp.csr_array(matrix.astype(np.float64))  # astype copies, keeping any repeats
        if csr.shape[0] != csr.shape[1]:
            raise ValueError(f"the weights matrix must be square, got shape {csr.shape}")
        csr.sum_duplicates()  # sorts the columns and sums repeats (a no-op when canonical)
        return cls(indptr=csr.indptr, indices=csr.indices, data=csr.data)

    @property
    def n(self) -> int:
        """Number of rows (and columns)."""
        return int(self.indptr.size - 1)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n, n)``."""
        return self.n, self.n

    @property
    def nnz(self) -> int:
        """Number of stored entries."""
        return int(self.indices.size)

    @functools.cached_property
    def rows(self) -> IntArray:
        """Row of each stored entry (the coordinate form's ``row``; computed once)."""
        return np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.indptr))

    def lag(self, v: npt.ArrayLike) -> FloatArray:
        """Return ``W @ v`` for a vector ``v`` of length ``n``."""
        x = np.asarray(v, dtype=np.float64)
        if x.shape != (self.n,):
            raise ValueError(f"v must have shape ({self.n},), got {x.shape}")
        return self.row_totals(self.data * x[self.indices])

    def row_totals(self, values: FloatArray, rows: IntArray | None = None) -> FloatArray:
        """Sum one value per stored entry by row (``rows`` defaults to :attr:`rows`)."""
        at = self.rows if rows is None else rows
        return np.asarray(np.bincount(at, weights=values, minlength=self.n), dtype=np.float64)

    def row_sums(self) -> FloatArray:
        """Return the sum of each row's weights."""
        return self.row_totals(self.data)

    def row_sums_of_squares(self) -> FloatArray:
        """Return the sum of each row's squared weights."""
        return self.row_totals(self.data * self.data)

    def diagonal(self) -> FloatArray:
        """Return the diagonal (self-weights)."""
        rows = self.rows
        on = rows == self.indices
        return self.row_totals(self.data[on], rows[on])

    def component_labels(self) -> IntArray:
        """Label the weakly connected components (stored zeros count as links; drop them first).

        Python union-find up to :data:`PYTHON_COMPONENTS_MAX_LINKS` links, else
        scipy.sparse.csgraph; labels are renumbered by first appearance either way.
        """
        if self.nnz <= PYTHON_COMPONENTS_MAX_LINKS:
            return weak_component_labels(self.indptr, self.indices)
        from scipy.sparse.csgraph import connected_components

        _, raw = connected_components(self.to_scipy(), directed=True, connection="weak")
        return _by_first_appearance(raw)

    def canonical(self) -> CSRWeights:
        """Return the matrix with sorted columns and no repeated entries (self if it is)."""
        rows, cols = self.rows, self.indices
        same_row = rows[1:] == rows[:-1]
        if not (same_row & (cols[1:] <= cols[:-1])).any():
            return self
        return CSRWeights.from_coo(rows, cols, self.data, n=self.n)

    def select(self, keep: npt.NDArray[np.bool_]) -> CSRWeights:
        """Return the matrix with only the stored entries where ``keep`` is True."""
        counts = np.bincount(self.rows[keep], minlength=self.n)
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return CSRWeights(indptr=indptr, indices=self.indices[keep], data=self.data[keep])

    def with_data(self, data: npt.ArrayLike) -> CSRWeights:
        """Return the same structure with new weights."""
        return CSRWeights(indptr=self.indptr, indices=self.indices, data=np.asarray(data))

    def to_scipy(self) -> scipy.sparse.csr_array:
        """Return the matrix as a :class:`scipy.sparse.csr_array` (imports scipy)."""
        import scipy.sparse as sp

        canon = self.canonical()
        out = sp.csr_array(
            (canon.data.copy(), canon.indices.copy(), canon.indptr.copy()), shape=self.shape
        )
        out.has_sorted_indices = True  # true: canonical() sorted them
        return out
