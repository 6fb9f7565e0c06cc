"""OLS diagnostics read from spreg into one tidy table.

Every statistic is spreg's own (``spreg.OLS`` with ``nonspat_diag``, ``white_test``,
``spat_diag`` and ``moran``; the residual Moran's I moments from
``spreg.diagnostics_sp.MoranRes``). jregion only names them and lays them out.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DIAG_COLUMNS", "empty_diagnostics", "ols_diagnostics"]

DIAG_COLUMNS = ["statistic", "df", "expected", "variance", "z", "p_value"]


def empty_diagnostics() -> pd.DataFrame:
    """The diagnostics table with no rows."""
    out = pd.DataFrame(columns=DIAG_COLUMNS, dtype=float)
    out.index.name = "test"
    return out


def _row(stat: Any, df: Any, p: Any) -> tuple[float, ...]:
    return (float(stat), float(df), np.nan, np.nan, np.nan, float(p))


def ols_diagnostics(ols: Any, w: Any) -> pd.DataFrame:
    """Collect spreg's non-spatial (and, with ``w``, spatial) OLS diagnostics.

    Rows: ``F test`` (df = k - 1; the denominator df n - k is in the summary),
    ``Jarque-Bera``, ``Breusch-Pagan``, ``Koenker-Bassett``, ``White``, ``Condition number``
    (statistic only); with weights also ``LM error``, ``LM lag``, ``Robust LM error``,
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
    white = getattr(ols, "white", None)
    if isinstance(white, dict) and "wh" in white:
        rows["White"] = _row(white["wh"], white["df"], white["pvalue"])
    else:  # spreg skips White when the auxiliary regression would have too many terms
        rows["White"] = (np.nan,) * 6
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
