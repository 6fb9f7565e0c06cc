"""Formulas through formulaic, with jregion's index and missing-value rules.

formulaic evaluates the formula (``np.log(x)``, ``I(x**2)``, ``C(region)``, ``a:b``,
``a*b``); this module decides what the data may be and what happens to bad rows: rows are
never dropped. A used variable or an evaluated column with missing or infinite values raises
:class:`~jregion.errors.MissingValueError`, naming the rows and counting them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion.errors import (
    ConstantValueError,
    FormulaError,
    MissingValueError,
    TooFewObservationsError,
)

__all__ = ["Design", "FormulaError", "design_matrices", "parse_formula"]

_INTERCEPT = "Intercept"


@dataclass(frozen=True, eq=False)
class Design:
    """The evaluated formula: y, the regressors (without the intercept) and their names."""

    y: pd.Series
    x: pd.DataFrame
    index: pd.Index
    positional: bool
    intercept: bool = True


def _formula(formula: Any) -> Any:
    from formulaic import Formula
    from formulaic.errors import FormulaicError

    if not isinstance(formula, str):
        raise FormulaError(f"formula must be a string such as 'y ~ x1 + x2', got {formula!r}")
    if formula.count("~") != 1:
        raise FormulaError(f"formula {formula!r} needs exactly one '~', as in 'y ~ x1 + x2'")
    try:
        parsed = Formula(formula)
    except FormulaicError as exc:
        raise FormulaError(f"cannot read formula {formula!r}: {exc}") from None
    return parsed


def parse_formula(formula: str) -> tuple[str, tuple[str, ...]]:
    """Split a formula into its dependent side and its right-hand terms, as formulaic reads it.

    The formula language is formulaic's (Wilkinson notation, as in R, patsy and statsmodels):
    ``np.log(x)``, ``I(x**2)``, ``C(region)``, ``a:b`` (interaction), ``a*b`` (``a + b +
    a:b``); names with spaces or symbols go in backticks. ``- 1`` (or ``+ 0``) removes the
    intercept, which :func:`fit` allows for OLS only.

    Parameters
    ----------
    formula : str
        The formula.

    Returns
    -------
    tuple
        The dependent side (a column name or an expression) and the right-hand terms in
        formulaic's order (the intercept left out).

    Raises
    ------
    FormulaError
        If the formula cannot be read, has no single ``~``, no explanatory term or uses the
        dependent among the regressors.

    Examples
    --------
    >>> from jregion.regression import parse_formula
    >>> parse_formula("np.log(emp) ~ share + I(share**2) + C(region) + `log dist`")
    ('np.log(emp)', ('share', 'I(share ** 2)', 'C(region)', 'log dist'))
    """
    parsed = _formula(formula)
    lhs = [str(t) for t in parsed.lhs]
    rhs = [str(t) for t in parsed.rhs]
    if len(lhs) != 1:
        raise FormulaError(f"formula {formula!r} needs one dependent variable, got {lhs}")
    terms = [t for t in rhs if t != "1"]
    if not terms:
        raise FormulaError(f"formula {formula!r} has no explanatory variable")
    if lhs[0] in terms:
        raise FormulaError(f"formula {formula!r} uses {lhs[0]!r} on both sides")
    return lhs[0].strip("`"), tuple(t.strip("`") for t in terms)


def _as_frame(data: Any) -> tuple[pd.DataFrame, bool]:
    """Return the DataFrame as given (not copied), or a positional one built from arrays."""
    if isinstance(data, pd.DataFrame):
        return data, False
    if isinstance(data, Mapping):
        cols: dict[str, Any] = {}
        lengths: dict[str, int] = {}
        for k, v in data.items():
            arr = np.asarray(v)
            if arr.ndim != 1:
                raise TypeError(
                    f"data[{k!r}] has shape {arr.shape}; give each variable as a 1-D array or "
                    "list (split a matrix into named columns)"
                )
            cols[str(k)] = arr
            lengths[str(k)] = len(arr)
        if len(set(lengths.values())) > 1:
            raise ValueError(f"the arrays in data have different lengths: {lengths}")
        return pd.DataFrame(cols), True
    raise TypeError(
        f"fit needs a DataFrame, a GeoDataFrame or a dict of equal-length arrays or lists, got "
        f"{type(data).__name__}"
    )


def _rows(index: pd.Index, mask: np.ndarray) -> str:
    rows = list(index[mask])
    more = "" if len(rows) <= 10 else f" and {len(rows) - 10} more"
    return f"{rows[:10]}{more}"


def _refuse_missing(frame: pd.DataFrame, what: str) -> None:
    """Raise MissingValueError naming each column's bad rows and counting the rows."""
    bad_any = np.zeros(len(frame), dtype=bool)
    parts = []
    for c in frame.columns:
        col = frame[c]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            with np.errstate(invalid="ignore"):
                bad = ~np.isfinite(col.to_numpy(dtype=float, na_value=np.nan))
        else:
            bad = col.isna().to_numpy()
        if bad.any():
            bad_any |= bad
            parts.append(f"{c!r} in rows {_rows(frame.index, bad)}")
    if parts:
        raise MissingValueError(
            f"{int(bad_any.sum())} of {len(frame)} rows have missing or infinite {what}: "
            + "; ".join(parts) + ". No row is dropped silently: drop or fill these rows "
            "explicitly (and subset the weights to match) before fitting"
        )


def design_matrices(formula: str, data: Any) -> Design:
    """Evaluate ``formula`` on ``data`` with formulaic; refuse missing values and bad designs.

    Parameters
    ----------
    formula : str
        See :func:`parse_formula`.
    data : pandas.DataFrame or mapping of str to array-like
        One row per unit. A mapping of 1-D arrays or lists gets positional ids 0..n-1.

    Returns
    -------
    Design
        ``y`` and ``x`` (no intercept column: spreg adds it) indexed like ``data``, and
        whether the formula keeps the intercept.

    Raises
    ------
    FormulaError, MissingValueError, ConstantValueError, TooFewObservationsError, TypeError,
    ValueError
        As described in :func:`jregion.regression.fit`.
    """
    from formulaic import model_matrix
    from formulaic.errors import FormulaicError

    y_expr, _ = parse_formula(formula)
    parsed = _formula(formula)
    df, positional = _as_frame(data)
    check_unique(df.index, what="the data", kind="ids",
                 fix="one row per unit is needed (aggregate or drop the repeated rows)")
    used = sorted(str(v) for v in parsed.required_variables if str(v) in df.columns)
    absent = sorted(str(v) for v in parsed.required_variables
                    if str(v) not in df.columns and not _is_module(str(v)))
    if absent:
        raise FormulaError(
            f"{formula!r} uses {absent}, which are not columns of the data; available: "
            f"{[str(c) for c in df.columns][:20]}"
        )
    _refuse_missing(df[used], "values in the variables used")
    for v in sorted(str(v) for v in parsed.lhs.required_variables if str(v) in df.columns):
        col = df[v]
        if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            raise TypeError(
                f"the dependent variable {v!r} is not numeric (dtype {col.dtype}); it must be "
                f"one numeric variable: convert it first, e.g. pd.to_numeric(df[{v!r}])"
            )
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            mm = model_matrix(parsed, df, na_action="ignore")
    except FormulaicError as exc:
        raise FormulaError(f"cannot evaluate {formula!r} on the data: {exc}") from None
    lhs, rhs = mm.lhs, mm.rhs
    if lhs.shape[1] != 1:
        raise TypeError(
            f"the dependent side {y_expr!r} gives {lhs.shape[1]} columns {list(lhs.columns)}; "
            "it must be one numeric variable (convert it with pd.to_numeric first)"
        )
    y = pd.Series(np.asarray(lhs.iloc[:, 0], dtype=float), index=df.index, name=y_expr)
    x = pd.DataFrame(np.asarray(rhs, dtype=float), index=df.index,
                     columns=[str(c) for c in rhs.columns])
    _refuse_missing(pd.concat([y.to_frame(), x], axis=1), "values after evaluating the formula")
    intercept = _INTERCEPT in x.columns
    x = x.drop(columns=[_INTERCEPT] if intercept else [])
    n, k = len(x), x.shape[1] + intercept
    if x.shape[1] == 0:
        raise FormulaError(f"formula {formula!r} gives no explanatory column on these data")
    if n <= k:
        raise TooFewObservationsError(
            f"too few observations: n = {n} rows for k = {k} parameters "
            f"({'the intercept and ' if intercept else ''}{list(x.columns)}); least squares "
            "needs n > k. Use more rows or fewer terms"
        )
    if float(np.ptp(y.to_numpy())) == 0.0:
        raise ConstantValueError(
            f"the dependent variable {y_expr!r} is constant ({float(y.iloc[0])!r} in all {n} "
            "rows); "
            "a regression needs variation in y"
        )
    design = np.column_stack([np.ones(n), x.to_numpy()]) if intercept else x.to_numpy()
    if np.linalg.matrix_rank(design) < design.shape[1]:
        const = [c for c in x.columns if intercept and float(np.ptp(x[c].to_numpy())) == 0.0]
        hint = (f"{const} are constant (collinear with the intercept; for an unused level of a "
                "categorical, drop it with .cat.remove_unused_categories())" if const
                else f"the explanatory columns {list(x.columns)}"
                f"{' (with the intercept)' if intercept else ''} are "
                "collinear")
        raise ValueError(f"{hint}; drop a redundant column")
    return Design(y=y, x=x, index=df.index, positional=positional, intercept=intercept)


def _is_module(name: str) -> bool:
    return name in {"np", "numpy", "pd", "pandas", "math"}
