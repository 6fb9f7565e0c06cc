"""Join counts: whether units of one category are neighbours more often than by chance."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion.autocorrelation._common import (
    Alternative,
    Seed,
    Transformation,
    check_options,
    make_rng,
    normal_p,
    permutation_p,
    prepare,
    seed_label,
    tie_counts,
    weight_sums,
)
from jregion.autocorrelation._permutation import global_simulations
from jregion.autocorrelation._results import JoinCountResult
from jregion.errors import MissingValueError
from jregion.weights._convert import GraphLike

__all__ = ["join_counts"]

FloatArray = npt.NDArray[np.float64]


def join_counts(
    y: pd.Series,
    graph: GraphLike,
    *,
    transformation: Transformation = "b",
    permutations: int = 999,
    seed: Seed = None,
    alternative: Alternative = "two-sided",
    n_jobs: int | None = None,
) -> JoinCountResult:
    """Same-category join counts with moments under non-free sampling and permutations.

    For each category ``c``, ``joins = 0.5 * sum_ij w_ij [y_i = c][y_j = c]`` (with binary
    weights: the number of neighbouring pairs both in ``c``), expectation and variance
    as spdep's ``joincount.test(sampling="nonfree")``. ``p_sim`` permutes the labels.
    spdep's default alternative is "greater" (clustering); here "two-sided".

    Parameters
    ----------
    y : pandas.Series
        Labels (bool, category, str or int) indexed like ``graph.unique_ids``; no missing.
    graph : GraphLike
        Spatial weights (binary by default, as spdep's style "B").
    transformation : {"b", "r", "o"}
        Weights transformation.
    permutations : int
        Number of permutations of the labels; 0 skips them.
    seed : int, numpy.random.Generator or None
        Seed of the permutations.
    alternative : {"two-sided", "greater", "less", "folded"}
        Direction of the p-values ("greater": more same-category joins than expected).
    n_jobs : int or None
        Threads for the permutations; default None uses every core available to the process.
        Results do not depend on it.

    Returns
    -------
    JoinCountResult
        ``table`` (also ``to_frame()``): one row per category with ``count`` (units),
        ``joins``, ``expected``, ``variance``, ``z``, ``p_norm``, ``p_sim``.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import join_counts
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = pop / jregion.load_indicator("area")["area_km2"]
    >>> dense = density > density.median()
    >>> res = join_counts(dense, graph, seed=1)
    >>> res.table[["count", "joins"]].astype(int).to_numpy().tolist()  # False, True
    [[24, 26], [23, 24]]
    """
    check_options(alternative=alternative, transformation=transformation,
                  permutations=permutations)
    if not isinstance(y, pd.Series):
        raise TypeError(f"y must be a pandas Series of labels, got {type(y).__name__}")
    if y.isna().any():
        raise MissingValueError(
            f"y has {int(y.isna().sum())} missing label(s); drop those units or give them a label"
        )
    cat = pd.Categorical(y)
    codes = pd.Series(cat.codes.astype(np.float64), index=y.index)
    prep = prepare(codes, graph, transformation=transformation)
    n = float(prep.n)
    if n < 4:
        raise ValueError(f"join counts need at least 4 observations, got {prep.n}")
    k = len(cat.categories)
    onehot = (prep.values[:, None] == np.arange(k)[None, :]).astype(np.float64)
    import scipy.sparse as sp

    upper = sp.csr_array(sp.triu(prep.symmetric, k=1, format="csr"))
    diag = prep.self_weight

    def stat(v: FloatArray) -> FloatArray:
        return np.asarray(0.5 * ((v * (upper @ v)).sum(axis=0) + diag @ (v * v)),
                          dtype=np.float64)

    joins = stat(onehot)
    s0, s1, s2 = weight_sums(prep)
    nt = onehot.sum(axis=0)
    n1, n2, n3 = n - 1.0, n - 2.0, n - 3.0
    expected = s0 * nt * (nt - 1) / (2.0 * n * n1)
    var = s1 * nt * (nt - 1) / (n * n1)
    var += (s2 - 2 * s1) * nt * (nt - 1) * (nt - 2) / (n * n1 * n2)
    var += (s0 * s0 + s1 - s2) * nt * (nt - 1) * (nt - 2) * (nt - 3) / (n * n1 * n2 * n3)
    var = 0.25 * var - expected**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (joins - expected) / np.sqrt(var)
    sims = np.empty((0, k))
    p_sim = np.full(k, np.nan)
    if permutations:
        sims = global_simulations(onehot, stat, permutations, make_rng(seed), n_jobs=n_jobs)
        p_sim = permutation_p(*tie_counts(joins, sims), permutations, alternative)
    table = pd.DataFrame(
        {"count": nt.astype(np.int64), "joins": joins, "expected": expected, "variance": var,
         "z": z, "p_norm": normal_p(z, alternative), "p_sim": p_sim},
        index=pd.Index(cat.categories, name="category"),
    )
    return JoinCountResult(
        table=table, permutations=permutations, seed=seed_label(seed), values=y.copy(),
        simulations=sims, alternative=alternative, transformation=transformation,
    )
