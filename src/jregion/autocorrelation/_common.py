"""Shared plumbing of the autocorrelation statistics: alignment, weights, p-values, seeds.

Every statistic aligns ``y`` to the graph's ids (a mismatch raises), reads the weights
as a CSR matrix in the graph's order, applies the transformation itself, warns on a
disconnected graph, and converts results back to the order of ``y``'s index.

Conventions (stated once, used everywhere):

* ``alternative="two-sided"``: normal p = 2 * (1 - Phi(|z|)); permutation
  p = min(1, 2 * min(#sims >= obs + 1, #sims <= obs + 1) / (permutations + 1)).
* ``"greater"`` / ``"less"``: one-sided in that direction (spdep's ``alternative``).
* ``"folded"``: esda's and GeoDa's pseudo p-value, the smaller tail not doubled:
  (min(#sims >= obs, #sims < obs) + 1) / (permutations + 1); normal p = 1 - Phi(|z|).
* Ties: a simulated value within ``TIE_RTOL * (|obs| + sd(sims))`` of the observed one
  counts as equal to it (in ">=" and in "<="). On discrete data (binary, counts, rounded
  values) many permutations give the observed statistic exactly; without the tolerance,
  floating-point summation order would decide on which side each of them falls.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion._keys import check_unique
from jregion.errors import (
    ConstantValueError,
    MissingValueError,
    UnmatchedKeyError,
)
from jregion.weights._convert import GraphLike, as_graph
from jregion.weights._csr import CSRWeights
from jregion.weights._sparse import SparseGraph

if TYPE_CHECKING:
    import scipy.sparse

__all__ = [
    "TIE_RTOL",
    "Alternative",
    "ConstantValueError",
    "Prepared",
    "Seed",
    "Transformation",
    "make_rng",
    "normal_p",
    "permutation_p",
    "prepare",
    "tie_counts",
]

Alternative = Literal["two-sided", "greater", "less", "folded"]
Transformation = Literal["r", "b", "o"]
Seed = int | np.random.Generator | None
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_ALTERNATIVES = ("two-sided", "greater", "less", "folded")
_TRANSFORMATIONS = ("r", "b", "o")


@dataclass(frozen=True, eq=False)
class Prepared:
    """A variable and its weights, both in the graph's order, ready for a statistic.

    ``w`` holds the off-diagonal weights (CSR in numpy, no stored zeros), ``sparse`` the
    same as a scipy matrix (built on first use), and ``self_weight`` the diagonal; ``order``
    maps graph positions back to the rows of ``y`` so that ``out[order] =
    result_in_graph_order`` is aligned to ``y``.
    """

    index: pd.Index
    values: FloatArray
    w: CSRWeights
    self_weight: FloatArray
    order: IntArray

    @functools.cached_property
    def sparse(self) -> scipy.sparse.csr_array:
        """The off-diagonal weights as a :class:`scipy.sparse.csr_array` (imports scipy)."""
        return self.w.to_scipy()

    @functools.cached_property
    def symmetric(self) -> scipy.sparse.csr_array:
        """``W + W'`` of the off-diagonal weights (S1 and the permuted quadratic forms)."""
        import scipy.sparse as sp

        return sp.csr_array(self.sparse + self.sparse.T)

    @property
    def n(self) -> int:
        """Number of observations."""
        return int(self.values.shape[0])

    def to_input(self, arr: npt.ArrayLike, name: str) -> pd.Series:
        """Return a graph-ordered array as a Series aligned to the input index."""
        a = np.asarray(arr)
        out = np.empty_like(a)
        out[self.order] = a
        return pd.Series(out, index=self.index, name=name)


def check_options(
    *, alternative: str, transformation: str, permutations: int
) -> None:
    """Validate the options shared by every statistic."""
    if alternative not in _ALTERNATIVES:
        raise ValueError(
            f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}"
        )
    if transformation not in _TRANSFORMATIONS:
        raise ValueError(
            f"transformation must be 'r' (row-standardised), 'b' (binary) or 'o' (the graph's "
            f"own weights), got {transformation!r}"
        )
    if isinstance(permutations, bool) or not isinstance(permutations, int | np.integer):
        raise TypeError(f"permutations must be an int, got {type(permutations).__name__}")
    if permutations < 0:
        raise ValueError(f"permutations must be >= 0 (0 skips them), got {permutations}")


def _numeric(y: Any, what: str) -> pd.Series:
    if not isinstance(y, pd.Series):
        raise TypeError(
            f"{what} must be a pandas Series indexed like the graph's ids, got "
            f"{type(y).__name__}; select a column, e.g. df['value']"
        )
    check_unique(y.index, what=what, kind="index labels", fix="one row per unit")
    if y.dtype == bool or not pd.api.types.is_numeric_dtype(y.dtype):
        raise TypeError(f"{what} must be numeric, got dtype {y.dtype}")
    missing = y.isna()
    if missing.any():
        labels = y.index[missing.to_numpy()][:5].tolist()
        raise MissingValueError(
            f"{what} has {int(missing.sum())} missing value(s), e.g. at {labels}; drop those "
            "units from both the data and the graph (graph.subgraph(ids)) or fill them explicitly"
        )
    inf = np.isinf(y.to_numpy(dtype="float64", na_value=np.nan))
    if inf.any():
        labels = y.index[inf][:5].tolist()
        raise MissingValueError(
            f"{what} has {int(inf.sum())} infinite value(s), e.g. at {labels}; a statistic "
            "over them is undefined: drop those units from both the data and the graph "
            "(graph.subgraph(ids)) or replace them explicitly"
        )
    return y


def _weights(
    graph: SparseGraph, transformation: str, star: bool
) -> tuple[CSRWeights, FloatArray]:
    """Weights in the graph's order after the transformation, split from the diagonal."""
    w = graph.csr
    diag = w.diagonal()
    w = w.select((w.rows != w.indices) & (w.data != 0))
    if star:
        diag = np.ones(w.n, dtype=np.float64)
    if transformation == "b":
        w = w.with_data(np.ones(w.nnz))
        diag = (diag != 0).astype(np.float64)
    elif transformation == "r":
        sums = w.row_sums() + diag
        inv = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums != 0)
        w = w.with_data(w.data * inv[w.rows])
        diag = diag * inv
    return w, diag


def _is_connected(w: CSRWeights) -> bool:
    if w.n == 0:
        return True
    if (np.diff(w.indptr) == 0).any():
        return False
    return bool(w.component_labels().max() == 0)


def prepare(
    y: Any,
    graph: GraphLike,
    *,
    transformation: str,
    star: bool = False,
    what: str = "y",
    stacklevel: int = 4,
) -> Prepared:
    """Align ``y`` to ``graph``, transform the weights and warn on a disconnected graph.

    Raises
    ------
    TypeError
        If ``graph`` is not a GraphLike (:func:`jregion.weights.as_graph`) or ``y`` not a
        numeric Series.
    UnmatchedKeyError
        If ``y``'s index and the graph's ids differ.
    """
    series = _numeric(y, what)
    graph = as_graph(graph)
    ids = graph.unique_ids
    same_order = ids.equals(series.index)  # the usual case; much cheaper than isin
    if not same_order and (len(ids) != len(series) or not ids.isin(series.index).all()):
        only_y = series.index.difference(ids)[:5].tolist()
        only_g = ids.difference(series.index)[:5].tolist()
        raise UnmatchedKeyError(
            f"{what}'s index does not match the graph's ids ({len(series)} vs {len(ids)} units; "
            f"only in {what}: {only_y}; only in the graph: {only_g}); build the graph from the "
            "same rows, or use graph.subgraph(ids) / y.loc[list(graph.unique_ids)]"
        )
    pos = np.arange(len(ids)) if same_order else series.index.get_indexer(ids)
    values = series.to_numpy(dtype=np.float64)[pos]
    w, diag = _weights(graph, transformation, star)
    if not _is_connected(w):
        from jregion.weights import check_connectivity

        check_connectivity(graph, stacklevel=stacklevel)
    return Prepared(
        index=series.index, values=values, w=w, self_weight=diag, order=pos.astype(np.int64)
    )


def aligned(y: Any, prep: Prepared, what: str) -> FloatArray:
    """Align a second variable to an already prepared one (same index set)."""
    series = _numeric(y, what)
    if len(series) != prep.n or not series.index.isin(prep.index).all():
        raise UnmatchedKeyError(
            f"{what}'s index does not match the first variable's index; pass Series with the "
            "same labels"
        )
    by_label = series.reindex(prep.index).to_numpy(dtype=np.float64)
    out = np.empty(prep.n, dtype=np.float64)
    out[:] = by_label[prep.order]
    return out


def make_rng(seed: Seed) -> np.random.Generator:
    """Make a numpy Generator from an int, a Generator (used as is) or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, int | np.integer) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise TypeError(f"seed must be an int, a numpy Generator or None, got {type(seed).__name__}")


def seed_label(seed: Seed) -> int | None:
    """Return the seed as recorded in results: the int, or None for a Generator or entropy."""
    return int(seed) if isinstance(seed, int | np.integer) else None


_ERFC = np.frompyfunc(math.erfc, 1, 1)


def normal_sf(z: npt.ArrayLike) -> FloatArray:
    """Upper tail of the standard normal, 1 - Phi(z) = erfc(z / sqrt(2)) / 2.

    The C library's ``erfc`` (through :func:`math.erfc`) has no cancellation in the upper
    tail and agrees with ``scipy.special.ndtr(-z)`` to a few ulp; using it keeps
    ``scipy.special`` (a 0.2 s import) out of every statistic.
    """
    zz = np.asarray(z, dtype=np.float64)
    out = np.array(_ERFC(zz / math.sqrt(2.0)), dtype=np.float64)
    out *= 0.5
    return out


def normal_p(z: npt.ArrayLike, alternative: str) -> FloatArray:
    """Normal-approximation p-value of a standard deviate under ``alternative``."""
    zz = np.asarray(z, dtype=np.float64)
    if alternative == "two-sided":
        return np.minimum(1.0, 2.0 * normal_sf(np.abs(zz)))
    if alternative == "greater":
        return normal_sf(zz)
    if alternative == "less":
        return normal_sf(-zz)
    return normal_sf(np.abs(zz))


#: Relative tolerance under which a simulated statistic ties with the observed one.
TIE_RTOL = 1e-9


def tie_counts(
    observed: npt.ArrayLike, sims: FloatArray, sd: FloatArray | None = None
) -> tuple[IntArray, IntArray]:
    """Count simulations ``>=`` and ``<=`` the observed statistic, ties within tolerance.

    ``sims`` has simulations along axis 0; ``observed`` is a scalar or one value per column;
    ``sd`` is ``sims.std(axis=0)`` when the caller has it already.
    """
    obs = np.asarray(observed, dtype=np.float64)
    tol = TIE_RTOL * (np.abs(obs) + (sims.std(axis=0) if sd is None else sd))
    ge = (sims >= obs - tol).sum(axis=0)
    le = (sims <= obs + tol).sum(axis=0)
    return np.asarray(ge, dtype=np.int64), np.asarray(le, dtype=np.int64)


def permutation_p(
    n_ge: npt.ArrayLike, n_le: npt.ArrayLike, permutations: int, alternative: str
) -> FloatArray:
    """Pseudo p-value from the counts of simulations >= and <= the observed statistic."""
    ge = np.asarray(n_ge, dtype=np.float64)
    le = np.asarray(n_le, dtype=np.float64)
    p1 = permutations + 1.0
    if alternative == "greater":
        return (ge + 1.0) / p1
    if alternative == "less":
        return (le + 1.0) / p1
    if alternative == "two-sided":
        return np.minimum(1.0, 2.0 * (np.minimum(ge, le) + 1.0) / p1)
    below = permutations - ge
    return (np.minimum(ge, below) + 1.0) / p1


def weight_sums(prep: Prepared) -> tuple[float, float, float]:
    """S0, S1 and S2 of the full weights matrix (off-diagonal plus diagonal)."""
    import scipy.sparse as sp

    w, self_weight = prep.sparse, prep.self_weight
    if self_weight.any():
        full = sp.csr_array(w + sp.diags_array(self_weight, format="csr"))
        sym = full + full.T
    else:
        full, sym = w, prep.symmetric
    s0 = float(full.sum())
    s1 = 0.5 * float((sym.multiply(sym)).sum())
    rows = np.asarray(full.sum(axis=1)).ravel()
    cols = np.asarray(full.sum(axis=0)).ravel()
    s2 = float(((rows + cols) ** 2).sum())
    return s0, s1, s2
