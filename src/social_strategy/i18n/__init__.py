"""One catalog per language, shared by the report and the forms.

A catalog is a folder next to this module named for its language (``de/``, ``en/``), with one
YAML file per part of the method (``core.yaml`` for the report frame, ``firm.yaml``,
``audience.yaml``, ... one per step), nested by topic and addressed with dotted keys
(``audience.title``). A step brings its own file; a top-level key lives in one file only.
Messages are ``str.format`` templates whose fields can carry a format spec that follows the
language's conventions:

``{share:pct}`` 42 % / 42%   ``{share:pct1}`` 42,5 % / 42.5%
``{n:num}`` 1.234 / 1,234; 4,8 / 4.8; 0,25 / 0.25: the decimals a number needs (up to two,
more below 0.1 so that a small number never shows as 0); whole numbers without decimals
``{x:num1}`` 1,5 / 1.5, ``{x:num2}`` 1,53 / 1.53: fixed decimals (whole numbers without)
``{day:date}`` 31.03.2027 / 31 Mar 2027   ``{m:month}`` (``2027-02``) Februar 2027 / Feb 2027
``{items:list}`` a, b und c / a, b and c
``{ids:plural:dem Ziel|den Zielen}`` the form for the count's plural category in the
language (CLDR rules through Babel: a list counts its items, 1 is "one", 0, 2 and 1.5 are
"other"); write the list itself next to it with ``{ids:list}``. Positional forms are
``one|other``; named forms (``one=Stunde|other=Stunden``, any CLDR category, ``=0=keine``
for an exact count) serve languages with more categories. ``{n:count:Stunde|Stunden}``
writes the number and the form: "1 Stunde", "2,5 Stunden".

One kind of number, one format (use these rather than ``num`` wherever a message shows one):

``{n:whole}`` counted things (people, accounts, posts, mentions, rows): whole, 1.235 / 1,235
``{n:whole:Person|Personen}`` the whole number and the form for it: "1 Person", "1.023 Personen"
``{x:money}`` an amount in whole euros (3.163 / 3,163); ``{x:price}`` a unit price (an hourly
rate), with cents only when it has them: 42 / 42,50
``{x:share}`` a share in whole percent (as ``pct``); ``pct1`` where the tenth matters
``{x:about}`` an estimate rounded to what its uncertainty supports: pass a value with an
interval as ``{"value": v, "low": l, "high": h}`` (rounded to the power of ten below the
interval's half-width, at least whole) or a bare number (two significant digits, whole);
``{x:about:Person|Menschen}`` adds the form for the rounded number

Values may themselves be messages (``{"code": key, "values": {...}}``); they are translated
first. Adding a language means adding a ``<code>/`` folder with the same files and keys (a
test checks).
"""

from __future__ import annotations

import datetime as dt
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from ..paths import I18N

_MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def available_languages() -> list[str]:
    """Language codes that have a catalog."""
    return sorted(p.name for p in I18N.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


#: catalog folders besides the package's own: a step registered from outside the package
#: brings its texts in ``<folder>/<lang>/<step>.yaml`` (see :func:`add_catalog`)
_FOLDERS: list[Path] = []


def add_catalog(folder: Path) -> None:
    """Read the catalogs in ``folder/<lang>/*.yaml`` too (a step from outside the package).
    Its top-level keys must not be defined by another file."""
    if Path(folder) not in _FOLDERS:
        _FOLDERS.append(Path(folder))
    _load.cache_clear()
    catalog.cache_clear()


def remove_catalog(folder: Path) -> None:
    """Stop reading the catalogs of ``folder`` (see :func:`add_catalog`)."""
    if Path(folder) in _FOLDERS:
        _FOLDERS.remove(Path(folder))
    _load.cache_clear()
    catalog.cache_clear()


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _load(lang: str) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    files = [p for folder in (I18N, *_FOLDERS) for p in sorted((folder / lang).glob("*.yaml"))]
    for path in files:
        with path.open(encoding="utf-8") as fh:
            # libyaml's loader where PyYAML has it: the same tree, ten times faster (the
            # first text of every workshop page waits for the catalog)
            part = yaml.load(fh, Loader=_SAFE_LOADER) or {}
        for key in part:
            if key in tree:
                raise ValueError(f"catalog {lang}: '{key}' is defined twice ({path.name})")
        tree.update(part)
    return _flatten(tree)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_category(lang: str, count: Any) -> str:
    """The CLDR plural category (``one``, ``few``, ``other``, ...) of ``count`` in ``lang``.

    A list or tuple counts its items; a float that is a whole number counts as that whole
    number (it is shown without decimals).
    """
    if isinstance(count, (list, tuple)):
        count = len(count)
    number = float(count)
    if number.is_integer():
        number = int(number)
    return _locale(lang).plural_form(abs(number))


def plural_form(lang: str, count: Any, forms: str) -> str:
    """The form of ``forms`` (``one|other`` or ``one=..|other=..|=0=..``) for ``count``."""
    parts = forms.split("|")
    named: dict[str, str] = {}
    for part in parts:
        key, sep, text = part.partition("=")
        if sep and (key in _CATEGORIES or key == ""):
            if key == "":  # "=0=keine": an exact count
                exact, _, text = text.partition("=")
                named[f"={exact}"] = text
            else:
                named[key] = text
    if not named:
        one, other = parts[0], parts[-1]
        named = {"one": one, "other": other}
    size = len(count) if isinstance(count, (list, tuple)) else count
    exact = f"={float(size):g}"
    if exact in named:
        return named[exact]
    category = plural_category(lang, size)
    return named.get(category, named.get("other", parts[-1]))


_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _about(value: Any) -> int:
    """An estimate as the whole number its uncertainty supports (see ``Catalog.about``)."""
    import math

    if isinstance(value, dict):
        centre = float(value["value"])
        half = max((float(value["high"]) - float(value["low"])) / 2, 0.0)
    else:
        centre = float(value)
        half = abs(centre) / 20  # about two significant digits
    step = 10 ** math.floor(math.log10(half)) if half >= 1 else 1
    return _half_up(centre / step) * step


def _half_up(value: float) -> int:
    """``value`` rounded to a whole number, halves away from zero (2.5 -> 3, not 2)."""
    import math

    return int(math.copysign(math.floor(abs(value) + 0.5), value))


class _Formatter(string.Formatter):
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.catalog.format_value(value, format_spec)


class Catalog:
    """Messages and number formats of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in available_languages():
            raise ValueError(f"no catalog for language {lang!r}")
        self.lang = lang
        self.messages = _load(lang)
        self._formatter = _Formatter(self)

    def has(self, key: str) -> bool:
        return key in self.messages

    def raw(self, key: str) -> Any:
        """The catalog entry itself (a string, a list or a number)."""
        return self.messages[key]

    def t(self, key: str, /, **values: Any) -> str:
        """The message ``key`` with ``values`` filled in."""
        template = self.messages[key]
        if not values:
            return str(template)
        return self._formatter.vformat(
            str(template), (), {k: self._resolve(v) for k, v in values.items()}
        )

    def text(self, message: dict[str, Any] | str) -> str:
        """A message given as ``{"code": ..., "values": {...}}`` or a bare key."""
        if isinstance(message, str):
            return self.t(message)
        return self.t(message["code"], **(message.get("values") or {}))

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and "code" in value:
            return self.text(value)
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    # -- numbers and dates -------------------------------------------------------------
    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        if self.lang == "de":
            text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
        return text

    def needed(self, value: float) -> str:
        """A number with the decimals it needs: 300, 4.8, 0.25, 0.004; never rounded to 0."""
        value = float(value)
        if value.is_integer():
            return self.number(value, 0)
        decimals = 2
        while decimals < 6 and round(value, decimals) == 0:
            decimals += 1
        text = self.number(value, decimals)
        point = "," if self.lang == "de" else "."
        return text.rstrip("0").rstrip(point) if point in text else text

    def whole(self, value: float) -> str:
        """A counted thing (people, accounts, posts): rounded half away from zero, never with
        decimals."""
        return self.number(_half_up(float(value)), 0)

    def money(self, value: float) -> str:
        """An amount in whole euros."""
        return self.whole(value)

    def price(self, value: float) -> str:
        """A unit price: cents only when it has them (42, 42,50)."""
        value = float(value)
        cents = round(value * 100)
        return self.number(value, 0 if cents % 100 == 0 else 2)

    def about(self, value: Any) -> str:
        """An estimate rounded to what it supports: ``{"value", "low", "high"}`` to the power of
        ten below the interval's half-width; a bare number to two significant digits. Never
        with decimals: an estimate of a count is a whole number."""
        return self.number(_about(value), 0)

    def percent(self, value: float, decimals: int = 0) -> str:
        number = self.number(value, decimals)
        return f"{number}\u00a0%" if self.lang == "de" else f"{number}%"

    def date(self, value: dt.date | str) -> str:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        if self.lang == "de":
            return value.strftime("%d.%m.%Y")
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"

    def month(self, value: dt.date | str) -> str:
        """A calendar month (``2027-02`` or a date): Februar 2027 / Feb 2027."""
        if isinstance(value, str):
            year, month = int(value[:4]), int(value[5:7])
        else:
            year, month = value.year, value.month
        names = _MONTHS_DE if self.lang == "de" else _MONTHS_EN
        return f"{names[month - 1]} {year}"

    def join(self, items: list[Any]) -> str:
        items = [str(i) for i in items]
        if len(items) <= 1:
            return "".join(items)
        word = self.messages.get("common.and", "and")
        return f"{', '.join(items[:-1])} {word} {items[-1]}"

    def format_value(self, value: Any, spec: str) -> str:
        if value is None:
            return self.messages.get("common.missing", "n/a")
        kind, colon, word = spec.partition(":")
        if colon and kind in ("whole", "about", "plural", "count"):
            return self._counted(value, kind, word)
        if spec in ("pct", "pct1", "share"):
            return self.percent(float(value), 1 if spec == "pct1" else 0)
        if spec in ("whole", "money", "price", "num"):
            method = {"whole": self.whole, "money": self.money, "price": self.price}
            return method.get(spec, self.needed)(float(value))
        if spec in ("num1", "num2"):
            decimals = {"num1": 1, "num2": 2}[spec]
            if float(value).is_integer():
                decimals = 0
            return self.number(float(value), decimals)
        if spec in ("about", "date", "month"):
            return {"about": self.about, "date": self.date, "month": self.month}[spec](value)
        if spec == "list":
            return self.join(value if isinstance(value, list) else [value])
        if isinstance(value, list):
            return self.join(value)
        return format(value, spec)

    def _counted(self, value: Any, kind: str, word: str) -> str:
        """A number with its word in the right plural (``whole:``, ``about:``, ``count:``;
        a list counts its items), or the word alone (``plural:``)."""
        if kind == "plural":
            return plural_form(self.lang, value, word)
        if kind == "about":
            rounded = _about(value)
            return f"{self.number(rounded, 0)} {plural_form(self.lang, rounded, word)}"
        if kind == "whole":
            size = len(value) if isinstance(value, (list, tuple)) else _half_up(float(value))
            return f"{self.whole(size)} {plural_form(self.lang, size, word)}"
        size = len(value) if isinstance(value, (list, tuple)) else value
        return f"{self.format_value(size, 'num')} {plural_form(self.lang, size, word)}"


@cache
def catalog(lang: str) -> Catalog:
    return Catalog(lang)


__all__ = [
    "Catalog",
    "add_catalog",
    "available_languages",
    "catalog",
    "plural_category",
    "plural_form",
    "remove_catalog",
]
