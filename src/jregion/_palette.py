"""Colours and category orders shared by the analysis results and both map layers.

Plain data only (no matplotlib, no folium), so analysis modules may import it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LISA_COLORS", "LISA_LABELS", "MISSING_COLOR"]

#: LISA cluster labels, in the fixed order used by results, legends and maps.
LISA_LABELS: Final[tuple[str, ...]] = (
    "High-High",
    "Low-Low",
    "Low-High",
    "High-Low",
    "Not significant",
)

#: Fixed LISA colours (GeoDa's convention), keyed by label.
LISA_COLORS: Final[dict[str, str]] = {
    "High-High": "#d7191c",
    "Low-Low": "#2c7bb6",
    "Low-High": "#abd9e9",
    "High-Low": "#fdae61",
    "Not significant": "#d3d3d3",
}

#: Fill for missing values on every map.
MISSING_COLOR: Final[str] = "#ffffff"
