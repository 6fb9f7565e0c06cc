"""Where things go on a map of Japan: the Okinawa and Ogasawara insets.

A Japanese atlas draws Okinawa in a framed box in the upper left (the Sea of
Japan corner) and, when shown, the Ogasawara (Bonin and Volcano) Islands in a
box in the lower right (the Pacific corner). jregion does the same by
*translating* the geometry that falls inside two fixed longitude/latitude
masks; the scale is unchanged, so the scale bar holds for the insets too.

- ``OKINAWA_MASK`` holds every island of Okinawa Prefecture and none of
  Kagoshima's (Yoron, the northern neighbour, lies east of 128.36° E).
- ``OGASAWARA_MASK`` holds the Bonin and Volcano Islands.
- ``REMOTE_MASK`` (south of 29° N, east of 135.5° E) holds Tokyo's remote
  islands; parts there are drawn only in the Ogasawara inset, and
  Okinotorishima and Minamitorishima (outside the Ogasawara box) are not drawn.
  The row itself is always drawn (its other parts stay on the main map).

The layout is computed once per CRS from the bundled prefectures, so every
layer of a figure (fills, overlays, points, labels) moves identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

__all__ = ["OGASAWARA_MASK", "OKINAWA_MASK", "REMOTE_MASK", "InsetBox", "Layout", "get_layout"]

Zone = Literal["main", "okinawa", "ogasawara", "hidden"]

OKINAWA_MASK = Polygon(
    [(122.0, 23.5), (131.8, 23.5), (131.8, 26.6), (128.36, 26.6), (128.36, 28.2), (122.0, 28.2)]
)
OGASAWARA_MASK = box(140.5, 24.0, 142.7, 27.9)
REMOTE_MASK = box(135.5, 19.0, 155.0, 29.0)

#: Frame margin around inset geometry, in map units (metres).
_MARGIN = 25_000.0


@dataclass(frozen=True)
class InsetBox:
    """An inset: its name, how far its geometry moves, and its frame in map units."""

    name: str
    dx: float
    dy: float
    frame: tuple[float, float, float, float]


@dataclass(frozen=True)
class Layout:
    """Map layout for one CRS: the masks projected to it and the inset boxes."""

    crs: str
    masks: dict[str, BaseGeometry]
    insets: dict[str, InsetBox]
    main_bounds: tuple[float, float, float, float]

    def zones(
        self, geoms: np.ndarray[Any, Any], *, ogasawara: bool, inset: bool
    ) -> np.ndarray[Any, Any]:
        """Zone of each geometry part (projected): main, okinawa, ogasawara or hidden."""
        out = np.full(len(geoms), "main", dtype=object)
        if inset:
            out[shapely.within(geoms, self.masks["okinawa"])] = "okinawa"
        remote = shapely.within(geoms, self.masks["remote"])
        out[remote] = "hidden"
        if ogasawara:
            out[remote & shapely.within(geoms, self.masks["ogasawara"])] = "ogasawara"
        return out

    def move(self, geom: BaseGeometry, zone: str) -> BaseGeometry:
        """Translate a part into its inset (identity on the main map)."""
        if zone in self.insets:
            box_ = self.insets[zone]
            return translate(geom, box_.dx, box_.dy)
        return geom


def _project(geom: BaseGeometry, crs: str) -> BaseGeometry:
    import geopandas as gpd

    dense = shapely.segmentize(geom, 0.05)
    out: BaseGeometry = gpd.GeoSeries([dense], crs="EPSG:4326").to_crs(crs).iloc[0]
    return out


@cache
def get_layout(crs: str) -> Layout:
    """Compute the inset layout for a CRS from the bundled prefectures."""
    import geopandas as gpd

    from jregion.boundaries import load_prefectures

    masks = {
        "okinawa": _project(OKINAWA_MASK, crs),
        "ogasawara": _project(OGASAWARA_MASK, crs),
        "remote": _project(REMOTE_MASK, crs),
    }
    prefs = load_prefectures(resolution="web").to_crs(crs)
    parts = gpd.GeoSeries(prefs.geometry.explode(index_parts=False).to_numpy(), crs=crs)
    geoms = parts.to_numpy()
    okinawa = shapely.within(geoms, masks["okinawa"])
    remote = shapely.within(geoms, masks["remote"])
    ogasawara = remote & shapely.within(geoms, masks["ogasawara"])
    mx0, my0, mx1, my1 = shapely.total_bounds(geoms[~okinawa & ~remote])
    insets: dict[str, InsetBox] = {}
    ox0, oy0, ox1, oy1 = shapely.total_bounds(geoms[okinawa])
    dx, dy = mx0 + _MARGIN - ox0, my1 - _MARGIN - oy1
    insets["okinawa"] = InsetBox(
        "okinawa", dx, dy, (mx0, oy0 + dy - _MARGIN, ox1 + dx + _MARGIN, my1)
    )
    gx0, gy0, gx1, gy1 = shapely.total_bounds(geoms[ogasawara])
    dx, dy = mx1 - _MARGIN - gx1, my0 + _MARGIN - gy0
    insets["ogasawara"] = InsetBox(
        "ogasawara", dx, dy, (gx0 + dx - _MARGIN, my0, mx1, gy1 + dy + _MARGIN)
    )
    bounds = (float(mx0), float(my0), float(mx1), float(my1))
    return Layout(crs=crs, masks=masks, insets=insets, main_bounds=bounds)
