"""Turn a results folder into what the templates show, in one language.

The report never imports the steps: it reads section results (numbers and codes) and
turns them into sentences with the language's catalog.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .. import owners
from ..i18n import Catalog
from ..results import FIGURES, Column, Message, SectionResult, Source, load_sections, read_meta
from .plan import HOURS_PER_ACTION, MAX_PER_DAY, build_plan
from .summary import build_summary

PLAN_WINDOWS = ((30, "d0_30"), (60, "d31_60"), (90, "d61_90"))


def build_context(
    results_dir: Path,
    catalog: Catalog,
    *,
    embed_figures: bool = True,
    escape: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Everything the HTML and Markdown templates need, already translated.

    ``escape`` is applied to every text that comes from the client (names, goals, table
    cells, the values in sentences), never to the catalog's own words: the Markdown report
    passes :func:`md_escape`; HTML leaves escaping to Jinja's autoescape.
    """
    if escape is not None:
        catalog = _EscapingCatalog(catalog, escape)
    own = escape or (lambda text: text)
    sections = owners.assign(load_sections(results_dir))
    meta = read_meta(results_dir)
    report_date = meta.report_date
    sources = _sources(sections)
    source_index = {_source_key(s): i + 1 for i, s in enumerate(sources)}
    chapters = _chapters(sections, catalog, results_dir, source_index, embed_figures)
    return {
        "lang": catalog.lang,
        "firm": _firm(meta, results_dir, own, embed_figures),
        "report_date": catalog.date(report_date),
        "report_date_iso": report_date.isoformat(),
        # steps taken unchanged from an earlier render (their inputs had not changed)
        "reused": [
            catalog.t(f"{name}.title") for name in meta.reused if catalog.has(f"{name}.title")
        ],
        "reused_from": meta.reused_from,
        "reused_text": _reused_text(meta.reused, meta.reused_from, catalog),
        "summary": [item for ch in chapters for item in ch["summary"]],
        # the one-page answer that opens the report (report/summary.py)
        "onepage": build_summary(sections, catalog, meta.firm, own),
        "chapters": chapters,
        "plan": _plan(sections, catalog, report_date, own),
        "plan_hours": HOURS_PER_ACTION,
        "plan_per_day": MAX_PER_DAY,
        "open_questions": [
            {"chapter": ch["title"], "text": q} for ch in chapters for q in ch["open_questions"]
        ],
        "sources": [_source_row(s, i + 1, catalog, own) for i, s in enumerate(sources)],
        "defaults": [
            {"chapter": ch["title"], "text": d} for ch in chapters for d in ch["defaults"]
        ],
    }


def _firm(meta: Any, results_dir: Path, own: Callable[[str], str], embed: bool) -> dict:
    """The firm as the title page and the footer show it."""
    return {
        "name": _opt(meta.firm, own),
        "legal_name": _opt(meta.legal_name, own),
        "industry": _opt(meta.industry, own),
        "region": _opt(meta.region, own),
        "consultant": _opt(meta.consultant, own),
        "fictional": meta.fictional,
        # the firm's logo as the results folder holds it (None: no logo)
        "logo_file": meta.logo,
        "logo": _logo_src(results_dir, meta.logo, embed),
    }


def _chapters(
    sections: list[SectionResult],
    catalog: Catalog,
    results_dir: Path,
    source_index: dict,
    embed: bool,
) -> list[dict[str, Any]]:
    """The steps' chapters and the review, every table with an anchor."""
    chapters = [
        _chapter(s, i + 1, catalog, results_dir, source_index, embed)
        for i, s in enumerate(sections)
    ]
    # the review: goals measured, and what changed since the client's last report
    from .review_chapter import review_chapter

    review = review_chapter(results_dir, catalog, len(chapters) + 1)
    if review is not None:
        chapters.append(review)
    for ch in chapters:  # every table has an anchor: the appendix and its pointers use it
        for i, table in enumerate(ch["tables"], start=1):
            table.setdefault("id", f"{ch['id']}-table-{i}")
            table.setdefault("name", "")
    return chapters


def check_sections(results_dir: Path, cat: Catalog) -> list:
    """Problems that keep the report from being built from ``results_dir``, by file and
    field (see :func:`~social_strategy.report.check_results`)."""
    from ..errors import InputError
    from ..results import META_FILE, read_result

    problems: list = []
    try:
        meta = read_meta(results_dir)
    except InputError as exc:
        return list(exc.problems)
    for path in sorted(results_dir.glob("*.json")):
        if path.name == META_FILE:
            continue
        try:
            section = read_result(path, SectionResult)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(_section_problems(section, f"results/{path.name}", results_dir, cat, meta))
    return problems


def _results_problem(
    shown: str, message: str, code: str, field: str | None = None, value: object = None, **params
):
    """A problem with a field of a results file (``shown``): render the client again."""
    from ..errors import Problem

    return Problem(
        shown,
        message,
        column=field,
        column_label="field",
        value=value,
        expected="a results file written by the workbook: render the client again",
        code=code,
        expected_code="problem.expect.results_file",
        params=params,
    )


def _section_problems(
    section: SectionResult, shown: str, results_dir: Path, cat: Catalog, meta: Any
) -> list:
    """One section's problems: figures outside the folder or missing, messages this version
    does not know, else any value the chapter cannot show when it is built."""
    found = [
        *_figure_problems(section, shown, results_dir),
        *_message_problems(section, shown, cat),
    ]
    if found:
        return found
    try:  # every sentence, table and date of the chapter, as the report builds them
        index = {_source_key(s): i + 1 for i, s in enumerate(_sources([section]))}
        _chapter(section, 1, cat, results_dir, index, embed=False)
        _plan([section], cat, meta.report_date)
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200]
        found.append(
            _results_problem(
                shown,
                f"holds a value the report cannot show ({reason})",
                "problem.cannot_show",
                reason=reason,
            )
        )
    return found


def _figure_problems(section: SectionResult, shown: str, results_dir: Path) -> list:
    from ..results import figure_names

    found = []
    for field, name in figure_names(section):
        if not name or Path(name).name != name or name.startswith("."):
            found.append(
                _results_problem(
                    shown,
                    "names a figure outside the figures folder",
                    "problem.figure_outside",
                    field,
                    name,
                )
            )
        elif not (results_dir / FIGURES / name).is_file():
            found.append(
                _results_problem(
                    shown,
                    "names a figure file that is missing",
                    "problem.figure_missing",
                    field,
                    name,
                )
            )
    return found


def _message_problems(section: SectionResult, shown: str, cat: Catalog) -> list:
    """The first five message codes (the section's title first) the catalog lacks."""
    unknown = [(f, c) for f, c in _codes(section.model_dump(), ()) if not cat.has(c)]
    if not cat.has(f"{section.section}.title"):
        unknown.insert(0, ("section", section.section))
    return [
        _results_problem(
            shown,
            "names a message this version of the workbook does not know",
            "problem.unknown_message",
            field,
            code,
        )
        for field, code in unknown[:5]
    ]


def _codes(value: Any, where: tuple) -> list[tuple[str, str]]:
    """(field, code) of every message in a section's data: ``{"code": ..., ...}``."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        code = value.get("code")
        if isinstance(code, str):
            found.append((".".join(map(str, (*where, "code"))), code))
        for key, item in value.items():
            if key == "code":
                continue
            if key == "values" and isinstance(code, str) and isinstance(item, dict):
                # a message's parameters: each may be a message, the dict itself is none
                # (a parameter may be called "code", as a pseudonym's is)
                for name, param in item.items():
                    found.extend(_codes(param, (*where, key, name)))
                continue
            found.extend(_codes(item, (*where, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_codes(item, (*where, i)))
    return found


def _chapter(
    section: SectionResult,
    number: int,
    cat: Catalog,
    results_dir: Path,
    source_index: dict[tuple[str, ...], int],
    embed: bool,
) -> dict[str, Any]:
    key = section.section
    return {
        "id": f"chapter-{key}",
        "key": key,
        "number": number,
        "title": cat.t(f"{key}.title"),
        "intro": cat.t(f"{key}.intro"),
        "questions": cat.raw(f"{key}.questions") if cat.has(f"{key}.questions") else [],
        "summary": [{"level": f.level, "text": cat.text(f.model_dump())} for f in section.summary],
        "findings": [
            {"level": f.level, "text": cat.text(f.model_dump())} for f in section.findings
        ],
        "figures": [
            {
                "name": f.name,
                "title": cat.text(f.title.model_dump()),
                "caption": cat.text(f.caption.model_dump()),
                "alt": cat.text(f.alt.model_dump()),
                "src": _figure_src(results_dir / FIGURES / f.files.get(cat.lang, f.file), embed),
                "src_narrow": _narrow_src(
                    results_dir / FIGURES / f.files.get(cat.lang, f.file), embed
                ),
                "file": f"results/{FIGURES}/{f.files.get(cat.lang, f.file)}",
            }
            for f in section.figures
        ],
        "tables": [
            {
                "id": f"chapter-{key}-table-{i}",
                "name": t.id,
                "title": cat.text(t.title.model_dump()),
                # which table and columns (codes): the slide deck picks its tables by them
                "code": t.title.code,
                "keys": [c.key for c in t.columns],
                "caption": cat.text(t.caption.model_dump()) if t.caption else "",
                "columns": [_user(c.text, cat) if c.text else cat.t(c.label) for c in t.columns],
                "numeric": [c.format.startswith(("num", "pct")) for c in t.columns],
                "dates": [c.format == "date" for c in t.columns],
                "rows": [[_cell(row.get(c.key), c, cat) for c in t.columns] for row in t.rows],
            }
            for i, t in enumerate(section.tables, start=1)
        ],
        "decisions": [_text(m, cat) for m in section.decisions],
        "actions": [_text(a, cat) for a in section.actions],
        "open_questions": [_text(m, cat) for m in section.open_questions],
        "defaults": [_text(m, cat) for m in section.defaults],
        "source_refs": sorted({source_index[_source_key(s)] for s in section.sources}),
    }


def _reused_text(steps: list[str], stamp: str | None, cat: Catalog) -> str:
    """Which chapters were taken unchanged from an earlier render, and from when."""
    titles = [cat.t(f"{s}.title") for s in steps if cat.has(f"{s}.title")]
    if not titles:
        return ""
    try:
        when = dt.datetime.strptime((stamp or "")[:17], "%Y-%m-%d_%H%M%S")
        made = f"{cat.date(when.date())} {when:%H:%M}"
    except ValueError:
        made = stamp or "?"
    return cat.t("report.reused", chapters=titles, n=len(titles), made=made)


def _text(message: Message, cat: Catalog) -> str:
    return cat.text(message.model_dump())


def _cell(value: Any, column: Column, cat: Catalog) -> str:
    """One table cell as text: codes and messages translated, numbers in local format."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list):
        parts = [_cell(v, column, cat) for v in value]
        messages = any(isinstance(v, dict) for v in value)
        return "; ".join(parts) if messages else ", ".join(parts)
    if isinstance(value, dict) and "code" in value:
        return cat.text(value)
    fmt = column.format
    if fmt.startswith("code:"):
        key = f"{fmt[5:]}.{value}"
        return cat.t(key) if cat.has(key) else _user(str(value), cat)
    if fmt == "text":
        return _user(str(value), cat)
    return cat.format_value(value, fmt)


_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif"}


def _logo_src(results_dir: Path, name: str | None, embed: bool) -> str | None:
    """The logo for the title page: embedded in HTML, a link into results/ in Markdown."""
    path = results_dir / name if name else None
    if path is None or not path.is_file():
        return None
    if not embed:
        return f"results/{name}"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{_LOGO_TYPES.get(path.suffix, 'image/png')};base64,{data}"


def _narrow_src(path: Path, embed: bool) -> str:
    """The figure drawn for a phone's width, when the step saved one (``<name>.narrow.svg``)."""
    narrow = path.with_suffix(".narrow.svg")
    return _figure_src(narrow, embed) if narrow.is_file() else ""


def _figure_src(path: Path, embed: bool) -> str:
    if not embed:
        return path.as_posix()
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"


def _plan(
    sections: list[SectionResult],
    cat: Catalog,
    report_date: dt.date,
    own: Callable[[str], str] | None = None,
) -> list[dict[str, Any]]:
    """The 90-day plan in sequence, by month (report/plan.py)."""
    return build_plan(sections, cat, report_date, own or (lambda text: text))


def _owner(owner: str | None, cat: Catalog) -> str:
    if not owner:
        return cat.t("owner.unassigned")
    return cat.t(owner) if cat.has(owner) else _user(owner, cat)


def _source_key(s: Source) -> tuple[str, ...]:
    return (s.source, s.study, s.year, s.metric or "")


def _sources(sections: list[SectionResult]) -> list[Source]:
    seen: dict[tuple[str, ...], Source] = {}
    for section in sections:
        for source in section.sources:
            seen.setdefault(_source_key(source), source)
    return sorted(seen.values(), key=lambda s: (s.source, s.study, s.year))


def _source_row(s: Source, number: int, cat: Catalog, own: Callable[[str], str]) -> dict[str, Any]:
    """A source as a client reads it: metric and provenance in words, not data codes; the
    text escaped for the format, and a link only when it is http(s) or mailto."""
    row = {k: (own(v) if isinstance(v, str) else v) for k, v in s.model_dump().items()}
    row.pop("messages", None)
    row["url"] = quote(s.url.strip(), safe=_URL_SAFE) if safe_url(s.url) else None
    row["metric"] = _words(cat, "report.source_metrics", s.metric, own)
    row["confidence"] = _words(
        cat, "report.source_provenance", s.confidence, own, also="sources.provenance"
    )
    note = _reference_note(s.note, cat)
    if note is not None:
        row["note"] = own(note)
    for field, message in s.messages.items():
        if field in ("source", "study", "note") and _known(message.model_dump(), cat):
            row[field] = cat.text(message.model_dump())
    return {"number": number, **row}


def _known(message: dict[str, Any], cat: Catalog) -> bool:
    """Whether ``cat`` knows every message code in ``message`` (an older or newer workbook's
    results may name one it does not: the field's own text is shown then)."""
    return all(cat.has(code) for _, code in _codes(message, ()))


def _reference_note(note: str | None, cat: Catalog) -> str | None:
    """A note of the reference data (data/reference/*.csv, in English there) in the report's
    language; None for a note the catalogs do not hold (a firm's own, shown as typed)."""
    if not note or not cat.has("sources.notes"):
        return None
    from ..i18n import catalog

    english = catalog("en").raw("sources.notes")
    try:
        index = english.index(note.strip())
    except ValueError:
        return None
    translated = cat.raw("sources.notes")
    return translated[index] if index < len(translated) else None


def _words(
    cat: Catalog,
    prefix: str,
    code: str | None,
    own: Callable[[str], str],
    also: str | None = None,
) -> str | None:
    """A code from the data ("weekly use", "primary-page+press") in the report's language
    (looked up under ``prefix``, then ``also``); a code the catalogs do not know is shown as it
    is (escaped)."""
    if not code:
        return code
    name = re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")
    for where in (prefix, also):
        if where and cat.has(f"{where}.{name}"):
            return cat.t(f"{where}.{name}")
    return own(code)


def safe_url(url: str | None) -> bool:
    """Only http(s) and mailto links reach a report."""
    try:
        return bool(url) and urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


#: what may stay in a URL unquoted (no spaces, quotes, angle brackets or backslashes)
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


SAFE_SCHEMES = ("http", "https", "mailto")


def _opt(value: str | None, own: Callable[[str], str]) -> str | None:
    return own(value) if value else value


def _user(text: str, cat: Catalog) -> str:
    """Text from the client, escaped when the catalog escapes."""
    return cat.escape(text) if isinstance(cat, _EscapingCatalog) else text


# -- Markdown ----------------------------------------------------------------------------

_MD_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
# '|' is left to the templates' md_cell filter, which escapes it inside tables
_MD_PUNCT = re.compile(r"([\\`*_\[\]#!~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=])|^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """Client text as literal Markdown: no HTML (``<`` as ``&lt;``, which every renderer
    shows as text), no emphasis, links, images, headings, lists or math, one line."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    for char, entity in _MD_ENTITIES:
        text = text.replace(char, entity)
    text = _MD_PUNCT.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: (m[1] or m[3] or "") + "\\" + (m[2] or m[4]), text)


class _Done(str):
    """A sentence the catalog already built (its values escaped): not escaped again."""


class _EscapingCatalog(Catalog):
    """The same messages, with every value from outside the catalog escaped."""

    def __init__(self, base: Catalog, escape: Callable[[str], str]) -> None:
        self.lang = base.lang
        self.messages = base.messages
        self._formatter = type(base._formatter)(self)
        self.escape = escape

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and "code" in value:
            return _Done(self.text(value))
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    def join(self, items: list[Any]) -> str:
        return super().join([self._one(i) for i in items])

    def format_value(self, value: Any, spec: str) -> str:
        if isinstance(value, _Done):
            return str(value)
        if isinstance(value, str) and spec == "list":  # one item where a list may stand
            return self.escape(value)
        if isinstance(value, str) and spec not in ("date", "month"):
            return self.escape(format(value, spec))
        return super().format_value(value, spec)

    def _one(self, item: Any) -> str:
        if isinstance(item, _Done) or not isinstance(item, str):
            return str(item)
        return self.escape(item)


__all__ = [
    "PLAN_WINDOWS",
    "SAFE_SCHEMES",
    "build_context",
    "check_sections",
    "md_escape",
    "safe_url",
]
