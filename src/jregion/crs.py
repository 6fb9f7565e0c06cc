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

__all__ = ["EQUAL_AREA_CRS", "MAP_CRS", "STORAGE_CRS"]

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
