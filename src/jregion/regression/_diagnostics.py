"""OLS diagnostics read from spreg into one tidy table.

Every statistic is spreg's own (``spreg.OLS`` with ``nonspat_diag``, ``white_test``,
``spat_diag`` and ``moran``; the residual Moran's I moments from
``spreg.diagnostics_sp.MoranRes``). jregion only names them and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DIAG_COLUMNS",
    "diagnostics_frame",
    "empty_diagnostics",
    "ols_diagnostics",
    "spatial_rows",
    "white_test",
]

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
        lm = (ols.lm_error, ols.lm_lag, ols.rlm_error, ols.rlm_lag, ols.lm_sarma)
        rows.update(spatial_rows(lm, ols, w))
    return diagnostics_frame(rows)


#: Labels and degrees of freedom of the LM tests, in the order spatial_rows takes them.
_LM_ROWS = (("LM error", 1), ("LM lag", 1), ("Robust LM error", 1), ("Robust LM lag", 1),
            ("LM SARMA", 2))


def spatial_rows(lm: Sequence[Any], reg: Any, w: Any) -> dict[str, tuple[float, ...]]:
    """Rows of the LM tests and of the residual Moran's I.

    ``lm`` holds spreg's (statistic, p) pairs of LM error, LM lag, robust LM error, robust LM
    lag and LM SARMA, in that order; Moran's I is spreg's ``MoranRes`` of ``reg`` on ``w``.
    """
    from spreg.diagnostics_sp import MoranRes

    rows = {label: _row(test[0], df, test[1])
            for (label, df), test in zip(_LM_ROWS, lm, strict=True)}
    mr = MoranRes(reg, w, z=True)
    rows["Moran's I (residuals)"] = (float(mr.I), np.nan, float(mr.eI), float(mr.vI),
                                     float(mr.zI), float(mr.p_norm))
    return rows


def diagnostics_frame(rows: dict[str, tuple[float, ...]]) -> pd.DataFrame:
    """Lay out diagnostics rows as the table: index ``test``, columns DIAG_COLUMNS."""
    out = pd.DataFrame.from_dict(rows, orient="index", columns=DIAG_COLUMNS, dtype=float)
    out.index.name = "test"
    return out
