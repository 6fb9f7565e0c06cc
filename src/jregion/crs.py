"""Coordinate reference systems jregion uses by default.

Data are stored in EPSG:4326 (longitude/latitude; N03's JGD2011 differs by
under a metre). Areas, densities and buffers are computed in
:data:`EQUAL_AREA_CRS`, an Albers equal-area conic centred on Japan. Maps are
drawn in :data:`MAP_CRS`, a Lambert conformal conic with the same parallels,
which keeps Japan's shape and makes a scale bar correct near the centre.

Examples
--------
>>> from jregion.crs import EQUAL_AREA_CRS
>>> "+proj=aea" in EQUAL_AREA_CRS
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EQUAL_AREA_CRS",
    "MAP_CRS",
    "STORAGE_CRS",
    "check_plausible_crs",
    "check_projected_not_degrees",
]

#: CRS of every bundled layer.
STORAGE_CRS = "EPSG:4326"

#: Albers equal-area conic for Japan (standard parallels 30N and 40N, centre 137E 35N, GRS80).
EQUAL_AREA_CRS = (
    "+proj=aea +lat_0=35 +lon_0=137 +lat_1=30 +lat_2=40 +x_0=0 +y_0=0 +ellps=GRS80 "
    "+units=m +no_defs"
)

#: Lambert conformal conic for maps of Japan (same parallels and centre, GRS80).
MAP_CRS = (
    "+proj=lcc +lat_0=35 +lon_0=137 +lat_1=30 +lat_2=40 +x_0=0 +y_0=0 +ellps=GRS80 "
    "+units=m +no_defs"
)


#: Longitudes and latitudes that hold Japan with room around it (for the degrees check).
_JAPAN_LON = (120.0, 155.0)
_JAPAN_LAT = (20.0, 47.0)


def check_projected_not_degrees(crs: Any, bounds: Any, *, what: str = "gdf") -> None:
    """Raise :class:`~jregion.errors.CRSError` if a projected layer's coordinates are degrees.

    Coordinates labelled with a projected CRS in metres or feet whose bounds
    ``(x0, y0, x1, y1)`` all lie within longitudes 120..155 and latitudes 20..47 are almost
    surely longitudes and latitudes with the wrong label: in metres that window is a site
    under 35 m by 27 m lying 120-155 m east and 20-47 m north of the CRS's origin. CRSs in
    larger units (kilometres), where such a window is a real study area, geographic CRSs
    and bounds that are not finite (no geometry) pass.
    """
    from pyproj import CRS

    from jregion.errors import CRSError

    crs = CRS.from_user_input(crs)
    if not crs.is_projected:
        return
    axis = crs.axis_info[0] if crs.axis_info else None
    if axis is not None and axis.unit_conversion_factor > 1.0:
        return  # kilometres and larger: 35 units is a region, not a sign of degrees
    x0, y0, x1, y1 = (float(v) for v in bounds)
    lon_lo, lon_hi = _JAPAN_LON
    lat_lo, lat_hi = _JAPAN_LAT
    if lon_lo <= x0 <= x1 <= lon_hi and lat_lo <= y0 <= y1 <= lat_hi:
        unit = crs.axis_info[0].unit_name if crs.axis_info else "projected units"
        raise CRSError(
            f"{what} is labelled {crs.to_string()} (projected, in {unit}) but its coordinates "
            f"span x {x0:,.6g}..{x1:,.6g}, y {y0:,.6g}..{y1:,.6g}: they look like degrees of "
            f"longitude and latitude in Japan (as {unit} they would be a site a few dozen "
            "units across beside the CRS's origin). Label them as lon/lat, "
            'gdf.set_crs("EPSG:4326", allow_override=True), then convert with to_crs(...) if '
            "you need the projection"
        )


def check_plausible_crs(gdf: Any, *, what: str = "gdf") -> None:
    """Raise :class:`~jregion.errors.CRSError` if the coordinates cannot be in the labelled CRS.

    A layer labelled with a geographic CRS (EPSG:4326) must have longitudes within
    -180..360 and latitudes within -90..90; a layer in a projected CRS must transform to
    finite longitudes and latitudes. Typical cause: metres labelled EPSG:4326 with
    ``set_crs`` instead of the CRS the coordinates are in. The reverse, degrees in Japan
    labelled with a projected CRS, is refused by :func:`check_projected_not_degrees`.
    """
    import numpy as np
    from pyproj import CRS

    from jregion.errors import CRSError

    bounds = np.asarray(gdf.total_bounds, dtype="float64")
    if not np.isfinite(bounds).all():
        return  # no geometry to check (the callers refuse missing geometries)
    crs = CRS.from_user_input(gdf.crs)
    x0, y0, x1, y1 = (float(v) for v in bounds)
    span = f"x {x0:,.6g}..{x1:,.6g}, y {y0:,.6g}..{y1:,.6g}"
    if crs.is_geographic:
        if x0 < -180 or x1 > 360 or y0 < -90 or y1 > 90:
            raise CRSError(
                f"{what} is labelled {crs.to_string()} (degrees of longitude and latitude) but "
                f"its coordinates span {span}: they look projected (metres). Label the layer "
                "with the CRS its coordinates are in, gdf.set_crs(..., allow_override=True), "
                "then convert with to_crs"
            )
        return
    check_projected_not_degrees(crs, bounds, what=what)
    import geopandas as gpd
    from shapely.geometry import box

    ll = gpd.GeoSeries([box(x0, y0, x1, y1)], crs=crs).to_crs("EPSG:4326").total_bounds
    if not np.isfinite(ll).all() or ll[1] < -90 or ll[3] > 90:
        raise CRSError(
            f"{what} is labelled {crs.to_string()} but its coordinates ({span}) do not "
            "transform to valid longitudes and latitudes; label the layer with the CRS its "
            "coordinates are in, gdf.set_crs(..., allow_override=True)"
        )
