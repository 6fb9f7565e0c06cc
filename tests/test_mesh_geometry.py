"""Mesh polygons and mesh_neighbors: arithmetic contiguity equals libpysal's geometric one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jregion
from jregion import (
    DuplicateKeyError,
    MeshCodeError,
    SparseGraph,
    mesh_bounds,
    mesh_children,
    mesh_neighbors,
    mesh_polygons,
    to_mesh,
)


def _block(lat: float, lon: float, level: int, half: int, keep: float, seed: int) -> pd.Index:
    """Codes of a (2 half) x (2 half) block of cells centred on a corner, some dropped, shuffled."""
    rng = np.random.default_rng(seed)
    probe = mesh_bounds(to_mesh(lat, lon, level)).iloc[0]
    dy, dx = probe["north"] - probe["south"], probe["east"] - probe["west"]
    ii, jj = np.meshgrid(np.arange(-half, half) + 0.5, np.arange(-half, half) + 0.5)
    codes = to_mesh(lat + ii.ravel() * dy, lon + jj.ravel() * dx, level)
    codes = codes[rng.random(len(codes)) < keep]
    return codes[rng.permutation(len(codes))]


def _pairs(graph: object) -> set[tuple[str, str]]:
    adj = graph.adjacency  # type: ignore[attr-defined]
    adj = adj[adj > 0]
    return set(zip(adj.index.get_level_values(0), adj.index.get_level_values(1), strict=True))


# Blocks straddling a 1st-level corner (and so 2nd-level and 1 km boundaries): 36 N = 54 / 1.5
# and 140 E for 1 km cells (3600 cells before dropping), 125 m cells around 42 N (63 / 1.5),
# 141 E, 10 km cells around 34.6667 N (52 / 1.5), 136 E.
BLOCKS = [
    (36.0, 140.0, 3, 30, 0.7, 1),
    (42.0, 141.0, 6, 20, 0.8, 2),
    (52 / 1.5, 136.0, 2, 8, 0.75, 3),
    (36.0, 140.0, 4, 20, 1.0, 4),
]


@pytest.mark.parametrize("kind", ["queen", "rook"])
@pytest.mark.parametrize(("lat", "lon", "level", "half", "keep", "seed"), BLOCKS)
def test_same_neighbours_as_libpysal_contiguity(
    lat: float, lon: float, level: int, half: int, keep: float, seed: int, kind: str
) -> None:
    from libpysal.graph import Graph

    codes = _block(lat, lon, level, half, keep, seed)
    assert len({c[:4] for c in codes}) == 4  # four 1st-level cells meet in the block
    graph = mesh_neighbors(codes, kind=kind)  # type: ignore[arg-type]
    assert isinstance(graph, SparseGraph)
    assert graph.unique_ids.tolist() == codes.tolist()  # input order
    polygons = mesh_polygons(codes)
    geometric = Graph.build_contiguity(polygons, rook=kind == "rook")
    assert _pairs(graph) == _pairs(geometric)
    assert len(_pairs(graph)) > (3 if kind == "queen" else 1.5) * len(codes) * keep


def test_absent_cells_are_not_neighbours_and_isolates_kept() -> None:
    g = mesh_neighbors(["53394611", "53394613", "53394699"], kind="rook")
    assert g.neighbors("53394611") == ()  # 53394612 between them is absent
    assert g.neighbors("53394699") == ()
    q = mesh_neighbors(["53394611", "53394622"], kind="queen")
    assert q.neighbors("53394611") == ("53394622",)  # corner
    assert mesh_neighbors(["53394611", "53394622"], kind="rook").neighbors("53394611") == ()


def test_across_level_boundaries_hand_worked() -> None:
    # 1 km cell 54390000 (SW corner of 1st-level 5439) and its neighbours to the south
    # (5339, row 7-9), west (5438, column 7-9) and south-west (5338)
    codes = ["54390000", "53397090", "54380709", "53387799", "54390001", "54390010"]
    g = mesh_neighbors(codes, kind="queen")
    assert set(g.neighbors("54390000")) == set(codes[1:])
    assert set(mesh_neighbors(codes, kind="rook").neighbors("54390000")) == {
        "53397090", "54380709", "54390001", "54390010"
    }


def test_graph_works_with_statistics() -> None:
    codes = mesh_children("533946", 3)
    values = pd.Series(np.arange(len(codes), dtype=float) % 10, index=codes)
    result = jregion.moran(values, mesh_neighbors(codes), permutations=0)
    assert np.isfinite(result.I)


def test_neighbour_errors() -> None:
    with pytest.raises(MeshCodeError, match="mixed levels"):
        mesh_neighbors(["53394611", "533946111"])
    with pytest.raises(DuplicateKeyError, match="duplicated mesh codes \\['53394611'\\]"):
        mesh_neighbors(["53394611", "53394612", "53394611"])
    with pytest.raises(MeshCodeError, match="unknown contiguity kind"):
        mesh_neighbors(["53394611"], kind="bishop")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    corner=st.sampled_from([(36.0, 140.0), (42.0, 141.0), (26.0, 127.0)]),
    level=st.integers(2, 6),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(["queen", "rook"]),
)
def test_neighbours_symmetric_and_touching(
    corner: tuple[float, float], level: int, seed: int, kind: str
) -> None:
    codes = _block(corner[0], corner[1], level, 4, 0.6, seed)
    if len(codes) == 0:
        return
    g = mesh_neighbors(codes, kind=kind)  # type: ignore[arg-type]
    pairs = _pairs(g)
    assert pairs == {(b, a) for a, b in pairs}
    b = mesh_bounds(codes)
    for a, c in pairs:
        ba, bc = b.loc[a], b.loc[c]
        ns = ba["north"] == bc["south"] or ba["south"] == bc["north"]
        ew = ba["east"] == bc["west"] or ba["west"] == bc["east"]
        same_row = ba["south"] == bc["south"]
        same_col = ba["west"] == bc["west"]
        assert (ns and same_col) or (ew and same_row) or (kind == "queen" and ns and ew)


def test_polygons_indexed_by_code() -> None:
    cells = mesh_polygons(pd.Index(["39272554", "53394611"]))
    assert cells.index.tolist() == ["39272554", "53394611"]
    assert cells.index.name == "mesh_code"
    assert cells.crs.to_epsg() == 4326
    assert (cells["level"] == 3).all()
    assert cells.geometry.iloc[1].bounds == (139.7625, 35.675, 139.775, 35.68333333333333)
    assert cells.geometry.iloc[1].area == pytest.approx((45 / 3600) * (30 / 3600))
