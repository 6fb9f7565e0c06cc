"""Shared machinery of the explore functions: input checks, maps, layers, tooltips."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from jregion._optional import import_optional
from jregion.errors import CRSError, DuplicateKeyError, GeometryError
from jregion.explore._escape import escape_html
from jregion.explore._html import LEAFLET_CSS_CDN, LEAFLET_JS_CDN

__all__ = [
    "add_geojson_layer",
    "check_frame",
    "class_colors",
    "feature_collection",
    "format_value",
    "names_of",
    "new_map",
    "refresh_layer_control",
    "tooltip_html",
]

#: Outline of every drawn shape; missing values get a dashed grey outline.
EDGE = "#555555"
MISSING_EDGE = "#888888"


def check_frame(gdf: Any, *, what: str, points: bool = False) -> Any:
    """Validate a GeoDataFrame and return a copy in EPSG:4326.

    Raises TypeError, CRSError, DuplicateKeyError or GeometryError naming the rows.
    """
    gpd = import_optional("geopandas")
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(
            f"{what} must be a geopandas.GeoDataFrame, got {type(gdf).__name__}; "
            "for prefectures start from jregion.load_prefectures(resolution='web')"
        )
    if len(gdf) == 0:
        raise ValueError(f"{what} has no rows; there is nothing to map")
    if gdf.crs is None:
        raise CRSError(f"{what} has no CRS; set it first, e.g. gdf.set_crs('EPSG:4326')")
    if gdf.index.has_duplicates:
        dup = gdf.index[gdf.index.duplicated()].unique().tolist()[:5]
        raise DuplicateKeyError(
            f"{what} has duplicate index values {dup}; each row must have its own key "
            "(the key identifies the shape in the map)"
        )
    geom = gdf.geometry
    bad = geom.isna() | geom.is_empty
    if bad.any():
        raise GeometryError(
            f"{what} has missing or empty geometry in rows {gdf.index[bad].tolist()[:10]}; "
            "drop or fix those rows explicitly"
        )
    if points:
        kinds = set(geom.geom_type.unique())
        if not kinds <= {"Point"}:
            raise GeometryError(
                f"{what} must hold Point geometries, got {sorted(kinds)}; use "
                "gdf.representative_point() for polygons"
            )
    return gdf.to_crs("EPSG:4326")


def names_of(gdf: Any) -> tuple[list[str], list[str]]:
    """English and Japanese display names of each row.

    Columns ``name_en``/``name_ja`` when present; otherwise, when the index
    holds prefecture codes, the names from :func:`jregion.prefecture_table`;
    otherwise the index itself and no Japanese name.
    """
    from jregion.codes import PREFECTURE_CODES, prefecture_table

    keys = [str(k) for k in gdf.index]
    table = prefecture_table() if set(keys) <= set(PREFECTURE_CODES) else None
    if "name_en" in gdf.columns:
        en = ["" if pd.isna(v) else str(v) for v in gdf["name_en"]]
    elif table is not None:
        en = [str(table.at[k, "name_en"]) for k in keys]
    else:
        en = keys
    if "name_ja" in gdf.columns:
        ja = ["" if pd.isna(v) else str(v) for v in gdf["name_ja"]]
    elif table is not None:
        ja = [str(table.at[k, "name_ja"]) for k in keys]
    else:
        ja = [""] * len(keys)
    return en, ja


def format_value(value: float, *, decimals: int) -> str:
    """Format a number with thousands separators; integers get no decimals."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}"
    return f"{value:,.{decimals}f}"


def tooltip_html(name_en: str, name_ja: str, rows: Sequence[tuple[str, str]]) -> str:
    """Tooltip HTML: the names as a heading, then ``label: value`` rows; all escaped."""
    head = f"<b>{escape_html(name_en)}</b>"
    if name_ja:
        head += f" <span lang='ja'>{escape_html(name_ja)}</span>"
    body = "".join(f"<br>{escape_html(label)}: {escape_html(value)}" for label, value in rows)
    return f"<div class='jregion-tooltip'>{head}{body}</div>"


def class_colors(cmap: str, k: int) -> list[str]:
    """``k`` colours sampled evenly from a Matplotlib colormap, as hex strings.

    Class ``i`` gets ``cmap(i / (k - 1))`` (the first colour when ``k == 1``),
    the rule geopandas uses for classified maps, so web and static maps match.
    """
    matplotlib = import_optional("matplotlib")
    colors = import_optional("matplotlib.colors")
    try:
        cm = matplotlib.colormaps[cmap]
    except KeyError:
        raise ValueError(
            f"unknown colormap {cmap!r}; use a Matplotlib name such as 'YlOrRd' or 'viridis'"
        ) from None
    steps = [0.0] if k == 1 else [i / (k - 1) for i in range(k)]
    return [str(colors.to_hex(cm(s))) for s in steps]


def feature_collection(
    gdf: Any, tooltips: Sequence[str], extra: Mapping[str, Sequence[Any]] | None = None
) -> dict[str, Any]:
    """GeoJSON of ``gdf`` with ids from the index and only the tooltip as a property.

    Coordinates are rounded to 5 decimals (about 1 m), plenty for a web map.
    """
    shapely = import_optional("shapely")
    geoms = shapely.transform(np.asarray(gdf.geometry.array), lambda c: np.round(c, 5))
    texts = shapely.to_geojson(geoms)
    features = []
    for i, (key, text) in enumerate(zip(gdf.index, texts, strict=True)):
        props: dict[str, Any] = {"tooltip": tooltips[i]}
        for name, values in (extra or {}).items():
            props[name] = values[i]
        features.append(
            {"type": "Feature", "id": str(key), "properties": props, "geometry": json.loads(text)}
        )
    return {"type": "FeatureCollection", "features": features}


def new_map(*, tiles: str | None, bounds: Sequence[float] | None) -> Any:
    """A Leaflet-only ``folium.Map`` (no jQuery/Bootstrap), fitted to ``bounds``."""
    folium = import_optional("folium")
    m = folium.Map(location=[36.5, 137.0], zoom_start=5, tiles=None, control_scale=True)
    # Instance attributes shadow Folium's class lists: our maps need Leaflet only.
    m.default_js = [("leaflet", LEAFLET_JS_CDN)]
    m.default_css = [("leaflet_css", LEAFLET_CSS_CDN)]
    if tiles is not None:
        folium.TileLayer(tiles, control=True).add_to(m)
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def main_bounds(gdf: Any) -> list[float]:
    """Bounds of the largest part of each shape (the main islands, not far outliers)."""
    shapely = import_optional("shapely")
    parts, owner = shapely.get_parts(np.asarray(gdf.geometry.array), return_index=True)
    area = pd.Series(shapely.area(parts))
    largest = area.groupby(owner).idxmax().to_numpy()
    b = shapely.total_bounds(parts[largest])
    if not all(math.isfinite(v) for v in b):
        return [float(v) for v in gdf.total_bounds]
    return [float(v) for v in b]


def add_geojson_layer(
    m: Any,
    data: dict[str, Any],
    *,
    name: str,
    styles: Mapping[str, Mapping[str, Any]],
    show: bool,
    attribution: str,
    marker: Any = None,
) -> Any:
    """Add one GeoJSON overlay with per-feature styles, a hover highlight and tooltips."""
    folium = import_optional("folium")
    options: dict[str, Any] = {}
    if attribution:
        options["attribution"] = escape_html(attribution)
    style_of = dict(styles)
    layer = folium.GeoJson(
        data,
        name=escape_html(name),
        overlay=True,
        control=True,
        show=show,
        style_function=lambda f: dict(style_of[f["id"]]),
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
        marker=marker,
        **options,
    )
    layer.add_to(m)
    return layer


def refresh_layer_control(m: Any) -> None:
    """Keep exactly one layer control, placed after every layer (Folium needs it last)."""
    folium = import_optional("folium")
    for key in [k for k, c in m._children.items() if isinstance(c, folium.LayerControl)]:
        del m._children[key]
    folium.LayerControl(collapsed=False).add_to(m)
