"""Readable default names and units for web-map layers and legends.

A column such as ``persons_employed`` is shown as "Persons employed" with the unit the manifest
gives it ("persons"); ``shipments_myen`` as "Shipments" in "million yen"; ``change_pct`` as
"Change" in "%". Explicit ``label=``/``units=`` always win.
"""

from __future__ import annotations

import functools

__all__ = ["readable_name", "readable_unit"]

#: Column-name suffixes that carry a unit (jregion's naming convention for bundled data).
_SUFFIX_UNITS = {"_myen": "million yen", "_10kyen": "10,000 yen", "_pct": "%", "_km2": "km²"}


def readable_name(column: object) -> str:
    """Return a display name for a column: suffix unit dropped, underscores as spaces.

    Examples
    --------
    >>> readable_name("persons_employed"), readable_name("shipments_myen"), readable_name(2005)
    ('Persons employed', 'Shipments', '2005')
    """
    text = str(column)
    for suffix in _SUFFIX_UNITS:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@functools.cache
def _manifest_units() -> dict[str, str | None]:
    """Return the unit of each column name in the manifest (None where datasets disagree)."""
    from jregion._manifest import dataset_info, list_datasets

    found: dict[str, str | None] = {}
    for name in list_datasets().index:
        for col, unit in (dataset_info(name).get("units") or {}).items():
            if col in found and found[col] != unit:
                found[col] = None
            else:
                found.setdefault(col, str(unit))
    return found


def readable_unit(column: object) -> str | None:
    """Return the unit of a column: from its name's suffix, else from the manifest's ``units``.

    Examples
    --------
    >>> readable_unit("persons_employed"), readable_unit("change_pct"), readable_unit("x")
    ('persons', '%', None)
    """
    text = str(column)
    for suffix, unit in _SUFFIX_UNITS.items():
        if text.endswith(suffix):
            return unit
    return _manifest_units().get(text)
