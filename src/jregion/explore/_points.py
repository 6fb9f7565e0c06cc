"""Point layers (sites, clusters, universities) as circle markers with tooltips."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from jregion.errors import OptionError, PlotOptionError
from jregion.explore._layers import (
    add_geojson_layer,
    check_decimals,
    check_frame,
    check_map,
    css_color,
    feature_collection,
    format_value,
    new_map,
    refresh_layer_control,
    tooltip_html,
)
from jregion.explore._legend import LegendEntry, add_legend, legend_html

__all__ = ["explore_points"]


def _text(value: Any, decimals: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_value(float(value), decimals=decimals)
    return str(value)


def explore_points(
    points: Any,
    *,
    label: str | None = None,
    fields: Sequence[str] = (),
    name: str = "Points",
    color: str = "#1f4e9a",
    radius: float = 5.0,
    decimals: int = 1,
    legend: bool = True,
    tiles: str | None = None,
    m: Any = None,
) -> Any:
    """Add a layer of points to a map (or a new map), with escaped tooltips.

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Point geometries with a CRS, one row per site.
    label : str, optional
        Column with the tooltip heading; the index by default. A column
        ``name_ja`` is shown beside it when present.
    fields : sequence of str, default ()
        Further columns shown as ``column: value`` lines in the tooltip.
    name : str, default "Points"
        Layer name in the layer control and legend.
    color : str, default "#1f4e9a"
        Marker colour: a name, hex string or RGB tuple matplotlib reads; the page gets
        its hex form only (anything else raises :class:`~jregion.errors.OptionError`).
    radius : float, default 5.0
        Marker radius in pixels.
    decimals : int, default 1
        Decimals of non-integer numbers in tooltips.
    legend : bool, default True
        Add a legend entry for the layer.
    tiles : str, optional
        Base tiles for a new map; None (default) for a plain, offline background.
    m : folium.Map, optional
        Map to add the layer to, e.g. from :func:`jregion.explore_choropleth`;
        a new map fitted to the points otherwise.

    Returns
    -------
    folium.Map
        The map with the new layer (an overlay in the layer control).

    Raises
    ------
    TypeError
        If ``points`` is not a GeoDataFrame.
    jregion.GeometryError
        If a geometry is missing or not a Point.
    ValueError
        If ``label`` or a field is not a column.

    Examples
    --------
    >>> import geopandas as gpd, jregion
    >>> from shapely.geometry import Point
    >>> sites = gpd.GeoDataFrame({"site": ["Tsukuba"], "name_ja": ["筑波研究学園都市"]},
    ...                          geometry=[Point(140.11, 36.08)], crs="EPSG:4326")
    >>> m = jregion.explore_points(sites, label="site", name="Science city")
    >>> html = m.get_root().render()
    >>> "Tsukuba" in html and "筑波研究学園都市" in html
    True
    """
    check_decimals(decimals)
    color = css_color(color)
    frame = check_frame(points, what="points", points=True)
    check_map(m)
    wanted = [c for c in [label, *fields] if c is not None]
    absent = [c for c in wanted if c not in frame.columns]
    if absent:
        raise PlotOptionError(f"column(s) {absent} not in points; available: {list(frame.columns)}")
    if radius <= 0:
        raise OptionError(f"radius must be positive, got {radius!r}")
    if m is None:
        minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
        pad = 0.5
        m = new_map(tiles=tiles, bounds=[minx - pad, miny - pad, maxx + pad, maxy + pad])
    heads = [str(v) for v in (frame[label] if label is not None else frame.index)]
    ja = (
        ["" if pd.isna(v) else str(v) for v in frame["name_ja"]]
        if "name_ja" in frame.columns and label != "name_ja"
        else [""] * len(frame)
    )
    tooltips = [
        tooltip_html(
            heads[i],
            ja[i],
            [f"{field}: {_text(frame[field].iloc[i], decimals)}" for field in fields],
        )
        for i in range(len(frame))
    ]
    style = {"color": "#ffffff", "weight": 1.0, "fillColor": color, "fillOpacity": 0.9}
    layer = add_geojson_layer(
        m,
        feature_collection(frame, tooltips),
        name=name,
        styles={str(k): style for k in frame.index},
        show=True,
        attribution="",
        radius=radius,
    )
    if legend:
        add_legend(m, layer, legend_html("", [LegendEntry(color, name, len(frame))]), show=True)
    refresh_layer_control(m)
    return m
