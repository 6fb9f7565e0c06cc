"""Distance profiles: the share of activity within ``r`` km of one origin, for several ``r``.

Distances from the origin are geodesic (``pyproj.Geod`` on GRS80) for points, and discs are
drawn in an azimuthal equidistant projection centred on the origin, where distance from the
centre is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from jregion.concentration._corridor_data import _activity, _area_fraction, _as_geo
from jregion.concentration._corridor_line import _check_distance, _lookup
from jregion.concentration._validate import InvalidDataError, as_table
from jregion.crs import STORAGE_CRS

__all__ = ["distance_profile"]

ProfileMethod = Literal["points", "area"]


def _origin(origin: str | tuple[float, float]) -> tuple[float, float]:
    if isinstance(origin, str):
        row = _lookup([origin]).iloc[0]
        return float(row["lon"]), float(row["lat"])
    if (
        isinstance(origin, tuple) and len(origin) == 2
        and all(isinstance(v, int | float) for v in origin)
    ):
        lon, lat = float(origin[0]), float(origin[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InvalidDataError(f"origin must be (lon, lat) in degrees, got {origin!r}")
        return lon, lat
    raise TypeError(f"origin must be a city name or a (lon, lat) tuple, got {origin!r}")


def distance_profile(
    data: Any,
    *,
    radii_km: Sequence[float],
    origin: str | tuple[float, float] = "Tokyo",
    method: ProfileMethod = "points",
    columns: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of activity within ``r`` km of an origin, for a range of ``r``.

    Parameters
    ----------
    data : GeoDataFrame or DataFrame
        Points (``method="points"``) or polygons (``method="area"``; a DataFrame keyed
        by prefecture gets the bundled polygons), with activity columns.
    radii_km : sequence of float
        Positive radii in km.
    origin : str or (lon, lat), default "Tokyo"
        A city of :func:`corridor_cities` or a longitude/latitude pair in degrees.
    method : {"points", "area"}, default "points"
        ``"points"``: geodesic distance of each point; ``"area"``: share of each
        polygon's area inside the disc, activity assumed uniform inside a unit.
    columns : str or sequence of str, optional
        Activity columns; default all non-geometry columns, or the point count.

    Returns
    -------
    DataFrame
        Indexed by ``radius_km`` (in the order given), one column per activity.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed"]]
    >>> p = jregion.distance_profile(m, radii_km=[50, 500], method="area")
    >>> p.round(2)["persons_employed"].tolist()
    [0.1, 0.79]
    """
    if method not in ("points", "area"):
        raise InvalidDataError(f"method must be 'points' or 'area', got {method!r}")
    radii = [_check_distance(r, "each radius") for r in radii_km]
    if not radii:
        raise InvalidDataError("radii_km is empty; pass at least one radius")
    lon0, lat0 = _origin(origin)
    geo = _as_geo(data, method)
    frame = _activity(geo, columns, method)
    tab = as_table(frame)
    rows = []
    if method == "points":
        import pyproj

        pts = geo.geometry.to_crs(STORAGE_CRS)
        geod = pyproj.Geod(ellps="GRS80")
        n = len(pts)
        _, _, dist = geod.inv(
            np.full(n, lon0), np.full(n, lat0), pts.x.to_numpy(), pts.y.to_numpy()
        )
        for r in radii:
            rows.append((np.asarray(dist) <= r * 1000.0).astype(float))
    else:
        import shapely

        aeqd = (
            f"+proj=aeqd +lat_0={lat0:.8f} +lon_0={lon0:.8f} +x_0=0 +y_0=0 "
            "+ellps=GRS80 +units=m +no_defs"
        )
        for r in radii:
            disc = shapely.segmentize(shapely.Point(0.0, 0.0).buffer(r * 1000.0, quad_segs=64),
                                      1000.0)
            rows.append(_area_fraction(geo, disc, aeqd))
    w = np.vstack(rows)  # radii x units
    out = (w @ tab.values) / tab.values.sum(axis=0)
    return pd.DataFrame(out, index=pd.Index(radii, name="radius_km"), columns=tab.columns)

