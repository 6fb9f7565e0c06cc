"""The atlas (the README's main job) writes every entry, from bundled data only."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import jregion
from jregion.atlas import ENTRIES, build_atlas
from jregion.cli import main


@pytest.fixture(scope="module")
def atlas_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("atlas")
    assert main(["atlas", "--out", str(out)]) == 0
    return out


def test_every_entry_written(atlas_dir: Path) -> None:
    names = {p.name for p in atlas_dir.iterdir()}
    assert len(names) == len(ENTRIES)
    for fig in [
        "fig1_rd_gdp.png",
        "fig2_imperial_universities.png",
        "fig_lisa_manufacturing_change.png",
        "fig_meti_clusters.png",
        "fig_technopolis.png",
        "fig4_high_technology_2019.png",
    ]:
        assert fig in names
        assert (atlas_dir / fig).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_figures_are_declared_not_drawn(atlas_dir: Path) -> None:
    text = (atlas_dir / "MISSING.md").read_text(encoding="utf-8")
    assert "1990" in text and "High-technology factories by region, 2005" in text
    # the study's 2005 map is not drawn; the bundled year is, with its year in the name
    assert "The atlas draws 2019 instead" in text
    high_tech = sorted(p.name for p in atlas_dir.iterdir() if "high_tech" in p.name)
    assert high_tech == ["fig4_high_technology_2019.png"]


def test_concentration_table_against_hand_sums(atlas_dir: Path) -> None:
    """Kanto/Kinki primacy recomputed by hand: sum of codes 08-14 over sum of codes 24-30."""
    table = pd.read_csv(atlas_dir / "table_concentration_manufacturing.csv", index_col="year")
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    kanto = m.loc[[f"{i:02d}" for i in range(8, 15)]].sum()
    kinki = m.loc[[f"{i:02d}" for i in range(24, 31)]].sum()
    tokaido = m.loc[["13", "14", "21", "22", "23", "25", "26", "27", "28"]].sum() / m.sum()
    for year in (2000, 2005, 2020):
        assert table.loc[year, "Kanto/Kinki"] == pytest.approx(kanto[year] / kinki[year], abs=5e-5)
        assert table.loc[year, "tokaido_share"] == pytest.approx(tokaido[year], abs=5e-5)


def test_unknown_entry_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown atlas entries"):
        build_atlas(tmp_path, only=["fig99"])


def test_cli_only_writes_the_named_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["atlas", "--out", str(tmp_path), "--only", "frameworks"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["table1_frameworks.md"]
    assert capsys.readouterr().out.strip().endswith("table1_frameworks.md")
    with pytest.raises(SystemExit) as exc:
        main(["atlas", "--out", str(tmp_path), "--only", "fig9"])
    assert exc.value.code == 2
    assert "unknown atlas entries ['fig9']" in capsys.readouterr().err
