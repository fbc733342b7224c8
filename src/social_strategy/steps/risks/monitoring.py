"""Mentions: what counts, cleaning, their daily volume against a baseline, spikes, tone by
language, the loudest authors, an answer-first queue and share of voice.

**What counts.** Every row of a mentions export is a mention of the firm: a listening
tool's export is the result of the firm's own query. Only an export that mixes several
brands or queries (a ``brand`` column, read from ``brand``/``query``/``airline``...) is cut
to the firm's rows (:func:`clean`). The monitoring terms classify mentions (brand,
product, person, hashtag, keyword); they never drop one. Cleaning removes exact duplicates
(same time, author and text), keeps empty texts (image posts), cuts texts over
``ANALYSIS_CHARS`` for the analysis and converts times with a UTC offset to the firm's
time zone; all of it is counted and said in the chapter.

**Spikes.** Counts are bursty (negative binomial, variance several times the mean) and
follow the week. A day's expected count is its *level* (the mean of the ``baseline_days``
before it, counts divided by their weekday factor, without the largest, at least their
median and 0.5) times its *weekday factor* (each weekday's trimmed mean over the series,
shrunk towards 1 as far as the scatter between weekdays is noise). The *dispersion* (how
much more the days scatter than Poisson counts) is estimated from the Pearson residuals
without the two largest and raised to its one-sided 99 % upper bound, because a few weeks
estimate it loosely. A day is a spike when its count is at least ``spike_ratio`` times the
expected count **and** its upper tail probability under a negative binomial with that mean
and a variance of dispersion x mean, widened by the uncertainty of the level and the
weekday factor, is below ``alpha / days tested`` (Bonferroni over every day of the
series). ``severe`` from ``severe_ratio`` times: about 10x, told apart from about 3x. Days
with fewer than ``min_history`` days before them are not tested and named as such.

Measured (bench/spikes_bench.py, 1,000 no-effect 90-day streams per cell; the tests check
200): false alarms over the whole series 0-2.5 % for Poisson, a weekday pattern and
negative binomial at variance 2x, 4x and 8x the mean, at 5, 20 and 100 a day. A planted 3x
day is found in 99 % of streams at 20 a day (with or without a weekday pattern) and in
83 % at variance 2x; at 5 a day, or in strongly bursty counts below 100 a day, 3x cannot be
told from chance (0-50 %), 10x mostly can.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from . import sentiment

KINDS = ("brands", "products", "people", "hashtags", "keywords")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: mention texts are cut to this many characters in tables
TEXT_CHARS = 240
_YES = {"1", "yes", "ja", "y", "j", "true", "wahr", "x", "replied", "answered", "beantwortet"}


def fold(text: str) -> str:
    """Case- and umlaut-insensitive form: ``'Röstwerk'`` and ``'ROESTWERK'`` are the same."""
    return str(text).casefold().translate(_FOLD)


def safe_text(text: object, limit: int = TEXT_CHARS) -> str:
    """A mention's text for tables: control characters shown escaped, long texts cut.
    (Markup and formulas stay plain text: every output escapes them itself.)"""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text or ""))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def matches(texts: pd.Series, terms: Iterable[str]) -> pd.Series:
    """True where a text names any of ``terms`` (case- and umlaut-insensitive)."""
    return contains_any(texts.map(fold), terms)


def contains_any(folded: pd.Series, terms: Iterable[str]) -> pd.Series:
    terms = [fold(t).strip() for t in terms if str(t).strip()]
    if not terms:
        return pd.Series(False, index=folded.index)
    pattern = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return folded.str.contains(pattern, regex=True)


def match_kinds(texts: pd.Series, monitoring: dict[str, list[str]]) -> pd.DataFrame:
    """One boolean column per kind of monitored term."""
    return pd.DataFrame(
        {kind: matches(texts, monitoring.get(kind, [])) for kind in KINDS}, index=texts.index
    )


#: mention texts are analysed (matched, tone-scored) up to this many characters; longer ones
#: (whole articles in a listening export) are cut for the analysis and counted
ANALYSIS_CHARS = 5_000
_HANDLE = re.compile(r"(?<![\w@])@(\w{2,30})")
_WORD = re.compile(r"[^\W\d_]{4,}")
_URL = re.compile(r"https?://\S+|www\.\S+")
#: common words left out of the most frequent words of an export (German and English)
_STOP_WORDS = """
    aber alle allem also auch auf aus bei beim bin bis bitte dann dass das dem den der des
    dich die dies diese dieser doch durch eine einem einen einer eines euch für gibt habe haben
    hast hat hatte heute hier ihr ihre immer jetzt kann kein keine mal man mehr mein meine mich
    mir mit nach nicht noch nur oder schon sehr sein seine sich sie sind über und uns unser
    vom von vor war wäre was weil wenn wer wie wieder will wir wird wo zum zur zwei
    about after again all also and any are because been before being but can could did does
    doing from had has have her here him his how into its just like more most not now only
    other our out over same she should some such than that the their them then there these
    they this those through too under very was were what when where which while who why will
    with would you your http https amp"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass
class Cleaning:
    """What happened to a mentions export before it was analysed (all said in the chapter)."""

    rows: int = 0
    #: the values of the export's brand/query column with their rows (a mixed export)
    queries: dict[str, int] = field(default_factory=dict)
    #: the value taken as the firm's (None: every row counts)
    query: str | None = None
    #: the query was named in the settings (else recognised from the firm's names)
    query_set: bool = False
    #: rows of other brands or queries, left out
    other_queries: int = 0
    duplicates: int = 0
    empty: int = 0
    truncated: int = 0
    zone: str = "UTC"
    #: rows whose time carried a UTC offset (converted to ``zone``), and the offsets seen
    with_offset: int = 0
    offsets: list[str] = field(default_factory=list)
    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None


def _offset_text(offset: object) -> str:
    minutes = int(offset.total_seconds() // 60)  # type: ignore[union-attr]
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_times(times: pd.Series, zone: str) -> tuple[pd.Series, int, list[str]]:
    """Times in ``zone``'s local wall-clock time (naive): those with a UTC offset converted,
    the others taken as local already; with the number converted and the offsets seen."""
    if pd.api.types.is_datetime64_any_dtype(times):
        if getattr(times.dt, "tz", None) is None:
            return times, 0, []
        converted = times.dt.tz_convert(zone).dt.tz_localize(None)
        return converted, len(times), [_offset_text(times.iloc[0].utcoffset())]
    offsets = times.map(lambda t: t.utcoffset() if isinstance(t, dt.datetime) else None)
    aware = offsets.notna()
    out = pd.Series(pd.NaT, index=times.index, dtype="datetime64[ns]")
    if (~aware).any():
        out[~aware] = pd.to_datetime(times[~aware].tolist(), errors="coerce")
    if aware.any():
        utc = pd.to_datetime(
            [t.astimezone(dt.UTC).replace(tzinfo=None) for t in times[aware]], errors="coerce"
        )
        out[aware] = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(zone).tz_localize(None)
    seen = sorted({_offset_text(o) for o in offsets[aware].unique()})
    return out, int(aware.sum()), seen


def _squash(text: object) -> str:
    """Folded, without spaces and punctuation: ``'Kessler WZM'`` and ``'@KesslerWZM'`` meet."""
    return re.sub(r"[\W_]+", "", fold(str(text)))


def _firm_query(values: pd.Series, names: Iterable[str]) -> str | None:
    """The brand/query value that names the firm (or is named by one of its names)."""
    folded = {v: _squash(v) for v in values.dropna().unique() if str(v).strip()}
    keys = [_squash(n) for n in names if str(n).strip()]
    for v, f in folded.items():
        if any(k == f for k in keys):
            return v
    for v, f in folded.items():
        if any(k and (k in f or f in k) for k in keys):
            return v
    return None


def clean(
    mentions: pd.DataFrame,
    *,
    zone: str = "UTC",
    query: str = "",
    firm_names: Iterable[str] = (),
) -> tuple[pd.DataFrame, Cleaning]:
    """The firm's mentions of an export, cleaned, and what was done.

    Every row counts as a mention of the firm (a listening export is the result of the
    firm's own query), unless the export mixes several brands or queries (a ``brand`` column
    with more than one value): then the rows of ``query`` count, or else those of the value
    that names the firm (``firm_names``); when none does, every row counts and the chapter
    says so. Times are converted to ``zone``; exact duplicates (same time, author and text)
    are removed; empty texts (image posts) stay mentions; texts over ``ANALYSIS_CHARS`` are
    cut for the analysis. Everything is counted in the returned :class:`Cleaning`."""
    report = Cleaning(rows=len(mentions), zone=zone)
    m = mentions.copy()
    if "brand" in m.columns and m["brand"].notna().any():
        counts = m["brand"].dropna().astype(str).value_counts()
        if len(counts) > 1 or query:
            report.queries = {str(k): int(v) for k, v in counts.items()}
            chosen = None
            if query:
                chosen = _firm_query(pd.Series(counts.index), [query])
                report.query_set = True
            else:
                chosen = _firm_query(pd.Series(counts.index), firm_names)
            report.query = chosen
            if chosen is not None:
                keep = m["brand"].astype("string").fillna("") == chosen
                report.other_queries = int((~keep).sum())
                m = m[keep.to_numpy()]
    m["text"] = m["text"].fillna("").astype(str)
    m["time"], report.with_offset, report.offsets = local_times(m["time"], zone)
    author = m["author"].astype("string").fillna("") if "author" in m.columns else ""
    key = pd.DataFrame({"t": m["time"], "a": author, "x": m["text"]}, index=m.index)
    dup = key.duplicated()
    report.duplicates = int(dup.sum())
    m = m[~dup.to_numpy()]
    report.empty = int((m["text"].str.strip() == "").sum())
    long = m["text"].str.len() > ANALYSIS_CHARS
    report.truncated = int(long.sum())
    if long.any():
        m.loc[long, "text"] = m.loc[long, "text"].str.slice(0, ANALYSIS_CHARS)
    if len(m):
        report.first, report.last = m["time"].min(), m["time"].max()
    return m, report


def term_counts(texts: pd.Series, monitoring: dict[str, list[str]]) -> pd.DataFrame:
    """How many mentions name each monitored term (kind, term, mentions), most first."""
    folded = texts.map(fold)
    rows = []
    for kind in KINDS:
        for term in monitoring.get(kind, []):
            if str(term).strip():
                n = int(contains_any(folded, [term]).sum())
                rows.append({"kind": kind, "term": str(term), "mentions": n})
    frame = pd.DataFrame(rows, columns=["kind", "term", "mentions"])
    return frame.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)


def frequent_handles(texts: pd.Series, n: int = 5) -> list[tuple[str, int]]:
    """The most frequent @handles in the texts (as most often written), with their counts:
    where the watched terms match few mentions, the firm's own handle is usually among them."""
    found = _HANDLE.findall("\n".join(texts.astype(str)))
    if not found:
        return []
    spellings = Counter(found)
    by_key: Counter[str] = Counter()
    shown: dict[str, tuple[int, str]] = {}
    for handle, count in spellings.items():
        key = handle.casefold()
        by_key[key] += count
        if count > shown.get(key, (0, ""))[0]:
            shown[key] = (count, handle)
    return [(f"@{shown[k][1]}", c) for k, c in by_key.most_common(n)]


def frequent_words(texts: pd.Series, n: int = 5) -> list[tuple[str, int]]:
    """The most frequent words of four letters or more (common words, @handles and links left
    out), lower-cased, with their counts."""
    joined = "\n".join(texts.astype(str))
    joined = _HANDLE.sub(" ", _URL.sub(" ", joined)).lower()
    counts = Counter(w for w in _WORD.findall(joined) if w not in _STOP)
    return counts.most_common(n)


def daily(times: pd.Series) -> pd.Series:
    """Mentions per calendar day, every day from the first to the last (zeros included)."""
    if times.empty:
        return pd.Series(dtype=int)
    days = pd.to_datetime(times).dt.normalize()
    counts = days.value_counts().sort_index()
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="D")
    return counts.reindex(full, fill_value=0).astype(int)


@dataclass(frozen=True)
class SpikeRule:
    baseline_days: int = 28
    spike_ratio: float = 2.0
    severe_ratio: float = 5.5
    alpha: float = 0.05
    min_history: int = 7


def _trimmed_mean(window: np.ndarray) -> np.ndarray:
    """Mean of each row without its largest value (an earlier spike does not lift it)."""
    n = window.shape[1]
    if n < 2:
        return window.mean(axis=1)
    return (window.sum(axis=1) - window.max(axis=1)) / (n - 1)


def _weekday_factors(
    values: np.ndarray, weekdays: np.ndarray, phi: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(factor, relative variance of the factor) per row and weekday (shape rows x 7).

    A weekday's factor is its trimmed mean over the whole series against the mean of all
    weekdays, shrunk towards 1 by how much of its scatter is noise (empirical Bayes): a
    weekday pattern is used only as far as the data show one. Fewer than three of a weekday:
    no pattern."""
    rows = values.shape[0]
    means = np.full((rows, 7), np.nan)
    counts = np.zeros(7)
    for d in range(7):
        cols = values[:, weekdays == d]
        counts[d] = cols.shape[1]
        if cols.shape[1] >= 3:
            means[:, d] = _trimmed_mean(cols)
    if (counts < 3).any():
        return np.ones((rows, 7)), np.zeros((rows, 7))
    overall = np.maximum(means.mean(axis=1, keepdims=True), 1e-9)
    raw = means / overall
    # noise of a weekday's relative mean: dispersion / (days x mean level)
    noise = phi[:, None] / (np.maximum(counts - 1, 1)[None, :] * overall)
    spread = ((raw - 1) ** 2).mean(axis=1, keepdims=True)
    keep = np.clip(1 - noise.mean(axis=1, keepdims=True) / np.maximum(spread, 1e-12), 0, 1)
    factor = np.maximum(1 + keep * (raw - 1), 0.05)
    return factor, keep * noise


#: one-sided z of the upper bound of the dispersion (99 %)
UPPER_Z = 2.326


def _dispersion(values: np.ndarray, mean: np.ndarray, tested: np.ndarray) -> np.ndarray:
    """How much more the days scatter than Poisson counts (>= 1), per row: the mean squared
    Pearson residual over the tested days without the two largest (a spike does not inflate
    it), raised to its one-sided 99 % upper bound (from the residuals' own scatter, at
    least the chi-square bound) (a few weeks of data estimate it loosely;
    an underestimate would raise false alarms)."""
    pearson2 = np.where(tested, (values - mean) ** 2 / np.where(tested, mean, 1), -1.0)
    pearson2 = np.sort(pearson2, axis=1)[:, :-2]
    used = pearson2 >= 0
    df = np.maximum(used.sum(axis=1), 2)
    phi = (pearson2 * used).sum(axis=1) / df
    # the bound from the residuals' own scatter (bursty counts have heavy tails), at least
    # the chi-square bound of normal residuals
    scatter = np.sqrt(((pearson2 - phi[:, None]) ** 2 * used).sum(axis=1) / (df - 1))
    upper = np.maximum(phi + UPPER_Z * scatter / np.sqrt(df), phi * df / stats.chi2.ppf(0.1, df))
    return np.maximum(1.0, upper)


def _spike_arrays(values: np.ndarray, weekdays: np.ndarray, rule: SpikeRule) -> dict:
    """Level, expected count, tail probability and dispersion for every day of every row.

    Expected count = the level (trimmed mean of the ``baseline_days`` before, counts divided
    by their weekday factor, at least their median and 0.5) x the day's weekday factor. The
    tail is that of a negative binomial with that mean and a variance of the dispersion x the
    mean, widened by the uncertainty of the level and the weekday factor (quasi-Poisson when
    the dispersion is 1). Days with fewer than ``min_history`` days before them: NaN."""
    rows, n = values.shape
    tested = np.zeros((rows, n), dtype=bool)
    tested[:, rule.min_history :] = n > rule.min_history
    phi = np.ones(rows)
    factor = np.ones((rows, 7))
    factor_var = np.zeros((rows, 7))
    for _ in range(2):  # dispersion and weekday pattern estimated in turn
        adjusted = values / factor[:, weekdays]
        level = np.full((rows, n), np.nan)
        width = np.zeros(n)
        for i in range(rule.min_history, n):
            window = adjusted[:, max(0, i - rule.baseline_days) : i]
            width[i] = window.shape[1]
            level[:, i] = np.maximum(
                np.maximum(np.median(window, axis=1), _trimmed_mean(window)), 0.5
            )
        expected = level * factor[:, weekdays]
        phi = _dispersion(values, np.nan_to_num(expected, nan=1.0), tested)
        factor, factor_var = _weekday_factors(values, weekdays, phi)
    lam = np.where(tested, expected, 1.0)
    # the level is a mean of `width` days: its relative variance is phi / (width x level)
    level_var = phi[:, None] / (np.maximum(width - 1, 1)[None, :] * np.where(tested, level, 1))
    phi_eff = phi[:, None] + lam * (level_var + factor_var[:, weekdays])
    with np.errstate(divide="ignore", invalid="ignore"):
        nb = stats.nbinom.sf(values - 1, lam / np.maximum(phi_eff - 1, 1e-9), 1 / phi_eff)
    p = np.where(phi_eff > 1.0001, nb, stats.poisson.sf(values - 1, lam))
    return {
        "level": np.where(tested, level, np.nan),
        "expected": np.where(tested, expected, np.nan),
        "p": np.where(tested, p, np.nan),
        "dispersion": phi,
        "tested": tested,
    }


def spike_flags(values: np.ndarray, weekdays: np.ndarray, rule: SpikeRule | None = None) -> dict:
    """:func:`_spike_arrays` plus the tier of every day (0 none, 1 spike, 2 severe), for
    many series at once (rows), as the simulation tests and the bench use it."""
    rule = rule or SpikeRule()
    out = _spike_arrays(np.asarray(values, dtype=float), np.asarray(weekdays), rule)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = values / out["expected"]
    limit = rule.alpha / np.maximum(out["tested"].sum(axis=1, keepdims=True), 1)
    spike = out["tested"] & (ratio >= rule.spike_ratio) & (out["p"] < limit)
    out["ratio"] = ratio
    out["tier"] = np.where(spike, np.where(ratio >= rule.severe_ratio, 2, 1), 0)
    return out


def spikes(counts: pd.Series, rule: SpikeRule | None = None) -> pd.DataFrame:
    """Every day with its baseline level, expected count (the level x the weekday factor),
    ratio, tail probability and tier (``spike``, ``severe`` or empty; days before
    ``min_history`` are not tested: their level is NaN). A spike needs ``spike_ratio`` x the
    expected count and a tail probability below ``alpha`` / days tested (Bonferroni over the
    whole series)."""
    rule = rule or SpikeRule()
    values = counts.to_numpy(dtype=float)[None, :]
    weekdays = pd.DatetimeIndex(counts.index).day_of_week.to_numpy()
    out = spike_flags(values, weekdays, rule)
    frame = pd.DataFrame(
        {"count": values[0], "level": out["level"][0], "expected": out["expected"][0]},
        index=counts.index,
    )
    frame["ratio"] = out["ratio"][0]
    frame["p"] = out["p"][0]
    frame.attrs["dispersion"] = float(out["dispersion"][0])
    frame["tier"] = np.array(["", "spike", "severe"])[out["tier"][0]]
    return frame


def is_yes(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in _YES


#: tone is scored for every mention up to this many; beyond, for a seeded random sample of
#: this size plus the mentions with the largest reach (the queue needs their tone)
SENTIMENT_MAX = 100_000
SENTIMENT_TOP = 2_000


def prepare(mentions: pd.DataFrame, monitoring: dict[str, list[str]]) -> pd.DataFrame:
    """Mentions with language, sentiment and the kinds of monitored terms they name
    (``is_brands`` ... ``is_keywords``, ``is_matched``: any). Every mention is the firm's
    (``about_firm``): the terms classify, they do not filter (see :func:`clean`).

    ``scored`` marks the mentions whose tone was scored (all of them up to
    ``SENTIMENT_MAX``; in larger exports a random sample and the largest reach); shares of
    negative mentions are taken over scored mentions only, with their intervals."""
    m = mentions.copy()
    m["text"] = m["text"].fillna("").astype(str)
    m["time"] = pd.to_datetime(m["time"])
    folded = m["text"].map(fold)
    kinds = pd.DataFrame(
        {kind: contains_any(folded, monitoring.get(kind, [])) for kind in KINDS}, index=m.index
    )
    m = pd.concat([m, kinds.add_prefix("is_")], axis=1)
    # terms classify mentions, they never drop them: every mention of the export counts
    m["about_firm"] = True
    m["is_matched"] = kinds.any(axis=1)
    scored = np.ones(len(m), dtype=bool)
    if len(m) > SENTIMENT_MAX:
        rng = np.random.default_rng(0)
        scored[:] = False
        scored[rng.choice(len(m), SENTIMENT_MAX, replace=False)] = True
        top = np.argsort(-m["reach"].fillna(0).to_numpy(), kind="stable")[:SENTIMENT_TOP]
        scored[top] = True
    m["scored"] = scored
    texts = m.loc[scored, "text"]
    given = m.loc[scored, "language"].where(m.loc[scored, "language"].isin(["de", "en"]))
    langs = given.fillna(sentiment.guess_languages(texts, monitoring))
    m["lang"] = None
    m.loc[scored, "lang"] = langs
    m["sentiment"] = ""
    m.loc[scored, "sentiment"] = sentiment.label(texts.tolist(), langs.tolist())
    m["negative"] = m["sentiment"] == "negative"
    m["is_answered"] = m["answered"].map(is_yes)
    return m


def negative_by_language(m: pd.DataFrame) -> pd.DataFrame:
    """Share of negative mentions per language with its 95 % (Wilson) interval and n."""
    rows = []
    for lang, group in m[m["scored"]].groupby("lang"):
        n, k = len(group), int(group["negative"].sum())
        ci = stats.binomtest(k, n).proportion_ci(method="wilson")
        rows.append(
            {
                "lang": lang,
                "n": n,
                "negative": k,
                "share": 100 * k / n,
                "low": 100 * ci.low,
                "high": 100 * ci.high,
            }
        )
    return pd.DataFrame(rows, columns=["lang", "n", "negative", "share", "low", "high"])


def top_authors(m: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Authors by their largest reach, with their number of mentions and negative ones."""
    data = m[m["author"].notna()]
    if data.empty:
        return pd.DataFrame(columns=["author", "reach", "mentions", "negative"])
    grouped = data.groupby("author").agg(
        reach=("reach", "max"), mentions=("text", "size"), negative=("negative", "sum")
    )
    grouped = grouped.sort_values(["reach", "mentions"], ascending=False, na_position="last")
    return grouped.head(n).reset_index()


def queue(m: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """Answer first: unanswered negative mentions, then by reach, then newest."""
    open_ = m[~m["is_answered"]].copy()
    open_["_reach"] = open_["reach"].fillna(0)
    ordered = open_.sort_values(["negative", "_reach", "time"], ascending=[False, False, False])
    return ordered.head(n)


def share_of_voice(
    texts: pd.Series, firm_terms: list[str], competitors: dict[str, list[str]]
) -> pd.DataFrame:
    """Mentions naming the firm and each competitor, and each one's share of them all."""
    rows = [{"name": None, "mentions": int(matches(texts, firm_terms).sum())}]
    for name, terms in competitors.items():
        rows.append({"name": name, "mentions": int(matches(texts, terms).sum())})
    frame = pd.DataFrame(rows)
    total = frame["mentions"].sum()
    frame["share"] = 100 * frame["mentions"] / total if total else np.nan
    return frame


__all__ = [
    "ANALYSIS_CHARS",
    "KINDS",
    "SENTIMENT_MAX",
    "SENTIMENT_TOP",
    "TEXT_CHARS",
    "UPPER_Z",
    "Cleaning",
    "SpikeRule",
    "clean",
    "contains_any",
    "daily",
    "fold",
    "frequent_handles",
    "frequent_words",
    "is_yes",
    "local_times",
    "match_kinds",
    "matches",
    "negative_by_language",
    "prepare",
    "queue",
    "safe_text",
    "share_of_voice",
    "spike_flags",
    "spikes",
    "term_counts",
    "top_authors",
]
