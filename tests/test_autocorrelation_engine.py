"""The numpy permutation engines: exactness, uniformity, determinism, bounded chunks."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from jregion.autocorrelation import local_moran, moran
from jregion.autocorrelation._permutation import conditional_lags, draw_slots
from jregion.weights import CSRWeights, graph_from_edges


def _random_graph(n: int, seed: int) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    dense = (rng.random((n, n)) < 0.3).astype(float)
    dense = np.triu(dense, 1)
    dense = dense + dense.T
    dense[0, 1] = dense[1, 0] = 1.0  # no isolate at 0
    weights = dense * rng.uniform(0.5, 2.0, size=(n, n))  # unequal slot weights
    w = sp.csr_array(weights)
    w.eliminate_zeros()
    w.sort_indices()
    return w


@pytest.mark.parametrize("chunk_bytes", [1, 10_000, 10**9])
def test_conditional_lags_equal_explicit_loop(chunk_bytes: int) -> None:
    n, perms = 23, 50
    w = _random_graph(n, 3)
    cols = np.column_stack([np.arange(n) ** 1.5, np.cos(np.arange(n))])
    got = np.full((2, perms, n), np.nan)
    for units, lags in conditional_lags(cols, w, perms, np.random.default_rng(9),
                                        chunk_bytes=chunk_bytes):
        got[:, :, units] = lags
    slots = draw_slots(n, int(np.diff(w.indptr).max()), perms, np.random.default_rng(9))
    for i in range(n):
        nbr_w = w.data[w.indptr[i]:w.indptr[i + 1]]
        others = np.r_[np.arange(i), np.arange(i + 1, n)]
        k = len(nbr_w)
        for p in range(perms):
            pos = slots[p, :k]
            # the documented bijection: position r is unit r, except r == i is unit n - 1
            units = np.where(pos == i, n - 1, pos)
            assert set(units) <= set(others)
            expect = nbr_w @ cols[units]
            np.testing.assert_allclose(got[:, p, i], expect, rtol=1e-12)


def test_conditional_draws_are_uniform_over_the_other_units() -> None:
    # unit 2 of 6 has two neighbours: its 5 * 4 = 20 ordered samples are equally likely
    n, perms = 6, 20_000
    edges = [(2, 0), (2, 4), (0, 2), (4, 2), (1, 3), (3, 5), (5, 1), (3, 1), (5, 3), (1, 5)]
    rows, cols_ = zip(*edges, strict=True)
    w = sp.csr_array((np.array([1.0, 10.0, 1, 1, 1, 1, 1, 1, 1, 1]), (rows, cols_)), shape=(n, n))
    w.sort_indices()
    values = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0])[:, None]
    lags = None
    for units, chunk in conditional_lags(values, w, perms, np.random.default_rng(5)):
        if 2 in units:
            lags = chunk[0, :, list(units).index(2)]
    assert lags is not None
    support = {1.0 * a + 10.0 * b for a, b in itertools.permutations([1.0, 2, 8, 16, 32], 2)}
    counts = pd.Series(lags).value_counts()
    assert set(counts.index) == support
    expected = perms / 20
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 43.8  # 0.999 quantile of chi-square with 19 degrees of freedom


def _lattice(nr: int, nc: int) -> tuple[pd.Series, object]:
    ids = pd.Index([f"{r:02d}{c:02d}" for r in range(nr) for c in range(nc)], name="cell")
    focal, neighbor = [], []
    for r, c in itertools.product(range(nr), range(nc)):
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            if 0 <= r + dr < nr and 0 <= c + dc < nc:
                focal.append(f"{r:02d}{c:02d}")
                neighbor.append(f"{r + dr:02d}{c + dc:02d}")
    graph = graph_from_edges(ids, focal, neighbor, np.ones(len(focal)))
    y = pd.Series(np.sin(np.arange(nr * nc) / 3.0) + np.arange(nr * nc) % 7, index=ids)
    return y, graph


def test_same_seed_identical_different_seed_not() -> None:
    y, graph = _lattice(8, 9)
    a = local_moran(y, graph, seed=11).to_frame()
    b = local_moran(y, graph, seed=11).to_frame()
    c = local_moran(y, graph, seed=12).to_frame()
    pd.testing.assert_frame_equal(a, b)
    assert not a["p_sim"].equals(c["p_sim"])
    m1, m2 = moran(y, graph, seed=3, n_jobs=1), moran(y, graph, seed=3, n_jobs=2)
    np.testing.assert_array_equal(m1.simulations, m2.simulations)  # n_jobs changes nothing
    assert m1.p_sim == m2.p_sim


@pytest.mark.parametrize("n_jobs", [1, 3, None])
def test_default_jobs_give_the_same_numbers(n_jobs: int | None) -> None:
    """n_jobs defaults to every available core; any count gives the one-thread numbers."""
    from jregion.autocorrelation import geary, join_counts
    from jregion.autocorrelation._permutation import available_cores

    assert available_cores() >= 1
    y, graph = _lattice(8, 9)
    ref, got = moran(y, graph, seed=5, n_jobs=1), moran(y, graph, seed=5, n_jobs=n_jobs)
    np.testing.assert_array_equal(ref.simulations, got.simulations)
    np.testing.assert_array_equal(moran(y, graph, seed=5).simulations, ref.simulations)
    assert geary(y, graph, seed=5, n_jobs=1).p_sim == geary(y, graph, seed=5,
                                                            n_jobs=n_jobs).p_sim
    cats = (y > y.median()).map({True: "hi", False: "lo"})
    pd.testing.assert_frame_equal(join_counts(cats, graph, seed=5, n_jobs=1).to_frame(),
                                  join_counts(cats, graph, seed=5, n_jobs=n_jobs).to_frame())


def test_identical_in_a_fresh_process() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests');"
        "from test_autocorrelation_engine import _lattice;"
        "from jregion.autocorrelation import local_moran, moran;"
        "y, g = _lattice(8, 9);"
        "print(repr(local_moran(y, g, seed=11).p_sim.tolist()), repr(moran(y, g, seed=3).p_sim))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=str(__import__("pathlib").Path(__file__).parents[1]))
    y, graph = _lattice(8, 9)
    here = f"{local_moran(y, graph, seed=11).p_sim.tolist()!r} {moran(y, graph, seed=3).p_sim!r}"
    assert out.stdout.strip() == here


def test_generator_seed_is_used_as_given() -> None:
    y, graph = _lattice(5, 5)
    a = local_moran(y, graph, seed=np.random.default_rng(4))
    b = local_moran(y, graph, seed=np.random.default_rng(4))
    assert a.p_sim.equals(b.p_sim)
    assert a.seed is None


def test_local_p_sim_agrees_with_analytical_on_lattice() -> None:
    # conditional permutation and spdep's conditional normal moments agree roughly
    y, graph = _lattice(12, 12)
    rows, cols = np.divmod(np.arange(144), 12)
    trend = pd.Series(rows + cols + 2 * np.sin(np.arange(144) * 1.7), index=y.index)
    res = local_moran(trend, graph, seed=1, permutations=999).to_frame()
    strong = res["p_norm"] < 0.001
    assert strong.sum() >= 5
    assert (res.loc[strong, "p_sim"] <= 0.01).all()
    weak = res["p_norm"] > 0.5
    assert (res.loc[weak, "p_sim"] > 0.2).mean() > 0.9
    assert np.corrcoef(res["p_sim"].rank(), res["p_norm"].rank())[0, 1] > 0.95


@pytest.mark.parametrize("seed", range(6))
def test_weak_components_equal_scipy_csgraph(seed: int) -> None:
    # Directed, sparse, often disconnected: the union-find must count weak components
    # exactly as scipy.sparse.csgraph does (the reference used above the size threshold).
    from scipy.sparse.csgraph import connected_components

    from jregion.weights._csr import weak_component_labels

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    dense = (rng.random((n, n)) < rng.uniform(0.0, 0.08)).astype(float)
    w = sp.csr_array(dense)
    expected, ref = connected_components(w, directed=True, connection="weak")
    mine = weak_component_labels(w.indptr, w.indices)
    assert mine.max() + 1 == expected
    pairs = set(zip(mine.tolist(), ref.tolist(), strict=True))  # the same partition
    assert len(pairs) == expected
    assert mine[0] == 0 and all(mine[i] <= mine[:i].max() + 1 for i in range(1, n))


def test_weak_components_hand_example() -> None:
    from jregion.weights._csr import weak_component_labels

    # 0 -> 1, 2 -> 1 (one weak component {0,1,2}), 3 alone, 4 <-> 5: three components.
    w = sp.csr_array(([1.0, 1.0, 1.0, 1.0], ([0, 2, 4, 5], [1, 1, 5, 4])), shape=(6, 6))
    assert weak_component_labels(w.indptr, w.indices).tolist() == [0, 0, 0, 1, 2, 2]


@pytest.mark.parametrize("n_links", ["below", "above"])
def test_connectivity_check_same_on_both_sides_of_threshold(
    n_links: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jregion.autocorrelation import _common
    from jregion.weights import _csr

    # Two rings, joined or not: the Python and the csgraph paths must agree.
    n = 40
    ring = [(i, (i + 1) % 20) for i in range(20)] + [(20 + i, 20 + (i + 1) % 20) for i in range(20)]
    rows, cols = zip(*ring, strict=True)
    split = sp.csr_array((np.ones(len(ring)), (rows, cols)), shape=(n, n))
    joined = split + sp.csr_array(([1.0], ([0], [25])), shape=(n, n))
    limit = 10**9 if n_links == "below" else 0
    monkeypatch.setattr(_csr, "PYTHON_COMPONENTS_MAX_LINKS", limit)
    assert not _common._is_connected(CSRWeights.from_scipy(split))
    assert _common._is_connected(CSRWeights.from_scipy(joined))
    labels = CSRWeights.from_scipy(split).component_labels()
    assert labels.tolist() == [0] * 20 + [1] * 20


def test_normal_sf_equals_scipy_ndtr() -> None:
    from scipy.special import ndtr

    from jregion.autocorrelation._common import normal_sf

    z = np.concatenate([np.linspace(-9, 38, 4001), [0.0, -0.0, 1e-300, 37.5]])
    got = normal_sf(z)
    normal_range = z <= 37.5  # beyond, erfc is subnormal and ndtr flushes to 0
    np.testing.assert_allclose(got[normal_range], ndtr(-z[normal_range]), rtol=1e-12, atol=0)
    assert got[np.argmax(z == 37.5)] > 4e-308  # 4.6e-308: the upper tail does not cancel
    special = normal_sf(np.array([np.inf, -np.inf, np.nan]))
    np.testing.assert_array_equal(special[:2], [0.0, 1.0])
    assert np.isnan(special[2])
    scalar = normal_sf(1.959963984540054)
    assert scalar.shape == ()
    assert abs(float(scalar) - 0.025) < 1e-15
