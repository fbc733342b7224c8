"""The catalogs: same keys and placeholders in every language, local number formats."""

from __future__ import annotations

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


def test_catalog_keys_used_in_code_exist():
    """Every literal message code in the package is in the catalog."""
    from social_strategy.paths import PACKAGE_DIR

    codes: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'code="([a-z_]+\.[a-z_.0-9]+)"', text))
        codes |= set(re.findall(r'msg\("([a-z_]+\.[a-z_.0-9]+)"', text))
        codes |= set(re.findall(r'label="([a-z_]+\.[a-z_.0-9]+)"', text))
    assert len(codes) > 10
    messages = _load("en")
    missing = sorted(c for c in codes if c not in messages)
    assert not missing
