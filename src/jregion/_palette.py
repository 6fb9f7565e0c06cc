"""Colours shared by both map layers (plotting and explore): presentation only.

The LISA cluster labels these colours are keyed by belong to the analysis layer
(:data:`jregion.autocorrelation._labels.LISA_LABELS`); presentation imports them from there.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LISA_COLORS", "MISSING_COLOR"]

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
