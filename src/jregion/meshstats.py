"""Sum e-Stat mesh statistics into coarser cells or areas, honouring suppression exactly.

In the census mesh tables a cell too small to publish (``HTKSYORI == 2``) is merged into a
receiving cell (``HTKSYORI == 1``, named in ``HTKSAKI``). The merged cell's breakdown
columns are missing and counted in the receiving cell's; its own totals (population,
households) stay its own. So:

- summing a column over cells, with missing values skipped, counts every figure once:
  a merged breakdown in the area of its receiving cell, a total in its own cell's area;
- where a merged cell and its receiving cell fall in different output areas, the breakdown
  moves across the boundary: the one place the exact rule cannot be exact. The result
  counts these cells per area (:class:`MeshAggregate`);
- a per-cell share that divides a receiving cell's breakdown (which holds the merged cells)
  by its own total (which does not) is wrong; :func:`mesh_share` refuses it unless told.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from jregion.errors import CRSError, InvalidDataError, MissingValueError, SchemeError

if TYPE_CHECKING:
    import geopandas as gpd

    from jregion.mesh import MeshLevel

__all__ = ["MeshAggregate", "aggregate_mesh", "assign_cells", "mesh_share"]

_FLAGS = ("HTKSYORI", "HTKSAKI", "GASSAN")


@dataclass(frozen=True)
class MeshAggregate:
    """Mesh statistics summed into output areas (parent cells, prefectures, regions, zones).

    Attributes
    ----------
    values : pandas.DataFrame
        One row per output area that holds at least one cell, one column per summed
        column. Missing values (suppressed ``*`` cells) are skipped; an area where no cell
        has a figure for a column is missing.
    cells : pandas.Series
        Number of cells assigned to each area.
    merged_out : pandas.Series
        Merged cells (``HTKSYORI == 2``) in the area whose breakdown is counted in another
        area (their receiving cell lies there): the area's breakdowns are short by them.
    merged_in : pandas.Series
        Merged cells of other areas whose breakdown is counted in this area (in one of its
        receiving cells): the area's breakdowns include them.
    by_nearest : pandas.Series
        Cells whose centre lies in no polygon and were given to the nearest one (built-in
        layers only; simplified coastlines leave some coastal cells' centres at sea).
    assignment : pandas.Series
        The output area of each input cell, indexed by mesh code (missing if unassigned).
    receivers_missing : pandas.Index
        Merged cells whose receiving cell is not in the input: their breakdowns are in no
        area (read the neighbouring file too).
    merged_across : int
        Merged cells whose receiving cell lies in another output area (or one of the two in
        none): where the exact rule cannot be exact.
    rule : str
        How cells were assigned to areas.
    """

    values: pd.DataFrame
    cells: pd.Series
    merged_out: pd.Series
    merged_in: pd.Series
    by_nearest: pd.Series
    assignment: pd.Series
    receivers_missing: pd.Index
    merged_across: int
    rule: str

    @property
    def unassigned(self) -> pd.Index:
        """Mesh codes of the cells that fell in no output area (not summed anywhere)."""
        return self.assignment.index[self.assignment.isna().to_numpy()]

    def to_frame(self) -> pd.DataFrame:
        """Return one tidy table: the summed values, then the cell and merge counts."""
        counts = pd.DataFrame(
            {
                "cells": self.cells,
                "merged_out": self.merged_out,
                "merged_in": self.merged_in,
                "by_nearest": self.by_nearest,
            }
        )
        return self.values.join(counts)


def _value_columns(frame: pd.DataFrame, columns: Sequence[str] | None) -> list[str]:
    if columns is None:
        cols = [
            c
            for c in frame.columns
            if c not in _FLAGS and pd.api.types.is_numeric_dtype(frame[c].dtype)
        ]
    else:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise InvalidDataError(f"columns not in the frame: {missing}")
        cols = list(columns)
        bad = [c for c in cols if c in _FLAGS or not pd.api.types.is_numeric_dtype(frame[c])]
        if bad:
            raise InvalidDataError(f"columns that cannot be summed: {bad}")
    return cols


def _check_frame(frame: pd.DataFrame) -> pd.Index:
    """Return the frame's mesh codes as str after checking them (one level, no repeats)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a DataFrame indexed by mesh code, got {type(frame).__name__}")
    from jregion._keys import check_unique
    from jregion.mesh import mesh_level

    codes = pd.Index([str(c) for c in frame.index], name="mesh_code")
    check_unique(codes, what="frame", kind="mesh codes", fix="give each cell one row")
    mesh_level(codes.to_numpy())  # MeshCodeError for a bad code or mixed levels
    return codes


def _cell_centres(codes: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of each cell's centre (:func:`jregion.mesh_centres`)."""
    from jregion.mesh import mesh_centres

    c = mesh_centres(codes.to_numpy())
    return c["lon"].to_numpy(dtype=float), c["lat"].to_numpy(dtype=float)


def _zones_layer(to: object) -> tuple[gpd.GeoDataFrame, bool]:
    """Return the polygons to assign to and whether they tile Japan (nearest fallback)."""
    import geopandas as gpd

    if isinstance(to, gpd.GeoDataFrame):
        if to.crs is None:
            raise CRSError("the zones GeoDataFrame has no CRS; set one (e.g. zones.set_crs(...))")
        from jregion._keys import check_unique

        check_unique(to.index, what="the zones' index", kind="keys", fix="give each zone one row")
        return to[["geometry"]], False
    if to == "municipality":
        from jregion.municipalities import load_municipalities

        return load_municipalities()[["geometry"]], True
    from jregion.boundaries import load_prefectures

    return load_prefectures()[["geometry"]], True


def assign_cells(
    codes: pd.Index | Sequence[str],
    to: str | Mapping[object, str] | gpd.GeoDataFrame,
) -> tuple[pd.Series, pd.Series]:
    """Assign mesh cells to areas by the point-in-polygon test of each cell's centre.

    A centre on an edge shared by two zones, or inside zones that overlap, goes to the first
    of them in the zones' row order.

    Parameters
    ----------
    codes : Index or sequence of str
        Mesh codes of one level.
    to : {"prefecture", "municipality"}, region scheme name or mapping, or GeoDataFrame
        ``"prefecture"`` (the bundled prefectures), a region scheme (a name from
        :func:`jregion.list_schemes` or a prefecture-to-region mapping: cells go to their
        prefecture, then its region), ``"municipality"`` (the 2021 municipalities of
        :func:`jregion.load_municipalities`) or a GeoDataFrame of zones (its index names
        the zones).

    Returns
    -------
    area : pandas.Series
        The area of each cell, indexed by code (missing if the cell's centre is in no
        zone of a GeoDataFrame).
    nearest : pandas.Series
        Boolean, True where the centre was in no polygon of a built-in layer and the
        nearest polygon (in :data:`jregion.EQUAL_AREA_CRS`) was used.
    """
    import geopandas as gpd

    from jregion.crs import EQUAL_AREA_CRS

    idx = pd.Index(np.asarray(codes, dtype=str), name="mesh_code")
    scheme: object = None
    if not isinstance(to, gpd.GeoDataFrame) and to not in ("prefecture", "municipality"):
        from jregion.regions import list_schemes

        if isinstance(to, str) and to not in list_schemes().index:
            raise SchemeError(
                f"unknown output area {to!r}; use 'prefecture', 'municipality', a region "
                f"scheme ({', '.join(list_schemes().index)}) or a GeoDataFrame of zones"
            )
        scheme = to
    layer, tiles = _zones_layer(to if scheme is None else "prefecture")
    lon, lat = _cell_centres(idx)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), index=idx, crs="EPSG:4326")
    points = points.to_crs(layer.crs)
    hit = gpd.sjoin(points, layer, how="left", predicate="intersects")
    key = hit.columns[-1]
    # a centre in several zones (on a shared edge, or zones that overlap): the first zone
    first = np.argsort(layer.index.get_indexer(hit[key]), kind="stable")
    hit = hit.iloc[first]
    hit = hit[~hit.index.duplicated(keep="first")]
    area = hit[key].reindex(idx)
    nearest = pd.Series(False, index=idx, name="by_nearest")
    outside = area.isna().to_numpy()
    if tiles and outside.any():
        far = points.loc[outside].to_crs(EQUAL_AREA_CRS)
        near = gpd.sjoin_nearest(far, layer.to_crs(EQUAL_AREA_CRS), how="left")
        near = near[~near.index.duplicated(keep="first")]
        area.loc[near.index] = near[near.columns[-1]].to_numpy()
        nearest.loc[near.index] = True
    area = area.rename(layer.index.name or "area")
    if scheme is not None:
        from jregion.regions import region_of

        region = region_of(area.to_numpy(), scheme=scheme)  # type: ignore[arg-type]
        area = pd.Series(region.array, index=idx, name="region")
    return area, nearest


def aggregate_mesh(
    frame: pd.DataFrame,
    *,
    level: MeshLevel | None = None,
    to: str | Mapping[object, str] | gpd.GeoDataFrame | None = None,
    columns: Sequence[str] | None = None,
) -> MeshAggregate:
    """Sum mesh statistics into parent cells or areas, counting suppressed cells once.

    Parameters
    ----------
    frame : pandas.DataFrame
        Indexed by mesh code (one level), as :func:`jregion.read_estat_mesh` returns, with or
        without the suppression columns ``HTKSYORI``, ``HTKSAKI``.
    level : int or str, optional
        Sum children into their parent cells of this level (1-5 or "80km", "10km", "1km",
        "500m", "250m"), by code arithmetic (:func:`jregion.mesh_parent`).
    to : {"prefecture", "municipality"}, region scheme or mapping, or GeoDataFrame, optional
        Sum into areas instead. Rule: a cell belongs to the area containing its centre
        (point in polygon, :func:`assign_cells`). With the built-in layers, a cell whose
        centre falls in no polygon (at sea on the simplified coastline) goes to the nearest
        one and is counted in ``by_nearest``; with a GeoDataFrame it stays unassigned and is
        listed in ``unassigned``. A region scheme assigns each cell to its prefecture, then
        the prefecture to its region (:func:`jregion.region_of`). Give ``level`` or ``to``.
    columns : sequence of str, optional
        Columns to sum (default: every numeric column except the flags).

    Returns
    -------
    MeshAggregate
        ``values`` summed per area with missing values skipped: a merged cell's breakdown
        (missing) is counted once, inside its receiving cell, in the receiving cell's area;
        every cell's own totals in its own area. ``merged_out``/``merged_in`` count merged
        cells whose receiving cell lies in another area (``merged_across`` in all): there
        the breakdowns of two areas are exchanged, which no rule can undo.

    Raises
    ------
    jregion.MeshCodeError
        If the index holds invalid or mixed-level codes, or ``level`` is not coarser.
    jregion.SchemeError
        If ``to`` names no known layer or scheme.
    jregion.CRSError
        If a zones GeoDataFrame has no CRS.

    Examples
    --------
    >>> import pandas as pd, jregion
    >>> cells = pd.DataFrame(
    ...     {"HTKSYORI": [1, 2, 0], "HTKSAKI": [None, "513007011", None],
    ...      "pop": [20.0, 3.0, 50.0], "young": [7.0, None, 9.0]},
    ...     index=pd.Index(["513007011", "513007012", "513007022"], name="mesh_code"))
    >>> agg = jregion.aggregate_mesh(cells, level=3)
    >>> agg.to_frame()
              pop  young  cells  merged_out  merged_in  by_nearest
    mesh_code
    51300701  23.0    7.0      2           0          0           0
    51300702  50.0    9.0      1           0          0           0
    >>> jregion.aggregate_mesh(cells, to="prefecture").values
               pop  young
    pref_code
    35        73.0   16.0
    """
    if (level is None) == (to is None):
        raise TypeError("give exactly one of level= (parent cells) or to= (areas)")
    codes = _check_frame(frame)
    cols = _value_columns(frame, columns)
    values = frame[cols].set_axis(codes, axis=0)
    if level is not None:
        from jregion.mesh import mesh_parent

        parents = [str(p) for p in mesh_parent(codes.to_numpy(), level)]
        area = pd.Series(parents, index=codes, name="mesh_code")
        nearest = pd.Series(False, index=codes)
        rule = f"parent cell at level {level!r} (mesh_parent)"
    else:
        area, nearest = assign_cells(codes, to)
        rule = _rule(to)
    name = str(area.name)
    order = pd.Index(pd.unique(area.dropna()), name=name)
    if isinstance(area.dtype, pd.CategoricalDtype):
        order = pd.Index([c for c in area.cat.categories if c in set(area.dropna())], name=name)
    else:
        order = order.sort_values()
    group = area.to_numpy()
    summed = values.groupby(group, sort=False).sum(min_count=1).reindex(order)
    summed.index.name = name
    cells = area.value_counts().reindex(order, fill_value=0).astype(np.int64).rename("cells")
    near = nearest.groupby(group, sort=False).sum().reindex(order, fill_value=0)
    out = pd.Series(0, index=order, dtype=np.int64, name="merged_out")
    inn = pd.Series(0, index=order, dtype=np.int64, name="merged_in")
    missing = pd.Index([], name="mesh_code", dtype=str)
    n_across = 0
    if "HTKSYORI" in frame.columns and "HTKSAKI" in frame.columns:
        flag = frame["HTKSYORI"].to_numpy()
        merged = codes[flag == 2]
        target = pd.Index(frame["HTKSAKI"].to_numpy()[flag == 2].astype(str))
        present = target.isin(codes)
        missing = merged[~present]
        src = area.reindex(merged[present]).to_numpy()
        dst = area.reindex(target[present]).to_numpy()
        across = pd.Series(src).ne(pd.Series(dst)).to_numpy() & ~(pd.isna(src) & pd.isna(dst))
        n_across = int(across.sum())
        if across.any():
            out = out.add(pd.Series(src[across]).value_counts(), fill_value=0).astype(np.int64)
            inn = inn.add(pd.Series(dst[across]).value_counts(), fill_value=0).astype(np.int64)
            out, inn = out.reindex(order, fill_value=0), inn.reindex(order, fill_value=0)
    return MeshAggregate(
        values=summed,
        cells=_named(cells, "cells", name),
        merged_out=_named(out, "merged_out", name),
        merged_in=_named(inn, "merged_in", name),
        by_nearest=_named(near.astype(np.int64), "by_nearest", name),
        assignment=area,
        receivers_missing=missing,
        merged_across=n_across,
        rule=rule,
    )


def _named(series: pd.Series, name: str, index_name: str) -> pd.Series:
    out = series.rename(name)
    out.index.name = index_name
    return out


def _rule(to: object) -> str:
    import geopandas as gpd

    if isinstance(to, gpd.GeoDataFrame):
        return "cell centre in a zone of the GeoDataFrame given; centres in no zone unassigned"
    layer = "municipalities" if to == "municipality" else "prefectures"
    rule = (
        f"cell centre in a polygon of the bundled {layer}; centres in no polygon go to the "
        "nearest polygon (by_nearest)"
    )
    if to not in ("prefecture", "municipality"):
        rule += f"; then each prefecture to its region in scheme {to!r}"
    return rule


def mesh_share(
    frame: pd.DataFrame,
    numerator: str,
    denominator: str,
    *,
    receiving: Literal["raise", "missing", "group"] = "raise",
) -> pd.Series:
    """Divide one column by another per cell, refusing the suppression trap.

    A receiving cell (``HTKSYORI == 1``) publishes breakdowns that include its merged cells
    but totals that do not. A share mixing the two kinds (e.g. children / population) is
    then wrong for that cell. Columns are told apart from the data: a column published on
    merged cells (``HTKSYORI == 2``) is an own total; one missing there is a pooled
    breakdown. Shares of two columns of the same kind are computed as they stand.

    Parameters
    ----------
    frame : pandas.DataFrame
        As :func:`jregion.read_estat_mesh` returns.
    numerator, denominator : str
        Column names.
    receiving : {"raise", "missing", "group"}, default "raise"
        For receiving cells when the two columns are of different kinds: ``"raise"``
        refuses (:class:`jregion.MissingValueError` naming the cells); ``"missing"`` gives
        them a missing share; ``"group"`` divides the pooled column by the own column
        summed over the receiving cell and its merged cells (the share of the merged group,
        exact if every merged cell is in the frame, else missing).

    Returns
    -------
    pandas.Series
        Aligned to ``frame``, named ``"<numerator>/<denominator>"``. Merged cells' shares
        of a pooled column are missing (their figures are in the receiving cell).

    Examples
    --------
    >>> import pandas as pd, jregion
    >>> cells = pd.DataFrame(
    ...     {"HTKSYORI": [1, 2, 0], "HTKSAKI": [None, "513007011", None],
    ...      "GASSAN": ["513007012", None, None],
    ...      "pop": [20.0, 5.0, 50.0], "young": [10.0, None, 9.0]},
    ...     index=pd.Index(["513007011", "513007012", "513007022"], name="mesh_code"))
    >>> jregion.mesh_share(cells, "young", "pop", receiving="group").tolist()
    [0.4, nan, 0.18]
    >>> jregion.mesh_share(cells, "young", "pop")
    Traceback (most recent call last):
    ...
    jregion.errors.MissingValueError: young/pop: 'young' includes merged cells ...
    """
    for col in (numerator, denominator):
        if col not in frame.columns:
            raise InvalidDataError(f"column {col!r} is not in the frame")
    num = frame[numerator].astype(float)
    den = frame[denominator].astype(float)
    name = f"{numerator}/{denominator}"
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (num / den).rename(name)
    if "HTKSYORI" not in frame.columns:
        return share
    flag = frame["HTKSYORI"].to_numpy()
    merged, receiving_rows = flag == 2, flag == 1
    if not receiving_rows.any():
        return share

    def pooled(col: str) -> bool | None:
        if not merged.any():
            return None
        return bool(frame.loc[merged, col].isna().all())

    kinds = (pooled(numerator), pooled(denominator))
    if kinds[0] is not None and kinds[0] == kinds[1]:
        return share
    cells = frame.index[receiving_rows]
    if kinds[0] is None and receiving != "missing":
        raise MissingValueError(
            f"{name}: the frame has receiving cells (HTKSYORI=1) but none of their merged "
            "cells, so own totals cannot be told from pooled breakdowns; pass "
            "receiving='missing' to leave the receiving cells out"
        )
    if receiving == "raise":
        which, other = (numerator, denominator) if kinds[0] else (denominator, numerator)
        raise MissingValueError(
            f"{name}: {which!r} includes merged cells (HTKSYORI=2) in its receiving "
            f"cell but {other!r} is the cell's own figure, so the share is wrong in "
            f"{len(cells)} receiving cells (e.g. {', '.join(map(str, cells[:3]))}); pass "
            "receiving='missing' to leave them out, receiving='group' for the merged "
            "group's share, or aggregate_mesh first"
        )
    out = share.copy()
    out[receiving_rows] = np.nan
    if receiving == "group":
        if "GASSAN" not in frame.columns:
            raise MissingValueError(
                f"{name}: receiving='group' needs the GASSAN column (the merged cells of each "
                "receiving cell), as read_estat_mesh returns it"
            )
        pooled_col, own_col = (numerator, denominator) if kinds[0] else (denominator, numerator)
        own = frame[own_col].astype(float)
        codes = [str(c) for c in frame.index]
        present = set(codes)
        gassan = frame["GASSAN"].to_numpy()
        pooled_values = frame[pooled_col].to_numpy(dtype=float)
        for i in np.flatnonzero(receiving_rows).tolist():
            members = [codes[i], *str(gassan[i]).split(";")]
            if not present.issuperset(members):
                continue
            total = float(own.loc[members].sum(min_count=len(members)))
            value = float(pooled_values[i])
            out.iat[i] = value / total if pooled_col == numerator else total / value
    return out
