"""Shared machinery of the explore functions: input checks, maps, layers, tooltips."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion._optional import import_optional
from jregion.crs import check_plausible_crs
from jregion.errors import CRSError, DuplicateKeyError, GeometryError, OptionError
from jregion.explore._escape import escape_html, js_literal
from jregion.explore._html import LEAFLET_CSS_CDN, LEAFLET_JS_CDN

__all__ = [
    "add_geojson_layer",
    "check_decimals",
    "check_frame",
    "check_map",
    "css_color",
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
    check_unique(
        gdf.index,
        what=what,
        kind="index values",
        fix="each row must have its own key (the key identifies the shape in the map)",
    )
    as_text = pd.Index([str(k) for k in gdf.index])
    if as_text.has_duplicates:  # 1 and "1" would share one feature id and style
        clash = as_text[as_text.duplicated()].unique().tolist()[:5]
        same = [[k for k in gdf.index if str(k) == c] for c in clash]
        raise DuplicateKeyError(
            f"{what} has index values that differ only in type, {same}; the map keys shapes "
            "by text, so they would share one feature: make the index one type "
            "(e.g. gdf.index = gdf.index.astype(str)) after removing the duplicate"
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
    check_plausible_crs(gdf, what=what)
    return gdf.to_crs("EPSG:4326")


def check_decimals(decimals: object) -> int:
    """Return ``decimals`` if it is a non-negative int, else raise OptionError."""
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or decimals < 0:
        raise OptionError(f"decimals must be an integer >= 0, got {decimals!r}")
    return int(decimals)


def css_color(color: object, *, what: str = "color") -> str:
    """Return a colour as a CSS hex string (``#rrggbb`` or ``#rrggbbaa``), or raise OptionError.

    Anything matplotlib reads as a colour is accepted (names, hex, RGB tuples); the page
    receives only the hex form, so no other text reaches its style.
    """
    from matplotlib.colors import is_color_like, to_hex, to_rgba

    if not (isinstance(color, (str, tuple, list)) and is_color_like(color)):
        raise OptionError(
            f"{what} {color!r} is not a colour; use a name ('navy'), a hex string "
            "('#1f4e9a') or an RGB tuple ((0.1, 0.3, 0.6))"
        )
    c: Any = color
    return str(to_hex(c, keep_alpha=to_rgba(c)[3] < 1.0))


def check_map(m: Any) -> None:
    """Raise TypeError unless ``m`` is None or a ``folium.Map``."""
    if m is None:
        return
    folium = import_optional("folium")
    if not isinstance(m, folium.Map):
        raise TypeError(f"m must be a folium.Map (or None for a new map), got {type(m).__name__}")


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


def tooltip_html(name_en: str, name_ja: str, lines: Sequence[str]) -> str:
    """Tooltip HTML: the names as a heading, then one line each; all text escaped."""
    head = f"<b>{escape_html(name_en)}</b>"
    if name_ja:
        head += f" <span lang='ja'>{escape_html(name_ja)}</span>"
    body = "".join(f"<br>{escape_html(line)}" for line in lines)
    return f"<div class='jregion-tip'>{head}{body}</div>"


def feature_collection(gdf: Any, tooltips: Sequence[str]) -> dict[str, Any]:
    """GeoJSON of ``gdf`` with ids from the index and only the tooltip as a property.

    Coordinates are rounded to 5 decimals (about 1 m), plenty for a web map.
    """
    shapely = import_optional("shapely")
    geoms = shapely.transform(np.asarray(gdf.geometry.array), lambda c: np.round(c, 5))
    texts = shapely.to_geojson(geoms)
    features = []
    for i, (key, text) in enumerate(zip(gdf.index, texts, strict=True)):
        features.append(
            {
                "type": "Feature",
                "id": str(key),
                "properties": {"tooltip": tooltips[i]},
                "geometry": json.loads(text),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def new_map(*, tiles: str | None, bounds: Sequence[float] | None) -> Any:
    """Make a Leaflet-only ``folium.Map`` (no jQuery/Bootstrap), fitted to ``bounds``."""
    folium = import_optional("folium")
    m = folium.Map(
        location=[36.5, 137.0], zoom_start=5, tiles=None, control_scale=True, zoom_snap=0.25
    )
    # Instance attributes shadow Folium's class lists: our maps need Leaflet only.
    m.default_js = [("leaflet", LEAFLET_JS_CDN)]
    m.default_css = [("leaflet_css", LEAFLET_CSS_CDN)]
    if tiles is not None:
        folium.TileLayer(tiles, control=True).add_to(m)
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        # Not Folium's fit_bounds: that animates from zoom_start, and a view set while the
        # animation runs (by a user or a script) is overridden when it ends.
        corners = js_literal([[miny, minx], [maxy, maxx]])
        m.add_child(_script_class()(f"{m.get_name()}.fitBounds({corners}, {{animate: false}});"))
    return m


@functools.cache
def _script_class() -> Any:
    """Build an element class that adds one fixed line of JavaScript to the map script."""
    branca_element = import_optional("branca.element")
    jinja2 = import_optional("jinja2")

    class _Script(branca_element.MacroElement):  # type: ignore[misc,name-defined]
        _template = jinja2.Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

        def __init__(self, code: str) -> None:
            super().__init__()
            self._name = "JRegionScript"
            self.code = code

    return _Script


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
    radius: float | None = None,
) -> Any:
    """Add one GeoJSON overlay with per-feature styles, a hover highlight and tooltips.

    Each feature's ``properties`` must hold ``tooltip`` (escaped HTML); its
    style is taken from ``styles[feature id]``. Points become circle markers
    of ``radius`` pixels. The GeoJSON is embedded as compact JSON that is safe
    inside an inline script.
    """
    features = [
        {**f, "properties": {**f["properties"], "style": dict(styles[f["id"]])}}
        for f in data["features"]
    ]
    layer = _geojson_class()(
        name=escape_html(name),
        show=show,
        data_js=js_literal({"type": "FeatureCollection", "features": features}),
        attribution_js=js_literal(escape_html(attribution)),
        radius_js=js_literal(radius),
    )
    layer.add_to(m)
    return layer


@functools.cache
def _geojson_class() -> Any:
    """Build the layer element class on first use (folium is imported lazily)."""
    folium_map = import_optional("folium.map")
    jinja2 = import_optional("jinja2")

    class _GeoJsonLayer(folium_map.Layer):  # type: ignore[misc,name-defined]
        _template = jinja2.Template(
            """
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJson(null, {
                attribution: {{ this.attribution_js }},
                style: function (feature) { return feature.properties.style; },
                pointToLayer: function (feature, latlng) {
                    return L.circleMarker(latlng, {radius: {{ this.radius_js }} || 5});
                },
                onEachFeature: function (feature, layer) {
                    layer.bindTooltip(feature.properties.tooltip,
                                      {sticky: true, className: "jregion-tooltip"});
                    layer.on({
                        mouseover: function (e) {
                            e.target.setStyle({weight: 2.5, color: "#000000"});
                            if (e.target.bringToFront) { e.target.bringToFront(); }
                        },
                        mouseout: function (e) {
                            {{ this.get_name() }}.resetStyle(e.target);
                        }
                    });
                }
            });
            {{ this.get_name() }}.addData({{ this.data_js }});
            {% endmacro %}
            """
        )

        def __init__(
            self, *, name: str, show: bool, data_js: str, attribution_js: str, radius_js: str
        ) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "JRegionGeoJson"
            self.data_js = data_js
            self.attribution_js = attribution_js
            self.radius_js = radius_js

    return _GeoJsonLayer


def refresh_layer_control(m: Any) -> None:
    """Keep exactly one layer control, placed after every layer (Folium needs it last)."""
    folium = import_optional("folium")
    for key in [k for k, c in m._children.items() if isinstance(c, folium.LayerControl)]:
        del m._children[key]
    folium.LayerControl(collapsed=False).add_to(m)
