"""The cell index alone, against plain shapely predicates on hand-made polygons."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from jregion.points._cells import build_cell_index


def _reference(polys: list[shapely.Geometry], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Lowest polygon containing the point; else lowest whose boundary it is on; else -1."""
    out = np.full(x.size, -1)
    for i in range(x.size):
        p = shapely.Point(x[i], y[i])
        inside = [k for k, g in enumerate(polys) if g.contains(p)]
        touch = [k for k, g in enumerate(polys) if g.intersects(p)]
        out[i] = (inside or touch or [-1])[0]
    return out


@pytest.fixture(scope="module")
def polys() -> list[shapely.Geometry]:
    west = shapely.box(139.0, 35.0, 140.0, 36.0)  # shares the lon-140 edge with east
    east = shapely.box(140.0, 35.0, 141.0, 36.0)
    ring = shapely.box(141.5, 35.0, 142.5, 36.0).difference(shapely.box(141.8, 35.3, 142.2, 35.7))
    islands = shapely.MultiPolygon(
        [shapely.box(143.0, 35.0, 143.01, 35.01), shapely.box(143.5, 35.5, 143.6, 35.53)]
    )
    diagonal = shapely.Polygon([(139.0, 36.0), (141.0, 36.0), (141.0, 37.0)])  # north of both
    return [west, east, ring, islands, diagonal]


def test_random_points_match_shapely(polys: list[shapely.Geometry]) -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(138.5, 144.0, 4000)
    y = rng.uniform(34.5, 37.5, 4000)
    index = build_cell_index(np.array(polys, dtype=object))
    got, on_border = index.locate(x, y)
    assert got.tolist() == _reference(polys, x, y).tolist()
    assert not on_border.any()


def test_points_on_grid_lines_edges_vertices_and_in_the_hole(
    polys: list[shapely.Geometry],
) -> None:
    # every 1 km grid line crossing the shapes (exact multiples of 1/80 and 1/120 degree),
    # the shared edge, the hole's edge and inside, corners and vertices
    gx = np.arange(139.0 * 80, 144.0 * 80 + 1, 7) / 80
    gy = np.arange(35.0 * 120, 37.0 * 120 + 1, 5) / 120
    xx, yy = np.meshgrid(gx, gy)
    extra = np.array(
        [
            (140.0, 35.5), (140.0, 36.0), (139.0, 35.0), (141.0, 36.0), (140.0, 35.0),
            (141.8, 35.5), (142.0, 35.5), (142.2, 35.7), (143.0, 35.0), (143.005, 35.005),
            (143.6, 35.53), (140.5, 36.25), (140.0, 36.5),
        ]
    )
    x = np.concatenate([xx.ravel(), extra[:, 0]])
    y = np.concatenate([yy.ravel(), extra[:, 1]])
    index = build_cell_index(np.array(polys, dtype=object))
    got, on_border = index.locate(x, y)
    expected = _reference(polys, x, y)
    assert got.tolist() == expected.tolist()
    contained = np.array(
        [any(g.contains(shapely.Point(a, b)) for g in polys) for a, b in zip(x, y, strict=True)]
    )
    assert on_border.tolist() == ((expected >= 0) & ~contained).tolist()
    # the shared edge goes to the lower position (west); the hole's edge to the ring, its
    # inside to nobody
    assert got[-13] == 0
    assert (got[-8], on_border[-8]) == (2, True)
    assert got[-7] == -1


def test_nan_and_far_points_are_outside(polys: list[shapely.Geometry]) -> None:
    index = build_cell_index(np.array(polys, dtype=object))
    got, _ = index.locate(np.array([np.nan, 0.0, 139.5, 200.0]), np.array([35.5, 0.0, np.nan, 35]))
    assert got.tolist() == [-1, -1, -1, -1]
