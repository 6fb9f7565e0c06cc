"""The optional numba kernels replay numpy's Generator.shuffle exactly.

Reference: numpy itself. For the same generator state the compiled Fisher-Yates must give
the same permutation as ``Generator.shuffle``, element for element, for every supported bit
generator, across chunk boundaries of the raw words and across successive shuffles. Then
the statistics built on it (Moran's I, Geary's C, General G) must give the numpy path's
simulations to rounding and the same p-values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from jregion.autocorrelation import _compiled, geary, general_g, moran
from jregion.autocorrelation._permutation import quadratic_simulations
from jregion.weights import graph_from_edges

pytest.importorskip("numba", reason="the compiled kernels need the 'fast' extra (numba)")

GENERATORS = [np.random.PCG64, np.random.PCG64DXSM, np.random.SFC64, np.random.Philox]


@pytest.fixture(scope="module")
def kernels() -> tuple[object, object]:
    k = _compiled.compiled_kernels()
    assert k is not None
    return k


@pytest.mark.parametrize("bitgen", GENERATORS)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 17, 1024, 1025, 5000])
@pytest.mark.parametrize("chunk", [1, 7, None])
def test_permutations_equal_numpy_shuffle(
    kernels: tuple[object, object], bitgen: type, n: int, chunk: int | None
) -> None:
    values = np.arange(n, dtype=np.float64) * 1.5 - 3.0
    reference = np.random.Generator(bitgen(20261202))
    replay = np.random.Generator(bitgen(20261202))
    expected = values.copy()
    stream = _compiled.permutations_of(values, 4, replay, kernels, chunk=chunk)
    for got in stream:
        reference.shuffle(expected)
        np.testing.assert_array_equal(got, expected)


def test_mt19937_is_not_replayed() -> None:
    # MT19937 hands out native 32-bit words, not halves of 64-bit ones.
    assert not _compiled.replayable(np.random.Generator(np.random.MT19937(1)), 100)
    assert _compiled.replayable(np.random.default_rng(1), 100)
    assert not _compiled.replayable(np.random.default_rng(1), 0)


def _lattice(nr: int, nc: int, binary: bool = False) -> sp.csr_array:
    idx = np.arange(nr * nc).reshape(nr, nc)
    a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    weights = np.ones(a.size) if binary else np.linspace(0.5, 2.0, a.size)
    upper = sp.csr_array((weights, (np.minimum(a, b), np.maximum(a, b))),
                         shape=(nr * nc, nr * nc))
    upper.sort_indices()
    return upper


@pytest.mark.parametrize(
    ("n_jobs", "shape", "binary"),
    [
        (1, (30, 41), True),  # one distinct weight: one-byte codes
        (2, (30, 41), False),  # 2,389 distinct weights: two-byte codes
        (2, (190, 190), False),  # 71,820 distinct weights: read in place
    ],
)
def test_quadratic_simulations_compiled_equal_numpy(
    n_jobs: int, shape: tuple[int, int], binary: bool
) -> None:
    upper = _lattice(*shape, binary=binary)
    n = upper.shape[0]
    rng = np.random.default_rng(5)
    z = rng.normal(size=n)
    square = rng.random(n)
    q_c, s_c = quadratic_simulations(z, upper, square, 57, np.random.default_rng(11),
                                     n_jobs=n_jobs, compiled=True)
    q_n, s_n = quadratic_simulations(z, upper, square, 57, np.random.default_rng(11),
                                     n_jobs=1, compiled=False)
    np.testing.assert_allclose(q_c, q_n, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(s_c, s_n, rtol=1e-12)
    # and against the definition on an explicitly shuffled copy
    gen = np.random.default_rng(11).spawn(8)[0]
    v = z.copy()
    gen.shuffle(v)
    assert q_n[0] == pytest.approx(float(v @ (upper @ v)), rel=1e-12)


def test_without_numba_the_numpy_path_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_compiled, "compiled_kernels", lambda: None)
    upper = _lattice(5, 6)
    z = np.linspace(-1.0, 2.0, upper.shape[0])
    got = quadratic_simulations(z, upper, np.zeros(z.size), 9, np.random.default_rng(2),
                                compiled=True)
    want = quadratic_simulations(z, upper, np.zeros(z.size), 9, np.random.default_rng(2),
                                 compiled=False)
    np.testing.assert_array_equal(got[0], want[0])


def _graph_and_values(nr: int, nc: int) -> tuple[object, pd.Series]:
    idx = np.arange(nr * nc).reshape(nr, nc)
    a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    ids = pd.Index([f"c{i:04d}" for i in range(nr * nc)])
    graph = graph_from_edges(ids, list(ids[np.r_[a, b]]), list(ids[np.r_[b, a]]),
                             [1.0] * (2 * a.size))
    r, c = np.divmod(np.arange(nr * nc), nc)
    y = pd.Series(np.sin(r / 3.0) + np.cos(c / 5.0) + 2.5, index=ids)
    return graph, y


@pytest.mark.parametrize("statistic", [moran, geary, general_g])
def test_statistics_same_with_and_without_kernels(
    monkeypatch: pytest.MonkeyPatch, statistic: object
) -> None:
    graph, y = _graph_and_values(12, 15)
    monkeypatch.setattr(_compiled, "COMPILED_MIN_WORK", 10**18)
    plain = statistic(y, graph, permutations=199, seed=3)  # type: ignore[operator]
    monkeypatch.setattr(_compiled, "COMPILED_MIN_WORK", 0)
    fast = statistic(y, graph, permutations=199, seed=3, n_jobs=2)  # type: ignore[operator]
    np.testing.assert_allclose(fast.simulations, plain.simulations, rtol=1e-12)
    assert fast.p_sim == plain.p_sim
