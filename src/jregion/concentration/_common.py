"""Small helpers shared by the concentration modules: shares and per-column results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jregion.concentration._validate import Table, check_reference

__all__ = ["per_column", "reference_shares", "shares"]


def shares(values: np.ndarray) -> np.ndarray:
    """Return each column divided by its total (columns must not sum to zero).

    Computed on values scaled by each column's maximum first, so totals beyond the float
    range (``[1e308, 1e308, 1]``) give the right shares rather than an overflow to inf.
    """
    top = values.max(axis=0, keepdims=True)
    scaled = values / np.where(top > 0, top, 1.0)
    out: np.ndarray = scaled / scaled.sum(axis=0, keepdims=True)
    return out


def reference_shares(reference: pd.Series | None, tab: Table) -> np.ndarray:
    """Return the reference distribution as shares (1/n each when ``reference`` is None)."""
    n = tab.values.shape[0]
    if reference is None:
        return np.full(n, 1.0 / n)
    ref = check_reference(reference, tab.index)
    out: np.ndarray = ref / ref.sum()
    return out


def per_column(tab: Table, values: np.ndarray, name: str) -> float | pd.Series:
    """Return a float for Series input, else a Series indexed by the activity columns."""
    if tab.is_series:
        return float(values[0])
    return pd.Series(np.asarray(values, dtype="float64"), index=tab.columns.copy(), name=name)
