"""Short ``repr`` and notebook HTML for jregion's frozen result dataclasses.

A result class inherits :class:`ResultDisplay` and is declared with
``@dataclass(frozen=True, repr=False)`` (otherwise the dataclass writes its own long repr):

- ``repr(result)`` is one line: scalar fields with their values, and pandas or numpy fields
  by shape only (``residuals=<Series: 47>``), so printing a result never dumps its arrays;
- ``result._repr_html_()`` (what Jupyter shows) is the scalar fields and ``to_frame()`` as
  HTML tables, long frames cut to their first and last rows.

Classes with a better text form (RegressionResult's ``summary()``) override either method.
"""

from __future__ import annotations

import dataclasses
import html
import math
from typing import Any, ClassVar

import numpy as np
import pandas as pd

__all__ = ["ResultDisplay", "format_value"]

#: Rows of ``to_frame()`` shown in HTML before pandas elides the middle.
HTML_MAX_ROWS = 20


def format_value(value: Any) -> str:
    """One short text form of a field value: numbers to 4 significant digits, arrays by shape."""
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame: {value.shape[0]} x {value.shape[1]}>"
    if isinstance(value, pd.Series):
        return f"<Series: {len(value)}>"
    if isinstance(value, np.ndarray):
        return f"<ndarray: {' x '.join(str(s) for s in value.shape)}>"
    if isinstance(value, bool | np.bool_) or value is None:
        return str(value)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        v = float(value)
        return str(v) if math.isnan(v) or math.isinf(v) else f"{v:.4g}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    if isinstance(value, tuple | list) and len(value) > 6:
        return f"<{type(value).__name__}: {len(value)}>"
    if dataclasses.is_dataclass(value) or isinstance(value, dict):
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= 40 else f"<{type(value).__name__}>"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, int | float | str | bool | np.integer | np.floating | np.bool_)


class ResultDisplay:
    """Mixin: a one-line ``__repr__`` and a ``_repr_html_`` table for result dataclasses.

    A subclass sets ``_display_frame = False`` when its ``to_frame()`` is not worth showing
    (a global statistic whose frame is the 47-row scatter behind it).
    """

    _display_frame: ClassVar[bool] = True

    def _display_fields(self) -> list[tuple[str, Any]]:
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)  # type: ignore[arg-type]
                if f.repr]

    def __repr__(self) -> str:
        parts = [f"{name}={format_value(v)}" for name, v in self._display_fields()]
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
            f"<td style='text-align:left'>{html.escape(format_value(v))}</td></tr>"
            for name, v in self._display_fields() if _is_scalar(v)
        )
        out = [f"<div class='jregion-result'><strong>{html.escape(type(self).__name__)}"
               "</strong>"]
        if rows:
            out.append(f"<table>{rows}</table>")
        to_frame = getattr(self, "to_frame", None)
        if self._display_frame and callable(to_frame):
            frame = to_frame()
            if isinstance(frame, pd.Series):
                frame = frame.to_frame()
            out.append(frame.to_html(max_rows=HTML_MAX_ROWS, float_format=lambda v: f"{v:.4g}",
                                     border=0))
        out.append("</div>")
        return "".join(out)
