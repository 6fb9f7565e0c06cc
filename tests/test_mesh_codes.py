"""Mesh codes (JIS X 0410): known codes, jismesh on random points, edges, properties, errors."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jregion
from jregion import (
    MeshCodeError,
    mesh_bounds,
    mesh_centres,
    mesh_children,
    mesh_level,
    mesh_parent,
    to_mesh,
)

LEVELS = [1, 2, 3, 4, 5, 6]
NAMES = ["80km", "10km", "1km", "500m", "250m", "125m"]


# Known codes ---------------------------------------------------------------------------
# From the test suite of the R package jpmesh (uribo/jpmesh, tests/testthat/
# test-coords_to_mesh.R), an independent implementation; (lon, lat) there, (lat, lon) here.
# Points that lie exactly on an edge there (133.9125 = 133 + 73/80) are tested below instead.
JPMESH_CASES = [
    (34.0, 133.0, 1, "5133"),
    (34.583333, 133.875, 2, "513367"),  # 133.875 is a 10 km edge: the cell to the east
    (35.67917, 139.7688, 3, "53394611"),  # Tokyo Station
    (36.07917, 140.1062, 3, "54400098"),  # Tsukuba
    (35.70078, 139.71475, 3, "53394547"),
    (35.70078, 139.71475, 4, "533945471"),
    (35.442788, 139.301255, 4, "533912341"),
    (35.442893, 139.310654, 5, "5339123422"),
    (35.448767, 139.301706, 5, "5339123433"),
    (35.449011, 139.311340, 5, "5339123444"),
]


@pytest.mark.parametrize(("lat", "lon", "level", "code"), JPMESH_CASES)
def test_known_codes_from_jpmesh(lat: float, lon: float, level: int, code: str) -> None:
    assert to_mesh(lat, lon, level) == code
    assert to_mesh(lat, lon, NAMES[level - 1]) == code
    assert mesh_level(code) == level


def test_first_level_worked_example() -> None:
    # Worked example of the 1st-level rule (Gikosha, 標準メッシュの体系とコード,
    # http://www.gikosha.co.jp/fig_blog/mesh.html): south edge 35°20' -> (35 + 20/60) * 1.5
    # = 53, west edge 139° -> 39, code 5339; its 2nd-level cell 3rd row from the south and
    # 4th column from the west is 533923, and the south-east 5 km quarter of it 5339232.
    b = mesh_bounds("5339").iloc[0]
    assert b["south"] == pytest.approx(35 + 20 / 60)
    assert b["west"] == 139.0
    assert b["north"] == pytest.approx(36.0)
    assert b["east"] == 140.0
    b2 = mesh_bounds("533923").iloc[0]
    assert b2["south"] == pytest.approx(35 + 20 / 60 + 2 * 5 / 60)
    assert b2["west"] == pytest.approx(139 + 3 * 7.5 / 60)


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        # Japan's extreme points (GSI; degrees from the published d-m-s), which define the
        # range of valid 1st-level codes: pp 30-68, uu 22-53
        (20 + 25 / 60, 136 + 4 / 60, "3036"),  # south: Okinotorishima
        (45 + 33 / 60 + 28 / 3600, 148 + 45 / 60 + 14 / 3600, "6848"),  # north: Etorofu
        (24 + 27 / 60 + 5 / 3600, 122 + 55 / 60 + 57 / 3600, "3622"),  # west: Tuishi, Yonaguni
        (24 + 16 / 60 + 59 / 3600, 153 + 59 / 60 + 12 / 3600, "3653"),  # east: Minamitorishima
    ],
)
def test_extreme_points_of_japan_are_in_range(lat: float, lon: float, code: str) -> None:
    assert to_mesh(lat, lon, 1) == code
    assert mesh_level(code) == 1


def test_range_corners() -> None:
    assert mesh_level(["3022", "3053", "6822", "6853"]) == 1
    for outside in ["2922", "6922", "3021", "3054"]:
        with pytest.raises(MeshCodeError, match="outside Japan's range"):
            mesh_level(outside)


# jismesh, another implementation, on random points (not on edges) --------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_matches_jismesh_on_random_points(level: int) -> None:
    ju = pytest.importorskip("jismesh.utils")
    rng = np.random.default_rng(19)
    lat = rng.uniform(20.0, 46.0, 20_000)
    lon = rng.uniform(122.0, 154.0, 20_000)
    expected = np.asarray(ju.to_meshcode(lat, lon, level)).astype(str)
    assert (to_mesh(lat, lon, level).to_numpy(dtype=str) == expected).all()


def test_jismesh_bounds_agree() -> None:
    ju = pytest.importorskip("jismesh.utils")
    codes = ["5339", "533946", "53394611", "533946113", "5339461132", "53394611324", "36225397"]
    for code in codes:
        b = mesh_bounds(code).iloc[0]
        level = mesh_level(code)
        south, west = ju.to_meshpoint(code, 0.0, 0.0)
        north, east = ju.to_meshpoint(code, 1.0, 1.0)
        assert (b["south"], b["west"]) == pytest.approx((float(south), float(west)), abs=1e-9)
        assert (b["north"], b["east"]) == pytest.approx((float(north), float(east)), abs=1e-9)
        assert level == {4: 1, 6: 2, 8: 3, 9: 4, 10: 5, 11: 6}[len(code)]


# The edge rule: a point on an edge goes north and east ------------------------------------


def test_points_on_edges_go_north_and_east() -> None:
    # 35.675 N = 4281/120 is a 1 km edge (south of 53394611); 139.7625 E = 139 + 61/80 its west
    assert to_mesh(35.675, 139.7625) == "53394611"
    assert to_mesh(35.675 - 1e-9, 139.7625) == "53394601"  # just south
    assert to_mesh(35.675, 139.7625 - 1e-9) == "53394610"  # just west
    # 133.9125 = 133 + 73/80 is an edge; jpmesh and jismesh both give 51337782 (the cell to
    # the west, from floating-point rounding of 133.9125 * 80); the rule says east
    assert to_mesh(34.65, 133.9125) == "51337783"
    # 1st-level edges: 36 N = 54 / 1.5, 140 E
    assert to_mesh(36.0, 140.0, 1) == "5440"
    assert to_mesh(36.0, 140.0, 6) == "54400000111"
    assert to_mesh(np.nextafter(36.0, 0), np.nextafter(140.0, 0), 1) == "5339"


@pytest.mark.parametrize("level", LEVELS)
def test_every_corner_maps_back_to_its_cell(level: int) -> None:
    rng = np.random.default_rng(level)
    codes = to_mesh(rng.uniform(24, 45, 5000), rng.uniform(123, 148, 5000), level)
    b = mesh_bounds(codes)
    assert (to_mesh(b["south"], b["west"], level).to_numpy() == codes.to_numpy()).all()
    # the north-east corner belongs to the diagonal neighbour, never to the cell
    assert not (to_mesh(b["north"], b["east"], level).to_numpy() == codes.to_numpy()).any()
    c = mesh_centres(codes)
    assert (to_mesh(c["lat"], c["lon"], level).to_numpy() == codes.to_numpy()).all()


def test_edges_are_the_nearest_floats_of_exact_fractions() -> None:
    # 51337783: rows (51 * 8 + 7) * 10 + 8 = 4158 of 30", columns (33 * 8 + 7) * 10 + 3 = 2713
    b = mesh_bounds("51337783").iloc[0]
    assert b["west"] == float(Fraction(100 * 80 + 2713, 80)) == 133.9125
    assert b["south"] == float(Fraction(4158, 120)) == 34.65
    b6 = mesh_bounds("54400000111").iloc[0]
    assert b6["north"] == float(Fraction(54 * 640 + 1, 960))


# Properties ----------------------------------------------------------------------------

lats = st.floats(20.0, 45.999, allow_nan=False)
lons = st.floats(122.0, 153.999, allow_nan=False)


def _exact_bounds(code: str) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """South, west, north, east of a cell as exact fractions, from the standard's rules."""
    south, west = Fraction(int(code[:2]) * 2, 3), Fraction(100 + int(code[2:4]))
    height, width = Fraction(2, 3), Fraction(1)
    if len(code) >= 6:  # 2nd level: 8 x 8
        height, width = height / 8, width / 8
        south, west = south + int(code[4]) * height, west + int(code[5]) * width
    if len(code) >= 8:  # 3rd level: 10 x 10
        height, width = height / 10, width / 10
        south, west = south + int(code[6]) * height, west + int(code[7]) * width
    for digit in code[8:]:  # quadrants: 1 SW, 2 SE, 3 NW, 4 NE
        height, width = height / 2, width / 2
        q = int(digit) - 1
        south, west = south + (q // 2) * height, west + (q % 2) * width
    return south, west, south + height, west + width


@settings(max_examples=300, deadline=None)
@given(lat=lats, lon=lons, level=st.sampled_from(LEVELS))
def test_point_code_bounds_contain_point(lat: float, lon: float, level: int) -> None:
    code = to_mesh(lat, lon, level)
    assert mesh_level(code) == level
    b = mesh_bounds(code).iloc[0]
    assert b["south"] <= lat < b["north"]
    assert b["west"] <= lon < b["east"]
    # exactly: inside the rational cell, or on its south/west edge's nearest float
    s, w, n, e = _exact_bounds(code)
    assert (Fraction(lat) >= s or lat == float(s)) and Fraction(lat) < n
    assert (Fraction(lon) >= w or lon == float(w)) and Fraction(lon) < e
    assert (b["south"], b["west"], b["north"], b["east"]) == tuple(map(float, (s, w, n, e)))


@settings(max_examples=300, deadline=None)
@given(
    k=st.integers(30 * 640, 69 * 640 - 1),
    m=st.integers(22 * 640, 54 * 640 - 1),
    level=st.sampled_from(LEVELS),
)
def test_points_on_edges_take_the_cell_north_and_east(k: int, m: int, level: int) -> None:
    """A point on a 125 m edge (the float nearest k / 960, 100 + m / 640) starts its cell."""
    lat, lon = float(Fraction(k, 960)), float(100 + Fraction(m, 640))
    code = to_mesh(lat, lon, 6)
    s, w, _, _ = _exact_bounds(code)
    assert (s, w) == (Fraction(k, 960), 100 + Fraction(m, 640))
    coarse = to_mesh(lat, lon, level)
    assert code.startswith(coarse)


@settings(max_examples=200, deadline=None)
@given(lat=lats, lon=lons, level=st.sampled_from(LEVELS[:-1]))
def test_parent_of_child_is_the_code(lat: float, lon: float, level: int) -> None:
    code = to_mesh(lat, lon, level)
    children = mesh_children(code)
    assert len(children) == {1: 64, 2: 100}.get(level, 4)
    assert set(mesh_parent(children, level)) == {code}
    assert to_mesh(lat, lon, level + 1) in set(children)
    for finer in range(level + 1, 7):
        assert mesh_parent(to_mesh(lat, lon, finer), level) == code


@settings(max_examples=200, deadline=None)
@given(
    pp=st.integers(31, 68),
    uu=st.integers(23, 53),
    dy=st.floats(-1e-6, 1e-6),
    dx=st.floats(-1e-6, 1e-6),
)
def test_codes_across_first_level_boundaries(pp: int, uu: int, dy: float, dx: float) -> None:
    """Around a 1st-level corner the code changes at the edge, with every digit rolling over."""
    edge_lat = float(Fraction(pp * 2, 3))  # pp / 1.5, the nearest float
    y, x = edge_lat + dy, 100.0 + uu + dx
    code = to_mesh(y, x, 6)
    north, east = y >= edge_lat, x >= 100.0 + uu
    assert code[:2] == f"{pp if north else pp - 1:02d}"
    assert code[2:4] == f"{uu if east else uu - 1:02d}"
    assert code[4] + code[6] == ("00" if north else "79")
    assert code[5] + code[7] == ("00" if east else "79")
    quadrants = {(True, True): "1", (True, False): "2", (False, True): "3", (False, False): "4"}
    assert code[8:] == quadrants[(north, east)] * 3


# Types and shapes ----------------------------------------------------------------------


def test_series_in_series_out_aligned() -> None:
    points = pd.DataFrame(
        {"lat": [35.6812, 26.2124], "lon": [139.7671, 127.6792]}, index=["tokyo", "naha"]
    )
    codes = to_mesh(points["lat"], points["lon"], "1km")
    assert isinstance(codes, pd.Series)
    assert codes.name == "mesh_code"
    assert codes.index.equals(points.index)
    assert codes.tolist() == ["53394611", "39272554"]
    assert mesh_parent(codes, 2).tolist() == ["533946", "392725"]
    assert mesh_parent(codes, 2).index.equals(points.index)


def test_integer_codes_and_inputs_not_mutated() -> None:
    codes = np.array([53394611, 39272554])
    before = codes.copy()
    assert mesh_level(codes) == 3
    assert mesh_bounds(codes).index.tolist() == ["53394611", "39272554"]
    assert (codes == before).all()
    lat = np.array([35.6812])
    to_mesh(lat, np.array([139.7671]))
    assert lat[0] == 35.6812


def test_top_level_names() -> None:
    assert jregion.to_mesh is to_mesh
    assert issubclass(MeshCodeError, ValueError)


# Errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("5339461", "'5339461' \\(position 0\\): has 7 characters"),
        (["53394611", "5339481"], "'5339481' \\(position 1\\): has 7 characters"),
        ("53394811", "2nd-level digits 48; each must be 0-7"),
        ("5339a611", "characters other than the digits"),
        ("99999999", "1st-level code 9999, outside Japan's range"),
        ("29394611", "1st-level code 2939, outside Japan's range"),
        ("53214611", "1st-level code 5321, outside Japan's range"),
        ("533946115", "500 m quadrant digit 5"),
        ("5339461110", "250 m quadrant digit 0"),
        ("53394611119", "125 m quadrant digit 9"),
        (["5339", "533946"], "mixed levels: '5339' is level 1 but '533946' \\(position 1\\)"),
        (["53394611", None], "missing mesh code at position 1"),
        (np.array([53394611.0]), "got floats"),
        ([], "no mesh codes"),
    ],
)
def test_invalid_codes_named(codes: object, message: str) -> None:
    with pytest.raises(MeshCodeError, match=message):
        mesh_level(codes)


def test_bad_points_and_levels() -> None:
    with pytest.raises(MeshCodeError, match="point 1 \\(lat nan"):
        to_mesh([35.0, np.nan], [139.0, 139.0])
    with pytest.raises(MeshCodeError, match="outside Japan's mesh range"):
        to_mesh(139.7, 35.6)  # lon, lat swapped
    with pytest.raises(MeshCodeError, match="unknown mesh level '2km'"):
        to_mesh(35.0, 139.0, "2km")  # type: ignore[arg-type]
    with pytest.raises(MeshCodeError, match="differ in length"):
        to_mesh([35.0, 35.1], [139.0])
    with pytest.raises(MeshCodeError, match="finer than the codes' level"):
        mesh_parent("5339", 3)
    with pytest.raises(MeshCodeError, match="not finer"):
        mesh_children("533946", 2)
    with pytest.raises(MeshCodeError, match="no children"):
        mesh_children("53394611111")


# The compiled kernel (numba, the `fast` extra) against the numpy path ---------------------


def _edge_and_random_points() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    lat = rng.uniform(20.0, 46.0, 30_000)
    lon = rng.uniform(122.0, 154.0, 30_000)
    # exact edges of every level (k / 960 and 100 + k / 640) and their float neighbours
    k_lat = rng.integers(20 * 960, 46 * 960, 3000)
    k_lon = rng.integers(22 * 640, 54 * 640, 3000)
    edge_lat, edge_lon = k_lat / 960.0, (64000 + k_lon) / 640.0
    lat = np.concatenate([lat, edge_lat, np.nextafter(edge_lat, 0), np.nextafter(edge_lat, 90)])
    lon = np.concatenate([lon, edge_lon, np.nextafter(edge_lon, 0), np.nextafter(edge_lon, 180)])
    return lat, lon


@pytest.mark.parametrize("level", LEVELS)
def test_compiled_kernel_gives_the_numpy_codes(level: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from jregion.mesh import _codes, _compiled

    if _compiled.to_mesh_kernel() is None:
        pytest.skip("numba not installed (the fast extra)")
    lat, lon = _edge_and_random_points()
    numpy_codes = to_mesh(lat, lon, level, compiled=False)
    monkeypatch.setattr(_codes, "COMPILED_MIN_POINTS", 0)
    compiled_codes = to_mesh(lat, lon, level)
    assert (compiled_codes.to_numpy() == numpy_codes.to_numpy()).all()
    # and the edge rule holds on both: every exact edge point is in the cell north-east of it
    b = mesh_bounds(compiled_codes[30_000:33_000])
    assert (b["south"].to_numpy() <= lat[30_000:33_000]).all()
    assert (b["west"].to_numpy() <= lon[30_000:33_000]).all()


def test_compiled_kernel_reports_the_first_bad_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from jregion.mesh import _codes, _compiled

    if _compiled.to_mesh_kernel() is None:
        pytest.skip("numba not installed (the fast extra)")
    monkeypatch.setattr(_codes, "COMPILED_MIN_POINTS", 0)
    with pytest.raises(MeshCodeError, match="point 2 \\(lat nan"):
        to_mesh([35.0, 36.0, np.nan, 10.0], [139.0, 139.0, 139.0, 139.0])
    with pytest.raises(MeshCodeError, match=r"point 1 \(lat 10\.0, lon 139\.0\) is outside"):
        to_mesh([35.0, 10.0], [139.0, 139.0])


def test_compiled_kernel_loads_with_the_collector_paused_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # jregion._numba.loading: the first call (the load) runs with the garbage collector
    # paused; later calls leave the collector alone
    import gc

    from jregion.mesh import _codes, _compiled

    if _compiled.to_mesh_kernel() is None:
        pytest.skip("numba not installed (the fast extra)")
    fresh = _compiled.to_mesh_kernel.__wrapped__()  # a new dispatcher: nothing loaded yet
    seen: list[bool] = []

    class Watched:
        @property
        def signatures(self) -> list[object]:
            return list(fresh.signatures)

        def __call__(self, *args: object) -> object:
            seen.append(gc.isenabled())
            return fresh(*args)

    monkeypatch.setattr(_compiled, "to_mesh_kernel", Watched)
    monkeypatch.setattr(_codes, "COMPILED_MIN_POINTS", 0)
    assert not fresh.signatures
    for _ in range(2):
        # by hand: 35.0 * 1.5 = 52.5 -> 52, 39, then 0.5 * 8 -> 4, 0, 0, 0; 36.0 * 1.5 = 54
        assert list(to_mesh([35.0, 36.0], [139.0, 139.0])) == ["52394000", "54390000"]
    assert seen == [False, True] and gc.isenabled()


def test_without_numba_the_numpy_path_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from jregion.mesh import _codes, _compiled

    monkeypatch.setitem(sys.modules, "numba", None)
    _compiled.to_mesh_kernel.cache_clear()
    try:
        assert _compiled.to_mesh_kernel() is None
        monkeypatch.setattr(_codes, "COMPILED_MIN_POINTS", 0)
        assert to_mesh([35.6812], [139.7671]).tolist() == ["53394611"]
    finally:
        _compiled.to_mesh_kernel.cache_clear()
