"""Map spatial units to the groups of a region scheme (or to labels given by the caller)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Literal

import numpy as np
import pandas as pd

from jregion._keys import show_labels as _show
from jregion.codes import PREFECTURE_CODES, to_codes
from jregion.concentration._validate import _check_prefecture_aliases
from jregion.errors import (
    CoverageError,
    MissingValueError,
    OptionError,
    SchemeError,
    UnknownCodeError,
    UnmatchedKeyError,
)
from jregion.regions import SchemeLike, region_of

__all__ = [
    "DECOMPOSITION",
    "Coverage",
    "Level",
    "group_labels",
    "mark_coverage",
    "prefecture_coverage",
]

Level = Literal["prefecture", "municipality"]
Coverage = Literal["full", "partial"]

#: ``why`` and ``partial`` of :func:`prefecture_coverage` for a decomposition by region.
DECOMPOSITION = {
    "why": (
        "A decomposition by the regions of a scheme needs every prefecture (otherwise the "
        "national total and each region are only their covered parts)"
    ),
    "partial": "decompose the covered prefectures only",
}


def prefecture_coverage(
    index: pd.Index,
    *,
    level: Level = "prefecture",
    coverage: Coverage = "full",
    why: str = "Shares of the national total need every prefecture",
    partial: str = "take shares of the covered total",
) -> dict[str, list[str]]:
    """Return the prefectures the data covers, or raise if a national total needs all 47.

    Parameters
    ----------
    index : Index
        Keys of the data (prefectures in any form, or municipality codes).
    level : {"prefecture", "municipality"}
        What the keys are.
    coverage : {"full", "partial"}
        ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row; ``"partial"`` accepts a subset.
    why, partial : str
        For the error message: why every prefecture is needed, and what
        ``coverage="partial"`` does instead.

    Returns
    -------
    dict
        ``{"prefectures": [...], "missing": [...]}``, JIS codes in order; the share
        functions put it in their result's ``attrs["jregion_coverage"]``.
    """
    if coverage not in ("full", "partial"):
        raise OptionError(f"coverage must be 'full' or 'partial', got {coverage!r}")
    keys = _prefecture_keys(index, level)
    try:
        codes = to_codes(keys)
    except UnknownCodeError as err:
        raise _not_a_prefecture(err, level) from err
    if level == "prefecture":
        _check_prefecture_aliases(index, "the data")
    covered = set(codes)
    missing = [c for c in PREFECTURE_CODES if c not in covered]
    if missing and coverage == "full":
        raise CoverageError(
            f"the data covers {len(covered)} of 47 prefectures; missing {_show(missing, 8)}. "
            f"{why}: add the missing rows (zeros where the activity is truly zero), or pass "
            f"coverage='partial' to {partial} (listed in the result's "
            "attrs['jregion_coverage'])"
        )
    return {"prefectures": [c for c in PREFECTURE_CODES if c in covered], "missing": missing}


def mark_coverage(result: Any, report: dict[str, list[str]]) -> None:
    """Put ``attrs["jregion_coverage"]`` on each pandas field of a (new) result dataclass."""
    for field in fields(result):
        value = getattr(result, field.name)
        if isinstance(value, pd.Series | pd.DataFrame):
            value.attrs = {"jregion_coverage": report}


def _not_a_prefecture(err: UnknownCodeError, level: Level) -> UnknownCodeError:
    """Return the error for a data key that is not a prefecture, with the municipal hint."""
    return UnknownCodeError(
        f"the data's index has a key that is not a prefecture of the scheme: {err}"
        + ("" if level == "municipality" else
           "; for municipality codes pass level='municipality'")
    )


def _prefecture_keys(index: pd.Index, level: Level) -> pd.Index:
    if level == "prefecture":
        municipal = [k for k in index if isinstance(k, str) and k.isdigit() and len(k) in (5, 6)]
        if municipal:  # region_of reads municipal codes too; a prefecture level must not
            raise UnknownCodeError(
                f"the data's index holds municipality codes {_show(municipal)} but "
                "level='prefecture'; pass level='municipality'"
            )
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
        raise _not_a_prefecture(err, level) from err
    return np.asarray(regions.astype(object).to_numpy())
