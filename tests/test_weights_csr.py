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
    with pytest.raises(ValueError, match="must not decrease"):
        CSRWeights(indptr=np.array([0, 2, 1, 2]), indices=np.array([0, 1]), data=np.ones(2))
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


def test_to_scipy_of_a_hand_built_matrix_is_canonical() -> None:
    raw = CSRWeights(indptr=np.array([0, 3, 4]), indices=np.array([1, 0, 1, 0]),
                     data=np.array([1.0, 2.0, 3.0, 0.5]))
    m = raw.to_scipy()
    assert float(m.max()) == 4.0 and int((m >= 3.5).nnz) == 1  # (0, 1) is 1 + 3
    assert m.indices.tolist() == [0, 1, 0] and m.has_sorted_indices


def test_inputs_are_converted_without_loss() -> None:
    with pytest.raises(TypeError, match="integer positions"):
        CSRWeights.from_coo([0.7, 1.9], [1, 0], [1.0, 1.0], n=2)
    small = sp.coo_array((np.array([100, 100], dtype=np.int8), ([0, 0], [1, 1])), shape=(2, 2))
    assert CSRWeights.from_scipy(small).data.tolist() == [200.0]  # summed after the cast

    class Tagged(sp.csr_array):  # a user subclass of a scipy matrix is still a scipy matrix
        pass

    tagged = Tagged(np.array([[0.0, 1.0], [1.0, 0.0]]))
    assert SparseGraph(["a", "b"], tagged).neighbors("b") == ("a",)
    own = CSRWeights.from_coo([0, 1], [1, 0], [1.0, 1.0], n=2)
    graph = SparseGraph(["a", "b"], own)
    own.data[:] = 0.0  # the graph holds a copy
    assert graph.csr.data.tolist() == [1.0, 1.0]


def test_stored_zeros_and_self_weights_in_prepare() -> None:
    from jregion.autocorrelation._common import prepare

    # Path a-b-c-d with weights 1, 2, 3, a stored zero between a and d, a self-weight 4 on b.
    rows = [0, 1, 1, 2, 2, 3, 0, 3, 1]
    cols = [1, 0, 2, 1, 3, 2, 3, 0, 1]
    data = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 0.0, 0.0, 4.0]
    graph = SparseGraph(list("abcd"), CSRWeights.from_coo(rows, cols, data, n=4))
    y = pd.Series([1.0, 2.0, 4.0, 8.0], index=list("abcd"))
    binary = prepare(y, graph, transformation="b")
    assert binary.w.indptr.tolist() == [0, 1, 3, 5, 6]  # no a-d link: its weight is 0
    assert binary.w.indices.tolist() == [1, 0, 2, 1, 3, 2]
    assert binary.w.data.tolist() == [1.0] * 6 and binary.self_weight.tolist() == [0, 1, 0, 0]
    rowstd = prepare(y, graph, transformation="r")
    np.testing.assert_allclose(rowstd.w.data, [1, 1 / 7, 2 / 7, 2 / 5, 3 / 5, 1], rtol=1e-15)
    np.testing.assert_allclose(rowstd.self_weight, [0, 4 / 7, 0, 0], rtol=1e-15)
    star = prepare(y, graph, transformation="o", star=True)
    assert star.self_weight.tolist() == [1.0] * 4 and star.w.data.tolist() == [1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize("transformation", ["r", "b", "o"])
def test_sparse_graph_and_libpysal_graph_agree_on_weighted_graphs(transformation: str) -> None:
    from libpysal.graph import Graph

    rng = np.random.default_rng(11)
    n = 30
    dense = (rng.random((n, n)) < 0.15) * rng.uniform(0.5, 3.0, (n, n))  # asymmetric, weighted
    dense[np.arange(n), (np.arange(n) + 1) % n] = 1.0  # a ring keeps it connected
    np.fill_diagonal(dense, np.where(rng.random(n) < 0.3, 2.0, 0.0))  # some self-weights
    ids = pd.Index([f"u{i:02d}" for i in range(n)])
    mine = SparseGraph(ids, sp.csr_array(dense))
    peer = Graph.from_sparse(sp.csr_array(dense), ids=ids)
    y = pd.Series(rng.normal(size=n), index=ids)
    t = transformation
    a = jregion.moran(y, mine, transformation=t, permutations=99, seed=2)
    b = jregion.moran(y, peer, transformation=t, permutations=99, seed=2)
    assert a.I == b.I and a.p_sim == b.p_sim
    star = t != "o"  # Gi* sets its own self-weight, so it needs 'r' or 'b'
    la = jregion.local_g(y - y.min(), mine, transformation=t, star=star, seed=2, permutations=99)
    lb = jregion.local_g(y - y.min(), peer, transformation=t, star=star, seed=2, permutations=99)
    pd.testing.assert_frame_equal(la.to_frame(), lb.to_frame())
    ga = jregion.local_geary(y, mine, transformation=t, seed=2, permutations=99)
    gb = jregion.local_geary(y, peer, transformation=t, seed=2, permutations=99)
    pd.testing.assert_frame_equal(ga.to_frame(), gb.to_frame())


def test_replace_and_the_weights_given_once() -> None:
    import dataclasses

    g = prefecture_graph()
    bare = dataclasses.replace(g, links=())
    assert bare.links == () and bare.neighbors("01") == ("02",) and g.links != ()
    with pytest.raises(TypeError, match="pass the weights once"):
        SparseGraph(g.unique_ids, g.sparse, csr=g.csr)
    with pytest.raises(TypeError, match="pass the weights once"):
        SparseGraph(g.unique_ids)
