"""Bootstrap confidence intervals for Gini, Theil and location quotients, with explicit seeds.

Gini and Theil: the spatial units (with their reference values) are resampled with
replacement (Efron and Tibshirani 1993, ch. 13, percentile intervals). Location
quotients: the counts of each activity are redrawn from a multinomial with the observed
shares (a parametric bootstrap of the counts; the base is held fixed). Two calls with
the same ``seed`` give identical numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from jregion._display import ResultDisplay
from jregion.concentration._common import reference_shares
from jregion.concentration._inequality import _gini_values
from jregion.concentration._lq import _base, lq_values
from jregion.concentration._theil import _theil_values
from jregion.concentration._validate import InvalidDataError, as_table

__all__ = ["BootstrapResult", "LQInterval", "bootstrap_inequality", "lq_interval"]

Seed = int | np.random.Generator | None
_INDICES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "gini": _gini_values,
    "theil": _theil_values,
}


def _rng(seed: Seed) -> np.random.Generator:
    if isinstance(seed, bool) or not (
        seed is None or isinstance(seed, int | np.integer | np.random.Generator)
    ):
        raise TypeError(f"seed must be an int, a numpy Generator or None, got {seed!r}")
    return np.random.default_rng(seed)


def _check(n: int, level: float, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InvalidDataError(f"{what} must be a positive integer, got {n!r}")
    if not (isinstance(level, float | int) and 0 < level < 1):
        raise InvalidDataError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}")


@dataclass(frozen=True, repr=False)
class BootstrapResult(ResultDisplay):
    """Percentile bootstrap interval of an inequality index, per activity column.

    Attributes
    ----------
    estimate, lower, upper, std_error : pandas.Series
        Indexed by activity column.
    replicates : numpy.ndarray
        ``n_boot x k`` replicate values (NaN where a resample had no activity).
    index : str
        ``"gini"`` or ``"theil"``.
    level : float
        Confidence level.
    n_boot : int
        Number of resamples.
    seed : int or None
        The seed given (None when a Generator or no seed was passed).
    """

    estimate: pd.Series
    lower: pd.Series
    upper: pd.Series
    std_error: pd.Series
    replicates: np.ndarray
    index: str
    level: float
    n_boot: int
    seed: int | None

    def to_frame(self) -> pd.DataFrame:
        """Return ``estimate``, ``lower``, ``upper``, ``std_error`` per activity column.

        Returns
        -------
        pandas.DataFrame
            Indexed by activity column.
        """
        return pd.DataFrame(
            {"estimate": self.estimate, "lower": self.lower, "upper": self.upper,
             "std_error": self.std_error}
        )


def bootstrap_inequality(
    data: pd.Series | pd.DataFrame,
    *,
    index: Literal["gini", "theil"],
    reference: pd.Series | None = None,
    n_boot: int = 999,
    level: float = 0.95,
    seed: Seed = None,
) -> BootstrapResult:
    """Bootstrap percentile interval of the Gini or Theil index across spatial units.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity per unit.
    index : {"gini", "theil"}
        Which index (as :func:`gini` / :func:`theil`, same ``reference`` meaning).
    reference : Series, optional
        Positive reference values, resampled together with the units.
    n_boot : int, default 999
        Number of resamples.
    level : float, default 0.95
        Confidence level of the percentile interval.
    seed : int, numpy.random.Generator or None
        Random seed; the same seed gives the same interval.

    Returns
    -------
    BootstrapResult
        Estimate, interval and standard error per activity.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)["persons_employed"]
    >>> r = jregion.bootstrap_inequality(m, index="gini", n_boot=200, seed=1)
    >>> r.to_frame().round(2)
                      estimate  lower  upper  std_error
    persons_employed      0.43   0.36    0.5       0.04
    """
    if index not in _INDICES:
        raise InvalidDataError(f"index must be 'gini' or 'theil', got {index!r}")
    _check(n_boot, level, "n_boot")
    func = _INDICES[index]
    tab = as_table(data)
    ref = np.ones(tab.values.shape[0]) if reference is None else (
        reference_shares(reference, tab)
    )
    est = func(tab.values, ref / ref.sum())
    rng = _rng(seed)
    n = tab.values.shape[0]
    reps = np.empty((int(n_boot), tab.values.shape[1]))
    for b in range(int(n_boot)):
        idx = rng.integers(0, n, size=n)
        v = tab.values[idx]
        r = ref[idx]
        with np.errstate(divide="ignore", invalid="ignore"):
            reps[b] = func(v, r / r.sum())
    alpha = (1.0 - float(level)) / 2.0
    lo, hi = np.nanquantile(reps, [alpha, 1.0 - alpha], axis=0)
    cols = tab.columns.copy()
    return BootstrapResult(
        estimate=pd.Series(est, index=cols, name="estimate"),
        lower=pd.Series(lo, index=cols, name="lower"),
        upper=pd.Series(hi, index=cols, name="upper"),
        std_error=pd.Series(
            np.nanstd(reps, axis=0, ddof=1) if n_boot > 1 else np.full(len(cols), np.nan),
            index=cols, name="std_error",
        ),
        replicates=reps,
        index=index,
        level=float(level),
        n_boot=int(n_boot),
        seed=int(seed) if isinstance(seed, int | np.integer) else None,
    )


@dataclass(frozen=True, repr=False)
class LQInterval(ResultDisplay):
    """Parametric-bootstrap interval of location quotients (unit x activity).

    Attributes
    ----------
    estimate, lower, upper : pandas.DataFrame
        Shaped like the input table.
    level : float
        Confidence level.
    n_sim : int
        Number of simulated tables.
    seed : int or None
        The seed given (None when a Generator or no seed was passed).
    """

    estimate: pd.DataFrame
    lower: pd.DataFrame
    upper: pd.DataFrame
    level: float
    n_sim: int
    seed: int | None

    def to_frame(self) -> pd.DataFrame:
        """Return a long table indexed by (unit, activity) with estimate, lower, upper.

        Returns
        -------
        pandas.DataFrame
            One row per unit and activity.
        """
        parts = {
            "estimate": self.estimate.stack(),
            "lower": self.lower.stack(),
            "upper": self.upper.stack(),
        }
        return pd.DataFrame(parts)


def lq_interval(
    data: pd.Series | pd.DataFrame,
    *,
    reference: pd.Series | None = None,
    n_sim: int = 999,
    level: float = 0.95,
    seed: Seed = None,
) -> LQInterval:
    """Confidence interval of each location quotient by redrawing the counts.

    Each activity's total ``X_j`` is redistributed over the units from a multinomial
    with the observed shares ``x_rj / X_j``; the base (``reference``, or the observed
    row totals) is held fixed. Percentile intervals of the simulated LQs.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative integer counts (persons, establishments).
    reference : Series, optional
        As for :func:`location_quotient`.
    n_sim : int, default 999
        Number of simulated tables.
    level : float, default 0.95
        Confidence level.
    seed : int, numpy.random.Generator or None
        Random seed; the same seed gives the same interval.

    Returns
    -------
    LQInterval
        ``estimate``, ``lower`` and ``upper`` shaped like ``data`` (as DataFrames).

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing", year=2005)
    >>> pop = load_indicator("population", year=2005)["population"]
    >>> ci = jregion.lq_interval(m[["establishments"]], reference=pop, n_sim=200, seed=1)
    >>> ci.to_frame().loc[("23", "establishments")].round(3).tolist()
    [1.472, 1.456, 1.489]
    """
    _check(n_sim, level, "n_sim")
    tab = as_table(data)
    if not np.array_equal(tab.values, np.round(tab.values)):
        raise InvalidDataError(
            "lq_interval redraws counts, so data must hold whole numbers (persons, "
            "establishments); for amounts use bootstrap_inequality or location_quotient"
        )
    base = _base(tab, reference)
    est = lq_values(tab.values, base, "none")
    rng = _rng(seed)
    totals = tab.values.sum(axis=0).astype(np.int64)
    p = (tab.values / tab.values.sum(axis=0)).T  # k x n
    sims = np.empty((int(n_sim), *tab.values.shape))
    for b in range(int(n_sim)):
        draw = rng.multinomial(totals, p).T.astype("float64")  # n x k
        sims[b] = lq_values(draw, base, "none")
    alpha = (1.0 - float(level)) / 2.0
    lo, hi = np.quantile(sims, [alpha, 1.0 - alpha], axis=0)

    def frame(a: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(a, index=tab.index.copy(), columns=tab.columns.copy())

    return LQInterval(
        estimate=frame(est), lower=frame(lo), upper=frame(hi), level=float(level),
        n_sim=int(n_sim), seed=int(seed) if isinstance(seed, int | np.integer) else None,
    )
