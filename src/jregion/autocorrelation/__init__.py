"""Spatial autocorrelation: global and local statistics, seeded and verified against spdep.

Every statistic takes ``(y, graph)``: a pandas Series and a :class:`libpysal.graph.Graph`
whose ids are ``y``'s index (any order; a mismatch raises). Options are keyword-only:
``transformation`` ("r" row-standardised, "b" binary, "o" the graph's own weights),
``permutations`` (999; 0 skips them), ``seed`` and ``alternative``. A graph with isolates
or several components warns :class:`~jregion.errors.DisconnectedGraphWarning`.

Conventions
-----------
* Formulas and moments follow R's spdep (the recorded spdep output is the test
  reference): ``moran.test``, ``geary.test``, ``globalG.test``, ``joincount.test``,
  ``localmoran(conditional=TRUE)``, ``localG``, ``localC``, ``moran_bv``, ``EBImoran.mc``.
  ``n`` counts every unit (spdep's ``adjust.n`` for isolates is not applied).
* ``mlvar`` (local Moran's I): True divides by ``n`` (spdep's default), False by
  ``n - 1`` (esda's ``Moran_Local``).
* ``alternative`` (default "two-sided", where spdep's global tests default to
  "greater"): normal p = 2 (1 - Phi(|z|)); permutation p =
  min(1, 2 (min(#sims >= obs, #sims <= obs) + 1) / (permutations + 1)). "greater" and
  "less" are one-sided. "folded" is esda's and GeoDa's pseudo p-value
  (min(#sims >= obs, #sims < obs) + 1) / (permutations + 1), one-sided in the observed
  direction; its normal p is 1 - Phi(|z|). A simulated value within 1e-9 (relative to
  ``|obs| + sd(sims)``) of the observed statistic counts as a tie, on both sides, so that
  p-values on discrete data do not depend on floating-point summation order.
* Permutations run in numpy: the same int ``seed`` gives identical results in every run
  and process, and ``n_jobs`` never changes them. With the ``fast`` extra (numba), global
  statistics on large layers replay the same permutations in compiled code.
  Local statistics use conditional randomisation with one ordered sample of neighbour
  slots per simulation shared by all units (as esda).

Examples
--------
>>> import numpy as np
>>> import jregion
>>> from jregion.autocorrelation import local_moran, moran
>>> from jregion.weights import build_weights
>>> graph = build_weights(jregion.load_prefectures(), links="japan")
>>> pop = jregion.load_indicator("population", year=2015)["population"]
>>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
>>> round(moran(density, graph, seed=7).I, 4)
0.3319
>>> a = local_moran(density, graph, seed=7).p_sim
>>> b = local_moran(density, graph, seed=7).p_sim
>>> a.equals(b)
True
"""

from __future__ import annotations

from jregion.autocorrelation._adjust import adjust_pvalues
from jregion.autocorrelation._common import ConstantValueError
from jregion.autocorrelation._global import bivariate_moran, geary, general_g, moran
from jregion.autocorrelation._joincount import join_counts
from jregion.autocorrelation._local import local_g, local_geary, local_moran
from jregion.autocorrelation._rates import eb_standardise, moran_rate
from jregion.autocorrelation._results import (
    BivariateMoranResult,
    GearyResult,
    GeneralGResult,
    JoinCountResult,
    LocalGearyResult,
    LocalGResult,
    LocalMoranResult,
    MoranResult,
)

__all__ = [
    "BivariateMoranResult",
    "ConstantValueError",
    "GearyResult",
    "GeneralGResult",
    "JoinCountResult",
    "LocalGResult",
    "LocalGearyResult",
    "LocalMoranResult",
    "MoranResult",
    "adjust_pvalues",
    "bivariate_moran",
    "eb_standardise",
    "geary",
    "general_g",
    "join_counts",
    "local_g",
    "local_geary",
    "local_moran",
    "moran",
    "moran_rate",
]
