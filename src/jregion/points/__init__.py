"""Millions of points: each point's prefecture, region, municipality or mesh code.

:func:`assign` adds code columns to a table of points, in memory or, for a
``dask_geopandas.GeoDataFrame`` or a path of partitioned GeoParquet, lazily on a
dask cluster. :func:`count_by` reduces assigned points to counts or weighted sums
per code, the table :func:`jregion.location_quotient` and :func:`jregion.attach`
take.

Polygon levels use a cell index (see ``jregion/points/_cells.py``): a lon/lat grid
at the JIS 1 km mesh answers points in cells wholly inside one polygon by array
lookup, and only points in cells that touch a boundary get exact shapely tests.
The answers equal ``geopandas.sjoin(predicate="within")`` for every point inside a
polygon; ``benchmarks/bench_scale.py`` checks this on 5 million points and times
both. Mesh levels are arithmetic (:func:`jregion.to_mesh`).

Running on an existing dask cluster
-----------------------------------
Connect a ``distributed.Client`` to the cluster's scheduler before calling
:func:`assign`; dask then runs every task there. The workers need jregion (with
the ``scale`` extra) installed, and must be able to read the files::

    import distributed
    import jregion

    client = distributed.Client("tcp://scheduler-host:8786")  # the scheduler's address
    lazy = jregion.assign("/shared/establishments/*.parquet", level="prefecture")
    counts = jregion.count_by(lazy, level="prefecture", by="industry")
    client.close()

Without a cluster, ``distributed.Client(distributed.LocalCluster(n_workers=2))``
starts one on this machine (``examples/establishments_at_scale.py`` does).
"""

from __future__ import annotations

import os
from typing import Any, overload

import pandas as pd

from jregion._optional import import_optional
from jregion.codes import PREFECTURE_CODES
from jregion.points._assign import (
    Level,
    assign_frame,
    check_level,
    check_mesh_column,
    level_column,
    outside_phrase,
)
from jregion.points._count import (
    check_count_args,
    check_weight_dtype,
    finish_counts,
    grouped_parts,
)
from jregion.points._dask import assign_lazy, is_dask, read_points
from jregion.points._input import check_points
from jregion.regions import SchemeLike, region_order

__all__ = ["assign", "count_by"]


@overload
def assign(
    points: pd.DataFrame,
    level: Level = "prefecture",
    *,
    scheme: SchemeLike = "eight",
    snap_km: float | None = None,
    lon: str = "lon",
    lat: str = "lat",
) -> pd.DataFrame: ...
@overload
def assign(
    points: object,
    level: Level = "prefecture",
    *,
    scheme: SchemeLike = "eight",
    snap_km: float | None = None,
    lon: str = "lon",
    lat: str = "lat",
) -> Any: ...
def assign(
    points: Any,
    level: Level = "prefecture",
    *,
    scheme: SchemeLike = "eight",
    snap_km: float | None = None,
    lon: str = "lon",
    lat: str = "lat",
) -> Any:
    """Add each point's prefecture, region, municipality or mesh code.

    Parameters
    ----------
    points : GeoDataFrame, DataFrame, dask_geopandas.GeoDataFrame, str or PathLike
        Points as a GeoDataFrame of Point geometries (any CRS; transformed to
        EPSG:4326), or a DataFrame with longitude/latitude columns in EPSG:4326
        (JGD2011 differs by under a metre). A dask(-geopandas) frame, or a path or
        glob of partitioned GeoParquet (read with ``dask_geopandas.read_parquet``),
        is assigned lazily partition by partition. Not modified.
    level : {"prefecture", "region", "municipality", "mesh1", ..., "mesh6"}
        ``"prefecture"`` adds ``pref_code`` (JIS X 0401); ``"region"`` adds
        ``pref_code`` and ``region`` (the prefecture's region in ``scheme``);
        ``"municipality"`` adds ``muni_code`` (the 1,747 municipalities of
        :func:`jregion.load_municipalities`); ``"mesh1"``..``"mesh6"`` add
        ``mesh_code``, the JIS X 0410 code of that level (80 km to 125 m), by
        :func:`jregion.to_mesh` (points outside Japan's mesh range get a missing code).
    scheme : str or Mapping, default "eight"
        Region scheme for ``level="region"`` (see :func:`jregion.scheme_table`).
    snap_km : float, optional
        Assign points outside every polygon (at sea, in a harbour, a geocode off
        the coast) to the nearest polygon within this many kilometres, measured in
        :data:`jregion.EQUAL_AREA_CRS`; ties go to the lowest code. Adds columns
        ``snapped`` (bool) and ``snap_distance_km``.
    lon, lat : str, default "lon", "lat"
        Coordinate columns of a plain DataFrame.

    Returns
    -------
    DataFrame, GeoDataFrame or dask frame
        The same rows in the same order with the same index, plus the code
        column(s) as Categoricals (mesh codes as strings). A point outside every
        polygon, or without a location, keeps its row with a missing code (NaN), and
        one :class:`~jregion.errors.PointsOutsideWarning` gives their number.

        A dask input gives a lazy dask frame, with the same rows and codes once
        computed. Nothing is computed when ``assign`` returns, so the number of points
        without a code is not known then and **no warning is raised**. It is reported
        where the frame is computed through jregion: ``jregion.count_by(lazy, level)``
        gives one :class:`~jregion.errors.PointsOutsideWarning` and the number in
        ``attrs["jregion_unplaced"]``. Computed any other way (``compute``,
        ``to_parquet``), count them with ``lazy[column].isna().sum()`` in the same
        ``dask.compute`` call.

    Raises
    ------
    InvalidDataError
        Empty input, an unknown level, a missing lon/lat column, or an output
        column that already exists.
    CRSError
        A GeoDataFrame without a CRS, or coordinates that are not lon/lat
        (projected values, or lon and lat swapped).
    GeometryError
        A geometry that is not a point.

    Notes
    -----
    A point inside a polygon gets that polygon's code, as
    ``geopandas.sjoin(predicate="within")`` gives. A point exactly on a boundary
    (which ``within`` assigns to no polygon) gets the lowest code among the
    polygons whose boundary it lies on: a point on the Tokyo-Kanagawa border is
    ``"13"``. For ``level="region"`` the region is that prefecture's region.

    Examples
    --------
    >>> import pandas as pd
    >>> import jregion
    >>> shops = pd.DataFrame(
    ...     {"lon": [139.767, 135.500, 140.0], "lat": [35.681, 34.700, 30.0]},
    ...     index=["tokyo_station", "osaka", "at_sea"],
    ... )
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     out = jregion.assign(shops, "region")
    >>> out[["pref_code", "region"]].astype(object).where(out.notna(), None)
                  pref_code  region
    tokyo_station        13   Kanto
    osaka                27   Kinki
    at_sea             None    None
    >>> print(caught[0].message)
    of 3 points, 1 lie outside every prefecture (at sea, abroad or badly geocoded); ...
    """
    if isinstance(points, str | os.PathLike):
        check_level(level, snap_km)
        points = read_points(points)
    if is_dask(points):
        return assign_lazy(points, level=level, scheme=scheme, snap_km=snap_km, lon=lon, lat=lat)
    out, _ = assign_frame(
        points, level=level, scheme=scheme, snap_km=snap_km, lon=lon, lat=lat, warn=True
    )
    return out


def count_by(
    points: Any,
    level: Level = "prefecture",
    *,
    by: str | None = None,
    weight: str | None = None,
    scheme: SchemeLike = "eight",
    snap_km: float | None = None,
    lon: str = "lon",
    lat: str = "lat",
) -> pd.DataFrame:
    """Count points, or sum a weight column, per code (and per category).

    Parameters
    ----------
    points : GeoDataFrame, DataFrame, dask frame, str or PathLike
        As for :func:`assign`. If it already has the level's code column (the
        output of :func:`assign`), that column is used as it is.
    level : {"prefecture", "region", "municipality", "mesh1", ..., "mesh6"}
    by : str, optional
        A category column (an industry): one result column per category.
    weight : str, optional
        A numeric column (employees) to sum instead of counting points.
    scheme, snap_km, lon, lat
        As for :func:`assign`, when the points are not assigned yet.

    Returns
    -------
    pandas.DataFrame
        Indexed by the code (``pref_code``, ``region``, ``muni_code`` or
        ``mesh_code``). Prefecture and region results list every prefecture (region) of
        the scheme, zero where there are no points; municipality and mesh results
        list the codes that occur. One column ``count`` (int64) or the weight's
        name, or with ``by`` one column per category. Points without a code are
        left out, counted in ``attrs["jregion_unplaced"]`` and named in one
        :class:`~jregion.errors.PointsOutsideWarning` (this is where the points a lazy
        :func:`assign` left without a code are reported). A dask input is computed
        to this small frame; counts and integer weights equal the in-memory
        result exactly, float weights are summed partition by partition and may
        differ from it in the last bits.

    Raises
    ------
    InvalidDataError
        ``by`` or ``weight`` is not a column; an existing code column holds codes
        that are not of the level (or scheme); and the errors of :func:`assign`.
    MissingValueError
        ``by`` or ``weight`` has missing values.
    NonNumericError
        ``weight`` is not numeric.

    Examples
    --------
    Counts per prefecture and industry are the table
    :func:`jregion.location_quotient` and :func:`jregion.attach` take:

    >>> import pandas as pd
    >>> import jregion
    >>> firms = pd.DataFrame({
    ...     "lon": [139.70, 139.75, 139.60, 135.50, 135.52, 136.90],
    ...     "lat": [35.65, 35.70, 35.45, 34.70, 34.68, 35.17],
    ...     "industry": ["IT", "IT", "metal", "metal", "IT", "metal"],
    ...     "employees": [10, 30, 5, 50, 20, 15],
    ... })
    >>> counts = jregion.count_by(firms, "prefecture", by="industry")
    >>> counts.loc[["13", "14", "23", "27"]]
    industry   IT  metal
    pref_code
    13          2      0
    14          0      1
    23          0      1
    27          1      1
    >>> jregion.location_quotient(counts.loc[["13", "14", "23", "27"]])["IT"].round(2).tolist()
    [2.0, 0.0, 0.0, 1.0]
    >>> staff = jregion.count_by(firms, "region", weight="employees")
    >>> staff.loc[["Kanto", "Chubu", "Kinki"], "employees"].tolist()
    [45, 15, 70]
    >>> gdf = jregion.attach(staff, key=None, level="region")
    >>> int(gdf.loc["Kinki", "employees"])
    70
    """
    check_level(level, snap_km)
    if isinstance(points, str | os.PathLike):
        points = read_points(points)
    if not is_dask(points):
        check_points(points)
    code = level_column(level)
    if code in points.columns and level.startswith("mesh") and not is_dask(points):
        check_mesh_column(points[code], level)
    if code not in points.columns:
        if is_dask(points):
            points = assign_lazy(
                points, level=level, scheme=scheme, snap_km=snap_km, lon=lon, lat=lat
            )
        else:
            points, _ = assign_frame(
                points, level=level, scheme=scheme, snap_km=snap_km, lon=lon, lat=lat, warn=False
            )
    check_count_args(points.columns, code, by, weight)
    if weight is not None:
        check_weight_dtype(points.dtypes[weight], weight)
    parts = grouped_parts(points, code, by, weight)
    if is_dask(points):
        parts = list(import_optional("dask").compute(*parts))
    categories = None
    if level == "prefecture":
        categories = pd.Index(list(PREFECTURE_CODES), name=code)
    elif level == "region":
        categories = pd.Index(region_order(scheme), name=code)
    return finish_counts(
        parts,
        code=code,
        by=by,
        weight=weight,
        categories=categories,
        outside=outside_phrase(level),
        snap_hint=snap_km is None and not level.startswith("mesh"),
        stacklevel=2,
    )
