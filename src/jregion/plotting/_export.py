"""Reproducible figure export: Type 42 fonts, fixed SVG hash salt, no time stamps."""

from __future__ import annotations

import io
import os
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jregion._optional import import_optional
from jregion.plotting._fonts import FONT_FAMILY, register_japanese_font
from jregion.plotting._styles import PlotOptionError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["save_figure"]

ExportFormat = Literal["pdf", "svg", "png", "eps"]

_METADATA: dict[str, dict[str, Any]] = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None, "Format": None, "Type": None},
    "png": {"Software": None},
    "eps": {"Creator": "jregion"},
}


def save_figure(
    fig: Figure,
    path: str | PathLike[str],
    *,
    format: ExportFormat | None = None,
    dpi: float = 300.0,
) -> Path:
    """Save a figure so that two runs give byte-identical files.

    PDF and EPS embed fonts as TrueType (Type 42, accepted by journals that
    reject Type 3). SVG draws text as paths with a fixed hash salt. Creation
    dates and software names are stripped from every format.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or os.PathLike
        Output file. Its suffix sets the format unless ``format`` is given.
    format : {"pdf", "svg", "png", "eps"}, optional
        Output format.
    dpi : float, default 300
        Resolution of raster output (PNG, and images inside PDF/SVG/EPS).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    PlotOptionError
        For a format other than pdf, svg, png or eps.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import jregion
    >>> from jregion.plotting import plot_choropleth, save_figure
    >>> prefs = jregion.load_prefectures()
    >>> prefs["area"] = prefs.to_crs(jregion.EQUAL_AREA_CRS).area
    >>> fig, ax = plot_choropleth(prefs, "area", k=4)
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "area.pdf"
    >>> save_figure(fig, out).read_bytes()[:5]
    b'%PDF-'
    """
    out = Path(path)
    fmt = format or out.suffix.lstrip(".").lower()
    if fmt not in _METADATA:
        raise PlotOptionError(
            f"cannot save {out.name!r} as {fmt!r}; use a .pdf, .svg, .png or .eps file name "
            "(or format=)"
        )
    register_japanese_font()
    mpl = import_optional("matplotlib")
    rc = {
        "font.family": FONT_FAMILY,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "jregion",
        "path.simplify": True,
    }
    buffer = io.BytesIO()  # a buffer, not the path: EPS would record the file name
    with mpl.rc_context(rc):
        if fmt == "eps":
            # EPS stamps the time unless SOURCE_DATE_EPOCH is set; fix it to 0 for this call
            previous = os.environ.get("SOURCE_DATE_EPOCH")
            os.environ["SOURCE_DATE_EPOCH"] = "0"
            try:
                fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            finally:
                if previous is None:
                    del os.environ["SOURCE_DATE_EPOCH"]
                else:
                    os.environ["SOURCE_DATE_EPOCH"] = previous
        else:
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    out.write_bytes(buffer.getvalue())
    return out
