"""Corridor geometry: the named city points, the polyline through them and its buffer.

City points come from the bundled, sourced table ``corridor_cities`` (see
:func:`corridor_cities`): the 47 prefectural offices, and Hamamatsu and Tsukuba as a point
on the surface of their N03 polygon. Nothing is typed in from memory.

Distances. The polyline and its buffer are built in a Lambert conformal conic fitted to
the cities (standard parallels at 1/6 and 5/6 of the latitude span of the buffer, the
usual rule for a conic fit). Along the Tokaido its scale error (measured with
:meth:`pyproj.Proj.get_factors`) is at most 0.002 % on the line, 0.008 % over a 50 km
buffer, 0.017 % over 100 km and 0.045 % over 200 km. jregion's Albers
:data:`jregion.crs.EQUAL_AREA_CRS` is equal-area, not equidistant: there it stretches
north-south distances by 0.38 % and shrinks east-west ones by 0.38 %, about 0.2 km on a
50 km buffer, so it is not used for distances.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from jregion._manifest import path_of
from jregion.concentration._validate import InvalidDataError
from jregion.crs import STORAGE_CRS
from jregion.errors import UnknownCodeError

__all__ = ["TOKAIDO_CITIES", "corridor_buffer", "corridor_cities", "corridor_line"]

#: Default corridor: the Tokaido from Tokyo to Kobe.
TOKAIDO_CITIES: tuple[str, ...] = (
    "Tokyo", "Yokohama", "Shizuoka", "Hamamatsu", "Nagoya", "Kyoto", "Osaka", "Kobe",
)


@functools.cache
def _cities() -> pd.DataFrame:
    df = pd.read_csv(path_of("corridor_cities"), dtype={"pref_code": str}, encoding="utf-8")
    return df.set_index("city")


def corridor_cities() -> pd.DataFrame:
    """Return the named city points that corridors can pass through.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``city`` (English name), with ``city_ja``, ``pref_code``, ``lat``,
        ``lon`` (degrees, EPSG:4326), ``basis`` and ``source`` (provenance per row).

    Examples
    --------
    >>> import jregion
    >>> c = jregion.corridor_cities()
    >>> c.loc["Hamamatsu", ["pref_code", "basis"]].tolist()
    ['22', 'n03_point_on_surface']
    >>> len(c)
    49
    """
    return _cities().copy()


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = unicodedata.normalize("NFKC", s).strip().casefold()
    for suffix in ("-shi", " city", "市"):
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
    return s.replace(" ", "").replace("-", "")


def _lookup(cities: Sequence[str]) -> pd.DataFrame:
    if isinstance(cities, str) or not isinstance(cities, Sequence):
        raise TypeError(
            f"cities must be a sequence of city names, got {type(cities).__name__}; "
            "e.g. ('Tokyo', 'Nagoya', 'Osaka')"
        )
    table = _cities()
    keys: dict[str, str] = {}
    for city, row in table.iterrows():
        keys[_fold(str(city))] = str(city)
        keys[_fold(str(row["city_ja"]))] = str(city)
    out = []
    for name in cities:
        k = _fold(str(name))
        if k not in keys:
            close = difflib.get_close_matches(str(name), table.index.tolist(), n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            raise UnknownCodeError(
                f"unknown corridor city {name!r}{hint} Known cities are the 47 prefectural "
                "seats plus Hamamatsu and Tsukuba (see jregion.corridor_cities())"
            )
        out.append(keys[k])
    return table.loc[out, ["lon", "lat"]]


def _local_crs(lon: np.ndarray, lat: np.ndarray, pad_km: float = 0.0) -> str:
    pad = pad_km / 111.0
    lo, hi = float(lat.min()) - pad, float(lat.max()) + pad
    lat1, lat2 = lo + (hi - lo) / 6.0, hi - (hi - lo) / 6.0
    lon0 = (float(lon.min()) + float(lon.max())) / 2.0
    return (
        f"+proj=lcc +lat_0={(lo + hi) / 2:.6f} +lon_0={lon0:.6f} +lat_1={lat1:.6f} "
        f"+lat_2={lat2:.6f} +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"
    )


def _check_cities(cities: Sequence[str]) -> pd.DataFrame:
    pts = _lookup(cities)
    if len(pts) < 2:
        raise InvalidDataError(f"a corridor needs at least two cities, got {list(cities)!r}")
    return pts


def corridor_line(cities: Sequence[str] = TOKAIDO_CITIES) -> Any:
    """Return the corridor polyline through named cities, in order.

    Parameters
    ----------
    cities : sequence of str, default TOKAIDO_CITIES
        City names in English or Japanese (case, macrons and ``市`` ignored); see
        :func:`corridor_cities`.

    Returns
    -------
    geopandas.GeoSeries
        One LineString in EPSG:4326 (straight segments in the corridor's conformal
        projection, densified to 1 km), indexed ``["corridor"]``; ``attrs["cities"]``
        lists the cities.

    Raises
    ------
    UnknownCodeError
        An unknown city name; the message suggests close names.

    Examples
    --------
    >>> import jregion
    >>> line = jregion.corridor_line()
    >>> round(float(line.to_crs(jregion.EQUAL_AREA_CRS).length.iloc[0]) / 1000, -1)
    490.0
    """
    import geopandas as gpd
    import shapely

    pts = _check_cities(cities)
    crs = _local_crs(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    local = _line_local(pts, crs)
    line = gpd.GeoSeries([shapely.segmentize(local, 1000.0)], index=["corridor"], crs=crs)
    out = line.to_crs(STORAGE_CRS)
    out.attrs = {"cities": list(pts.index)}
    return out


def _line_local(pts: pd.DataFrame, crs: str) -> Any:
    import pyproj
    import shapely

    tr = pyproj.Transformer.from_crs(STORAGE_CRS, crs, always_xy=True)
    x, y = tr.transform(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    return shapely.LineString(np.column_stack([x, y]))


def _check_distance(distance_km: object, what: str = "distance_km") -> float:
    if isinstance(distance_km, bool) or not isinstance(distance_km, int | float | np.number):
        raise TypeError(f"{what} must be a number of kilometres, got {distance_km!r}")
    d = float(distance_km)
    if not np.isfinite(d) or d <= 0:
        raise InvalidDataError(f"{what} must be a positive number of kilometres, got {d!r}")
    return d


def _buffer_local(cities: Sequence[str], distance_km: float) -> tuple[Any, str]:
    import shapely

    pts = _check_cities(cities)
    crs = _local_crs(pts["lon"].to_numpy(), pts["lat"].to_numpy(), pad_km=distance_km)
    poly = shapely.buffer(_line_local(pts, crs), distance_km * 1000.0, quad_segs=32)
    return shapely.segmentize(poly, 1000.0), crs


def corridor_buffer(distance_km: float, *, cities: Sequence[str] = TOKAIDO_CITIES) -> Any:
    """Return the area within ``distance_km`` of the corridor polyline.

    Parameters
    ----------
    distance_km : float
        Buffer radius in kilometres.
    cities : sequence of str, default TOKAIDO_CITIES
        See :func:`corridor_line`.

    Returns
    -------
    geopandas.GeoSeries
        One Polygon in EPSG:4326, indexed ``["corridor"]``.

    Examples
    --------
    >>> import jregion
    >>> buf = jregion.corridor_buffer(30)
    >>> round(float(buf.to_crs(jregion.EQUAL_AREA_CRS).area.iloc[0]) / 1e6, -3)
    32000.0
    """
    import geopandas as gpd

    d = _check_distance(distance_km)
    poly, crs = _buffer_local(cities, d)
    out = gpd.GeoSeries([poly], index=["corridor"], crs=crs).to_crs(STORAGE_CRS)
    out.attrs = {"cities": list(_lookup(cities).index), "distance_km": d}
    return out
