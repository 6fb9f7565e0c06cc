"""Inputs and R references of the regression tests (tests/fixtures/spdep_regression).

Shared by tests/test_regression.py and tests/test_regression_diagnostics.py; how the fixture
files were made is written at the top of each of those files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from jregion.weights import graph_from_edges

FIXTURES = Path(__file__).parent / "fixtures" / "spdep_regression"
FORMULAS = {"prefectures": "log_area ~ lat + log_perimeter", "lattice": "y ~ x1 + x2"}
LM_NAMES = {"LMerr": "LM error", "LMlag": "LM lag", "RLMerr": "Robust LM error",
            "RLMlag": "Robust LM lag", "SARMA": "LM SARMA"}


def load(name: str) -> tuple[pd.DataFrame, object]:
    """Return the data and the binary weights graph of one fixture dataset."""
    data = pd.read_csv(FIXTURES / f"{name}_data.csv", dtype={"id": str}).set_index("id")
    edges = pd.read_csv(FIXTURES / f"{name}_edges.csv", dtype=str)
    graph = graph_from_edges(data.index, edges["focal"], edges["neighbor"],
                             np.ones(len(edges)))
    return data, graph


def read_reference(filename: str) -> pd.DataFrame:
    """Return one of R's result tables (dataset, model, quantity, term, value)."""
    ref = pd.read_csv(FIXTURES / filename, dtype={"term": str}, keep_default_na=False)
    ref["value"] = ref["value"].astype(float)
    return ref


def reference(r_ref: pd.DataFrame, name: str, model: str, quantity: str) -> pd.Series:
    """Return R's values of one quantity of one model on one dataset, indexed by term."""
    sel = r_ref[(r_ref["dataset"] == name) & (r_ref["model"] == model)
                & (r_ref["quantity"] == quantity)]
    return sel.set_index("term")["value"]
