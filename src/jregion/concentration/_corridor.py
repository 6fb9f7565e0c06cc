"""Corridor shares: activity inside the Tokaido belt, as a prefecture set or a buffer.

A corridor is either the prefectures of a region scheme (``method="membership"``, the
``tokaido`` scheme by default) or a buffer of ``distance_km`` around a polyline through
named cities (``method="area"`` for polygons, apportioned by area overlap, or
``method="points"`` for point data such as factories and laboratories).

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
50 km buffer, so it is not used for distances. Overlap areas are then
measured in :data:`~jregion.crs.EQUAL_AREA_CRS`. Distances from one point
(:func:`distance_profile`) are geodesic (``pyproj.Geod`` on GRS80) for points, and discs
are drawn in an azimuthal equidistant projection centred on the origin, where distance
from the centre is exact.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from jregion._manifest import path_of
from jregion.concentration._groups import Coverage, Level, group_labels, prefecture_coverage
from jregion.concentration._validate import InvalidDataError, as_table
from jregion.crs import EQUAL_AREA_CRS, STORAGE_CRS
from jregion.errors import CRSError, GeometryError, UnknownCodeError
from jregion.regions import SchemeLike, normalise_region

__all__ = [
    "TOKAIDO_CITIES",
    "corridor_buffer",
    "corridor_cities",
    "corridor_line",
    "corridor_share",
    "distance_profile",
]

#: Default corridor: the Tokaido from Tokyo to Kobe.
TOKAIDO_CITIES: tuple[str, ...] = (
    "Tokyo", "Yokohama", "Shizuoka", "Hamamatsu", "Nagoya", "Kyoto", "Osaka", "Kobe",
)

CorridorMethod = Literal["membership", "area", "points"]
ProfileMethod = Literal["points", "area"]


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


def _as_geo(data: object, method: str) -> Any:
    """Return a GeoDataFrame with a CRS (prefecture-keyed DataFrames get the bundled polygons)."""
    import geopandas as gpd

    if isinstance(data, gpd.GeoDataFrame):
        if data.crs is None:
            raise CRSError(
                "data has no CRS; set it first, e.g. data.set_crs('EPSG:4326') for lon/lat"
            )
        geoms = data.geometry
        if geoms.isna().any() or geoms.is_empty.any():
            bad = data.index[(geoms.isna() | geoms.is_empty).to_numpy()].tolist()[:5]
            raise GeometryError(f"data has missing or empty geometries at {bad}; drop them")
        want = ("Point",) if method == "points" else ("Polygon", "MultiPolygon")
        wrong = ~geoms.geom_type.isin(want)
        if wrong.any():
            got = sorted(set(geoms.geom_type[wrong]))
            raise GeometryError(
                f"method={method!r} needs {' or '.join(want)} geometries, got {got}; use "
                + ("method='area' for polygons" if method == "points" else
                   "method='points' for points")
            )
        return data
    if method == "area" and isinstance(data, pd.DataFrame | pd.Series):
        from jregion.boundaries import load_prefectures
        from jregion.codes import to_codes

        frame = data.to_frame() if isinstance(data, pd.Series) else data
        codes = to_codes(frame.index)
        prefs = load_prefectures()
        geo = gpd.GeoSeries(prefs.geometry.reindex(codes.to_numpy()).to_numpy(),
                            index=frame.index, crs=prefs.crs)
        return gpd.GeoDataFrame(frame.copy(), geometry=geo, crs=prefs.crs)
    raise TypeError(
        f"method={method!r} needs a GeoDataFrame"
        + (" (or a DataFrame keyed by prefecture)" if method == "area" else "")
        + f", got {type(data).__name__}"
    )


def _activity(data: Any, columns: str | Sequence[str] | None, method: str) -> pd.DataFrame:
    if columns is None:
        if method == "points":
            return pd.DataFrame({"count": np.ones(len(data))})
        geo = getattr(data, "_geometry_column_name", None)
        cols = [c for c in data.columns if c != geo]
    else:
        cols = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in cols if c not in data.columns]
        if missing:
            raise KeyError(f"column(s) {missing} are not in data; available: {list(data.columns)}")
    frame = pd.DataFrame(data[cols])
    if method == "points":  # point ids need not be unique (e.g. several plants per firm)
        frame = frame.reset_index(drop=True)
    as_table(frame)  # validates numbers
    return frame


def _area_fraction(geo: Any, zone: Any, zone_crs: str) -> np.ndarray:
    """Share of each polygon's area inside ``zone`` (measured in EQUAL_AREA_CRS)."""
    import geopandas as gpd
    import shapely

    z = gpd.GeoSeries([zone], crs=zone_crs).to_crs(EQUAL_AREA_CRS).iloc[0]
    g = shapely.make_valid(geo.to_crs(EQUAL_AREA_CRS).geometry.to_numpy())
    area = shapely.area(g)
    if (area <= 0).any():
        raise GeometryError("data has polygons with zero area; drop them")
    frac = np.asarray(shapely.area(shapely.intersection(g, z)), dtype="float64") / area
    out: np.ndarray = np.clip(frac, 0.0, 1.0)
    return out


def _weighted_share(frame: pd.DataFrame, w: np.ndarray, name: str) -> pd.Series:
    tab = as_table(frame)
    share = (tab.values * w[:, None]).sum(axis=0) / tab.values.sum(axis=0)
    return pd.Series(share, index=tab.columns, name=name)


def corridor_share(
    data: Any,
    *,
    method: CorridorMethod,
    distance_km: float | None = None,
    cities: Sequence[str] = TOKAIDO_CITIES,
    columns: str | Sequence[str] | None = None,
    scheme: SchemeLike = "tokaido",
    region: str = "Tokaido belt",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series:
    """Share of activity inside a corridor.

    Parameters
    ----------
    data : DataFrame, Series or GeoDataFrame
        ``"membership"``: activity keyed by prefecture (or municipality) code.
        ``"area"``: a GeoDataFrame of polygons with activity columns, or a DataFrame
        keyed by prefecture (the bundled prefecture polygons are used).
        ``"points"``: a GeoDataFrame of points, optionally with weight columns.
    method : {"membership", "area", "points"}
        Chosen explicitly. ``"membership"``: the units whose region in ``scheme`` is
        ``region``. ``"area"``: each polygon's activity times the share of its area
        within the buffer (activity assumed uniform inside a unit). ``"points"``: points
        within ``distance_km`` of the polyline.
    distance_km : float, optional
        Buffer radius, required for ``"area"`` and ``"points"``, refused otherwise.
    cities : sequence of str, default TOKAIDO_CITIES
        The polyline's cities (for ``"area"`` and ``"points"``).
    columns : str or sequence of str, optional
        Activity columns; default all non-geometry columns, or the point count.
    scheme : str or Mapping, default "tokaido"
        Region scheme for ``"membership"``.
    region : str, default "Tokaido belt"
        The scheme's corridor region (e.g. ``"Pacific belt"`` with
        ``scheme="pacific_belt"``).
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index for ``"membership"``.
    coverage : {"full", "partial"}, default "full"
        For data keyed by prefecture (``"membership"``, and ``"area"`` with a plain
        DataFrame): ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row, since the share is of the national total; ``"partial"``
        takes the share of the covered total. GeoDataFrames and points are the user's
        own units and are taken as given.

    Returns
    -------
    Series
        Share per activity column (``"count"`` for unweighted points), named
        ``"corridor_share"``. For prefecture-keyed data ``attrs["jregion_coverage"]``
        lists the prefectures used and those missing.

    Raises
    ------
    UnknownCodeError
        Unknown city name (with suggestions), or a key that is not a prefecture.
    InvalidDataError
        ``distance_km`` missing, refused, or not positive; negative or NaN activity.
    GeometryError, CRSError
        Geometries of the wrong type, empty, or data without a CRS.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed"]]
    >>> jregion.corridor_share(m, method="membership").round(3).tolist()
    [0.424]
    >>> jregion.corridor_share(m, method="area", distance_km=50).round(3).tolist()
    [0.412]
    """
    options = _CorridorOptions(
        distance_km=distance_km, cities=tuple(cities), columns=columns, scheme=scheme,
        region=region, level=level, coverage=coverage,
    )
    share = _CORRIDOR_METHODS.get(method)
    if share is None:
        raise InvalidDataError(
            f"method must be 'membership', 'area' or 'points', got {method!r}"
        )
    return share(data, options)


@dataclass(frozen=True)
class _CorridorOptions:
    """The keyword options of :func:`corridor_share`, passed to the method's function."""

    distance_km: float | None
    cities: tuple[str, ...]
    columns: str | Sequence[str] | None
    scheme: SchemeLike
    region: str
    level: Level
    coverage: Coverage


def _membership_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="membership"``: the share of the units whose region is ``o.region``."""
    if o.distance_km is not None:
        raise InvalidDataError(
            "distance_km is not used with method='membership' (a prefecture set); "
            "use method='area' or 'points' for a buffer"
        )
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame or Series, got {type(data).__name__}")
    if o.columns is not None:
        frame = _activity(frame, o.columns, "membership")
    elif hasattr(frame, "geometry") and hasattr(frame, "_geometry_column_name"):
        frame = pd.DataFrame(frame.drop(columns=frame._geometry_column_name))
    tab = as_table(frame)
    report = prefecture_coverage(tab.index, level=o.level, coverage=o.coverage)
    label = normalise_region(o.region, o.scheme)
    inside = (group_labels(tab.index, o.scheme, level=o.level) == label).astype(float)
    out = _weighted_share(frame, inside, "corridor_share")
    out.attrs = {"jregion_coverage": report}
    return out


def _radius(o: _CorridorOptions, method: Literal["area", "points"]) -> float:
    """Return the checked buffer radius in km, which the buffer methods require."""
    if o.distance_km is None:
        raise InvalidDataError(
            f"method={method!r} needs distance_km (the buffer radius in km)"
        )
    return _check_distance(o.distance_km)


def _area_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="area"``: each polygon's activity times its area share inside the buffer."""
    d = _radius(o, "area")
    report = None
    if isinstance(data, pd.DataFrame | pd.Series) and not hasattr(data, "_geometry_column_name"):
        report = prefecture_coverage(data.index, coverage=o.coverage)
    geo = _as_geo(data, "area")
    frame = _activity(geo, o.columns, "area")
    zone, crs = _buffer_local(o.cities, d)
    out = _weighted_share(frame, _area_fraction(geo, zone, crs), "corridor_share")
    if report is not None:
        out.attrs = {"jregion_coverage": report}
    return out


def _points_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="points"``: the points within ``distance_km`` of the corridor's polyline."""
    import shapely

    d = _radius(o, "points")
    geo = _as_geo(data, "points")
    frame = _activity(geo, o.columns, "points")
    _zone, crs = _buffer_local(o.cities, d)
    line = _line_local(_lookup(o.cities), crs)
    xy = geo.geometry.to_crs(crs)
    w = (shapely.distance(xy.to_numpy(), line) <= d * 1000.0).astype(float)
    return _weighted_share(frame, w, "corridor_share")


#: corridor_share's methods, keyed by the ``method`` option.
_CORRIDOR_METHODS: dict[str, Callable[[Any, _CorridorOptions], pd.Series]] = {
    "membership": _membership_share,
    "area": _area_share,
    "points": _points_share,
}


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

