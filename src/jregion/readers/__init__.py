"""Readers for users' own statistics files (e-Stat CSV and mesh downloads, METI tables)."""

from __future__ import annotations

from jregion.readers._text import DEFAULT_ENCODINGS, LayoutError
from jregion.readers.census import read_census_manufacture
from jregion.readers.estat import TIDY_COLUMNS, read_estat
from jregion.readers.estat_mesh import FLAG_COLUMNS, read_estat_mesh

__all__ = [
    "DEFAULT_ENCODINGS",
    "FLAG_COLUMNS",
    "TIDY_COLUMNS",
    "LayoutError",
    "read_census_manufacture",
    "read_estat",
    "read_estat_mesh",
]
