"""The computation of each :func:`~jregion.corridor_share` method, over its options.

``"membership"`` takes the prefectures of a region scheme; ``"area"`` apportions polygons by
their area inside the buffer; ``"points"`` counts the points within ``distance_km`` of the
polyline. The registry that dispatches to them is in ``_corridor.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from jregion.concentration._corridor_data import _activity, _area_fraction, _as_geo, _weighted_share
from jregion.concentration._corridor_line import (
    _buffer_local,
    _check_distance,
    _line_local,
    _lookup,
)
from jregion.concentration._groups import Coverage, Level, group_labels, prefecture_coverage
from jregion.concentration._validate import InvalidDataError, as_table
from jregion.regions import SchemeLike, normalise_region

__all__: list[str] = []


@dataclass(frozen=True)
class _CorridorOptions:
    """The keyword options of :func:`corridor_share`, passed to the method's function."""

    distance_km: float | None
    cities: tuple[str, ...]
    columns: str | Sequence[str] | None
    scheme: SchemeLike
    region: str
    level: Level
    coverage: Coverage


def _membership_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="membership"``: the share of the units whose region is ``o.region``."""
    if o.distance_km is not None:
        raise InvalidDataError(
            "distance_km is not used with method='membership' (a prefecture set); "
            "use method='area' or 'points' for a buffer"
        )
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame or Series, got {type(data).__name__}")
    if o.columns is not None:
        frame = _activity(frame, o.columns, "membership")
    elif hasattr(frame, "geometry") and hasattr(frame, "_geometry_column_name"):
        frame = pd.DataFrame(frame.drop(columns=frame._geometry_column_name))
    tab = as_table(frame)
    report = prefecture_coverage(tab.index, level=o.level, coverage=o.coverage)
    label = normalise_region(o.region, o.scheme)
    inside = (group_labels(tab.index, o.scheme, level=o.level) == label).astype(float)
    out = _weighted_share(frame, inside, "corridor_share")
    out.attrs = {"jregion_coverage": report}
    return out


def _radius(o: _CorridorOptions, method: Literal["area", "points"]) -> float:
    """Return the checked buffer radius in km, which the buffer methods require."""
    if o.distance_km is None:
        raise InvalidDataError(
            f"method={method!r} needs distance_km (the buffer radius in km)"
        )
    return _check_distance(o.distance_km)


def _area_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="area"``: each polygon's activity times its area share inside the buffer."""
    d = _radius(o, "area")
    report = None
    if isinstance(data, pd.DataFrame | pd.Series) and not hasattr(data, "_geometry_column_name"):
        report = prefecture_coverage(data.index, coverage=o.coverage)
    geo = _as_geo(data, "area")
    frame = _activity(geo, o.columns, "area")
    zone, crs = _buffer_local(o.cities, d)
    out = _weighted_share(frame, _area_fraction(geo, zone, crs), "corridor_share")
    if report is not None:
        out.attrs = {"jregion_coverage": report}
    return out


def _points_share(data: Any, o: _CorridorOptions) -> pd.Series:
    """``method="points"``: the points within ``distance_km`` of the corridor's polyline."""
    import shapely

    d = _radius(o, "points")
    geo = _as_geo(data, "points")
    frame = _activity(geo, o.columns, "points")
    _zone, crs = _buffer_local(o.cities, d)
    line = _line_local(_lookup(o.cities), crs)
    xy = geo.geometry.to_crs(crs)
    w = (shapely.distance(xy.to_numpy(), line) <= d * 1000.0).astype(float)
    return _weighted_share(frame, w, "corridor_share")

