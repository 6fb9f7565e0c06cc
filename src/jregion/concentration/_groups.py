"""Map spatial units to the groups of a region scheme (or to labels given by the caller)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from jregion.concentration._validate import _show
from jregion.errors import MissingValueError, SchemeError, UnknownCodeError, UnmatchedKeyError
from jregion.regions import SchemeLike, region_of

__all__ = ["Level", "group_labels"]

Level = Literal["prefecture", "municipality"]


def _prefecture_keys(index: pd.Index, level: Level) -> pd.Index:
    if level == "prefecture":
        return index
    if level == "municipality":
        keys = pd.Index([str(k) for k in index])
        bad = [k for k in keys if not (k.isdigit() and len(k) in (5, 6))]
        if bad:
            raise UnknownCodeError(
                f"municipality codes must be 5- or 6-digit strings such as '13101', got "
                f"{_show(bad)}; convert the index with .astype(str).str.zfill(5)"
            )
        return pd.Index([k[:2] for k in keys])
    raise SchemeError(f"level must be 'prefecture' or 'municipality', got {level!r}")


def group_labels(
    index: pd.Index, groups: SchemeLike | pd.Series, *, level: Level = "prefecture"
) -> np.ndarray:
    """Return one group label per row of ``index``.

    Parameters
    ----------
    index : Index
        Keys of the data (prefecture codes in any form, or municipality codes).
    groups : str, Mapping or Series
        A scheme name or mapping (see :func:`jregion.scheme_table`), or a Series of
        labels indexed like the data.
    level : {"prefecture", "municipality"}
        What the keys are when ``groups`` is a scheme.

    Returns
    -------
    numpy.ndarray
        Object array of labels, in the order of ``index``.
    """
    if isinstance(groups, pd.Series):
        missing = index.difference(groups.index, sort=False)
        if len(missing):
            raise UnmatchedKeyError(
                f"{len(missing)} key(s) of the data have no group in `groups`: {_show(missing)}; "
                "give a label for every row"
            )
        if groups.index.has_duplicates:
            raise UnmatchedKeyError("`groups` has duplicated index keys; give one label per row")
        labels = groups.reindex(index)
        if labels.isna().any():
            nokey = index[labels.isna().to_numpy()].tolist()
            raise MissingValueError(f"`groups` is missing for {_show(nokey)}")
        return np.asarray(labels.astype(object).to_numpy())
    keys = _prefecture_keys(index, level)
    try:
        regions = region_of(keys, scheme=groups)
    except UnknownCodeError as err:
        raise UnknownCodeError(
            f"the data's index has a key that is not a prefecture of the scheme: {err}"
            + ("" if level == "municipality" else
               "; for municipality codes pass level='municipality'")
        ) from err
    return np.asarray(regions.astype(object).to_numpy())
