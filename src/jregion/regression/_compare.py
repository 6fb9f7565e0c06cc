"""compare_models: several regressions side by side, exported to Markdown, LaTeX or HTML."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from jregion._display import ResultDisplay
from jregion.regression._result import RegressionResult, cell

__all__ = ["ModelComparison", "compare_models"]

_FIT_ROWS = [
    ("n", "n"), ("r2", "R²"), ("adj_r2", "Adjusted R²"), ("pseudo_r2", "Pseudo R²"),
    ("log_likelihood", "Log-likelihood"), ("aic", "AIC"), ("schwarz", "Schwarz (BIC)"),
]
_LATEX_FIT = {"R²": "$R^2$", "Adjusted R²": "Adjusted $R^2$", "Pseudo R²": "Pseudo $R^2$"}
_NOTE = "Standard errors in parentheses. * p < 0.1, ** p < 0.05, *** p < 0.01 (two-sided)."
_NOTE_PLAIN = "Standard errors in parentheses."
_NOTE_DIAG = " Diagnostics: statistic [p-value]."
#: Diagnostics rows offered by the exports, in this order (OLS only).
DIAGNOSTICS = ("F test", "Jarque-Bera", "Breusch-Pagan", "Koenker-Bassett", "White",
               "Condition number", "LM error", "LM lag", "Robust LM error", "Robust LM lag",
               "LM SARMA", "Moran's I (residuals)")


def _stars(p: float) -> str:
    if math.isnan(p):
        return ""
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.1 else ""


def _latex_escape(text: str) -> str:
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                 ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\~{}"),
                 ("^", r"\^{}")):
        text = text.replace(a, b)
    return text


def _note(stars: bool, diagnostics: bool) -> str:
    return (_NOTE if stars else _NOTE_PLAIN) + (_NOTE_DIAG if diagnostics else "")


@dataclass(frozen=True, eq=False, repr=False)
class ModelComparison(ResultDisplay):
    """Several fitted models side by side.

    Attributes
    ----------
    table : pandas.DataFrame
        Rows indexed by (``term``, ``statistic``): for each coefficient ``estimate``,
        ``std_error`` and ``p_value``; then fit statistics (``n``, ``r2``, ``adj_r2``,
        ``pseudo_r2``, ``log_likelihood``, ``aic``, ``schwarz``) with statistic ``value``;
        then, for each OLS diagnostic any model has (``LM error``, ``White``...),
        ``statistic`` and ``p_value``. One column per model, NaN where a model lacks the term
        or statistic.
    """

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the numeric table (a copy).

        Returns
        -------
        pandas.DataFrame
            See :attr:`table`.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import compare_models, fit
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> compare_models([fit("log_area ~ lat", df)]).to_frame().loc["lat"].round(3)
        model        OLS
        statistic
        estimate   0.135
        std_error  0.028
        p_value    0.000
        """
        return self.table.copy()

    def _cells(self, digits: int, stars: bool = True,
               diagnostics: bool = False) -> tuple[list[str], list[list[str]], int]:
        """Header, body rows, and the index of the first fit row."""
        t = self.table
        arr = t.to_numpy(dtype=float)
        pos = {key: i for i, key in enumerate(t.index)}
        terms = list(dict.fromkeys(t.index.get_level_values("term")))
        skip = {k for k, _ in _FIT_ROWS} | set(DIAGNOSTICS)
        rows: list[list[str]] = []
        for term in terms:
            if term in skip:
                continue
            est, se, p = (arr[pos[(term, s)]] for s in ("estimate", "std_error", "p_value"))
            rows.append([term] + [
                "" if math.isnan(e) else f"{e:.{digits}f}{_stars(q) if stars else ''}"
                for e, q in zip(est, p, strict=True)
            ])
            rows.append([""] + ["" if math.isnan(v) else f"({v:.{digits}f})" for v in se])
        first_fit = len(rows)
        for key, label in _FIT_ROWS:
            vals = arr[pos[(key, "value")]]
            if all(math.isnan(v) for v in vals):
                continue
            fmt = "{:.0f}" if key == "n" else f"{{:.{digits}f}}"
            rows.append([label] + ["" if math.isnan(v) else fmt.format(v) for v in vals])
        if diagnostics:
            for test in DIAGNOSTICS:
                if (test, "statistic") not in pos:
                    continue
                stat, p = arr[pos[(test, "statistic")]], arr[pos[(test, "p_value")]]
                rows.append([test] + [
                    "" if math.isnan(v) else f"{v:.{digits}f}"
                    + ("" if math.isnan(q) else f" [{q:.{digits}f}]")
                    for v, q in zip(stat, p, strict=True)
                ])
        return [str(c) for c in t.columns], rows, first_fit

    def to_markdown(self, *, digits: int = 3, stars: bool = True,
                    diagnostics: bool = False) -> str:
        """Return a Markdown (pipe) table: estimates with stars, standard errors below.

        Parameters
        ----------
        digits : int
            Decimals shown.
        stars : bool
            Mark estimates with * p < 0.1, ** p < 0.05, *** p < 0.01.
        diagnostics : bool
            Add the OLS diagnostics rows (statistic [p-value]) below the fit statistics.

        Returns
        -------
        str
            The table and a note on stars and parentheses.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import compare_models, fit
        >>> from jregion.weights import build_weights
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> w = build_weights(prefs, links="japan")
        >>> models = [fit("log_area ~ lat", df, weights=w),
        ...           fit("log_area ~ lat", df, model="lag", weights=w),
        ...           fit("log_area ~ lat", df, model="error", weights=w)]
        >>> print(compare_models(models).to_markdown(digits=2))
        | | OLS | Lag (ML) | Error (ML) |
        |---|---:|---:|---:|
        | const | 3.92*** | 2.61** | 3.45*** |
        | | (1.00) | (1.26) | (1.17) |
        | lat | 0.13*** | 0.12*** | 0.15*** |
        | | (0.03) | (0.03) | (0.03) |
        | rho | | 0.20 | |
        | | | (0.17) | |
        | lambda | | | 0.26 |
        | | | | (0.17) |
        | n | 47 | 47 | 47 |
        | R² | 0.33 | | |
        | Adjusted R² | 0.32 | | |
        | Pseudo R² | | 0.36 | 0.33 |
        | Log-likelihood | -36.68 | -35.97 | -35.66 |
        | AIC | 77.37 | 77.94 | 75.32 |
        | Schwarz (BIC) | 81.07 | 83.49 | 79.02 |
        <BLANKLINE>
        Standard errors in parentheses. * p < 0.1, ** p < 0.05, *** p < 0.01 (two-sided).
        """
        header, rows, _ = self._cells(digits, stars, diagnostics)

        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        out = [line(["", *header]), "|---|" + "---:|" * len(header)]
        out += [line(r) for r in rows]
        return "\n".join(out) + "\n\n" + _note(stars, diagnostics)

    def to_latex(self, *, digits: int = 3, caption: str | None = None,
                 label: str | None = None, stars: bool = True,
                 diagnostics: bool = False) -> str:
        r"""Return a LaTeX ``table`` with a ``tabular`` (needs ``\usepackage{booktabs}``).

        Parameters
        ----------
        digits : int
            Decimals shown.
        caption : str, optional
            Caption text (escaped).
        label : str, optional
            Label for ``\ref`` (not escaped).
        stars : bool
            Mark estimates with significance stars.
        diagnostics : bool
            Add the OLS diagnostics rows (after a rule).

        Returns
        -------
        str
            The LaTeX source.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import compare_models, fit
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> tex = compare_models([fit("log_area ~ lat", df)]).to_latex(digits=2)
        >>> print(tex.splitlines()[3])
        \begin{tabular}{lr}
        >>> print(tex.splitlines()[7])
        const & 3.92$^{***}$ \\
        """
        header, rows, first_fit = self._cells(digits, stars, diagnostics)
        lines = [r"\begin{table}[htbp]", r"\centering"]
        if caption:
            lines.append(r"\caption{" + _latex_escape(caption) + "}")
        else:
            lines.append("% no caption")
        lines += [r"\begin{tabular}{l" + "r" * len(header) + "}", r"\toprule",
                  " & ".join(["", *(_latex_escape(h) for h in header)]) + r" \\",
                  r"\midrule"]
        diag_labels = set(DIAGNOSTICS)
        diag_done = False
        for i, r in enumerate(rows):
            if i == first_fit:
                lines.append(r"\midrule")
            if r[0] in diag_labels and not diag_done:
                lines.append(r"\midrule")
                diag_done = True
            first = _LATEX_FIT.get(r[0], _latex_escape(r[0]))
            cells = [c.replace("***", "$^{***}$", 1) if c.endswith("***")
                     else c.replace("**", "$^{**}$", 1) if c.endswith("**")
                     else c.replace("*", "$^{*}$", 1) if c.endswith("*") else c for c in r[1:]]
            lines.append(" & ".join([first, *cells]) + r" \\")
        lines += [r"\bottomrule", r"\end{tabular}",
                  r"\par\smallskip\footnotesize " + _latex_escape(_note(stars, diagnostics))]
        if label:
            lines.append(r"\label{" + label + "}")
        lines.append(r"\end{table}")
        return "\n".join(lines) + "\n"

    def to_html(self, *, digits: int = 3, stars: bool = True, diagnostics: bool = False) -> str:
        """Return an HTML ``<table>`` (escaped), with the note as its caption.

        Parameters
        ----------
        digits : int
            Decimals shown.
        stars : bool
            Mark estimates with significance stars.
        diagnostics : bool
            Add the OLS diagnostics rows.

        Returns
        -------
        str
            The HTML; what a notebook shows for a ModelComparison.

        Examples
        --------
        >>> import numpy as np
        >>> import jregion
        >>> from jregion.regression import compare_models, fit
        >>> prefs = jregion.load_prefectures()
        >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
        ...                   lat=prefs.representative_point().y)
        >>> page = compare_models([fit("log_area ~ lat", df)]).to_html(digits=2)
        >>> "<td>0.13***</td>" in page
        True
        """
        header, rows, first_fit = self._cells(digits, stars, diagnostics)
        esc = html.escape
        out = ["<table class='jregion-models'>",
               f"<caption style='caption-side:bottom'>{esc(_note(stars, diagnostics))}</caption>",
               "<thead><tr><th></th>" + "".join(f"<th>{esc(h)}</th>" for h in header)
               + "</tr></thead><tbody>"]
        for i, r in enumerate(rows):
            style = " style='border-top:1px solid'" if i == first_fit else ""
            out.append(f"<tr{style}><th style='text-align:left'>{esc(r[0])}</th>"
                       + "".join(f"<td>{esc(c)}</td>" for c in r[1:]) + "</tr>")
        out.append("</tbody></table>")
        return "".join(out)

    def _repr_html_(self) -> str:
        return self.to_html(diagnostics=True)

    def __repr__(self) -> str:
        return f"ModelComparison(models={list(self.table.columns)})"


def compare_models(
    results: Sequence[RegressionResult], *, names: Sequence[str] | None = None
) -> ModelComparison:
    """Put fitted models side by side: coefficients, standard errors, p-values, fit.

    Parameters
    ----------
    results : sequence of RegressionResult
        Models from :func:`fit`, in column order.
    names : sequence of str, optional
        Column names; default each model's label (``"OLS"``, ``"Lag (ML)"``...), numbered
        when repeated.

    Returns
    -------
    ModelComparison
        ``to_frame()`` for numbers; ``to_markdown()``, ``to_latex()`` and ``to_html()`` for
        papers (stars and diagnostics rows optional).

    Raises
    ------
    TypeError
        If an item is not a RegressionResult.
    ValueError
        If there are no results, or ``names`` has the wrong length or repeats a name.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.regression import compare_models, fit
    >>> prefs = jregion.load_prefectures()
    >>> df = prefs.assign(log_area=np.log(prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6),
    ...                   lat=prefs.representative_point().y)
    >>> table = compare_models([fit("log_area ~ lat", df)], names=["area"]).to_frame()
    >>> round(float(table.loc[("lat", "estimate"), "area"]), 3)
    0.135
    """
    results = list(results)
    if not results:
        raise ValueError("compare_models needs at least one RegressionResult")
    bad = [type(r).__name__ for r in results if not isinstance(r, RegressionResult)]
    if bad:
        raise TypeError(f"compare_models takes results of jregion.regression.fit, got {bad}")
    if names is None:
        labels = [r.label for r in results]
        cols = [lab if labels.count(lab) == 1 else f"{lab} [{labels[:i + 1].count(lab)}]"
                for i, lab in enumerate(labels)]
    else:
        cols = [str(n) for n in names]
        if len(cols) != len(results):
            raise ValueError(f"names has {len(cols)} entries for {len(results)} results")
        if len(set(cols)) != len(cols):
            raise ValueError(f"names repeat: {cols}")
    terms: list[str] = []
    for r in results:
        terms += [t for t in r.coefficients.index if t not in terms]
    spatial: list[str] = [t for t in ("rho", "lambda") if t in terms]
    terms = [t for t in terms if t not in spatial] + spatial
    index = [(t, s) for t in terms for s in ("estimate", "std_error", "p_value")]
    index += [(k, "value") for k, _ in _FIT_ROWS]
    tests = [t for t in DIAGNOSTICS if any(t in r.diagnostics.index for r in results)]
    index += [(t, s) for t in tests for s in ("statistic", "p_value")]
    table = pd.DataFrame(index=pd.MultiIndex.from_tuples(index, names=["term", "statistic"]),
                         columns=pd.Index(cols, name="model"), dtype=float)
    for col, r in zip(cols, results, strict=True):
        c = r.coefficients
        for t in c.index:
            table.loc[(t, "estimate"), col] = c.loc[t, "estimate"]
            table.loc[(t, "std_error"), col] = c.loc[t, "std_error"]
            table.loc[(t, "p_value"), col] = c.loc[t, "p_value"]
        table.loc[("n", "value"), col] = float(r.n)
        for k, _ in _FIT_ROWS[1:]:
            table.loc[(k, "value"), col] = r.fit[k]
        for t in tests:
            if t in r.diagnostics.index:
                table.loc[(t, "statistic"), col] = cell(r.diagnostics, t, "statistic")
                table.loc[(t, "p_value"), col] = cell(r.diagnostics, t, "p_value")
    return ModelComparison(table=table)
