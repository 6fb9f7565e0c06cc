"""Location quotients (raw, empirical-Bayes stabilised, spatially lagged) and Krugman indices.

The input is a region x industry table (rows: spatial units; columns: industries or
activities), or one activity with an explicit ``reference`` (population, total
employment). The location quotient of unit ``r`` in activity ``j`` is
``LQ_rj = (x_rj / X_j) / (b_r / B)``: the unit's share of the activity over its share
of the base ``b`` (the row totals of the table unless ``reference`` is given).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

import numpy as np
import pandas as pd

from jregion.concentration._validate import InvalidDataError, Table, as_table, check_reference
from jregion.errors import UnmatchedKeyError

if TYPE_CHECKING:
    from jregion.weights import GraphLike

__all__ = [
    "krugman_concentration",
    "krugman_specialisation",
    "location_quotient",
    "spatial_location_quotient",
]

Stabilise = Literal["none", "empirical_bayes"]
Versus = Literal["nation", "rest"]


def _base(tab: Table, reference: pd.Series | None) -> np.ndarray:
    if reference is not None:
        return check_reference(reference, tab.index)
    if tab.is_series or tab.values.shape[1] < 2:
        raise InvalidDataError(
            "a location quotient of a single activity needs a base: pass reference= "
            "(e.g. population or total employment per unit), or a table of several "
            "industries whose row totals form the base"
        )
    base: np.ndarray = tab.values.sum(axis=1)
    if (base <= 0).any():
        rows = tab.index[base <= 0].tolist()[:5]
        raise InvalidDataError(
            f"unit(s) {rows} have no activity in any column, so their LQ is undefined; "
            "drop them or pass reference="
        )
    return base


def _eb_shrink(obs: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Marshall (1991) global empirical-Bayes estimate of ``obs / expected`` per column."""
    raw = obs / expected
    m = obs.sum(axis=0) / expected.sum(axis=0)
    s2 = (expected * (raw - m) ** 2).sum(axis=0) / expected.sum(axis=0)
    a = np.maximum(s2 - m / expected.mean(axis=0), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(a > 0, a / (a + m / expected), 0.0)
    out: np.ndarray = m + c * (raw - m)
    return out


def lq_values(values: np.ndarray, base: np.ndarray, stabilise: Stabilise) -> np.ndarray:
    """LQ matrix from validated values and a positive base (internal, used by inference)."""
    totals = values.sum(axis=0)
    expected = np.outer(base / base.sum(), totals)
    if stabilise == "none":
        out: np.ndarray = values / expected
        return out
    return _eb_shrink(values, expected)


@overload
def location_quotient(
    data: pd.Series, *, reference: pd.Series | None = None, stabilise: Stabilise = "none"
) -> pd.Series: ...
@overload
def location_quotient(
    data: pd.DataFrame, *, reference: pd.Series | None = None, stabilise: Stabilise = "none"
) -> pd.DataFrame: ...
def location_quotient(
    data: pd.Series | pd.DataFrame,
    *,
    reference: pd.Series | None = None,
    stabilise: Stabilise = "none",
) -> pd.Series | pd.DataFrame:
    """Location quotient of each unit in each activity.

    ``LQ_rj = (x_rj / X_j) / (b_r / B)``; 1 means the unit holds the same share of the
    activity as of the base, above 1 a concentration.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative counts, rows = spatial units, columns = activities.
    reference : Series, optional
        The base ``b`` per unit (population, total employment), indexed like ``data``.
        Required for a Series or one column; by default the row totals of ``data``.
    stabilise : {"none", "empirical_bayes"}, default "none"
        ``"empirical_bayes"`` shrinks each LQ towards 1 in proportion to how little
        activity is expected in the unit: the global empirical-Bayes estimator of
        Marshall (1991) applied to observed ``x_rj`` over expected ``X_j b_r / B``
        counts, per column, with the prior variance truncated at 0 (then every LQ is 1).

    Returns
    -------
    Series or DataFrame
        Same shape, index and columns as ``data``; a Series keeps its name.

    Raises
    ------
    InvalidDataError
        Negative values, all-zero columns, a single activity without ``reference``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> lq = jregion.location_quotient(m["persons_employed"], reference=pop)
    >>> lq.name, lq.idxmax(), round(float(lq.max()), 2)
    ('persons_employed', '22', 1.82)
    """
    if stabilise not in ("none", "empirical_bayes"):
        raise ValueError(f"stabilise must be 'none' or 'empirical_bayes', got {stabilise!r}")
    tab = as_table(data)
    base = _base(tab, reference)
    out = lq_values(tab.values, base, stabilise)
    if tab.is_series:
        return pd.Series(out[:, 0], index=tab.index, name=tab.name)
    return pd.DataFrame(out, index=tab.index, columns=tab.columns)


@overload
def spatial_location_quotient(
    data: pd.Series, graph: GraphLike, *, reference: pd.Series | None = None
) -> pd.Series: ...
@overload
def spatial_location_quotient(
    data: pd.DataFrame, graph: GraphLike, *, reference: pd.Series | None = None
) -> pd.DataFrame: ...
def spatial_location_quotient(
    data: pd.Series | pd.DataFrame, graph: GraphLike, *, reference: pd.Series | None = None
) -> pd.Series | pd.DataFrame:
    """Spatially lagged location quotient: the weighted mean LQ of each unit's neighbours.

    ``(W LQ)_r = sum_s w_rs LQ_s`` with ``W`` the row-standardised weights of ``graph``,
    as used to find cluster regions whose neighbours are also specialised (Carroll,
    Reid and Smith 2008). Units without neighbours (islands) get 0, as in
    :meth:`libpysal.graph.Graph.lag`.

    Parameters
    ----------
    data : Series or DataFrame
        As for :func:`location_quotient`.
    graph : GraphLike
        Spatial weights over the same keys as ``data`` (``graph.unique_ids``): a
        :class:`~jregion.weights.SparseGraph`, a libpysal Graph or W, or (scipy matrix, ids).
    reference : Series, optional
        As for :func:`location_quotient`.

    Returns
    -------
    Series or DataFrame
        Same shape and labels as ``data``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> g = jregion.build_weights(jregion.load_prefectures(), kind="queen")
    >>> slq = jregion.spatial_location_quotient(m["persons_employed"], g, reference=pop)
    >>> round(float(slq["23"]), 2)
    1.61
    """
    from jregion.weights import as_graph

    g = as_graph(graph)
    lq = location_quotient(data, reference=reference)
    ids = g.unique_ids
    if not (len(ids) == len(lq.index) and set(ids) == set(lq.index)):
        missing = lq.index.difference(ids, sort=False).tolist()[:5]
        extra = ids.difference(lq.index, sort=False).tolist()[:5]
        raise UnmatchedKeyError(
            f"graph ids and data index differ (only in data: {missing}; only in graph: "
            f"{extra}); build the graph from the same units with the same key type"
        )
    w = g.transform("r").csr
    vals = lq.to_numpy().reshape(len(lq.index), -1)
    in_order = pd.DataFrame(vals, index=lq.index).reindex(ids).to_numpy(dtype=np.float64)
    lag = np.column_stack([w.lag(col) for col in in_order.T])
    out = pd.DataFrame(lag, index=ids).reindex(lq.index).to_numpy()
    if isinstance(lq, pd.Series):
        return pd.Series(out[:, 0], index=lq.index, name=lq.name)
    return pd.DataFrame(out, index=lq.index, columns=lq.columns)


def _krugman(values: np.ndarray, axis: int, versus: Versus) -> np.ndarray:
    """Sum over the other axis of |own distribution - comparison distribution|."""
    if versus not in ("nation", "rest"):
        raise ValueError(f"versus must be 'nation' or 'rest', got {versus!r}")
    own = values / values.sum(axis=axis, keepdims=True)
    if versus == "nation":
        other = values.sum(axis=1 - axis, keepdims=True)
        comp = other / other.sum()
        out: np.ndarray = np.abs(own - comp).sum(axis=axis)
        return out
    rest = values.sum(axis=1 - axis, keepdims=True) - values
    tot = rest.sum(axis=axis, keepdims=True)
    if (tot <= 0).any():
        raise InvalidDataError("versus='rest' needs activity outside every unit")
    out = np.abs(own - rest / tot).sum(axis=axis)
    return out


def krugman_specialisation(data: pd.DataFrame, *, versus: Versus = "nation") -> pd.Series:
    """Krugman specialisation index of each region over industries.

    ``K_r = sum_j |x_rj / x_r. - c_j|`` with ``c_j`` the industry's share of national
    activity (``versus="nation"``) or of activity in all other regions
    (``versus="rest"``); Krugman (1991, appendix D) compares two regions this way.

    Parameters
    ----------
    data : DataFrame
        Region x industry counts (at least two industries); no region may be all zero.
    versus : {"nation", "rest"}, default "nation"
        The comparison structure.

    Returns
    -------
    Series
        ``0 <= K_r < 2``, named ``"krugman_specialisation"``, indexed like ``data``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> k = jregion.krugman_specialisation(m[["persons_employed", "establishments"]])
    >>> k.idxmax(), round(float(k.max()), 3)
    ('47', 0.043)
    """
    tab = _matrix(data)
    if (tab.values.sum(axis=1) == 0).any():
        rows = tab.index[tab.values.sum(axis=1) == 0].tolist()[:5]
        raise InvalidDataError(f"region(s) {rows} have no activity; drop them")
    out = _krugman(tab.values, 1, versus)
    return pd.Series(out, index=tab.index, name="krugman_specialisation")


def krugman_concentration(data: pd.DataFrame, *, versus: Versus = "nation") -> pd.Series:
    """Krugman concentration index of each industry over regions.

    ``C_j = sum_r |x_rj / x_.j - c_r|`` with ``c_r`` the region's share of all activity
    (``versus="nation"``) or of activity in all other industries (``versus="rest"``).

    Parameters
    ----------
    data : DataFrame
        Region x industry counts (at least two industries).
    versus : {"nation", "rest"}, default "nation"
        The comparison distribution.

    Returns
    -------
    Series
        ``0 <= C_j < 2``, named ``"krugman_concentration"``, indexed by industry.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> jregion.krugman_concentration(m[["persons_employed", "establishments"]]).round(3)
    persons_employed    0.006
    establishments      0.179
    Name: krugman_concentration, dtype: float64
    """
    tab = _matrix(data)
    out = _krugman(tab.values, 0, versus)
    return pd.Series(out, index=tab.columns.copy(), name="krugman_concentration")


def _matrix(data: object) -> Table:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"a region x industry DataFrame is required, got {type(data).__name__}"
        )
    tab = as_table(data)
    if tab.values.shape[1] < 2:
        raise InvalidDataError("a region x industry table needs at least two industry columns")
    return tab
