"""The data manifest: one JSON file that describes every file under ``data/``.

Callers never see file paths. Loaders ask :func:`path_of` for a dataset by name,
and :func:`dataset_info` returns its manifest entry (source, licence, units,
vintage, CRS, rows, sha256, build command) as a read-only mapping.

The data live at ``jregion/data`` inside an installed wheel and at ``data/`` in a
source checkout (editable install); :func:`data_root` finds whichever exists.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from jregion.errors import DataIntegrityError

__all__ = ["data_root", "dataset_info", "list_datasets", "path_of", "verify_dataset"]

MANIFEST_NAME = "manifest.json"


@functools.cache
def data_root() -> Path:
    """Return the folder that holds ``manifest.json`` and the data files.

    Returns
    -------
    pathlib.Path
        ``<site-packages>/jregion/data`` in a wheel install, or ``<repo>/data``
        in a source checkout.

    Examples
    --------
    >>> from jregion._manifest import data_root
    >>> (data_root() / "manifest.json").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / MANIFEST_NAME).is_file():
            return candidate
    raise DataIntegrityError(
        "jregion's data folder was not found next to the package nor in the source tree; "
        "reinstall jregion (pip install --force-reinstall jregion)"
    )


@functools.cache
def _manifest() -> dict[str, dict[str, Any]]:
    with open(data_root() / MANIFEST_NAME, encoding="utf-8") as fh:
        raw = json.load(fh)
    return {entry["name"]: entry for entry in raw["datasets"]}


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def dataset_info(name: str) -> Mapping[str, Any]:
    """Return the manifest entry of a bundled dataset.

    Parameters
    ----------
    name : str
        Dataset name, as listed by :func:`list_datasets`.

    Returns
    -------
    Mapping
        A read-only mapping with at least ``name``, ``path``, ``title``,
        ``publisher``, ``licence``, ``vintage``, ``rows``, ``sha256``, ``build``.

    Raises
    ------
    KeyError
        If no dataset has that name; the message lists the names.

    Examples
    --------
    >>> import jregion
    >>> info = jregion.dataset_info("prefectures")
    >>> info["rows"], info["crs"]
    (47, 'EPSG:4326')
    """
    entries = _manifest()
    if name not in entries:
        raise KeyError(
            f"no bundled dataset named {name!r}; available: {', '.join(sorted(entries))}"
        )
    frozen: Mapping[str, Any] = _freeze(entries[name])
    return frozen


def list_datasets() -> pd.DataFrame:
    """List the bundled datasets with their source, licence and vintage.

    Returns
    -------
    pandas.DataFrame
        One row per dataset, indexed by name.

    Examples
    --------
    >>> import jregion
    >>> "prefectures" in jregion.list_datasets().index
    True
    """
    cols = ["kind", "title", "publisher", "vintage", "licence", "rows"]
    rows = [{c: e.get(c) for c in cols} | {"name": n} for n, e in _manifest().items()]
    return pd.DataFrame(rows, columns=["name", *cols]).set_index("name").sort_index()


def path_of(name: str) -> Path:
    """Return the path of a bundled file (internal: loaders use it, callers do not)."""
    rel = dataset_info(name)["path"]
    return data_root() / str(rel)


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_dataset(name: str) -> None:
    """Check a bundled file against the sha256 recorded in the manifest.

    Raises
    ------
    DataIntegrityError
        If the file is missing or its hash differs.
    """
    info = dataset_info(name)
    p = path_of(name)
    if not p.is_file():
        raise DataIntegrityError(f"bundled file for {name!r} is missing: {info['path']}")
    actual = sha256_of(p)
    if actual != info["sha256"]:
        raise DataIntegrityError(
            f"bundled file for {name!r} has sha256 {actual}, manifest says {info['sha256']}; "
            "rebuild it with: " + str(info.get("build", "(no build command)"))
        )
