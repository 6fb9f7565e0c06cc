"""Strict joins of user tables to prefecture or region boundaries.

:func:`attach` never guesses: keys are normalised with :func:`jregion.to_codes`
(or the scheme's region labels), duplicates raise unless an aggregation is given,
unknown keys raise with suggestions, and boundaries without a row are kept or
dropped only as ``how`` says, with a warning and a record in ``attrs`` either way.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Literal, TypeAlias

import pandas as pd

from jregion.codes import to_codes
from jregion.errors import (
    DuplicateKeyError,
    MissingValueError,
    SchemeError,
    UnmatchedKeyError,
    UnmatchedRowsWarning,
)
from jregion.regions import SchemeLike, load_regions, normalise_region

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["attach"]

Aggregate: TypeAlias = Literal["sum", "mean", "median", "min", "max", "first", "last"]


def _keys(table: pd.DataFrame, key: str | None) -> pd.Series:
    if key is None:
        return pd.Series(table.index.to_numpy(dtype=object), index=table.index)
    if key not in table.columns:
        raise KeyError(
            f"key column {key!r} not in the table (columns: {', '.join(map(str, table.columns))}); "
            "pass key=None to use the index"
        )
    return table[key]


def _region_keys(keys: pd.Series, scheme: SchemeLike) -> pd.Series:
    out = []
    for pos, value in enumerate(keys.to_numpy(dtype=object)):
        if value is None or (isinstance(value, float) and pd.isna(value)):
            raise MissingValueError(f"missing region key at row {pos}; drop or fill it")
        try:
            out.append(normalise_region(str(value), scheme))
        except SchemeError as err:
            raise UnmatchedKeyError(f"row {pos}: {err}") from None
    return pd.Series(out, index=keys.index, name="region")


def _municipal(
    keys: pd.Series, *, wards: bool, resolution: str
) -> tuple[pd.Series, gpd.GeoDataFrame]:
    from jregion.municipal_codes import check_layer, to_municipal_codes
    from jregion.municipalities import load_municipalities

    if resolution != "full":
        raise ValueError(
            f"resolution={resolution!r} is not available for municipal boundaries; "
            "use resolution='full'"
        )
    norm = to_municipal_codes(keys)
    check_layer(norm, wards=wards)
    return norm, load_municipalities(wards=wards)


def attach(
    table: pd.DataFrame,
    *,
    key: str | None,
    level: Literal["prefecture", "region", "municipality", "ward"] = "prefecture",
    scheme: SchemeLike = "eight",
    how: Literal["left", "inner"] = "left",
    aggregate: Aggregate | None = None,
    resolution: Literal["full", "web"] = "full",
) -> gpd.GeoDataFrame:
    """Join a table to prefecture, region or municipal boundaries, strictly.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per prefecture (or region, municipality, ward). Not modified.
    key : str or None
        Column holding the prefecture in any form :func:`jregion.to_codes`
        reads (the region label for ``level="region"``, a municipal code or name
        that :func:`jregion.to_municipal_codes` reads for ``"municipality"`` and
        ``"ward"``); None uses the index.
    level : {"prefecture", "region", "municipality", "ward"}, default "prefecture"
        ``"municipality"`` joins to :func:`jregion.load_municipalities` (designated
        cities whole), ``"ward"`` to its ``wards=True`` layer; municipal boundaries
        are those of 2021-01-01 and a code of the other layer (a ward at
        ``"municipality"``) raises.
    scheme : str or Mapping, default "eight"
        Region scheme, for ``level="region"``.
    how : {"left", "inner"}, default "left"
        ``"left"`` keeps every boundary (values NaN where the table has no row);
        ``"inner"`` drops boundaries without a row. Either way the boundaries
        without a row are listed in ``attrs["jregion_unmatched_boundaries"]`` and
        an :class:`~jregion.errors.UnmatchedRowsWarning` names them.
    aggregate : {"sum", "mean", "median", "min", "max", "first", "last"}, optional
        How to combine rows that share a key. Without it, a duplicate key raises.
    resolution : {"full", "web"}, default "full"
        Boundary layer to join to (municipal levels have ``"full"`` only).

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``pref_code`` (or ``region``, ``muni_code``), boundary columns first, then
        the table's columns, then ``geometry``.

    Raises
    ------
    UnknownCodeError, UnmatchedKeyError
        A key matches no prefecture or region (with suggestions).
    DuplicateKeyError
        A key occurs more than once and ``aggregate`` is None.
    MissingValueError
        A key is missing.
    ValueError
        A table column would overwrite a boundary column.

    Examples
    --------
    >>> import pandas as pd
    >>> import jregion
    >>> t = jregion.prefecture_table().reset_index()
    >>> table = pd.DataFrame({"pref": t["name_ja"], "value": range(47)})
    >>> gdf = jregion.attach(table, key="pref")
    >>> gdf.loc["13", "name_en"], int(gdf.loc["13", "value"])
    ('Tokyo', 12)
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    if how not in ("left", "inner"):
        raise ValueError(f"how must be 'left' or 'inner', got {how!r}")
    keys = _keys(table, key)
    if level == "prefecture":
        norm = to_codes(keys)
        index_name = "pref_code"
        from jregion.boundaries import load_prefectures

        bounds = load_prefectures(resolution=resolution)
    elif level == "region":
        norm = _region_keys(keys, scheme)
        index_name = "region"
        bounds = load_regions(scheme, resolution=resolution)
    elif level in ("municipality", "ward"):
        norm, bounds = _municipal(keys, wards=level == "ward", resolution=resolution)
        index_name = "muni_code"
    else:
        raise ValueError(
            f"level must be 'prefecture', 'region', 'municipality' or 'ward', got {level!r}"
        )

    data = table.drop(columns=[key]) if key is not None else table.copy()
    data = data.set_axis(pd.Index(norm.to_numpy(), name=index_name), axis=0)
    dup_mask = data.index.duplicated(keep=False)
    if dup_mask.any():
        if aggregate is None:
            dups = sorted(set(data.index[dup_mask]))
            rows = [int(i) for i in range(len(dup_mask)) if dup_mask[i]][:10]
            raise DuplicateKeyError(
                f"{len(dups)} key(s) occur more than once: {dups[:10]} (rows {rows}); "
                "pass aggregate='sum' (or 'mean', 'first', ...) to combine them, or fix the table"
            )
        numeric_only = aggregate in ("sum", "mean", "median")
        text_cols = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
        if numeric_only and text_cols:
            raise TypeError(
                f"aggregate={aggregate!r} needs numeric columns, but {text_cols} are not; "
                "select the numeric columns first, or use aggregate='first'"
            )
        try:
            data = data.groupby(level=0, sort=False).agg(aggregate)
        except TypeError as err:
            raise TypeError(
                f"aggregate={aggregate!r} failed on a column ({err}); select the columns to "
                "aggregate first"
            ) from err

    clash = [c for c in data.columns if c in bounds.columns]
    if clash:
        raise ValueError(
            f"table column(s) {clash} would overwrite boundary columns; rename them first"
        )
    unmatched = [str(c) for c in bounds.index if c not in data.index]
    joined = bounds.drop(columns="geometry").join(data, how=how)
    geometry = bounds.geometry.reindex(joined.index)
    import geopandas as gpd

    out = gpd.GeoDataFrame(joined, geometry=geometry, crs=bounds.crs)
    out.index.name = index_name
    out.attrs = {**bounds.attrs, "jregion_unmatched_boundaries": unmatched, "jregion_how": how}
    if unmatched:
        verb = "kept with missing values" if how == "left" else "dropped"
        shown = ", ".join(unmatched[:12]) + (" ..." if len(unmatched) > 12 else "")
        warnings.warn(
            f"{len(unmatched)} {index_name.replace('_', ' ')}(s) have no row in the table and were "
            f"{verb}: {shown}",
            UnmatchedRowsWarning,
            stacklevel=2,
        )
    return out
