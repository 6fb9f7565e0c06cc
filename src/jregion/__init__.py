"""jregion: the economic geography of Japan's regions, typed and sourced.

Codes and boundaries (:func:`to_code`, :func:`load_prefectures`,
:func:`load_regions`), strict joins (:func:`attach`), sourced indicators,
concentration indices, spatial weights and autocorrelation, and maps.

Everything is offline: data ship inside the package and are described by one
manifest (:func:`list_datasets`, :func:`dataset_info`).

Examples
--------
>>> import jregion
>>> prefs = jregion.load_prefectures()
>>> len(prefs), prefs.index[0], prefs.crs.to_string()
(47, '01', 'EPSG:4326')
>>> jregion.to_code("Hyōgo-ken")
'28'
"""

from __future__ import annotations

# --- foundation (issue 9) ---
from jregion._manifest import dataset_info, list_datasets
from jregion.boundaries import attribution, load_prefectures
from jregion.codes import PREFECTURE_CODES, prefecture_table, to_code, to_codes
from jregion.crs import EQUAL_AREA_CRS, MAP_CRS
from jregion.errors import (
    CRSError,
    DataIntegrityError,
    DisconnectedGraphWarning,
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    JRegionError,
    JRegionWarning,
    MissingDependencyError,
    MissingValueError,
    SchemeError,
    UnknownCodeError,
    UnmatchedKeyError,
    UnmatchedRowsWarning,
)
from jregion.joins import attach
from jregion.regions import list_schemes, load_regions, region_of, scheme_table

# --- indicators and readers (issue 10) ---

# --- concentration (issue 4) ---

# --- weights, autocorrelation, regression (issue 5) ---

# --- plotting (issue 6) ---

# --- explore (issue 7) ---

__version__ = "0.1.0"

__all__ = [
    # foundation (issue 9)
    "EQUAL_AREA_CRS",
    "MAP_CRS",
    "PREFECTURE_CODES",
    "CRSError",
    "DataIntegrityError",
    "DisconnectedGraphWarning",
    "DuplicateKeyError",
    "EncodingError",
    "GeometryError",
    "JRegionError",
    "JRegionWarning",
    "MissingDependencyError",
    "MissingValueError",
    "SchemeError",
    "UnknownCodeError",
    "UnmatchedKeyError",
    "UnmatchedRowsWarning",
    "attach",
    "attribution",
    "dataset_info",
    "list_datasets",
    "list_schemes",
    "load_prefectures",
    "load_regions",
    "prefecture_table",
    "region_of",
    "scheme_table",
    "to_code",
    "to_codes",
    # indicators and readers (issue 10)
    # concentration (issue 4)
    # weights, autocorrelation, regression (issue 5)
    # plotting (issue 6)
    # explore (issue 7)
]
