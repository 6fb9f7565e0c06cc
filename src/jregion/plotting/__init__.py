"""Publication maps with matplotlib: choropleths, LISA maps, charts, export.

Every function imports matplotlib only when called (``pip install "jregion[maps]"``).
Japanese text uses IPAexGothic from matplotlib-fontja with no set-up.
"""

from __future__ import annotations

from jregion.plotting._charts import plot_lisa, plot_lorenz, plot_moran_scatter
from jregion.plotting._choropleth import plot_choropleth, plot_facets
from jregion.plotting._export import save_figure
from jregion.plotting._layers import PointLayer
from jregion.plotting._raster import plot_mesh
from jregion.plotting._styles import (
    DEFAULT_CMAP,
    OKABE_ITO,
    PRESETS,
    PlotOptionError,
    Preset,
    class_colors,
    get_preset,
)

__all__ = [
    "DEFAULT_CMAP",
    "OKABE_ITO",
    "PRESETS",
    "PlotOptionError",
    "PointLayer",
    "Preset",
    "class_colors",
    "get_preset",
    "plot_choropleth",
    "plot_facets",
    "plot_lisa",
    "plot_lorenz",
    "plot_mesh",
    "plot_moran_scatter",
    "save_figure",
]
