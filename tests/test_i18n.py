"""The catalogs: same keys and placeholders in every language, local number formats."""

from __future__ import annotations

import ast
import re
import string

from social_strategy.i18n import _load, available_languages, catalog


def _fields(template: object) -> set[str]:
    if not isinstance(template, str):
        return set()
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_language_has_the_same_keys_and_placeholders():
    langs = available_languages()
    assert {"de", "en"} <= set(langs)
    reference = _load("en")
    for lang in langs:
        messages = _load(lang)
        assert set(messages) == set(reference), lang
        for key, template in reference.items():
            assert _fields(messages[key]) == _fields(template), (lang, key)


def test_number_and_date_formats():
    de, en = catalog("de"), catalog("en")
    assert de.number(1234.5, 1) == "1.234,5"
    assert en.number(1234.5, 1) == "1,234.5"
    assert de.percent(42) == "42\u00a0%"
    assert en.percent(42.25, 1) == "42.2%" or en.percent(42.25, 1) == "42.3%"
    assert de.date("2027-03-31") == "31.03.2027"
    assert en.date("2027-03-31") == "31 Mar 2027"
    assert de.t("report.plan_window.d0_30") == "Tag 1 bis 30"
    assert de.join(["a", "b", "c"]) == "a, b und c"


#: calls whose first argument is a catalog key
_KEY_CALLS = {"msg", "finding", "action", "t"}
#: keyword arguments that hold a catalog key
_KEY_KEYWORDS = {"code", "expected_code", "label", "owner"}
_KEY = re.compile(r"^[a-z_0-9]+(\.[a-z_0-9]+)+$")


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def codes_in(source: str) -> set[str]:
    """Literal catalog keys in Python source, read from the syntax tree: the first argument of
    ``msg``, ``finding``, ``action`` and ``cat.t``; an action's owner (second argument);
    ``code=``, ``expected_code=`` (either branch of an ``if`` expression), ``label=``,
    ``owner=``; and ``label(session, "x")`` of the forms (``form.x``)."""
    codes: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        found: list[str | None] = []
        if name in _KEY_CALLS and node.args:
            found.append(_literal(node.args[0]))
        if name == "action" and len(node.args) > 1:
            found.append(_literal(node.args[1]))
        if name == "label" and len(node.args) == 2 and _literal(node.args[1]):
            found.append(f"form.{_literal(node.args[1])}")
        for k in node.keywords:
            if k.arg in _KEY_KEYWORDS:  # a literal, or either branch of ``a if x else b``
                values = (
                    [k.value.body, k.value.orelse] if isinstance(k.value, ast.IfExp) else [k.value]
                )
                found.extend(_literal(v) for v in values)
        codes |= {c for c in found if c and _KEY.match(c)}
    return codes


def test_code_reader_finds_keys_split_over_lines():
    source = (
        "r.summary.append(\n    finding(\n        'a.b.c',\n        'warning', n=1)\n)\n"
        "action(\n 'x.action.y', 'owner.management', 14)\n"
        "Column(key='id', label='firm.col.id')\n"
        "Problem('f', 'm', code='p.a', expected_code='p.b' if x else 'p.c')\n"
        "cat.t('charts.no_data')\nlabel(session, 'save')\nmsg(f'dyn.{x}')\n"
    )
    assert codes_in(source) == {
        "a.b.c",
        "x.action.y",
        "owner.management",
        "firm.col.id",
        "p.a",
        "p.b",
        "p.c",
        "charts.no_data",
        "form.save",
    }


def test_catalog_keys_used_in_code_exist():
    """Every literal catalog key in the package exists in every catalog."""
    from social_strategy.paths import PACKAGE_DIR

    used: dict[str, str] = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        for code in codes_in(path.read_text(encoding="utf-8")):
            used.setdefault(code, path.relative_to(PACKAGE_DIR).as_posix())
    assert len(used) > 100
    for lang in available_languages():
        messages = _load(lang)
        missing = sorted(f"{c} ({where})" for c, where in used.items() if c not in messages)
        assert not missing, (lang, missing)


def test_each_language_has_the_same_files_and_a_key_lives_in_one_file():
    from social_strategy.paths import I18N

    files = {
        lang: sorted(p.name for p in (I18N / lang).glob("*.yaml")) for lang in available_languages()
    }
    assert len({tuple(f) for f in files.values()}) == 1, files
    for lang in files:
        _load.cache_clear()
        _load(lang)  # raises when a top-level key is defined in two files
