"""Rasters: mesh statistics to GeoTIFF, and zonal statistics of any single-band raster.

This module owns every ``rasterio.open`` in jregion (rasterio is imported lazily through
:mod:`jregion._optional`; ``pip install "jregion[raster]"``). A raster is a file path or a
2-D array with its affine transform; :class:`_Raster` reads either, window by window, so
memory stays bounded by the zones' extent rather than the raster's.

Mesh cells are a regular longitude/latitude grid (JIS X 0410), so a mesh statistic is
written on its native grid: one pixel per cell, edges exactly on the cell edges.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion._optional import import_optional
from jregion.errors import CRSError, InvalidDataError, SchemeError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["STATS", "mesh_to_raster", "zonal_stats"]

FloatArray = npt.NDArray[np.float64]
#: The datum note written into every mesh GeoTIFF.
_CRS_NOTE = "JIS X 0410 mesh on JGD2011 longitude/latitude, recorded as EPSG:4326 (<1 m apart)"
#: Rows written per block (bounds memory for national rasters).
_BLOCK_ROWS = 256


def _rasterio() -> Any:
    return import_optional("rasterio")


def mesh_to_raster(
    series: pd.Series,
    path: str | os.PathLike[str],
    *,
    nodata: float = -9999.0,
    source: str | None = None,
    dtype: Literal["float64", "float32"] = "float64",
) -> str:
    """Write mesh statistics as a GeoTIFF on the mesh's own longitude/latitude grid.

    Parameters
    ----------
    series : pandas.Series
        Values indexed by mesh code (one level, any of 80 km ... 125 m). Missing values
        (e.g. suppressed cells) are written as ``nodata``.
    path : str or path-like
        The GeoTIFF to write (overwritten).
    nodata : float, default -9999.0
        The value of pixels without a figure: cells absent from ``series`` and missing
        values. It must not occur in the data.
    source : str, optional
        Where the figures come from, written to the ``source`` tag (default:
        ``series.attrs["source"]`` if set, as :func:`jregion.read_estat_mesh` sets it).
    dtype : {"float64", "float32"}, default "float64"
        Pixel type; float64 keeps every count exact.

    Returns
    -------
    str
        The path written.

    Notes
    -----
    One pixel per cell: the transform's origin is the north-west corner of the codes'
    extent and its steps are the cell size (e.g. 22.5" by 15" at 500 m), so pixel edges fall
    exactly on cell edges. The CRS is EPSG:4326 (JGD2011 longitude/latitude, on which the
    mesh is defined, differs by under a metre). Tags: ``variable`` (the series name),
    ``source``, ``mesh_level``, ``crs_note``; the band description is the variable.
    The raster covers the bounding box of the codes (cells absent from ``series`` are
    nodata), written in blocks of rows, tiled and deflate-compressed, so memory stays
    bounded even when a few cells lie far apart (the file then holds mostly nodata).

    Examples
    --------
    >>> import pathlib, tempfile, pandas as pd, jregion
    >>> s = pd.Series([3.0, 5.0, None], index=["533946111", "533946114", "533946122"],
    ...               name="made_up")
    >>> out = jregion.mesh_to_raster(s, pathlib.Path(tempfile.mkdtemp()) / "m.tif")
    >>> jregion.zonal_stats(out, zones="prefecture", stats=("sum", "count")).dropna()
               sum  count
    pref_code
    13         8.0      2
    """
    from jregion.mesh import mesh_bounds, mesh_level

    rasterio = _rasterio()
    from affine import Affine

    if not isinstance(series, pd.Series):
        raise TypeError(f"expected a Series indexed by mesh code, got {type(series).__name__}")
    from jregion._keys import check_unique

    check_unique(series.index, what="the series", kind="mesh codes", fix="give each cell one value")
    values = pd.to_numeric(series, errors="raise").to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(nodata) or np.any(values == nodata):
        raise InvalidDataError(
            f"nodata={nodata!r} is NaN or occurs in the data; pass a value the data never take"
        )
    if np.isinf(values).any():
        raise InvalidDataError("the series holds infinite values; a GeoTIFF cell cannot")
    codes = np.asarray(series.index.astype(str))
    level = mesh_level(codes)
    b = mesh_bounds(codes)
    # cell sizes are whole multiples of the 125 m cell (1/640 degree of longitude by 1/960 of
    # latitude); rounding the first cell's size to them gives the exact float step
    south_, west_ = b["south"].to_numpy(dtype=float), b["west"].to_numpy(dtype=float)
    north_, east_ = b["north"].to_numpy(dtype=float), b["east"].to_numpy(dtype=float)
    dlon = round(float(east_[0] - west_[0]) * 640) / 640
    dlat = round(float(north_[0] - south_[0]) * 960) / 960
    west, north = float(west_.min()), float(north_.max())
    cols = np.rint((west_ - west) / dlon).astype(np.int64)
    rows = np.rint((north - north_) / dlat).astype(np.int64)
    width, height = int(cols.max()) + 1, int(rows.max()) + 1
    transform = Affine(dlon, 0.0, west, 0.0, -dlat, north)
    name = str(series.name) if series.name is not None else "value"
    tags = {
        "variable": name,
        "source": source or str(series.attrs.get("source", "unknown")),
        "mesh_level": str(level),
        "crs_note": _CRS_NOTE,
    }
    profile = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": 1,
        "dtype": dtype,
        "crs": "EPSG:4326",
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
    }
    if width >= 256 and height >= 256:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    order = np.argsort(rows, kind="stable")
    rows, cols, values = rows[order], cols[order], values[order]
    values = np.where(np.isnan(values), nodata, values)
    with rasterio.open(os.fspath(path), "w", **profile) as dst:
        dst.update_tags(**tags)
        dst.set_band_description(1, name)
        for top in range(0, height, _BLOCK_ROWS):
            n = min(_BLOCK_ROWS, height - top)
            lo, hi = np.searchsorted(rows, [top, top + n])
            block = np.full((n, width), nodata, dtype=dtype)
            block[rows[lo:hi] - top, cols[lo:hi]] = values[lo:hi]
            dst.write(block, 1, window=rasterio.windows.Window(0, top, width, n))
    return os.fspath(path)


# ---------------------------------------------------------------------------------------
# Reading: one class for files and arrays
# ---------------------------------------------------------------------------------------


@dataclass
class _Raster:
    """A single band, from a file (read window by window) or an in-memory array."""

    source: str | os.PathLike[str] | FloatArray
    transform: Any = None
    crs: Any = None
    nodata: float | None = None
    band: int | None = None

    def __enter__(self) -> _Raster:
        rasterio = _rasterio()
        self._dataset = None
        if isinstance(self.source, (str, os.PathLike)):
            ds = rasterio.open(os.fspath(self.source))
            self._dataset = ds
            if self.band is None and ds.count != 1:
                ds.close()
                raise InvalidDataError(
                    f"{os.fspath(self.source)!r} has {ds.count} bands; pass band=... to choose one"
                )
            self.band = self.band or 1
            self.transform = ds.transform
            self.crs = ds.crs
            self.nodata = ds.nodata if self.nodata is None else self.nodata
            self.shape = (ds.height, ds.width)
        else:
            array = np.asarray(self.source)
            if array.ndim != 2:
                raise InvalidDataError(f"an array raster must be 2-D, got shape {array.shape}")
            if self.transform is None or self.crs is None:
                raise CRSError("an array raster needs transform= and crs=")
            self._array = array
            self.shape = array.shape
            self.crs = rasterio.crs.CRS.from_user_input(self.crs)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._dataset is not None:
            self._dataset.close()

    def read(self, window: Any) -> FloatArray:
        """Read a window as float, with nodata (and NaN) as NaN."""
        data: FloatArray
        if self._dataset is not None:
            data = np.asarray(self._dataset.read(self.band, window=window), dtype=np.float64)
        else:
            (r0, r1), (c0, c1) = window.toranges()
            data = self._array[r0:r1, c0:c1].astype(np.float64)
        if self.nodata is not None and not np.isnan(self.nodata):
            data[data == self.nodata] = np.nan
        return data


def _shifted(t: Any, row_off: int, col_off: int) -> Any:
    """Return the transform of a window starting at (row_off, col_off)."""
    from affine import Affine

    return Affine(
        t.a, t.b, t.c + col_off * t.a + row_off * t.b, t.d, t.e, t.f + col_off * t.d + row_off * t.e
    )


def _window(bounds: tuple[float, float, float, float], t: Any, shape: tuple[int, int]) -> Any:
    """Return the window of whole pixels covering ``bounds``, clipped to the raster, or None."""
    inv = ~t
    xs, ys = (
        (bounds[0], bounds[2], bounds[0], bounds[2]),
        (bounds[1], bounds[1], bounds[3], bounds[3]),
    )
    cols = [inv.a * x + inv.b * y + inv.c for x, y in zip(xs, ys, strict=True)]
    rows = [inv.d * x + inv.e * y + inv.f for x, y in zip(xs, ys, strict=True)]
    r0, r1 = max(int(np.floor(min(rows))), 0), min(int(np.ceil(max(rows))), shape[0])
    c0, c1 = max(int(np.floor(min(cols))), 0), min(int(np.ceil(max(cols))), shape[1])
    if r1 <= r0 or c1 <= c0:
        return None
    return _rasterio().windows.Window(c0, r0, c1 - c0, r1 - r0)


def _cell_areas_km2(raster: _Raster, window: Any, shape: tuple[int, int]) -> FloatArray:
    """Area of each pixel in km²: ellipsoidal (GRS80) on lon/lat rasters, |det| if projected."""
    t = _shifted(raster.transform, int(window.row_off), int(window.col_off))
    if not raster.crs.is_geographic:
        return np.full(shape, abs(t.a * t.e - t.b * t.d) / 1e6)
    from pyproj import Geod

    geod = Geod(ellps="GRS80")
    rows = np.arange(shape[0])
    top = t.f + rows * t.e
    bottom = top + t.e
    areas = np.array(
        [
            abs(geod.polygon_area_perimeter([0, t.a, t.a, 0], [lo, lo, hi, hi])[0])
            for lo, hi in zip(np.minimum(top, bottom), np.maximum(top, bottom), strict=True)
        ]
    )
    return np.repeat(areas[:, None] / 1e6, shape[1], axis=1)


# ---------------------------------------------------------------------------------------
# Statistics registry
# ---------------------------------------------------------------------------------------

StatName = Literal["count", "sum", "mean", "min", "max", "median", "std", "area_km2"]
_Stat = Callable[[FloatArray, FloatArray | None, FloatArray], float]


def _wsum(v: FloatArray, w: FloatArray | None, a: FloatArray) -> float:
    if v.size == 0:
        return float("nan")
    return float(np.sum(v if w is None else v * w))


def _wmean(v: FloatArray, w: FloatArray | None, a: FloatArray) -> float:
    if v.size == 0:
        return float("nan")
    return float(np.mean(v) if w is None else np.sum(v * w) / np.sum(w))


def _wstd(v: FloatArray, w: FloatArray | None, a: FloatArray) -> float:
    if v.size == 0:
        return float("nan")
    if w is None:
        return float(np.std(v))
    m = np.sum(v * w) / np.sum(w)
    return float(np.sqrt(np.sum(w * (v - m) ** 2) / np.sum(w)))


def _plain(fn: Callable[[FloatArray], Any]) -> _Stat:
    def stat(v: FloatArray, w: FloatArray | None, a: FloatArray) -> float:
        return float(fn(v)) if v.size else float("nan")

    return stat


#: Zonal statistics by name. With ``weight="area"``, ``sum`` is Σ value x cell area (km²),
#: ``mean`` and ``std`` are area-weighted; the others ignore the weight.
STATS: dict[str, _Stat] = {
    "count": lambda v, w, a: float(v.size),
    "sum": _wsum,
    "mean": _wmean,
    "min": _plain(np.min),
    "max": _plain(np.max),
    "median": _plain(np.median),
    "std": _wstd,
    "area_km2": lambda v, w, a: float(np.sum(a)),
}


def _zones(zones: str | gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    import geopandas as gpd

    if isinstance(zones, gpd.GeoDataFrame):
        if zones.crs is None:
            raise CRSError("the zones GeoDataFrame has no CRS; set one (e.g. zones.set_crs(...))")
        from jregion._keys import check_unique

        check_unique(
            zones.index,
            what="the zones' index",
            kind="keys",
            fix="give each zone one row (dissolve first)",
        )
        return zones
    if zones == "prefecture":
        from jregion.boundaries import load_prefectures

        return load_prefectures()
    if zones == "municipality":
        from jregion.municipalities import load_municipalities

        return load_municipalities()
    from jregion.regions import list_schemes, load_regions

    scheme = "eight" if zones == "region" else zones
    if scheme not in list_schemes().index:
        raise SchemeError(
            f"unknown zones {zones!r}; use 'prefecture', 'region', 'municipality', a region "
            f"scheme ({', '.join(list_schemes().index)}) or a GeoDataFrame"
        )
    return load_regions(scheme)  # type: ignore[arg-type]


def zonal_stats(
    raster: str | os.PathLike[str] | npt.ArrayLike,
    *,
    zones: str | gpd.GeoDataFrame = "prefecture",
    stats: Sequence[StatName] = ("sum", "mean", "count"),
    all_touched: bool = False,
    weight: Literal["none", "area"] = "none",
    transform: Any = None,
    crs: Any = None,
    nodata: float | None = None,
    band: int | None = None,
) -> pd.DataFrame:
    """Summarise a single-band raster within each zone.

    Parameters
    ----------
    raster : str, path-like or 2-D array
        A raster file (GeoTIFF or anything GDAL reads), or an array with ``transform=``
        (an ``affine.Affine``) and ``crs=``.
    zones : {"prefecture", "region", "municipality"}, scheme name, or GeoDataFrame
        The bundled prefectures, regions (``"region"`` = the eight traditional regions, or
        a scheme name from :func:`jregion.list_schemes`), municipalities (2021 boundaries), or
        your own polygons (reprojected to the raster's CRS; their index names the zones).
    stats : sequence of str, default ("sum", "mean", "count")
        Any of ``count``, ``sum``, ``mean``, ``min``, ``max``, ``median``, ``std``,
        ``area_km2`` (the area of the counted pixels).
    all_touched : bool, default False
        False counts a pixel when its centre lies in the zone (so each pixel counts in at
        most one of a set of non-overlapping zones); True counts every pixel the zone
        touches (boundary pixels count in every zone they touch).
    weight : {"none", "area"}, default "none"
        ``"area"`` weights by pixel area (ellipsoidal on longitude/latitude rasters, where
        pixels shrink northwards): ``sum`` becomes Σ value x area in km² (a density raster
        to a total), ``mean`` and ``std`` become area-weighted.
    transform, crs : optional
        For an array raster.
    nodata : float, optional
        Pixels of this value are skipped (default: the file's nodata). NaN is always skipped.
    band : int, optional
        The band of a multi-band file; a single-band file needs none.

    Returns
    -------
    pandas.DataFrame
        One row per zone (indexed as ``zones``), one column per statistic; zones without a
        counted pixel have ``count`` 0 and missing values for the others.

    Examples
    --------
    >>> import numpy as np, jregion
    >>> from affine import Affine
    >>> grid = np.ones((40, 40))  # 0.1-degree pixels over Tokyo Bay
    >>> out = jregion.zonal_stats(grid, transform=Affine(0.1, 0, 138.0, 0, -0.1, 37.0),
    ...                           crs="EPSG:4326", stats=("count",))
    >>> int(out.loc["13", "count"]) > 0, int(out.loc["01", "count"])
    (True, 0)
    """
    _rasterio()  # MissingDependencyError naming the extra if rasterio is absent
    from rasterio.features import geometry_mask

    unknown = [s for s in stats if s not in STATS]
    if unknown or not stats:
        raise InvalidDataError(f"unknown statistics {unknown}; choose from {', '.join(STATS)}")
    if weight not in ("none", "area"):
        raise InvalidDataError(f"weight must be 'none' or 'area', got {weight!r}")
    layer = _zones(zones)
    source = raster if isinstance(raster, (str, os.PathLike)) else np.asarray(raster)
    rows: dict[object, list[float]] = {}
    with _Raster(source, transform=transform, crs=crs, nodata=nodata, band=band) as r:
        layer = layer.to_crs(r.crs)
        for zone, geom in zip(layer.index, layer.geometry, strict=True):
            result = dict.fromkeys(stats, float("nan"))
            result["count"] = 0.0
            if geom is not None and not geom.is_empty:
                win = _window(geom.bounds, r.transform, r.shape)
                if win is not None:
                    data = r.read(win)
                    inside = geometry_mask(
                        [geom],
                        out_shape=data.shape,
                        transform=_shifted(r.transform, int(win.row_off), int(win.col_off)),
                        all_touched=all_touched,
                        invert=True,
                    )
                    keep = inside & ~np.isnan(data)
                    area = _cell_areas_km2(r, win, data.shape)[keep]
                    v = data[keep]
                    w = area if weight == "area" else None
                    result = {s: STATS[s](v, w, area) for s in stats}
            rows[zone] = [result[s] for s in stats]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(stats))
    out.index.name = layer.index.name
    if "count" in out:
        out["count"] = out["count"].astype(np.int64)
    return out
