"""The beyond-memory path: the same assignment mapped over dask partitions.

dask-geopandas and dask (the ``scale`` extra) are imported here only, through
:func:`jregion._optional.import_optional`. Each worker process builds the cell index
of a layer once and keeps it (the index is cached per process), so a task ships
only the partition and the level.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from jregion._optional import import_optional
from jregion.points._assign import assign_frame
from jregion.regions import SchemeLike

__all__ = ["assign_lazy", "is_dask", "read_points"]


def is_dask(points: object) -> bool:
    """Whether ``points`` is a dask (or dask-geopandas) DataFrame, without importing dask."""
    return type(points).__module__.split(".", 1)[0] in {"dask", "dask_geopandas", "dask_expr"}


def read_points(path: str | os.PathLike[str]) -> Any:
    """Open a (glob of) partitioned GeoParquet as a lazy dask-geopandas GeoDataFrame."""
    dgpd = import_optional("dask_geopandas")
    return dgpd.read_parquet(os.fspath(path))


def _partition(
    part: pd.DataFrame,
    level: str,
    scheme: SchemeLike,
    snap_km: float | None,
    lon: str,
    lat: str,
) -> pd.DataFrame:
    out, _ = assign_frame(
        part,
        level=level,
        scheme=scheme,
        snap_km=snap_km,
        lon=lon,
        lat=lat,
        warn=False,
        allow_empty=True,
    )
    return out


def assign_lazy(
    points: Any,
    *,
    level: str,
    scheme: SchemeLike,
    snap_km: float | None,
    lon: str,
    lat: str,
) -> Any:
    """Map :func:`assign_frame` over the partitions of a dask frame (lazy)."""
    import_optional("dask_geopandas")  # registers the geometry dtype with dask
    meta = _partition(points._meta, level, scheme, snap_km, lon, lat)
    return points.map_partitions(
        _partition, level, scheme, snap_km, lon, lat, meta=meta, align_dataframes=False
    )
