"""Workshop forms: answers are validated, written atomically with a backup, and the step's
results refresh. Driven in-process here; in a real browser in test_browser.py."""

from __future__ import annotations

import ipywidgets as w

from conftest import REPORT_DATE
from social_strategy.forms import channels_form, firm_form
from social_strategy.notebook import start
from social_strategy.workspace import load_workspace


def find(box: w.Widget, css_class: str) -> list[w.Widget]:
    found: list[w.Widget] = []

    def walk(widget: w.Widget) -> None:
        if css_class in getattr(widget, "_dom_classes", ()):
            found.append(widget)
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(box)
    return found


def status_text(form: w.VBox) -> str:
    return " ".join(c.value for c in form.children if isinstance(c, w.HTML) and "smw-" in c.value)


def test_firm_form_changes_only_what_was_edited(example_ws, tmp_path):
    session = start(str(example_ws), str(tmp_path / "results"), "de", REPORT_DATE, True)
    before = (example_ws / "strategy.yaml").read_text(encoding="utf-8")
    form = firm_form(session)
    find(form, "smw-firm-industry")[0].value = "Kaffeerösterei & Café"
    find(form, "smw-goal-target")[1].value = "12"
    find(form, "smw-save")[0].click()

    assert "smw-saved" in status_text(form)
    after = (example_ws / "strategy.yaml").read_text(encoding="utf-8")
    assert (example_ws / "strategy.yaml.bak").read_text(encoding="utf-8") == before
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [
        (
            '  industry: "Kaffeerösterei mit Onlineshop, Café und Bürokaffee-Service"',
            '  industry: "Kaffeerösterei & Café"',
        ),
        ("    target: 8", "    target: 12"),
    ]
    ws = load_workspace(example_ws)
    assert ws.strategy.goals[1].target == 12
    assert session.ws.strategy.firm.industry == "Kaffeerösterei & Café"


def test_firm_form_refuses_bad_input_and_writes_nothing(example_ws, tmp_path):
    session = start(str(example_ws), str(tmp_path / "results"), "en", REPORT_DATE, True)
    before = (example_ws / "strategy.yaml").read_bytes()
    form = firm_form(session)
    find(form, "smw-goal-target")[0].value = "viele"
    find(form, "smw-save")[0].click()
    text = status_text(form)
    assert "smw-problems" in text and "goals.0.target" in text and "viele" in text
    assert (example_ws / "strategy.yaml").read_bytes() == before
    assert not (example_ws / "strategy.yaml.bak").exists()


def test_firm_form_adds_a_goal(minimal_ws, tmp_path):
    import datetime as dt

    session = start(str(minimal_ws), str(tmp_path / "results"), "en", REPORT_DATE, True)
    form = firm_form(session)
    find(form, "smw-add-goal")[0].click()
    find(form, "smw-goal-goal")[0].value = "More regular customers"
    find(form, "smw-goal-metric")[0].value = "repeat orders per month"
    find(form, "smw-goal-target")[0].value = "40"
    find(form, "smw-goal-due")[0].value = dt.date(2027, 9, 30)
    find(form, "smw-save")[0].click()
    goals = load_workspace(minimal_ws).strategy.goals
    assert [(g.id, g.target, g.due.isoformat()) for g in goals] == [("G1", 40, "2027-09-30")]


def test_channels_form_updates_verdicts(example_ws, tmp_path):
    session = start(str(example_ws), str(tmp_path / "results"), "en", REPORT_DATE, True)
    form = channels_form(session)
    platforms = [t.value for t in find(form, "smw-channel-platform")]
    xing = platforms.index("Xing")
    find(form, "smw-channel-considered")[xing].value = False
    find(form, "smw-save")[0].click()
    assert "smw-saved" in status_text(form)
    channels = load_workspace(example_ws).table("channels").set_index("platform")
    assert not channels.loc["Xing", "considered"]
    assert channels.loc["Instagram", "followers"] == 2150  # untouched columns survive
    assert channels.loc["Facebook", "segments"] == ["S2", "S3"]
    assert (example_ws / "channels.csv.bak").is_file()


def test_channels_form_opens_on_blank_fit_and_effort_cells(example_ws, tmp_path):
    path = example_ws / "channels.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("Pinterest,yes,,,,,,,,")  # nothing assessed yet
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session = start(str(example_ws), str(tmp_path / "results"), "de", REPORT_DATE, True)
    form = channels_form(session)
    pinterest = [f for f in find(form, "smw-channel-platform") if f.value == "Pinterest"]
    assert len(pinterest) == 1
    assert find(form, "smw-channel-fit")[-1].value == ""
