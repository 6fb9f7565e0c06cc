"""Polygon layers points are assigned to, as a registry keyed by level.

Each layer is loaded, indexed (:func:`~jregion.points._cells.build_cell_index`)
and, for ``snap_km=``, projected to :data:`jregion.crs.EQUAL_AREA_CRS` once per
process and cached. Adding a polygon level means adding one loader here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from jregion.points._cells import CellIndex, build_cell_index

__all__ = ["POLYGON_LEVELS", "PolygonLayer", "polygon_layer"]


@dataclass(frozen=True)
class PolygonLayer:
    """A polygon layer ready for point lookups."""

    column: str  # output column, e.g. "pref_code"
    noun: str  # "prefecture", for messages
    codes: pd.Index  # polygon codes in ascending order (position = answer)
    geoms: np.ndarray  # the polygons in that order, EPSG:4326

    @functools.cached_property
    def index(self) -> CellIndex:
        """The cell index, built on first use (an empty partition's meta never needs it)."""
        return build_cell_index(self.geoms)

    @functools.cached_property
    def projected(self) -> tuple[np.ndarray, shapely.STRtree]:
        """The polygons in the equal-area CRS and an STRtree over them (for snapping)."""
        from pyproj import Transformer

        from jregion.crs import EQUAL_AREA_CRS, STORAGE_CRS

        tr = Transformer.from_crs(STORAGE_CRS, EQUAL_AREA_CRS, always_xy=True)
        geoms = np.asarray(self.index.parts, dtype=object)
        projected = shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(*xy.T)))
        return projected, shapely.STRtree(projected)


def _prefectures() -> tuple[pd.Index, np.ndarray]:
    from jregion.boundaries import load_prefectures

    prefs = load_prefectures()
    return prefs.index, np.asarray(prefs.geometry.array, dtype=object)


def _municipalities() -> tuple[pd.Index, np.ndarray]:
    from jregion.municipalities import load_municipalities

    munis = load_municipalities()
    return munis.index, np.asarray(munis.geometry.array, dtype=object)


#: level -> (output column, noun, loader of (sorted codes, geometries in EPSG:4326))
_LOADERS: dict[str, tuple[str, str, Callable[[], tuple[pd.Index, np.ndarray]]]] = {
    "prefecture": ("pref_code", "prefecture", _prefectures),
    "municipality": ("muni_code", "municipality", _municipalities),
}

POLYGON_LEVELS = tuple(_LOADERS)


@functools.cache
def polygon_layer(level: str) -> PolygonLayer:
    """Load and index the polygon layer of a level (once per process)."""
    column, noun, loader = _LOADERS[level]
    codes, geoms = loader()
    order = np.argsort(codes.to_numpy(dtype=str), kind="stable")
    codes = pd.Index(codes.to_numpy(dtype=object)[order], name=column)
    return PolygonLayer(column=column, noun=noun, codes=codes, geoms=geoms[order])
