"""fit: OLS with diagnostics, and spatial lag and error models, over spreg."""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from jregion.errors import FormulaError
from jregion.regression._diagnostics import empty_diagnostics, ols_diagnostics
from jregion.regression._formula import design_matrices
from jregion.regression._nointercept import ols_no_intercept
from jregion.regression._result import Model, RegressionResult, cell
from jregion.regression._spatial import (
    Kernel,
    Transformation,
    exact_lag_multipliers,
    hac_kernel,
    spreg_weights,
)

if TYPE_CHECKING:
    from jregion.weights import GraphLike

__all__ = ["RegressionResult", "fit"]

Method = Literal["ml", "gm"]
Robust = Literal["white", "hac"]

#: Largest n for exact impacts (dense inverse); above it spreg's series approximation is used.
EXACT_IMPACTS_MAX_N = 3000

_FIT_NAMES = ("r2", "adj_r2", "pseudo_r2", "log_likelihood", "aic", "schwarz", "sigma2")


def _table(betas: Any, std_err: Any, stats: Any, names: list[str]) -> pd.DataFrame:
    est = np.asarray(betas, dtype=float).ravel()
    k = len(est)
    se = np.full(k, np.nan)
    z = np.full(k, np.nan)
    p = np.full(k, np.nan)
    se_arr = np.asarray([np.nan if v is None else v for v in np.ravel(std_err)], dtype=float)
    se[: len(se_arr)] = se_arr
    for i, pair in enumerate(stats):
        z[i], p[i] = float(pair[0]), float(pair[1])
    out = pd.DataFrame({"estimate": est, "std_error": se, "statistic": z, "p_value": p},
                       index=pd.Index(names, name="term"))
    return out



def _fit_stats(res: Any) -> pd.Series:
    get = {
        "r2": "r2", "adj_r2": "ar2", "pseudo_r2": "pr2", "log_likelihood": "logll",
        "aic": "aic", "schwarz": "schwarz", "sigma2": "sig2",
    }
    vals = {k: float(np.ravel(getattr(res, a))[0]) if hasattr(res, a) else np.nan
            for k, a in get.items()}
    return pd.Series(vals, name="value", dtype=float).reindex(list(_FIT_NAMES))


def _check_options(model: Any, method: Any, weights: Any, transformation: Any, robust: Any,
                   w_lags: Any) -> None:
    if model not in ("ols", "lag", "error"):
        raise ValueError(f"model must be 'ols', 'lag' or 'error', got {model!r}")
    if method not in ("ml", "gm"):
        raise ValueError(f"method must be 'ml' or 'gm', got {method!r}")
    if model != "ols" and weights is None:
        raise ValueError(f"model={model!r} needs weights=; build them with build_weights")
    if transformation not in ("r", "b"):
        raise ValueError(f"transformation must be 'r' (row-standardised) or 'b' (binary), got "
                         f"{transformation!r}")
    if transformation == "b" and model != "ols" and method == "ml":
        raise ValueError(
            "transformation='b' is not available for maximum likelihood: spreg searches rho and "
            "lambda in (-1, 1), the stable range only for row-standardised weights. Use "
            "transformation='r', or method='gm'"
        )
    if robust not in (None, "white", "hac"):
        raise ValueError(f"robust must be None, 'white' or 'hac', got {robust!r}")
    if robust is not None and not (model == "ols" or (model == "lag" and method == "gm")):
        raise ValueError(
            f"robust={robust!r} is available for OLS and the GM lag model only (spreg's "
            f"options); got model={model!r}, method={method!r}"
        )
    if isinstance(w_lags, bool) or not isinstance(w_lags, int) or w_lags < 1:
        raise ValueError(f"w_lags must be an integer >= 1, got {w_lags!r}")
    if w_lags != 1 and not (model == "lag" and method == "gm"):
        raise ValueError("w_lags applies to the GM lag model only (model='lag', method='gm')")


def fit(
    formula: str,
    data: Any,
    *,
    model: Model = "ols",
    method: Method = "ml",
    weights: GraphLike | None = None,
    transformation: Transformation = "r",
    robust: Robust | None = None,
    hac_k: int | None = None,
    hac_kernel_function: Kernel = "triangular",
    w_lags: int = 1,
) -> RegressionResult:
    """Fit OLS, a spatial lag or a spatial error model with spreg.

    The formula is read by formulaic. Rows are never dropped: a variable the formula uses
    with missing or infinite values, or a transform that gives them (``np.log(0)``), raises
    and names the rows. The weights are transformed for spreg (``transformation``) and put in
    the order of the data's rows, so rows and graph ids may come in any order but must be the
    same set. A graph with isolates or several components gets a
    :class:`~jregion.errors.DisconnectedGraphWarning`. The data are not modified.

    Parameters
    ----------
    formula : str
        Wilkinson formula, as in R or statsmodels: ``"np.log(y) ~ x + I(x**2) + C(region) +
        a:b"`` (see :func:`parse_formula`). ``- 1`` removes the intercept, for OLS only
        (spreg's spatial models always fit one): R² is then uncentered and the F test
        compares with the empty model, as in R's ``summary.lm``.
    data : pandas.DataFrame, geopandas.GeoDataFrame or mapping of str to array-like
        One row per unit. A dict of 1-D arrays or lists has positional rows 0..n-1: the
        weights' ids must then be 0..n-1 too.
    model : {"ols", "lag", "error"}
        OLS (with spatial diagnostics when ``weights`` is given), spatial lag (y = rho W y +
        X b + e) or spatial error (y = X b + u, u = lambda W u + e).
    method : {"ml", "gm"}
        For the lag and error models: maximum likelihood (``ML_Lag``, ``ML_Error`` with
        spreg's ``method="lu"``: sparse LU log-determinant) or generalised moments
        (``GM_Lag``: spatial two-stage least squares; ``GM_Error``: Kelejian-Prucha). Ignored
        for OLS.
    weights : GraphLike, optional
        Spatial graph over the same ids as the data's rows: a
        :class:`~jregion.weights.SparseGraph`, a libpysal Graph or W, or (scipy matrix, ids).
        Required for ``"lag"`` and ``"error"``.
    transformation : {"r", "b"}
        Weights given to spreg: ``"r"`` row-standardised (default) or ``"b"`` binary. Binary
        weights are allowed for OLS diagnostics and the GM models; maximum likelihood refuses
        them (spreg's search range for rho and lambda, (-1, 1), assumes row-standardised
        weights). The lag model's impacts are then exact averages of (I - rho W)^-1 for
        n <= 3000, since spreg's total multiplier 1 / (1 - rho) holds only for row sums of 1.
        The result states the transform in ``weights_transform`` and its summary.
    robust : {None, "white", "hac"}
        Standard errors for OLS and the GM lag model: classical (None), White's
        heteroskedasticity-consistent (HC1: scaled by n / (n - k), as spreg does for OLS),
        or Kelejian-Prucha (2007) spatial HAC.
    hac_k : int, optional
        HAC only (required): the kernel's adaptive bandwidth, the distance from each unit to
        its ``hac_k``-th nearest neighbour (representative points in
        :data:`jregion.EQUAL_AREA_CRS`). The kernel weights are
        ``libpysal.weights.Kernel(points, k=hac_k, function=hac_kernel_function,
        fixed=False, diagonal=True)``, passed to spreg as ``gwk``. ``data`` must be a
        GeoDataFrame.
    hac_kernel_function : {"triangular", "uniform", "quadratic", "quartic", "gaussian"}
        HAC only: the kernel function (libpysal's names).
    w_lags : int
        GM lag model only: instruments are WX, W²X, ..., W^w_lags X (spreg's ``w_lags``).

    Returns
    -------
    RegressionResult
        Frozen result: coefficients, fit statistics, diagnostics, impacts, residuals;
        ``summary()`` for a text table.

    Raises
    ------
    FormulaError
        If the formula cannot be read or uses absent columns.
    MissingValueError
        If a used variable, or a column the formula computes, has missing or infinite values;
        the message counts and names the rows.
    ConstantValueError
        If the dependent variable is constant.
    TooFewObservationsError
        If there are no more rows than parameters (n <= k).
    DuplicateKeyError
        If the data repeats an id (one row per unit is needed).
    UnmatchedKeyError
        If the weights' ids differ from the data's rows.
    TypeError
        If the dependent variable is not numeric, or ``weights`` is not a GraphLike.
    ValueError
        If the regressors are collinear, or an option does not apply to the model.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.regression import fit
    >>> from jregion.weights import build_weights
    >>> prefs = jregion.load_prefectures()
    >>> df = prefs.assign(area=prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6,
    ...                   lat=prefs.representative_point().y)
    >>> w = build_weights(prefs, links="japan")
    >>> ols = fit("np.log(area) ~ lat", df, weights=w)
    >>> ols.diagnostics[["statistic", "p_value"]].round(3)
                           statistic  p_value
    test
    F test                    22.662    0.000
    Jarque-Bera                0.403    0.817
    Breusch-Pagan              3.191    0.074
    Koenker-Bassett            2.734    0.098
    White                      8.092    0.017
    Condition number          25.486      NaN
    LM error                   2.104    0.147
    LM lag                     1.596    0.206
    Robust LM error            0.692    0.406
    Robust LM lag              0.184    0.668
    LM SARMA                   2.288    0.319
    Moran's I (residuals)      0.162    0.055
    >>> lag = fit("np.log(area) ~ lat", df, model="lag", weights=w)
    >>> lag.to_frame().round(3)
           estimate  std_error  statistic  p_value
    term
    const     2.609      1.258      2.073    0.038
    lat       0.122      0.033      3.712    0.000
    rho       0.202      0.169      1.195    0.232
    >>> lag.impacts.round(3)
         direct  indirect  total
    lat   0.124      0.030  0.153
    """
    _check_options(model, method, weights, transformation, robust, w_lags)
    d = design_matrices(formula, data)
    if not d.intercept and model != "ols":
        raise FormulaError(
            f"{formula!r} removes the intercept ('- 1' or '+ 0'), which only OLS allows: "
            "spreg's lag and error models always fit one. Keep the intercept (with C(group), "
            "the first level becomes the reference)"
        )
    index, y_name, x_names = d.index, str(d.y.name), tuple(d.x.columns)
    n_params = len(x_names) + 1 + (model != "ols")
    if model != "ols" and len(index) <= n_params:
        from jregion.errors import TooFewObservationsError

        raise TooFewObservationsError(
            f"too few observations: n = {len(index)} rows for k = {n_params} parameters "
            f"(intercept, {len(x_names)} regressors and the spatial parameter)"
        )
    w = None if weights is None else spreg_weights(weights, index, transformation,
                                                   positional=d.positional)
    gwk = None
    covariance = "classical"
    if robust == "white":
        covariance = "White (heteroskedasticity-robust, HC1)"
    elif robust == "hac":
        if hac_k is None:
            raise ValueError("robust='hac' needs hac_k=, the number of nearest neighbours that "
                             "sets each unit's kernel bandwidth")
        gwk = hac_kernel(data, index, hac_k, hac_kernel_function)
        covariance = (f"HAC (Kelejian-Prucha; {hac_kernel_function} kernel, adaptive "
                      f"bandwidth: {hac_k} nearest neighbours)")
    import spreg
    from scipy.sparse import SparseEfficiencyWarning

    y = d.y.to_numpy()[:, None]
    x = d.x.to_numpy()
    names = ["const", *x_names]
    kw: dict[str, Any] = {"name_y": y_name, "name_x": list(x_names)}
    impacts = None
    diagnostics = empty_diagnostics()
    spat = "full" if len(index) <= EXACT_IMPACTS_MAX_N else "power"
    stats: Any = None
    fit_stats: dict[str, float] = {}
    # spreg 1.9 prints the model's class name while it formats its summary: keep it quiet.
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        # scipy notes that its bounded scalar minimiser uses an absolute tolerance.
        warnings.filterwarnings("ignore", message="Method 'bounded' does not support relative")
        # spreg 1.9 formats its own output table with a pandas idiom pandas 3 deprecates.
        warnings.filterwarnings("ignore", message="The inplace keyword in DataFrame")
        # spreg's LU path hands scipy CSR matrices to splu/spsolve, which note the conversion.
        warnings.filterwarnings("ignore", category=SparseEfficiencyWarning)
        if model == "ols" and not d.intercept:
            res, coefficients, fit_stats, diagnostics = ols_no_intercept(y, x, w, robust, gwk)
            coefficients.index = pd.Index(list(x_names), name="term")
            stats = None
            used = "ols"
        elif model == "ols":
            res = spreg.OLS(y, x, w=w, robust=robust, gwk=gwk, spat_diag=w is not None,
                            moran=w is not None, white_test=True, **kw)
            stats = res.t_stat
            diagnostics = ols_diagnostics(res, w)
            used = "ols"
        elif model == "lag":
            if method == "ml":
                res = spreg.ML_Lag(y, x, w, method="lu", spat_impacts=spat, **kw)
            else:
                res = spreg.GM_Lag(y, x, w=w, w_lags=w_lags, robust=robust, gwk=gwk,
                                   spat_impacts=spat, **kw)
            stats = res.z_stat
            names.append("rho")
            used = method
        else:
            if method == "ml":
                res = spreg.ML_Error(y, x, w, method="lu", **kw)
            else:
                res = spreg.GM_Error(y, x, w, **kw)
            stats = res.z_stat
            names.append("lambda")
            used = method
    if stats is not None:
        coefficients = _table(res.betas, res.std_err, stats, names)
        fit_stats = {str(k): float(v) for k, v in _fit_stats(res).items()}
    if model == "lag":
        rho = cell(coefficients, "rho", "estimate")
        if transformation == "r":
            direct, indirect, total = (float(v) for v in res.sp_multipliers[spat])
        elif len(index) <= EXACT_IMPACTS_MAX_N:
            direct, indirect, total = exact_lag_multipliers(w, rho)
        else:
            direct = indirect = total = np.nan
        b = coefficients["estimate"].loc[list(x_names)]
        impacts = pd.DataFrame({"direct": b * direct, "indirect": b * indirect,
                                "total": b * total})
        impacts.index.name = None
    return RegressionResult(
        formula=formula,
        model=model,
        method=used,  # type: ignore[arg-type]
        y_name=y_name,
        x_names=x_names,
        n=len(index),
        coefficients=coefficients,
        fit=pd.Series(fit_stats, name="value", dtype=float).reindex(list(_FIT_NAMES)),
        diagnostics=diagnostics,
        impacts=impacts,
        residuals=pd.Series(np.ravel(res.u), index=index, name="residual"),
        fitted=pd.Series(np.ravel(res.predy), index=index, name="fitted"),
        weights_transform="" if w is None else transformation,
        covariance=covariance,
        w_lags=w_lags if (model == "lag" and method == "gm") else None,
    )
