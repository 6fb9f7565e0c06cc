"""Vectorised permutation engines in numpy (numba kernels for large global tests are optional).

Conditional randomisation (local statistics)
--------------------------------------------
For unit ``i`` with ``k_i`` neighbours, each simulation draws ``k_i`` values without
replacement from the other ``n - 1`` units and puts them in ``i``'s neighbour slots.
As in esda, one ordered sample ``R[p]`` of ``max k`` positions out of ``n - 1`` is drawn
per simulation ``p`` and shared by all units (each unit uses its first ``k_i``), so the
draws cost ``O(permutations * max k)``. Position ``r`` means unit ``r``, except that for
unit ``i`` the position ``r == i`` means unit ``n - 1``: a bijection onto the other
``n - 1`` units, so every unit's sample is uniform over its own conditional set.

With that mapping the simulated lags of all units of one cardinality ``k`` are one dense
product ``V[R[:, :k]] @ W_k.T`` (``permutations x k`` by ``k x m``), plus at most one
correction per sample slot where ``R[p, j]`` is the unit itself. Units are processed in
chunks so memory stays bounded (``chunk_bytes``).

Total randomisation (global statistics)
---------------------------------------
Each simulation permutes the whole variable. Simulations are split into a fixed number
of streams (``N_STREAMS``), each with its own child generator spawned from the seed, so
the result depends only on the seed, never on ``n_jobs`` or on timing; ``n_jobs`` threads
run the streams (numpy's shuffle and scipy's sparse products release the GIL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from jregion.autocorrelation._common import tie_counts

__all__ = [
    "N_STREAMS", "conditional_lags", "draw_slots", "global_simulations", "quadratic_simulations",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Fixed number of random streams of the global engine (independent of ``n_jobs``).
N_STREAMS = 8
#: Default memory budget of one chunk of simulated lags, in bytes.
CHUNK_BYTES = 48 * 2**20


def draw_slots(n: int, max_k: int, permutations: int, rng: np.random.Generator) -> IntArray:
    """Draw ``permutations`` ordered samples of ``max_k`` distinct positions in ``0..n-2``."""
    out = np.empty((permutations, max_k), dtype=np.int64)
    if max_k == 0:
        return out
    for p in range(permutations):
        out[p] = rng.choice(n - 1, size=max_k, replace=False, shuffle=True)
    return out


def conditional_lags(
    columns: FloatArray,
    w: Any,
    permutations: int,
    rng: np.random.Generator,
    *,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[tuple[IntArray, FloatArray]]:
    """Yield simulated spatial lags under conditional randomisation, chunk by chunk.

    Parameters
    ----------
    columns : numpy.ndarray
        ``(n, q)`` values to draw from (for example ``z``, or ``x`` and ``x**2``).
    w : CSRWeights or scipy.sparse.csr_array
        Off-diagonal weights, sorted indices, no stored zeros (``indptr`` and ``data`` are
        read).
    permutations : int
        Number of simulations.
    rng : numpy.random.Generator
        Source of randomness (drawn from once, before any chunk).
    chunk_bytes : int
        Upper bound of the memory of one chunk of simulated lags.

    Yields
    ------
    tuple of numpy.ndarray
        ``units`` (``m`` graph positions) and ``lags`` of shape ``(q, permutations, m)``:
        ``lags[c, p, u]`` is the lag of column ``c`` for unit ``units[u]`` in simulation ``p``.
        Units without neighbours are never yielded.
    """
    n, q = columns.shape
    indptr = np.asarray(w.indptr, dtype=np.int64)
    data = np.asarray(w.data, dtype=np.float64)
    card = np.diff(indptr)
    max_k = int(card.max()) if n else 0
    slots = draw_slots(n, max_k, permutations, rng)
    last = columns[n - 1] if n else np.zeros(q)
    per_unit = max(1, 8 * permutations * (q + 1))
    chunk = max(1, chunk_bytes // per_unit)
    where = np.full(n, -1, dtype=np.int64)
    for k in np.unique(card):
        if k == 0:
            continue
        units = np.flatnonzero(card == k)
        m = units.size
        wk = data[indptr[units][:, None] + np.arange(k)]
        rk = slots[:, :k]
        drawn = [np.ascontiguousarray(columns[rk, c]) for c in range(q)]  # q x (P, k)
        where[units] = np.arange(m)
        at = where[rk]  # position in this group of the unit a slot may coincide with
        where[units] = -1
        for c0 in range(0, m, chunk):
            c1 = min(c0 + chunk, m)
            lags = np.empty((q, permutations, c1 - c0), dtype=np.float64)
            ps, js = np.nonzero((at >= c0) & (at < c1))
            hit = at[ps, js]
            own = rk[ps, js]
            for c in range(q):
                np.matmul(drawn[c], wk[c0:c1].T, out=lags[c])
                lags[c, ps, hit - c0] += wk[hit, js] * (last[c] - columns[own, c])
            yield units[c0:c1], lags


def count_extremes(
    lags_iter: Iterator[tuple[IntArray, FloatArray]],
    n: int,
    observed: FloatArray,
    statistic: Callable[[IntArray, FloatArray], FloatArray],
) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Reduce simulated lags to counts of simulations >= and <= the observed statistic.

    ``statistic(units, lags)`` turns a chunk of lags into simulated statistics of shape
    ``(permutations, m)``. Returns ``(n_ge, n_le, sim_mean, sim_sd)`` per unit; units that
    never appear (no neighbours) get counts of -1 and NaN moments.
    """
    n_ge = np.full(n, -1, dtype=np.int64)
    n_le = np.full(n, -1, dtype=np.int64)
    mean = np.full(n, np.nan)
    sd = np.full(n, np.nan)
    for units, lags in lags_iter:
        sims = statistic(units, lags)
        obs = observed[units]
        spread = sims.std(axis=0)
        n_ge[units], n_le[units] = tie_counts(obs, sims, spread)
        mean[units] = sims.mean(axis=0)
        sd[units] = spread
    return n_ge, n_le, mean, sd


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS has one)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no sched_getaffinity
        return max(1, os.cpu_count() or 1)


def _streams(
    rng: np.random.Generator,
    permutations: int,
    n_jobs: int | None,
    run: Callable[[np.random.Generator, int], list[FloatArray]],
) -> list[FloatArray]:
    """Split ``permutations`` over ``N_STREAMS`` spawned generators; run them on threads."""
    streams = rng.spawn(N_STREAMS)
    bounds = np.linspace(0, permutations, N_STREAMS + 1).astype(np.int64)
    counts = [int(bounds[s + 1] - bounds[s]) for s in range(N_STREAMS)]
    if n_jobs is None:
        n_jobs = available_cores()
    if n_jobs > 1:
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            parts = list(pool.map(run, streams, counts))
    else:
        parts = [run(g, c) for g, c in zip(streams, counts, strict=True)]
    return [r for part in parts for r in part]


def global_simulations(
    values: FloatArray,
    statistic: Callable[[FloatArray], FloatArray],
    permutations: int,
    rng: np.random.Generator,
    *,
    n_jobs: int | None = None,
) -> FloatArray:
    """Simulate a global statistic under random permutations of the rows of ``values``.

    Parameters
    ----------
    values : numpy.ndarray
        ``(n,)`` or ``(n, q)``; rows are permuted together.
    statistic : callable
        Maps one permuted array to a 1-D array of ``s`` statistics.
    permutations : int
        Number of simulations.
    rng : numpy.random.Generator
        Parent generator; ``N_STREAMS`` children are spawned from it.
    n_jobs : int
        Threads that run the streams; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        ``(permutations, s)`` simulated statistics.
    """

    def run(gen: np.random.Generator, count: int) -> list[FloatArray]:
        # Shuffling one buffer in place again and again: each new order is a uniform
        # permutation independent of the previous ones (a uniform shuffle composed with
        # any fixed order is uniform), and it saves an allocation per simulation.
        buf = np.array(values, dtype=np.float64, copy=True)
        out = []
        for _ in range(count):
            gen.shuffle(buf)
            out.append(np.atleast_1d(statistic(buf)))
        return out

    rows = _streams(rng, permutations, n_jobs, run)
    if not rows:
        return np.empty((0, 1), dtype=np.float64)
    return np.vstack(rows)


def quadratic_simulations(
    values: FloatArray,
    upper: Any,
    square: FloatArray,
    permutations: int,
    rng: np.random.Generator,
    *,
    n_jobs: int | None = None,
    compiled: bool | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Simulate ``Q = v' U v`` and ``S = square . v**2`` over random permutations ``v`` of values.

    The permutations are exactly those of :func:`global_simulations` with the same ``rng``.
    ``compiled=None`` uses the numba kernels of :mod:`._compiled` when numba is installed,
    the generator can be replayed and the problem is large (``n * permutations >=
    COMPILED_MIN_WORK``); True asks for them (numpy is used if they are unavailable), False
    never uses them. Only the order of the sums differs between the two paths.

    Returns
    -------
    tuple of numpy.ndarray
        ``Q`` and ``S``, each of shape ``(permutations,)``.
    """
    from jregion.autocorrelation import _compiled

    n = values.shape[0]
    if compiled is None:
        compiled = n * permutations >= _compiled.COMPILED_MIN_WORK
    kernels = _compiled.compiled_kernels() if compiled and _compiled.replayable(rng, n) else None
    if kernels is not None:  # once for all streams
        compact = _compiled.compact_upper(upper)
        square_c = np.ascontiguousarray(square, dtype=np.float64)
        _compiled.load_kernels(kernels, n, compact)

    def run(gen: np.random.Generator, count: int) -> list[FloatArray]:
        if kernels is not None:
            q, s = _compiled.quadratic_stream(values, compact, square_c, count, gen, kernels)
            return [np.stack([q, s], axis=1)]
        buf = np.array(values, dtype=np.float64, copy=True)
        out = np.empty((count, 2), dtype=np.float64)
        for p in range(count):
            gen.shuffle(buf)
            out[p, 0] = buf @ (upper @ buf)
            out[p, 1] = square @ (buf * buf)
        return [out]

    parts = _streams(rng, permutations, n_jobs, run)
    both = np.vstack(parts) if parts else np.empty((0, 2), dtype=np.float64)
    return both[:, 0].copy(), both[:, 1].copy()
