"""jregion: the economic geography of Japan's regions, typed and sourced.

Codes and boundaries (:func:`to_code`, :func:`load_prefectures`,
:func:`load_regions`), strict joins (:func:`attach`), sourced indicators,
concentration indices, spatial weights and autocorrelation, and maps.

Everything is offline: data ship inside the package and are described by one
manifest (:func:`list_datasets`, :func:`dataset_info`).

Examples
--------
>>> import jregion
>>> prefs = jregion.load_prefectures()
>>> len(prefs), prefs.index[0], prefs.crs.to_string()
(47, '01', 'EPSG:4326')
>>> jregion.to_code("Hyōgo-ken")
'28'
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import lazy_loader

__version__ = "0.1.0"

# Every public name is written once, in __init__.pyi, grouped as the API reference is. The names
# are imported on first use (PEP 562), so `import jregion` pulls in no pandas, geopandas, libpysal
# or matplotlib; type checkers read the same stub. tests/test_package.py checks both views agree.
_public_attr, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)


def __getattr__(name: str) -> Any:
    """Import a public name, or a subpackage such as ``jregion.weights``, on first use."""
    if (
        name not in __all__
        and not name.startswith("_")
        and importlib.util.find_spec(f"{__name__}.{name}") is not None
    ):
        return importlib.import_module(f"{__name__}.{name}")
    return _public_attr(name)
