"""Queen and rook contiguity from shared vertices or edges, with shapely and numpy alone.

The rule is libpysal's default (``Graph.build_contiguity(..., strict=False)``): two
geometries are queen neighbours when they have a vertex with exactly equal (x, y)
coordinates, rook neighbours when they have an edge (two consecutive vertices of one part)
with exactly equal end points, in either direction. Holes count; a geometry is never its
own neighbour; nothing is snapped or buffered. libpysal hashes each vertex in a Python loop;
here all vertices (or edges) are sorted once with :func:`numpy.lexsort` and runs of equal
keys give the neighbours, which finds exact matches without a spatial index (an STRtree
query would only give candidate pairs that still need their vertices compared).

As in libpysal, the rook edges run between consecutive coordinates of one exploded part, so
the step from the end of a polygon's exterior ring to the start of its first hole is an edge
too (it almost never coincides with another unit's edge).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["contiguity_pairs"]

IntArray = npt.NDArray[np.int64]


def _shared(keys: list[npt.NDArray[Any]], owner: IntArray) -> tuple[IntArray, IntArray]:
    """Ordered pairs of distinct owners whose rows have equal ``keys`` (vertices or edges).

    One :func:`numpy.lexsort` by (keys, owner); consecutive rows then give the runs of equal
    keys, and a unit whose several rows sit on one key (a ring's closing vertex) counts once.
    """
    order = np.lexsort([owner, *keys])
    if order.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    new_run = np.zeros(order.size, dtype=bool)
    new_run[0] = True
    for k in keys:
        s = k[order]
        new_run[1:] |= s[1:] != s[:-1]
    own = owner[order]
    first_of_owner = new_run.copy()
    first_of_owner[1:] |= own[1:] != own[:-1]
    run = (np.cumsum(new_run) - 1)[first_of_owner]
    own = own[first_of_owner]
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    sizes = np.diff(np.r_[starts, run.size])
    shared = sizes > 1
    if not shared.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    # Keep only the runs with two or more owners, then pair every member with every member.
    own = own[np.repeat(shared, sizes)]
    sizes = sizes[shared]
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    size_of_row = np.repeat(sizes, sizes)
    start_of_row = np.repeat(starts, sizes)
    focal = np.repeat(np.arange(own.size), size_of_row)
    offset = np.arange(focal.size) - np.repeat(np.cumsum(size_of_row) - size_of_row, size_of_row)
    other = np.repeat(start_of_row, size_of_row) + offset
    a, b = own[focal], own[other]
    keep = a != b
    return a[keep].astype(np.int64), b[keep].astype(np.int64)


def contiguity_pairs(geoms: Any, *, rook: bool) -> tuple[IntArray, IntArray]:
    """Directed neighbour pairs (positions) of an array of (multi)polygons or lines.

    Parameters
    ----------
    geoms : array of shapely geometries
        Valid, non-empty geometries, one per unit.
    rook : bool
        Shared edges (True) or shared vertices (False).

    Returns
    -------
    (focal, neighbor) : two int64 arrays
        Each unordered pair appears twice (i, j) and (j, i), once each, sorted by (focal,
        neighbor).

    Examples
    --------
    >>> import shapely
    >>> cells = shapely.box([0, 1, 2], [0, 1, 0], [1, 2, 3], [1, 2, 1])
    >>> [p.tolist() for p in contiguity_pairs(cells, rook=False)]
    [[0, 1, 1, 2], [1, 0, 2, 1]]
    >>> [p.tolist() for p in contiguity_pairs(cells, rook=True)]
    [[], []]
    """
    import shapely

    arr = np.asarray(geoms, dtype=object)
    if rook:
        parts, part_owner = shapely.get_parts(arr, return_index=True)
        xy, part = shapely.get_coordinates(parts, return_index=True)
        xy = xy + 0.0  # -0.0 and 0.0 are one coordinate (as in libpysal's tuple hashing)
        same_part = part[1:] == part[:-1]
        p, q = xy[:-1][same_part], xy[1:][same_part]
        owner = np.asarray(part_owner, dtype=np.int64)[part[:-1][same_part]]
        # Orient each edge (lowest end point first, by x then y) so both directions match.
        swap = (p[:, 0] > q[:, 0]) | ((p[:, 0] == q[:, 0]) & (p[:, 1] > q[:, 1]))
        lo = np.where(swap[:, None], q, p)
        hi = np.where(swap[:, None], p, q)
        keys = [hi[:, 1], hi[:, 0], lo[:, 1], lo[:, 0]]
    else:
        xy, owner = shapely.get_coordinates(arr, return_index=True)
        xy = xy + 0.0
        owner = owner.astype(np.int64)
        keys = [xy[:, 1], xy[:, 0]]
    focal, neighbor = _shared(keys, np.asarray(owner, dtype=np.int64))
    # Each pair once: sort and drop repeats (np.unique's hash path is slow on these codes).
    width = max(len(arr), 1)
    code = np.sort(focal * width + neighbor)
    code = code[np.r_[True, code[1:] != code[:-1]]] if code.size else code
    return code // width, code % width
