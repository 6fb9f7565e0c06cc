"""Contiguity of mesh cells by arithmetic on their grid positions (no geometry)."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from jregion.errors import DuplicateKeyError, MeshCodeError
from jregion.mesh._grid import parse_codes, str_index

__all__ = ["mesh_neighbors"]

_ROOK = ((-1, 0), (1, 0), (0, -1), (0, 1))
_QUEEN = (*_ROOK, (-1, -1), (-1, 1), (1, -1), (1, 1))
#: Grid columns are below 54 * 640 at every level, so ``row * _STRIDE + col`` is one key.
_STRIDE = 1 << 16


def mesh_neighbors(codes: Any, kind: Literal["queen", "rook"] = "queen") -> Any:
    """Build the contiguity graph of mesh cells from their codes, by arithmetic.

    Two cells are rook neighbours when they share an edge and queen neighbours when they
    share an edge or a corner. Cells are found by their row and column on the global mesh
    grid, so neighbours across 2nd- and 1st-level boundaries are found like any other, and
    no polygon is built. Cells that are not among ``codes`` are simply not neighbours
    (a cell with none is an isolate).

    Parameters
    ----------
    codes : array-like, pandas.Index or pandas.Series
        Distinct codes of one level (validated with :func:`mesh_level`).
    kind : {"queen", "rook"}, default "queen"
        Shared corner or edge ("queen"), or shared edge only ("rook").

    Returns
    -------
    jregion.SparseGraph
        Binary weights; ``unique_ids`` are the codes in input order (an Index of str named
        ``mesh_code``). Every jregion statistic accepts it; ``to_graph()`` gives a
        libpysal Graph.

    Raises
    ------
    MeshCodeError
        For invalid codes or codes of mixed levels, or an unknown ``kind``.
    DuplicateKeyError
        If a code occurs twice.

    Examples
    --------
    >>> import jregion
    >>> g = jregion.mesh_neighbors(["53394611", "53394612", "53394621", "53394699"])
    >>> g.neighbors("53394611"), g.neighbors("53394699")
    (('53394612', '53394621'), ())
    >>> # across a 1st-level boundary: row 7-9 of 5339 lies just south of row 0-0 of 5439
    >>> jregion.mesh_neighbors(["53397090", "54390000"], kind="rook").neighbors("53397090")
    ('54390000',)
    """
    from jregion.weights import CSRWeights, SparseGraph

    if kind not in ("queen", "rook"):
        raise MeshCodeError(f"unknown contiguity kind {kind!r}; use 'queen' or 'rook'")
    arr, _, row, col = parse_codes(codes)
    ids = str_index(arr)
    n = len(ids)
    key = row * _STRIDE + col
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    if n > 1 and (sorted_key[1:] == sorted_key[:-1]).any():
        dup = ids[ids.duplicated()].unique()[:5].tolist()
        raise DuplicateKeyError(f"duplicated mesh codes {dup}; aggregate them first")
    offsets = _QUEEN if kind == "queen" else _ROOK
    # Look the neighbours up in key order (sorted queries: cache-friendly binary search), and
    # write them into one slot per direction of each cell's row in input order; a cell has
    # at most 8 neighbours, so sorting the slots of each row gives canonical CSR directly,
    # with no sort of all the links.
    slots = np.full((n, len(offsets)), n, dtype=np.int64)  # n = empty slot
    for d, (dr, dc) in enumerate(offsets):
        target = sorted_key + (dr * _STRIDE + dc)
        pos = np.searchsorted(sorted_key, target)
        np.minimum(pos, n - 1, out=pos)
        found = sorted_key[pos] == target
        slots[order[found], d] = order[pos[found]]
    slots.sort(axis=1)
    filled = slots < n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(filled.sum(axis=1), out=indptr[1:])
    indices = slots[filled]
    csr = CSRWeights(indptr=indptr, indices=indices, data=np.ones(indices.size))
    return SparseGraph(ids, csr)
