"""Shared fixtures: bundled layers are loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import matplotlib
import pandas as pd
import pytest

import jregion

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data-sources"
IN_CI = os.environ.get("CI", "").lower() == "true"
MESH_FIXTURES = ROOT / "tests" / "fixtures" / "estat_mesh"


@pytest.fixture(scope="session")
def prefs() -> gpd.GeoDataFrame:
    """The 47 prefectures at full resolution (do not modify: copy first)."""
    return jregion.load_prefectures()


@pytest.fixture(scope="session")
def prefs_web() -> gpd.GeoDataFrame:
    return jregion.load_prefectures(resolution="web")


@pytest.fixture(scope="session")
def pref_table() -> pd.DataFrame:
    return jregion.prefecture_table()


@pytest.fixture(scope="session")
def gsi_area() -> pd.Series:
    return jregion.load_indicator("area")["area_km2"]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared/data-sources, or skip (a user's clone has no shared/)."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data-sources is not present (it is only on maintainers' machines)")
    return SHARED


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    """e-Stat 2020 census 500 m extract (tests/fixtures/estat_mesh), read once per module.

    tests/test_readers_mesh.py has its own ``census`` (per file, path and frame).
    """
    return jregion.read_estat_mesh(MESH_FIXTURES / "tblT001101H5031_extract.txt")


@pytest.fixture(scope="module")
def okinawa() -> pd.DataFrame:
    """e-Stat economic census mesh file for Okinawa (tests/fixtures/estat_mesh), per module."""
    return jregion.read_estat_mesh(MESH_FIXTURES / "tblT000918H3928.txt")
