"""RegressionResult: the fitted model, its text summary and its notebook display."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from jregion._display import ResultDisplay

__all__ = ["Model", "RegressionResult", "cell"]

Model = Literal["ols", "lag", "error"]

_FIT_LABELS = {
    "r2": "R²", "adj_r2": "Adjusted R²", "pseudo_r2": "Pseudo R²",
    "log_likelihood": "Log-likelihood", "aic": "AIC", "schwarz": "Schwarz (BIC)",
    "sigma2": "Sigma²",
}
_TRANSFORMS = {"r": "row-standardised (r)", "b": "binary (b)", "": "none"}


def cell(frame: pd.DataFrame, row: str, column: str) -> float:
    """Return one value of a float table (a unique index) as a float."""
    return float(frame[column].to_numpy(dtype=float)[frame.index.get_loc(row)])


def _num(v: float, width: int = 10) -> str:
    if math.isnan(v):
        return " " * (width - 1) + "-"
    return f"{v:{width}.4f}" if abs(v) < 1e6 else f"{v:{width}.4g}"


@dataclass(frozen=True, eq=False, repr=False)
class RegressionResult(ResultDisplay):
    """A fitted regression.

    Attributes
    ----------
    formula : str
        The formula as given.
    model : {"ols", "lag", "error"}
        The model.
    method : {"ols", "ml", "gm"}
        Estimation: least squares, maximum likelihood or generalised moments (spreg's
        ``GM_Lag``, spatial two-stage least squares with WX, ..., W^w_lags X as instruments,
        and ``GM_Error``, Kelejian-Prucha's GM estimator, which gives no standard error for
        lambda).
    y_name : str
        Dependent variable (the left side of the formula, e.g. ``np.log(emp)``).
    x_names : tuple of str
        Explanatory columns as formulaic names them (``np.log(x)``, ``C(region)[T.Kanto]``,
        ``a:b``); the intercept ``const`` is fitted unless the formula removes it (``- 1``,
        OLS only).
    n : int
        Number of observations.
    coefficients : pandas.DataFrame
        Index ``term`` (``const``, the x names, then ``rho`` for the lag or ``lambda`` for the
        error model); columns ``estimate``, ``std_error``, ``statistic`` (t for OLS, z
        otherwise) and ``p_value`` (two-sided).
    fit : pandas.Series
        ``r2``, ``adj_r2`` (OLS; uncentered without intercept, as R), ``pseudo_r2``
        (spatial models: squared correlation of y and spreg's predicted values),
        ``log_likelihood``, ``aic``, ``schwarz`` (OLS and ML), ``sigma2``; NaN where spreg
        does not define it.
    diagnostics : pandas.DataFrame
        OLS only (empty otherwise): index ``test``, columns ``statistic``, ``df``,
        ``expected``, ``variance``, ``z``, ``p_value``. Rows ``F test``, ``Jarque-Bera``,
        ``Breusch-Pagan``, ``Koenker-Bassett``, ``White`` (NaN when spreg skips it),
        ``Condition number``; with weights also ``LM error``, ``LM lag``, ``Robust LM
        error``, ``Robust LM lag``, ``LM SARMA`` (as spdep's ``lm.LMtests``) and ``Moran's I
        (residuals)`` (I, its expectation and variance under normality, z and p).
    impacts : pandas.DataFrame or None
        Lag model: average ``direct``, ``indirect`` and ``total`` impact of each x. None for
        other models.
    residuals : pandas.Series
        Residuals aligned to the input index (spreg's ``u``; for the lag model
        y - X b - rho W y).
    fitted : pandas.Series
        Predicted values aligned to the input index (spreg's ``predy``).
    weights_transform : {"r", "b", ""}
        Transformation of the weights: ``"r"`` row-standardised, ``"b"`` binary, ``""`` no
        weights.
    covariance : str
        How the standard errors were computed: ``"classical"``, ``"White
        (heteroskedasticity-robust)"`` or the HAC description with its kernel and bandwidth.
    w_lags : int or None
        GM lag model: orders of spatial lags of X used as instruments. None otherwise.
    """

    formula: str
    model: Model
    method: Literal["ols", "ml", "gm"]
    y_name: str
    x_names: tuple[str, ...]
    n: int
    coefficients: pd.DataFrame
    fit: pd.Series
    diagnostics: pd.DataFrame
    impacts: pd.DataFrame | None
    residuals: pd.Series
    fitted: pd.Series
    weights_transform: str
    covariance: str = "classical"
    w_lags: int | None = None

    @property
    def label(self) -> str:
        """Short label such as ``"OLS"``, ``"Lag (ML)"`` or ``"Error (GM)"``."""
        if self.model == "ols":
            return "OLS"
        return f"{self.model.capitalize()} ({self.method.upper()})"

    def to_frame(self) -> pd.DataFrame:
        """Return the coefficient table (a copy).

        Returns
        -------
        pandas.DataFrame
            Index ``term``; columns ``estimate``, ``std_error``, ``statistic``, ``p_value``.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import fit
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> fit("log_area ~ lat", df).to_frame().round(3)
               estimate  std_error  statistic  p_value
        term
        const     3.923      1.005      3.904      0.0
        lat       0.135      0.028      4.760      0.0
        """
        return self.coefficients.copy()

    def _header(self) -> list[tuple[str, str]]:
        items = [("Model", self.label), ("Dependent", self.y_name), ("Observations", str(self.n)),
                 ("Weights", _TRANSFORMS.get(self.weights_transform, self.weights_transform)),
                 ("Std. errors", self.covariance)]
        if self.w_lags is not None:
            items.append(("Instruments", f"W X ... W^{self.w_lags} X (w_lags={self.w_lags})"))
        return items

    def summary(self) -> str:
        """Return a compact text table: model, coefficients, fit and diagnostics.

        Returns
        -------
        str
            Plain text, 78 characters wide, in the spirit of spreg's and statsmodels'
            summaries.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import fit
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> print(fit("log_area ~ lat", df).summary())  # doctest: +ELLIPSIS
        Model: OLS    Dependent: log_area    Observations: 47
        Weights: none
        Std. errors: classical
        ------------------------------------------------------------------------------
        term                         estimate  std_error  statistic    p_value
        const                          3.9228     1.0048     3.9042     0.0003
        lat                            0.1350     0.0284     4.7604     0.0000
        ------------------------------------------------------------------------------
        R²                             0.3349
        ...
        F test                        22.6616          1          -     0.0000
        ...
        """
        head = self._header()
        lines = ["    ".join(f"{k}: {v}" for k, v in head[:3])]
        lines += [f"{k}: {v}" for k, v in head[3:]]
        rule = "-" * 78
        lines += [rule, f"{'term':<26}{'estimate':>11}{'std_error':>11}{'statistic':>11}"
                  f"{'p_value':>11}"]
        for term, row in self.coefficients.iterrows():
            lines.append(f"{str(term)[:26]:<26} " + " ".join(
                _num(float(row[c])) for c in ("estimate", "std_error", "statistic", "p_value")))
        lines.append(rule)
        for key, label in _FIT_LABELS.items():
            v = float(self.fit[key])
            if not math.isnan(v):
                lines.append(f"{label:<26} " + _num(v))
        if self.impacts is not None:
            lines += [rule, f"{'impact':<26}{'direct':>11}{'indirect':>11}{'total':>11}"]
            for term, row in self.impacts.iterrows():
                lines.append(f"{str(term)[:26]:<26} " + " ".join(
                    _num(float(row[c])) for c in ("direct", "indirect", "total")))
        if len(self.diagnostics):
            lines += [rule, f"{'test':<26}{'statistic':>11}{'df':>11}{'z':>11}{'p_value':>11}"]
            for test, row in self.diagnostics.iterrows():
                df = float(row["df"])
                lines.append(
                    f"{str(test)[:26]:<26} " + _num(float(row["statistic"])) + " "
                    + (f"{df:10.0f}" if not math.isnan(df) else " " * 9 + "-") + " "
                    + _num(float(row["z"])) + " " + _num(float(row["p_value"])))
            moran = "Moran's I (residuals)"
            if moran in self.diagnostics.index:
                e_i = cell(self.diagnostics, moran, "expected")
                v_i = cell(self.diagnostics, moran, "variance")
                lines.append(f"  Moran's I: E[I] = {e_i:.4f}, Var[I] = {v_i:.6f} (normality)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"RegressionResult({self.label}: {self.formula!r}, n={self.n}, "
                f"k={len(self.coefficients)}, weights={self.weights_transform or 'none'}, "
                f"covariance={self.covariance!r})")

    def _repr_html_(self) -> str:
        head = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
                       f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
                       for k, v in [("Formula", self.formula), *self._header()])
        def table(frame: pd.DataFrame) -> str:
            return frame.to_html(float_format=lambda v: f"{v:.4f}", border=0, na_rep="")

        parts = [f"<div class='jregion-result'><strong>RegressionResult</strong>"
                 f"<table>{head}</table>", table(self.coefficients),
                 table(self.fit.dropna().to_frame())]
        if self.impacts is not None:
            parts.append(table(self.impacts))
        if len(self.diagnostics):
            parts.append(table(self.diagnostics))
        return "".join(parts) + "</div>"
