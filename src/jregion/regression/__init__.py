"""Spatial regression over spreg: OLS with spatial diagnostics, lag and error models.

:func:`fit` reads a small formula (``"y ~ x1 + x2"``), checks the data (missing values are
named, never dropped), aligns the weights to the rows and returns a frozen
:class:`RegressionResult`. :func:`compare_models` puts several results side by side and
exports the table to Markdown or LaTeX.
"""

from __future__ import annotations

from jregion.regression._compare import ModelComparison, compare_models
from jregion.regression._fit import RegressionResult, fit
from jregion.regression._formula import FormulaError, parse_formula

__all__ = [
    "FormulaError",
    "ModelComparison",
    "RegressionResult",
    "compare_models",
    "fit",
    "parse_formula",
]
