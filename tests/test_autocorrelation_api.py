"""Contract of the autocorrelation API: alignment, errors, warnings, labels, results."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.autocorrelation import (
    ConstantValueError,
    adjust_pvalues,
    general_g,
    join_counts,
    local_g,
    local_moran,
    moran,
)
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.errors import (
    DisconnectedGraphWarning,
    DuplicateKeyError,
    MissingValueError,
    UnmatchedKeyError,
)
from jregion.weights import build_weights


@pytest.fixture(scope="module")
def graph(prefs):
    return build_weights(prefs, kind="queen", links="japan")


@pytest.fixture(scope="module")
def density() -> pd.Series:
    pop = jregion.load_indicator("population", year=2015)["population"]
    area = jregion.load_indicator("area")["area_km2"]
    return np.log(pop / area).astype("float64").rename("density")


def test_result_aligned_to_shuffled_input(graph, density) -> None:
    shuffled = density.sample(frac=1.0, random_state=3)
    a = local_moran(density, graph, seed=5).to_frame()
    b = local_moran(shuffled, graph, seed=5).to_frame()
    assert list(b.index) == list(shuffled.index)
    pd.testing.assert_frame_equal(a, b.loc[a.index])
    m = moran(shuffled, graph, permutations=0)
    assert list(m.to_frame().index) == list(shuffled.index)
    assert pytest.approx(moran(density, graph, permutations=0).I, rel=1e-14) == m.I


def test_input_not_mutated(graph, density) -> None:
    before = density.copy()
    adj_before = graph.adjacency.copy()
    local_moran(density, graph, seed=1, permutations=9)
    pd.testing.assert_series_equal(density, before)
    pd.testing.assert_series_equal(graph.adjacency, adj_before)


def test_cluster_labels_fixed_order(graph, density) -> None:
    res = local_moran(density, graph, seed=1)
    frame = res.to_frame()
    assert list(frame.columns[:0]) == []
    assert {"Ii", "p_sim", "quadrant", "cluster"} <= set(frame.columns)
    assert list(frame["cluster"].cat.categories) == list(LISA_LABELS)
    # Tokyo (13) is dense among dense neighbours; Hokkaido (01) sparse among sparse ones
    assert frame.loc["13", "quadrant"] == "High-High"
    assert frame.loc["01", "quadrant"] == "Low-Low"
    ns = frame["p_adjusted"] > res.alpha
    assert (frame.loc[ns, "cluster"] == "Not significant").all()
    sig = ~ns
    assert (frame.loc[sig, "cluster"].astype(str) == frame.loc[sig, "quadrant"].astype(str)).all()


def test_adjust_changes_significance(graph, density) -> None:
    none = local_moran(density, graph, seed=1)
    fdr = local_moran(density, graph, seed=1, adjust="fdr")
    bonf = local_moran(density, graph, seed=1, adjust="bonferroni")
    pd.testing.assert_series_equal(fdr.p_adjusted,
                                   adjust_pvalues(none.p_sim, method="fdr"), check_names=False)
    n_sig = [int((r.cluster != "Not significant").sum()) for r in (none, fdr, bonf)]
    assert n_sig[0] >= n_sig[1] >= n_sig[2]
    np.testing.assert_allclose(bonf.p_adjusted, np.minimum(1, none.p_sim * 47))


def test_results_are_frozen(graph, density) -> None:
    res = moran(density, graph, permutations=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.I = 0.0  # type: ignore[misc]
    assert np.isnan(res.p_sim)


def test_index_mismatch_raises(graph, density) -> None:
    with pytest.raises(UnmatchedKeyError, match="only in the graph: \\['47'\\]"):
        moran(density.drop("47"), graph)


def test_duplicate_missing_constant_raise(graph, density) -> None:
    with pytest.raises(DuplicateKeyError):
        moran(pd.concat([density, density.iloc[:1]]), graph)
    with_nan = density.copy()
    with_nan["13"] = np.nan
    with pytest.raises(MissingValueError, match="13"):
        local_moran(with_nan, graph)
    with pytest.raises(ConstantValueError):
        moran(density * 0 + 1, graph)
    with pytest.raises(TypeError, match="Series"):
        moran(density.to_numpy(), graph)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Graph"):
        moran(density, {"a": 1})


def test_bad_options_raise(graph, density) -> None:
    with pytest.raises(ValueError, match="alternative"):
        moran(density, graph, alternative="both")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="transformation"):
        moran(density, graph, transformation="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="permutations"):
        moran(density, graph, permutations=-1)
    with pytest.raises(ValueError, match="alpha"):
        local_moran(density, graph, alpha=5)
    with pytest.raises(ValueError, match="non-negative"):
        general_g(density - 10, graph)
    with pytest.raises(ValueError, match="non-negative"):
        local_g(density - 10, graph)


def test_disconnected_graph_warns(prefs, density) -> None:
    plain = build_weights(prefs, kind="queen")
    with pytest.warns(DisconnectedGraphWarning, match="isolates"):
        res = local_moran(density, plain, seed=1)
    # isolates (Hokkaido, Okinawa): lag 0, Ii 0, no p-value, never significant
    frame = res.to_frame()
    assert frame.loc[["01", "47"], "Ii"].tolist() == [0.0, 0.0]
    assert frame.loc[["01", "47"], "p_sim"].isna().all()
    assert (frame.loc[["01", "47"], "cluster"] == "Not significant").all()
    with pytest.warns(DisconnectedGraphWarning):
        moran(density, plain, permutations=0)


def test_alternatives_are_consistent(graph, density) -> None:
    two = moran(density, graph, seed=2, alternative="two-sided")
    greater = moran(density, graph, seed=2, alternative="greater")
    less = moran(density, graph, seed=2, alternative="less")
    folded = moran(density, graph, seed=2, alternative="folded")
    assert greater.p_norm == pytest.approx(1 - less.p_norm)
    assert two.p_norm == pytest.approx(2 * folded.p_norm)
    ge = int((two.simulations >= two.I).sum())
    assert greater.p_sim == (ge + 1) / 1000
    assert two.p_sim == min(1.0, 2 * min(ge + 1, (two.simulations <= two.I).sum() + 1) / 1000)


def test_join_counts_accept_labels(graph, density) -> None:
    labels = pd.Series(np.where(density > density.median(), "dense", "sparse"),
                       index=density.index)
    res = join_counts(labels, graph, seed=1)
    assert list(res.table.index) == ["dense", "sparse"]
    assert res.table["count"].sum() == 47
    missing = labels.copy()
    missing["01"] = None
    with pytest.raises(MissingValueError):
        join_counts(missing, graph)


@pytest.mark.parametrize("bad", [np.inf, -np.inf])
@pytest.mark.parametrize("stat", [moran, local_moran, general_g, local_g])
def test_infinite_values_raise_like_missing_ones(graph, density, stat, bad) -> None:
    # moran with an inf returned I = NaN with only numpy RuntimeWarnings
    y = density.abs() if stat in (general_g, local_g) else density.copy()
    y["13"] = bad
    with pytest.raises(MissingValueError, match=r"1 infinite value\(s\), e.g. at \['13'\]"):
        stat(y, graph)
    assert np.isfinite(density).all()  # the caller's series is untouched


def test_infinite_rates_raise(graph) -> None:
    pop = jregion.load_indicator("population", year=2015)["population"].astype("float64")
    events = pop / 1000
    events["01"] = np.inf
    with pytest.raises(MissingValueError, match="infinite"):
        jregion.moran_rate(events, pop, graph)


def test_moran_rate_without_events_says_so(prefs) -> None:
    graph = jregion.build_weights(prefs, links="japan")
    pop = jregion.load_indicator("population", year=2015)["population"]
    with pytest.raises(jregion.InvalidDataError, match="events sum to zero"):
        jregion.moran_rate(pd.Series(0.0, index=pop.index), pop, graph)


def test_analysis_never_imports_presentation() -> None:
    """LISA labels live in the analysis layer; statistics import no colours, plots or maps."""
    import ast
    from pathlib import Path

    import jregion._palette as palette

    src = Path(jregion.__file__).parent
    presentation = ("jregion._palette", "jregion.plotting", "jregion.explore")
    for package in ("autocorrelation", "weights", "concentration", "regression"):
        for path in (src / package).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith(presentation), (path.name, node.module)
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        assert not alias.name.startswith(presentation), (path.name, alias.name)
    assert not hasattr(palette, "LISA_LABELS")
    assert set(palette.LISA_COLORS) == set(LISA_LABELS)  # colours keyed by the analysis labels
