"""Optional compiled kernels (numba, ``pip install "jregion[fast]"``) for global permutations.

numpy's ``Generator.shuffle`` costs 10-30 ns per element on this kind of machine, most of a
permutation test's time at 380,000 cells. The kernels here replay the *same* algorithm from
the generator's raw output: Fisher-Yates from the last element down, with
``j = random_interval(i)`` drawn as numpy draws it (the smallest bit mask >= i applied to
32-bit words, rejecting values > i; each raw 64-bit word gives its low then its high half,
as ``next_uint32`` of PCG64, PCG64DXSM, SFC64 and Philox does). So the compiled path gives
exactly the permutations of the numpy path for the same seed
(tests/test_autocorrelation_compiled.py compares them); only the summation order of the
statistic differs (rounding: up to ~1e-10 relative for simulated values near 0), and
:data:`jregion.autocorrelation._common.TIE_RTOL` keeps such rounding out of the p-values.

Used only for large problems (``n * permutations >= COMPILED_MIN_WORK``): a process pays once
for importing numba (about 0.15 s) and loading the cached kernels (about 0.14 s, with the
garbage collector paused by :func:`load_kernels`; compiling them on the first run after an
install takes a few seconds more).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "COMPILED_MIN_WORK", "compact_upper", "compiled_kernels", "load_kernels", "permutations_of",
    "quadratic_stream", "replayable",
]

FloatArray = npt.NDArray[np.float64]

#: Smallest ``n * permutations`` for which the compiled kernels are used when available.
COMPILED_MIN_WORK = 20_000_000
#: Bit generators whose ``next_uint32`` is the low then the high half of each raw word.
_HALF_WORD_GENERATORS = (np.random.PCG64, np.random.PCG64DXSM, np.random.SFC64, np.random.Philox)


def replayable(rng: np.random.Generator, n: int) -> bool:
    """Whether the kernels can replay ``rng.shuffle`` on ``n`` elements exactly.

    True for the half-word generators with no buffered half word (a fresh or spawned
    generator; after an odd number of 32-bit draws numpy would use the buffered half first).
    """
    bitgen = rng.bit_generator
    return (
        type(bitgen) in _HALF_WORD_GENERATORS
        and 1 <= n < 2**32
        and not bitgen.state.get("has_uint32", 0)
    )


def _draw_from_words(js: Any, words: Any, state: Any) -> bool:  # pragma: no cover
    """Continue drawing the Fisher-Yates swap targets ``js[i]`` from 32-bit ``words``.

    ``state`` = [next word, next i, mask]: step ``i`` draws ``j = random_interval(i)``, and
    ``mask`` is the smallest ``2**k - 1 >= i``. Returns False when the words run out first.
    Within a run of steps that share a mask the loop is branch-free: every word writes its
    masked value to ``js[i]`` and ``i`` moves on only if the value is accepted (``<= i``),
    so the last write to ``js[i]`` is the accepted one. Drawing apart from swapping keeps
    this two-operation dependency chain free of the swaps' cache misses (1.4 + 1.3 ms per
    permutation of 380,060 values here, against 4.2 ms for the two fused).
    """
    pos, i, mask = state[0], state[1], state[2]
    nwords = words.shape[0]
    while i > 0 and pos < nwords:
        low = mask >> 1
        while i > low and pos < nwords:
            value = np.int64(words[pos]) & mask
            pos += 1
            js[i] = value
            i -= np.int64(value <= i)
        if i <= low:
            mask = low
    state[0], state[1], state[2] = pos, i, mask
    return bool(i == 0)


def _swap(buf: Any, js: Any) -> None:  # pragma: no cover - compiled
    """Apply the Fisher-Yates swaps ``buf[i] <-> buf[js[i]]`` for ``i = n - 1, ..., 1``."""
    for i in range(buf.shape[0] - 1, 0, -1):
        j = js[i]
        tmp = buf[i]
        buf[i] = buf[j]
        buf[j] = tmp


def _quadratic(
    v: Any, rows: Any, cols: Any, codes: Any, table: Any, square: Any, use_square: bool
) -> tuple[float, float]:  # pragma: no cover - compiled
    """``(v' U v, square . v**2)`` for an upper-triangular ``U`` in coordinate form.

    S is 0 unless ``use_square``.

    The weights are ``table[codes]`` (:func:`compact_upper`). One flat loop over the links
    (no per-row inner loop) runs in 1.9 ms instead of 3.5 ms at 758,887 links.
    """
    q = 0.0
    for k in range(cols.shape[0]):
        q += table[codes[k]] * v[rows[k]] * v[cols[k]]
    s = 0.0
    if use_square:
        for r in range(v.shape[0]):
            s += square[r] * v[r] * v[r]
    return q, s


@functools.cache
def compiled_kernels() -> tuple[Any, Any, Any] | None:
    """Return the compiled ``(draw_from_words, swap, quadratic)``, or None without numba."""
    from jregion._numba import jit

    kernels = jit(_draw_from_words, _swap, _quadratic)
    return None if kernels is None else (kernels[0], kernels[1], kernels[2])


def _position_type(n: int) -> type[np.signedinteger[Any]]:
    return np.int32 if n < 2**31 else np.int64


def load_kernels(
    kernels: tuple[Any, Any, Any], n: int, upper: tuple[Any, Any, Any, FloatArray]
) -> None:
    """Load the kernels for ``n`` values and this ``upper`` now, on the calling thread.

    Each kernel is called once on empty arrays of the argument types that
    :func:`quadratic_stream` will use, with the garbage collector paused
    (:func:`jregion._numba.gc_paused`); otherwise the first stream's thread would load them
    with the collector running while the other threads waited on numba's lock.
    """
    from jregion._numba import gc_paused

    js = np.zeros(0, dtype=_position_type(n))
    with gc_paused():
        kernels[0](js, np.zeros(0, dtype=np.uint32), np.zeros(3, dtype=np.int64))
        kernels[1](np.zeros(0, dtype=np.float64), js)
        kernels[2](np.zeros(0, dtype=np.float64), *(a[:0] for a in upper),
                   np.zeros(0, dtype=np.float64), False)


def permutations_of(
    values: FloatArray,
    count: int,
    gen: np.random.Generator,
    kernels: tuple[Any, Any, Any],
    *,
    chunk: int | None = None,
) -> Iterator[FloatArray]:
    """Yield one buffer shuffled ``count`` times in succession, as ``gen.shuffle`` would.

    The buffer is reused: read it before asking for the next permutation. ``chunk`` is the
    number of raw 64-bit words fetched at a time (default ``n``; any value gives the same
    permutations).
    """
    draw, swap = kernels[0], kernels[1]
    n = values.shape[0]
    buf = np.array(values, dtype=np.float64, copy=True)
    js = np.zeros(n, dtype=_position_type(n))
    chunk = max(1, n) if chunk is None else chunk
    words = np.empty(0, dtype=np.uint32)
    state = np.zeros(3, dtype=np.int64)
    first_mask = (1 << max(n - 1, 1).bit_length()) - 1
    for _ in range(count):
        state[1], state[2] = n - 1, first_mask
        while not draw(js, words, state):
            raw = gen.bit_generator.random_raw(chunk)
            # little-endian: the 32-bit view is low half, high half, ..., the order of
            # numpy's next_uint32
            words = raw.view(np.uint32) if np.little_endian else np.stack(
                [raw & np.uint64(0xFFFFFFFF), raw >> np.uint64(32)], axis=1
            ).ravel().astype(np.uint32)
            state[0] = 0
        swap(buf, js)
        yield buf


def compact_upper(upper: Any) -> tuple[Any, Any, Any, FloatArray]:
    """``(rows, cols, codes, table)`` of an upper-triangular CSR, weights as ``table[codes]``.

    Coordinate form, rows sorted, so :func:`_quadratic` runs one flat loop. Few distinct
    weights (contiguity, row-standardised contiguity) get one- or two-byte codes, which cuts
    the memory read per permutation; many (kernels, distances) are read in place through an
    identity code.
    """
    index_type = np.int32 if max(upper.nnz, upper.shape[0]) < 2**31 else np.int64
    counts = np.diff(np.asarray(upper.indptr))
    rows = np.repeat(np.arange(upper.shape[0], dtype=index_type), counts)
    cols = np.asarray(upper.indices, dtype=index_type)
    data = np.asarray(upper.data, dtype=np.float64)
    # a hash table, not np.unique's sort: 1.5 ms instead of 27 ms at 179,400 links
    inverse, table = pd.factorize(data, sort=True)
    if table.size <= 2**16 and not (inverse < 0).any():  # -1 codes a NaN: read in place
        codes = inverse.astype(np.uint8 if table.size <= 2**8 else np.uint16)
    else:
        codes, table = np.arange(data.size, dtype=index_type), data
    return rows, cols, codes, table


def quadratic_stream(
    values: FloatArray,
    upper: tuple[Any, Any, Any, FloatArray],
    square: FloatArray,
    count: int,
    gen: np.random.Generator,
    kernels: tuple[Any, Any, Any],
) -> tuple[FloatArray, FloatArray]:
    """Run ``count`` successive shuffles of ``values`` with ``gen``; return Q and S of each.

    ``upper`` comes from :func:`compact_upper`; ``square`` is C-contiguous float64.
    """
    quadratic = kernels[2]
    use_square = bool(square.any())
    q = np.empty(count, dtype=np.float64)
    s = np.empty(count, dtype=np.float64)
    for p, buf in enumerate(permutations_of(values, count, gen, kernels)):
        q[p], s[p] = quadratic(buf, *upper, square, use_square)
    return q, s
