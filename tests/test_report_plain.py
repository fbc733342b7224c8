"""The report as a client reads it: counted things whole, money in whole euros, plural forms
that agree with their count, and the sources in the report's language.

The rendered reports are the session's (tests/conftest.py): the example in German and in
English and the minimal firm. The detectors are checked first on the sentences the issue
found in earlier reports, so a detector that stopped finding them fails too."""

from __future__ import annotations

import csv
import html as html_lib
import re
from pathlib import Path

import pytest

from social_strategy.i18n import _load, catalog
from social_strategy.paths import REFERENCE

# -- detectors ---------------------------------------------------------------------------

#: a number with decimals as the language writes it (1.583,33 / 1,583.33)
_DECIMAL = {
    "de": r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d+",
    "en": r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d+",
}
#: things that are counted, never measured
_COUNTED = (
    r"(Konten|Konto|Accounts?|Follower[n]?|Personen|Person|Menschen|Leute[n]?|Beiträgen?|Beitrag"
    r"|Posts?|Erwähnungen|Erwähnung|Leser[n]?|Beschäftigte[n]?|Kandidaten|accounts?|followers?"
    r"|people|persons?|posts?|mentions?|readers?|employees?|candidates?)"
)
#: one adjective may stand between the number and the thing ("1,583.33 new followers")
_ADJECTIVE = r"(?:(?:neue|neuen|weitere|eigene|new|further|more|own)\s+)?"
#: a rate may have decimals ("0,25 Beiträge pro Woche", "2.5 posts a week")
_RATE = r"(?!\s*(?:pro|je|per|a|an|/)\b)"
#: whole numbers of a plural noun that is wrong for 1 ("1 Stunden", "in den Zeilen 5")
_BROKEN_PLURAL = re.compile(
    r"(?<![\d.,])\b1[\s\u00a0]+(Stunden|Personen|Beiträge|Konten|Tage|Wochen|Monate|Zeilen"
    r"|Kanäle|Ziele|Menschen|Erwähnungen|Kandidaten|hours|people|posts|accounts|days|weeks"
    r"|months|rows|channels|goals|persons|mentions|candidates)\b"
    r"|\b(in den Zeilen|in rows|die Zeilen|den Zeilen)[\s\u00a0]+\d+\b(?!\s*(und|and|,|bis|to|–|-))"
)


def _detectors(lang: str) -> dict[str, re.Pattern]:
    number = _DECIMAL[lang]
    return {
        "counted": re.compile(rf"{number}[\s\u00a0]*{_ADJECTIVE}{_COUNTED}\b{_RATE}"),
        # cents only in unit prices ("42,50 Euro pro Stunde")
        "money": re.compile(
            rf"{number}[\s\u00a0]*(€|Euro|EUR|euros?)(?![A-Za-z])"
            r"(?!\s*(pro|je|per|an|a)\s+(Stunde|hour|Beitrag|post|Person|person)\b)"
            rf"|(€|Euro|EUR)[\s\u00a0]*{number}"
        ),
        "money_a_month": re.compile(
            rf"{number}[\s\u00a0]*(€|Euro|euros?)?\s*(im|pro|a|per)\s+(Monat|month)\b"
        ),
        "extra_cost": re.compile(rf"(Mehrkosten|extra cost)[^.\d]{{0,20}}{number}"),
        "plural": _BROKEN_PLURAL,
    }


def _offences(text: str, lang: str) -> list[tuple[str, str]]:
    found = []
    for name, pattern in _detectors(lang).items():
        for match in pattern.finditer(text):
            found.append((name, text[max(0, match.start() - 50) : match.end() + 20]))
    return found


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "the set reaches about 135.4 accounts of the network"),
        ("en", "about 1,583.33 new followers"),
        ("en", "reaches 1,022.26 people"),
        ("en", "3,162.5 € a month"),
        ("en", "37,950 euros in the year, 3,162.5 a month on average"),
        ("en", "extra cost 872.08"),
        ("de", "erreicht etwa 1.022,26 Personen"),
        ("de", "im Schnitt 3.162,5 im Monat"),
        ("de", "Mehrkosten 872,08"),
        ("de", "die Gruppe erreicht 135,4 Accounts"),
        ("de", "Die Schulung dauert 1 Stunden."),
        ("de", "Es fehlen 1 Personen."),
        ("de", "Kein Moderationsplan für die Gewinnspiele in den Zeilen 5: festlegen"),
        ("en", "the community has 1 posts a week"),
    ],
)
def test_the_detectors_find_what_the_issue_found(lang, sentence):
    assert _offences(sentence, lang), sentence


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "höchstens etwa 2,5 Beiträge pro Woche"),
        ("en", "at most 0.25 posts a week"),
        ("de", "Interne Stunden sind mit 42,50 Euro pro Stunde angesetzt: 2.366 Euro im Monat."),
        ("en", "Internal hours are priced at 42.50 euros an hour: 2,366 euros a month."),
        ("de", "Das Team hat 14,5 Stunden pro Woche und 1.583 Follower."),
        ("en", "the team has 14.5 hours a week; 1 person, 2 people"),
        ("de", "Den Redaktionsplan in den Zeilen 5 und 7 ändern; 1 Stunde"),
        ("en", "at 52/12 = 4.33 weeks a month"),
    ],
)
def test_the_detectors_leave_plain_numbers_alone(lang, sentence):
    assert not _offences(sentence, lang), sentence


# -- the rendered reports ----------------------------------------------------------------

REPORTS = [("example_report_de", "de"), ("example_report_en", "en"), ("minimal_report", "en")]


def _visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<img\b[^>]*\balt="([^"]*)"[^>]*>', r" \1 ", html)  # alternative texts
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def _texts(report: Path) -> dict[str, str]:
    return {
        "report.md": (report / "report.md").read_text(encoding="utf-8"),
        "report.html": _visible_text((report / "report.html").read_text(encoding="utf-8")),
    }


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "lang"), REPORTS)
def test_no_decimals_on_counted_things_and_no_broken_plurals(fixture, lang, request):
    report = request.getfixturevalue(fixture)
    problems = [
        (name, kind, where)
        for name, text in _texts(report).items()
        for kind, where in _offences(text, lang)
    ]
    assert not problems, "\n".join(map(str, problems[:20]))


# -- sources in the report's language -----------------------------------------------------


def _english_source_phrases() -> list[str]:
    """What the English catalog says about sources, clause by clause, and the data codes
    of the reference files: none of it may stand in a German report."""
    english = _load("en")
    texts = list(english["sources.notes"])
    texts += [v for k, v in english.items() if k.startswith("sources.study.")]
    texts += [v for k, v in english.items() if k.startswith("report.source_provenance.")]
    texts += [v for k, v in english.items() if k.startswith("sources.provenance.")]
    phrases = {"risk case:", "seed article", "practitioner estimate", "widely reported"}
    for text in texts:
        for clause in re.split(r"[;:]\s*", re.sub(r"\{[^}]*\}", "", str(text))):
            clause = clause.strip(" .,'\"()")
            if len(clause.split()) >= 3:  # a short clause may be a name in both languages
                phrases.add(clause)
    for name in ("platform_use_by_age.csv", "resource_benchmarks.csv"):
        with (REFERENCE / name).open(encoding="utf-8") as fh:
            phrases |= {row["confidence"] for row in csv.DictReader(fh) if "-" in row["confidence"]}
    return sorted(phrases)


def test_the_phrase_list_is_real():
    phrases = _english_source_phrases()
    assert "practitioner estimate" in phrases and "secondary-transcription" in phrases
    assert "blog summary of the study" in phrases
    assert len(phrases) > 40
    # every note of the reference data that a report can cite has its translation
    german = _load("de")["sources.notes"]
    assert len(german) == len(_load("en")["sources.notes"])


@pytest.mark.slow
def test_a_german_report_holds_no_english_source_phrase(example_report_de):
    texts = _texts(example_report_de)
    found = [
        (name, phrase)
        for name, text in texts.items()
        for phrase in _english_source_phrases()
        if phrase.lower() in text.lower()
    ]
    assert not found, found[:10]
    sources = texts["report.md"].split("## Quellen", 1)[1]
    # the method's German source articles are cited by title, not as "the seed articles"
    assert "„Aus Social Media Fehlern von anderen lernen“" in sources
    assert "„Was hat Social Media mit Marketing zu tun?“" in sources


#: internal wording that must never reach a client
_INTERNAL = ("seed article", "before shipping", "verify against", "TODO", "settings.")


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "lang"), REPORTS)
def test_no_empty_section_and_no_internal_wording(fixture, lang, request):
    report = request.getfixturevalue(fixture)
    markdown = (report / "report.md").read_text(encoding="utf-8")
    nothing = {catalog(lang).t("common.none")} if catalog(lang).has("common.none") else set()
    nothing |= {"None.", "Keine."}
    lines = markdown.splitlines()
    headings = [(i, len(m[1])) for i, line in enumerate(lines) if (m := re.match(r"(#+) ", line))]
    empty = []
    for (start, level), (end, next_level) in zip(
        headings, [*headings[1:], (len(lines), 1)], strict=True
    ):
        body = [line.strip() for line in lines[start + 1 : end] if line.strip()]
        if next_level <= level and (not body or all(line in nothing for line in body)):
            empty.append(lines[start])
    assert not empty, empty
    for phrase in _INTERNAL:
        assert phrase.lower() not in markdown.lower(), phrase


# -- one format per kind -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "value", "de", "en"),
    [
        ("whole", 1022.26, "1.022", "1,022"),
        ("whole", 2.5, "3", "3"),  # halves away from zero, not to the even number
        ("whole:Person|Personen", 1, "1 Person", "1 Person"),
        ("whole:Person|Personen", 1583.33, "1.583 Personen", "1,583 Personen"),
        ("money", 3162.5, "3.163", "3,163"),
        ("price", 42.5, "42,50", "42.50"),
        ("price", 42, "42", "42"),
        ("share", 50.6, "51\u00a0%", "51%"),
        ("about", {"value": 135.4, "low": 134.9, "high": 135.8}, "135", "135"),
        ("about", {"value": 730, "low": 590, "high": 870}, "700", "700"),
        ("about", 34587.2, "35.000", "35,000"),
        ("about:Person|Menschen", 1.2, "1 Person", "1 Person"),
    ],
)
def test_one_format_per_kind(spec, value, de, en):
    assert catalog("de").format_value(value, spec) == de
    assert catalog("en").format_value(value, spec) == en


def test_counted_things_in_sentences_agree_with_their_count():
    de, en = catalog("de"), catalog("en")
    assert "in Zeile 32:" in de.t("communities.finding.contest_moderation", rows=[32])
    assert "in den Zeilen 5 und 7:" in de.t("communities.finding.contest_moderation", rows=[5, 7])
    assert "in row 32:" in en.t("communities.finding.contest_moderation", rows=[32])
    one = de.t("communities.card.often_monthly", activity=1)
    assert "1 Beitrag pro Woche" in one
    assert "3.163 im Monat" in de.t("resources.figure.budget_title", total=37950, mean=3162.5)
    assert "3,163 a month" in en.t("resources.figure.budget_title", total=37950, mean=3162.5)
