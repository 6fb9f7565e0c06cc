"""Concentration toolkit: LQ, inequality, Theil, agglomeration, shift-share, corridors.

Every function takes a DataFrame keyed by prefecture, region, municipality or mesh code
(rows: spatial units; columns: activities or years) or a Series, computes all columns at
once, and returns pandas objects aligned to the input, or a frozen dataclass with
``to_frame()``. Bad input raises a :mod:`jregion.errors` subclass: negative counts and
all-zero columns :class:`InvalidDataError`, NaN :class:`~jregion.errors.MissingValueError`,
mismatched indexes :class:`~jregion.errors.UnmatchedKeyError`, keys outside the scheme and
unknown corridor cities :class:`~jregion.errors.UnknownCodeError`.

Examples
--------
>>> import jregion
>>> from jregion.indicators import load_indicator
>>> m = load_indicator("manufacturing", year=2005)
>>> round(jregion.gini(m["persons_employed"]), 3)
0.429
"""

from __future__ import annotations

from jregion.concentration._agglomeration import (
    coagglomeration,
    ellison_glaeser,
    group_coagglomeration,
)
from jregion.concentration._corridor import (
    TOKAIDO_CITIES,
    corridor_buffer,
    corridor_cities,
    corridor_line,
    corridor_share,
    distance_profile,
)
from jregion.concentration._inequality import (
    LorenzCurve,
    coefficient_of_variation,
    concentration_ratio,
    gini,
    herfindahl,
    hoover,
    lorenz_curve,
    williamson,
)
from jregion.concentration._inference import (
    BootstrapResult,
    LQInterval,
    bootstrap_inequality,
    lq_interval,
)
from jregion.concentration._lq import (
    krugman_concentration,
    krugman_specialisation,
    location_quotient,
    spatial_location_quotient,
)
from jregion.concentration._shares import primacy_ratio, region_set_share, region_shares
from jregion.concentration._shiftshare import ShareChange, ShiftShare, share_change, shift_share
from jregion.concentration._theil import TheilDecomposition, theil, theil_decomposition
from jregion.concentration._validate import InvalidDataError

__all__ = [
    "TOKAIDO_CITIES",
    "BootstrapResult",
    "InvalidDataError",
    "LQInterval",
    "LorenzCurve",
    "ShareChange",
    "ShiftShare",
    "TheilDecomposition",
    "bootstrap_inequality",
    "coagglomeration",
    "coefficient_of_variation",
    "concentration_ratio",
    "corridor_buffer",
    "corridor_cities",
    "corridor_line",
    "corridor_share",
    "distance_profile",
    "ellison_glaeser",
    "gini",
    "group_coagglomeration",
    "herfindahl",
    "hoover",
    "krugman_concentration",
    "krugman_specialisation",
    "location_quotient",
    "lorenz_curve",
    "lq_interval",
    "primacy_ratio",
    "region_set_share",
    "region_shares",
    "share_change",
    "shift_share",
    "spatial_location_quotient",
    "theil",
    "theil_decomposition",
    "williamson",
]
