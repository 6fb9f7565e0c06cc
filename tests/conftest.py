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
