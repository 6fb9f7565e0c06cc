"""Global statistics: Moran's I, bivariate Moran's I, Geary's C, Getis-Ord General G.

Formulas follow R's spdep (``moran.test``, ``geary.test``, ``globalG.test``,
``moran_bv``); the recorded spdep output is the test reference. ``n`` is the number of
observations (spdep's ``adjust.n`` for isolates is not applied; a disconnected graph warns).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion.autocorrelation._common import (
    Alternative,
    ConstantValueError,
    Prepared,
    Seed,
    Transformation,
    aligned,
    check_options,
    make_rng,
    normal_p,
    permutation_p,
    prepare,
    seed_label,
    tie_counts,
    weight_sums,
)
from jregion.autocorrelation._permutation import (
    available_cores,
    global_simulations,
    quadratic_simulations,
)
from jregion.autocorrelation._results import (
    BivariateMoranResult,
    GearyResult,
    GeneralGResult,
    MoranResult,
)
from jregion.weights._convert import GraphLike

__all__ = ["bivariate_moran", "geary", "general_g", "moran"]

FloatArray = npt.NDArray[np.float64]


def _check_jobs(n_jobs: int | None) -> int:
    """Threads to use: ``n_jobs``, or the cores this process may run on when None."""
    if n_jobs is None:
        return available_cores()
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive int or None (all cores), got {n_jobs!r}")
    return n_jobs


def _check_n(prep: Prepared, need: int, name: str) -> None:
    if prep.n < need:
        raise ValueError(f"{name} needs at least {need} observations, got {prep.n}")


def full_lag(prep: Prepared, v: FloatArray) -> FloatArray:
    """``W v`` with the diagonal (self) weights included."""
    return np.asarray(prep.sparse @ v, dtype=np.float64) + prep.self_weight * v


def permuted_forms(
    prep: Prepared,
    v: FloatArray,
    square: FloatArray,
    permutations: int,
    seed: Seed,
    n_jobs: int,
) -> tuple[tuple[float, float], FloatArray, FloatArray]:
    """Observed and simulated ``Q = v' W_off v`` and ``S = square . v**2`` under permutation.

    ``Q`` runs over the upper triangle of ``W + W'`` (half the work of ``W @ v``); the
    statistics are combinations of the two (Moran: ``Q + w_ii . v**2``; Geary: margins
    ``. v**2 - 2 Q``), so the compiled kernels can serve all of them.
    """
    import scipy.sparse as sp

    upper = sp.csr_array(sp.triu(prep.symmetric, k=1, format="csr"))
    observed = (float(v @ (upper @ v)), float(square @ (v * v)))
    q, s = quadratic_simulations(v, upper, square, permutations, make_rng(seed), n_jobs=n_jobs)
    return observed, q, s


def _centred(prep: Prepared, what: str) -> tuple[FloatArray, float]:
    z = prep.values - prep.values.mean()
    zz = float(z @ z)
    if zz == 0.0:
        raise ConstantValueError(f"{what} is constant, so spatial autocorrelation is undefined")
    return z, zz


def _sim_p(
    observed: float, sims: FloatArray, permutations: int, alternative: str
) -> float:
    if permutations == 0:
        return float("nan")
    ge, le = tie_counts(observed, sims)
    return float(permutation_p(ge, le, permutations, alternative))


def moran(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    n_jobs: int | None = None,
) -> MoranResult:
    """Global Moran's I with inference under normality, randomisation and permutation.

    ``I = (n / S0) * z'Wz / z'z`` with ``z = y - mean(y)``; expectation and variances as
    spdep's ``moran.test`` (``randomisation=TRUE`` gives ``variance_I_rand``). Permutation
    inference permutes ``y`` over all units. spdep's default alternative is "greater";
    here it is "two-sided" (see :mod:`jregion.autocorrelation` for the conventions).

    Parameters
    ----------
    y : pandas.Series
        Numeric variable indexed like ``graph.unique_ids`` (any order; no missing values).
    graph : GraphLike
        Spatial weights, e.g. from :func:`jregion.weights.build_weights`.
    transformation : {"r", "b", "o"}
        Row-standardised (default), binary, or the graph's own weights.
    permutations : int
        Number of random permutations; 0 skips them (``p_sim`` is NaN).
    seed : int, numpy.random.Generator or None
        The same int gives identical results in every run and process.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the p-values.
    n_jobs : int or None
        Threads for the permutations; default None uses every core available to the process
        (``os.sched_getaffinity``). Results do not depend on it. With the ``fast`` extra
        (numba), large problems (``n * permutations >= 2e7``) run compiled kernels that
        replay the same permutations (see :mod:`jregion.autocorrelation._compiled`).

    Returns
    -------
    MoranResult
        Frozen result; ``values``/``lag`` (standardised ``y`` and its lag) give the
        Moran scatterplot, ``summary()`` the scalars.

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
    >>> from jregion.autocorrelation import moran
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> area = jregion.load_indicator("area")["area_km2"]
    >>> density = np.log(pop / area)
    >>> res = moran(density, graph, seed=1)
    >>> round(res.I, 4), round(res.expected_I, 4), round(res.z_rand, 3), res.p_sim < 0.01
    (0.3319, -0.0217, 3.357, True)
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    n_jobs = _check_jobs(n_jobs)
    prep = prepare(y, graph, transformation=transformation)
    _check_n(prep, 4, "Moran's I")
    z, zz = _centred(prep, "y")
    n = float(prep.n)
    s0, s1, s2 = weight_sums(prep)
    lag = full_lag(prep, z)
    i_obs = n / s0 * float(z @ lag) / zz
    ei = -1.0 / (n - 1.0)
    vi_norm = (n * n * s1 - n * s2 + 3 * s0 * s0) / (s0 * s0 * (n * n - 1.0)) - ei * ei
    k = n * float((z**4).sum()) / (zz * zz)
    vi = n * (s1 * (n * n - 3 * n + 3) - n * s2 + 3 * s0 * s0)
    vi -= k * (s1 * (n * n - n) - 2 * n * s2 + 6 * s0 * s0)
    vi_rand = vi / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - ei * ei
    z_norm = (i_obs - ei) / np.sqrt(vi_norm) if vi_norm > 0 else float("nan")
    z_rand = (i_obs - ei) / np.sqrt(vi_rand) if vi_rand > 0 else float("nan")
    sims = np.empty(0)
    p_sim = float("nan")
    if permutations:
        (q_obs, s_obs), q, s = permuted_forms(prep, z, prep.self_weight, permutations, seed, n_jobs)
        scale = n / s0 / zz
        sims = (q + s) * scale
        p_sim = _sim_p((q_obs + s_obs) * scale, sims, permutations, alternative)
    sd = np.sqrt(zz / n)
    return MoranResult(
        I=float(i_obs), expected_I=ei, variance_I_norm=float(vi_norm),
        variance_I_rand=float(vi_rand), z_norm=float(z_norm), z_rand=float(z_rand),
        p_norm=float(normal_p(z_norm, alternative)), p_rand=float(normal_p(z_rand, alternative)),
        p_sim=p_sim, permutations=permutations, seed=seed_label(seed),
        values=prep.to_input(z / sd, "values"), lag=prep.to_input(lag / sd, "lag"),
        simulations=sims, alternative=alternative, transformation=transformation,
    )


def bivariate_moran(
    x: pd.Series,
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
) -> BivariateMoranResult:
    """Bivariate Moran's I: ``x`` against the spatial lag of ``y``.

    ``I = zx' W zy / (n - 1)`` with both variables standardised (sample sd, ``ddof=1``),
    as spdep's ``moran_bv`` and esda's ``Moran_BV``. Permutation inference permutes ``y``
    and keeps ``x`` fixed (as esda; spdep's ``moran_bv`` bootstraps rows instead).

    Parameters
    ----------
    x, y : pandas.Series
        Numeric variables with the same index as ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights.
    transformation : {"r", "b", "o"}
        Weights transformation (row-standardised by default).
    permutations : int
        Number of permutations of ``y``; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the pseudo p-value.

    Returns
    -------
    BivariateMoranResult
        ``I``, ``p_sim``, ``values`` (standardised x), ``lag`` (lag of standardised y).

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import bivariate_moran
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population")["population"].unstack()
    >>> growth = np.log(pop[2015] / pop[1995])
    >>> density = np.log(pop[1995] / jregion.load_indicator("area")["area_km2"])
    >>> res = bivariate_moran(density, growth, graph, seed=1)
    >>> round(res.I, 4), res.p_sim < 0.01
    (0.3031, True)
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    prep = prepare(x, graph, transformation=transformation, what="x")
    _check_n(prep, 3, "bivariate Moran's I")
    yv = aligned(y, prep, "y")
    sx = prep.values.std(ddof=1)
    sy = yv.std(ddof=1)
    if sx == 0 or sy == 0:
        raise ConstantValueError("x and y must both vary for a bivariate Moran's I")
    zx = (prep.values - prep.values.mean()) / sx
    zy = (yv - yv.mean()) / sy
    lag = full_lag(prep, zy)
    n1 = prep.n - 1.0
    i_obs = float(zx @ lag) / n1
    sims = np.empty(0)
    p_sim = float("nan")
    if permutations:
        coef = (np.asarray(prep.sparse.T @ zx, dtype=np.float64) + prep.self_weight * zx) / n1
        sims = global_simulations(
            zy, lambda v: np.array([coef @ v]), permutations, make_rng(seed)
        )[:, 0]
        p_sim = _sim_p(float(coef @ zy), sims, permutations, alternative)
    return BivariateMoranResult(
        I=i_obs, p_sim=p_sim, permutations=permutations, seed=seed_label(seed),
        values=prep.to_input(zx, "values"), lag=prep.to_input(lag, "lag"), simulations=sims,
        alternative=alternative, transformation=transformation,
    )


def geary(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    n_jobs: int | None = None,
) -> GearyResult:
    """Global Geary's C with inference under normality, randomisation and permutation.

    ``C = (n - 1) / (2 S0) * sum_ij w_ij (y_i - y_j)^2 / sum_i (y_i - mean)^2``; moments as
    spdep's ``geary.test``. ``E[C] = 1``; ``C < 1`` means positive autocorrelation. As in
    spdep, ``z = (1 - C) / sd`` is positive for positive autocorrelation, and the
    alternatives (also of ``p_sim``) refer to that direction.

    Parameters
    ----------
    y : pandas.Series
        Numeric variable indexed like ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights.
    transformation : {"r", "b", "o"}
        Weights transformation (row-standardised by default).
    permutations : int
        Number of permutations; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the p-values ("greater": positive autocorrelation).
    n_jobs : int or None
        Threads for the permutations; default None uses every core available to the process
        (``os.sched_getaffinity``). Results do not depend on it. With the ``fast`` extra
        (numba), large problems (``n * permutations >= 2e7``) run compiled kernels that
        replay the same permutations (see :mod:`jregion.autocorrelation._compiled`).

    Returns
    -------
    GearyResult
        Frozen result with ``summary()`` and ``to_frame()``.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import geary
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> res = geary(density, graph, seed=1)
    >>> round(res.C, 4), round(res.z_rand, 3)
    (0.6272, 3.307)
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    n_jobs = _check_jobs(n_jobs)
    prep = prepare(y, graph, transformation=transformation)
    _check_n(prep, 4, "Geary's C")
    z, zz = _centred(prep, "y")
    n = float(prep.n)
    s0, s1, s2 = weight_sums(prep)
    w = prep.w
    diff2 = float((w.data * (z[w.rows] - z[w.indices]) ** 2).sum())
    c_obs = (n - 1.0) / (2.0 * s0) * diff2 / zz
    k = n * float((z**4).sum()) / (zz * zz)
    nn = n * n
    vc = (n - 1) * s1 * (nn - 3 * n + 3 - k * (n - 1))
    vc -= 0.25 * (n - 1) * s2 * (nn + 3 * n - 6 - k * (nn - n + 2))
    vc += s0 * s0 * (nn - 3 - k * (n - 1) ** 2)
    vc_rand = vc / (n * (n - 2) * (n - 3) * s0 * s0)
    vc_norm = ((2 * s1 + s2) * (n - 1) - 4 * s0 * s0) / (2 * (n + 1) * s0 * s0)
    z_norm = (1.0 - c_obs) / np.sqrt(vc_norm) if vc_norm > 0 else float("nan")
    z_rand = (1.0 - c_obs) / np.sqrt(vc_rand) if vc_rand > 0 else float("nan")
    sims = np.empty(0)
    p_sim = float("nan")
    if permutations:
        full = prep.symmetric
        margins = np.asarray(full.sum(axis=1), dtype=np.float64).ravel()
        scale = (n - 1.0) / (2.0 * s0 * zz)
        # sum_ij w_ij (v_i - v_j)^2 = margins . v^2 - 2 v' W_off v (self-weights cancel)
        (q_obs, s_obs), q, s = permuted_forms(prep, z, margins, permutations, seed, n_jobs)
        sims = (s - 2.0 * q) * scale
        # positive autocorrelation = small C: count on -C
        p_sim = _sim_p(-(s_obs - 2.0 * q_obs) * scale, -sims, permutations, alternative)
    sd = np.sqrt(zz / n)
    return GearyResult(
        C=float(c_obs), expected_C=1.0, variance_C_norm=float(vc_norm),
        variance_C_rand=float(vc_rand), z_norm=float(z_norm), z_rand=float(z_rand),
        p_norm=float(normal_p(z_norm, alternative)), p_rand=float(normal_p(z_rand, alternative)),
        p_sim=p_sim, permutations=permutations, seed=seed_label(seed),
        values=prep.to_input(z / sd, "values"), lag=prep.to_input(full_lag(prep, z) / sd, "lag"),
        simulations=sims, alternative=alternative, transformation=transformation,
    )


def general_g(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "b",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    n_jobs: int | None = None,
) -> GeneralGResult:
    """Getis-Ord General G: whether high (or low) values concentrate among neighbours.

    ``G = sum_ij w_ij y_i y_j / sum_{i != j} y_i y_j`` for non-negative ``y``; expectation
    ``S0 / (n (n - 1))`` and variance as spdep's ``globalG.test`` (with ``B1correct``).
    Binary weights (the default here) are the usual choice.

    Parameters
    ----------
    y : pandas.Series
        Non-negative numeric variable indexed like ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights.
    transformation : {"b", "r", "o"}
        Weights transformation (binary by default).
    permutations : int
        Number of permutations; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the p-values ("greater": high values cluster).
    n_jobs : int or None
        Threads for the permutations; default None uses every core available to the process
        (``os.sched_getaffinity``). Results do not depend on it. With the ``fast`` extra
        (numba), large problems (``n * permutations >= 2e7``) run compiled kernels that
        replay the same permutations (see :mod:`jregion.autocorrelation._compiled`).

    Returns
    -------
    GeneralGResult
        Frozen result with ``summary()`` and ``to_frame()``.

    Raises
    ------
    ValueError
        If ``y`` has negative values.

    Examples
    --------
    >>> import jregion
    >>> from jregion.autocorrelation import general_g
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> res = general_g(pop / 1e6, graph, seed=1)
    >>> round(res.G, 5), round(res.expected_G, 5), round(res.z, 3)
    (0.11461, 0.08511, 2.441)
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    n_jobs = _check_jobs(n_jobs)
    prep = prepare(y, graph, transformation=transformation)
    _check_n(prep, 4, "General G")
    x = prep.values
    if (x < 0).any():
        raise ValueError("General G needs non-negative values; y has negative values "
                         "(use moran() for centred or signed variables)")
    n = float(prep.n)
    s0, s1, s2 = weight_sums(prep)
    sx, sx2, sx3, sx4 = (float((x**p).sum()) for p in (1, 2, 3, 4))
    denom = sx * sx - sx2
    if denom <= 0:
        raise ConstantValueError("General G needs at least two positive values")
    lag = full_lag(prep, x)
    g_obs = float(x @ lag) / denom
    eg = s0 / (n * (n - 1))
    nn = n * n
    b0 = (nn - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0
    b1 = -((nn - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
    b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s0 * s0)
    b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s0 * s0
    b4 = s1 - s2 + s0 * s0
    vg = (b0 * sx2**2 + b1 * sx4 + b2 * sx**2 * sx2 + b3 * sx * sx3 + b4 * sx**4) / (
        denom**2 * n * (n - 1) * (n - 2) * (n - 3)
    ) - eg * eg
    z = (g_obs - eg) / np.sqrt(vg) if vg > 0 else float("nan")
    sims = np.empty(0)
    p_sim = float("nan")
    if permutations:
        (q_obs, s_obs), q, s = permuted_forms(prep, x, prep.self_weight, permutations, seed, n_jobs)
        sims = (q + s) / denom
        p_sim = _sim_p((q_obs + s_obs) / denom, sims, permutations, alternative)
    return GeneralGResult(
        G=g_obs, expected_G=float(eg), variance_G=float(vg), z=float(z),
        p_norm=float(normal_p(z, alternative)), p_sim=p_sim, permutations=permutations,
        seed=seed_label(seed), values=prep.to_input(x, "values"),
        lag=prep.to_input(lag, "lag"), simulations=sims, alternative=alternative,
        transformation=transformation,
    )
