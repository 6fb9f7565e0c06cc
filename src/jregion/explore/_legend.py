"""A plain-HTML legend control, shown while its layer is on the map."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jregion._optional import import_optional
from jregion.explore._escape import escape_html, js_literal

__all__ = ["LegendEntry", "add_legend", "legend_html"]

_BOX = (
    "display:inline-block;width:14px;height:14px;margin-right:6px;"
    "vertical-align:middle;border:1px solid {edge};background:{fill}"
)
_PANEL = (
    "background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;"
    "box-shadow:0 0 6px rgba(0,0,0,0.3);font:12px/1.5 sans-serif;color:#222"
)


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: a swatch, a label and a count of units."""

    color: str
    label: str
    count: int
    edge: str = "#555555"


def legend_html(title: str, entries: Sequence[LegendEntry]) -> str:
    """Build the legend's HTML; every text is escaped here.

    Parameters
    ----------
    title : str
        Heading of the legend (from data: escaped); ``""`` for none.
    entries : Sequence[LegendEntry]
        Rows in display order.

    Returns
    -------
    str
        An HTML fragment.

    Examples
    --------
    >>> html = legend_html("<b>", [LegendEntry("#ffffff", "No data", 2)])
    >>> "&lt;b&gt;" in html, "No data (2)" in html
    (True, True)
    """
    rows = []
    if title:
        rows.append(
            f'<div class="jregion-legend-title" style="font-weight:bold">{escape_html(title)}</div>'
        )
    for entry in entries:
        box = _BOX.format(edge=escape_html(entry.edge), fill=escape_html(entry.color))
        rows.append(
            f'<div class="jregion-legend-row"><span style="{box}"></span>'
            f"{escape_html(entry.label)} ({entry.count})</div>"
        )
    return f'<div class="jregion-legend" style="{_PANEL}">{"".join(rows)}</div>'


def add_legend(m: Any, layer: Any, html: str, *, show: bool) -> None:
    """Add a legend control to ``m`` that follows ``layer`` on and off the map.

    Parameters
    ----------
    m : folium.Map
        The map.
    layer : folium.map.Layer
        The layer the legend describes; the legend is shown while it is on the map.
    html : str
        Legend HTML from :func:`legend_html` (already escaped).
    show : bool
        Whether the layer, and so the legend, is shown when the map opens.

    Examples
    --------
    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> layer = folium.FeatureGroup(name="x").add_to(m)
    >>> add_legend(m, layer, legend_html("t", []), show=True)
    >>> "jregion-legend" in m.get_root().render()
    True
    """
    legend_class = _legend_class()
    m.add_child(legend_class(js_literal(html), layer.get_name(), m.get_name(), show))


@functools.cache
def _legend_class() -> Any:
    """Build the legend element class on first use (branca is imported lazily)."""
    branca_element = import_optional("branca.element")
    jinja2 = import_optional("jinja2")

    class _Legend(branca_element.MacroElement):  # type: ignore[misc,name-defined]
        _template = jinja2.Template(
            """
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: "bottomright"});
            {{ this.get_name() }}.onAdd = function (map) {
                var div = L.DomUtil.create("div", "jregion-legend-control");
                div.innerHTML = {{ this.html_js }};
                return div;
            };
            {{ this.layer_name }}.on("add", function () {
                {{ this.get_name() }}.addTo({{ this.map_name }});
            });
            {{ this.layer_name }}.on("remove", function () {
                {{ this.get_name() }}.remove();
            });
            {%- if this.show %}
            {{ this.get_name() }}.addTo({{ this.map_name }});
            {%- endif %}
            {% endmacro %}
            """
        )

        def __init__(self, html_js: str, layer_name: str, map_name: str, show: bool) -> None:
            super().__init__()
            self._name = "JRegionLegend"
            self.html_js = html_js
            self.layer_name = layer_name
            self.map_name = map_name
            self.show = show

    return _Legend
