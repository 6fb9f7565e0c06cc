"""A lon/lat cell index over a polygon layer: which polygon holds each point.

The mechanism (hand-written here because the benchmark shows a large gain over
``geopandas.sjoin``; see ``benchmarks/bench_scale.py``):

1. A quadtree over a regular lon/lat grid is refined from coarse cells down to
   the finest cell size (by default the JIS 1 km mesh, 45" x 30"). At each level
   shapely classifies every cell: no polygon touches it (outside), one polygon
   holds it in its interior (``contains_properly``), or it touches a boundary.
   Only boundary cells are split further.
2. The result is one dense ``int32`` array at the finest level: the polygon's
   position, ``-1`` for outside, or ``-2 - k`` for boundary cell ``k``, whose
   candidate polygons are kept in a CSR list.
3. A point is looked up by array indexing. Points in boundary cells are tested
   exactly against their cell's candidates with ``shapely.contains_xy``
   (prepared polygon parts); points no candidate contains are tested with
   ``shapely.intersects_xy`` (they lie on a boundary).

Cells are classified with boxes grown by ``_PAD`` degrees (about 0.1 mm), so a
point whose cell index is off by floating-point rounding at a cell edge still
gets the right answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely

__all__ = ["CellIndex", "build_cell_index"]

_PAD = 1e-9
OUTSIDE = -1


@dataclass(frozen=True)
class CellIndex:
    """Dense cell grid over a polygon layer (see the module docstring)."""

    x0: float
    y0: float
    dx: float
    dy: float
    cells: np.ndarray  # (ny, nx) int32
    cand_ptr: np.ndarray  # (n_boundary + 1,) int64
    cand_part: np.ndarray  # candidate polygon parts, ascending within a cell
    parts: np.ndarray  # single-part polygons, prepared
    part_owner: np.ndarray  # position of each part's polygon in the layer

    @property
    def n_boundary_cells(self) -> int:
        """Number of finest cells that touch a polygon boundary."""
        return int(self.cand_ptr.size - 1)

    def locate(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return each point's polygon position (``-1`` if none) and whether it lies on a border.

        A point inside several polygons gets the lowest position; a point in no
        polygon's interior but on a boundary gets the lowest position among the
        polygons whose boundary it lies on (``on_border`` True). NaN coordinates
        give ``-1``.
        """
        ny, nx = self.cells.shape
        fx = np.floor((x - self.x0) / self.dx)
        fy = np.floor((y - self.y0) / self.dy)
        # min/max are NaN if any coordinate is, so the fast path needs all points on the grid
        if x.size and fx.min() >= 0 and fx.max() < nx and fy.min() >= 0 and fy.max() < ny:
            out = self.cells[fy.astype(np.intp), fx.astype(np.intp)]
        else:
            with np.errstate(invalid="ignore"):
                ok = (fx >= 0) & (fx < nx) & (fy >= 0) & (fy < ny)
            out = np.full(x.shape, OUTSIDE, dtype=np.int32)
            out[ok] = self.cells[fy[ok].astype(np.intp), fx[ok].astype(np.intp)]
        on_border = np.zeros(x.shape, dtype=bool)
        pending = np.flatnonzero(out <= -2)
        if pending.size:
            self._exact(x, y, out, on_border, pending)
        return out, on_border

    def _exact(
        self,
        x: np.ndarray,
        y: np.ndarray,
        out: np.ndarray,
        on_border: np.ndarray,
        pending: np.ndarray,
    ) -> None:
        cell = -2 - out[pending].astype(np.int64)
        starts = self.cand_ptr[cell]
        counts = self.cand_ptr[cell + 1] - starts
        # one row per (pending point, candidate part) pair; `local` numbers the pending points
        local = np.repeat(np.arange(pending.size), counts)
        offs = np.arange(local.size) - np.repeat(np.cumsum(counts) - counts, counts)
        part = self.cand_part[np.repeat(starts, counts) + offs]
        px, py = x[pending][local], y[pending][local]
        hit = self._test(shapely.contains_xy, part, px, py)
        best = _lowest(local, self.part_owner[part], hit, pending.size)
        left = np.flatnonzero(best < 0)
        if left.size:
            keep = np.isin(local, left)
            hit = np.zeros(local.size, dtype=bool)
            hit[keep] = self._test(shapely.intersects_xy, part[keep], px[keep], py[keep])
            border = _lowest(local, self.part_owner[part], hit, pending.size)
            best[left] = border[left]
            on_border[pending[left]] = border[left] >= 0
        out[pending] = best

    def _test(
        self, pred: Callable[..., np.ndarray], part: np.ndarray, px: np.ndarray, py: np.ndarray
    ) -> np.ndarray:
        """Evaluate ``pred(parts[part[i]], px[i], py[i])``, one vectorised call per part."""
        hit = np.zeros(part.size, dtype=bool)
        order = np.argsort(part, kind="stable")
        sorted_part = part[order]
        uniq, first = np.unique(sorted_part, return_index=True)
        last = np.append(first[1:], part.size)
        for p, a, b in zip(uniq.tolist(), first.tolist(), last.tolist(), strict=True):
            sel = order[a:b]
            hit[sel] = pred(self.parts[p], px[sel], py[sel])
        return hit


def _lowest(pt: np.ndarray, owner: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    """Per point, the lowest owner with a hit, or -1."""
    none = np.iinfo(np.int32).max
    best = np.full(n, none, dtype=np.int64)
    np.minimum.at(best, pt[hit], owner[hit])
    best[best == none] = OUTSIDE
    return best.astype(np.int32)


def _fill(
    cells: np.ndarray,
    jx: np.ndarray,
    jy: np.ndarray,
    size: int,
    which: np.ndarray,
    owner: np.ndarray,
) -> None:
    """Write each cell's owner into its ``size`` x ``size`` block of finest cells."""
    if size == 1:
        cells[jy[which], jx[which]] = owner[which]
        return
    for k in which.tolist():
        cells[jy[k] * size : (jy[k] + 1) * size, jx[k] * size : (jx[k] + 1) * size] = owner[k]


def build_cell_index(
    polygons: np.ndarray,
    *,
    dx: float = 1 / 80,
    dy: float = 1 / 120,
    levels: int = 6,
) -> CellIndex:
    """Build a :class:`CellIndex` over lon/lat polygons.

    Parameters
    ----------
    polygons : numpy.ndarray of shapely geometries
        Polygons or MultiPolygons in EPSG:4326, in code order (position = answer).
    dx, dy : float
        Finest cell size in degrees (default: the JIS 1 km mesh, 45" x 30").
    levels : int
        Number of quadtree splits from the coarsest cells (``2**levels`` finest
        cells a side) down to the finest.

    Returns
    -------
    CellIndex
    """
    geoms = np.asarray(polygons, dtype=object)
    parts, owner_of_part = shapely.get_parts(geoms, return_index=True)
    shapely.prepare(parts)
    tree = shapely.STRtree(parts)
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    # align the grid origin to the cell size (to the JIS mesh for the default size)
    x0 = np.floor(xmin / dx) * dx
    y0 = np.floor(ymin / dy) * dy
    f = 2**levels
    ncx = int(np.ceil((xmax - x0) / (dx * f))) + 1
    ncy = int(np.ceil((ymax - y0) / (dy * f))) + 1
    cells = np.full((ncy * f, ncx * f), OUTSIDE, dtype=np.int32)
    jy, jx = np.divmod(np.arange(ncx * ncy, dtype=np.int64), ncx)
    for level in range(levels + 1):
        size = f >> level  # finest cells per side of a cell at this level
        bx, by = x0 + jx * size * dx, y0 + jy * size * dy
        boxes = shapely.box(bx - _PAD, by - _PAD, bx + size * dx + _PAD, by + size * dy + _PAD)
        # envelope query, then exact tests with the prepared parts as the first argument
        bi, pi = tree.query(boxes)
        touch = shapely.intersects(parts[pi], boxes[bi])
        bi, pi = bi[touch], pi[touch]
        inside = shapely.contains_properly(parts[pi], boxes[bi])
        n_hits = np.bincount(bi, minlength=boxes.size)
        n_inside = np.bincount(bi[inside], minlength=boxes.size)
        # one part touches the cell and holds it in its interior
        sole = (n_hits == 1) & (n_inside == 1)
        owner = np.full(boxes.size, OUTSIDE, dtype=np.int64)
        owner[bi[inside]] = owner_of_part[pi[inside]]
        _fill(cells, jx, jy, size, np.flatnonzero(sole), owner)
        border = np.flatnonzero((n_hits > 0) & ~sole)
        if level < levels:
            # split each boundary cell into its four children
            jx = np.repeat(jx[border] * 2, 4) + np.tile([0, 1, 0, 1], border.size)
            jy = np.repeat(jy[border] * 2, 4) + np.tile([0, 0, 1, 1], border.size)
            continue
    # finest level: keep the candidate parts of each boundary cell, ascending within a cell
    keep = np.isin(bi, border)
    bi_k, pi_k = bi[keep], pi[keep]
    order = np.lexsort((pi_k, bi_k))
    counts = np.bincount(bi_k, minlength=boxes.size)[border]
    cells[jy[border], jx[border]] = (-2 - np.arange(border.size)).astype(np.int32)
    cand_ptr = np.zeros(border.size + 1, dtype=np.int64)
    np.cumsum(counts, out=cand_ptr[1:])
    return CellIndex(
        x0=float(x0),
        y0=float(y0),
        dx=float(dx),
        dy=float(dy),
        cells=cells,
        cand_ptr=cand_ptr,
        cand_part=pi_k[order].astype(np.int64),
        parts=parts,
        part_owner=owner_of_part.astype(np.int64),
    )
