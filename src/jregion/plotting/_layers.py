"""Extra layers on a map: region-boundary overlay, point symbols, name labels."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

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
    coincident : {"spread", "overlap"}, default "spread"
        Points at the same location: ``"spread"`` draws them side by side around it, each
        joined to it by a leader line (``gid="point-leaders"``), so none hides another;
        ``"overlap"`` draws them on top of each other.
    """

    data: gpd.GeoDataFrame
    size: str | None = None
    color: str | None = None
    max_size: float = 120.0
    label: str = "Sites"
    coincident: Literal["spread", "overlap"] = "spread"


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


@functools.cache
def _scheme_boundaries(scheme: str, crs: str) -> tuple[BaseGeometry, ...]:
    """Boundaries between the regions of a named scheme, or between prefectures.

    ``"prefecture"`` gives prefecture outlines over municipal maps, from the full layer, whose
    borders are the municipal ones (both from N03 2021's shared arcs).
    """
    if scheme == "prefecture":
        from jregion.boundaries import load_prefectures

        layer = load_prefectures()
    else:
        from jregion.regions import load_regions

        layer = load_regions(scheme)  # type: ignore[arg-type]
    return tuple(_internal_boundaries(layer.to_crs(crs)))


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
        lines = _internal_boundaries(regions.to_crs(crs))
    elif isinstance(regions, str):
        lines = list(_scheme_boundaries(regions, crs))  # computed once per scheme and CRS
        if regions == "prefecture":
            line_width /= 2.5  # outlines over many small units: thinner than region borders
    else:
        lines = _internal_boundaries(load_regions(regions).to_crs(crs))
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
    true_xy = xy.copy()
    if layer.coincident == "spread":
        x0, y0, x1, y1 = layout.main_bounds
        xy = spread_coincident(xy, radius=SPREAD_FRACTION * max(x1 - x0, y1 - y0))
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
    moved = np.any(xy != true_xy, axis=1)
    if moved.any():
        from matplotlib.collections import LineCollection

        segs = [np.vstack([a, b]) for a, b in zip(true_xy[moved], xy[moved], strict=True)]
        leaders = LineCollection(segs, colors="black", linewidths=0.5, zorder=4.9)
        leaders.set_gid("point-leaders")
        ax.add_collection(leaders)
        anchors = np.unique(true_xy[moved], axis=0)
        dot = ax.scatter(anchors[:, 0], anchors[:, 1], s=3, c="black", zorder=5.1)
        dot.set_gid("point-anchors")
    return coll, handles


#: Distance of spread points from their shared location, as a fraction of the main map's extent.
SPREAD_FRACTION = 0.014


def spread_coincident(xy: np.ndarray[Any, Any], *, radius: float) -> np.ndarray[Any, Any]:
    """Move points that (nearly) share a location onto a circle of ``radius`` around them.

    Points closer than ``radius`` to a group's first point join that group (row order); a
    group of n > 1 is placed at n evenly spaced angles, starting west, around the group's
    mean location, so each marker stays visible and its leader line shows where it belongs.
    Points on their own are unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> spread_coincident(np.array([[0.0, 0.0], [0.0, 0.0], [5.0, 5.0]]), radius=1.0).round(6)
    array([[-1.,  0.],
           [ 1., -0.],
           [ 5.,  5.]])
    """
    out = np.array(xy, dtype=float, copy=True)
    group = np.full(len(out), -1)
    heads: list[int] = []
    for i in range(len(out)):
        for g, head in enumerate(heads):
            if np.hypot(*(out[i] - out[head])) < radius:
                group[i] = g
                break
        else:
            group[i] = len(heads)
            heads.append(i)
    for g in range(len(heads)):
        members = np.flatnonzero(group == g)
        if len(members) < 2:
            continue
        centre = out[members].mean(axis=0)
        angles = np.pi + 2 * np.pi * np.arange(len(members)) / len(members)
        out[members, 0] = centre[0] + radius * np.cos(angles)
        out[members, 1] = centre[1] + radius * np.sin(angles)
    return out


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


#: Smallest label type size, points at the printed size.
LABEL_MIN_PT = 6.0


def _place(t: Any, part: BaseGeometry, placed: list[Any], to_data: Any) -> Any:
    """Put a label where it overlaps no placed label and its centre stays inside ``part``.

    Tries the pole of inaccessibility and the representative point, each as is and nudged
    by about half the label's size; returns the label's box, or None when nothing fits.
    """
    minx, miny, maxx, maxy = part.bounds
    anchors = [part.representative_point()]
    if isinstance(part, shapely.Polygon):  # parts of a (multi)polygon row are polygons
        anchors.insert(0, polylabel(part, tolerance=max(maxx - minx, maxy - miny) / 50))
    for anchor in anchors:
        t.set_position((anchor.x, anchor.y))
        base = t.get_window_extent()
        w, h = base.width, base.height
        for dx, dy in (
            (0, 0),
            (0, 0.8),
            (0, -0.8),
            (0.6, 0),
            (-0.6, 0),
            (0.6, 0.8),
            (-0.6, 0.8),
            (0.6, -0.8),
            (-0.6, -0.8),
        ):
            cx, cy = base.x0 + w / 2 + dx * w, base.y0 + h / 2 + dy * h
            x, y = to_data.transform((cx, cy))
            if (dx or dy) and not part.contains(shapely.Point(x, y)):
                continue
            t.set_position((x, y))
            box = t.get_window_extent().expanded(1.05, 1.1)
            if not any(box.overlaps(other) for other in placed):
                return box
    return None


def draw_labels(
    ax: Axes, geoms: list[BaseGeometry | None], names: pd.Series, *, font_size: float
) -> list[Artist]:
    """Write each row's name inside its largest part (``gid="label"``), without overlaps.

    Labels are placed largest area first, in at least ``LABEL_MIN_PT`` type with a white halo.
    A label that would overlap one already placed (small prefectures in Kanto and Kinki) is
    left out, and a note in the lower-left corner (``gid="labels-omitted"``) names them.
    """
    from matplotlib import patheffects

    size = max(LABEL_MIN_PT, font_size)
    halo = [patheffects.withStroke(linewidth=1.6, foreground="white")]
    items = []
    for geom, name in zip(geoms, names, strict=True):
        if geom is None or geom.is_empty:
            continue
        parts = shapely.get_parts(geom)
        areas = shapely.area(parts)
        items.append((float(areas.max()), parts[int(np.argmax(areas))], str(name)))
    items.sort(key=lambda t: -t[0])
    texts: list[Artist] = []
    placed: list[Any] = []
    omitted: list[str] = []
    to_data = ax.transData.inverted()
    for _, largest, name in items:
        t = ax.text(
            0,
            0,
            name,
            ha="center",
            va="center",
            fontsize=size,
            zorder=7,
            clip_on=True,
            path_effects=halo,
        )
        box = _place(t, largest, placed, to_data)
        if box is None:
            t.remove()
            omitted.append(name.split("\n")[0])
            continue
        placed.append(box)
        t.set_gid("label")
        texts.append(t)
    if omitted:
        # above the islands note when there is one
        y = 0.03 if any(t.get_gid() == "islands-omitted" for t in ax.texts) else 0.0
        note = ax.text(
            0.0,
            y,
            "Labels left out for space: " + ", ".join(omitted),
            transform=ax.transAxes,
            fontsize=size,
            ha="left",
            va="bottom",
            wrap=True,
            zorder=7,
        )
        note.set_gid("labels-omitted")
    return texts
