"""Counts and weighted sums of assigned points per code (and per category).

Both the in-memory and the dask path reduce to the same three grouped series (point
count, weight sum and non-missing weight count per key, NaN code kept as its own
group), which :func:`finish_counts` turns into the returned frame.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from jregion.errors import (
    InvalidDataError,
    MissingValueError,
    NonNumericError,
    PointsOutsideWarning,
)

__all__ = ["check_count_args", "check_weight_dtype", "finish_counts", "grouped_parts"]


def check_count_args(columns: pd.Index, code: str, by: str | None, weight: str | None) -> None:
    """Check that ``by`` and ``weight`` name columns other than the code column."""
    for what, name in (("by", by), ("weight", weight)):
        if name is None:
            continue
        if not isinstance(name, str):
            raise TypeError(f"{what} must be a column name (str) or None, got {name!r}")
        if name not in columns:
            cols = ", ".join(map(repr, list(columns)[:12]))
            raise InvalidDataError(f"{what}={name!r} is not a column of points (columns: {cols})")
        if name == code:
            raise InvalidDataError(f"{what}={name!r} is the code column itself")
    if by is not None and by == weight:
        raise InvalidDataError(f"by and weight name the same column {by!r}")


def check_weight_dtype(dtype: Any, weight: str) -> None:
    """Reject a non-numeric weight column."""
    if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        raise NonNumericError(
            f"weight column {weight!r} must be numeric, got dtype {dtype}; convert it with "
            "pd.to_numeric"
        )


def grouped_parts(frame: Any, code: str, by: str | None, weight: str | None) -> list[Any]:
    """Return the grouped reductions (pandas or dask): size, then weight sum and count."""
    keys = [code] if by is None else [code, by]
    groups = frame.groupby(keys, dropna=False, observed=True)
    parts = [groups.size()]
    if weight is not None:
        parts += [groups[weight].sum(), groups[weight].count()]
    return parts


def finish_counts(
    parts: list[pd.Series],
    *,
    code: str,
    by: str | None,
    weight: str | None,
    categories: pd.Index | None,
    outside: str,
    snap_hint: bool,
    stacklevel: int,
) -> pd.DataFrame:
    """Turn the grouped reductions into the count frame; warn once about unplaced points.

    ``outside`` says where unplaced points lie ("outside every prefecture"); ``snap_hint``
    adds that ``assign(..., snap_km=)`` places points near the coast (polygon levels).
    """
    size = parts[0]
    codes = size.index.get_level_values(0)
    unplaced = np.asarray(pd.isna(codes))
    if by is not None and pd.isna(size.index.get_level_values(1)).any():
        raise MissingValueError(
            f"by column {by!r} has missing values; fill them first, e.g. "
            f"points[{by!r}] = points[{by!r}].fillna('unknown')"
        )
    if weight is not None:
        n_missing = int((size - parts[2].reindex(size.index, fill_value=0)).sum())
        if n_missing:
            raise MissingValueError(
                f"weight column {weight!r} has {n_missing:,} missing value(s); fill or drop "
                "those points first"
            )
    values = size if weight is None else parts[1].reindex(size.index)
    kept = values[~unplaced]
    name = "count" if weight is None else weight
    if by is None:
        frame = kept.to_frame(name)
    else:
        # sorted categories (by category order for a Categorical): dask's groupby does not sort
        frame = kept.unstack(level=1, fill_value=0).sort_index(axis=1)
        frame.columns = pd.Index(list(frame.columns), name=by)
    frame.index = pd.Index(frame.index.astype(object), name=code)
    if categories is not None:
        unknown = frame.index.difference(categories)
        if len(unknown):
            raise InvalidDataError(
                f"the {code} column holds {len(unknown)} value(s) that are not "
                f"{'regions of this scheme' if code == 'region' else 'JIS prefecture codes'} "
                f"({', '.join(map(repr, unknown[:5].tolist()))}); drop the column to assign "
                "again, or pass the scheme it was assigned with"
                + ("; jregion.to_codes normalises prefecture codes" if code != "region" else "")
            )
    frame = frame.reindex(categories, fill_value=0) if categories is not None else frame
    frame = frame.sort_index() if categories is None else frame
    frame.index.name = code
    if weight is None:
        frame = frame.astype(np.int64)
    n_unplaced = int(size[unplaced].sum())
    frame.attrs = {"jregion_unplaced": n_unplaced}
    if n_unplaced:
        hint = "; assign(..., snap_km=) places points near the coast" if snap_hint else ""
        warnings.warn(
            f"{n_unplaced:,} of {int(size.sum()):,} points have no {code} ({outside} or "
            f"without a location) and are not counted{hint}",
            PointsOutsideWarning,
            stacklevel=stacklevel + 1,
        )
    return frame
