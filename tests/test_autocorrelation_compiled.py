"""The optional numba kernels replay numpy's Generator.shuffle exactly.

Reference: numpy itself. For the same generator state the compiled Fisher-Yates must give
the same permutation as ``Generator.shuffle``, element for element, for every supported bit
generator, across chunk boundaries of the raw words and across successive shuffles. Then
the statistics built on it (Moran's I, Geary's C, General G) must give the numpy path's
simulations to rounding and the same p-values.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

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
def kernels() -> tuple[object, object, object]:
    k = _compiled.compiled_kernels()
    assert k is not None
    return k


@pytest.mark.parametrize("bitgen", GENERATORS)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 17, 1024, 1025, 5000])
@pytest.mark.parametrize("chunk", [1, 7, None])
def test_permutations_equal_numpy_shuffle(
    kernels: tuple[object, object, object], bitgen: type, n: int, chunk: int | None
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
    # after an odd number of 32-bit draws numpy holds half a word that the raw words skip
    used = np.random.default_rng(1)
    used.integers(0, 10, dtype=np.uint32)
    assert not _compiled.replayable(used, 100)


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


@pytest.mark.parametrize("binary", [True, False])
def test_kernels_load_on_the_calling_thread_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, binary: bool
) -> None:
    # Fresh dispatchers (nothing loaded yet in them). Every numba load or compile grows a
    # dispatcher's signatures; each must happen on the calling thread with the collector
    # paused (load_kernels), never later in a stream's thread.
    fresh = _compiled.compiled_kernels.__wrapped__()
    assert fresh is not None and all(not k.signatures for k in fresh)
    calls: list[tuple[int, bool, bool]] = []

    def watched(kernel: Any) -> Any:
        def call(*args: Any) -> Any:
            before = len(kernel.signatures)
            out = kernel(*args)
            grew = len(kernel.signatures) > before
            calls.append((threading.get_ident(), gc.isenabled(), grew))
            return out

        return call

    monkeypatch.setattr(_compiled, "compiled_kernels", lambda: tuple(map(watched, fresh)))
    upper = _lattice(30, 41, binary=binary)
    z = np.linspace(-1.0, 1.0, upper.shape[0])
    quadratic_simulations(z, upper, np.zeros(z.size), 16, np.random.default_rng(4),
                          n_jobs=2, compiled=True)
    loads = [(thread, enabled) for thread, enabled, grew in calls if grew]
    assert loads == [(threading.get_ident(), False)] * 3
    assert gc.isenabled()
    assert any(thread != threading.get_ident() for thread, _, _ in calls)  # streams ran


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


def _complete_graph(n: int) -> tuple[object, pd.Series]:
    ids = pd.Index([f"u{i:02d}" for i in range(n)])
    focal = [a for a in ids for b in ids if a != b]
    neighbor = [b for a in ids for b in ids if a != b]
    y = pd.Series(np.round(np.linspace(0.3, 7.0, n) ** 1.7, 3), index=ids)
    return graph_from_edges(ids, focal, neighbor, [1.0] * len(focal)), y


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize("statistic", [moran, geary, general_g])
def test_permutation_invariant_statistic_ties_every_simulation(
    monkeypatch: pytest.MonkeyPatch, statistic: object, compiled: bool
) -> None:
    # Hand-worked: on the complete graph Moran's I is -1/(n-1), sum_ij (z_i - z_j)^2 is
    # 2 n sum z^2 and General G is 1 for every arrangement, so every simulation equals the
    # observed value: p is 1 in either direction, whatever the rounding of each sum.
    monkeypatch.setattr(_compiled, "COMPILED_MIN_WORK", 0 if compiled else 10**18)
    graph, y = _complete_graph(12)
    for alternative in ("greater", "less", "two-sided"):
        res = statistic(y, graph, permutations=999, seed=1,  # type: ignore[operator]
                        transformation="b", alternative=alternative)
        assert res.p_sim == 1.0, alternative
    res = moran(y, graph, permutations=99, seed=1, transformation="b")
    np.testing.assert_allclose(res.simulations, -1.0 / 11.0, rtol=1e-12)


def test_local_ties_on_the_complete_graph() -> None:
    # Conditional permutation on the complete graph draws all other units every time, so
    # each simulated Ii equals the observed one.
    from jregion.autocorrelation import local_moran

    graph, y = _complete_graph(12)
    res = local_moran(y, graph, permutations=499, seed=2, alternative="greater")
    np.testing.assert_array_equal(res.p_sim.to_numpy(), np.ones(12))


@pytest.mark.parametrize("statistic", [moran, geary, general_g])
def test_binary_data_same_p_with_and_without_kernels(
    monkeypatch: pytest.MonkeyPatch, statistic: object
) -> None:
    # Binary data: many permutations reproduce the observed statistic exactly, and the two
    # paths sum in different orders; the tie tolerance makes the p-values agree.
    # Without the tolerance this case gave Moran 0.30274 vs 0.29194 and Geary 0.30394 vs
    # 0.28114 on the two paths (General G sums are exact here and agreed anyway).
    graph, field = _graph_and_values(12, 15)
    y = pd.Series((np.random.default_rng(4).random(180) < 0.4).astype(float), index=field.index)
    p = {}
    for label, work in (("numpy", 10**18), ("compiled", 0)):
        monkeypatch.setattr(_compiled, "COMPILED_MIN_WORK", work)
        p[label] = statistic(y, graph, permutations=5000, seed=7,  # type: ignore[operator]
                             transformation="b").p_sim
    assert p["numpy"] == p["compiled"]
    assert 0.05 < p["numpy"] < 0.95  # the observed value sits inside the tied mass
