"""The one helper that imports optional dependencies.

Heavy or optional libraries (matplotlib, folium, mapclassify, rasterio,
dask-geopandas, numba) are imported only inside the functions that use them, through
:func:`import_optional`, which names the extra to install when they are missing.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from jregion.errors import MissingDependencyError

__all__ = ["EXTRAS", "import_optional"]

#: Which ``pip install "jregion[extra]"`` provides each optional top-level module.
EXTRAS: dict[str, str] = {
    "matplotlib": "maps",
    "mapclassify": "maps",
    "matplotlib_fontja": "maps",
    "folium": "web",
    "branca": "web",
    "rasterio": "raster",
    "dask_geopandas": "scale",
    "dask": "scale",
    "distributed": "scale",
    "numba": "fast",
}


def import_optional(name: str) -> ModuleType:
    """Import an optional module or raise an error that says how to install it.

    Parameters
    ----------
    name : str
        Dotted module name, for example ``"matplotlib.pyplot"``.

    Returns
    -------
    types.ModuleType
        The imported module.

    Raises
    ------
    MissingDependencyError
        If the module cannot be imported. The message names the pip extra.

    Examples
    --------
    >>> from jregion._optional import import_optional
    >>> import_optional("json").__name__
    'json'
    """
    try:
        return importlib.import_module(name)
    except ImportError as err:
        top = name.split(".", 1)[0]
        extra = EXTRAS.get(top)
        hint = (
            f'install it with: pip install "jregion[{extra}]"'
            if extra
            else f"install it with: pip install {top}"
        )
        raise MissingDependencyError(f"{name!r} is required for this function; {hint}") from err
