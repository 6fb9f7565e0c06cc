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

Used only for large problems (``n * permutations >= COMPILED_MIN_WORK``), because importing
numba and loading or compiling the kernels costs about a second.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "COMPILED_MIN_WORK", "compact_upper", "compiled_kernels", "permutations_of", "quadratic_stream",
    "replayable",
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


def _shuffle_from_words(buf: Any, words: Any, state: Any) -> bool:  # pragma: no cover
    """Continue the Fisher-Yates shuffle of ``buf`` from 32-bit ``words``; False if they run out.

    ``state`` = [next word, next i, mask]: step ``i`` swaps ``buf[i]`` with ``buf[j]``, ``j =
    random_interval(i)``, and ``mask`` is the smallest ``2**k - 1 >= i``.
    """
    pos, i, mask = state[0], state[1], state[2]
    nwords = words.shape[0]
    # Branch-free rejection: a rejected word swaps buf[i] with itself and i stays, so the
    # next word retries the same step. i falls by at most one per word, so the mask halves
    # at most once per word.
    while i > 0 and pos < nwords:
        mask >>= np.int64((mask >> 1) >= i)
        value = np.int64(words[pos]) & mask
        pos += 1
        accept = value <= i
        j = value if accept else i
        tmp = buf[i]
        buf[i] = buf[j]
        buf[j] = tmp
        i -= np.int64(accept)
    state[0], state[1], state[2] = pos, i, mask
    return bool(i == 0)


def _quadratic(
    v: Any, indptr: Any, indices: Any, codes: Any, table: Any, square: Any, use_square: bool
) -> tuple[float, float]:  # pragma: no cover - compiled
    """``(v' U v, square . v**2)`` for an upper-triangular CSR ``U`` (S = 0 if not used).

    The weights are ``table[codes]`` (:func:`compact_upper`).
    """
    q = 0.0
    for r in range(v.shape[0]):
        acc = 0.0
        for k in range(indptr[r], indptr[r + 1]):
            acc += table[codes[k]] * v[indices[k]]
        q += v[r] * acc
    s = 0.0
    if use_square:
        for r in range(v.shape[0]):
            s += square[r] * v[r] * v[r]
    return q, s


@functools.cache
def compiled_kernels() -> tuple[Any, Any] | None:
    """Return the compiled ``(shuffle_from_words, quadratic)``, or None without numba."""
    from jregion._optional import import_optional
    from jregion.errors import MissingDependencyError

    try:
        numba = import_optional("numba")
    except MissingDependencyError:
        return None
    jit = numba.njit(nogil=True, cache=True)
    return jit(_shuffle_from_words), jit(_quadratic)


def permutations_of(
    values: FloatArray,
    count: int,
    gen: np.random.Generator,
    kernels: tuple[Any, Any],
    *,
    chunk: int | None = None,
) -> Iterator[FloatArray]:
    """Yield one buffer shuffled ``count`` times in succession, as ``gen.shuffle`` would.

    The buffer is reused: read it before asking for the next permutation. ``chunk`` is the
    number of raw 64-bit words fetched at a time (default ``n``; any value gives the same
    permutations).
    """
    shuffle = kernels[0]
    n = values.shape[0]
    buf = np.array(values, dtype=np.float64, copy=True)
    chunk = max(1, n) if chunk is None else chunk
    words = np.empty(0, dtype=np.uint32)
    state = np.zeros(3, dtype=np.int64)
    first_mask = (1 << max(n - 1, 1).bit_length()) - 1
    for _ in range(count):
        state[1], state[2] = n - 1, first_mask
        while not shuffle(buf, words, state):
            raw = gen.bit_generator.random_raw(chunk)
            # little-endian: the 32-bit view is low half, high half, ..., the order of
            # numpy's next_uint32
            words = raw.view(np.uint32) if np.little_endian else np.stack(
                [raw & np.uint64(0xFFFFFFFF), raw >> np.uint64(32)], axis=1
            ).ravel().astype(np.uint32)
            state[0] = 0
        yield buf


def compact_upper(upper: Any) -> tuple[Any, Any, Any, FloatArray]:
    """``(indptr, indices, codes, table)`` of an upper-triangular CSR, weights as ``table[codes]``.

    Few distinct weights (contiguity, row-standardised contiguity) get one- or two-byte
    codes, which cuts the memory read per permutation; many (kernels, distances) are read in
    place through an identity code.
    """
    index_type = np.int32 if upper.nnz < 2**31 else np.int64
    indptr = np.asarray(upper.indptr, dtype=index_type)
    indices = np.asarray(upper.indices, dtype=index_type)
    data = np.asarray(upper.data, dtype=np.float64)
    table, inverse = np.unique(data, return_inverse=True)
    if table.size <= 2**16:
        codes = inverse.astype(np.uint8 if table.size <= 2**8 else np.uint16)
    else:
        codes, table = np.arange(data.size, dtype=index_type), data
    return indptr, indices, codes, table


def quadratic_stream(
    values: FloatArray,
    upper: tuple[Any, Any, Any, FloatArray],
    square: FloatArray,
    count: int,
    gen: np.random.Generator,
    kernels: tuple[Any, Any],
) -> tuple[FloatArray, FloatArray]:
    """Run ``count`` successive shuffles of ``values`` with ``gen``; return Q and S of each.

    ``upper`` comes from :func:`compact_upper`; ``square`` is C-contiguous float64.
    """
    quadratic = kernels[1]
    use_square = bool(square.any())
    q = np.empty(count, dtype=np.float64)
    s = np.empty(count, dtype=np.float64)
    for p, buf in enumerate(permutations_of(values, count, gen, kernels)):
        q[p], s[p] = quadratic(buf, *upper, square, use_square)
    return q, s
