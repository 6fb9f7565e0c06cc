"""OLS diagnostics read from spreg into one tidy table.

Every statistic is spreg's own (``spreg.OLS`` with ``nonspat_diag``, ``white_test``,
``spat_diag`` and ``moran``; the residual Moran's I moments from
``spreg.diagnostics_sp.MoranRes``). jregion only names them and lays them out.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DIAG_COLUMNS", "empty_diagnostics", "ols_diagnostics", "white_test"]

DIAG_COLUMNS = ["statistic", "df", "expected", "variance", "z", "p_value"]


def empty_diagnostics() -> pd.DataFrame:
    """Return the diagnostics table with no rows."""
    out = pd.DataFrame(columns=DIAG_COLUMNS, dtype=float)
    out.index.name = "test"
    return out


def _row(stat: Any, df: Any, p: Any) -> tuple[float, ...]:
    return (float(stat), float(df), np.nan, np.nan, np.nan, float(p))


def white_test(x: np.ndarray, u: np.ndarray) -> tuple[float, float, float]:
    """White's (1980) test: n R² of e² on [1, x, x², x_i x_j]; statistic, df, p.

    ``x`` holds the regressors without the constant, ``u`` the residuals.

    Written here because spreg's ``white()`` declines when the condition number exceeds 30
    and its ``koenker_bassett(z=...)`` cannot take a matrix (``z == None`` on an array).
    Where spreg computes it the values agree (tested); duplicated and constant products
    (d² = d for a dummy, 0 for two exclusive dummies) are dropped as spreg does.
    """
    from scipy.stats import chi2

    e2 = np.asarray(u, dtype=float).ravel() ** 2
    cols = [*x.T, *(x[:, i] * x[:, j] for i in range(x.shape[1]) for j in range(i, x.shape[1]))]
    keep: list[np.ndarray] = []
    for c in cols:
        if np.ptp(c) > 0 and not any(np.array_equal(c, k) for k in keep):
            keep.append(c)
    z = np.column_stack([np.ones(len(e2)), *keep])
    fitted = z @ np.linalg.lstsq(z, e2, rcond=None)[0]
    r2 = 1.0 - float(((e2 - fitted) ** 2).sum()) / float(((e2 - e2.mean()) ** 2).sum())
    stat, df = len(e2) * r2, float(len(keep))
    return stat, df, float(chi2.sf(stat, df))


def ols_diagnostics(ols: Any, w: Any) -> pd.DataFrame:
    """Collect spreg's non-spatial (and, with ``w``, spatial) OLS diagnostics.

    Rows: ``F test`` (df = k - 1; the denominator df is n - k), ``Jarque-Bera``,
    ``Breusch-Pagan`` and ``Koenker-Bassett`` (on the squared regressors, spreg's default as
    in GeoDa), ``White`` (on the regressors, their squares and cross-products),
    ``Condition number`` (statistic only); with weights also ``LM error``, ``LM lag``,
    ``Robust LM error``,
    ``Robust LM lag``, ``LM SARMA`` and ``Moran's I (residuals)`` (statistic = I, with its
    expectation, variance, z and two-sided p under normality).
    """
    k = ols.k
    rows: dict[str, tuple[float, ...]] = {
        "F test": _row(ols.f_stat[0], k - 1, ols.f_stat[1]),
        "Jarque-Bera": _row(ols.jarque_bera["jb"], ols.jarque_bera["df"],
                            ols.jarque_bera["pvalue"]),
        "Breusch-Pagan": _row(ols.breusch_pagan["bp"], ols.breusch_pagan["df"],
                              ols.breusch_pagan["pvalue"]),
        "Koenker-Bassett": _row(ols.koenker_bassett["kb"], ols.koenker_bassett["df"],
                                ols.koenker_bassett["pvalue"]),
    }
    rows["White"] = _row(*white_test(np.asarray(ols.x, dtype=float)[:, 1:], ols.u))
    rows["Condition number"] = (float(ols.mulColli), np.nan, np.nan, np.nan, np.nan, np.nan)
    if w is not None:
        from spreg.diagnostics_sp import MoranRes

        rows["LM error"] = _row(ols.lm_error[0], 1, ols.lm_error[1])
        rows["LM lag"] = _row(ols.lm_lag[0], 1, ols.lm_lag[1])
        rows["Robust LM error"] = _row(ols.rlm_error[0], 1, ols.rlm_error[1])
        rows["Robust LM lag"] = _row(ols.rlm_lag[0], 1, ols.rlm_lag[1])
        rows["LM SARMA"] = _row(ols.lm_sarma[0], 2, ols.lm_sarma[1])
        mr = MoranRes(ols, w, z=True)
        rows["Moran's I (residuals)"] = (float(mr.I), np.nan, float(mr.eI), float(mr.vI),
                                         float(mr.zI), float(mr.p_norm))
    out = pd.DataFrame.from_dict(rows, orient="index", columns=DIAG_COLUMNS, dtype=float)
    out.index.name = "test"
    return out
