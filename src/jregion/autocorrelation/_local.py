"""Local statistics: LISA (local Moran's I), Getis-Ord Gi / Gi*, local Geary's C.

Analytical moments follow R's spdep (``localmoran`` with ``conditional=TRUE``,
``localG``, ``localC``). Pseudo p-values come from the conditional-permutation engine
in :mod:`jregion.autocorrelation._permutation`. Units without neighbours get a
statistic of 0 (their lag is 0) and NaN p-values, and are never significant.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion.autocorrelation._adjust import Adjust, _adjust_array
from jregion.autocorrelation._common import (
    Alternative,
    ConstantValueError,
    Prepared,
    Seed,
    Transformation,
    check_options,
    make_rng,
    normal_p,
    permutation_p,
    prepare,
    seed_label,
)
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.autocorrelation._permutation import conditional_lags, count_extremes
from jregion.autocorrelation._results import LocalGearyResult, LocalGResult, LocalMoranResult
from jregion.weights._convert import GraphLike

__all__ = ["local_g", "local_geary", "local_moran"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
HOTSPOT_LABELS = ("Hot spot", "Cold spot", "Not significant")
_ADJUST = ("none", "fdr", "bonferroni")


def _check_local(alpha: float, adjust: str) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")
    if adjust not in _ADJUST:
        raise ValueError(f"adjust must be one of {_ADJUST}, got {adjust!r}")


def _lag(prep: Prepared, v: FloatArray) -> FloatArray:
    return prep.w.lag(v)


def _simulated_p(
    prep: Prepared,
    columns: FloatArray,
    observed: FloatArray,
    statistic: Any,
    permutations: int,
    seed: Seed,
    alternative: str,
) -> FloatArray:
    if permutations == 0:
        return np.full(prep.n, np.nan)
    lags = conditional_lags(columns, prep.w, permutations, make_rng(seed))
    n_ge, n_le, _, _ = count_extremes(lags, prep.n, observed, statistic)
    p = permutation_p(n_ge, n_le, permutations, alternative)
    p[n_ge < 0] = np.nan
    return p


def local_moran(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    alpha: float = 0.05,
    adjust: Adjust = "none",
    mlvar: bool = True,
) -> LocalMoranResult:
    """Local Moran's I (LISA) with conditional-permutation p-values and cluster labels.

    ``Ii = (z_i / m2) * sum_j w_ij z_j`` with ``z = y - mean(y)`` and ``m2 = sum z^2 / n``
    (``mlvar=True``, spdep's default) or ``/ (n - 1)`` (``mlvar=False``, which is what
    esda's ``Moran_Local`` computes). ``expected_Ii``, ``variance_Ii`` and ``z_Ii`` are
    spdep's conditional moments (``localmoran(conditional=TRUE)``). ``p_sim`` comes from
    conditional randomisation: each unit's neighbours are replaced by values drawn
    without replacement from the other units. ``cluster`` labels the quadrant
    (High-High, Low-Low, Low-High, High-Low; high means above the mean) where
    ``p_adjusted <= alpha``; ``p_adjusted`` is ``p_sim`` after ``adjust``.

    Parameters
    ----------
    y : pandas.Series
        Numeric variable indexed like ``graph.unique_ids`` (any order; no missing values).
    graph : GraphLike
        Spatial weights, e.g. from :func:`jregion.weights.build_weights`.
    transformation : {"r", "b", "o"}
        Row-standardised (default), binary, or the graph's own weights.
    permutations : int
        Number of conditional permutations; 0 skips them (``p_sim`` is NaN and no unit
        is significant).
    seed : int, numpy.random.Generator or None
        The same int gives identical results in every run and process.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of ``p_norm`` and ``p_sim``. "folded" is esda's and GeoDa's.
    alpha : float
        Significance level of the cluster labels.
    adjust : {"none", "fdr", "bonferroni"}
        Multiple-testing adjustment of ``p_sim`` before comparing with ``alpha``.
    mlvar : bool
        Variance denominator ``n`` (True, spdep's default) or ``n - 1`` (esda).

    Returns
    -------
    LocalMoranResult
        ``to_frame()`` has ``Ii, expected_Ii, variance_Ii, z_Ii, p_norm, p_sim, p_adjusted,
        quadrant, cluster`` indexed like ``y``; ``cluster`` is a Categorical with categories
        :data:`jregion.autocorrelation._labels.LISA_LABELS`.

    Raises
    ------
    UnmatchedKeyError
        If ``y``'s index and the graph's ids differ.
    MissingValueError
        If ``y`` has missing values.
    ConstantValueError
        If ``y`` is constant.

    Warns
    -----
    DisconnectedGraphWarning
        If the graph has isolates or several components.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import local_moran
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> lisa = local_moran(density, graph, seed=1)
    >>> frame = lisa.to_frame()
    >>> float(round(frame.loc["13", "Ii"], 3)), frame.loc["13", "cluster"]
    (3.642, 'High-High')
    >>> frame["cluster"].value_counts().sort_index().to_dict()
    {'High-High': 2, 'Low-Low': 3, 'Low-High': 1, 'High-Low': 0, 'Not significant': 41}
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    _check_local(alpha, adjust)
    prep = prepare(y, graph, transformation=transformation)
    if prep.n < 3:
        raise ValueError(f"local Moran's I needs at least 3 observations, got {prep.n}")
    if prep.self_weight.any():
        raise ValueError("local Moran's I needs a graph without self-weights; "
                         "remove them (graph.assign_self_weight(0))")
    n = float(prep.n)
    z = prep.values - prep.values.mean()
    zz = float(z @ z)
    if zz == 0.0:
        raise ConstantValueError("y is constant, so local Moran's I is undefined")
    m2 = zz / n
    s2 = m2 if mlvar else zz / (n - 1.0)
    lag = _lag(prep, z)
    ii = z / s2 * lag
    wi = prep.w.row_sums()
    wi2 = prep.w.row_sums_of_squares()
    e_ii = -(z**2 * wi) / ((n - 1.0) * m2)
    v_ii = (z / m2) ** 2 * (n / (n - 2.0)) * (wi2 - wi**2 / (n - 1.0)) * (m2 - z**2 / (n - 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z_ii = (ii - e_ii) / np.sqrt(v_ii)
    scale = z / s2

    def stat(units: IntArray, lags: FloatArray) -> FloatArray:
        return np.asarray(lags[0] * scale[units], dtype=np.float64)

    p_sim = _simulated_p(prep, z[:, None], ii, stat, permutations, seed, alternative)
    p_adj = _adjust_array(p_sim, adjust)
    quad_codes = np.where(z > 0, np.where(lag > 0, 0, 3), np.where(lag > 0, 2, 1))
    significant = np.nan_to_num(p_adj, nan=1.0) <= alpha
    clus_codes = np.where(significant, quad_codes, 4)
    sd = np.sqrt(m2)

    def cat(codes: IntArray, name: str, labels: tuple[str, ...]) -> pd.Series:
        series = prep.to_input(codes, name)
        return pd.Series(pd.Categorical.from_codes(series.to_numpy().astype(np.int64),
                                                   categories=pd.Index(list(labels))),
                         index=series.index, name=name)

    return LocalMoranResult(
        Ii=prep.to_input(ii, "Ii"), expected_Ii=prep.to_input(e_ii, "expected_Ii"),
        variance_Ii=prep.to_input(v_ii, "variance_Ii"), z_Ii=prep.to_input(z_ii, "z_Ii"),
        p_norm=prep.to_input(normal_p(z_ii, alternative), "p_norm"),
        p_sim=prep.to_input(p_sim, "p_sim"), p_adjusted=prep.to_input(p_adj, "p_adjusted"),
        quadrant=cat(quad_codes, "quadrant", LISA_LABELS[:4]),
        cluster=cat(clus_codes, "cluster", LISA_LABELS),
        values=prep.to_input(z / sd, "values"), lag=prep.to_input(lag / sd, "lag"),
        alpha=alpha, adjust=adjust, alternative=alternative, permutations=permutations,
        seed=seed_label(seed), mlvar=mlvar, transformation=transformation,
    )


def local_g(
    y: pd.Series,
    graph: GraphLike,
    *,
    star: bool = False,
    transformation: Transformation = "b",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    alpha: float = 0.05,
    adjust: Adjust = "none",
) -> LocalGResult:
    """Getis-Ord local Gi (``star=False``) or Gi* (``star=True``): hot and cold spots.

    As spdep's ``localG``: ``Gi = sum_{j != i} w_ij y_j / sum_{j != i} y_j`` and
    ``Gi* = sum_j w_ij y_j / sum_j y_j`` where Gi* adds each unit to its own
    neighbours with weight 1 before the transformation (spdep's ``include.self``). ``z``
    is spdep's standard deviate (the value ``localG`` returns). ``p_sim`` comes from
    conditional randomisation of the neighbours (the unit's own value stays in Gi*).

    Parameters
    ----------
    y : pandas.Series
        Non-negative numeric variable indexed like ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights (without self-weights).
    star : bool
        Gi* (include the unit itself) instead of Gi.
    transformation : {"b", "r", "o"}
        Binary (default), row-standardised or the graph's own weights.
    permutations : int
        Number of conditional permutations; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of ``p_norm`` and ``p_sim``.
    alpha : float
        Significance level of ``hotspot``.
    adjust : {"none", "fdr", "bonferroni"}
        Multiple-testing adjustment of ``p_sim``.

    Returns
    -------
    LocalGResult
        ``to_frame()`` has ``G, expected_G, variance_G, z, p_norm, p_sim, p_adjusted,
        hotspot``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.autocorrelation import local_g
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> res = local_g(pop, graph, star=True, seed=1)
    >>> float(round(res.z["13"], 3)), res.hotspot["13"]
    (4.065, 'Hot spot')
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    _check_local(alpha, adjust)
    if transformation == "o" and star:
        raise ValueError("Gi* sets a self-weight, so it needs transformation 'b' or 'r'")
    prep = prepare(y, graph, transformation=transformation, star=star)
    if prep.n < 3:
        raise ValueError(f"local G needs at least 3 observations, got {prep.n}")
    x = prep.values
    if (x < 0).any():
        raise ValueError("local G needs non-negative values; y has negative values")
    n = float(prep.n)
    d = prep.self_weight
    lx = _lag(prep, x) + d * x
    wi = prep.w.row_sums() + d
    s1i = prep.w.row_sums_of_squares() + d * d
    total = float(x.sum())
    if star:
        xibar = np.full(prep.n, x.mean())
        si2 = np.full(prep.n, float(((x - x.mean()) ** 2).sum()) / n)
        vg = si2 * ((n * s1i - wi**2) / (n - 1.0))
        denom = np.full(prep.n, total)
    else:
        xibar = (total - x) / (n - 1.0)
        si2 = (float((x**2).sum()) - x**2) / (n - 1.0) - xibar**2
        vg = si2 * (((n - 1.0) * s1i - wi**2) / (n - 2.0))
        denom = total - x
    if (denom <= 0).any() or total <= 0:
        raise ConstantValueError("local G needs positive values outside every unit")
    eg = wi * xibar
    with np.errstate(divide="ignore", invalid="ignore"):
        zg = (lx - eg) / np.sqrt(vg)

    def stat(units: IntArray, lags: FloatArray) -> FloatArray:
        return np.asarray((lags[0] + (d * x)[units]) / denom[units], dtype=np.float64)

    g = lx / denom
    p_sim = _simulated_p(prep, x[:, None], g, stat, permutations, seed, alternative)
    p_adj = _adjust_array(p_sim, adjust)
    significant = np.nan_to_num(p_adj, nan=1.0) <= alpha
    codes = np.where(significant & (zg > 0), 0, np.where(significant & (zg < 0), 1, 2))
    hot = prep.to_input(codes, "hotspot")
    return LocalGResult(
        G=prep.to_input(g, "G"), expected_G=prep.to_input(eg / denom, "expected_G"),
        variance_G=prep.to_input(vg / denom**2, "variance_G"), z=prep.to_input(zg, "z"),
        p_norm=prep.to_input(normal_p(zg, alternative), "p_norm"),
        p_sim=prep.to_input(p_sim, "p_sim"), p_adjusted=prep.to_input(p_adj, "p_adjusted"),
        hotspot=pd.Series(pd.Categorical.from_codes(hot.to_numpy().astype(np.int64),
                                                    categories=pd.Index(list(HOTSPOT_LABELS))),
                          index=hot.index, name="hotspot"),
        star=star, alpha=alpha, adjust=adjust, alternative=alternative,
        permutations=permutations, seed=seed_label(seed), transformation=transformation,
    )


def local_geary(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    alpha: float = 0.05,
    adjust: Adjust = "none",
) -> LocalGearyResult:
    """Local Geary's C: ``C_i = sum_j w_ij (x_i - x_j)^2`` on the scaled variable.

    As spdep's ``localC``: ``x = (y - mean) / sd`` with the sample sd. Small values mean
    a unit resembles its neighbours. ``p_sim`` comes from conditional randomisation;
    "greater" tests positive local autocorrelation (small ``C_i``), as spdep's
    ``localC_perm``.

    Parameters
    ----------
    y : pandas.Series
        Numeric variable indexed like ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights.
    transformation : {"r", "b", "o"}
        Row-standardised (default), binary or the graph's own weights.
    permutations : int
        Number of conditional permutations; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of ``p_sim`` ("greater": positive local autocorrelation).
    alpha : float
        Significance level recorded with the result.
    adjust : {"none", "fdr", "bonferroni"}
        Multiple-testing adjustment of ``p_sim``.

    Returns
    -------
    LocalGearyResult
        ``to_frame()`` has ``C, p_sim, p_adjusted``.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import local_geary
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> res = local_geary(density, graph, seed=1)
    >>> float(round(res.C["13"], 3))
    3.967
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    _check_local(alpha, adjust)
    prep = prepare(y, graph, transformation=transformation)
    if prep.n < 3:
        raise ValueError(f"local Geary needs at least 3 observations, got {prep.n}")
    sd = prep.values.std(ddof=1)
    if sd == 0:
        raise ConstantValueError("y is constant, so local Geary's C is undefined")
    x = (prep.values - prep.values.mean()) / sd
    # Off-diagonal weights only: a self-weight contributes (x_i - x_i)^2 = 0.
    rows, cols = prep.w.rows, prep.w.indices
    c = prep.w.row_totals(prep.w.data * (x[rows] - x[cols]) ** 2)
    wi = prep.w.row_sums()

    def stat(units: IntArray, lags: FloatArray) -> FloatArray:
        xi = x[units]
        sims = xi**2 * wi[units] - 2.0 * xi * lags[0] + lags[1]
        return np.asarray(-sims, dtype=np.float64)

    columns = np.column_stack([x, x**2])
    # The observed value in the simulations' own expansion, so ties round alike.
    observed = -(x**2 * wi - 2.0 * x * _lag(prep, x) + _lag(prep, x**2))
    p_sim = _simulated_p(prep, columns, observed, stat, permutations, seed, alternative)
    p_adj = _adjust_array(p_sim, adjust)
    return LocalGearyResult(
        C=prep.to_input(c, "C"), p_sim=prep.to_input(p_sim, "p_sim"),
        p_adjusted=prep.to_input(p_adj, "p_adjusted"), alpha=alpha, adjust=adjust,
        alternative=alternative, permutations=permutations, seed=seed_label(seed),
        transformation=transformation,
    )
