"""Extra layers on a map: region-boundary overlay, point symbols, name labels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from jregion.errors import CRSError
from jregion.plotting._layout import Layout
from jregion.plotting._styles import OKABE_ITO, PlotOptionError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = ["PointLayer", "draw_labels", "draw_points", "draw_region_overlay", "names_for"]


@dataclass(frozen=True)
class PointLayer:
    """Points drawn over a map (universities, cluster sites), moved into insets like the fills.

    Attributes
    ----------
    data : geopandas.GeoDataFrame
        Point geometries with a CRS.
    size : str, optional
        Column of non-negative values; marker *area* is proportional to it
        (proportional symbols). Without it, all markers have ``max_size``/4.
    color : str, optional
        Column of categories; each gets an Okabe-Ito colour and a legend entry.
    max_size : float, default 120
        Marker area in points² of the largest value.
    label : str, default "Sites"
        Legend entry when ``color`` is not given.
    """

    data: gpd.GeoDataFrame
    size: str | None = None
    color: str | None = None
    max_size: float = 120.0
    label: str = "Sites"


def _move_geoms(
    geoms: np.ndarray[Any, Any], layout: Layout, *, inset: bool, ogasawara: bool
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    zones = layout.zones(geoms, ogasawara=ogasawara, inset=inset)
    moved = np.array([layout.move(g, z) for g, z in zip(geoms, zones, strict=True)], dtype=object)
    return moved, zones


def _internal_boundaries(regions: gpd.GeoDataFrame) -> list[BaseGeometry]:
    geoms = regions.geometry.to_numpy()
    lines: list[BaseGeometry] = []
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if not shapely.intersects(geoms[i], geoms[j]):
                continue
            shared = shapely.intersection(geoms[i].boundary, geoms[j].boundary)
            lines.extend(
                p for p in shapely.get_parts(shared) if p.geom_type in ("LineString", "LinearRing")
            )
    if not lines:
        return []
    # join the many short shared edges into long lines, so thick strokes join smoothly
    merged = shapely.line_merge(shapely.union_all(np.array(lines, dtype=object)))
    return list(shapely.get_parts(merged))


def draw_region_overlay(
    ax: Axes,
    regions: str | Mapping[object, str] | gpd.GeoDataFrame,
    *,
    crs: str,
    layout: Layout,
    inset: bool,
    ogasawara: bool,
    line_width: float,
) -> Artist:
    """Draw the boundaries between regions as bold lines (``gid="region-overlay"``)."""
    from matplotlib.collections import LineCollection

    from jregion.regions import load_regions

    if isinstance(regions, gpd.GeoDataFrame):
        if regions.crs is None:
            raise CRSError("the regions GeoDataFrame has no CRS; set one with .set_crs(...)")
        layer = regions
    elif isinstance(regions, str) and regions == "prefecture":
        # prefecture outlines over municipal maps: the full layer, whose borders are the
        # municipal ones (both from N03 2021's shared arcs)
        from jregion.boundaries import load_prefectures

        layer = load_prefectures()
        line_width /= 2.5  # outlines over many small units: thinner than region borders
    else:
        layer = load_regions(regions)  # type: ignore[arg-type]
    layer = layer.to_crs(crs)
    lines = _internal_boundaries(layer)
    moved, _ = _move_geoms(np.array(lines, dtype=object), layout, inset=inset, ogasawara=ogasawara)
    segments = [np.asarray(g.coords)[:, :2] for g in moved if g is not None]
    coll = LineCollection(
        segments,
        colors="black",
        linewidths=line_width * 3,
        capstyle="round",
        joinstyle="round",
        zorder=3,
    )
    coll.set_gid("region-overlay")
    ax.add_collection(coll)
    return coll


def draw_points(
    ax: Axes,
    layer: PointLayer | gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    crs: str,
    layout: Layout,
    inset: bool,
    ogasawara: bool,
) -> tuple[Artist, list[tuple[Any, str]]]:
    """Draw a point layer (``gid="points"``); return it and legend handles."""
    from matplotlib.lines import Line2D

    if not isinstance(layer, PointLayer):
        data = layer if isinstance(layer, gpd.GeoDataFrame) else layer.to_frame("geometry")
        layer = PointLayer(gpd.GeoDataFrame(data, geometry="geometry", crs=layer.crs))
    gdf = layer.data
    if gdf.crs is None:
        raise CRSError("the points have no CRS; set one with .set_crs('EPSG:4326')")
    kinds = set(gdf.geometry.geom_type.dropna())
    if not kinds <= {"Point"}:
        raise PlotOptionError(f"points must be Point geometries, got {sorted(kinds)}")
    geoms, _ = _move_geoms(
        gdf.to_crs(crs).geometry.to_numpy(), layout, inset=inset, ogasawara=ogasawara
    )
    xy = shapely.get_coordinates(np.asarray(list(geoms), dtype=object))
    sizes = np.full(len(gdf), layer.max_size / 4)
    if layer.size is not None:
        values = pd.to_numeric(gdf[_column(gdf, layer.size)], errors="coerce").to_numpy(float)
        if not np.isfinite(values).all() or (values < 0).any():
            raise PlotOptionError(
                f"point size column {layer.size!r} must be non-negative finite numbers "
                "(no NaN or inf)"
            )
        top = values.max() or 1.0
        sizes = layer.max_size * values / top
    handles: list[tuple[Any, str]] = []
    if layer.color is not None:
        cats = pd.Categorical(gdf[_column(gdf, layer.color)])
        if len(cats.categories) > len(OKABE_ITO):
            raise PlotOptionError(
                f"{len(cats.categories)} point categories; "
                f"at most {len(OKABE_ITO)} can be told apart"
            )
        palette = dict(zip(cats.categories, OKABE_ITO, strict=False))
        colors = [palette[c] for c in cats]
        for cat, col in palette.items():
            handles.append(
                (Line2D([], [], ls="", marker="o", mfc=col, mec="black", mew=0.4), str(cat))
            )
    else:
        colors = ["#D55E00"] * len(gdf)
        handles.append(
            (Line2D([], [], ls="", marker="o", mfc="#D55E00", mec="black", mew=0.4), layer.label)
        )
    coll = ax.scatter(
        xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="black", linewidths=0.4, zorder=5
    )
    coll.set_gid("points")
    return coll, handles


def _column(gdf: pd.DataFrame, name: str) -> str:
    if name not in gdf.columns:
        raise PlotOptionError(f"column {name!r} not found; columns are {list(gdf.columns)}")
    return name


def names_for(gdf: gpd.GeoDataFrame, lang: Literal["en", "ja"]) -> pd.Series:
    """Display names of the rows in English or Japanese."""
    from jregion.codes import PREFECTURE_CODES, prefecture_table

    col = f"name_{lang}"
    if col in gdf.columns:
        names: pd.Series = gdf[col].astype(str)
        return names
    index = pd.Index(gdf.index.astype(str))
    if index.isin(PREFECTURE_CODES).all():
        table = prefecture_table()
        return pd.Series(table.loc[index, col].to_numpy(), index=gdf.index)
    if lang == "ja" and "region_ja" in gdf.columns:
        region_ja: pd.Series = gdf["region_ja"].astype(str)
        return region_ja
    if lang == "en" and gdf.index.name == "region":
        return pd.Series(gdf.index.astype(str), index=gdf.index)
    raise PlotOptionError(
        f"cannot find {lang!r} names: add a {col!r} column, or index the rows by "
        "two-digit prefecture code or region"
    )


def draw_labels(
    ax: Axes, geoms: list[BaseGeometry | None], names: pd.Series, *, font_size: float
) -> list[Artist]:
    """Write each row's name at a point inside its largest part (``gid="label"``)."""
    texts: list[Artist] = []
    for geom, name in zip(geoms, names, strict=True):
        if geom is None or geom.is_empty:
            continue
        parts = shapely.get_parts(geom)
        largest = parts[int(np.argmax(shapely.area(parts)))]
        pt = largest.representative_point()
        t = ax.text(
            pt.x, pt.y, name, ha="center", va="center", fontsize=font_size, zorder=7, clip_on=True
        )
        t.set_gid("label")
        texts.append(t)
    return texts
