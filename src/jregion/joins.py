"""Strict joins of user tables to prefecture or region boundaries.

:func:`attach` never guesses: keys are normalised with :func:`jregion.to_codes`
(or the scheme's region labels), duplicates raise unless an aggregation is given,
unknown keys raise with suggestions, and boundaries without a row are kept or
dropped only as ``how`` says, with a warning and a record in ``attrs`` either way.
"""

from __future__ import annotations

import unicodedata
import warnings
from typing import TYPE_CHECKING, Literal, TypeAlias

import numpy as np
import pandas as pd

from jregion.codes import to_codes
from jregion.errors import (
    DuplicateKeyError,
    InvalidDataError,
    LayoutError,
    MissingValueError,
    OptionError,
    SchemeError,
    SkippedValuesWarning,
    UnknownCodeError,
    UnmatchedKeyError,
    UnmatchedRowsWarning,
)
from jregion.regions import SchemeLike, load_regions, normalise_region

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["attach"]

Aggregate: TypeAlias = Literal["sum", "mean", "median", "min", "max", "first", "last"]
_AGGREGATES: tuple[str, ...] = ("sum", "mean", "median", "min", "max", "first", "last")

#: Keys that label a national total row (e-Stat's 全国 and 00000, 合計 / 総数 in user tables).
_NATIONAL = frozenset(
    {"全国", "全国計", "合計", "総数", "総計", "計", "japan", "national", "total", "all japan",
     "00", "000", "00000", "000000"}
)


def _national_rows(keys: pd.Series) -> np.ndarray:
    """Boolean mask of keys that name the national total (全国, 合計, 00000, "Japan")."""
    folded = [
        unicodedata.normalize("NFKC", v).strip().casefold() if isinstance(v, str) else None
        for v in keys.to_numpy(dtype=object)
    ]
    return np.array([f in _NATIONAL for f in folded], dtype=bool)


def _drop_national(
    table: pd.DataFrame, keys: pd.Series, national: str
) -> tuple[pd.DataFrame, pd.Series, list[object]]:
    if national not in ("raise", "drop"):
        raise OptionError(f"national must be 'raise' or 'drop', got {national!r}")
    mask = _national_rows(keys)
    if not mask.any():
        return table, keys, []
    labels = keys[mask].tolist()
    if national == "raise":
        rows = np.flatnonzero(mask)[:5].tolist()
        raise UnknownCodeError(
            f"{int(mask.sum())} row(s) hold a national total, not a prefecture: "
            f"{labels[:5]} (rows {rows}); drop them first (e.g. "
            f"table[~table[key].isin({sorted(set(map(str, labels)))[:3]})]) or pass "
            "national='drop' to drop them (they are listed in attrs['jregion_dropped_national'])"
        )
    return table[~mask], keys[~mask], labels


def _aggregate(data: pd.DataFrame, aggregate: str, skipna: bool) -> pd.DataFrame:
    """Combine rows sharing a key; a missing value makes the result missing unless skipna."""
    numeric_only = aggregate in ("sum", "mean", "median")
    text_cols = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
    if numeric_only and text_cols:
        raise TypeError(
            f"aggregate={aggregate!r} needs numeric columns, but {text_cols} are not; "
            "select the numeric columns first, or use aggregate='first'"
        )
    grouped = data.groupby(level=0, sort=False)
    try:
        if aggregate == "sum":  # all-missing stays missing, never 0
            out = grouped.sum(min_count=1, skipna=skipna)
        else:
            out = getattr(grouped, aggregate)(skipna=skipna)
    except TypeError as err:
        raise TypeError(
            f"aggregate={aggregate!r} failed on a column ({err}); select the columns to "
            "aggregate first"
        ) from err
    if skipna:
        dup = data.index.duplicated(keep=False)
        missing = data[dup].isna()
        present = data[dup].notna().groupby(level=0, sort=False).transform("any")
        skipped = int((missing & present).to_numpy().sum())
        if skipped:
            warnings.warn(
                f"aggregate={aggregate!r} skipped {skipped} missing value(s) in rows that share "
                "a key (skipna=True); those keys' results use the other rows only",
                SkippedValuesWarning,
                stacklevel=3,
            )
    return out


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
    skipna: bool = False,
    national: Literal["raise", "drop"] = "raise",
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
        A missing value makes the combined value missing (the sum of 5 and a missing
        value is missing, not 5; ``"first"`` is the first row's value, even if missing),
        because a total over partly suppressed rows is not the total.
    skipna : bool, default False
        With ``aggregate``, skip missing values instead (pandas' default). An
        :class:`~jregion.errors.SkippedValuesWarning` says how many were skipped. Keys
        whose rows are all missing stay missing (never 0).
    national : {"raise", "drop"}, default "raise"
        A row keyed as the national total (``"全国"``, ``"合計"``, ``"00000"``,
        ``"Japan"``) raises; ``"drop"`` drops it and lists its keys in
        ``attrs["jregion_dropped_national"]``.
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
        A national-total row (with ``national="raise"``) says how to drop it.
    DuplicateKeyError
        A key occurs more than once and ``aggregate`` is None.
    MissingValueError
        A key is missing.
    InvalidDataError
        The table has no rows (an empty input is almost always a mistake upstream).
    OptionError
        ``aggregate``, ``how`` or ``national`` outside their documented sets.
    LayoutError
        The table has MultiIndex columns (flatten them first).
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
        raise OptionError(f"how must be 'left' or 'inner', got {how!r}")
    if aggregate is not None and aggregate not in _AGGREGATES:
        raise OptionError(
            f"aggregate must be one of {', '.join(map(repr, _AGGREGATES))} or None, got "
            f"{aggregate!r}"
        )
    if isinstance(table.columns, pd.MultiIndex):
        raise LayoutError(
            f"the table has MultiIndex columns ({table.columns.nlevels} levels); flatten them "
            "first, e.g. table.columns = ['_'.join(map(str, c)) for c in table.columns]"
        )
    if len(table) == 0:
        raise InvalidDataError(
            "the table is empty (0 rows), so nothing can be attached; check the step that "
            "built it (a filter that matched nothing, a wrong sheet or year)"
        )
    keys = _keys(table, key)
    table, keys, dropped = _drop_national(table, keys, national)
    if len(table) == 0:
        raise InvalidDataError("the table holds only national-total rows; nothing to attach")
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
        data = _aggregate(data, aggregate, skipna)

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
    if dropped:
        out.attrs["jregion_dropped_national"] = dropped
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
