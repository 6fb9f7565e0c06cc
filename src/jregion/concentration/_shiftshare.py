"""Shift-share decomposition of employment change, and of the change in regional shares.

Between a start and an end table (region x industry), the change in region ``r`` is
split as in Dunn (1960) and Stevens and Moore (1980):
national effect ``NS_r = sum_j x0_rj g``, industry mix ``IM_r = sum_j x0_rj (g_j - g)``,
regional share (competitive) effect ``RS_r = sum_j (x1_rj - x0_rj (1 + g_j))``, with
``g`` the national and ``g_j`` the industry growth rates. ``NS + IM + RS = x1_r - x0_r``.
In share terms the national effect cancels: ``s1_r - s0_r = (IM_r + RS_r) / X1``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jregion._display import ResultDisplay
from jregion.concentration._groups import (
    DECOMPOSITION,
    Coverage,
    Level,
    group_labels,
    mark_coverage,
    prefecture_coverage,
)
from jregion.concentration._validate import Table, as_table, check_same_shape
from jregion.regions import SchemeLike, region_order

__all__ = ["ShareChange", "ShiftShare", "share_change", "shift_share"]


@dataclass(frozen=True, repr=False)
class ShiftShare(ResultDisplay):
    """Result of :func:`shift_share`.

    Attributes
    ----------
    start, end, change : pandas.Series
        Totals per region at the two dates and their difference.
    national, industry_mix, regional_share : pandas.Series
        The three effects per region; they add up to ``change``.
    regional_share_by_industry : pandas.DataFrame
        Region x industry competitive effects ``x1_rj - x0_rj (1 + g_j)``.
    national_growth : float
        ``g = X1 / X0 - 1``.
    industry_growth : pandas.Series
        ``g_j`` per industry.
    """

    start: pd.Series
    end: pd.Series
    change: pd.Series
    national: pd.Series
    industry_mix: pd.Series
    regional_share: pd.Series
    regional_share_by_industry: pd.DataFrame
    national_growth: float
    industry_growth: pd.Series

    def to_frame(self) -> pd.DataFrame:
        """Return one row per region with the totals and the three effects.

        Returns
        -------
        pandas.DataFrame
            Columns ``start``, ``end``, ``change``, ``national``, ``industry_mix``,
            ``regional_share``.
        """
        return pd.DataFrame(
            {
                "start": self.start,
                "end": self.end,
                "change": self.change,
                "national": self.national,
                "industry_mix": self.industry_mix,
                "regional_share": self.regional_share,
            }
        )


@dataclass(frozen=True, repr=False)
class ShareChange(ResultDisplay):
    """Result of :func:`share_change`: the change in each region's national share.

    Attributes
    ----------
    share_start, share_end, change : pandas.Series
        Shares of the national total at the two dates and ``share_end - share_start``.
    industry_mix, regional_share : pandas.Series
        Components of ``change`` (they add up to it): the part due to the region's
        industry mix and the part due to its industries growing faster or slower than
        nationally, both ``/ X1`` of the shift-share effects.
    growth : pandas.Series
        The region's growth rate ``x1_r / x0_r - 1``.
    national_growth : float
        ``X1 / X0 - 1``.
    """

    share_start: pd.Series
    share_end: pd.Series
    change: pd.Series
    industry_mix: pd.Series
    regional_share: pd.Series
    growth: pd.Series
    national_growth: float

    def to_frame(self) -> pd.DataFrame:
        """Return one row per region with shares, change, components and growth.

        Returns
        -------
        pandas.DataFrame
            Columns ``share_start``, ``share_end``, ``change``, ``industry_mix``,
            ``regional_share``, ``growth``.
        """
        return pd.DataFrame(
            {
                "share_start": self.share_start,
                "share_end": self.share_end,
                "change": self.change,
                "industry_mix": self.industry_mix,
                "regional_share": self.regional_share,
                "growth": self.growth,
            }
        )


def _prepare(
    start: pd.Series | pd.DataFrame,
    end: pd.Series | pd.DataFrame,
    groups: SchemeLike | pd.Series | None,
    level: Level,
) -> tuple[np.ndarray, np.ndarray, pd.Index, pd.Index]:
    a = as_table(start, what="start")
    b = as_table(end, what="end", allow_zero_columns=True)
    v1 = check_same_shape(a, b, what_a="start", what_b="end")
    v0 = a.values
    index = a.index
    if groups is not None:
        v0, index = _aggregate(a, v0, groups, level)
        v1, _ = _aggregate(a, v1, groups, level)
    return v0, v1, index, a.columns.copy()


def _aggregate(
    tab: Table, values: np.ndarray, groups: SchemeLike | pd.Series, level: Level
) -> tuple[np.ndarray, pd.Index]:
    labels = group_labels(tab.index, groups, level=level)
    codes, uniques = pd.factorize(labels, sort=False)
    present = list(uniques)
    if isinstance(groups, pd.Series):
        order = present
    else:
        order = [r for r in region_order(groups) if r in present]
    member = np.zeros((len(order), len(codes)))
    pos = {lab: i for i, lab in enumerate(order)}
    rows = np.array([pos[present[c]] for c in codes])
    member[rows, np.arange(len(codes))] = 1.0
    return member @ values, pd.Index(order, name="region")


def _effects(v0: np.ndarray, v1: np.ndarray) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    g = float(v1.sum() / v0.sum() - 1.0)
    gj = v1.sum(axis=0) / v0.sum(axis=0) - 1.0
    mix = v0 * (gj - g)
    comp = v1 - v0 * (1.0 + gj)
    return g, gj, mix, comp


def shift_share(
    start: pd.Series | pd.DataFrame,
    end: pd.Series | pd.DataFrame,
    *,
    groups: SchemeLike | pd.Series | None = None,
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> ShiftShare:
    """Classic shift-share decomposition of the change between two dates.

    Parameters
    ----------
    start, end : Series or DataFrame
        Region x industry employment (or another extensive quantity) at the two dates,
        with the same index and columns. Each industry must have activity at the start.
    groups : str, Mapping or Series, optional
        Aggregate the rows to the regions of a scheme (``"eight"``, ``"meti"`` ...), or
        to labels given per row, before decomposing.
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in the index when ``groups`` is a scheme.
    coverage : {"full", "partial"}, default "full"
        When ``groups`` is a scheme, every prefecture needs a row: ``"full"`` raises
        :class:`~jregion.errors.CoverageError` otherwise, naming the missing ones;
        ``"partial"`` decomposes the covered prefectures only (the national rates are
        then those of the covered total and a region is its covered prefectures).
        Without a scheme, or with labels given per row, the rows are taken as the whole.

    Returns
    -------
    ShiftShare
        Effects per region; ``national + industry_mix + regional_share == change``.
        With a scheme, ``start.attrs["jregion_coverage"]`` (and every other Series' and
        frame's) lists the prefectures used and those missing.

    Raises
    ------
    CoverageError
        ``groups`` is a scheme, a prefecture has no row and ``coverage="full"``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> ss = jregion.shift_share(m[2001], m[2005], groups="eight")
    >>> ss.to_frame().loc["Chubu"].round(-3).tolist()
    [2324000.0, 2246000.0, -77000.0, -185000.0, 0.0, 108000.0]
    """
    report = None
    if groups is not None and not isinstance(groups, pd.Series):
        report = prefecture_coverage(
            as_table(start).index, level=level, coverage=coverage, **DECOMPOSITION
        )
    v0, v1, index, columns = _prepare(start, end, groups, level)
    g, gj, mix, comp = _effects(v0, v1)
    tot0, tot1 = v0.sum(axis=1), v1.sum(axis=1)

    def ser(a: np.ndarray, name: str) -> pd.Series:
        return pd.Series(a, index=index, name=name)

    result = ShiftShare(
        start=ser(tot0, "start"),
        end=ser(tot1, "end"),
        change=ser(tot1 - tot0, "change"),
        national=ser(tot0 * g, "national"),
        industry_mix=ser(mix.sum(axis=1), "industry_mix"),
        regional_share=ser(comp.sum(axis=1), "regional_share"),
        regional_share_by_industry=pd.DataFrame(comp, index=index, columns=columns),
        national_growth=g,
        industry_growth=pd.Series(gj, index=columns, name="industry_growth"),
    )
    if report is not None:
        mark_coverage(result, report)
    return result



def share_change(
    start: pd.Series | pd.DataFrame,
    end: pd.Series | pd.DataFrame,
    *,
    groups: SchemeLike | pd.Series | None = None,
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> ShareChange:
    """Change in each region's share of the national total, split into growth components.

    ``s1_r - s0_r = (IM_r + RS_r) / X1``: the industry-mix and regional-share effects of
    :func:`shift_share` divided by the national total at the end. With a single
    activity (a Series) the industry mix is zero and the change is
    ``s0_r (g_r - g) / (1 + g)``.

    Parameters
    ----------
    start, end : Series or DataFrame
        Region x industry totals at the two dates, same index and columns.
    groups : str, Mapping or Series, optional
        Aggregate rows to the regions of a scheme first (see :func:`shift_share`).
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in the index when ``groups`` is a scheme.
    coverage : {"full", "partial"}, default "full"
        When ``groups`` is a scheme, the shares are of the national total, so every
        prefecture needs a row: ``"full"`` raises :class:`~jregion.errors.CoverageError`
        otherwise, ``"partial"`` takes shares of the covered total. Without a scheme the
        rows are taken as the whole.

    Returns
    -------
    ShareChange
        ``change == industry_mix + regional_share`` per region. With a scheme,
        ``share_start.attrs["jregion_coverage"]`` (and the other Series') lists the
        prefectures used.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> sc = jregion.share_change(m[2001], m[2005], groups="eight")
    >>> sc.to_frame().loc["Chubu", ["share_start", "share_end", "change"]].round(4).tolist()
    [0.2621, 0.2753, 0.0132]
    """
    report = None
    if groups is not None and not isinstance(groups, pd.Series):
        report = prefecture_coverage(as_table(start).index, level=level, coverage=coverage)
    v0, v1, index, _ = _prepare(start, end, groups, level)
    g, _, mix, comp = _effects(v0, v1)
    tot0, tot1 = v0.sum(axis=1), v1.sum(axis=1)
    x0, x1 = v0.sum(), v1.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(tot0 > 0, tot1 / tot0 - 1.0, np.nan)

    def ser(a: np.ndarray, name: str) -> pd.Series:
        out = pd.Series(a, index=index, name=name)
        if report is not None:
            out.attrs = {"jregion_coverage": report}
        return out

    return ShareChange(
        share_start=ser(tot0 / x0, "share_start"),
        share_end=ser(tot1 / x1, "share_end"),
        change=ser(tot1 / x1 - tot0 / x0, "change"),
        industry_mix=ser(mix.sum(axis=1) / x1, "industry_mix"),
        regional_share=ser(comp.sum(axis=1) / x1, "regional_share"),
        growth=ser(growth, "growth"),
        national_growth=g,
    )
