"""Interactive Folium maps: choropleths, point layers, LISA clusters, offline HTML.

Folium and Matplotlib (for colormaps) are imported only inside the functions.
Every text that comes from data is HTML-escaped before it reaches the map
(Folium inserts tooltip and popup content as raw HTML, folium#1315 and #1640,
and Leaflet's layer control and attribution use ``innerHTML`` too).

Offline HTML: why the vendored npm ``leaflet`` and not ``folium-offline``
------------------------------------------------------------------------
:func:`save_html` with ``assets="inline"`` embeds Leaflet 1.9.4, vendored
unchanged from the npm package ``leaflet`` in ``jregion/_assets`` with its
BSD-2-Clause licence. The maps built here use Leaflet alone (circle markers,
a plain-HTML legend, no jQuery, Bootstrap or Font Awesome), so one 148 KB
script and one 15 KB stylesheet (its three images as ``data:`` URIs) are all
a file needs. The PyPI package ``folium-offline`` (0.20.0.2, read from its
wheel) was evaluated and not used: it is a full fork of folium under another
import name (``offlinefolium``), so maps would have to be built with its
classes rather than folium's and would follow its release lag; it embeds about
1.4 MB per map (Leaflet 1.9.3, jQuery, Bootstrap 5, Font Awesome and plugins,
as JavaScript strings inside 3.5 MB Python modules); and it ships no licence
files or provenance for the embedded code. Inlining a vendored copy keeps
folium itself, records exactly which bytes are embedded, and refuses (with
:class:`UnvendoredAssetError`) to write an "offline" file that still needs
any other web resource.
"""

from __future__ import annotations

from jregion.explore._choropleth import explore_choropleth
from jregion.explore._html import LEAFLET_VERSION, UnvendoredAssetError, save_html
from jregion.explore._lisa import explore_lisa
from jregion.explore._points import explore_points

__all__ = [
    "LEAFLET_VERSION",
    "UnvendoredAssetError",
    "explore_choropleth",
    "explore_lisa",
    "explore_points",
    "save_html",
]
