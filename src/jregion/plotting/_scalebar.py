"""Scale bar and north arrow that are correct in the map's CRS.

The bar's length on the page is found by walking the chosen ground distance
east along the geodesic from the bar's left end (``pyproj.Geod`` on GRS80)
and projecting the end point, so it holds in any CRS, projected or not. The
north arrow points along the local meridian, which in a conic projection
leans away from the page's vertical east and west of the central meridian.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pyproj import Geod, Transformer

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["add_north_arrow", "add_scale_bar", "nice_length"]

_GEOD = Geod(ellps="GRS80")
_NICE = (10, 20, 25, 50, 100, 200, 250, 500, 1000)


def nice_length(span_m: float) -> int:
    """Largest round length (km) that is at most a fifth of ``span_m`` metres."""
    target = span_m / 5 / 1000
    best = _NICE[0]
    for km in _NICE:
        if km <= target:
            best = km
    return best


def _ground_to_map(crs: str, x: float, y: float, km: float) -> float:
    """Map-unit length of ``km`` kilometres eastward from map point (x, y)."""
    to_ll = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_ll.transform(x, y)
    lon2, lat2, _ = _GEOD.fwd(lon, lat, 90.0, km * 1000.0)
    x2, y2 = to_map.transform(lon2, lat2)
    return float(math.hypot(x2 - x, y2 - y))


def add_scale_bar(
    ax: Axes, crs: str, *, km: float | None = None, x: float = 0.40, y: float = 0.05
) -> float:
    """Draw a scale bar with its left end at axes fraction (x, y).

    Returns the bar's length in map units. The bar is a ``Rectangle`` with
    ``gid="scale-bar"``; its label is a ``Text`` with ``gid="scale-bar-label"``.
    """
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    px, py = x0 + x * (x1 - x0), y0 + y * (y1 - y0)
    length_km = km if km is not None else nice_length(x1 - x0)
    length = _ground_to_map(crs, px, py, length_km)
    height = 0.008 * (y1 - y0)
    bar = Rectangle(
        (px, py), length, height, facecolor="black", edgecolor="black", lw=0.5, zorder=6
    )
    bar.set_gid("scale-bar")
    ax.add_patch(bar)
    text = ax.text(
        px + length / 2,
        py + 2.5 * height,
        f"{length_km:g} km",
        ha="center",
        va="bottom",
        fontsize="small",
        zorder=6,
    )
    text.set_gid("scale-bar-label")
    return length


def north_angle(crs: str, x: float, y: float) -> float:
    """Angle of true north at map point (x, y), degrees anticlockwise from the page's up."""
    to_ll = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_ll.transform(x, y)
    xn, yn = to_map.transform(lon, lat + 0.1)
    return math.degrees(math.atan2(-(xn - x), yn - y))


def add_north_arrow(ax: Axes, crs: str, *, x: float = 0.93, y: float = 0.86) -> float:
    """Draw a north arrow at axes fraction (x, y) along the local meridian; return its angle."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    px, py = x0 + x * (x1 - x0), y0 + y * (y1 - y0)
    angle = north_angle(crs, px, py)
    size = 0.07 * (y1 - y0)
    dx, dy = -size * math.sin(math.radians(angle)), size * math.cos(math.radians(angle))
    arrow = ax.annotate(
        "N",
        xy=(px + dx, py + dy),
        xytext=(px, py),
        ha="center",
        va="top",
        fontsize="small",
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 0.8},
        zorder=6,
    )
    arrow.set_gid("north-arrow")
    return angle
