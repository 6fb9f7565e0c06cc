"""CSRWeights, the numpy CSR type behind SparseGraph, against scipy.sparse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import jregion
from jregion.weights import CSRWeights, SparseGraph, prefecture_graph


@pytest.fixture(scope="module")
def random_coo() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    n_entries = 400
    rows = rng.integers(0, 60, n_entries)
    cols = rng.integers(0, 60, n_entries)  # many repeated (row, col) pairs and diagonal hits
    data = rng.normal(size=n_entries)
    return rows, cols, data


def test_from_coo_equals_scipy(random_coo: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    rows, cols, data = random_coo
    mine = CSRWeights.from_coo(rows, cols, data, n=60)
    ref = sp.csr_array((data, (rows, cols)), shape=(60, 60))
    ref.sum_duplicates()
    ref.sort_indices()
    assert np.array_equal(mine.indptr, ref.indptr)
    assert np.array_equal(mine.indices, ref.indices)
    np.testing.assert_allclose(mine.data, ref.data, rtol=1e-14, atol=1e-15)
    assert mine.nnz == ref.nnz < len(rows)  # duplicates were summed
    v = np.random.default_rng(1).normal(size=60)
    np.testing.assert_allclose(mine.lag(v), ref @ v, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(mine.row_sums(), ref.sum(axis=1), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(mine.row_sums_of_squares(), (ref.multiply(ref)).sum(axis=1),
                               rtol=1e-12, atol=1e-13)
    np.testing.assert_array_equal(mine.diagonal(), ref.diagonal())
    back = mine.to_scipy()
    assert (abs(back - ref) > 1e-14).nnz == 0
    again = CSRWeights.from_scipy(ref)
    assert np.array_equal(again.indices, mine.indices)


def test_hand_worked_path_graph() -> None:
    # 0 - 1 - 2 with weights 1, 2 and a self-weight 5 on unit 2.
    w = CSRWeights.from_coo([0, 1, 1, 2, 2], [1, 0, 2, 1, 2], [1.0, 1.0, 2.0, 2.0, 5.0], n=3)
    assert w.indptr.tolist() == [0, 1, 3, 5]
    assert w.rows.tolist() == [0, 1, 1, 2, 2]
    assert w.lag(np.array([1.0, 10.0, 100.0])).tolist() == [10.0, 201.0, 520.0]
    assert w.diagonal().tolist() == [0.0, 0.0, 5.0]
    off = w.select(w.rows != w.indices)
    assert off.indptr.tolist() == [0, 1, 3, 4] and off.indices.tolist() == [1, 0, 2, 1]
    assert off.with_data(np.ones(4)).row_sums().tolist() == [1.0, 2.0, 1.0]


def test_canonical_sorts_and_sums_a_hand_built_matrix() -> None:
    raw = CSRWeights(indptr=np.array([0, 3, 4]), indices=np.array([1, 0, 1, 0]),
                     data=np.array([1.0, 2.0, 3.0, 4.0]))
    fixed = raw.canonical()
    assert fixed.indptr.tolist() == [0, 2, 3]
    assert fixed.indices.tolist() == [0, 1, 0] and fixed.data.tolist() == [2.0, 4.0, 4.0]
    assert fixed.canonical() is fixed
    graph = SparseGraph(["a", "b"], raw)
    assert graph.csr.indices.tolist() == [0, 1, 0] and graph.neighbors("a") == ("a", "b")


def test_bad_input() -> None:
    with pytest.raises(ValueError, match=r"lie in 0\.\.2"):
        CSRWeights.from_coo([0, 3], [1, 0], [1.0, 1.0], n=3)
    with pytest.raises(ValueError, match="same length"):
        CSRWeights.from_coo([0, 1], [1], [1.0, 1.0], n=3)
    with pytest.raises(ValueError, match="square"):
        CSRWeights.from_scipy(sp.csr_array((2, 3)))
    with pytest.raises(ValueError, match="n \\+ 1 offsets"):
        CSRWeights(indptr=np.array([1, 2]), indices=np.array([0]), data=np.array([1.0]))
    with pytest.raises(ValueError, match="indptr\\[-1\\] = 2"):
        CSRWeights(indptr=np.array([0, 1, 2]), indices=np.array([0]), data=np.array([1.0]))
    with pytest.raises(ValueError, match="shape \\(3,\\)"):
        CSRWeights.from_coo([0], [1], [1.0], n=3).lag(np.ones(2))


def test_sparse_graph_from_csr_and_its_scipy_view() -> None:
    g = prefecture_graph()
    assert isinstance(g.csr, CSRWeights)
    first = g.sparse
    first.data[:] = 99.0  # a new matrix each time: editing it leaves the graph alone
    assert float(g.sparse.max()) == 1.0
    rebuilt = SparseGraph(g.unique_ids, g.sparse, links=g.links)
    assert np.array_equal(rebuilt.csr.indices, g.csr.indices)
    assert rebuilt.neighbors("37") == g.neighbors("37")
    with pytest.raises(AttributeError):
        g.csr = g.csr  # type: ignore[misc]
    density = np.log(jregion.load_indicator("population", year=2015)["population"]
                     / jregion.load_indicator("area")["area_km2"])
    a = jregion.local_moran(density, g, seed=3, permutations=99)
    b = jregion.local_moran(density, rebuilt, seed=3, permutations=99)
    pd.testing.assert_series_equal(a.Ii, b.Ii)
    pd.testing.assert_series_equal(a.p_sim, b.p_sim)
