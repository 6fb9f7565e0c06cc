"""Ellison-Glaeser agglomeration and coagglomeration indices.

Ellison and Glaeser (1997, eq. 5): with ``s_r`` an industry's share of employment in
area ``r``, ``x_r`` the area's share of aggregate employment, ``G = sum_r (s_r - x_r)^2``
the raw geographic concentration and ``H`` the industry's plant-size Herfindahl,
``gamma = (G - (1 - sum x_r^2) H) / ((1 - sum x_r^2)(1 - H))``.
Pairwise coagglomeration (Ellison, Glaeser and Kerr 2010, eq. 2):
``gamma^c_ij = sum_r (s_ri - x_r)(s_rj - x_r) / (1 - sum_r x_r^2)``. Coagglomeration of a
group of industries with plant Herfindahls (Ellison and Glaeser 1997, section 5):
``gamma^c = (G / (1 - sum x^2) - H - sum_j gamma_j w_j^2 (1 - H_j)) / (1 - sum_j w_j^2)``
with ``G`` and ``H = sum_j w_j^2 H_j`` of the group's combined employment and ``w_j`` each
industry's share of it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jregion.concentration._common import shares
from jregion.concentration._validate import InvalidDataError, Table, as_table, check_reference
from jregion.errors import MissingValueError, UnmatchedKeyError

__all__ = ["coagglomeration", "ellison_glaeser", "group_coagglomeration"]


def _area_shares(tab: Table, reference: pd.Series | None) -> np.ndarray:
    if reference is None:
        if tab.values.shape[1] < 2:
            raise InvalidDataError(
                "with a single industry, pass reference= (aggregate employment per area); "
                "otherwise the row totals of the table are the aggregate"
            )
        tot = tab.values.sum(axis=1)
        out: np.ndarray = tot / tot.sum()
        return out
    ref = check_reference(reference, tab.index)
    out = ref / ref.sum()
    return out


def ellison_glaeser(
    data: pd.DataFrame,
    *,
    plant_herfindahl: pd.Series,
    reference: pd.Series | None = None,
) -> pd.Series:
    """Ellison-Glaeser index of each industry's agglomeration beyond plant lumpiness.

    Parameters
    ----------
    data : DataFrame
        Area x industry employment (rows areas, columns industries).
    plant_herfindahl : Series
        Each industry's plant-size Herfindahl ``H = sum_k z_k^2`` (``z_k`` plant ``k``'s
        share of industry employment), indexed by ``data``'s columns, ``0 <= H < 1``.
    reference : Series, optional
        Aggregate employment per area (all industries); default the row totals of
        ``data``.

    Returns
    -------
    Series
        ``gamma`` per industry, named ``"ellison_glaeser"``; 0 means as concentrated as
        random plant location would make it, above 0.05 is usually called highly
        agglomerated (Ellison and Glaeser 1997, p. 890).

    Raises
    ------
    UnmatchedKeyError
        ``plant_herfindahl`` does not cover exactly the industries.
    InvalidDataError
        ``H`` outside ``[0, 1)``.

    Examples
    --------
    >>> import pandas as pd
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed", "establishments"]]
    >>> h = pd.Series({"persons_employed": 0.001, "establishments": 0.0})
    >>> jregion.ellison_glaeser(m, plant_herfindahl=h).round(4)
    persons_employed   -0.0010
    establishments      0.0024
    Name: ellison_glaeser, dtype: float64
    """
    tab = _industry_table(data)
    x = _area_shares(tab, reference)
    h = _herfindahls(plant_herfindahl, tab.columns)
    s = shares(tab.values)
    g = ((s - x[:, None]) ** 2).sum(axis=0)
    one_minus = 1.0 - (x * x).sum()
    gamma = (g - one_minus * h) / (one_minus * (1.0 - h))
    return pd.Series(gamma, index=tab.columns.copy(), name="ellison_glaeser")


def coagglomeration(data: pd.DataFrame, *, reference: pd.Series | None = None) -> pd.DataFrame:
    """Pairwise coagglomeration of industries (Ellison, Glaeser and Kerr 2010).

    Parameters
    ----------
    data : DataFrame
        Area x industry employment, at least two industries.
    reference : Series, optional
        Aggregate employment per area; default the row totals of ``data``.

    Returns
    -------
    DataFrame
        Industry x industry, symmetric; positive where two industries locate in the
        same areas beyond the aggregate pattern. The diagonal is NaN (an industry's own
        agglomeration is :func:`ellison_glaeser`, which needs plant Herfindahls).

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed", "establishments"]]
    >>> c = jregion.coagglomeration(m)
    >>> c.shape, round(float(c.loc["persons_employed", "establishments"]), 5)
    ((2, 2), -8e-05)
    """
    tab = _industry_table(data)
    if tab.values.shape[1] < 2:
        raise InvalidDataError("coagglomeration needs at least two industry columns")
    x = _area_shares(tab, reference)
    d = shares(tab.values) - x[:, None]
    c = (d.T @ d) / (1.0 - (x * x).sum())
    np.fill_diagonal(c, np.nan)
    return pd.DataFrame(c, index=tab.columns.copy(), columns=tab.columns.copy())


def group_coagglomeration(
    data: pd.DataFrame,
    *,
    plant_herfindahl: pd.Series,
    reference: pd.Series | None = None,
) -> float:
    """Ellison-Glaeser coagglomeration of a group of industries (all columns of ``data``).

    Parameters
    ----------
    data : DataFrame
        Area x industry employment for the industries of the group (two or more).
    plant_herfindahl : Series
        Each industry's plant-size Herfindahl, indexed by ``data``'s columns.
    reference : Series, optional
        Aggregate employment per area (all industries of the economy, not only the
        group). Default: the row totals of ``data``.

    Returns
    -------
    float
        ``gamma^c``: positive if the group's industries locate together beyond what their
        own agglomeration explains. For two industries it equals the pairwise
        :func:`coagglomeration` (same ``reference``).

    Examples
    --------
    >>> import pandas as pd
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed", "establishments"]]
    >>> h = pd.Series({"persons_employed": 0.001, "establishments": 0.0})
    >>> round(jregion.group_coagglomeration(m, plant_herfindahl=h), 5)
    -8e-05
    """
    tab = _industry_table(data)
    if tab.values.shape[1] < 2:
        raise InvalidDataError("a coagglomeration group needs at least two industry columns")
    x = _area_shares(tab, reference)
    h = _herfindahls(plant_herfindahl, tab.columns)
    one_minus = 1.0 - (x * x).sum()
    s_j = shares(tab.values)
    gamma_j = (((s_j - x[:, None]) ** 2).sum(axis=0) - one_minus * h) / (one_minus * (1.0 - h))
    total = tab.values.sum(axis=1)
    w = tab.values.sum(axis=0) / tab.values.sum()
    g = float(((total / total.sum() - x) ** 2).sum())
    h_group = float((w * w * h).sum())
    num = g / one_minus - h_group - float((gamma_j * w * w * (1.0 - h)).sum())
    return float(num / (1.0 - float((w * w).sum())))


def _industry_table(data: object) -> Table:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"an area x industry DataFrame is required, got {type(data).__name__}"
        )
    tab = as_table(data, min_rows=2)
    return tab


def _herfindahls(h: object, columns: pd.Index) -> np.ndarray:
    if not isinstance(h, pd.Series):
        raise TypeError(
            f"plant_herfindahl must be a Series indexed by industry, got {type(h).__name__}"
        )
    missing = columns.difference(h.index, sort=False)
    extra = h.index.difference(columns, sort=False)
    if len(missing) or len(extra):
        raise UnmatchedKeyError(
            f"plant_herfindahl must have one value per industry column: missing "
            f"{missing.tolist()[:5]}, not in the data {extra.tolist()[:5]}"
        )
    vals = h.reindex(columns).to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(vals).any():
        raise MissingValueError(
            f"plant_herfindahl is missing for {columns[np.isnan(vals)].tolist()[:5]}"
        )
    bad = (vals < 0) | (vals >= 1)
    if bad.any():
        raise InvalidDataError(
            f"plant_herfindahl must be in [0, 1) (1 means a single plant, for which the "
            f"index is undefined); got {vals[bad].tolist()[:5]} for {columns[bad].tolist()[:5]}"
        )
    return vals
