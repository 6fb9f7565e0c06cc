"""Programme sites: universities, Technopolis, METI and MEXT clusters, Tsukuba.

:func:`load_sites` returns a GeoDataFrame (EPSG:4326). Point programmes have a point where
a cited source gives one; area programmes (Technopolis, clusters) are prefecture lists,
one row per site and prefecture, with an empty geometry. Every row says where its
location comes from (``location_basis``) and which pages it rests on (``sources``).
Sites the sources do not name are not invented: they are listed in ``attrs["missing"]``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal, get_args

import pandas as pd

from jregion._manifest import dataset_info, path_of
from jregion.indicators import _plain

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["SiteProgram", "load_sites"]

SiteProgram = Literal["universities", "technopolis", "meti_clusters", "mext_clusters", "tsukuba"]
_PROGRAMS: tuple[str, ...] = get_args(SiteProgram)


def load_sites(program: SiteProgram) -> gpd.GeoDataFrame:
    """Load the sites of a programme as a GeoDataFrame.

    Parameters
    ----------
    program : {"universities", "technopolis", "meti_clusters", "mext_clusters", "tsukuba"}
        ``universities``: the imperial universities and the eight Number Schools (points at
        the prefectural office of their city, a documented city-level proxy; the two outside
        present-day Japan have no code and no point). ``technopolis``: the 26 areas
        (1984-1989). ``meti_clusters``: METI Industrial Cluster projects, phase II (FY2006) and
        the FY2007 additions, on the prefectures a source states (``prefecture_basis`` starting
        "stated by source") or, where no source states them, on the prefectures of their
        regional bureau (``prefecture_basis == "inferred: bureau jurisdiction"``; the two 東海
        projects are not put on Toyama or Ishikawa). Filter on ``prefecture_basis`` to keep
        stated rows only. ``mext_clusters``: MEXT Knowledge Cluster areas (phases I and II) and
        the City Areas that are sourced. ``tsukuba``: Tsukuba Science City (a point in つくば市),
        year 1963 (the cabinet agreement that sited it at 筑波; the study says 1964).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per site (and per prefecture for area programmes), a RangeIndex, columns
        ``site_id``, ``name``, ``pref_code`` (JIS code, str), ``year``, ``year_basis``,
        ``location_basis``, ``sources`` and programme-specific columns, and ``geometry``
        (points, or empty for area programmes). ``attrs`` holds the manifest entry,
        including ``missing``.

    Raises
    ------
    ValueError
        If ``program`` is unknown.

    Examples
    --------
    >>> import jregion
    >>> uni = jregion.load_sites("universities")
    >>> int((uni["type"] == "higher_school").sum()), uni.crs.to_string()
    (8, 'EPSG:4326')
    >>> tech = jregion.load_sites("technopolis")
    >>> tech["site_id"].nunique(), bool(tech.geometry.isna().all())
    (26, True)
    >>> meti = jregion.load_sites("meti_clusters")
    >>> sorted(meti.loc[meti["site_id"] == "M08", "pref_code"])  # 東海: not Toyama, Ishikawa
    ['21', '23', '24']
    """
    import geopandas as gpd

    if program not in _PROGRAMS:
        raise ValueError(f"unknown programme {program!r}; choose one of {', '.join(_PROGRAMS)}")
    dataset = f"sites_{program}"
    df = pd.read_csv(
        path_of(dataset),
        dtype={"pref_code": str, "site_id": str, "municipality_code": str},
        encoding="utf-8",
    )
    if "year" in df.columns:
        df["year"] = df["year"].astype("Int64")
    has_point = df["lat"].notna() & df["lon"].notna()
    geometry = gpd.GeoSeries.from_xy(df["lon"], df["lat"], crs="EPSG:4326")
    geometry[~has_point] = None
    out = gpd.GeoDataFrame(df.drop(columns=["lat", "lon"]), geometry=geometry, crs="EPSG:4326")
    info = _plain(dataset_info(dataset))
    out.attrs = json.loads(
        json.dumps(
            {
                "dataset": dataset,
                "title": info.get("title"),
                "source": info.get("publisher"),
                "vintage": info.get("vintage"),
                "definitions": info.get("definitions", {}),
                "licence": info.get("licence"),
                "attribution": info.get("attribution"),
                "missing": info.get("missing", []),
            }
        )
    )
    return out
