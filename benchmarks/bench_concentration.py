"""Concentration benchmark: every index on 1,741 municipalities x 600 industries.

Run: python benchmarks/bench_concentration.py [--quick]

Synthetic counts (Poisson with industry- and place-specific means, seeded) keyed by
5-digit municipality codes spread over the 47 prefectures. jregion computes each index for
all 600 columns at once; the peer is a plain-pandas loop over the columns doing the same
arithmetic with Series methods (sort_values, groupby). Goal: all indices < 2 s in total.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np
import pandas as pd

from _common import best

N_MUNI, N_IND = 1741, 600


def make_data(n: int, k: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(2005)
    prefs = np.sort(rng.integers(1, 48, n))
    prefs[:47] = np.arange(1, 48)  # every prefecture present
    prefs.sort()
    codes = [f"{p:02d}{i:03d}" for i, p in enumerate(prefs)]
    size = rng.lognormal(3, 1.2, n)[:, None]
    mix = rng.gamma(0.6, 1.0, (1, k))
    start = pd.DataFrame(rng.poisson(size * mix), index=codes,
                         columns=[f"ind{j:03d}" for j in range(k)]).astype("int64")
    start.iloc[0] += 1  # no all-zero column
    end = pd.DataFrame(rng.poisson(start.to_numpy() * rng.uniform(0.7, 1.2, (1, k))),
                       index=codes, columns=start.columns)
    end.iloc[0] += 1
    pop = pd.Series(rng.lognormal(10, 1, n), index=codes)
    return start, end, pop


def jregion_suite(df: pd.DataFrame, end: pd.DataFrame, pop: pd.Series) -> dict[str, float]:
    import jregion

    h = pd.Series(0.01, index=df.columns)
    calls: dict[str, Callable[[], object]] = {
        "location_quotient": lambda: jregion.location_quotient(df),
        "location_quotient (EB)": lambda: jregion.location_quotient(
            df, stabilise="empirical_bayes"),
        "herfindahl": lambda: jregion.herfindahl(df),
        "cr4": lambda: jregion.concentration_ratio(df, n=4),
        "gini": lambda: jregion.gini(df),
        "gini (weighted)": lambda: jregion.gini(df, reference=pop),
        "theil": lambda: jregion.theil(df),
        "theil_decomposition (eight)": lambda: jregion.theil_decomposition(
            df, groups="eight", level="municipality"),
        "hoover": lambda: jregion.hoover(df, reference=pop),
        "coefficient_of_variation": lambda: jregion.coefficient_of_variation(df),
        "williamson": lambda: jregion.williamson(df, population=pop),
        "krugman_specialisation": lambda: jregion.krugman_specialisation(df),
        "krugman_concentration": lambda: jregion.krugman_concentration(df),
        "ellison_glaeser": lambda: jregion.ellison_glaeser(df, plant_herfindahl=h),
        "coagglomeration": lambda: jregion.coagglomeration(df),
        "shift_share (eight)": lambda: jregion.shift_share(df, end, groups="eight",
                                                           level="municipality"),
        "region_shares (eight)": lambda: jregion.region_shares(df, level="municipality"),
    }
    return {name: best(fn, 3) for name, fn in calls.items()}


def pandas_suite(
    df: pd.DataFrame, end: pd.DataFrame, pop: pd.Series, peer: dict[str, list[float]]
) -> dict[str, float]:
    import jregion

    region = pd.Series(
        jregion.region_of([c[:2] for c in df.index], scheme="eight").to_numpy(), index=df.index
    )
    base = df.sum(axis=1)

    def lq() -> None:
        for c in df:
            s = df[c]
            _ = (s / s.sum()) / (base / base.sum())

    def hhi() -> None:
        for c in df:
            s = df[c] / df[c].sum()
            _ = (s * s).sum()

    def cr4() -> None:
        for c in df:
            _ = (df[c] / df[c].sum()).nlargest(4).sum()

    def gini() -> None:
        for c in df:
            s = df[c].sort_values().to_numpy(dtype=float)
            n = len(s)
            peer["gini"].append(2 * (np.arange(1, n + 1) * s).sum() / (n * s.sum()) - (n + 1) / n)

    def theil() -> None:
        for c in df:
            s = df[c] / df[c].sum()
            s = s[s > 0]
            peer["theil"].append((s * np.log(s * len(df))).sum())

    def theil_dec() -> None:
        counts = region.value_counts()
        for c in df:
            s = df[c] / df[c].sum()
            sg = s.groupby(region).sum()
            pg = counts / len(region)
            between = (sg[sg > 0] * np.log(sg[sg > 0] / pg[sg[sg > 0].index])).sum()
            inner = s / s.groupby(region).transform("sum")
            inner = inner[inner > 0]
            pin = 1 / region.map(counts)
            t_g = (inner * np.log(inner / pin[inner.index])).groupby(region[inner.index]).sum()
            within = (sg[t_g.index] * t_g).sum()
            peer["theil_between"].append(between)
            peer["theil_within"].append(within)

    def hoover() -> None:
        p = pop / pop.sum()
        for c in df:
            _ = 0.5 * (df[c] / df[c].sum() - p).abs().sum()

    def cv() -> None:
        for c in df:
            _ = df[c].std(ddof=0) / df[c].mean()

    def shift() -> None:
        g = end.to_numpy().sum() / df.to_numpy().sum() - 1
        out = []
        for c in df:
            gj = end[c].sum() / df[c].sum() - 1
            out.append(pd.DataFrame({"ns": df[c] * g, "im": df[c] * (gj - g),
                                     "rs": end[c] - df[c] * (1 + gj)}).groupby(region).sum())
        _ = sum(out)

    def eg() -> None:
        x = base / base.sum()
        for c in df:
            s = df[c] / df[c].sum()
            g = ((s - x) ** 2).sum()
            _ = (g - (1 - (x * x).sum()) * 0.01) / ((1 - (x * x).sum()) * 0.99)

    calls = {"location_quotient": lq, "herfindahl": hhi, "cr4": cr4, "gini": gini,
             "theil": theil, "theil_decomposition (eight)": theil_dec, "hoover": hoover,
             "coefficient_of_variation": cv, "ellison_glaeser": eg,
             "shift_share (eight)": shift}
    return {name: best(fn, 1) for name, fn in calls.items()}


def main() -> None:
    quick = "--quick" in sys.argv
    n, k = (400, 100) if quick else (N_MUNI, N_IND)
    df, end, pop = make_data(n, k)
    ours = jregion_suite(df, end, pop)
    peer: dict[str, list[float]] = {"gini": [], "theil": [], "theil_between": [],
                                    "theil_within": []}
    theirs = pandas_suite(df, end, pop, peer)
    print(f"{n:,} municipalities x {k} industries (best of 3; pandas loop: 1 run)")
    print(f"{'index':34s} {'jregion':>10s} {'pandas loop':>12s} {'speed-up':>9s}")
    for name, t in ours.items():
        p = theirs.get(name)
        extra = f"{p * 1000:10.1f} ms {p / t:8.0f}x" if p else f"{'-':>12s} {'':>9s}"
        print(f"{name:34s} {t * 1000:8.1f} ms {extra}")
    total = sum(ours.values())
    same = sum(ours[k_] for k_ in theirs)
    print(f"jregion, all {len(ours)} indices: {total:.3f} s (goal < 2 s)")
    print(f"the {len(theirs)} indices in both: jregion {same:.3f} s, pandas loop "
          f"{sum(theirs.values()):.3f} s, ratio {sum(theirs.values()) / same:.0f}x")
    import jregion

    d = jregion.theil_decomposition(df, groups="eight", level="municipality")
    diffs = {
        "gini": np.abs(jregion.gini(df).to_numpy() - peer["gini"]).max(),
        "theil": np.abs(jregion.theil(df).to_numpy() - peer["theil"]).max(),
        "theil between": np.abs(d.between.to_numpy() - peer["theil_between"]).max(),
        "theil within": np.abs(d.within.to_numpy() - peer["theil_within"]).max(),
    }
    print("max |jregion - pandas loop| over columns: "
          + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items()))


if __name__ == "__main__":
    main()
