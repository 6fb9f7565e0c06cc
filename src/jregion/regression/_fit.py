"""fit: OLS with spatial diagnostics, and spatial lag and error models, over spreg."""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from jregion.errors import MissingValueError, UnmatchedKeyError
from jregion.regression._formula import FormulaError, parse_formula

if TYPE_CHECKING:
    from jregion.weights import GraphLike

__all__ = ["RegressionResult", "fit"]

Model = Literal["ols", "lag", "error"]
Method = Literal["ml", "gm"]

#: Largest n for exact impacts (dense inverse); above it spreg's series approximation is used.
EXACT_IMPACTS_MAX_N = 3000

_FIT_NAMES = ("r2", "adj_r2", "pseudo_r2", "log_likelihood", "aic", "schwarz", "sigma2")
_DIAG_COLUMNS = ["statistic", "df", "z", "p_value"]


@dataclass(frozen=True, eq=False)
class RegressionResult:
    """A fitted regression.

    Attributes
    ----------
    formula : str
        The formula as given.
    model : {"ols", "lag", "error"}
        The model.
    method : {"ols", "ml", "gm"}
        Estimation: least squares, maximum likelihood or generalised moments (spreg's
        ``GM_Lag``, spatial two-stage least squares with WX as instruments, and ``GM_Error``,
        Kelejian-Prucha's GM estimator, which gives no standard error for lambda).
    y_name : str
        Dependent variable.
    x_names : tuple of str
        Explanatory variables (the intercept ``const`` is always fitted).
    n : int
        Number of observations.
    coefficients : pandas.DataFrame
        Index ``term`` (``const``, the x names, then ``rho`` for the lag or ``lambda`` for the
        error model); columns ``estimate``, ``std_error``, ``statistic`` (t for OLS, z
        otherwise) and ``p_value`` (two-sided).
    fit : pandas.Series
        ``r2``, ``adj_r2`` (OLS), ``pseudo_r2`` (spatial models: squared correlation of y and
        spreg's predicted values), ``log_likelihood``, ``aic``, ``schwarz`` (OLS and ML),
        ``sigma2``; NaN where spreg does not define it.
    diagnostics : pandas.DataFrame
        For OLS with weights: ``LM error``, ``LM lag``, ``Robust LM error``, ``Robust LM lag``,
        ``LM SARMA`` (statistic, df, p_value; as spdep's ``lm.LMtests``/``lm.RStests``) and
        ``Moran's I (residuals)`` (statistic = I, z and p_value under normality). Empty
        otherwise.
    impacts : pandas.DataFrame or None
        Lag model: average ``direct``, ``indirect`` and ``total`` impact of each x (exact,
        from the trace of the inverse, for n up to 3000; spreg's power-series approximation
        above). None for other models.
    residuals : pandas.Series
        Residuals aligned to the input index (spreg's ``u``; for the lag model
        y - X b - rho W y).
    fitted : pandas.Series
        Predicted values aligned to the input index (spreg's ``predy``).
    weights_transform : str
        Transformation of the weights used (always ``"r"``, row-standardised), or ``""``
        without weights.
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


def _check_data(df: Any, y: str, xs: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"fit needs a DataFrame or GeoDataFrame, got {type(df).__name__}")
    if not df.index.is_unique:
        dup = list(df.index[df.index.duplicated()].unique()[:10])
        raise UnmatchedKeyError(f"the index has duplicate ids {dup}; one row per unit is needed")
    cols = [y, *xs]
    absent = [c for c in cols if c not in df.columns]
    if absent:
        raise FormulaError(
            f"columns {absent} are not in the data; available: {list(df.columns)[:20]}"
        )
    for c in cols:
        if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            raise TypeError(
                f"column {c!r} is not numeric (dtype {df[c].dtype}); convert it first, "
                f"for example with pd.to_numeric(df[{c!r}])"
            )
    values = df[cols].to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        parts = []
        for j, c in enumerate(cols):
            rows = list(df.index[bad[:, j]])
            if rows:
                more = "" if len(rows) <= 10 else f" and {len(rows) - 10} more"
                parts.append(f"{c!r} in rows {rows[:10]}{more}")
        raise MissingValueError(
            "missing or infinite values: " + "; ".join(parts) + ". Drop or fill these rows "
            "explicitly (and subset the weights to match) before fitting"
        )
    x = values[:, 1:]
    design = np.column_stack([np.ones(len(df)), x])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        raise ValueError(
            f"the explanatory variables {list(xs)} (with the intercept) are collinear; "
            "drop a redundant column"
        )
    return values[:, :1], x


def _spreg_weights(graph: GraphLike, index: pd.Index) -> Any:
    from jregion.weights import as_graph, check_connectivity

    g = as_graph(graph)
    ids = g.unique_ids
    extra, missing = ids.difference(index), index.difference(ids)
    if len(extra) or len(missing):
        raise UnmatchedKeyError(
            f"weights and data have different ids: {list(missing[:10])} only in the data, "
            f"{list(extra[:10])} only in the weights; build the weights from the same rows"
        )
    check_connectivity(g, stacklevel=4)
    w = g.subgraph(index).transform("r").to_W()
    w.transform = "r"
    return w


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


def _diagnostics(ols: Any) -> pd.DataFrame:
    rows = {
        "LM error": (ols.lm_error[0], 1.0, np.nan, ols.lm_error[1]),
        "LM lag": (ols.lm_lag[0], 1.0, np.nan, ols.lm_lag[1]),
        "Robust LM error": (ols.rlm_error[0], 1.0, np.nan, ols.rlm_error[1]),
        "Robust LM lag": (ols.rlm_lag[0], 1.0, np.nan, ols.rlm_lag[1]),
        "LM SARMA": (ols.lm_sarma[0], 2.0, np.nan, ols.lm_sarma[1]),
        "Moran's I (residuals)": (ols.moran_res[0], np.nan, ols.moran_res[1], ols.moran_res[2]),
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=_DIAG_COLUMNS, dtype=float)
    out.index.name = "test"
    return out


def _fit_stats(res: Any) -> pd.Series:
    get = {
        "r2": "r2", "adj_r2": "ar2", "pseudo_r2": "pr2", "log_likelihood": "logll",
        "aic": "aic", "schwarz": "schwarz", "sigma2": "sig2",
    }
    vals = {k: float(np.ravel(getattr(res, a))[0]) if hasattr(res, a) else np.nan
            for k, a in get.items()}
    return pd.Series(vals, name="value", dtype=float).reindex(list(_FIT_NAMES))


def fit(
    formula: str,
    gdf: pd.DataFrame,
    *,
    model: Model = "ols",
    method: Method = "ml",
    weights: GraphLike | None = None,
) -> RegressionResult:
    """Fit OLS, a spatial lag or a spatial error model with spreg.

    Weights are row-standardised for spreg (``graph.transform("r")``) and put in the order of
    the data's index, so rows and graph ids may come in any order but must be the same set.
    A graph with isolates or several components gets a
    :class:`~jregion.errors.DisconnectedGraphWarning`. The data are not modified.

    Parameters
    ----------
    formula : str
        ``"y ~ x1 + x2"``: column names joined by ``+`` (see :func:`parse_formula`). An
        intercept is always fitted.
    gdf : pandas.DataFrame or geopandas.GeoDataFrame
        The data, one row per unit.
    model : {"ols", "lag", "error"}
        OLS (with spatial diagnostics when ``weights`` is given), spatial lag (y = rho W y +
        X b + e) or spatial error (y = X b + u, u = lambda W u + e).
    method : {"ml", "gm"}
        For the lag and error models: maximum likelihood (``ML_Lag``, ``ML_Error`` with
        spreg's ``method="lu"``: sparse LU log-determinant, residuals computed directly) or
        generalised moments (``GM_Lag``, ``GM_Error``). Ignored for OLS. spreg's dense
        ``"full"`` objective forms e'e as y'y - y'X(X'X)^-1 X'y; its rounding noise on the flat
        error-model likelihood moved lambda by 2e-5 (relative) on the prefectures, while
        ``"lu"`` lands within 2e-7 of the maximum.
    weights : GraphLike, optional
        Spatial graph over the same ids as ``gdf.index``: a
        :class:`~jregion.weights.SparseGraph`, a libpysal Graph or W, or (scipy matrix, ids).
        Required for ``"lag"`` and ``"error"``.

    Returns
    -------
    RegressionResult
        Frozen result: coefficients, fit statistics, diagnostics, impacts, residuals.

    Raises
    ------
    FormulaError
        If the formula cannot be read or names absent columns.
    MissingValueError
        If a used column has missing or infinite values; the message names the rows.
    UnmatchedKeyError
        If the weights' ids differ from the data's index.
    TypeError
        If a used column is not numeric or ``weights`` is not a GraphLike.
    ValueError
        If the regressors are collinear, or ``model`` needs weights that are missing.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.regression import fit
    >>> from jregion.weights import build_weights
    >>> prefs = jregion.load_prefectures()
    >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
    ...                   lat=prefs.representative_point().y)
    >>> w = build_weights(prefs, links="japan")
    >>> ols = fit("log_area ~ lat", df, weights=w)
    >>> ols.diagnostics[["statistic", "p_value"]].round(3)
                           statistic  p_value
    test
    LM error                   2.104    0.147
    LM lag                     1.596    0.206
    Robust LM error            0.692    0.406
    Robust LM lag              0.184    0.668
    LM SARMA                   2.288    0.319
    Moran's I (residuals)      0.162    0.055
    >>> lag = fit("log_area ~ lat", df, model="lag", weights=w)
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
    y_name, x_names = parse_formula(formula)
    if model not in ("ols", "lag", "error"):
        raise ValueError(f"model must be 'ols', 'lag' or 'error', got {model!r}")
    if method not in ("ml", "gm"):
        raise ValueError(f"method must be 'ml' or 'gm', got {method!r}")
    if model != "ols" and weights is None:
        raise ValueError(f"model={model!r} needs weights=; build them with build_weights")
    y, x = _check_data(gdf, y_name, x_names)
    index = gdf.index
    w = None if weights is None else _spreg_weights(weights, index)
    import spreg
    from scipy.sparse import SparseEfficiencyWarning

    names = ["const", *x_names]
    kw: dict[str, Any] = {"name_y": y_name, "name_x": list(x_names)}
    impacts = None
    diagnostics = pd.DataFrame(columns=_DIAG_COLUMNS, dtype=float)
    diagnostics.index.name = "test"
    spat = "full" if len(index) <= EXACT_IMPACTS_MAX_N else "power"
    # spreg 1.9 prints the model's class name while it formats its summary: keep it quiet.
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        # scipy notes that its bounded scalar minimiser uses an absolute tolerance.
        warnings.filterwarnings("ignore", message="Method 'bounded' does not support relative")
        # spreg 1.9 formats its own output table with a pandas idiom pandas 3 deprecates.
        warnings.filterwarnings("ignore", message="The inplace keyword in DataFrame")
        # spreg's LU path hands scipy CSR matrices to splu/spsolve, which note the conversion.
        warnings.filterwarnings("ignore", category=SparseEfficiencyWarning)
        if model == "ols":
            res = spreg.OLS(y, x, w=w, spat_diag=w is not None, moran=w is not None, **kw)
            stats = res.t_stat
            if w is not None:
                diagnostics = _diagnostics(res)
            used = "ols"
        elif model == "lag":
            if method == "ml":
                res = spreg.ML_Lag(y, x, w, method="lu", spat_impacts=spat, **kw)
            else:
                res = spreg.GM_Lag(y, x, w=w, w_lags=1, spat_impacts=spat, **kw)
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
    coefficients = _table(res.betas, res.std_err, stats, names)
    if model == "lag":
        direct, indirect, total = res.sp_multipliers[spat]
        b = coefficients["estimate"].loc[list(x_names)]
        impacts = pd.DataFrame(
            {"direct": b * float(direct), "indirect": b * float(indirect),
             "total": b * float(total)}
        )
        impacts.index.name = None
    return RegressionResult(
        formula=formula,
        model=model,
        method=used,  # type: ignore[arg-type]
        y_name=y_name,
        x_names=x_names,
        n=len(index),
        coefficients=coefficients,
        fit=_fit_stats(res),
        diagnostics=diagnostics,
        impacts=impacts,
        residuals=pd.Series(np.ravel(res.u), index=index, name="residual"),
        fitted=pd.Series(np.ravel(res.predy), index=index, name="fitted"),
        weights_transform="" if w is None else "r",
    )
