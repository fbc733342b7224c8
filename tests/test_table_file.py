"""Saving a client's table back exactly as they keep it (open_table / save_table)."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from social_strategy.errors import InputError, localise
from social_strategy.i18n import catalog
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.workspace import load_workspace, open_table, read_csv, save_table
from social_strategy.workspace.readers import (
    decode,
    read_xlsx_sheet,
    sniff_separator,
    stray_returns,
)
from social_strategy.workspace.table_file import _parse

BOM = b"\xef\xbb\xbf"


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _rows(table) -> list[list[str]]:
    return [list(r) for r in table.rows]


def _unchanged(path: Path) -> None:
    """Opening and saving without a change writes nothing and keeps every byte."""
    before = path.read_bytes()
    table = open_table(path)
    assert save_table(table, _rows(table)) is False
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".bak").exists()


# files as clients keep them
UTF8_BOM_COMMA = (
    BOM
    + (
        "platform,goals,segments,notes\n"
        'Instagram,G1;G3,,"Latte Art, Rösttage"\n'
        "Facebook,G3,S2;S3,ältere Stammgäste\n"
    ).encode()
)
CP1252_SEMICOLON = (
    "name;share_pct;notes\r\n"
    "Stammgäste;12,5;Frühstück\r\n"
    "Büro;27,5;Größe unbekannt\r\n"
    "Laufkundschaft;60;\r\n"
).encode("cp1252")
QUOTE_ALL = (
    '"id","name","size","notes"\n'
    '"S1","Hobby-Baristas","120","Espresso"\n'
    '"S2","Café-Gäste","","Frühstück; Veranstaltungen"\n'
).encode()
CRLF_NO_TRAILING = b"a,b,c\r\n1,2,3\r\n4,5,6"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.csv", UTF8_BOM_COMMA),
        ("cp1252.csv", CP1252_SEMICOLON),
        ("quoted.csv", QUOTE_ALL),
        ("crlf.csv", CRLF_NO_TRAILING),
        ("blank_lines.csv", b";;\n\nid;name\n1;a\n\n2;b\n\n"),
        ("odd_quoting.csv", b'id,text\n1,"half"quoted\n2,mid"quote\n'),
    ],
)
def test_no_change_keeps_every_byte(tmp_path, name, data):
    _unchanged(_file(tmp_path, name, data))


def test_no_change_keeps_every_example_table(tmp_path):
    for source in sorted(EXAMPLE_WORKSPACE.glob("*.csv")):
        _unchanged(_file(tmp_path, source.name, source.read_bytes()))


def test_cells_are_read_as_the_workspace_reader_reads_them(tmp_path):
    for source in sorted(EXAMPLE_WORKSPACE.glob("*.csv")):
        table = open_table(source)
        raw = read_csv(source, source.name)
        assert [r for r in table.rows] == [list(cells.values()) for _, cells in raw.rows]
        text = stray_returns(decode(source.read_bytes()))
        sep = sniff_separator(text)
        expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        assert [[c.value for c in r.cells] for r in _parse(text, sep)] == expected


def test_cells_are_text_as_typed(tmp_path):
    table = open_table(_file(tmp_path, "s.csv", CP1252_SEMICOLON))
    assert table.header == ["name", "share_pct", "notes"]
    assert table.rows[0] == ["Stammgäste", "12,5", "Frühstück"]
    assert table.rows[2] == ["Laufkundschaft", "60", ""]
    assert table.sheet is None and table.name == "s.csv"
    table = open_table(_file(tmp_path, "c.csv", UTF8_BOM_COMMA))
    assert table.rows[0] == ["Instagram", "G1;G3", "", "Latte Art, Rösttage"]


def _lines(path: Path, encoding: str = "utf-8-sig") -> list[str]:
    return path.read_bytes().decode(encoding).splitlines(keepends=True)


def test_changing_one_cell_changes_only_that_row(tmp_path):
    path = _file(tmp_path, "cp1252.csv", CP1252_SEMICOLON)
    before = _lines(path, "cp1252")
    table = open_table(path)
    rows = _rows(table)
    rows[1][1] = "30,5"
    assert save_table(table, rows) is True
    after = _lines(path, "cp1252")
    assert after[1] == before[1] and after[3] == before[3] and after[0] == before[0]
    assert after[2] == "Büro;30,5;Größe unbekannt\r\n"
    assert path.read_bytes().decode("cp1252")  # still cp1252, no BOM
    assert not path.read_bytes().startswith(BOM)
    assert path.with_name("cp1252.csv.bak").read_bytes() == CP1252_SEMICOLON


def test_changed_row_keeps_quotes_of_its_cells_and_the_bom(tmp_path):
    path = _file(tmp_path, "c.csv", UTF8_BOM_COMMA)
    table = open_table(path)
    rows = _rows(table)
    rows[0][0] = "Instagram Reels"
    save_table(table, rows)
    data = path.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM + BOM)
    assert _lines(path)[1] == 'Instagram Reels,G1;G3,,"Latte Art, Rösttage"\n'
    assert _lines(path)[2] == "Facebook,G3,S2;S3,ältere Stammgäste\n"


def test_typed_text_round_trips_exactly(tmp_path):
    path = _file(tmp_path, "c.csv", UTF8_BOM_COMMA)
    table = open_table(path)
    rows = _rows(table)
    typed = ["Mastodon", "G1;G3", "S1;S2", 'Er sagte "Grüß Gott", dann ging er\nweiter']
    rows[1] = typed
    rows.append(["Threads", "G2", "", "Überschneidung ; 12,5 %"])
    save_table(table, rows)
    again = open_table(path)
    assert again.rows == rows
    raw = read_csv(path, path.name)
    assert list(raw.rows[1][1].values())[1] == "G1;G3"
    assert raw.rows[2][1]["notes"] == "Überschneidung ; 12,5 %"


def test_appended_row_is_quoted_like_the_others(tmp_path):
    path = _file(tmp_path, "q.csv", QUOTE_ALL)
    table = open_table(path)
    rows = _rows(table)
    rows[1][2] = "80"
    rows.append(["S3", "Büro", "", "B2B"])
    save_table(table, rows)
    lines = _lines(path)
    assert lines[:2] == _lines(_file(tmp_path, "orig.csv", QUOTE_ALL))[:2]
    assert lines[2] == '"S2","Café-Gäste","80","Frühstück; Veranstaltungen"\n'
    assert lines[3] == '"S3","Büro","","B2B"\n'
    assert len(lines) == 4


def test_appended_row_follows_the_columns_quoting(tmp_path):
    path = _file(tmp_path, "c.csv", b'id,notes\n1,"a"\n2,"b"\n')
    table = open_table(path)
    save_table(table, [*_rows(table), ["3", "c"]])
    assert path.read_bytes() == b'id,notes\n1,"a"\n2,"b"\n3,"c"\n'


def test_deleted_row_is_gone_and_the_rest_untouched(tmp_path):
    path = _file(tmp_path, "q.csv", b'id,text\n1,"half"quoted\n2,b\n3,"c"\n')
    table = open_table(path)
    rows = _rows(table)
    del rows[1]
    assert save_table(table, rows) is True
    assert path.read_bytes() == b'id,text\n1,"half"quoted\n3,"c"\n'
    rows.insert(0, ["0", "neu"])
    save_table(table, rows)
    assert path.read_bytes() == b'id,text\n0,"neu"\n1,"half"quoted\n3,"c"\n'  # as the column


def test_line_endings_and_missing_final_newline_kept(tmp_path):
    path = _file(tmp_path, "crlf.csv", CRLF_NO_TRAILING)
    table = open_table(path)
    save_table(table, [*_rows(table), ["7", "8", "9"]])
    assert path.read_bytes() == b"a,b,c\r\n1,2,3\r\n4,5,6\r\n7,8,9"
    table = open_table(path)
    save_table(table, _rows(table)[:1])
    assert path.read_bytes() == b"a,b,c\r\n1,2,3"


def test_blank_lines_and_rows_before_the_header_kept(tmp_path):
    path = _file(tmp_path, "b.csv", b";;\n\nid;name\n1;a\n\n2;b\n\n")
    table = open_table(path)
    assert table.header == ["id", "name"] and table.rows == [["1", "a"], ["2", "b"]]
    assert table.row_number(1) == 6
    save_table(table, [["1", "a"], ["2", "c"], ["3", "d"]])
    assert path.read_bytes() == b";;\n\nid;name\n1;a\n\n2;c\n3;d\n\n"


def test_formula_typed_is_neutralised_and_reads_back_as_typed(tmp_path):
    path = _file(tmp_path, "c.csv", UTF8_BOM_COMMA)
    table = open_table(path)
    rows = _rows(table)
    rows[0][3] = '=HYPERLINK("x")'
    rows.append(["@handle", "-5", "+12,5", "-2+3"])
    save_table(table, rows)
    lines = _lines(path)
    assert lines[1] == 'Instagram,G1;G3,,"\'=HYPERLINK(""x"")"\n'
    # plain numbers are no formula; a handle and a sum are
    assert lines[3] == "'@handle,-5,\"+12,5\",'-2+3\n"
    assert open_table(path).rows == rows
    assert read_csv(path, path.name).rows[0][1]["notes"] == '=HYPERLINK("x")'


def test_untouched_formula_like_cells_stay_as_they_are(tmp_path):
    path = _file(tmp_path, "h.csv", b"handle,n\n@a,1\n@b,2\n")
    table = open_table(path)
    save_table(table, [["@a", "1"], ["@b", "3"]])
    assert path.read_bytes() == b"handle,n\n@a,1\n@b,3\n"


@pytest.mark.parametrize("char", ["→", "😀"])
def test_character_cp1252_cannot_hold_is_refused(tmp_path, char):
    path = _file(tmp_path, "cp1252.csv", CP1252_SEMICOLON)
    table = open_table(path)
    rows = _rows(table)
    rows[1][2] = f"Büro {char} Café"
    with pytest.raises(InputError) as caught:
        save_table(table, rows)
    (problem,) = caught.value.problems
    assert problem.file == "cp1252.csv"
    assert problem.row == 3 and problem.column == "notes"
    assert char in problem.message and "Windows-1252" in str(problem)
    assert path.read_bytes() == CP1252_SEMICOLON
    assert not path.with_name("cp1252.csv.bak").exists()
    german = localise(problem, catalog("de"))
    assert german.startswith("cp1252.csv, Zeile 3, Spalte „notes“: das Zeichen")
    assert char in german and "Windows-1252" in german


def test_file_changed_since_opening_is_not_overwritten(tmp_path):
    path = _file(tmp_path, "c.csv", UTF8_BOM_COMMA)
    table = open_table(path)
    path.write_bytes(UTF8_BOM_COMMA + b"TikTok,G2,,\n")
    rows = _rows(table)
    rows[0][0] = "X"
    with pytest.raises(InputError, match="changed by someone else"):
        save_table(table, rows)
    assert path.read_bytes().endswith(b"TikTok,G2,,\n")


def test_saving_twice_from_the_same_table(tmp_path):
    path = _file(tmp_path, "c.csv", QUOTE_ALL)
    table = open_table(path)
    rows = _rows(table)
    rows[0][1] = "Espresso-Fans"
    assert save_table(table, rows)
    assert table.rows == rows
    rows[1][1] = "Gäste"
    assert save_table(table, rows)
    assert open_table(path).rows == rows


def test_unreadable_and_empty_files_name_the_file(tmp_path):
    with pytest.raises(InputError) as caught:
        open_table(tmp_path / "missing.csv")
    assert caught.value.problems[0].file == "missing.csv"
    with pytest.raises(InputError, match="empty"):
        open_table(_file(tmp_path, "empty.csv", b"\n\n"))
    with pytest.raises(InputError, match="workbook cannot be opened"):
        open_table(_file(tmp_path, "bad.xlsx", b"not a workbook"))


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_FILE_MB", "0.00001")
    with pytest.raises(InputError, match="too large"):
        open_table(_file(tmp_path, "c.csv", UTF8_BOM_COMMA))


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "segments"
    ws.append(["id", "name", "share_pct", "since"])
    ws.append(["S1", "Stammgäste", 12.5, dt.datetime(2026, 1, 5)])
    ws.append(["S2", "Büro", 30, None])
    ws["A1"].font = openpyxl.styles.Font(bold=True)
    other = wb.create_sheet("notes")
    other["A1"] = "bitte nicht ändern"
    wb.save(path)
    return path


def test_xlsx_no_change_keeps_the_file(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    table = open_table(path, "segments")
    assert table.name == "book.xlsx, sheet segments"
    assert table.header == ["id", "name", "share_pct", "since"]
    assert table.rows == [["S1", "Stammgäste", "12.5", "2026-01-05"], ["S2", "Büro", "30", ""]]
    _unchanged(path)


def test_xlsx_changes_only_the_changed_cells(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    table = open_table(path)
    rows = _rows(table)
    rows[1][2] = "27,5"
    rows[1][3] = "2026-02-01"
    rows.append(["S3", '=HYPERLINK("x")', "5", ""])
    assert save_table(table, rows) is True
    wb = openpyxl.load_workbook(path)
    ws = wb["segments"]
    assert ws["C2"].value == 12.5 and isinstance(ws["C2"].value, float)  # untouched number
    assert ws["C3"].value == 27.5 and ws["C4"].value == 5  # typed numbers stay numbers
    assert ws["D3"].value == dt.datetime(2026, 2, 1)
    assert ws["B4"].data_type == "s" and ws["B4"].quotePrefix
    assert ws["A1"].font.bold
    assert wb["notes"]["A1"].value == "bitte nicht ändern"
    rows[1][2] = "27.5"  # a number now, shown as the workspace reader shows numbers
    assert open_table(path).rows == rows
    raw = read_xlsx_sheet(path, "segments", "book.xlsx, sheet segments")
    assert raw.rows[2][1]["name"] == '=HYPERLINK("x")'
    assert path.with_name("book.xlsx.bak").exists()


def test_xlsx_deleted_and_inserted_rows(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    table = open_table(path)
    rows = _rows(table)
    save_table(table, [["S0", "Neu", "1", ""], rows[1]])
    assert open_table(path).rows == [["S0", "Neu", "1", ""], rows[1]]
    ws = openpyxl.load_workbook(path)["segments"]
    assert ws.max_row == 3 and ws["C3"].value == 30


def test_workspace_still_validates_after_a_save(tmp_path):
    ws = tmp_path / "example"
    shutil.copytree(EXAMPLE_WORKSPACE, ws)
    table = open_table(ws / "channels.csv")
    rows = _rows(table)
    followers = table.header.index("followers")
    notes = table.header.index("notes")
    rows[0][followers] = "2300"
    rows[1][notes] = 'Veranstaltungen; ältere Stammgäste, "Frühstück"'
    assert save_table(table, rows)
    loaded = load_workspace(ws)
    channels = loaded.tables["channels"]
    assert len(channels) == len(rows)
    assert channels["followers"].iloc[0] == 2300
    assert channels["notes"].iloc[1] == rows[1][notes]
    before = (EXAMPLE_WORKSPACE / "channels.csv").read_bytes().splitlines(keepends=True)
    after = (ws / "channels.csv").read_bytes().splitlines(keepends=True)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [1, 2]


def test_utf8_without_bom_stays_without(tmp_path):
    path = _file(tmp_path, "channels.csv", (EXAMPLE_WORKSPACE / "channels.csv").read_bytes())
    table = open_table(path)
    rows = _rows(table)
    rows[0][-1] = "Grüße → Stammgäste ☕"
    save_table(table, rows)
    data = path.read_bytes()
    assert not data.startswith(BOM)
    assert "Grüße → Stammgäste ☕" in data.decode("utf-8")


def test_bom_in_front_of_cp1252_text_is_kept(tmp_path):
    data = BOM + "id;name\r\n1;Bäckerei\r\n".encode("cp1252")
    path = _file(tmp_path, "odd.csv", data)
    _unchanged(path)
    table = open_table(path)
    save_table(table, [*_rows(table), ["2", "Rösterei"]])
    assert path.read_bytes() == data + "2;Rösterei\r\n".encode("cp1252")


def test_ascii_semicolon_file_takes_umlauts_as_german_excel_writes_them(tmp_path):
    path = _file(tmp_path, "a.csv", b"id;name\n1;Cafe\n")
    table = open_table(path)
    save_table(table, [["1", "Café"]])
    assert path.read_bytes() == "id;name\n1;Café\n".encode("cp1252")
    assert open_table(path).rows == [["1", "Café"]]


def test_tab_separated_file_with_trailing_separators(tmp_path):
    path = _file(tmp_path, "t.csv", b"id\tname\t\n1\tx y\t\n")
    table = open_table(path)
    assert table.header == ["id", "name"] and table.rows == [["1", "x y"]]
    save_table(table, [["1", "x\ty"], ["2", "z"]])
    assert path.read_bytes() == b'id\tname\t\n1\t"x\ty"\t\n2\tz\t\n'


def test_short_rows_stay_short_and_long_rows_keep_their_extra_cells(tmp_path):
    path = _file(tmp_path, "s.csv", b"a,b,c\n1\n2,3,4,extra\n")
    table = open_table(path)
    assert table.rows == [["1", "", ""], ["2", "3", "4"]]
    save_table(table, [["9", "", ""], ["2", "5", "4"]])
    assert path.read_bytes() == b"a,b,c\n9\n2,5,4,extra\n"


def test_header_and_cells_lose_the_formula_apostrophe(tmp_path):
    path = _file(tmp_path, "f.csv", b"'@handle,n\n'=1+2,3\n")
    table = open_table(path)
    assert table.header == ["@handle", "n"] and table.rows == [["=1+2", "3"]]
    save_table(table, [["=1+2", "4"]])
    assert path.read_bytes() == b"'@handle,n\n'=1+2,4\n"


def test_rows_of_other_widths_and_values_are_made_text(tmp_path):
    path = _file(tmp_path, "w.csv", b"a,b\n1,2\n")
    table = open_table(path)
    assert save_table(table, [["1", "2", "ignored"]]) is False
    save_table(table, [[3, None]])
    assert path.read_bytes() == b"a,b\n3,\n"


def test_xlsx_sheet_not_there_is_named(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    with pytest.raises(InputError) as caught:
        open_table(path, "kanäle")
    assert caught.value.problems[0].file == "book.xlsx"
    assert "segments" in str(caught.value)


def test_xlsx_control_character_is_a_problem_not_a_traceback(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    before = path.read_bytes()
    table = open_table(path)
    rows = _rows(table)
    rows[0][1] = "Stamm\x07gäste"
    with pytest.raises(InputError) as caught:
        save_table(table, rows)
    assert caught.value.problems[0].row == 2
    assert caught.value.problems[0].column == "name"
    assert path.read_bytes() == before


def test_table_too_long_to_edit_is_refused(tmp_path, monkeypatch):
    from social_strategy.workspace import table_file

    monkeypatch.setattr(table_file, "MAX_EDIT_LINES", 2)
    with pytest.raises(InputError, match="too long to edit"):
        open_table(_file(tmp_path, "c.csv", UTF8_BOM_COMMA + b"TikTok,G2,,\n"))
    with pytest.raises(InputError, match="too long to edit"):
        wb = openpyxl.Workbook()
        for i in range(5):
            wb.active.append([f"r{i}", i])
        wb.save(tmp_path / "long.xlsx")
        open_table(tmp_path / "long.xlsx")


def test_rows_edited_in_place_are_saved(tmp_path):
    path = _file(tmp_path, "c.csv", UTF8_BOM_COMMA)
    table = open_table(path)
    table.rows[1][0] = "Facebook-Gruppe"
    assert save_table(table, table.rows) is True
    assert open_table(path).rows[1][0] == "Facebook-Gruppe"


def test_xlsx_untouched_formula_stays_a_formula(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["id", "amount", "double"])
    wb.active.append(["a", 2, "=B2*2"])
    wb.active.append(["b", 3, "=B3*2"])
    wb.save(path)
    table = open_table(path)
    rows = _rows(table)
    rows[1][1] = "4"
    save_table(table, rows)
    ws = openpyxl.load_workbook(path).active
    assert ws["C2"].value == "=B2*2" and ws["C3"].value == "=B3*2"
    assert ws["B3"].value == 4


def test_blank_rows_are_not_written(tmp_path):
    path = _file(tmp_path, "w.csv", b"a,b\n1,2\n3,4\n")
    table = open_table(path)
    assert save_table(table, [["1", "2"], ["", " "], ["3", "4"], ["", ""]]) is False
    save_table(table, [["", ""], ["3", "4"]])
    assert path.read_bytes() == b"a,b\n3,4\n"


_ALPHABET = ["a", "Z", "ä", "ß", "€", " ", ";", ",", "\t", '"', "\n", "=", "@", "-", "1", ",5", "'"]


def _random_cell(rng) -> str:
    text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 6))).strip()
    return text.lstrip("'").strip()  # a typed leading apostrophe is the formula mark's job


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_round_trip(tmp_path, seed):
    """Random files in every style, random edits: what is saved reads back as typed, and
    rows nobody touched keep their bytes."""
    import random

    rng = random.Random(seed)
    sep = rng.choice([",", ";", "\t"])
    quoting = rng.choice([csv.QUOTE_ALL, csv.QUOTE_MINIMAL])
    line_end = rng.choice(["\n", "\r\n"])
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
    width = rng.randrange(2, 5)  # one column has no separator to sniff
    header = [f"col{j}" for j in range(width)]
    rows = [[_random_cell(rng) or "x" for _ in range(width)] for _ in range(rng.randrange(0, 8))]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, quoting=quoting, lineterminator=line_end)
    writer.writerows([header, *rows])
    text = buffer.getvalue()
    if rng.random() < 0.3:
        text = text[: -len(line_end)]
    path = _file(tmp_path, "r.csv", text.encode(encoding))
    table = open_table(path)
    assert table.rows == [[c.strip() for c in r] for r in rows]
    _unchanged(path)
    edited = _rows(table)
    for _ in range(rng.randrange(1, 4)):
        action = rng.random()
        if action < 0.5 and edited:
            edited[rng.randrange(len(edited))][rng.randrange(width)] = _random_cell(rng)
        elif action < 0.75:
            edited.insert(rng.randrange(len(edited) + 1), [_random_cell(rng) for _ in header])
        elif edited:
            del edited[rng.randrange(len(edited))]
    edited = [r for r in edited if any(r)]
    before = path.read_bytes()
    original = _rows(table)
    try:
        save_table(table, edited)
    except InputError as exc:  # only for what cp1252 cannot hold
        assert encoding == "cp1252" and "Windows-1252" in str(exc)
        assert path.read_bytes() == before
        return
    assert open_table(path).rows == edited
    if any("\n" in cell for row in original + edited for cell in row) or line_end not in text:
        return  # line breaks inside cells: lines are no rows; no line break: nothing to match
    old_lines = decode(before).split(line_end)
    new_lines = decode(path.read_bytes()).split(line_end)
    assert new_lines[0] == old_lines[0]
    matcher = difflib.SequenceMatcher(
        None, [tuple(r) for r in original], [tuple(r) for r in edited], autojunk=False
    )
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):  # the row's original bytes, at its new place
                assert new_lines[1 + j1 + k] == old_lines[1 + i1 + k]


@pytest.mark.parametrize("seed", range(15))
def test_random_xlsx_edits_round_trip(tmp_path, seed):
    import random

    rng = random.Random(seed)
    width = rng.randrange(1, 5)
    header = [f"col{j}" for j in range(width)]
    rows = [  # openpyxl itself would store "=..." as a formula
        [_random_cell(rng).lstrip("=").strip() or "x" for _ in header]
        for _ in range(rng.randrange(0, 8))
    ]
    wb = openpyxl.Workbook()
    wb.active.title = "t"
    for row in [header, *rows]:
        wb.active.append(row)
    wb.create_sheet("other")["B2"] = 42
    path = tmp_path / "r.xlsx"
    wb.save(path)
    table = open_table(path)
    assert table.rows == rows
    edited = _rows(table)
    for _ in range(rng.randrange(1, 4)):
        action = rng.random()
        if action < 0.5 and edited:
            edited[rng.randrange(len(edited))][rng.randrange(width)] = _random_cell(rng)
        elif action < 0.75:
            edited.insert(rng.randrange(len(edited) + 1), [_random_cell(rng) for _ in header])
        elif edited:
            del edited[rng.randrange(len(edited))]
    edited = [r for r in edited if any(r)]
    save_table(table, edited)
    assert open_table(path, "t").rows == edited
    assert openpyxl.load_workbook(path)["other"]["B2"].value == 42


def test_bytes_cp1252_leaves_undefined_are_kept(tmp_path):
    data = b"id;name\r\n1;a\x81b\r\n2;c\r\n"  # 0x81 means nothing in Windows-1252
    path = _file(tmp_path, "u.csv", data)
    _unchanged(path)
    table = open_table(path)
    save_table(table, [table.rows[0], ["2", "d"]])
    assert path.read_bytes() == b"id;name\r\n1;a\x81b\r\n2;d\r\n"
