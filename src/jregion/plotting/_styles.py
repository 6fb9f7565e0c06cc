"""Figure presets, print-safe palettes and the rc settings every plot runs under."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from jregion._optional import import_optional
from jregion.errors import PlotOptionError
from jregion.plotting._fonts import FONT_FAMILY, register_japanese_font

__all__ = [
    "DEFAULT_CMAP",
    "OKABE_ITO",
    "PRESETS",
    "PlotOptionError",
    "Preset",
    "PresetName",
    "class_colors",
    "get_preset",
    "style_context",
]

MM_PER_INCH: Final = 25.4

PresetName = Literal["journal-single", "journal-double", "slide"]


@dataclass(frozen=True)
class Preset:
    """Size and type settings of a figure preset.

    Attributes
    ----------
    name : str
        Preset name.
    width_mm, height_mm : float
        Figure size in millimetres.
    font_size : float
        Base font size in points (labels are smaller, titles larger).
    line_width : float
        Boundary line width in points.
    """

    name: str
    width_mm: float
    height_mm: float
    font_size: float
    line_width: float

    @property
    def figsize(self) -> tuple[float, float]:
        """Figure size in inches, for ``matplotlib.pyplot.figure``."""
        return (self.width_mm / MM_PER_INCH, self.height_mm / MM_PER_INCH)


#: Built-in presets: one journal column (85 mm), two columns (170 mm), a 16:9 slide.
PRESETS: Final[dict[str, Preset]] = {
    "journal-single": Preset("journal-single", 85.0, 90.0, 7.0, 0.3),
    "journal-double": Preset("journal-double", 170.0, 130.0, 8.0, 0.4),
    "slide": Preset("slide", 254.0, 142.875, 14.0, 0.6),
}

#: Default sequential colour map: ColorBrewer YlGnBu, safe for colour-blind
#: readers and monotonic in lightness, so it also survives grayscale printing.
DEFAULT_CMAP: Final = "YlGnBu"

#: Okabe-Ito qualitative palette (colour-blind safe), for categories.
OKABE_ITO: Final[tuple[str, ...]] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)


def get_preset(preset: str | Preset) -> Preset:
    """Return a preset by name (or pass a :class:`Preset` through).

    Parameters
    ----------
    preset : str or Preset
        ``"journal-single"``, ``"journal-double"`` or ``"slide"``.

    Returns
    -------
    Preset
        The preset.

    Raises
    ------
    PlotOptionError
        For an unknown name.

    Examples
    --------
    >>> from jregion.plotting import get_preset
    >>> p = get_preset("journal-single")
    >>> p.width_mm, round(p.figsize[0], 3)
    (85.0, 3.346)
    """
    if isinstance(preset, Preset):
        return preset
    if preset not in PRESETS:
        raise PlotOptionError(
            f"unknown preset {preset!r}; use one of {', '.join(map(repr, PRESETS))} "
            "or pass a jregion.plotting.Preset"
        )
    return PRESETS[preset]


def class_colors(n: int, *, cmap: str = DEFAULT_CMAP, grayscale: bool = False) -> list[str]:
    """Colours for ``n`` ordered classes, light to dark.

    Parameters
    ----------
    n : int
        Number of classes.
    cmap : str, default "YlGnBu"
        A matplotlib colour map name. Ignored when ``grayscale`` is true.
    grayscale : bool, default False
        Use a gray ramp (light gray to near black) for black-and-white print.

    Returns
    -------
    list of str
        Hex colours.

    Examples
    --------
    >>> from jregion.plotting import class_colors
    >>> class_colors(3, grayscale=True)
    ['#e0e0e0', '#8f8f8f', '#3d3d3d']
    """
    mpl = import_optional("matplotlib")
    colors = import_optional("matplotlib.colors")
    if grayscale:
        levels = np.linspace(0.88, 0.24, n) if n > 1 else np.array([0.56])
        return [colors.to_hex((v, v, v)) for v in levels]
    try:
        ramp = mpl.colormaps[cmap]
    except KeyError:
        raise PlotOptionError(
            f"unknown colour map {cmap!r}; use a matplotlib colour map name such as 'YlGnBu'"
        ) from None
    stops = np.linspace(0.15, 0.95, n) if n > 1 else np.array([0.6])
    return [colors.to_hex(ramp(s)) for s in stops]


def rc_settings(preset: Preset) -> dict[str, Any]:
    """Return the matplotlib rc settings used while drawing and saving."""
    return {
        "font.family": FONT_FAMILY,
        "font.size": preset.font_size,
        "axes.titlesize": preset.font_size * 1.1,
        "legend.fontsize": preset.font_size * 0.85,
        "legend.title_fontsize": preset.font_size * 0.9,
        "xtick.labelsize": preset.font_size * 0.85,
        "ytick.labelsize": preset.font_size * 0.85,
        "axes.linewidth": preset.line_width * 1.5,
        "hatch.linewidth": preset.line_width,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "jregion",
        "axes.unicode_minus": True,
    }


@contextmanager
def style_context(preset: Preset) -> Iterator[None]:
    """Run the body with the Japanese font registered and the preset's rc settings."""
    register_japanese_font()
    mpl = import_optional("matplotlib")
    with mpl.rc_context(rc_settings(preset)):
        yield
