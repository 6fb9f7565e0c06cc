"""Figure presets, print-safe palettes and the rc settings every plot runs under."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal

from jregion._optional import import_optional
from jregion.classification import DEFAULT_CMAP, class_colors
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
        "hatch.linewidth": preset.line_width * 2,
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
