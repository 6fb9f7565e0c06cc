"""Multiple-testing adjustment of local p-values (Benjamini-Hochberg FDR, Bonferroni)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["Adjust", "adjust_pvalues"]

Adjust = Literal["none", "fdr", "bonferroni"]
_METHODS = ("none", "fdr", "bonferroni")


def _adjust_array(p: npt.NDArray[np.float64], method: str) -> npt.NDArray[np.float64]:
    out = p.astype(np.float64, copy=True)
    ok = ~np.isnan(out)
    m = int(ok.sum())
    if method == "none" or m == 0:
        return out
    vals = out[ok]
    if method == "bonferroni":
        out[ok] = np.minimum(1.0, vals * m)
        return out
    order = np.argsort(vals, kind="stable")
    ranked = vals[order] * m / np.arange(1, m + 1)
    ranked = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    adj = np.empty(m)
    adj[order] = ranked
    out[ok] = adj
    return out


def adjust_pvalues(p: pd.Series, *, method: Adjust = "fdr") -> pd.Series:
    """Adjust p-values for multiple testing, as R's ``p.adjust``.

    ``"fdr"`` is Benjamini-Hochberg (R's ``"BH"``/``"fdr"``): compare the adjusted values
    with ``alpha`` to control the false discovery rate. ``"bonferroni"`` multiplies by the
    number of tests (capped at 1). Missing p-values (units without neighbours) stay
    missing and are not counted as tests.

    Parameters
    ----------
    p : pandas.Series
        P-values in [0, 1]; NaN allowed.
    method : {"fdr", "bonferroni", "none"}
        Adjustment; ``"none"`` returns a copy.

    Returns
    -------
    pandas.Series
        Adjusted p-values, same index, named ``"p_adjusted"``.

    Raises
    ------
    ValueError
        If ``method`` is unknown or a p-value lies outside [0, 1].

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.autocorrelation import adjust_pvalues
    >>> p = pd.Series([0.01, 0.04, 0.03, 0.20], index=["13", "14", "11", "12"])
    >>> adjust_pvalues(p, method="fdr").round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.2]
    >>> adjust_pvalues(p, method="bonferroni").tolist()
    [0.04, 0.16, 0.12, 0.8]
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if not isinstance(p, pd.Series):
        raise TypeError(f"p must be a pandas Series, got {type(p).__name__}")
    arr = p.to_numpy(dtype=np.float64)
    bad = ~np.isnan(arr) & ((arr < 0) | (arr > 1))
    if bad.any():
        raise ValueError(
            f"p-values must lie in [0, 1]; {int(bad.sum())} do not, e.g. "
            f"{p[bad].index[:3].tolist()}"
        )
    return pd.Series(_adjust_array(arr, method), index=p.index, name="p_adjusted")
