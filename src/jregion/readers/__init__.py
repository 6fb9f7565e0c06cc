"""Readers for users' own statistics files (e-Stat CSV downloads, Census of Manufacture tables)."""

from __future__ import annotations

from jregion.readers._text import DEFAULT_ENCODINGS, LayoutError
from jregion.readers.census import read_census_manufacture
from jregion.readers.estat import TIDY_COLUMNS, read_estat

__all__ = [
    "DEFAULT_ENCODINGS",
    "TIDY_COLUMNS",
    "LayoutError",
    "read_census_manufacture",
    "read_estat",
]
