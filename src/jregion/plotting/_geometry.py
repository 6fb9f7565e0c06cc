"""Turn (multi)polygons into matplotlib paths, one compound path per row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from jregion._optional import import_optional
from jregion.plotting._layout import Layout

if TYPE_CHECKING:
    from matplotlib.path import Path

__all__ = ["laid_out", "polygon_paths"]


def laid_out(
    geoms: gpd.GeoSeries, layout: Layout, *, inset: bool, ogasawara: bool
) -> tuple[list[BaseGeometry | None], list[set[str]]]:
    """Move each row's parts into its inset; hide remote parts.

    Returns one geometry per row (``None`` when every part is hidden) and the
    zones each row occupies.
    """
    parts = geoms.explode(index_parts=False)
    row = np.repeat(np.arange(len(geoms)), geoms.apply(_n_parts).to_numpy())
    zones = layout.zones(parts.to_numpy(), ogasawara=ogasawara, inset=inset)
    moved: list[list[BaseGeometry]] = [[] for _ in range(len(geoms))]
    used: list[set[str]] = [set() for _ in range(len(geoms))]
    for i, part, zone in zip(row, parts.to_numpy(), zones, strict=True):
        if zone == "hidden":
            used[i].add("hidden")  # reported on the map, never dropped silently
            continue
        if part is None or part.is_empty:
            continue
        moved[i].append(layout.move(part, zone))
        used[i].add(zone)
    out: list[BaseGeometry | None] = [_collect(m) for m in moved]
    return out, used


def _collect(parts: list[BaseGeometry]) -> BaseGeometry | None:
    """Gather a row's (disjoint) parts into one geometry, without a costly overlay union."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    polygons = [p for p in parts if isinstance(p, shapely.Polygon)]
    if len(polygons) == len(parts):
        return shapely.MultiPolygon(polygons)
    merged: BaseGeometry = shapely.union_all(parts)
    return merged


def _n_parts(geom: BaseGeometry | None) -> int:
    if geom is None or geom.is_empty:
        return 1
    return int(shapely.get_num_geometries(geom)) or 1


def _ring(coords: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    mpath = import_optional("matplotlib.path")
    codes = np.full(len(coords), mpath.Path.LINETO, dtype=np.uint8)
    codes[0] = mpath.Path.MOVETO
    codes[-1] = mpath.Path.CLOSEPOLY
    return coords[:, :2], codes


def polygon_path(geom: BaseGeometry | None) -> Path:
    """One compound path (holes included) for a polygon or multipolygon."""
    mpath = import_optional("matplotlib.path")
    verts: list[np.ndarray[Any, Any]] = []
    codes: list[np.ndarray[Any, Any]] = []
    if geom is not None and not geom.is_empty:
        polys = shapely.get_parts(geom)
        for poly in polys:
            if poly.geom_type != "Polygon":
                continue
            for ring in (poly.exterior, *poly.interiors):
                v, c = _ring(np.asarray(ring.coords))
                verts.append(v)
                codes.append(c)
    path: Path = (
        mpath.Path(np.concatenate(verts), np.concatenate(codes))
        if verts
        else mpath.Path(np.empty((0, 2)))
    )
    return path


def polygon_paths(geoms: list[BaseGeometry | None]) -> list[Path]:
    """Compound paths for a list of geometries, in order."""
    return [polygon_path(g) for g in geoms]
