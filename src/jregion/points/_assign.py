"""Assign points in memory: polygon levels by cell index, mesh levels by arithmetic."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, cast

import numpy as np
import pandas as pd

from jregion.errors import InvalidDataError, PointsOutsideWarning
from jregion.points._input import check_points, coordinates
from jregion.points._layers import PolygonLayer, polygon_layer
from jregion.regions import SchemeLike, region_of

__all__ = [
    "LEVELS",
    "MESH_COLUMN",
    "Level",
    "assign_frame",
    "check_mesh_column",
    "output_columns",
    "outside_phrase",
]

Level: TypeAlias = Literal[
    "prefecture", "region", "municipality", "mesh1", "mesh2", "mesh3", "mesh4", "mesh5", "mesh6"
]
LEVELS: tuple[str, ...] = (
    "prefecture",
    "region",
    "municipality",
    "mesh1",
    "mesh2",
    "mesh3",
    "mesh4",
    "mesh5",
    "mesh6",
)


#: Output column of every mesh level (the library's mesh key; the level is the code's length).
MESH_COLUMN = "mesh_code"


def check_mesh_column(codes: pd.Series, level: str) -> None:
    """Raise if an existing ``mesh_code`` column holds codes of another level than ``level``."""
    from jregion.mesh import mesh_level

    present = codes.dropna()
    if len(present) and (found := mesh_level(present)) != int(level[4:]):
        raise InvalidDataError(
            f"points already has a mesh_code column of level {found}, not {level}; count it "
            f"with level='mesh{found}', or drop the column to assign {level} codes"
        )


@dataclass(frozen=True)
class Tally:
    """What an assignment could not place (for the one warning)."""

    outside: int
    no_location: int
    snapped: int
    n: int
    where: str  # "outside every prefecture", "outside Japan's mesh range (...)"
    column: str
    snap_km: float | None
    snap_hint: str | None  # how snap_km would help, for polygon levels

    def warn(self, *, stacklevel: int) -> None:
        """Emit one :class:`PointsOutsideWarning` if any point is unplaced."""
        if self.outside == 0 and self.no_location == 0:
            return
        parts = []
        if self.outside:
            parts.append(f"{self.outside:,} lie {self.where} (at sea, abroad or badly geocoded)")
        if self.no_location:
            parts.append(
                f"{self.no_location:,} have no location (missing or empty geometry, NaN lon/lat)"
            )
        snapped = (
            f"; {self.snapped:,} were snapped within {self.snap_km} km" if self.snapped else ""
        )
        fix = f"; {self.snap_hint}" if self.snap_hint and self.outside and not self.snap_km else ""
        warnings.warn(
            f"of {self.n:,} points, {' and '.join(parts)}; their {self.column} is missing "
            f"(NaN){snapped}{fix}",
            PointsOutsideWarning,
            stacklevel=stacklevel + 1,
        )


def level_column(level: str) -> str:
    """Return the main output column of a level."""
    if level == "region":
        return "region"
    if level.startswith("mesh"):
        return MESH_COLUMN
    return polygon_layer(level).column


def outside_phrase(level: str) -> str:
    """Where a point without a code of ``level`` lies: "outside every prefecture", ..."""
    if level.startswith("mesh"):
        return "outside Japan's mesh range"
    return f"outside every {polygon_layer('prefecture' if level == 'region' else level).noun}"


def output_columns(level: str, snap_km: float | None) -> list[str]:
    """Columns :func:`assign_frame` adds, in order."""
    cols = ["pref_code", "region"] if level == "region" else [level_column(level)]
    if snap_km is not None and not level.startswith("mesh"):
        cols += ["snapped", "snap_distance_km"]
    return cols


def check_level(level: object, snap_km: object) -> None:
    """Validate ``level`` and ``snap_km``."""
    if level not in LEVELS:
        raise InvalidDataError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    if snap_km is not None:
        if isinstance(snap_km, bool) or not isinstance(snap_km, int | float):
            raise TypeError(f"snap_km must be a number of kilometres or None, got {snap_km!r}")
        if not np.isfinite(snap_km) or snap_km <= 0:
            raise InvalidDataError(f"snap_km must be a positive distance in km, got {snap_km!r}")


def assign_frame(
    points: pd.DataFrame,
    *,
    level: str,
    scheme: SchemeLike,
    snap_km: float | None,
    lon: str,
    lat: str,
    warn: bool,
    allow_empty: bool = False,
) -> tuple[pd.DataFrame, Tally | None]:
    """Return a shallow copy of ``points`` with the level's code columns, and the tally."""
    check_level(level, snap_km)
    check_points(points)
    cols = output_columns(level, snap_km)
    clash = [c for c in cols if c in points.columns]
    if clash:
        raise InvalidDataError(
            f"points already has column(s) {clash}; rename or drop them before assign "
            "(count_by reuses an existing code column instead of assigning again)"
        )
    x, y = coordinates(points, lon=lon, lat=lat, allow_empty=allow_empty)
    new: dict[str, object]
    tally: Tally | None = None
    if level.startswith("mesh"):
        codes_, tally = _mesh(x, y, int(level[4:]), points.index)
        new = {MESH_COLUMN: codes_}
    else:
        layer = polygon_layer("prefecture" if level == "region" else level)
        pos, tally, snapped, dist = _polygons(layer, x, y, snap_km)
        codes = pd.Categorical.from_codes(cast(Any, pos), categories=layer.codes)
        new = {layer.column: codes}
        if level == "region":
            new["region"] = _regions(layer, pos, scheme)
        if snap_km is not None:
            new["snapped"] = snapped
            new["snap_distance_km"] = dist
    out = points.copy(deep=False)
    for name, values in new.items():
        out[name] = pd.Series(values, index=points.index, name=name)
    if warn and tally is not None:
        tally.warn(stacklevel=3)
    return out, tally


def _polygons(
    layer: PolygonLayer, x: np.ndarray, y: np.ndarray, snap_km: float | None
) -> tuple[np.ndarray, Tally, np.ndarray, np.ndarray]:
    if x.size:
        pos, _on_border = layer.index.locate(x, y)
    else:
        pos = np.zeros(0, dtype=np.int32)
    no_loc = np.isnan(x) | np.isnan(y)
    snapped = np.zeros(x.size, dtype=bool)
    dist = np.full(x.size, np.nan)
    if snap_km is not None:
        todo = np.flatnonzero((pos < 0) & ~no_loc)
        if todo.size:
            owner, d = _snap(layer, x[todo], y[todo], snap_km)
            hit = owner >= 0
            pos[todo[hit]] = owner[hit]
            snapped[todo[hit]] = True
            dist[todo[hit]] = d[hit]
    tally = Tally(
        outside=int(((pos < 0) & ~no_loc).sum()),
        no_location=int(no_loc.sum()),
        snapped=int(snapped.sum()),
        n=int(x.size),
        where=f"outside every {layer.noun}",
        column=layer.column,
        snap_km=snap_km,
        snap_hint=f"pass snap_km= to assign points near the coast to the nearest {layer.noun}",
    )
    return pos, tally, snapped, dist


def _snap(
    layer: PolygonLayer, x: np.ndarray, y: np.ndarray, snap_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest polygon within ``snap_km`` in the equal-area CRS; ties to the lowest code."""
    import shapely
    from pyproj import Transformer

    from jregion.crs import EQUAL_AREA_CRS, STORAGE_CRS

    _, tree = layer.projected
    tr = Transformer.from_crs(STORAGE_CRS, EQUAL_AREA_CRS, always_xy=True)
    px, py = tr.transform(x, y)
    pts = shapely.points(np.asarray(px), np.asarray(py))
    (which, part), d = tree.query_nearest(
        pts, max_distance=snap_km * 1000.0, return_distance=True, all_matches=True
    )
    owner = layer.index.part_owner[part]
    best_d = np.full(x.size, np.inf)
    np.minimum.at(best_d, which, d)
    at_best = d <= best_d[which]
    out = np.full(x.size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(out, which[at_best], owner[at_best])
    out[out == np.iinfo(np.int64).max] = -1
    km = np.where(out >= 0, best_d / 1000.0, np.nan)
    return out.astype(np.int32), km


def _regions(layer: PolygonLayer, pos: np.ndarray, scheme: SchemeLike) -> pd.Categorical:
    of_code = region_of(pd.Index(layer.codes.to_numpy()), scheme=scheme)
    cats = of_code.cat.categories
    lookup = np.append(of_code.cat.codes.to_numpy(), -1).astype(np.int32)
    return pd.Categorical.from_codes(cast(Any, lookup[pos]), categories=cats, ordered=True)


def _mesh(x: np.ndarray, y: np.ndarray, level: int, index: pd.Index) -> tuple[pd.Series, Tally]:
    """Mesh codes by :func:`jregion.to_mesh`; missing outside the mesh range or without location."""
    from jregion.mesh import to_mesh
    from jregion.mesh._grid import FIRST_COLS, FIRST_ROWS, MeshLevel

    lat_lo, lat_hi = FIRST_ROWS[0] * 640 / 960, (FIRST_ROWS[1] + 1) * 640 / 960
    lon_lo, lon_hi = 100.0 + FIRST_COLS[0], 101.0 + FIRST_COLS[1]
    name = MESH_COLUMN
    lv = cast(MeshLevel, level)
    # min/max are NaN if any coordinate is: then the slow path finds which
    if x.size and lat_lo <= y.min() and y.max() < lat_hi and lon_lo <= x.min() and x.max() < lon_hi:
        codes = to_mesh(y, x, level=lv)
        out = pd.Series(codes.array, index=index, name=name)
        no_loc = ok = np.zeros(0, dtype=bool)
    else:
        no_loc = np.isnan(x) | np.isnan(y)
        with np.errstate(invalid="ignore"):
            ok = (y >= lat_lo) & (y < lat_hi) & (x >= lon_lo) & (x < lon_hi)
        codes = to_mesh(y[ok], x[ok], level=lv)
        out = pd.Series(pd.NA, index=index, dtype=codes.dtype, name=name)
        out.iloc[np.flatnonzero(ok)] = codes.array
    tally = Tally(
        outside=int((~ok & ~no_loc).sum()),
        no_location=int(no_loc.sum()),
        snapped=0,
        n=int(x.size),
        where="outside Japan's mesh range (JIS X 0410 first-level cells 3022-6853)",
        column=name,
        snap_km=None,
        snap_hint=None,
    )
    return out, tally
