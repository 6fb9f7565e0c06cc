"""A small formula parser: ``"y ~ x1 + x2"`` and nothing more."""

from __future__ import annotations

import re

from jregion.errors import FormulaError

__all__ = ["FormulaError", "parse_formula"]

_TERM = re.compile(r"^\s*(?:`([^`]+)`|([^`~+\-*/:^()]+?))\s*$")


def _name(part: str, formula: str) -> str:
    m = _TERM.match(part)
    if not m:
        raise FormulaError(
            f"cannot read term {part.strip()!r} in {formula!r}: only column names joined by "
            "'+' are understood (quote odd names in backticks). Compute transformed columns "
            "first, for example gdf.assign(log_x=np.log(gdf['x']))"
        )
    name = (m.group(1) or m.group(2) or "").strip()
    if not name:
        raise FormulaError(f"empty term in {formula!r}")
    return name


def _split_plus(rhs: str) -> list[str]:
    """Split on '+' outside backticks."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in rhs:
        if ch == "`":
            quoted = not quoted
        if ch == "+" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parse_formula(formula: str) -> tuple[str, tuple[str, ...]]:
    """Split ``"y ~ x1 + x2"`` into the dependent and the explanatory column names.

    Terms are column names separated by ``+``; names with spaces or symbols go in backticks
    (```log area```). An intercept is always fitted (spreg adds it), so ``1`` is accepted and
    ignored, and ``0`` or ``- 1`` are refused. Interactions, powers and functions are refused:
    compute the column first.

    Parameters
    ----------
    formula : str
        The formula.

    Returns
    -------
    tuple
        The dependent name and a tuple of explanatory names, in formula order.

    Raises
    ------
    FormulaError
        If the formula has no single ``~``, no explanatory term, a repeated term, the
        dependent among the regressors, or anything but names and ``+``.

    Examples
    --------
    >>> from jregion.regression import parse_formula
    >>> parse_formula("log_area ~ lat + `log dist`")
    ('log_area', ('lat', 'log dist'))
    """
    if not isinstance(formula, str):
        raise FormulaError(f"formula must be a string such as 'y ~ x1 + x2', got {formula!r}")
    sides = formula.split("~")
    if len(sides) != 2:
        raise FormulaError(f"formula {formula!r} needs exactly one '~', as in 'y ~ x1 + x2'")
    lhs, rhs = sides
    y = _name(lhs, formula)
    if re.search(r"-\s*1\s*$", rhs):
        raise FormulaError(
            f"{formula!r} removes the intercept; spreg always fits one, so remove '0'/'-1'"
        )
    terms = _split_plus(rhs)
    xs: list[str] = []
    for part in terms:
        stripped = part.strip()
        if stripped == "1":
            continue
        if stripped == "0" or re.fullmatch(r"-\s*1", stripped):
            raise FormulaError(
                f"{formula!r} removes the intercept; spreg always fits one, so remove '0'/'-1'"
            )
        xs.append(_name(part, formula))
    if not xs:
        raise FormulaError(f"formula {formula!r} has no explanatory variable")
    dup = sorted({x for x in xs if xs.count(x) > 1})
    if dup:
        raise FormulaError(f"formula {formula!r} repeats {dup}; give each column once")
    if y in xs:
        raise FormulaError(f"formula {formula!r} uses {y!r} on both sides")
    return y, tuple(xs)
