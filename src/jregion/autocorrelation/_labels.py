"""Category labels of the local statistics: analysis owns them, maps and charts read them.

The LISA quadrants and the cluster label are results of :func:`~jregion.local_moran`, so
their names and order live here, in the analysis layer; the colours that draw them stay in
presentation (``jregion._palette.LISA_COLORS``, keyed by these labels).
"""

from __future__ import annotations

from typing import Final

__all__ = ["LISA_LABELS", "NOT_SIGNIFICANT"]

#: Label of a unit whose local statistic is not significant.
NOT_SIGNIFICANT: Final[str] = "Not significant"

#: LISA cluster labels, in the fixed order used by results, legends and maps: the four
#: Moran-scatterplot quadrants, then "Not significant".
LISA_LABELS: Final[tuple[str, ...]] = (
    "High-High",
    "Low-Low",
    "Low-High",
    "High-Low",
    NOT_SIGNIFICANT,
)
