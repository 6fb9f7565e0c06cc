"""Theil's entropy index and its exact between/within decomposition by region.

With activity shares ``s_i`` and reference shares ``p_i`` (``1/n`` when unweighted),
``T = sum_i s_i ln(s_i / p_i)`` (Theil 1967; the unweighted form is
``(1/n) sum (x_i/mu) ln(x_i/mu)``). For groups ``g`` with shares ``S_g`` and ``P_g``:
``T = sum_g S_g ln(S_g / P_g) + sum_g S_g T_g``, between plus within, where ``T_g`` is
the index computed inside group ``g`` (Shorrocks 1980; Conceição and Ferreira 2000).
Units with zero activity contribute zero (the limit of ``s ln s``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import overload

import numpy as np
import pandas as pd

from jregion._display import ResultDisplay
from jregion.concentration._common import per_column, reference_shares, shares
from jregion.concentration._groups import (
    DECOMPOSITION,
    Coverage,
    Level,
    group_labels,
    mark_coverage,
    prefecture_coverage,
)
from jregion.concentration._validate import as_table
from jregion.regions import SchemeLike, region_order

__all__ = ["TheilDecomposition", "theil", "theil_decomposition"]


def _xlogy_ratio(s: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Elementwise ``s * ln(s / p)`` with 0 where ``s == 0``."""
    out = np.zeros_like(s)
    pos = s > 0
    pp = np.broadcast_to(p, s.shape)
    out[pos] = s[pos] * np.log(s[pos] / pp[pos])
    return out


def _nonnegative(t: np.ndarray) -> np.ndarray:
    """Theil indices and their parts are >= 0; rounding can leave -1e-15 on equal shares."""
    out: np.ndarray = np.maximum(t, 0.0)
    return out


def _theil_values(values: np.ndarray, p: np.ndarray) -> np.ndarray:
    return _nonnegative(_xlogy_ratio(shares(values), p[:, None]).sum(axis=0))


@overload
def theil(data: pd.Series, *, reference: pd.Series | None = None) -> float: ...
@overload
def theil(data: pd.DataFrame, *, reference: pd.Series | None = None) -> pd.Series: ...
def theil(
    data: pd.Series | pd.DataFrame, *, reference: pd.Series | None = None
) -> float | pd.Series:
    """Theil's T index of activity across spatial units.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    reference : Series, optional
        Positive reference values (e.g. population) indexed like ``data``. The index is
        then ``sum_i s_i ln(s_i / p_i)``, the Theil index of activity per head with units
        weighted by activity. By default ``p_i = 1/n``.

    Returns
    -------
    float or Series
        ``0 <= T <= ln(1 / min p_i)`` (``ln n`` unweighted); a Series named ``"theil"``
        for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> round(jregion.theil(m["persons_employed"]), 4)
    0.3119
    """
    tab = as_table(data)
    p = reference_shares(reference, tab)
    return per_column(tab, _theil_values(tab.values, p), "theil")


@dataclass(frozen=True, repr=False)
class TheilDecomposition(ResultDisplay):
    """Theil index split into a between-group and a within-group part.

    Attributes
    ----------
    total, between, within : pandas.Series
        Indexed by activity column; ``between + within == total`` to rounding.
    within_by_group : pandas.DataFrame
        Group x activity: each group's contribution ``S_g T_g`` to ``within``.
    theil_by_group : pandas.DataFrame
        Group x activity: the Theil index ``T_g`` inside each group.
    activity_share, reference_share : pandas.DataFrame / pandas.Series
        ``S_g`` (group x activity) and ``P_g`` (group).
    """

    total: pd.Series
    between: pd.Series
    within: pd.Series
    within_by_group: pd.DataFrame
    theil_by_group: pd.DataFrame
    activity_share: pd.DataFrame
    reference_share: pd.Series

    def to_frame(self) -> pd.DataFrame:
        """Return ``total``, ``between``, ``within`` and ``between_share`` per activity.

        Returns
        -------
        pandas.DataFrame
            Indexed by activity column.
        """
        return pd.DataFrame(
            {
                "total": self.total,
                "between": self.between,
                "within": self.within,
                "between_share": self.between / self.total,
            }
        )


def theil_decomposition(
    data: pd.Series | pd.DataFrame,
    *,
    groups: SchemeLike | pd.Series = "eight",
    reference: pd.Series | None = None,
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> TheilDecomposition:
    """Decompose Theil's T into between- and within-region parts.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    groups : str, Mapping or Series, default "eight"
        A region scheme (``"eight"``, ``"nine"``, ``"meti"``, ``"tokaido"``,
        ``"pacific_belt"`` or a mapping prefecture -> label) applied to the index, or a
        Series of group labels indexed like ``data``.
    reference : Series, optional
        Positive reference values (e.g. population); default ``1/n`` per unit.
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index when ``groups`` is a scheme; municipality
        codes are mapped through their first two digits.
    coverage : {"full", "partial"}, default "full"
        When ``groups`` is a scheme, every prefecture needs a row: ``"full"`` raises
        :class:`~jregion.errors.CoverageError` otherwise, naming the missing ones;
        ``"partial"`` decomposes the covered prefectures only (a region is then its
        covered prefectures). Labels given per row (a Series) are taken as given.

    Returns
    -------
    TheilDecomposition
        ``total``, ``between``, ``within`` per activity, and per-group parts. With a
        scheme, ``total.attrs["jregion_coverage"]`` (and every other Series' and
        frame's) lists the prefectures used and those missing.

    Raises
    ------
    CoverageError
        ``groups`` is a scheme, a prefecture has no row and ``coverage="full"``.
    UnknownCodeError
        An index key is not a prefecture (or municipality) code.
    SchemeError
        Unknown scheme.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)[["persons_employed"]]
    >>> d = jregion.theil_decomposition(m, groups="tokaido")
    >>> d.to_frame().round(3)
                      total  between  within  between_share
    persons_employed  0.312    0.142    0.17          0.454
    """
    tab = as_table(data)
    report = None
    if not isinstance(groups, pd.Series):
        report = prefecture_coverage(tab.index, level=level, coverage=coverage, **DECOMPOSITION)
    p = reference_shares(reference, tab)
    labels = group_labels(tab.index, groups, level=level)
    codes, uniques = pd.factorize(labels, sort=False)
    order = _group_order(uniques, groups)
    g = len(uniques)
    s = shares(tab.values)
    member = np.zeros((g, len(codes)))
    member[codes, np.arange(len(codes))] = 1.0
    s_g = member @ s  # groups x k
    p_g = member @ p  # groups
    total = _nonnegative(_xlogy_ratio(s, p[:, None]).sum(axis=0))
    between = _nonnegative(_xlogy_ratio(s_g, p_g[:, None]).sum(axis=0))
    # within-group contribution S_g T_g = sum_{i in g} s_i ln((s_i/S_g)/(p_i/P_g))
    with np.errstate(divide="ignore", invalid="ignore"):
        s_in = np.where(s_g[codes] > 0, s / s_g[codes], 0.0)
    p_in = p / p_g[codes]
    t_in = _nonnegative(member @ _xlogy_ratio(s_in, p_in[:, None]))  # T_g
    contrib = s_g * t_in
    within = contrib.sum(axis=0)
    gi = pd.Index(uniques, name="region")
    cols = tab.columns.copy()

    def frame(a: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(a, index=gi, columns=cols).reindex(pd.Index(order, name="region"))

    result = TheilDecomposition(
        total=pd.Series(total, index=cols, name="total"),
        between=pd.Series(between, index=cols, name="between"),
        within=pd.Series(within, index=cols, name="within"),
        within_by_group=frame(contrib),
        theil_by_group=frame(t_in),
        activity_share=frame(s_g),
        reference_share=pd.Series(p_g, index=gi, name="reference_share").reindex(
            pd.Index(order, name="region")
        ),
    )
    if report is not None:
        mark_coverage(result, report)
    return result


def _group_order(uniques: np.ndarray | pd.Index, groups: SchemeLike | pd.Series) -> list[object]:
    """Scheme display order for scheme labels, categories or first appearance for a Series."""
    present = list(uniques)
    if isinstance(groups, pd.Series):
        if isinstance(groups.dtype, pd.CategoricalDtype):
            return [c for c in groups.cat.categories if c in present]
        return present
    return [r for r in region_order(groups) if r in present]
