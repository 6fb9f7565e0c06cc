"""Classified choropleth layers, one per indicator, with tooltips and legends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd

from jregion._palette import MISSING_COLOR
from jregion.classification import DEFAULT_CMAP, NonNumericError, Scheme, class_colors, classify
from jregion.errors import OptionError, PlotOptionError
from jregion.explore._layers import (
    EDGE,
    MISSING_EDGE,
    add_geojson_layer,
    check_decimals,
    check_frame,
    check_map,
    feature_collection,
    format_value,
    main_bounds,
    names_of,
    new_map,
    refresh_layer_control,
    tooltip_html,
)
from jregion.explore._legend import LegendEntry, add_legend, legend_html

__all__ = ["explore_choropleth"]


def add_prefecture_outlines(m: Any, outlines: Literal["prefecture"]) -> None:
    """Add the prefecture borders as a non-interactive line layer (``"Prefecture borders"``)."""
    from jregion.boundaries import load_prefectures

    prefs = load_prefectures()
    lines = prefs.set_geometry(prefs.boundary)
    style = {"color": "#000000", "weight": 1.2, "fill": False, "interactive": False}
    add_geojson_layer(
        m,
        feature_collection(lines, [""] * len(lines)),
        name="Prefecture borders",
        styles={str(k): style for k in lines.index},
        show=True,
        attribution="",
    )


def _per_column(option: str | Mapping[str, str] | None, column: str) -> str | None:
    if option is None or isinstance(option, str):
        return option
    return option.get(column)


def explore_choropleth(
    gdf: Any,
    column: str | Sequence[str],
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | None = None,
    cmap: str = DEFAULT_CMAP,
    units: str | Mapping[str, str] | None = None,
    label: str | Mapping[str, str] | None = None,
    rank: Literal["descending", "ascending"] = "descending",
    decimals: int = 1,
    missing_label: str = "No data",
    tiles: str | None = None,
    attribution: str | None = None,
    outlines: Literal["prefecture"] | None = None,
    m: Any = None,
) -> Any:
    """Interactive classified choropleth map of one or several indicators.

    Each column becomes a layer of the layer control (the first is shown) with
    its own legend. Classes come from :func:`jregion.classification.classify`, the
    function the static maps use, so a web map and a paper figure with the same
    options agree class for class and colour for colour. Every text that comes
    from data (names, labels, units) is HTML-escaped.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        One row per area, with a CRS. For prefectures start from
        ``jregion.load_prefectures(resolution="web")`` (simplified for the
        web, under 300 KB); full-resolution geometry makes a large file.
        Tooltip names come from the columns ``name_en`` and ``name_ja`` or,
        if absent and the index holds prefecture codes, from
        :func:`jregion.prefecture_table`.
    column : str or sequence of str
        Numeric column(s) to map (a non-string label such as ``2005`` is one
        column); NaN is drawn as missing (white, dashed outline) and labelled
        ``missing_label`` in the tooltip and legend.
    scheme, k, bins
        Classification, passed to :func:`jregion.classification.classify`.
    cmap : str, default "YlGnBu"
        Matplotlib colormap, sampled by :func:`jregion.classification.class_colors` exactly as
        the static maps are, so a web map and a paper figure of one classification agree.
    units : str or mapping of column to str, optional
        Units shown after each value in the tooltip and in the legend title.
    label : str or mapping of column to str, optional
        Display name of each indicator (layer name, legend title); the column
        name by default.
    rank : {"descending", "ascending"}, default "descending"
        Rank 1 is the largest value (``"descending"``) or the smallest; ties
        share the best rank; missing values are not ranked.
    decimals : int, default 1
        Decimals of non-integer values in tooltips.
    missing_label : str, default "No data"
        Text for missing values.
    tiles : str, optional
        Base tiles (a Folium/xyzservices name such as ``"OpenStreetMap"``).
        None (default) draws a plain background, which works offline.
    attribution : str, optional
        Credit line shown on the map; by default the boundary data credit
        :func:`jregion.attribution`. Pass ``""`` for none.
    outlines : {"prefecture"} or None, default None
        ``"prefecture"`` draws the prefecture borders over the fills (for
        municipal maps from :func:`jregion.load_municipalities`), as a layer
        that does not catch the mouse, so the municipal tooltips still show.
    m : folium.Map, optional
        Add the layers to this map (made by a ``jregion.explore_*`` function)
        instead of a new one.

    Returns
    -------
    folium.Map
        The map; write it with :func:`jregion.save_html`.

    Raises
    ------
    TypeError
        If ``gdf`` is not a GeoDataFrame.
    jregion.errors.NonNumericError
        If a column is not numeric.
    jregion.PlotOptionError
        If a column is missing (a ValueError, as are the errors of
        :func:`jregion.classification.classify`).
    jregion.CRSError
        If the coordinates cannot be in the layer's CRS (metres labelled EPSG:4326).
    jregion.DuplicateKeyError
        If two index values differ only in type (``1`` and ``"1"``).
    jregion.OptionError
        If ``decimals`` is not an integer >= 0 or ``rank`` is unknown.

    Examples
    --------
    >>> import jregion
    >>> prefs = jregion.load_prefectures(resolution="web")
    >>> area = prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    >>> m = jregion.explore_choropleth(prefs.assign(area=area), "area", units="km²", k=4)
    >>> html = m.get_root().render()
    >>> "Hokkaido" in html and "北海道" in html and "Rank 1 of 47" in html
    True
    """
    # one label (a str, or an int/other scalar label such as 2005) or a list of labels
    columns = list(column) if isinstance(column, (list, tuple, pd.Index)) else [column]
    if not columns:
        raise PlotOptionError("column is empty; name at least one numeric column to map")
    if outlines not in (None, "prefecture"):
        raise PlotOptionError(f"outlines must be 'prefecture' or None, got {outlines!r}")
    if rank not in ("descending", "ascending"):
        raise OptionError(f"rank must be 'descending' or 'ascending', got {rank!r}")
    check_decimals(decimals)
    frame = check_frame(gdf, what="gdf")
    check_map(m)
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        available = [c for c in frame.columns if c != frame.geometry.name]
        raise PlotOptionError(f"column(s) {absent!r} not in gdf; available: {available}")
    if attribution is None:
        from jregion.boundaries import attribution as boundary_credit

        attribution = boundary_credit()
    if m is None:
        m = new_map(tiles=tiles, bounds=main_bounds(frame))
    en, ja = names_of(frame)
    for position, col in enumerate(columns):
        values = frame[col]
        if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(
            values.dtype
        ):
            raise NonNumericError(
                f"column {col!r} has dtype {values.dtype}, not numbers; convert it first, "
                "for example with pandas.to_numeric(..., errors='raise')"
            )
        values = values.astype("float64")
        _add_indicator(
            m,
            frame,
            values,
            name=_per_column(label, str(col)) or str(col),
            unit=_per_column(units, str(col)),
            names=(en, ja),
            classes=classify(values, scheme=scheme, k=k, bins=bins),
            cmap=cmap,
            rank=rank,
            decimals=decimals,
            missing_label=missing_label,
            attribution=attribution if position == 0 else "",
            show=position == 0,
        )
    if outlines is not None:
        add_prefecture_outlines(m, outlines)
    refresh_layer_control(m)
    return m


def _add_indicator(
    m: Any,
    frame: Any,
    values: pd.Series,
    *,
    name: str,
    unit: str | None,
    names: tuple[list[str], list[str]],
    classes: Any,
    cmap: str,
    rank: str,
    decimals: int,
    missing_label: str,
    attribution: str,
    show: bool,
) -> None:
    colors = class_colors(classes.k, cmap=cmap)
    ranks = values.rank(ascending=rank == "ascending", method="min")
    n_ranked = int(values.notna().sum())
    suffix = f" {unit}" if unit else ""
    tooltips: list[str] = []
    styles: dict[str, dict[str, Any]] = {}
    for i, key in enumerate(frame.index):
        value = values.iloc[i]
        if pd.isna(value):
            lines = [f"{name}: {missing_label}"]
            styles[str(key)] = {
                "fillColor": MISSING_COLOR,
                "color": MISSING_EDGE,
                "weight": 0.8,
                "dashArray": "3",
                "fillOpacity": 0.9,
            }
        else:
            lines = [
                f"{name}: {format_value(float(value), decimals=decimals)}{suffix}",
                f"Rank {int(ranks.iloc[i])} of {n_ranked}",
            ]
            color = colors[int(classes.yb.iloc[i])]
            styles[str(key)] = {
                "fillColor": color,
                "color": EDGE,
                "weight": 0.6,
                "fillOpacity": 0.85,
            }
        tooltips.append(tooltip_html(names[0][i], names[1][i], lines))
    layer = add_geojson_layer(
        m,
        feature_collection(frame, tooltips),
        name=name,
        styles=styles,
        show=show,
        attribution=attribution,
    )
    entries = [
        LegendEntry(colors[i], classes.legend_labels[i], classes.counts[i])
        for i in range(classes.k)
    ]
    if classes.n_missing:
        entries.append(LegendEntry(MISSING_COLOR, missing_label, classes.n_missing, MISSING_EDGE))
    title = f"{name} ({unit})" if unit else name
    add_legend(m, layer, legend_html(title, entries), show=show)
