"""Bundled municipal boundaries (MLIT N03, as of 2021-01-01).

Two layers come from one file: the 1,741 municipalities (市区町村; Tokyo's 23
special wards count as municipalities) plus the 6 villages of the Northern
Territories that N03 lists (1,747 units), or the same with the 20 designated cities
(政令指定都市) replaced by their 175 wards (1,902 units). Both are built from the
shared arcs of N03's 1 % TopoJSON, so neighbours share identical borders, and the
designated cities are the union of their wards. Codes are the 5-digit
local-government codes (全国地方公共団体コード) in force on 2021-01-01; codes retired by
the Heisei mergers (1999-2010) or later are not in these boundaries.

N03 also holds 4 small areas whose municipality is undetermined (所属未定地, in Chiba,
Tokyo, Aichi and Okinawa, 12 km2 in all). They have no code and are left out here.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd
import pyogrio

from jregion._manifest import dataset_info, path_of
from jregion.crs import STORAGE_CRS
from jregion.errors import DataIntegrityError

__all__ = ["BOUNDARY_DATE", "load_municipalities", "municipality_table"]

#: The date of the municipal boundaries and codes jregion ships (N03 edition).
BOUNDARY_DATE = "2021-01-01"

#: Cape Nosappu (145 deg 49 min E): Nemuro's polygons east of it are the Habomai islands.
_NOSAPPU_LON = 145.817
_NEMURO = "01223"
_COLUMNS = [
    "pref_code",
    "name_ja",
    "full_name_ja",
    "kind",
    "designated_city_code",
    "designated_city_ja",
    "county_ja",
    "subprefecture_ja",
]


@functools.cache
def _read() -> gpd.GeoDataFrame:
    gdf = pyogrio.read_dataframe(path_of("municipalities"))
    if gdf.crs is None or gdf.crs.to_string() != STORAGE_CRS:
        raise DataIntegrityError(
            f"bundled municipalities have CRS {gdf.crs}, expected {STORAGE_CRS}; rebuild with "
            "python scripts/build_municipalities.py"
        )
    gdf.attrs = {
        "source": dataset_info("municipalities")["attribution"],
        "dataset": "municipalities",
        "boundary_date": BOUNDARY_DATE,
    }
    return gdf


@functools.cache
def _layer(wards: bool, northern_territories: bool) -> gpd.GeoDataFrame:
    gdf = _read()
    keep = gdf["layer"].isin(["both", "wards" if wards else "municipalities"])
    if not northern_territories:
        keep &= gdf["kind"] != "northern_territories_village"
    out = gdf.loc[keep].set_index("code")  # the file is sorted by code
    out.index.name = "muni_code"
    out = out[[*_COLUMNS, "geometry"]]
    if not northern_territories:
        nemuro = out.geometry.loc[_NEMURO]
        parts = [p for p in nemuro.geoms if p.representative_point().x <= _NOSAPPU_LON]
        from shapely.geometry import MultiPolygon

        out.loc[_NEMURO, "geometry"] = MultiPolygon(parts)
    out.attrs = dict(gdf.attrs) | {"wards": wards, "northern_territories": northern_territories}
    return out


def load_municipalities(
    *, wards: bool = False, northern_territories: bool = True
) -> gpd.GeoDataFrame:
    """Load the municipal boundaries as of 2021-01-01 (MLIT N03).

    Parameters
    ----------
    wards : bool, default False
        False: the 20 designated cities (政令指定都市) as single units. True: their
        175 wards (行政区) instead, each with the city it belongs to.
    northern_territories : bool, default True
        Keep the 6 villages of the Northern Territories that N03 lists (codes
        01695-01700) and the Habomai islands in Nemuro (01223), as the bundled
        prefectures do. False leaves the 1,741 municipalities of 2021 (or 1,896
        units with wards) and trims Habomai from Nemuro.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``muni_code``, the 5-digit local-government code (str), sorted.
        Columns ``pref_code`` (JIS X 0401), ``name_ja`` (N03 name: ``"緑区"``),
        ``full_name_ja`` (``"横浜市緑区"`` for wards), ``kind`` (city, town,
        village, special_ward, designated_city, ward, northern_territories_village),
        ``designated_city_code`` and ``designated_city_ja`` (wards only, else None),
        ``county_ja`` (郡), ``subprefecture_ja`` (Hokkaido's 振興局, Tokyo's 支庁)
        and ``geometry`` (valid MultiPolygons, EPSG:4326). Kana and romaji are not
        included: no sourced list was available. ``attrs`` holds the source credit
        and ``boundary_date``. A fresh copy on every call (the file is read once).

    Examples
    --------
    >>> import jregion
    >>> m = jregion.load_municipalities()
    >>> len(m), len(jregion.load_municipalities(northern_territories=False))
    (1747, 1741)
    >>> m.loc["14100", ["name_ja", "kind"]].tolist()
    ['横浜市', 'designated_city']
    >>> w = jregion.load_municipalities(wards=True)
    >>> len(w), w.loc["14113", ["full_name_ja", "designated_city_code"]].tolist()
    (1902, ['横浜市緑区', '14100'])
    """
    if not isinstance(wards, bool) or not isinstance(northern_territories, bool):
        raise TypeError(
            f"wards and northern_territories must be True or False, got {wards!r} and "
            f"{northern_territories!r}"
        )
    out = _layer(wards, northern_territories).copy()
    out.attrs = dict(out.attrs)
    return out


@functools.cache
def _table() -> pd.DataFrame:
    df = pd.read_csv(
        path_of("municipality_table"), dtype=str, keep_default_na=False, encoding="utf-8"
    )
    return df.replace("", None).set_index("code")


def municipality_table() -> pd.DataFrame:
    """Return the municipal code table (both layers) without geometry.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code`` (5 digits), one row per municipality, designated city
        and ward of 2021-01-01 (1,922 rows), with ``code6`` (the 6-digit code with
        its JIS X 0402 check digit), ``pref_code``, ``pref_ja``, names, ``kind``,
        the designated city of each ward and ``layer`` ("both", "municipalities"
        for designated cities, "wards" for their wards). A fresh copy each call.

    Examples
    --------
    >>> import jregion
    >>> t = jregion.municipality_table()
    >>> t.loc["01233", ["code6", "pref_ja", "name_ja"]].tolist()
    ['012335', '北海道', '伊達市']
    """
    return _table().copy()
