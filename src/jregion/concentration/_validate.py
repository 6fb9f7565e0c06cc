"""Input checks shared by the concentration functions (run first in every public function).

Every check raises a :mod:`jregion.errors` subclass whose message names the problem
(column, row) and the fix. Nothing here mutates the caller's objects: values are
copied into fresh ``float64`` arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion._keys import show_labels as _show
from jregion.errors import (
    DuplicateKeyError,
    InvalidDataError,
    MissingValueError,
    UnmatchedKeyError,
)

__all__ = ["InvalidDataError", "Table", "as_table", "check_reference", "check_same_shape"]


@dataclass(frozen=True)
class Table:
    """A validated activity table: values (rows x columns), its index and columns."""

    values: np.ndarray
    index: pd.Index
    columns: pd.Index
    is_series: bool
    name: str | None


def _check_prefecture_aliases(index: pd.Index, what: str) -> None:
    """Raise if an index of prefectures names one prefecture twice ("01" and "Hokkaido").

    Only an index whose keys all read as prefectures is checked; other keys (regions,
    municipalities, mesh codes, the caller's own labels) are taken as given.
    """
    from jregion.codes import to_code, to_codes
    from jregion.errors import JRegionError

    if len(index) < 2 or isinstance(index, pd.MultiIndex):
        return
    try:
        to_code(index[0])
        codes = to_codes(index)
    except (JRegionError, TypeError):
        return
    dup = codes.duplicated(keep=False).to_numpy()
    if dup.any():
        first = codes[dup].iloc[0]
        same = [k for k, c in zip(index, codes, strict=True) if c == first]
        raise DuplicateKeyError(
            f"{what} names prefecture {first} more than once, as {_show(same)}; one row per "
            "prefecture: combine or drop the duplicates (jregion.to_codes(data.index) shows "
            "the codes)"
        )


def as_table(
    data: object,
    *,
    what: str = "data",
    allow_zero_columns: bool = False,
    min_rows: int = 1,
) -> Table:
    """Validate a DataFrame or Series of non-negative activity counts.

    Parameters
    ----------
    data : DataFrame or Series
        Rows are spatial units (or regions), columns are activities.
    what : str
        How the argument is called in messages.
    allow_zero_columns : bool
        Accept columns that sum to zero.
    min_rows : int
        Minimum number of rows.

    Returns
    -------
    Table
        The values as a new float64 array with the index and columns.
    """
    if isinstance(data, pd.Series):
        frame = data.to_frame(name=data.name if data.name is not None else "value")
        is_series = True
        name = None if data.name is None else str(data.name)
    elif isinstance(data, pd.DataFrame):
        frame = data
        is_series = False
        name = None
    else:
        raise TypeError(
            f"{what} must be a pandas DataFrame or Series of activity counts, "
            f"got {type(data).__name__}"
        )
    if frame.shape[0] < min_rows:
        raise InvalidDataError(
            f"{what} has {frame.shape[0]} row(s); at least {min_rows} spatial units are needed"
        )
    if frame.shape[1] == 0:
        raise InvalidDataError(f"{what} has no columns; pass at least one activity column")
    check_unique(
        frame.index, what=what, fix="aggregate them first (e.g. data.groupby(level=0).sum())"
    )
    _check_prefecture_aliases(frame.index, what)
    check_unique(
        frame.columns, what=what, kind="column labels", fix="rename or combine them first"
    )
    bad = [c for c in frame.columns if not (
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    )]
    if bad:
        raise TypeError(
            f"{what} column(s) {_show(bad)} are not numeric; select the activity columns "
            "(e.g. data[['persons_employed']])"
        )
    values = frame.to_numpy(dtype="float64", na_value=np.nan, copy=True)
    if values.ndim != 2:  # pragma: no cover - pandas always gives 2-D here
        raise TypeError(f"{what} must be two-dimensional")
    nan = np.isnan(values)
    if nan.any():
        r, c = np.argwhere(nan)[0]
        cols = frame.columns[nan.any(axis=0)].tolist()
        raise MissingValueError(
            f"{what} has {int(nan.sum())} missing value(s) in column(s) {_show(cols)} "
            f"(first at row {frame.index[r]!r}, column {frame.columns[c]!r}); drop or fill "
            "them explicitly before computing an index"
        )
    inf = np.isinf(values)
    if inf.any():
        r, c = np.argwhere(inf)[0]
        raise InvalidDataError(
            f"{what} has infinite value(s) (first at row {frame.index[r]!r}, column "
            f"{frame.columns[c]!r}); activity counts must be finite"
        )
    neg = values < 0
    if neg.any():
        r, c = np.argwhere(neg)[0]
        raise InvalidDataError(
            f"{what} has {int(neg.sum())} negative value(s) (first {values[r, c]!r} at row "
            f"{frame.index[r]!r}, column {frame.columns[c]!r}); concentration indices need "
            "non-negative counts or amounts"
        )
    if not allow_zero_columns:
        zero: np.ndarray = ~np.any(values > 0, axis=0)  # non-negative: no positive, sum 0
        if zero.any():
            cols = frame.columns[zero].tolist()
            raise InvalidDataError(
                f"{what} column(s) {_show(cols)} sum to zero, so their shares are undefined; "
                "drop those columns"
            )
    return Table(values, frame.index.copy(), frame.columns.copy(), is_series, name)


def check_reference(reference: object, index: pd.Index, *, what: str = "reference") -> np.ndarray:
    """Align a reference distribution (e.g. population) to ``index``; all values must be > 0.

    Parameters
    ----------
    reference : Series
        One positive value per spatial unit, indexed like the data.
    index : Index
        The data's index.
    what : str
        How the argument is called in messages.

    Returns
    -------
    numpy.ndarray
        The reference as float64, in the order of ``index``.
    """
    if not isinstance(reference, pd.Series):
        raise TypeError(
            f"{what} must be a pandas Series indexed like the data, got {type(reference).__name__}"
        )
    check_unique(reference.index, what=what, fix="give one reference value per key")
    missing = index.difference(reference.index, sort=False)
    extra = reference.index.difference(index, sort=False)
    if len(missing) or len(extra):
        parts = []
        if len(missing):
            parts.append(f"{len(missing)} key(s) of the data are not in {what}: {_show(missing)}")
        if len(extra):
            parts.append(f"{len(extra)} key(s) of {what} are not in the data: {_show(extra)}")
        raise UnmatchedKeyError(
            "; ".join(parts) + f"; pass a {what} with exactly the data's index "
            "(same key type, e.g. '01' not 1)"
        )
    if not (
        pd.api.types.is_numeric_dtype(reference) and not pd.api.types.is_bool_dtype(reference)
    ):
        raise TypeError(f"{what} must be numeric, got dtype {reference.dtype}")
    ref = reference.reindex(index).to_numpy(dtype="float64", na_value=np.nan, copy=True)
    if np.isnan(ref).any():
        keys = index[np.isnan(ref)].tolist()
        raise MissingValueError(f"{what} is missing for {_show(keys)}; fill or drop those units")
    bad = ~np.isfinite(ref) | (ref <= 0)
    if bad.any():
        keys = index[bad].tolist()
        raise InvalidDataError(
            f"{what} must be positive and finite; got {_show(ref[bad].tolist())} for "
            f"{_show(keys)}"
        )
    return ref


def check_same_shape(a: Table, b: Table, *, what_a: str, what_b: str) -> np.ndarray:
    """Return ``b``'s values reordered to ``a``'s rows and columns, or raise if they differ."""
    if a.is_series != b.is_series:
        raise TypeError(f"{what_a} and {what_b} must both be Series or both be DataFrames")
    if a.is_series:  # one activity each: the Series names may differ (e.g. two years)
        b = Table(b.values, b.index, a.columns, True, b.name)
    for axis, la, lb in (("index", a.index, b.index), ("columns", a.columns, b.columns)):
        if not (la.equals(lb) or (len(la) == len(lb) and set(la) == set(lb))):
            missing = la.difference(lb, sort=False)
            extra = lb.difference(la, sort=False)
            raise UnmatchedKeyError(
                f"{what_a} and {what_b} have different {axis}: {len(missing)} only in "
                f"{what_a} ({_show(missing)}), {len(extra)} only in {what_b} ({_show(extra)}); "
                f"pass tables with the same {axis}"
            )
    frame = pd.DataFrame(b.values, index=b.index, columns=b.columns)
    out: np.ndarray = frame.reindex(index=a.index, columns=a.columns).to_numpy(dtype="float64")
    return out
