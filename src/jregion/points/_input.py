"""Validate a points table and read its coordinates as lon/lat arrays (EPSG:4326)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from jregion.crs import STORAGE_CRS, check_projected_not_degrees
from jregion.errors import CRSError, GeometryError, InvalidDataError, NonNumericError

__all__ = ["check_points", "coordinates"]

_POINT = 0  # shapely.GeometryType.POINT
_MISSING = -1  # shapely type id of None


def coordinates(
    points: pd.DataFrame, *, lon: str, lat: str, allow_empty: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return the longitude and latitude of each row as float64 arrays (read them only).

    A GeoDataFrame is read from its active geometry (any CRS, transformed to
    EPSG:4326); a plain DataFrame from its ``lon`` and ``lat`` columns, taken as
    EPSG:4326 (JGD2011 differs by under a metre). Missing or empty points give NaN.

    Raises
    ------
    TypeError
        If ``points`` is not a DataFrame.
    InvalidDataError
        If it has no rows (unless ``allow_empty``) or lacks the lon/lat columns.
    CRSError
        If a GeoDataFrame has no CRS, or coordinates are not longitude/latitude.
    GeometryError
        If a geometry is not a point.
    NonNumericError
        If a lon/lat column is not numeric.
    """
    check_points(points)
    if len(points) == 0 and not allow_empty:
        raise InvalidDataError(
            "points has no rows; pass a table with at least one point to assign"
        )
    geometry = _geometry(points)
    if geometry is not None:
        x, y = _from_geometry(points, geometry)
    else:
        x, y = _from_columns(points, lon=lon, lat=lat)
    _check_lonlat(x, y)
    return x, y


def check_points(points: object) -> None:
    """Raise TypeError unless ``points`` is a (Geo)DataFrame."""
    if not isinstance(points, pd.DataFrame):
        raise TypeError(
            "points must be a GeoDataFrame of points, a DataFrame with lon/lat columns, a "
            "dask_geopandas.GeoDataFrame or a path of GeoParquet files, "
            f"got {type(points).__name__}"
        )


def _geometry(points: pd.DataFrame) -> pd.Series | None:
    import geopandas as gpd

    if isinstance(points, gpd.GeoDataFrame) and points._geometry_column_name in points:
        geom: pd.Series = points.geometry
        return geom
    return None


def _from_geometry(points: pd.DataFrame, geometry: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    geoms = np.asarray(geometry.array, dtype=object)
    types = shapely.get_type_id(geoms)
    bad = (types != _POINT) & (types != _MISSING)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        kinds = pd.Series(geometry.geom_type.to_numpy()[bad])
        summary = ", ".join(f"{n} {k}" for k, n in kinds.value_counts().items())
        raise GeometryError(
            f"assign needs point geometries; got {summary} (first at row "
            f"{points.index[first]!r}). Reduce them to points first, e.g. "
            "gdf.set_geometry(gdf.representative_point())"
        )
    crs = geometry.crs
    if crs is None:
        raise CRSError(
            "the points have no CRS; set the one their coordinates are in, e.g. "
            "gdf.set_crs('EPSG:4326') for longitude/latitude or gdf.set_crs('EPSG:6677') "
            "for JGD2011 plane rectangular zone IX"
        )
    located = (types == _POINT) & ~shapely.is_empty(geoms)
    x = np.full(geoms.size, np.nan)
    y = np.full(geoms.size, np.nan)
    if located.all():
        x, y = shapely.get_x(geoms), shapely.get_y(geoms)
    else:
        x[located] = shapely.get_x(geoms[located])
        y[located] = shapely.get_y(geoms[located])
    if not crs.equals(STORAGE_CRS):
        from pyproj import Transformer

        if crs.is_projected and located.any():
            bounds = (np.fmin.reduce(x), np.fmin.reduce(y), np.fmax.reduce(x), np.fmax.reduce(y))
            check_projected_not_degrees(crs, bounds, what="the points")

        tr = Transformer.from_crs(crs, STORAGE_CRS, always_xy=True)
        x, y = tr.transform(x, y)
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return x, y


def _from_columns(points: pd.DataFrame, *, lon: str, lat: str) -> tuple[np.ndarray, np.ndarray]:
    missing = [c for c in (lon, lat) if c not in points.columns]
    if missing:
        cols = ", ".join(map(repr, list(points.columns)[:12]))
        raise InvalidDataError(
            f"points has no column {' or '.join(map(repr, missing))} (columns: {cols}); name "
            "the coordinate columns with lon= and lat=, or pass a GeoDataFrame of points"
        )
    out = []
    for name in (lon, lat):
        col = points[name]
        if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            raise NonNumericError(
                f"column {name!r} must hold numbers (degrees), got dtype {col.dtype}; "
                f"convert it with pd.to_numeric(df[{name!r}], errors='coerce')"
            )
        # a view where possible: callers only read the coordinates
        out.append(col.to_numpy(dtype=np.float64, na_value=np.nan))
    return out[0], out[1]


def _check_lonlat(x: np.ndarray, y: np.ndarray) -> None:
    if x.size == 0:
        return
    # fmin/fmax skip NaN: four reductions decide the usual case
    x_lo, x_hi = np.fmin.reduce(x), np.fmax.reduce(x)
    y_lo, y_hi = np.fmin.reduce(y), np.fmax.reduce(y)
    in_range = bool(x_lo >= -180 and x_hi <= 180 and y_lo >= -90 and y_hi <= 90)
    if in_range or np.isnan([x_lo, y_lo]).all():
        return
    with np.errstate(invalid="ignore"):
        bad_x = np.abs(x) > 180
        bad_y = np.abs(y) > 90
    if not (bad_x.any() or bad_y.any()):
        return
    if bad_y.any() and not bad_x.any() and np.nanmax(np.abs(x)) <= 90:
        hint = "longitude and latitude look swapped: pass lon= and lat= the other way round"
    else:
        hint = (
            "the coordinates look projected (metres): give the GeoDataFrame its true CRS "
            "with set_crs (not to_crs), and jregion transforms it"
        )
    i = int(np.flatnonzero(bad_x | bad_y)[0])
    raise CRSError(
        f"coordinates are not longitude/latitude (point {i}: x={x[i]:.6g}, y={y[i]:.6g}); "
        f"{hint}"
    )
