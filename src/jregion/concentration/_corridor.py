"""Corridor shares: activity inside the Tokaido belt, as a prefecture set or a buffer.

A corridor is either the prefectures of a region scheme (``method="membership"``, the
``tokaido`` scheme by default) or a buffer of ``distance_km`` around a polyline through
named cities (``method="area"`` for polygons, apportioned by area overlap, or
``method="points"`` for point data such as factories and laboratories).

This module holds :func:`corridor_share`, its options and the registry of its methods. The
geometry (cities, polyline, buffer, and the choice of projection for distances) is in
``_corridor_line.py``; each method's computation in ``_corridor_methods.py``, over the inputs
prepared in ``_corridor_data.py``; :func:`distance_profile` in ``_distance_profile.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import pandas as pd

from jregion.concentration._corridor_line import (
    TOKAIDO_CITIES,
    corridor_buffer,
    corridor_cities,
    corridor_line,
)
from jregion.concentration._corridor_methods import (
    _area_share,
    _CorridorOptions,
    _membership_share,
    _points_share,
)
from jregion.concentration._distance_profile import distance_profile
from jregion.concentration._groups import Coverage, Level
from jregion.concentration._validate import InvalidDataError
from jregion.regions import SchemeLike

__all__ = [
    "TOKAIDO_CITIES",
    "corridor_buffer",
    "corridor_cities",
    "corridor_line",
    "corridor_share",
    "distance_profile",
]

CorridorMethod = Literal["membership", "area", "points"]


def corridor_share(
    data: Any,
    *,
    method: CorridorMethod,
    distance_km: float | None = None,
    cities: Sequence[str] = TOKAIDO_CITIES,
    columns: str | Sequence[str] | None = None,
    scheme: SchemeLike = "tokaido",
    region: str = "Tokaido belt",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series:
    """Share of activity inside a corridor.

    Parameters
    ----------
    data : DataFrame, Series or GeoDataFrame
        ``"membership"``: activity keyed by prefecture (or municipality) code.
        ``"area"``: a GeoDataFrame of polygons with activity columns, or a DataFrame
        keyed by prefecture (the bundled prefecture polygons are used).
        ``"points"``: a GeoDataFrame of points, optionally with weight columns.
    method : {"membership", "area", "points"}
        Chosen explicitly. ``"membership"``: the units whose region in ``scheme`` is
        ``region``. ``"area"``: each polygon's activity times the share of its area
        within the buffer (activity assumed uniform inside a unit). ``"points"``: points
        within ``distance_km`` of the polyline.
    distance_km : float, optional
        Buffer radius, required for ``"area"`` and ``"points"``, refused otherwise.
    cities : sequence of str, default TOKAIDO_CITIES
        The polyline's cities (for ``"area"`` and ``"points"``).
    columns : str or sequence of str, optional
        Activity columns; default all non-geometry columns, or the point count.
    scheme : str or Mapping, default "tokaido"
        Region scheme for ``"membership"``.
    region : str, default "Tokaido belt"
        The scheme's corridor region (e.g. ``"Pacific belt"`` with
        ``scheme="pacific_belt"``).
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index for ``"membership"``.
    coverage : {"full", "partial"}, default "full"
        For data keyed by prefecture (``"membership"``, and ``"area"`` with a plain
        DataFrame): ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row, since the share is of the national total; ``"partial"``
        takes the share of the covered total. GeoDataFrames and points are the user's
        own units and are taken as given.

    Returns
    -------
    Series
        Share per activity column (``"count"`` for unweighted points), named
        ``"corridor_share"``. For prefecture-keyed data ``attrs["jregion_coverage"]``
        lists the prefectures used and those missing.

    Raises
    ------
    UnknownCodeError
        Unknown city name (with suggestions), or a key that is not a prefecture.
    InvalidDataError
        ``distance_km`` missing, refused, or not positive; negative or NaN activity.
    GeometryError, CRSError
        Geometries of the wrong type, empty, or data without a CRS or with coordinates that
        cannot be in the CRS they are labelled with (degrees labelled projected, or metres
        labelled lon/lat).

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed"]]
    >>> jregion.corridor_share(m, method="membership").round(3).tolist()
    [0.424]
    >>> jregion.corridor_share(m, method="area", distance_km=50).round(3).tolist()
    [0.412]
    """
    options = _CorridorOptions(
        distance_km=distance_km, cities=tuple(cities), columns=columns, scheme=scheme,
        region=region, level=level, coverage=coverage,
    )
    share = _CORRIDOR_METHODS.get(method)
    if share is None:
        raise InvalidDataError(
            f"method must be 'membership', 'area' or 'points', got {method!r}"
        )
    return share(data, options)


#: corridor_share's methods, keyed by the ``method`` option.
_CORRIDOR_METHODS: dict[str, Callable[[Any, _CorridorOptions], pd.Series]] = {
    "membership": _membership_share,
    "area": _area_share,
    "points": _points_share,
}
