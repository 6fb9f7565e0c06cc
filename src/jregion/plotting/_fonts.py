"""Japanese text with no set-up: register the IPAexGothic font that matplotlib-fontja ships.

matplotlib-fontja (in the ``maps`` extra) bundles IPAexGothic. Importing it
would change the user's global ``rcParams``; jregion only reads the font file
and registers it with matplotlib's font manager, then names it in the
``rc_context`` every plotting function runs in (see :mod:`._styles`).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from jregion._optional import import_optional
from jregion.errors import MissingDependencyError

__all__ = ["FONT_FAMILY", "JAPANESE_FONT", "register_japanese_font"]

#: Family name of the bundled Japanese font.
JAPANESE_FONT = "IPAexGothic"

#: Font fallback list used for every text artist: IPAexGothic has Latin and
#: Japanese glyphs; DejaVu Sans (shipped with matplotlib) covers the rest.
FONT_FAMILY = [JAPANESE_FONT, "DejaVu Sans"]


def _font_file() -> Path:
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or spec.origin is None:
        raise MissingDependencyError(
            "'matplotlib_fontja' (the bundled IPAexGothic font for Japanese labels) is required "
            'for maps; install it with: pip install "jregion[maps]"'
        )
    path = Path(spec.origin).parent / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise MissingDependencyError(
            f"matplotlib_fontja is installed but its font file {path} is missing; "
            'reinstall it with: pip install --force-reinstall "jregion[maps]"'
        )
    return path


@cache
def _register(path: str) -> str:
    font_manager = import_optional("matplotlib.font_manager")
    font_manager.fontManager.addfont(path)
    return JAPANESE_FONT


def register_japanese_font() -> str:
    """Register IPAexGothic with matplotlib once per process and return its family name.

    Returns
    -------
    str
        ``"IPAexGothic"``.

    Raises
    ------
    MissingDependencyError
        If matplotlib or matplotlib-fontja is not installed (``jregion[maps]``).

    Examples
    --------
    >>> from jregion.plotting._fonts import register_japanese_font
    >>> register_japanese_font()
    'IPAexGothic'
    """
    return _register(str(_font_file()))
