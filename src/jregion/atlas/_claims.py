"""The study's claims, tested on the bundled data: a tidy table with computed verdicts.

Each row states the claim (the study's wording, shortened), the test applied, the number it
gives and the verdict that number implies. No verdict is written by hand: each is the result of
the comparison in the ``test`` column, run on the bundled data when the atlas is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jregion.atlas._build import Context, Output
from jregion.indicators import load_indicator
from jregion.regions import region_of

__all__ = ["Claim", "claims_note", "study_claims"]

SUPPORTED, NOT_SUPPORTED, NOT_TESTABLE = "supported", "not supported", "not testable"
SEED = 2005


@dataclass(frozen=True)
class Claim:
    """One tested claim: wording, test, value (text), verdict and reason."""

    claim: str
    test: str
    value: str
    verdict: str
    reason: str


def _verdict(ok: bool) -> str:
    return SUPPORTED if ok else NOT_SUPPORTED


def _employment() -> pd.DataFrame:
    return load_indicator("manufacturing")["persons_employed"].unstack("year")


def _rd() -> Claim:
    rd = load_indicator("rd_gdp")["gerd_pct_gdp"].unstack("economy")
    gap = pd.concat([rd["Japan"] - rd["USA"], rd["Japan"] - rd["EU"]], axis=1).min(axis=1)
    years = f"{int(rd.index.min())}-{int(rd.index.max())}"
    return Claim(
        "Japan spends more on R&D, as a share of GDP, than the USA and the EU",
        f"GERD/GDP of Japan > USA and > EU-28 in every year {years} (OECD MSTI 2019/1)",
        f"smallest lead {gap.min():.2f} points ({gap.idxmin()})",
        _verdict(bool((gap > 0).all())),
        "OECD international definition, not the MEXT figures the study quotes",
    )


def _tokaido() -> Claim:
    from jregion.concentration import corridor_share

    m = _employment()
    share = corridor_share(m, method="membership")
    first, last = int(share.index.min()), int(share.index.max())
    return Claim(
        "The Tokaido corridor (Tokyo to Osaka/Kobe) holds most of Japan's manufacturing",
        f"share of manufacturing employment in the tokaido scheme's prefectures > 50 % in "
        f"every year {first}-{last}",
        f"{share.min():.1%} to {share.max():.1%}; {share[first]:.1%} in {first}, "
        f"{share[last]:.1%} in {last}",
        _verdict(bool((share > 0.5).all())),
        "employment of establishments with 4+ persons; the study's 1980s laboratories and "
        "scientists are not bundled",
    )


def _regional_change(start: int, end: int) -> pd.Series:
    m = _employment()
    regional = m[[start, end]].groupby(region_of(m.index, scheme="nine").to_numpy()).sum()
    return (regional[end] / regional[start] - 1) * 100


def _fell_everywhere() -> Claim:
    change = _regional_change(2000, 2005)
    return Claim(
        "Manufacturing jobs fell in every region (1990-2005)",
        "employment change 2000-2005 < 0 in each of the nine regions",
        ", ".join(f"{r} {v:+.1f} %" for r, v in change.items()),
        _verdict(bool((change < 0).all())),
        "tested on 2000-2005: 1990 is not bundled (jregion atlas --estat FILE draws 1990-2005)",
    )


def _outside_belt() -> Claim:
    m = _employment()
    belt = region_of(m.index, scheme="tokaido").to_numpy()
    totals = m[[2000, 2005]].groupby(belt).sum()
    change = (totals[2005] / totals[2000] - 1) * 100
    inside, outside = change["Tokaido belt"], change["Rest of Japan"]
    return Claim(
        "Losses were heaviest outside the Tokyo-Nagoya-Osaka belt",
        "employment change 2000-2005 outside the tokaido scheme's prefectures < inside",
        f"outside {outside:+.1f} %, inside {inside:+.1f} %",
        _verdict(bool(outside < inside)),
        "tested on 2000-2005 (1990 not bundled)",
    )


def _chubu_least() -> Claim:
    change = _regional_change(2000, 2005).drop("Okinawa")
    best = str(change.idxmax())
    return Claim(
        "Chubu lost the least (Okinawa apart, an anomaly on a tiny base)",
        "Chubu has the highest employment change 2000-2005 of the nine regions without Okinawa",
        f"highest: {best} {change.max():+.1f} %; Chubu {change['Chubu']:+.1f} %",
        _verdict(best == "Chubu"),
        "tested on 2000-2005 (1990 not bundled)",
    )


def _kanto_all() -> Claim:
    from jregion.concentration import primacy_ratio

    m = _employment()
    ratio = primacy_ratio(m[[2000, 2005, 2020]], denominators=["Kinki", "Chubu"])
    last = ratio.loc[2005]
    return Claim(
        "Kanto dominates Kansai (Kinki) and Chubu in manufacturing",
        "Kanto/Kinki > 1 and Kanto/Chubu > 1 in manufacturing employment, 2005",
        "; ".join(f"{c} {ratio.loc[y, c]:.2f} ({y})" for y in ratio.index for c in ratio.columns),
        _verdict(bool((last > 1).all())),
        "eight-region scheme, employment of establishments with 4+ persons",
    )


def _kanto_high_tech() -> Claim:
    from jregion.atlas._fig_high_technology import high_technology_by_region

    table = high_technology_by_region()
    year = int(table["year"].max())
    t = table[table["year"] == year].set_index("region")
    est: dict[str, float] = {str(k): float(v) for k, v in t["establishments"].items()}
    gaps: dict[str, int] = {str(k): int(v) for k, v in t["prefectures_unpublished"].items()}
    needed = ["Kanto", "Kinki", "Chubu"]
    incomplete = [r for r in needed if gaps[r] > 0]
    value = ", ".join(f"{r} {int(est[r]):,}" for r in needed)
    if incomplete:
        return Claim(
            "Kanto's high-technology complex is much stronger than Kansai's and Chubu's",
            "",
            value,
            NOT_TESTABLE,
            f"unpublished cells in {incomplete}",
        )
    ok = est["Kanto"] > max(est["Kinki"], est["Chubu"])
    return Claim(
        "Kanto's high-technology complex is much stronger than Kansai's and Chubu's",
        f"high-technology establishments (JSIC 28+30, 4+ persons) Kanto > Kinki and > Chubu, "
        f"{year}",
        value,
        _verdict(ok),
        f"the study's year is 2005, which is not bundled; {year} is the latest bundled year",
    )


def _clustered() -> Claim:
    from jregion.autocorrelation import moran
    from jregion.weights import prefecture_graph

    m = _employment()
    change = (m[2005] / m[2000] - 1).rename("change")
    result = moran(change, prefecture_graph(), permutations=999, seed=SEED)
    return Claim(
        "The decline is spatially clustered",
        f"global Moran's I of prefecture employment change 2000-2005, queen + fixed links, "
        f"999 permutations, seed {SEED}: p_sim < 0.05 and I > 0",
        f"I = {result.I:.3f}, p_sim = {result.p_sim:.3f}",
        _verdict(bool(result.p_sim < 0.05 and result.I > 0)),
        "2000-2005 (1990 not bundled)",
    )


def _meti() -> Claim:
    from jregion.sites import load_sites

    m = _employment()
    sites = load_sites("meti_clusters")
    projects = sites.groupby("meti_region")["site_id"].nunique()
    employment = m[2005].groupby(region_of(m.index, scheme="meti").to_numpy()).sum()
    both = pd.concat([projects.rename("p"), employment.rename("e")], axis=1).fillna(0)
    ranks = both.rank()
    rp = ranks["p"].to_numpy(float)
    re_ = ranks["e"].to_numpy(float)
    rho = float(np.corrcoef(rp, re_)[0, 1])
    rng = np.random.default_rng(SEED)
    # 9,999 permutations of the project ranks at once; Pearson r of ranks = Spearman's rho
    perms = rng.permuted(np.tile(rp, (9999, 1)), axis=1)
    a = perms - perms.mean(axis=1, keepdims=True)
    b = re_ - re_.mean()
    sims = (a @ b) / (np.sqrt((a * a).sum(axis=1)) * np.sqrt(b @ b))
    p = float((np.sum(sims >= rho - 1e-12) + 1) / (len(sims) + 1))
    return Claim(
        "METI's cluster projects sit where manufacturing is concentrated",
        f"Spearman rank correlation of sourced projects and manufacturing employment (2005) "
        f"over the {len(both)} METI bureau areas > 0, one-sided permutation p < 0.05 "
        f"(9,999 permutations, seed {SEED})",
        f"rho = {rho:.2f}, p = {p:.3f}",
        _verdict(rho > 0 and p < 0.05),
        "only sourced projects are counted (see MISSING.md); critics say the projects follow "
        "administrative regions",
    )


def _high_tech_2005() -> Claim:
    return Claim(
        "High-technology factories concentrated again in Kanto in 2005",
        "",
        "",
        NOT_TESTABLE,
        "no prefecture x JSIC middle-group table before 2014 is bundled (MISSING.md)",
    )


CLAIMS: tuple[Callable[[], Claim], ...] = (
    _rd,
    _tokaido,
    _fell_everywhere,
    _outside_belt,
    _chubu_least,
    _kanto_all,
    _kanto_high_tech,
    _high_tech_2005,
    _clustered,
    _meti,
)


def study_claims() -> pd.DataFrame:
    """Test the study's claims on the bundled data.

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``claim``, ``test``, ``value``, ``verdict`` ("supported", "not
        supported" or "not testable") and ``reason``.

    Examples
    --------
    >>> from jregion.atlas import study_claims
    >>> table = study_claims()
    >>> sorted(set(table["verdict"])) <= ["not supported", "not testable", "supported"]
    True
    """
    return pd.DataFrame([vars(c()) for c in CLAIMS])


def _markdown(table: pd.DataFrame) -> str:
    lines = [
        "# The study's claims, tested on the bundled data",
        "",
        "Verdicts are computed by `jregion atlas` (and `examples/study_claims.py`) from the "
        "test in each row; none is written by hand.",
        "",
        "| Claim | Test | Value | Verdict | Note |",
        "|---|---|---|---|---|",
    ]
    for row in table.itertuples():
        cells = [
            str(v).replace("|", "/")
            for v in (row.claim, row.test, row.value, f"**{row.verdict}**", row.reason)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def claims_note(ctx: Context) -> Output:
    """Write claims.md and claims.csv."""
    table = study_claims()
    md: Path = ctx.out / "claims.md"
    csv: Path = ctx.out / "claims.csv"
    md.write_text(_markdown(table), encoding="utf-8")
    table.to_csv(csv, index=False, encoding="utf-8")
    counts = table["verdict"].value_counts().to_dict()
    return Output(
        (md, csv),
        "The study's claims, tested",
        ", ".join(f"{v}: {n}" for v, n in counts.items()),
        "bundled datasets (see each row)",
        {
            "datasets": [
                "manufacturing_census",
                "rd_gdp",
                "manufacturing_jsic_4plus",
                "sites_meti_clusters",
                "adjacency",
                "fixed_links",
            ],
            "seed": SEED,
            "permutations": 999,
        },
        kind="table",
    )
