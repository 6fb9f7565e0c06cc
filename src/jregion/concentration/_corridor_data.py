"""The inputs of the corridor measures: geometries with a CRS, activity columns, area shares.

Overlap areas are measured in :data:`~jregion.crs.EQUAL_AREA_CRS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from jregion.concentration._validate import as_table
from jregion.crs import EQUAL_AREA_CRS, check_plausible_crs
from jregion.errors import CRSError, GeometryError

__all__: list[str] = []


def _as_geo(data: object, method: str) -> Any:
    """Return a GeoDataFrame with a CRS (prefecture-keyed DataFrames get the bundled polygons)."""
    import geopandas as gpd

    if isinstance(data, gpd.GeoDataFrame):
        if data.crs is None:
            raise CRSError(
                "data has no CRS; set it first, e.g. data.set_crs('EPSG:4326') for lon/lat"
            )
        check_plausible_crs(data, what="data")
        geoms = data.geometry
        if geoms.isna().any() or geoms.is_empty.any():
            bad = data.index[(geoms.isna() | geoms.is_empty).to_numpy()].tolist()[:5]
            raise GeometryError(f"data has missing or empty geometries at {bad}; drop them")
        want = ("Point",) if method == "points" else ("Polygon", "MultiPolygon")
        wrong = ~geoms.geom_type.isin(want)
        if wrong.any():
            got = sorted(set(geoms.geom_type[wrong]))
            raise GeometryError(
                f"method={method!r} needs {' or '.join(want)} geometries, got {got}; use "
                + ("method='area' for polygons" if method == "points" else
                   "method='points' for points")
            )
        return data
    if method == "area" and isinstance(data, pd.DataFrame | pd.Series):
        from jregion.boundaries import load_prefectures
        from jregion.codes import to_codes

        frame = data.to_frame() if isinstance(data, pd.Series) else data
        codes = to_codes(frame.index)
        prefs = load_prefectures()
        geo = gpd.GeoSeries(prefs.geometry.reindex(codes.to_numpy()).to_numpy(),
                            index=frame.index, crs=prefs.crs)
        return gpd.GeoDataFrame(frame.copy(), geometry=geo, crs=prefs.crs)
    raise TypeError(
        f"method={method!r} needs a GeoDataFrame"
        + (" (or a DataFrame keyed by prefecture)" if method == "area" else "")
        + f", got {type(data).__name__}"
    )


def _activity(data: Any, columns: str | Sequence[str] | None, method: str) -> pd.DataFrame:
    if columns is None:
        if method == "points":
            return pd.DataFrame({"count": np.ones(len(data))})
        geo = getattr(data, "_geometry_column_name", None)
        cols = [c for c in data.columns if c != geo]
    else:
        cols = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in cols if c not in data.columns]
        if missing:
            raise KeyError(f"column(s) {missing} are not in data; available: {list(data.columns)}")
    frame = pd.DataFrame(data[cols])
    if method == "points":  # point ids need not be unique (e.g. several plants per firm)
        frame = frame.reset_index(drop=True)
    as_table(frame)  # validates numbers
    return frame


def _area_fraction(geo: Any, zone: Any, zone_crs: str) -> np.ndarray:
    """Share of each polygon's area inside ``zone`` (measured in EQUAL_AREA_CRS)."""
    import geopandas as gpd
    import shapely

    z = gpd.GeoSeries([zone], crs=zone_crs).to_crs(EQUAL_AREA_CRS).iloc[0]
    g = shapely.make_valid(geo.to_crs(EQUAL_AREA_CRS).geometry.to_numpy())
    area = shapely.area(g)
    if (area <= 0).any():
        raise GeometryError("data has polygons with zero area; drop them")
    frac = np.asarray(shapely.area(shapely.intersection(g, z)), dtype="float64") / area
    out: np.ndarray = np.clip(frac, 0.0, 1.0)
    return out


def _weighted_share(frame: pd.DataFrame, w: np.ndarray, name: str) -> pd.Series:
    tab = as_table(frame)
    share = (tab.values * w[:, None]).sum(axis=0) / tab.values.sum(axis=0)
    return pd.Series(share, index=tab.columns, name=name)
