"""Exceptions and warnings raised by jregion.

Every error jregion raises derives from :class:`JRegionError` and from the
built-in class a caller would expect (``ValueError``, ``TypeError``,
``ImportError``), so ``except ValueError`` keeps working.

Examples
--------
>>> import jregion
>>> try:
...     jregion.to_code("Hyougo-ken-x")
... except jregion.UnknownCodeError as err:
...     print(type(err).__mro__[1].__name__)
JRegionError
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "CRSError",
    "ClassificationError",
    "ConstantValueError",
    "CoverageError",
    "DataIntegrityError",
    "DisconnectedGraphWarning",
    "DuplicateKeyError",
    "EncodingError",
    "FormulaError",
    "GeometryError",
    "InvalidDataError",
    "JRegionError",
    "JRegionWarning",
    "LayoutError",
    "MeshCodeError",
    "MissingDependencyError",
    "MissingValueError",
    "NonNumericError",
    "OptionError",
    "PlotOptionError",
    "SchemeError",
    "SkippedValuesWarning",
    "TooFewObservationsError",
    "UnknownCodeError",
    "UnmatchedKeyError",
    "UnmatchedRowsWarning",
    "UnvendoredAssetError",
]


class JRegionError(Exception):
    """Base class of every error raised by jregion."""


class UnknownCodeError(JRegionError, ValueError):
    """A value could not be read as a prefecture (or region, municipality, mesh) code."""


class DuplicateKeyError(JRegionError, ValueError):
    """A key occurs more than once where one row per key is required."""


class UnmatchedKeyError(JRegionError, ValueError):
    """Rows of a table have keys that match no boundary."""


class MissingValueError(JRegionError, ValueError):
    """A required value is missing (NaN, None or an annotation symbol)."""


class SchemeError(JRegionError, ValueError):
    """A region scheme is unknown or does not cover the codes given."""


class InvalidDataError(JRegionError, ValueError):
    """Activity values cannot be used: negative, infinite, or a column that sums to zero."""


class FormulaError(JRegionError, ValueError):
    """A regression formula cannot be read, or names columns that cannot be used."""


class LayoutError(JRegionError, ValueError):
    """A user file or table is not in a layout jregion understands (the message says why)."""


class UnvendoredAssetError(JRegionError, ValueError):
    """A web map uses a resource that jregion does not ship, so it cannot be inlined."""


class ClassificationError(JRegionError, ValueError):
    """Values cannot be classified as asked (too many classes, bad bins, unknown scheme)."""


class NonNumericError(JRegionError, TypeError):
    """A column that must be numeric is not."""


class PlotOptionError(JRegionError, ValueError):
    """A plotting option is unknown or inconsistent (preset, column, layer, CRS)."""


class ConstantValueError(JRegionError, ValueError):
    """A variable has no variation (or no positive total), so the statistic is undefined."""


class CRSError(JRegionError, ValueError):
    """A GeoDataFrame has no CRS, or one that is not suitable for the operation."""


class GeometryError(JRegionError, ValueError):
    """A geometry is invalid, empty or of the wrong type."""


class EncodingError(JRegionError, ValueError):
    """A file could not be decoded with the encodings tried."""


class DataIntegrityError(JRegionError, RuntimeError):
    """A bundled data file does not match its manifest entry (hash, rows, columns)."""


class MissingDependencyError(JRegionError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class JRegionWarning(UserWarning):
    """Base class of every warning emitted by jregion."""


class UnmatchedRowsWarning(JRegionWarning):
    """A join kept or dropped boundaries that had no row in the table."""


class DisconnectedGraphWarning(JRegionWarning):
    """A statistic ran on a spatial graph with isolates or several components."""


# Mesh codes (JIS X 0410; issue 19)


class MeshCodeError(JRegionError, ValueError):
    """A JIS X 0410 mesh code, level or point is invalid (the message names the first bad one)."""


# Municipalities (issue 21)
class AmbiguousNameError(UnknownCodeError):
    """A name denotes several units (伊達市 in Hokkaido and Fukushima); the message lists them."""


# Regression (issue 22)
class TooFewObservationsError(JRegionError, ValueError):
    """A model has no more observations than parameters (n <= k); the message names n and k."""


# --- hardening (#23) ---------------------------------------------------------------------


class OptionError(JRegionError, ValueError):
    """A keyword option has a value outside its documented set (the message lists the set)."""


class CoverageError(JRegionError, ValueError):
    """A table covers only part of the country where a national total is needed."""


class SkippedValuesWarning(JRegionWarning):
    """Missing values were skipped, as asked (``skipna=True``); the message says how many."""
