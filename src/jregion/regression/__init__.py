"""Spatial regression over spreg: OLS with diagnostics, spatial lag and error models.

:func:`fit` reads a formula with formulaic (``"np.log(y) ~ x + C(region)"``), checks the
data (missing values are named, never dropped), aligns the weights to the rows and returns a
frozen :class:`RegressionResult` with a ``summary()``. :func:`compare_models` puts several
results side by side and exports the table to Markdown, LaTeX or HTML.
"""

from __future__ import annotations

from jregion.regression._compare import ModelComparison, compare_models
from jregion.regression._fit import fit
from jregion.regression._formula import FormulaError, parse_formula
from jregion.regression._result import RegressionResult

__all__ = [
    "FormulaError",
    "ModelComparison",
    "RegressionResult",
    "compare_models",
    "fit",
    "parse_formula",
]
