"""OLS without an intercept (``- 1`` in the formula), over spreg's ``BaseOLS``.

``spreg.OLS`` always adds a constant; ``BaseOLS`` takes X as given. Fit statistics follow R's
``summary.lm`` for a model without intercept: R² is uncentered (1 - e'e / y'y), the F test
compares with the empty model (df k and n - k); Jarque-Bera uses the residuals' moments about
their mean, which need not be 0. The heteroskedasticity tests keep a constant
in their auxiliary regressions (spreg's formulas on [1, x²]; White on [1, x, x², x_i x_j]), as
R's ``lmtest::bptest`` does with a formula.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from jregion.regression._diagnostics import _row, diagnostics_frame, spatial_rows, white_test

__all__ = ["ols_no_intercept"]


def ols_no_intercept(y: np.ndarray, x: np.ndarray, w: Any, robust: str | None,
                     gwk: Any) -> tuple[Any, pd.DataFrame, dict[str, float], pd.DataFrame]:
    """Fit; return spreg's result, the coefficient arrays, fit statistics and diagnostics."""
    from scipy import stats
    from spreg import diagnostics as diag
    from spreg.diagnostics_sp import LMtests
    from spreg.ols import BaseOLS

    reg = BaseOLS(y, x, robust=robust, gwk=gwk, sig2n_k=True)
    n, k = reg.n, reg.k
    se = np.sqrt(np.diag(reg.vm))
    tstat = [(float(t), float(p)) for t, p in diag.t_stat(reg)]
    coef = pd.DataFrame({"estimate": np.ravel(reg.betas), "std_error": se,
                         "statistic": [t for t, _ in tstat], "p_value": [p for _, p in tstat]})
    yty = float((np.ravel(y) ** 2).sum())
    r2 = 1.0 - float(reg.utu) / yty
    reg.logll = diag.log_likelihood(reg)
    fit = {"r2": r2, "adj_r2": 1.0 - (1.0 - r2) * n / (n - k), "pseudo_r2": np.nan,
           "log_likelihood": float(reg.logll), "aic": float(diag.akaike(reg)),
           "schwarz": float(diag.schwarz(reg)), "sigma2": float(reg.sig2)}
    f = (float((np.ravel(reg.predy) ** 2).sum()) / k) / (float(reg.utu) / (n - k))
    # spreg's BP/KB regress on reg.x squared: give them [1, x] so the squares include 1.
    proxy = SimpleNamespace(u=reg.u, n=n, k=k, utu=reg.utu,
                            x=np.column_stack([np.ones(n), x]))
    # Without an intercept the residuals need not have mean 0: Jarque-Bera on centered
    # residuals (moments about the mean, as tseries::jarque.bera.test).
    centered = SimpleNamespace(n=n, u=reg.u - np.mean(reg.u))
    jb = diag.jarque_bera(centered)
    bp, kb = diag.breusch_pagan(proxy), diag.koenker_bassett(proxy)
    rows: dict[str, tuple[float, ...]] = {
        "F test": _row(f, k, stats.f.sf(f, k, n - k)),
        "Jarque-Bera": _row(jb["jb"], jb["df"], jb["pvalue"]),
        "Breusch-Pagan": _row(bp["bp"], bp["df"], bp["pvalue"]),
        "Koenker-Bassett": _row(kb["kb"], kb["df"], kb["pvalue"]),
        "White": _row(*white_test(np.asarray(x, dtype=float), np.ravel(reg.u))),
        "Condition number": (float(diag.condition_index(reg)),) + (np.nan,) * 5,
    }
    if w is not None:
        lm = LMtests(reg, w, tests=["lme", "lml", "rlme", "rlml", "sarma"])
        rows.update(spatial_rows((lm.lme, lm.lml, lm.rlme, lm.rlml, lm.sarma), reg, w))
    return reg, coef, fit, diagnostics_frame(rows)
