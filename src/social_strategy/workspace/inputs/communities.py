"""Step 2's inputs: the community register, the competitors, the content plan; its settings."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from ..fields import Date, Flag, Integer, Number, TextList
from ..schema import Reference, Row, Section, StepInputs, TableSpec

KINDS = ("group", "forum", "hashtag", "review_platform", "blog", "newsletter", "subreddit")
COMPANIES = ("yes", "vendor_area", "no", "unknown")
POST_KINDS = ("value", "promotion", "contest", "service")

_KIND_WORDS = {
    "gruppe": "group",
    "facebook_gruppe": "group",
    "hashtag_community": "hashtag",
    "hashtag_community_": "hashtag",
    "review_site": "review_platform",
    "bewertungsportal": "review_platform",
    "bewertungsplattform": "review_platform",
    "reddit": "subreddit",
    "sub": "subreddit",
}
_COMPANY_WORDS = {
    "ja": "yes",
    "y": "yes",
    "nein": "no",
    "n": "no",
    "only_in_a_vendor_area": "vendor_area",
    "vendor": "vendor_area",
    "vendor_area_only": "vendor_area",
    "händlerbereich": "vendor_area",
    "haendlerbereich": "vendor_area",
    "nur_im_händlerbereich": "vendor_area",
    "unbekannt": "unknown",
    "?": "unknown",
}
_POST_KIND_WORDS = {
    "mehrwert": "value",
    "wert": "value",
    "nutzen": "value",
    "promo": "promotion",
    "werbung": "promotion",
    "ad": "promotion",
    "campaign": "contest",
    "contest_or_campaign": "contest",
    "gewinnspiel": "contest",
    "kampagne": "contest",
    "hashtag_campaign": "contest",
    "kundendienst": "service",
    "answer": "service",
    "antwort": "service",
}

#: "1 in 10", "1:10", "1 von 10", "1/10", "10 %"
_RATIO = re.compile(r"^1\s*(?:in|of|von|aus|:|/)\s*(\d{1,4})$")
_PCT = re.compile(r"^(\d{1,2}(?:[.,]\d+)?)\s*%$")
_NONE_WORDS = {
    "none", "not at all", "no", "nein", "gar nicht", "verboten", "not allowed", "0", "keine",
    "kein", "nicht erlaubt", "keine werbung", "no promotion",
}  # fmt: skip
_FREE_WORDS = {"allowed", "free", "yes", "ja", "erlaubt", "frei"}
_DEDICATED_WORDS = ("thread", "day", "tag", "faden", "bereich", "area", "dedicated")


def _key(value: object) -> object:
    if isinstance(value, str):
        return re.sub(r"[\s\-/]+", "_", value.strip().lower())
    return value


def _word(table: dict[str, str]):
    def parse(value: object) -> object:
        key = _key(value)
        return table.get(key, key) if isinstance(key, str) else value

    return parse


def parse_self_promotion(text: object) -> tuple[str, float | None]:
    """How a community treats self-promotion: (mode, largest allowed share of one's posts).

    ``none`` (0), ``ratio`` (1 in N, or a percentage), ``dedicated`` (only in threads or on
    days set aside for it), ``allowed`` (no limit stated), ``unknown`` (empty).
    """
    if not isinstance(text, str) or not text.strip():
        return "unknown", None
    t = text.strip().lower()
    if t in _NONE_WORDS:
        return "none", 0.0
    m = _RATIO.match(t)
    if m and int(m.group(1)) >= 1:
        return "ratio", 1 / int(m.group(1))
    m = _PCT.match(t)
    if m:
        return "ratio", float(m.group(1).replace(",", ".")) / 100
    if any(w in t for w in _DEDICATED_WORDS):
        return "dedicated", None
    if t in _FREE_WORDS:
        return "allowed", None
    raise ValueError(
        "cannot read the self-promotion rule; expected none, a ratio such as 1 in 10, "
        "dedicated threads or days, or allowed"
    )


#: weekday words (English, German, short and long) -> ISO weekday 1 (Monday) .. 7 (Sunday)
WEEKDAYS = {
    **{w: i + 1 for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{w: i + 1 for i, w in enumerate(("mo", "di", "mi", "do", "fr", "sa", "so"))},
    **{
        w: i + 1
        for i, w in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{
        w: i + 1
        for i, w in enumerate(
            ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
        )
    },
    "tu": 2,
    "we": 3,
    "th": 4,
    "su": 7,
    "sonnabend": 6,
    "tues": 2,
    "thur": 4,
    "thurs": 4,
}


def parse_weekdays(value: object) -> object:
    """``'Fri'``, ``'Freitag; Samstag'``, ``'Mon-Fri'`` -> sorted ISO weekdays [5], [5, 6]..."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if not isinstance(value, str):
        return value
    days: set[int] = set()
    for part in re.split(r"[;,|/]|\s+(?:and|und)\s+", value.lower()):
        part = part.strip(" .")
        if not part:
            continue
        if "-" in part:
            start, _, end = (p.strip(" .") for p in part.partition("-"))
            if start in WEEKDAYS and end in WEEKDAYS:
                a, b = WEEKDAYS[start], WEEKDAYS[end]
                days.update(range(a, b + 1) if a <= b else [*range(a, 8), *range(1, b + 1)])
                continue
        if part.isdigit() and 1 <= int(part) <= 7:  # as the grid writes the list back
            days.add(int(part))
            continue
        key = part if part in WEEKDAYS else part.rstrip("s")
        if key not in WEEKDAYS:
            raise ValueError(
                f"{part!r} is not a weekday; expected weekdays such as Mon, Fri or Mo, Fr"
            )
        days.add(WEEKDAYS[key])
    return sorted(days)


#: words in a community's name, kind, rules or notes that suggest a sensitive place
SENSITIVE_WORDS = (
    "grief", "bereave", "mourning", "loss of", "trauer", "verwaist", "sternenkind",
    "hinterblieben", "illness", "cancer", "patient", "disease", "krank", "krebs",
    "selbsthilfe", "self-help", "self help", "support group", "suicid", "suizid",
    "depress", "addiction", "sucht", "children", "kinder", "eltern", "parents",
    "pflegende", "carers", "hospiz", "hospice", "palliativ", "palliative",
)  # fmt: skip


def suggest_sensitive(*texts: object) -> str | None:
    """The first word that suggests a sensitive community (grief, illness, support,
    children), or None; a suggestion the consultant confirms in ``sensitive``."""
    joined = " ".join(t for t in texts if isinstance(t, str)).lower()
    return next((w for w in SENSITIVE_WORDS if w in joined), None)


def parse_followers(value: object) -> object:
    """``'Instagram: 12.400; Facebook 3.100; TikTok'`` -> {'Instagram': 12400, ...}.

    Items are separated by ``;`` or ``|`` (a comma may be a thousands separator);
    followers are whole numbers, so thousands separators (``.``, ``,``, space) are dropped.
    A channel without a number has unknown followers (None). A value after ``:`` or ``=``
    that is not a whole number (``Instagram: -5``, ``TikTok: viele``) is an error.
    """
    if value is None:
        return {}
    if not isinstance(value, str):
        return value
    found: dict[str, int | None] = {}
    for part in re.split(r"[;|\n]", value):
        part = part.strip()
        if not part:
            continue
        name, sep, figure = part.partition(":") if ":" in part else part.partition("=")
        if sep:
            name, figure = name.strip(), figure.strip()
            if not name:
                raise ValueError(f"a channel name is missing before {part!r}")
            if not figure:
                found[name] = None
                continue
            if not re.fullmatch(r"\d[\d.,\s\u00a0]*", figure):
                raise ValueError(
                    f"{part!r}: followers must be a whole number of 0 or more "
                    "(Instagram: 12400), or nothing when unknown"
                )
            found[name] = int(re.sub(r"[.,\s\u00a0]", "", figure))
            continue
        m = re.match(r"^(.*?)[\s]*([\d][\d.,\s\u00a0]*)$", part)
        if m and m.group(1).strip():
            if m.group(1).rstrip().endswith("-"):
                raise ValueError(f"{part!r}: followers cannot be negative")
            digits = re.sub(r"[.,\s\u00a0]", "", m.group(2))
            found[m.group(1).strip()] = int(digits)
        elif re.search(r"\d", part) and not re.search(r"[A-Za-zÄÖÜäöüß]", part):
            raise ValueError(f"a channel name is missing before {part!r}")
        else:
            found[part] = None
    return found


class Community(Row):
    """A community, group, forum or platform where the audience talks."""

    name: Annotated[str, Field(min_length=1)]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    platform: str | None = None
    link: str | None = None
    #: members or followers
    size: Integer | None = Field(default=None, ge=0)
    #: posts per week by all members (how lively it is)
    activity_per_week: Number | None = Field(default=None, ge=0)
    #: the rules of conduct in a sentence or two
    rules: str | None = None
    rules_link: str | None = None
    companies: Literal[COMPANIES] = "unknown"  # type: ignore[valid-type]
    #: none, a ratio such as "1 in 10", dedicated threads or days, allowed
    self_promotion: str | None = None
    #: most posts per week one member may make
    max_posts_per_week: Number | None = Field(default=None, ge=0)
    moderators: str | None = None
    #: competitors present and what they do there
    competitors: str | None = None
    #: segment ids (segments.csv) the community reaches
    segments: TextList = []
    notes: str | None = None
    #: where companies == vendor_area: the name of that area or thread (a plan row's
    #: ``area`` or ``format`` must name it); empty: any area with "vendor" or "Anbieter"
    vendor_area: str | None = None
    #: only individuals may post, no company accounts (a plan row needs an ``author``)
    individuals_only: Flag | None = None
    #: may the firm answer questions as the firm where companies are not welcome
    #: (empty: no, where companies are not welcome; yes elsewhere)
    answers_allowed: Flag | None = None
    #: links allowed in posts (empty: yes)
    links_allowed: Flag | None = None
    #: the only weekdays the firm may post (``Fri``, ``Freitag``, ``Mon-Fri``); empty: any
    allowed_days: Annotated[list[int], BeforeValidator(parse_weekdays)] = []
    #: most new posts (threads) one company may make per week
    max_company_posts_per_week: Number | None = Field(default=None, ge=0)
    #: a place of grief, illness, support or children (empty: suggested from kind, name,
    #: rules and notes, to be confirmed)
    sensitive: Flag | None = None
    #: review platforms: number of reviews, average rating (stars), share answered (%)
    reviews: Integer | None = Field(default=None, ge=0)
    rating: Number | None = Field(default=None, ge=0, le=10)
    answer_rate_pct: Number | None = Field(default=None, ge=0, le=100)

    _kind = field_validator("kind", mode="before")(_word(_KIND_WORDS))
    _companies = field_validator("companies", mode="before")(_word(_COMPANY_WORDS))

    @field_validator("self_promotion")
    @classmethod
    def _promotion(cls, value: str | None) -> str | None:
        parse_self_promotion(value)
        return value


class Competitor(Row):
    """A competitor, its channels and how active it is: one row per competitor (old form,
    ``channels`` with followers), or one row per competitor and channel or community
    (``channel`` with ``followers``, ``posts_per_week`` and ``avg_interactions`` there)."""

    name: Annotated[str, Field(min_length=1)]
    #: one channel (a platform) or a community's name from communities.csv
    channel: str | None = None
    #: followers on that channel
    followers: Integer | None = Field(default=None, ge=0)
    #: no: checked, the competitor is not there (the evidence for an opening)
    present: Flag | None = None
    #: what it does there: warned, banned, praised ... (drawn as cases)
    notes: str | None = None
    #: channels with followers: ``Instagram: 12400; Facebook: 3100``
    channels: Annotated[dict[str, int | None], Field(default_factory=dict)]
    posts_per_week: Number | None = Field(default=None, ge=0)
    avg_interactions: Number | None = Field(default=None, ge=0)
    strengths: str | None = None
    weaknesses: str | None = None

    @field_validator("channels", mode="before")
    @classmethod
    def _channels(cls, value: object) -> object:
        return parse_followers(value)


class PlannedPost(Row):
    """One planned post of the content plan."""

    date: Date
    #: ``HH:MM`` (24 h); empty: the export's default time
    time: Annotated[str, Field(pattern=r"^([01]?\d|2[0-3])[:.][0-5]\d([:.][0-5]\d)?$")] | None = (
        None
    )
    #: a channel from channels.csv or a community's name from communities.csv
    channel: Annotated[str, Field(min_length=1)]
    format: str | None = None
    topic: str | None = None
    kind: Literal[POST_KINDS]  # type: ignore[valid-type]
    title: str | None = None
    teaser: str | None = None
    #: the message text, or a link to it
    message: str | None = None
    #: the sub-forum, thread or area of a community the post goes into
    area: str | None = None
    #: who posts: empty (the firm's account) or a person's name
    author: str | None = None
    #: contests: who watches the replies in the evenings and at the weekend
    moderation: str | None = None
    #: contests: the participation terms (a link, or where they are), ready before the start
    terms: str | None = None

    _kind = field_validator("kind", mode="before")(_word(_POST_KIND_WORDS))


class CommunitiesSettings(Section):
    """Settings of step 2 (communities and content plan)."""

    #: the largest share of promotion in a channel's posts (the 80/20 rule)
    max_promotion_pct: float = Field(default=20.0, ge=0, le=100)
    #: two messages at least this similar (TF-IDF cosine over words and characters, 0-100;
    #: see steps/communities/similarity.py) are repeats
    duplicate_threshold: float = Field(default=26.0, ge=5, le=100)
    #: messages shorter than this many words are not compared
    min_words: int = Field(default=4, ge=1)
    #: one message in this many communities or more counts as posted everywhere
    spread_limit: int = Field(default=3, ge=2)
    #: the time of day a post without a time is scheduled at in the calendar export
    default_time: Annotated[str, Field(pattern=r"^([01]?\d|2[0-3]):[0-5]\d$")] = "09:00"


INPUTS = StepInputs(
    step="communities",
    order=2,
    settings=CommunitiesSettings,
    tables=(
        TableSpec(
            "communities",
            Community,
            "Communities, groups, forums and platforms where the audience talks (step 2).",
            id_columns=("name",),
            aliases={
                "name": ("community", "gruppe", "group"),
                "kind": ("type", "art", "typ"),
                "activity_per_week": ("activity", "posts_per_week", "aktivität"),
                "companies": ("companies_welcome", "firmen", "firmen_willkommen"),
                "self_promotion": ("promotion", "eigenwerbung", "werbung"),
                "max_posts_per_week": ("posting_limit", "limit", "max_posts"),
                "moderators": ("moderator", "contact", "kontakt"),
                "rules_link": ("rules_url", "regeln_link"),
                "rules": ("regeln", "rules_summary"),
                "vendor_area": ("händlerbereich", "anbieterbereich", "vendor_thread"),
                "individuals_only": ("nur_privatpersonen", "individuals"),
                "answers_allowed": ("antworten_erlaubt", "answers"),
                "links_allowed": ("links_erlaubt", "links"),
                "allowed_days": ("erlaubte_tage", "days", "tage"),
                "max_company_posts_per_week": ("company_limit", "firmenlimit", "vendor_limit"),
                "sensitive": ("sensibel",),
                "reviews": ("bewertungen", "review_count", "anzahl_bewertungen"),
                "rating": ("note", "sterne", "stars", "average_rating"),
                "answer_rate_pct": ("answer_rate", "antwortquote", "beantwortet_pct"),
            },
            references=(Reference("segments", "segments", "segment"),),
            form=True,
        ),
        TableSpec(
            "competitors",
            Competitor,
            "Competitors, their channels and activity (step 2).",
            id_columns=("name", "channel"),
            aliases={
                "name": ("competitor", "wettbewerber", "mitbewerber"),
                "channels": ("channels_followers", "kanäle", "followers"),
                "avg_interactions": ("interactions_per_post", "interaktionen", "avg_engagement"),
                "strengths": ("good", "stärken"),
                "weaknesses": ("bad", "schwächen"),
                "channel": ("kanal", "platform", "community", "where"),
                "present": ("vorhanden", "aktiv", "active"),
                "notes": ("notizen", "bemerkungen", "beobachtung"),
            },
        ),
        TableSpec(
            "content_plan",
            PlannedPost,
            "The content plan: one planned post per row (step 2).",
            aliases={
                "date": ("datum", "day", "publish_date"),
                "time": ("uhrzeit", "zeit"),
                "channel": ("community", "kanal", "platform", "where"),
                "kind": ("type", "art", "content_kind"),
                "topic": ("thema",),
                "title": ("titel", "headline"),
                "teaser": ("summary", "zusammenfassung", "anriss"),
                "message": ("text", "link", "nachricht", "message_text"),
                "area": ("bereich", "subforum", "thread", "unterforum"),
                "author": ("autor", "von", "posted_by"),
                "moderation": ("moderation_plan", "betreuung", "who_watches"),
                "terms": ("teilnahmebedingungen", "conditions", "contest_terms"),
            },
        ),
    ),
)


__all__ = [
    "COMPANIES",
    "INPUTS",
    "KINDS",
    "POST_KINDS",
    "SENSITIVE_WORDS",
    "WEEKDAYS",
    "CommunitiesSettings",
    "Community",
    "Competitor",
    "PlannedPost",
    "parse_followers",
    "parse_self_promotion",
    "parse_weekdays",
    "suggest_sensitive",
]
