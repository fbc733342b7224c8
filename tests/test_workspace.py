"""Loading a workspace: real-world CSV shapes are read, every bad input named precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from social_strategy.errors import InputError
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.workspace import load_workspace, new_workspace
from social_strategy.workspace.writer import atomic_write_text, write_table

# the public Facebook metrics export, unchanged (attribution in data/example/README.md)
FACEBOOK = EXAMPLE_WORKSPACE / "exports" / "facebook_posts.csv"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_workspace(path)
    return [str(p) for p in info.value.problems]


def test_example_loads_with_all_tables():
    from social_strategy.paths import EXAMPLE_WORKSPACE

    ws = load_workspace(EXAMPLE_WORKSPACE)
    assert ws.name == "Röstwerk Elbufer GmbH"
    assert ws.slug == "roestwerk-elbufer-gmbh"
    # every table of the example (steps add their own; none is left out)
    assert set(ws.tables) == {
        "segments",
        "segment_platform_use",
        "channels",
        "posts",
        "communities",
        "competitors",
        "content_plan",
        "team",
        "activities",
        "budget",
        "influencers",
        "interactions",
        "ambassadors",
        "risks",
        "mentions",
    }
    segments = ws.table("segments")
    # semicolons, decimal comma and a BOM in the example's segments.csv
    assert segments.loc[segments["id"] == "S2", "share_pct"].item() == 27.5
    assert segments["_row"].tolist() == [2, 3, 4, 5]
    assert len(ws.table("posts")) == 500


def test_minimal_workspace_needs_only_the_name(minimal_ws):
    ws = load_workspace(minimal_ws)
    assert ws.name == "Minimal GmbH"
    assert ws.strategy.firm.language == "de"
    assert ws.strategy.goals == []
    assert ws.table("segments").empty


def test_german_excel_export_cp1252_bom_semicolons_decimal_commas(minimal_ws):
    text = (
        "id;name;size;share_pct;age_band;kind;wants\r\n"
        'S1;Großhändler Süd;1.250;12,5;30-49;b2b;"Preise; Lieferzeiten"\r\n'
        "S2;Bäckereien;;87,5;25-44;B2C;Qualität\r\n"
    )
    (minimal_ws / "segments.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("cp1252"))
    seg = load_workspace(minimal_ws).table("segments")
    assert seg["name"].tolist() == ["Großhändler Süd", "Bäckereien"]
    assert seg["size"].tolist()[0] == 1250.0
    assert seg["share_pct"].tolist() == [12.5, 87.5]
    assert seg["kind"].tolist() == ["B2B", "B2C"]
    assert seg["wants"].tolist()[0] == "Preise; Lieferzeiten"


def test_plain_cp1252_without_bom_and_utf8_comma_file(minimal_ws):
    (minimal_ws / "segments.csv").write_bytes(
        "id;name;share_pct;age_band;kind\nS1;Müller & Söhne;40,0;all;B2C\n".encode("cp1252")
    )
    assert load_workspace(minimal_ws).table("segments")["name"].item() == "Müller & Söhne"
    (minimal_ws / "segments.csv").write_text(
        'id,name,share_pct,age_band,kind\nS1,"Kunden, treu",40.5,all,B2C\n', encoding="utf-8"
    )
    seg = load_workspace(minimal_ws).table("segments")
    assert seg["name"].item() == "Kunden, treu"
    assert seg["share_pct"].item() == 40.5


def test_xlsx_sheet_is_a_table(minimal_ws):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Segments"
    ws.append(["ID", "Name", "Share %", "Age band", "Kind"])
    ws.append(["S1", "Stammkunden", 60.5, "30-49", "B2C"])
    ws.append(["S2", "Firmen", 39.5, "30-59", "B2B"])
    wb.save(minimal_ws / "kunden.xlsx")
    seg = load_workspace(minimal_ws).table("segments")
    assert seg["share_pct"].tolist() == [60.5, 39.5]
    assert seg["_row"].tolist() == [2, 3]


def test_same_table_twice_is_a_problem(minimal_ws):
    import openpyxl

    (minimal_ws / "segments.csv").write_text("id,name,share_pct,age_band,kind\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active.title = "segments"
    wb.active.append(["id", "name", "share_pct", "age_band", "kind"])
    wb.save(minimal_ws / "book.xlsx")
    assert any("given twice" in p for p in problems_of(minimal_ws))


def test_facebook_metrics_export_loads_as_it_is(minimal_ws):
    shutil.copy(FACEBOOK, minimal_ws / "posts.csv")
    posts = load_workspace(minimal_ws).table("posts")
    assert len(posts) == 500
    assert posts["reach"].iloc[0] == 2752 and posts["interactions"].iloc[0] == 100
    assert posts["hour"].iloc[0] == 3 and posts["weekday"].iloc[0] == "4"


def test_all_problems_are_reported_at_once(example_ws):
    seg = example_ws / "segments.csv"
    lines = seg.read_bytes().decode("utf-8-sig").splitlines()
    lines[1] = lines[1].replace("25-49", "twenty")
    lines[3] = lines[3].replace(";15;", ";fünfzehn;")
    seg.write_text("\n".join(lines), encoding="utf-8")
    (example_ws / "channels.csv").write_text(
        "platform,followers\nInstagram,viele\n", encoding="utf-8"
    )
    found = problems_of(example_ws)
    assert len(found) == 3
    assert any("segments.csv, row 2, column 'age_band'" in p and "'twenty'" in p for p in found)
    assert any(
        "segments.csv, row 4, column 'share_pct'" in p and "not a number" in p for p in found
    )
    assert any("channels.csv, row 2, column 'followers'" in p for p in found)


def test_new_workspace_from_template_validates(tmp_path):
    path = new_workspace('Bäckerei "Krume" & Co.', tmp_path)
    assert path.name == "baeckerei-krume-co"
    ws = load_workspace(path)
    assert ws.name == 'Bäckerei "Krume" & Co.'
    with pytest.raises(InputError):
        new_workspace('Bäckerei "Krume" & Co.', tmp_path)


def test_atomic_write_keeps_backup(tmp_path):
    target = tmp_path / "strategy.yaml"
    atomic_write_text(target, "first\n")
    atomic_write_text(target, "second\n")
    assert target.read_text() == "second\n"
    assert (tmp_path / "strategy.yaml.bak").read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_written_table_reads_back(tmp_path, minimal_ws):
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "id": "S1",
                "name": "Größte Kunden",
                "share_pct": 12.5,
                "age_band": "30-49",
                "kind": "B2B",
            }
        ]
    )
    write_table(minimal_ws / "segments.csv", frame)
    assert load_workspace(minimal_ws).table("segments")["name"].item() == "Größte Kunden"


def test_one_validate_lists_row_problems_references_and_profile_problems_together(example_ws):
    """A workspace typed in from the docs: row errors, references from the rows that passed
    and a bad goal date, all in one run (no second run reveals more)."""
    seg = example_ws / "segments.csv"
    seg.write_text(
        seg.read_bytes().decode("utf-8-sig").replace(";;27,5;", ";;siebenundzwanzig;"),
        encoding="utf-8",
    )
    ch = example_ws / "channels.csv"
    ch.write_text(
        ch.read_text(encoding="utf-8").replace(
            "LinkedIn,yes,,,,G2,S4,", "LinkedIn,yes,,,,G9,S4;S7,"
        ),
        encoding="utf-8",
    )
    use = example_ws / "segment_platform_use.csv"
    use.write_text(use.read_text(encoding="utf-8").replace("S4,Xing", "S8,Xing"), encoding="utf-8")
    strategy = example_ws / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8").replace("due: 2027-09-30", "due: Herbst 2027"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_workspace(example_ws)
    shown = [str(p) for p in info.value.problems]
    expected = [
        ("segments.csv, row 3, column 'share_pct'", "siebenundzwanzig"),
        ("strategy.yaml", "goals.0.due"),
        (
            "channels.csv, row 4, column 'goals'",
            "'G9'; expected a goal id from strategy.yaml (G1, G2",
        ),
        ("channels.csv, row 4, column 'segments'", "'S7'"),
        ("segment_platform_use.csv, row 5, column 'segment_id'", "'S8'"),
    ]
    for where, what in expected:
        assert any(where in s and what in s for s in shown), (where, shown)
    assert len(shown) == len(expected), shown
