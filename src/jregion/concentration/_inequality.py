"""Inequality and concentration indices over spatial units, vectorised over activity columns.

Gini and its Lorenz curve, the Herfindahl-Hirschman index, CRn concentration
ratios, the Hoover index, the coefficient of variation and Williamson's index.
Each takes a DataFrame (rows: spatial units; columns: activities) or a Series, and
an optional ``reference`` distribution (population, area, total employment) over the
same units. With a Series the result is a float; with a DataFrame, a Series indexed by
the activity columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import overload

import numpy as np
import pandas as pd

from jregion._display import ResultDisplay
from jregion.concentration._common import per_column, reference_shares, shares
from jregion.concentration._validate import InvalidDataError, as_table, check_reference

__all__ = [
    "LorenzCurve",
    "coefficient_of_variation",
    "concentration_ratio",
    "gini",
    "herfindahl",
    "hoover",
    "lorenz_curve",
    "williamson",
]


def _lorenz_arrays(values: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative reference and activity shares, units sorted by activity per reference unit.

    Returns ``(P, S, order)`` with ``P`` and ``S`` of shape (n + 1, k), starting at 0.
    """
    s = shares(values)
    if np.all(p == p[0]):  # unweighted: sorting the shares is enough (and faster)
        order = np.argsort(s, axis=0, kind="stable")
        s_sorted = np.take_along_axis(s, order, axis=0)
        p_sorted = np.broadcast_to(p[:, None], s.shape)
    else:
        order = np.argsort(s / p[:, None], axis=0, kind="stable")
        p_sorted = p[order]
        s_sorted = np.take_along_axis(s, order, axis=0)
    zeros = np.zeros((1, values.shape[1]))
    cum_p = np.vstack([zeros, np.cumsum(p_sorted, axis=0)])
    cum_s = np.vstack([zeros, np.cumsum(s_sorted, axis=0)])
    # exact end points (cumulative sums may end at 1 - 1e-16)
    cum_p[-1] = 1.0
    cum_s[-1] = 1.0
    return cum_p, cum_s, order


def _gini_values(values: np.ndarray, p: np.ndarray) -> np.ndarray:
    if np.all(p == p[0]):
        # unweighted closed form on sorted shares: G = 2 sum_i i s_(i) / n - (n + 1) / n
        n = values.shape[0]
        s = np.sort(shares(values), axis=0)
        rank = np.arange(1, n + 1, dtype="float64")
        g: np.ndarray = np.clip(2.0 * (rank @ s) / n - (n + 1.0) / n, 0.0, None)
        return g
    cum_p, cum_s, _ = _lorenz_arrays(values, p)
    area: np.ndarray = (np.diff(cum_p, axis=0) * (cum_s[1:] + cum_s[:-1])).sum(axis=0)
    out: np.ndarray = np.clip(1.0 - area, 0.0, None)
    return out


@overload
def gini(data: pd.Series, *, reference: pd.Series | None = None) -> float: ...
@overload
def gini(data: pd.DataFrame, *, reference: pd.Series | None = None) -> pd.Series: ...
def gini(
    data: pd.Series | pd.DataFrame, *, reference: pd.Series | None = None
) -> float | pd.Series:
    """Gini coefficient of activity across spatial units, unweighted or weighted.

    Unweighted (``reference=None``), every unit counts once:
    ``G = sum_i sum_j |x_i - x_j| / (2 n^2 mean(x))``, at most ``(n - 1) / n``.
    Weighted by a reference distribution with shares ``p_i`` (population, area), it is
    the Gini of activity per reference unit ``y_i = x_i / r_i`` with units weighted by
    ``p_i``: ``G = sum_i sum_j p_i p_j |y_i - y_j| / (2 sum_i p_i y_i)``, one minus twice
    the area under the Lorenz curve of :func:`lorenz_curve` (the locational Gini).

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit; DataFrame columns are computed at once.
    reference : Series, optional
        Positive reference values (e.g. population), indexed like ``data``.

    Returns
    -------
    float or Series
        A float for a Series; for a DataFrame a Series named ``"gini"`` indexed by
        its columns. ``0 <= G < 1``.

    Raises
    ------
    InvalidDataError
        Negative or infinite values, or a column that sums to zero.
    MissingValueError
        NaN in ``data`` or ``reference``.
    UnmatchedKeyError
        ``reference`` is not indexed like ``data``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> round(jregion.gini(m["persons_employed"]), 3)
    0.429
    >>> round(jregion.gini(m["persons_employed"], reference=pop), 3)
    0.233
    """
    tab = as_table(data)
    p = reference_shares(reference, tab)
    return per_column(tab, _gini_values(tab.values, p), "gini")


@dataclass(frozen=True, repr=False)
class LorenzCurve(ResultDisplay):
    """A Lorenz curve: cumulative reference share against cumulative activity share.

    Attributes
    ----------
    population_share : numpy.ndarray
        Cumulative share of units (or of the reference, e.g. population), from 0 to 1,
        units sorted by activity per reference unit, ascending.
    activity_share : numpy.ndarray
        Cumulative share of the activity at the same points, from 0 to 1.
    gini : float
        The Gini coefficient, one minus twice the area under the curve.
    order : pandas.Index
        The units in the order of the curve (``population_share[1:]`` belongs to them).
    name : str or None
        The activity's name.
    weighted : bool
        Whether a reference distribution weighted the units.
    """

    population_share: np.ndarray
    activity_share: np.ndarray
    gini: float
    order: pd.Index
    name: str | None
    weighted: bool

    def to_frame(self) -> pd.DataFrame:
        """Return the curve as a DataFrame (first row the origin, with a missing unit).

        Returns
        -------
        pandas.DataFrame
            Columns ``unit``, ``population_share``, ``activity_share``.
        """
        return pd.DataFrame(
            {
                "unit": [None, *self.order.tolist()],
                "population_share": self.population_share,
                "activity_share": self.activity_share,
            }
        )


def lorenz_curve(data: pd.Series, *, reference: pd.Series | None = None) -> LorenzCurve:
    """Lorenz curve of one activity across spatial units.

    Parameters
    ----------
    data : Series
        Non-negative activity per unit.
    reference : Series, optional
        Positive reference values (e.g. population) indexed like ``data``; when given,
        the horizontal axis is the cumulative reference share and units are sorted by
        activity per reference unit. By default each unit weighs ``1/n``.

    Returns
    -------
    LorenzCurve
        Arrays of length ``n + 1`` starting at 0 and ending at 1, and the Gini.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> lc = jregion.lorenz_curve(m["persons_employed"])
    >>> len(lc.population_share), float(lc.activity_share[0]), float(lc.activity_share[-1])
    (48, 0.0, 1.0)
    >>> lc.order[-1], round(lc.gini, 3)
    ('23', 0.429)
    """
    if not isinstance(data, pd.Series):
        raise TypeError(
            f"lorenz_curve takes one activity as a Series, got {type(data).__name__}; "
            "pick a column, e.g. df['persons_employed']"
        )
    tab = as_table(data)
    p = reference_shares(reference, tab)
    cum_p, cum_s, order = _lorenz_arrays(tab.values, p)
    g = float(_gini_values(tab.values, p)[0])
    return LorenzCurve(
        population_share=cum_p[:, 0].copy(),
        activity_share=cum_s[:, 0].copy(),
        gini=g,
        order=tab.index[order[:, 0]],
        name=tab.name,
        weighted=reference is not None,
    )


@overload
def herfindahl(data: pd.Series, *, normalize: bool = False) -> float: ...
@overload
def herfindahl(data: pd.DataFrame, *, normalize: bool = False) -> pd.Series: ...
def herfindahl(
    data: pd.Series | pd.DataFrame, *, normalize: bool = False
) -> float | pd.Series:
    """Herfindahl-Hirschman index: the sum of squared shares across units.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    normalize : bool, default False
        Return ``(H - 1/n) / (1 - 1/n)``, which runs from 0 (equal shares) to 1.

    Returns
    -------
    float or Series
        ``H`` in ``[1/n, 1]`` (or ``[0, 1]`` normalised); a Series named
        ``"herfindahl"`` for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> round(jregion.herfindahl(m["persons_employed"]), 4)
    0.0379
    """
    tab = as_table(data, min_rows=2 if normalize else 1)
    s = shares(tab.values)
    h = (s * s).sum(axis=0)
    if normalize:
        n = s.shape[0]
        h = (h - 1.0 / n) / (1.0 - 1.0 / n)
    return per_column(tab, h, "herfindahl")


@overload
def concentration_ratio(data: pd.Series, *, n: int = 4) -> float: ...
@overload
def concentration_ratio(data: pd.DataFrame, *, n: int = 4) -> pd.Series: ...
def concentration_ratio(
    data: pd.Series | pd.DataFrame, *, n: int = 4
) -> float | pd.Series:
    """CRn: the combined share of the ``n`` largest units.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    n : int, default 4
        How many of the largest units to add up (1 to the number of units).

    Returns
    -------
    float or Series
        A share in ``(0, 1]``; a Series named ``"cr4"`` (``"cr{n}"``) for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> round(jregion.concentration_ratio(m["persons_employed"], n=3), 3)
    0.219
    """
    tab = as_table(data)
    rows = tab.values.shape[0]
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= rows:
        raise InvalidDataError(
            f"n must be an integer from 1 to {rows} (the number of units), got {n!r}"
        )
    s = shares(tab.values)
    top = -np.partition(-s, int(n) - 1, axis=0)[: int(n)]
    return per_column(tab, top.sum(axis=0), f"cr{int(n)}")


@overload
def hoover(data: pd.Series, *, reference: pd.Series | None = None) -> float: ...
@overload
def hoover(data: pd.DataFrame, *, reference: pd.Series | None = None) -> pd.Series: ...
def hoover(
    data: pd.Series | pd.DataFrame, *, reference: pd.Series | None = None
) -> float | pd.Series:
    """Hoover index: the share of activity that would have to move to match the reference.

    ``H = 1/2 sum_i |s_i - p_i|`` with ``s_i`` the unit's share of the activity and
    ``p_i`` its share of the reference (Hoover's coefficient of localisation).

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    reference : Series, optional
        Positive reference values (population, area, total employment) indexed like
        ``data``. By default every unit has the share ``1/n``.

    Returns
    -------
    float or Series
        In ``[0, 1)``; a Series named ``"hoover"`` for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> round(jregion.hoover(m["persons_employed"], reference=pop), 3)
    0.17
    """
    tab = as_table(data)
    p = reference_shares(reference, tab)
    h = 0.5 * np.abs(shares(tab.values) - p[:, None]).sum(axis=0)
    return per_column(tab, h, "hoover")


@overload
def coefficient_of_variation(
    data: pd.Series, *, reference: pd.Series | None = None
) -> float: ...
@overload
def coefficient_of_variation(
    data: pd.DataFrame, *, reference: pd.Series | None = None
) -> pd.Series: ...
def coefficient_of_variation(
    data: pd.Series | pd.DataFrame, *, reference: pd.Series | None = None
) -> float | pd.Series:
    """Coefficient of variation across units: population standard deviation over the mean.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    reference : Series, optional
        If given, the CV of ``data / reference`` (activity per head or per km2), each
        unit counting once (Williamson's unweighted ``V_uw`` uses the national ratio
        instead of this plain mean; see :func:`williamson`).

    Returns
    -------
    float or Series
        ``std(y, ddof=0) / mean(y)``; a Series named ``"cv"`` for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> round(jregion.coefficient_of_variation(m["persons_employed"]), 3)
    0.884
    """
    tab = as_table(data)
    y = tab.values
    if reference is not None:
        y = y / check_reference(reference, tab.index)[:, None]
    cv = y.std(axis=0, ddof=0) / y.mean(axis=0)
    return per_column(tab, cv, "cv")


@overload
def williamson(data: pd.Series, *, population: pd.Series) -> float: ...
@overload
def williamson(data: pd.DataFrame, *, population: pd.Series) -> pd.Series: ...
def williamson(
    data: pd.Series | pd.DataFrame, *, population: pd.Series
) -> float | pd.Series:
    """Williamson's population-weighted coefficient of variation of a per-head quantity.

    ``V_w = sqrt(sum_i (f_i / F) (y_i - Y)^2) / Y`` with ``y_i = x_i / f_i`` the activity
    per head in unit ``i``, ``f_i`` its population, ``F`` the total population and
    ``Y = sum x / F`` the national figure per head (Williamson 1965, p. 11).

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity totals per unit (income, employment), not per head.
    population : Series
        Positive population per unit, indexed like ``data``.

    Returns
    -------
    float or Series
        ``V_w >= 0``; a Series named ``"williamson"`` for a DataFrame.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> round(jregion.williamson(m["persons_employed"], population=pop), 3)
    0.414
    """
    tab = as_table(data)
    f = check_reference(population, tab.index, what="population")
    w = f / f.sum()
    y = tab.values / f[:, None]
    nat = tab.values.sum(axis=0) / f.sum()
    v = np.sqrt((w[:, None] * (y - nat) ** 2).sum(axis=0)) / nat
    return per_column(tab, v, "williamson")
