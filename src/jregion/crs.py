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

__all__ = ["EQUAL_AREA_CRS", "MAP_CRS", "STORAGE_CRS", "check_plausible_crs"]

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


def check_plausible_crs(gdf: Any, *, what: str = "gdf") -> None:
    """Raise :class:`~jregion.errors.CRSError` if the coordinates cannot be in the labelled CRS.

    A layer labelled with a geographic CRS (EPSG:4326) must have longitudes within
    -180..360 and latitudes within -90..90; a layer in a projected CRS must transform to
    finite longitudes and latitudes. Typical cause: metres labelled EPSG:4326 with
    ``set_crs`` instead of the CRS the coordinates are in.
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
    import geopandas as gpd
    from shapely.geometry import box

    ll = gpd.GeoSeries([box(x0, y0, x1, y1)], crs=crs).to_crs("EPSG:4326").total_bounds
    if not np.isfinite(ll).all() or ll[1] < -90 or ll[3] > 90:
        raise CRSError(
            f"{what} is labelled {crs.to_string()} but its coordinates ({span}) do not "
            "transform to valid longitudes and latitudes; label the layer with the CRS its "
            "coordinates are in, gdf.set_crs(..., allow_override=True)"
        )
