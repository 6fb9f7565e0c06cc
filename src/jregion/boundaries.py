"""Bundled prefecture boundaries (MLIT N03, 2021-01-01) and their attribution.

Two resolutions ship: ``"full"`` (the 1 % N03 simplification by
smartnews-smri/japan-topography; every island, all within 0.52 % of GSI's
areas) and ``"web"`` (shared borders simplified once, so neighbours still meet
exactly; under 300 KB for Folium). Hokkaido includes the Northern Territories,
as GSI and MLIT count them; ``northern_territories=False`` removes them.
"""

from __future__ import annotations

import functools
from typing import Literal

import geopandas as gpd
import pyogrio

from jregion._manifest import dataset_info, path_of
from jregion.crs import STORAGE_CRS

__all__ = ["attribution", "load_prefectures"]

_FILES = {"full": "prefectures", "web": "prefectures_web"}


@functools.cache
def _read(name: str) -> gpd.GeoDataFrame:
    df = pyogrio.read_dataframe(path_of(name))
    gdf = gpd.GeoDataFrame(df, geometry="geometry", crs=STORAGE_CRS)
    gdf = gdf.set_index("pref_code").sort_index()
    gdf["pref_code"] = gdf.index
    gdf = gdf[["name_en", "name_ja", "geometry"]]
    gdf.attrs = {"source": dataset_info(name)["attribution"], "dataset": name}
    return gdf


@functools.cache
def _without_northern_territories(resolution: str) -> gpd.GeoDataFrame:
    gdf = _read(_FILES[resolution]).copy()
    nt = _read("northern_territories").geometry.iloc[0]
    hokkaido = gdf.geometry.loc["01"]
    # buffer(0)-free difference; snap tolerance covers the web layer's simplification
    trimmed = hokkaido.difference(nt.buffer(0.01) if resolution == "web" else nt)
    gdf.loc["01", "geometry"] = trimmed
    return gdf


def load_prefectures(
    *,
    resolution: Literal["full", "web"] = "full",
    level: Literal["prefecture"] = "prefecture",
    northern_territories: bool = True,
) -> gpd.GeoDataFrame:
    """Load the 47 prefecture boundaries.

    Parameters
    ----------
    resolution : {"full", "web"}, default "full"
        ``"full"`` for analysis and print maps; ``"web"`` for Folium (smaller,
        neighbours still share identical borders).
    level : {"prefecture"}, default "prefecture"
        Reserved for municipalities and mesh cells in later versions.
    northern_territories : bool, default True
        Keep the Northern Territories in Hokkaido (GSI and MLIT do). Pass False
        to drop Etorofu, Kunashiri, Shikotan and the Habomai islands.

    Returns
    -------
    geopandas.GeoDataFrame
        47 rows indexed by ``pref_code`` ("01".."47"), columns ``name_en``,
        ``name_ja`` and ``geometry`` (one valid MultiPolygon each, islands
        included), CRS EPSG:4326. A fresh copy on every call.

    Raises
    ------
    ValueError
        For an unknown resolution or level.

    Examples
    --------
    >>> import jregion
    >>> prefs = jregion.load_prefectures()
    >>> prefs.loc["28", ["name_en", "name_ja"]].tolist()
    ['Hyogo', '兵庫県']
    >>> prefs.geometry.is_valid.all(), prefs.crs.to_epsg()
    (np.True_, 4326)
    """
    if level != "prefecture":
        raise ValueError(
            f"level={level!r} is not available yet; "
            "only 'prefecture' boundaries ship in this version"
        )
    if resolution not in _FILES:
        raise ValueError(f"resolution must be 'full' or 'web', got {resolution!r}")
    if northern_territories:
        return _read(_FILES[resolution]).copy()
    return _without_northern_territories(resolution).copy()


def attribution(*, lang: Literal["en", "ja"] = "en") -> str:
    """Return the credit line the boundary data's terms require.

    Map functions draw it by default. MLIT's terms ask for the source and a
    statement that the data were edited.

    Parameters
    ----------
    lang : {"en", "ja"}, default "en"

    Returns
    -------
    str

    Examples
    --------
    >>> import jregion
    >>> jregion.attribution(lang="ja")
    '「国土数値情報（行政区域データ）」（国土交通省）を加工して作成'
    """
    if lang == "ja":
        return "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"
    if lang == "en":
        return (
            "Boundaries: MLIT National Land Numerical Information (Administrative Areas, "
            "N03, 2021), edited by jregion"
        )
    raise ValueError(f"lang must be 'en' or 'ja', got {lang!r}")
