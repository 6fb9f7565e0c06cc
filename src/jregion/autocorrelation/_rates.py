"""Moran's I for rates with Empirical Bayes standardisation (Assuncao and Reis, 1999)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jregion.autocorrelation._common import Alternative, Seed, Transformation, _numeric
from jregion.autocorrelation._global import moran
from jregion.autocorrelation._results import MoranResult
from jregion.errors import InvalidDataError, UnmatchedKeyError
from jregion.weights._convert import GraphLike

__all__ = ["eb_standardise", "moran_rate"]


def eb_standardise(events: pd.Series, population: pd.Series) -> pd.Series:
    """Empirical Bayes standardised rates of Assuncao and Reis (spdep's ``EBImoran.mc``).

    With ``p_i = events_i / population_i``, ``b = sum events / sum population``,
    ``s2 = sum population_i (p_i - b)^2 / sum population`` and
    ``a = max(0, s2 - b / mean(population))``: ``z_i = (p_i - b) / sqrt(a + b / population_i)``.

    Parameters
    ----------
    events, population : pandas.Series
        Counts and populations at risk with the same index; ``population > 0``,
        ``events >= 0``.

    Returns
    -------
    pandas.Series
        The standardised rates, indexed like ``events``, named ``"eb_z"``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.autocorrelation import eb_standardise
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> jobs = jregion.load_indicator("manufacturing", year=2015)["persons_employed"]
    >>> float(round(eb_standardise(jobs, pop)["23"], 3))  # Aichi
    1.818
    """
    ev = _numeric(events, "events").astype(np.float64)
    po = _numeric(population, "population").astype(np.float64)
    if len(ev) != len(po) or not ev.index.isin(po.index).all():
        raise UnmatchedKeyError("events and population must have the same index labels")
    po = po.reindex(ev.index)
    if (po <= 0).any():
        raise ValueError("population must be positive for every unit")
    if (ev < 0).any():
        raise ValueError("events must be non-negative")
    if float(ev.sum()) == 0.0:
        raise InvalidDataError(
            "events sum to zero, so every rate is 0 and the Empirical Bayes standardisation "
            "is undefined (0/0); there is nothing to test"
        )
    e = ev.to_numpy()
    x = po.to_numpy()
    p = e / x
    b = e.sum() / x.sum()
    s2 = float((x * (p - b) ** 2).sum() / x.sum())
    a = max(0.0, s2 - b / x.mean())
    return pd.Series((p - b) / np.sqrt(a + b / x), index=ev.index, name="eb_z")


def moran_rate(
    events: pd.Series,
    population: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "r",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    n_jobs: int | None = None,
) -> MoranResult:
    """Moran's I of rates after Empirical Bayes standardisation (Assuncao-Reis).

    Raw rates of small populations are noisy; :func:`eb_standardise` shrinks them and
    divides by their standard error, and Moran's I is computed on the result. ``I``
    equals spdep's ``EBImoran.mc`` statistic; the permutation test permutes the
    standardised rates (as spdep) and normal/randomisation moments are those of
    :func:`moran` applied to them.

    Parameters
    ----------
    events, population : pandas.Series
        Counts and populations at risk, indexed like ``graph.unique_ids``.
    graph : GraphLike
        Spatial weights.
    transformation : {"r", "b", "o"}
        Weights transformation (row-standardised by default).
    permutations : int
        Number of permutations; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the p-values.
    n_jobs : int or None
        Threads for the permutations; default None uses every core available to the process.
        Results do not depend on it.

    Returns
    -------
    MoranResult
        As :func:`moran`, computed on the EB-standardised rates.

    Examples
    --------
    >>> import jregion
    >>> from jregion.autocorrelation import moran_rate
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> jobs = jregion.load_indicator("manufacturing", year=2015)["persons_employed"]
    >>> res = moran_rate(jobs, pop, graph, seed=1)
    >>> round(res.I, 4), res.p_sim < 0.01
    (0.4616, True)
    """
    z = eb_standardise(events, population)
    return moran(z, graph, transformation=transformation, permutations=permutations,
                 seed=seed, alternative=alternative, n_jobs=n_jobs)
