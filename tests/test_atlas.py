"""The atlas (the README's main job): every entry, from bundled data only, built once per session.

Reference values are recomputed here by hand from the bundled tables (sums over the JIS codes of
each region), independently of the analysis functions the atlas calls.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.atlas import ENTRIES, build_atlas, entry_files, study_claims
from jregion.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
KANTO = [f"{i:02d}" for i in range(8, 15)]
KINKI = [f"{i:02d}" for i in range(24, 31)]
FIGURE_WIDTH_IN = 170 / 25.4


@pytest.fixture(scope="session")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One full atlas build; the figures' artists are kept (by file stem) before they close."""
    import jregion.atlas._maps as maps

    out = tmp_path_factory.mktemp("atlas")
    figures: dict[str, Any] = {}
    real_save = maps._save

    def keep(fig: Any, ctx: Any, stem: str) -> Path:
        fig.draw_without_rendering()
        figures[stem] = fig
        return real_save(fig, ctx, stem)

    lines: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(maps, "_save", keep)
        written = build_atlas(out, progress=lines.append)
    return {"out": out, "figures": figures, "progress": lines, "written": written}


def _gid(fig: Any, gid: str) -> list[Any]:
    return [a for a in fig.findobj() if a.get_gid() == gid]


def test_every_entry_written_once(atlas: dict[str, Any]) -> None:
    out: Path = atlas["out"]
    expected = entry_files(list(ENTRIES))
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    assert [p.name for p in atlas["written"]] == expected
    for name in expected:
        if name.endswith(".png"):
            assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_progress_line_per_entry_with_time(atlas: dict[str, Any]) -> None:
    lines = atlas["progress"]
    assert len(lines) == len(ENTRIES) + 1
    for line, name in zip(lines, ENTRIES, strict=False):
        assert re.match(rf"\[\s*\d+/{len(ENTRIES)}\] {name}\s+\d+\.\d\d s ", line), line
    assert lines[-1].startswith(f"atlas: {len(atlas['written'])} files in ")


def test_every_figure_credits_its_data_at_6pt_and_fills_the_width(atlas: dict[str, Any]) -> None:
    figures = atlas["figures"]
    assert len(figures) == 10
    for stem, fig in figures.items():
        fig.draw_without_rendering()  # measure at the figure's own dpi
        [credit] = _gid(fig, "attribution")
        assert credit.get_text().startswith("Data: "), stem
        assert credit.get_fontsize() >= 6.0, stem
        assert fig.get_size_inches()[0] == pytest.approx(FIGURE_WIDTH_IN), stem
        # the credit stays inside the figure (wrapped), and no line is cut at the right edge
        box = credit.get_window_extent().transformed(fig.transFigure.inverted())
        assert box.x1 <= 1.0 and box.y0 >= 0.0, stem
        maps = [ax for ax in fig.axes if ax.collections and _gid(ax, "fills")]
        if len(maps) == 1 and not stem.startswith("fig1"):
            width = maps[0].get_position().width  # after apply_aspect: the drawn map
            assert width >= 0.9, (stem, width)


def test_census_credit_names_table_and_years(atlas: dict[str, Any]) -> None:
    text = _gid(atlas["figures"]["fig3_manufacturing_change_2000_2005"], "attribution")[
        0
    ].get_text()
    flat = text.replace("\n", " ")
    assert "Census of Manufacture" in flat and "2000 and 2005" in flat and "4 or more" in flat


def test_lisa_states_alpha_permutations_seed(atlas: dict[str, Any]) -> None:
    text = _gid(atlas["figures"]["fig_lisa_manufacturing_change"], "attribution")[0].get_text()
    flat = text.replace("\n", " ")
    assert "α = 0.05" in flat and "999 conditional permutations" in flat and "seed 2005" in flat


def test_figure1_eu28_and_no_yellow(atlas: dict[str, Any]) -> None:
    fig = atlas["figures"]["fig1_rd_gdp"]
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "EU-28" in labels and "EU" not in labels
    assert all(line.get_color().upper() != "#F0E442" for line in ax.get_lines())
    credit = _gid(fig, "attribution")[0].get_text().replace("\n", " ")
    assert "MEXT" in credit and "MSTI 2019/1" in credit


def test_universities_no_point_hides_another(atlas: dict[str, Any]) -> None:
    fig = atlas["figures"]["fig2_imperial_universities"]
    fig.draw_without_rendering()
    [points] = _gid(fig, "points")
    xy = points.get_offset_transform().transform(points.get_offsets())
    diameter_px = np.sqrt(points.get_sizes().max()) * fig.dpi / 72
    sites = jregion.load_sites("universities")
    assert len(xy) == int((~sites["outside_present_day_japan"].astype(bool)).sum()) == 15
    gaps = [np.hypot(*(xy[i] - xy[j])) for i in range(len(xy)) for j in range(i + 1, len(xy))]
    assert min(gaps) >= diameter_px
    # Sendai (university and Second Higher School) still share the office, and Kyoto's pair is
    # 2.5 km apart: drawn side by side, each joined to its own location
    assert _gid(fig, "point-leaders")


def test_figure3_nine_regions_labelled_with_hand_computed_change(atlas: dict[str, Any]) -> None:
    fig = atlas["figures"]["fig3_manufacturing_change_2000_2005"]
    texts = {t.get_text().split("\n")[0]: t.get_text() for t in _gid(fig, "label")}
    assert set(texts) == set(jregion.load_regions("nine").index)
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    kanto = (m.loc[KANTO, 2005].sum() / m.loc[KANTO, 2000].sum() - 1) * 100
    okinawa = (m.loc["47", 2005] / m.loc["47", 2000] - 1) * 100
    assert texts["Kanto"].endswith(f"{kanto:+.1f} %".replace("-", "−"))
    assert texts["Okinawa"].endswith(f"{okinawa:+.1f} %".replace("-", "−"))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0].startswith("−20 to −15 (")  # whole-number breaks
    assert all(re.fullmatch(r"−?\d+ to −?\d+ \(\d+\)", t) for t in legend)


def test_figure4_regions_against_hand_sums(atlas: dict[str, Any]) -> None:
    table = pd.read_csv(
        atlas["out"] / "table_high_technology_regions.csv", dtype={"unpublished": str}
    )
    assert sorted(set(table["year"])) == [2014, 2016, 2017, 2018, 2019]
    jsic = jregion.load_indicator("manufacturing_jsic_4plus", year=2019)
    est = jsic["establishments"].unstack("jsic_code")[["28", "30"]].sum(axis=1, min_count=2)
    row = table[(table["year"] == 2019) & (table["region"] == "Kanto")].iloc[0]
    assert row["establishments"] == est.loc[KANTO].sum()
    assert row["prefectures_unpublished"] == 0
    okinawa = table[(table["year"] == 2019) & (table["region"] == "Okinawa")].iloc[0]
    assert np.isnan(okinawa["establishments"]) and okinawa["unpublished"] == "47"
    fig = atlas["figures"]["fig4_high_technology_2019"]
    labels = {t.get_text() for t in _gid(fig, "label")}
    assert f"Kanto\n{int(row['establishments']):,}" in labels


def test_ogasawara_drawn_in_its_inset(atlas: dict[str, Any]) -> None:
    for stem, fig in atlas["figures"].items():
        if stem.startswith(("fig1", "fig4b")):  # charts, not maps
            continue
        assert _gid(fig, "inset-ogasawara"), stem


def test_missing_md_is_generated_from_the_manifest(atlas: dict[str, Any]) -> None:
    text = (atlas["out"] / "MISSING.md").read_text(encoding="utf-8")
    for name in jregion.list_datasets().index:
        for item in jregion.dataset_info(name).get("missing") or ():
            if hasattr(item, "get") and "what" in item:
                assert str(item["what"]) in text, (name, item["what"])
    assert "not a data figure" in text
    assert "| 09 | 2005 | raw_materials_myen |" in text  # a withheld census cell
    assert "T03" in text  # a Technopolis year not found
    assert "15 of MEXT" not in text


def test_sources_md_lists_every_dataset_with_hash(atlas: dict[str, Any]) -> None:
    text = (atlas["out"] / "SOURCES.md").read_text(encoding="utf-8")
    for name in jregion.list_datasets().index:
        assert f"## {name}" in text
        assert str(jregion.dataset_info(name)["sha256"]) in text


def test_record_json(atlas: dict[str, Any]) -> None:
    record = json.loads((atlas["out"] / "record.json").read_text(encoding="utf-8"))
    assert record["versions"]["jregion"]
    assert set(record["entries"]) == set(ENTRIES) - {"record", "index"}
    lisa = record["entries"]["lisa"]["inputs"]
    assert lisa["seed"] == 2005 and lisa["permutations"] == 999
    for name, entry in record["datasets"].items():
        assert entry["sha256"] == jregion.dataset_info(name)["sha256"]
    assert "manufacturing_census" in record["datasets"]


def test_record_is_byte_stable_but_for_time_and_versions(tmp_path: Path) -> None:
    texts = []
    for sub in ("a", "b"):
        build_atlas(tmp_path / sub, only=["frameworks", "concentration", "record"])
        record = json.loads((tmp_path / sub / "record.json").read_text(encoding="utf-8"))
        del record["created"], record["versions"]
        texts.append(json.dumps(record, sort_keys=True))
    assert texts[0] == texts[1]


def test_claims_table_verdicts_follow_the_data(atlas: dict[str, Any]) -> None:
    claims = pd.read_csv(atlas["out"] / "claims.csv")
    assert set(claims["verdict"]) <= {"supported", "not supported", "not testable"}
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    belt = m.loc[["13", "14", "21", "22", "23", "25", "26", "27", "28"]].sum() / m.sum()
    row = claims[claims["claim"].str.startswith("The Tokaido corridor")].iloc[0]
    assert row["verdict"] == ("supported" if (belt > 0.5).all() else "not supported")
    kanto_chubu = m.loc[KANTO, 2005].sum() / m.loc[[f"{i}" for i in range(15, 24)], 2005].sum()
    row = claims[claims["claim"].str.startswith("Kanto dominates")].iloc[0]
    kanto_kinki = m.loc[KANTO, 2005].sum() / m.loc[KINKI, 2005].sum()
    ok = kanto_chubu > 1 and kanto_kinki > 1
    assert row["verdict"] == ("supported" if ok else "not supported")
    assert (atlas["out"] / "claims.md").read_text(encoding="utf-8").count("| **") == len(claims)


def test_claim_verdicts_are_computed_not_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same claim flips when the data say otherwise (made-up change: Chubu loses most)."""
    import jregion.atlas._claims as claims

    real = claims._employment()
    assert study_claims().set_index("claim").filter(like="Chubu lost", axis=0)["verdict"].iloc[0]
    fake = real.astype("float64")
    chubu = [f"{i}" for i in range(15, 24)]
    fake.loc[chubu, 2005] = fake.loc[chubu, 2000] * 0.5  # made up for this test only
    monkeypatch.setattr(claims, "_employment", lambda: fake)
    row = claims._chubu_least()
    assert row.verdict == "not supported" and "Chubu −50.0 %" in row.value.replace("-", "−")


def test_index_html_is_self_contained(atlas: dict[str, Any]) -> None:
    text = (atlas["out"] / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    pngs = [n for n in entry_files(list(ENTRIES)) if n.endswith(".png")]
    assert text.count("src='data:image/png;base64,") == len(pngs)
    assert text.count("<iframe") == 2
    assert "Census of Manufacture" in text and "claims" in text.lower()


# --- the command line --------------------------------------------------------------------------


def test_cli_list_version_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["atlas", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(re.search(rf"^{name}\s", out, re.M) for name in ENTRIES)
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("jregion ")
    for argv in (["--help"], ["atlas", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        text = capsys.readouterr().out
        assert "``" not in text and ":func:" not in text and "usage: jregion" in text


def test_cli_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["atlas", "--out", str(tmp_path), "--only", "frameworks"]) == 0
    assert capsys.readouterr().out.strip().endswith("table1_frameworks.md")
    (tmp_path / "table1_frameworks.md").write_text("mine", encoding="utf-8")
    assert main(["atlas", "--out", str(tmp_path), "--only", "frameworks"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err and "Traceback" not in err
    assert (tmp_path / "table1_frameworks.md").read_text(encoding="utf-8") == "mine"
    assert main(["atlas", "--out", str(tmp_path), "--only", "frameworks", "--force"]) == 0
    assert (tmp_path / "table1_frameworks.md").read_text(encoding="utf-8") != "mine"


@pytest.mark.parametrize("case", ["empty", "blank", "file", "under_a_file"])
def test_cli_unusable_out_is_a_one_line_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    out = {"empty": "", "blank": "  ", "file": str(afile), "under_a_file": str(afile / "sub")}[case]
    assert main(["atlas", "--out", out, "--only", "frameworks"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jregion atlas: error: ") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]  # nothing written


def test_cli_only_error_prints_the_atlas_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["atlas", "--out", str(tmp_path), "--only", "fig9"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage: jregion atlas" in err and "unknown atlas entries ['fig9']" in err
    assert list(tmp_path.iterdir()) == []


def test_build_atlas_unknown_entry_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown atlas entries"):
        build_atlas(tmp_path, only=["fig99"])


def test_estat_draws_1990_2005_from_the_users_file(tmp_path: Path) -> None:
    """A made-up fixture in the real SSDS layout (its values are invented; never shipped)."""
    fixture = ROOT / "tests" / "fixtures" / "estat" / "ssds_manufacturing_made_up_values_cp932.csv"
    lines: list[str] = []
    written = build_atlas(
        tmp_path, only=["manufacturing_change", "record"], estat=fixture, progress=lines.append
    )
    names = [p.name for p in written]
    assert "fig3_manufacturing_change_1990_2005.png" in names
    assert "fig3b_manufacturing_change_1990_2005_prefectures.png" in names
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert record["options"]["estat"] == fixture.name
    assert record["entries"]["manufacturing_change"]["inputs"]["estat"]["years"] == [1990, 2005]


# --- the HTML atlas in a real browser (headless Chromium, network cut) ---------------------------


@pytest.mark.browser
def test_index_html_opens_offline_in_chromium(atlas: dict[str, Any]) -> None:
    import os
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from chromium import missing_requirements, offline_chromium

    missing = missing_requirements()
    if missing:
        reason = "browser test needs " + "; ".join(missing) + " (run scripts/setup_browser.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " — CI=true, so this is an error, not a skip")
        pytest.skip(reason)
    from selenium.webdriver.support.ui import WebDriverWait

    pngs = [n for n in entry_files(list(ENTRIES)) if n.endswith(".png")]
    with offline_chromium() as driver:
        driver.get((atlas["out"] / "index.html").resolve().as_uri())
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete' && Array.from(document.images)"
                ".every(i => i.complete)"
            )
        )
        images = driver.execute_script(
            "return Array.from(document.images, i => [i.naturalWidth, i.src.slice(0, 22)])"
        )
        assert len(images) == len(pngs)
        assert all(w > 0 and src == "data:image/png;base64," for w, src in images)
        frames = driver.find_elements("css selector", "iframe")
        assert len(frames) == 2
        for frame in frames:
            driver.switch_to.frame(frame)
            WebDriverWait(driver, 30).until(
                lambda d: (
                    d.execute_script(
                        "return document.querySelectorAll('.leaflet-overlay-pane path').length"
                    )
                    >= 47
                )
            )
            assert driver.execute_script("return window.__jregion_errors || []") == []
            driver.switch_to.default_content()
        assert driver.execute_script("return window.__jregion_errors") == []
        fetched = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert not [u for u in fetched if u.startswith(("http:", "https:"))]


def test_figure4b_every_year_per_region(atlas: dict[str, Any]) -> None:
    fig = atlas["figures"]["fig4b_high_technology_regions_2014_2019"]
    ax = fig.axes[0]
    table = pd.read_csv(atlas["out"] / "table_high_technology_regions.csv")
    kanto = table[table["region"] == "Kanto"].sort_values("year")
    [line] = [ln for ln in ax.get_lines() if ln.get_label() == "Kanto"]
    assert list(line.get_xdata()) == [2014, 2016, 2017, 2018, 2019]
    assert list(line.get_ydata()) == list(kanto["establishments"])
    assert all(ln.get_color().upper() != "#F0E442" for ln in ax.get_lines())
    assert "Okinawa" in ax.get_legend().get_title().get_text()  # not published, said so
